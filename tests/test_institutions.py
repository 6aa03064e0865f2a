"""Agencies and legal documents as data, and the scenario/target format 2 that names them by id."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from analysis import paths
from analysis.cli import main
from analysis.data.institutions import load_institutions
from analysis.emissions.scenarios import load_scenarios, parse_scenarios
from analysis.emissions.targets import parse_target_set
from analysis.errors import InputError
from analysis.narrative.legal import agency_label, cite
from analysis.run import build_run


def test__registers__every_reference_resolves_and_the_2025_reorganisation_is_there():
    reg = load_institutions()
    assert reg.current("so-khdt", dt.date(2026, 1, 1)).id == "so-tc"
    assert reg.current("so-khdt", dt.date(2025, 2, 1)).id == "so-khdt"  # a 2024 plan keeps the body it named
    assert reg.current("so-gtvt").id == "so-xd" and reg.current("so-tnmt").id == "so-nnmt"
    assert reg.current("ubnd-huyen", dt.date(2025, 7, 1)).id == "ubnd-xa"  # no district body after 1 July 2025
    assert reg.find_agency("Sở Kế hoạch và Đầu tư").id == "so-khdt"
    assert reg.find_agency("department of finance").id == "so-tc"
    for doc in reg.documents.values():  # amended/replaced point at documents that exist
        assert not doc.amended_by or doc.amended_by in reg.documents
        assert not doc.replaced_by or doc.replaced_by in reg.documents


@pytest.mark.parametrize(
    "doc, lang, expected",
    [
        ("qd-3070-2021-ubnd-brvt", "vi", "Quyết định số 3070/QĐ-UBND ngày 05/10/2021 của UBND tỉnh Bà Rịa – Vũng Tàu"),
        ("qd-896-2022-ttg", "vi", "Quyết định số 896/QĐ-TTg ngày 26/7/2022 của Thủ tướng Chính phủ"),
        (
            "nd-06-2022",
            "vi",
            "Nghị định số 06/2022/NĐ-CP ngày 07/1/2022 của Chính phủ, được sửa đổi, bổ sung bởi Nghị định số "
            "119/2025/NĐ-CP ngày 09/6/2025 của Chính phủ",
        ),
        ("luat-bvmt-2020", "vi", "Luật Bảo vệ môi trường số 72/2020/QH14 ngày 17/11/2020 của Quốc hội"),
        ("ndc-2022", "en", "Viet Nam NDC 2022 Update, submitted to the UNFCCC secretariat on 8 November 2022"),
        (
            "qd-3070-2021-ubnd-brvt",
            "en",
            "Decision No. 3070/QĐ-UBND of 5 October 2021 (People's Committee of Bà Rịa – Vũng Tàu Province)",
        ),
    ],
)
def test__cite__the_vietnamese_administrative_way(doc, lang, expected):
    assert cite(doc, lang) == expected


def test__cite__an_unverified_date_is_said_so_and_a_replaced_document_names_its_successor():
    assert cite("qd-888-2022-ttg", "vi").endswith("(ngày ban hành chưa xác minh)")
    assert "(đã được thay thế bởi Quyết định số 13/2024/QĐ-TTg ngày 13/8/2024" in cite("qd-01-2022-ttg", "vi")


def test__agency_label__today_s_body_with_the_former_one_in_brackets():
    assert agency_label("Sở Kế hoạch và Đầu tư", "vi") == "Sở Tài chính (trước đây Sở Kế hoạch và Đầu tư)"
    assert agency_label("so-ct", "en") == "Department of Industry and Trade"
    assert agency_label("so-khdt", "vi", on=dt.date(2024, 12, 1)) == "Sở Kế hoạch và Đầu tư"
    assert agency_label("Công ty Điện lực (test)", "vi") == "Công ty Điện lực (test)"  # not in the register: as written


FORMAT2 = {
    "format": 2,
    "provinces": ["Bà Rịa – Vũng Tàu"],
    "main": "plan",
    "scenarios": {
        "bau": {"measures": []},
        "plan": {
            "parent": "bau",
            "measures": [
                {
                    "id": "waste",
                    "sectors": ["Waste"],
                    "kind": "percent",
                    "percent": 10,
                    "start_year": 2025,
                    "full_effect_year": 2030,
                    "assumption": "test",
                    "lead": "so-nnmt",
                    "partners": ["so-xd"],
                    "deadline": "30/06/2026",
                    "next_step": {"vi": "Trình UBND phê duyệt đề án", "en": "Submit the scheme for approval"},
                    "documents": ["nd-06-2022"],
                }
            ],
        },
    },
}


def test__format_2__lead_partners_deadline_next_step_and_documents_are_read():
    m = parse_scenarios(FORMAT2, "s.yaml").scenarios["plan"].measures[0]
    assert (m.lead, m.partners, m.deadline) == ("so-nnmt", ("so-xd",), dt.date(2026, 6, 30))
    assert m.next_step["vi"] == "Trình UBND phê duyệt đề án" and m.documents == ("nd-06-2022",)


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("lead", "so-khdtt", "no agency 'so-khdtt'"),
        ("partners", ["so-xyz"], "no agency 'so-xyz'"),
        ("documents", ["nd-06-2020"], "no legal document 'nd-06-2020'"),
        ("deadline", "31/13/2026", "is not a date"),
    ],
)
def test__format_2__an_unknown_id_or_a_bad_date_is_a_located_error(key, value, message):
    import copy

    data = copy.deepcopy(FORMAT2)
    data["scenarios"]["plan"]["measures"][0][key] = value
    with pytest.raises(InputError) as exc:
        parse_scenarios(data, "s.yaml")
    text = str(exc.value)
    assert message in text and "scenarios.plan.measures[0]" in text and "s.yaml" in text


def test__target__document_and_view():
    data = {
        "format": 2,
        "provinces": "any",
        "targets": [
            {"id": "a", "kind": "net_zero", "year": 2050, "document": "qd-896-2022-ttg", "view": "gpc", "source": "x"}
        ],
    }
    target = parse_target_set(data, "t.yaml").targets[0]
    assert (target.document, target.view) == ("qd-896-2022-ttg", "gpc")
    data["targets"][0]["document"] = "qd-896-2020-ttg"
    with pytest.raises(InputError, match="qd-896-2022-ttg"):  # the closest id is suggested
        parse_target_set(data, "t.yaml")


OLD = """# a province's own file, written before format 2 (comments must survive the upgrade)
provinces: [Bà Rịa – Vũng Tàu]
main: plan
scenarios:
  bau: {measures: []}
  plan:
    parent: bau
    measures:
    - id: invest
      sectors: [IPPU]
      kind: percent
      percent: 5
      start_year: 2025
      full_effect_year: 2030
      assumption: screening rules (Decisions 2214/QĐ-UBND 2016 and 3636/QĐ-UBND 2018)
      lead: {vi: Sở Kế hoạch và Đầu tư, en: Department of Planning and Investment}
    - id: transport
      sectors: [Energy|Transport]
      kind: percent
      percent: 5
      start_year: 2025
      full_effect_year: 2030
      assumption: test  # keep me
      lead: {vi: "Sở Giao thông vận tải; Sở Công Thương", en: "DOT; DOIT"}
"""


def test__old_format__read_with_a_warning_and_a_former_agency_named_today(tmp_path, monkeypatch):
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    found = load_scenarios(path)
    assert found.format == 1 and found.scenarios["plan"].measures[0].lead == "so-khdt"
    run = build_run(province="BRVT", scenario_file=str(path), n_draws=0, lang="vi")
    codes = [w.code for w in run.warnings]
    assert "old_format" in codes and codes.count("former_agency") == 2  # Sở KH&ĐT and Sở GTVT
    from analysis.narrative import run as run_story
    from analysis.narrative.summary import action_table

    text = " ".join(run_story.describe_warnings(run, "vi"))
    assert "netzero upgrade" in text and "Sở Kế hoạch và Đầu tư" in text
    from analysis.run.facts import facts_for

    leads = set(action_table(facts_for(run, cache=False), "vi").iloc[:, 1])
    assert "Sở Tài chính (trước đây Sở Kế hoạch và Đầu tư)" in leads


def test__netzero_upgrade__writes_format_2_with_ids_of_today_and_keeps_comments(tmp_path, capsys):
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    assert main(["upgrade", str(path), "--in-place"]) == 0
    out = capsys.readouterr().out
    assert "lead: 'Sở Kế hoạch và Đầu tư' → so-tc (no longer exists" in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# a province's own file") and "# keep me" in text and "format: 2" in text
    assert "lead: so-xd" in text and "- so-ct" in text  # the first named is the lead, the other a partner
    assert "- qd-2214-2016-ubnd-brvt" in text and "- qd-3636-2018-ubnd-brvt" in text
    assert (tmp_path / "old.yaml.v1").read_text(encoding="utf-8") == OLD
    upgraded = load_scenarios(path)
    assert upgraded.format == 2 and [m.lead for m in upgraded.scenarios["plan"].measures] == ["so-tc", "so-xd"]
    assert main(["upgrade", str(path)]) == 0 and "already format 2" in capsys.readouterr().out


def test__shipped_files__are_format_2_and_name_no_body_that_no_longer_exists():
    from analysis.config.scenarios import FORMAT

    reg = load_institutions()
    for folder in ("scenarios", "targets"):
        for path in sorted((paths.CONFIG_DIR / folder).glob("*.yaml")):
            assert "format: 2" in path.read_text(encoding="utf-8"), path
    for path in sorted((paths.CONFIG_DIR / "scenarios").glob("*.yaml")):
        found = load_scenarios(path)
        assert found.format == FORMAT
        for m in found.all_measures():
            for agency in (m.lead, *m.partners):
                assert not agency or reg.current(agency).id == agency, (path.name, m.id, agency)


def test__copy_of_project__upgrade_of_every_file_is_a_no_op(tmp_path):
    for folder in ("scenarios", "targets"):
        shutil.copytree(paths.CONFIG_DIR / folder, tmp_path / folder)
    files = [str(p) for p in sorted(tmp_path.rglob("*.yaml"))]
    assert main(["upgrade", *files]) == 0
    assert not list(tmp_path.rglob("*.v2.yaml"))

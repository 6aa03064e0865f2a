"""write_batch_index: the batch's index.html (headline figures, relative links, escaping)."""

from __future__ import annotations

import re
from pathlib import Path

from analysis.report.index_page import format_headline, write_batch_index

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def _runs(batch: Path) -> list[dict]:
    run = batch / "brvt vi"
    run.mkdir(parents=True)
    for ext in ("html", "pdf", "xlsx"):
        (run / f"report.{ext}").write_text("x")
    return [
        {
            "run_id": "brvt-vi",
            "province": "Bà Rịa – Vũng Tàu",
            "scenarios": ["bau", "<script>alert(1)</script>"],
            "lang": "vi",
            "html": run / "report.html",
            "pdf": "brvt vi/report.pdf",
            "xlsx": run / "report.xlsx",
            "ipynb": FIXTURES / "sample_vi.ipynb",
        },
        {
            "run_id": "brvt-en",
            "province": "Bà Rịa – Vũng Tàu",
            "lang": "en",
            "status": "failed",
            "error": "KeyError: <b>",
            "headlines": {"bau_2030": 1234.56, "target_met": {"value": False}},
        },
    ]


def test__write_batch_index__lists_runs_with_headlines_and_relative_links(tmp_path):
    batch = tmp_path / "default"
    page = write_batch_index(batch, _runs(batch))
    assert page == batch / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "29,0" in html and "21,0" in html and "28%" in html and ">đạt<" in html and ">12<" in html
    assert "1.234,6" in html and "chưa đạt" in html and "lỗi" in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs == ["data:,", "brvt%20vi/report.html", "brvt%20vi/report.pdf", "brvt%20vi/report.xlsx"]
    for href in hrefs[1:]:
        assert (batch / href.replace("%20", " ")).exists()
    assert str(tmp_path) not in html


def test__write_batch_index__escapes_every_string(tmp_path):
    batch = tmp_path / "b<i>"
    html = write_batch_index(batch, _runs(batch)).read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "KeyError: &lt;b&gt;" in html and "b&lt;i&gt;" in html


def test__write_batch_index__english_and_empty(tmp_path):
    html = write_batch_index(tmp_path, [], lang="en", batch_name="demo").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Reports of batch demo" in html and "This batch has no runs." in html


def test__format_headline__cases():
    assert format_headline("bau_2030", 1234.5, "vi") == "1.234,5"
    assert format_headline("bau_2030", 1234.5, "en") == "1,234.5"
    assert format_headline("pct_below_bau", 8, "vi") == "8,0%"
    assert format_headline("target_met", True, "en") == "met"
    assert format_headline("pgi_rank", 12.0, "vi") == "12"
    assert format_headline("pgi_rank", None, "vi") == "–"


def test__collect_runs__reads_run_manifests(tmp_path):
    import json
    import shutil

    from analysis.report.index_page import collect_runs

    ok, bad = tmp_path / "b-run", tmp_path / "a-run"
    ok.mkdir(), bad.mkdir()
    shutil.copy(FIXTURES / "sample_vi.ipynb", ok / "report.ipynb")
    (ok / "report.html").write_text("x")
    (ok / "manifest.json").write_text(
        json.dumps(
            {
                "run_id": "b-run",
                "status": "ok",
                "error": None,
                "outputs": ["report.ipynb", "run.log", "report.html"],
                "parameters": {"province": "Bà Rịa – Vũng Tàu", "scenario": "bau", "lang": "vi"},
            }
        )
    )
    (bad / "manifest.json").write_text(
        json.dumps(
            {
                "run_id": "a-run",
                "status": "failed",
                "error": {"stage": "execute", "ename": "KeyError", "evalue": "'x'"},
                "outputs": ["run.log"],
                "parameters": {"lang": "en"},
            }
        )
    )
    runs = collect_runs(tmp_path)
    assert [r["run_id"] for r in runs] == ["a-run", "b-run"]
    assert runs[0]["status"] == "failed" and runs[0]["error"] == "KeyError: 'x'" and "html" not in runs[0]
    assert runs[1]["html"] == ok / "report.html" and "scenarios" not in runs[1]  # ids are never shown
    html = write_batch_index(tmp_path, runs).read_text(encoding="utf-8")
    assert 'href="b-run/report.html"' in html and "29,0" in html and "KeyError: &#x27;x&#x27;" in html


def test__write_batch_index__groups_runs_by_province_with_a_list_of_provinces(tmp_path):
    runs = [
        {
            "run_id": f"{nb}__{slug}__vi",
            "province": province,
            "lang": "vi",
            "headlines": {},
            "status": "failed" if nb == "b" and slug == "dong-nai" else "ok",
        }
        for nb in ("a", "b")
        for slug, province in (("tay-ninh", "Tây Ninh"), ("dong-nai", "Đồng Nai"))
    ]
    runs.append({"run_id": "index_only__vi", "lang": "vi", "headlines": {}})
    html = write_batch_index(tmp_path, runs, lang="en").read_text(encoding="utf-8")
    sections = re.findall(r'<section id="(p\d)">\n<h2>([^<]+)</h2>\n<p class="muted">([^<]+)</p>', html)
    # alphabetical ignoring accents (Đ sorts as D), the runs without a province last
    assert sections == [
        ("p1", "Đồng Nai", "Runs: 2; failed: 1"),
        ("p2", "Tây Ninh", "Runs: 2; failed: 0"),
        ("p3", "Not for one province", "Runs: 1; failed: 0"),
    ]
    assert re.findall(r'<li><a href="#(p\d)">', html) == ["p1", "p2", "p3"]
    dong_nai = html[html.index('<section id="p1">') : html.index('<section id="p2">')]
    assert "a__dong-nai__vi" in dong_nai and "b__dong-nai__vi" in dong_nai and "tay-ninh" not in dong_nai


def test__index_page__speaks_the_readers_words_verdict_with_probability_no_ids(tmp_path):
    import html as html_lib

    runs = [
        {
            "run_id": "00_summary__ba-ria-vung-tau__vi",
            "title": "Tóm tắt: lộ trình Net Zero của Bà Rịa – Vũng Tàu",
            "province": "Bà Rịa – Vũng Tàu",
            "lang": "vi",
            "scenarios": ["Kế hoạch hành động 2030"],
            "headlines": {
                "bau_2035": 39.36,
                "scenario_2035": 35.45,
                "pct_below_bau_2035": 9.92,
                "target_met_2035": True,
                "p_met_2035": 0.3545,
            },
        },
        {
            "run_id": "02_x__dong-nai__en",
            "title": "Lộ trình của Đồng Nai",
            "province": "Đồng Nai",
            "lang": "en",
            "headlines": {"target_met_2035": True, "p_met_2035": 0.81},
        },
    ]
    page = write_batch_index(tmp_path, runs).read_text(encoding="utf-8")
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", page, flags=re.S)))
    assert "BAU 2035 (triệu tấn CO₂tđ)" in text and "Kịch bản chính 2035" in text
    assert "có nguy cơ không đạt (xác suất đạt 35%)" in text  # met on the central path, P(met) < 50 %
    assert "đạt (xác suất đạt 81%)" in text
    assert "Tiếng Việt" in text and "Tiếng Anh" in text and "Tóm tắt: lộ trình Net Zero" in text
    assert "00_summary__" not in text and "__vi" not in text  # the run id stays in the markup
    assert 'data-run="00_summary__ba-ria-vung-tau__vi"' in page
    assert re.search(r"Tạo lúc: \d{2}/\d{2}/\d{4} \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)", text)


def test__index_page__says_which_runs_ran_outside_the_lock(tmp_path):
    """A run whose manifest lists packages that differ from uv.lock is flagged on the index page, by package."""
    import json

    from analysis.report.index_page import collect_runs

    for name, differs in (("a-run", []), ("b-run", [{"package": "numpy", "locked": "2.4.6", "installed": "2.5.0"}])):
        (tmp_path / name).mkdir()
        manifest = {"run_id": name, "status": "ok", "outputs": [], "parameters": {"lang": "vi"}}
        manifest["environment"] = {"lock": {"sha256": "ab" * 32, "matches": not differs, "differs": differs}}
        (tmp_path / name / "manifest.json").write_text(json.dumps(manifest))
    runs = collect_runs(tmp_path)
    assert [r["lock_differs"] for r in runs] == [[], ["numpy"]]
    html = write_batch_index(tmp_path, runs, lang="vi").read_text(encoding="utf-8")
    assert "1 lượt chạy dùng phiên bản gói phần mềm khác với tệp khóa uv.lock (numpy)" in html
    html = write_batch_index(tmp_path, runs[:1], lang="en").read_text(encoding="utf-8")
    assert "uv.lock" not in html

"""The data overview's facts: a province's own files are listed in its reports only."""

from __future__ import annotations

from analysis.data.overview import collect_facts
from analysis.data.provenance import load_sources
from analysis.narrative.overview import sources_table


def test__sources__a_provinces_own_files_appear_in_its_reports_and_its_units_only():
    own = {s.path for s in load_sources() if s.province == "Bà Rịa – Vũng Tàu"}
    assert own and all(p.startswith("brvt/") for p in own)
    dong_nai = collect_facts("Đồng Nai")
    assert not own & set(dong_nai.sources["path"])
    text = " ".join(sources_table(dong_nai, "vi").astype(str).to_numpy().ravel())
    assert "Bà Rịa" not in text and "Kế hoạch" not in text
    assert own <= set(collect_facts("BRVT").sources["path"])
    assert own <= set(collect_facts("Hồ Chí Minh", 2025).sources["path"])  # the unit it merged into
    assert len(dong_nai.sources) == len(load_sources()) - len(own)


def test__territory__the_overview_says_what_moved_off_brvt_and_that_nothing_moved_elsewhere():
    from analysis.i18n import fmt_mt
    from analysis.inventory import reconciliation, territorial_moves
    from analysis.narrative.overview import describe_territory, reconciliation_table

    for name, admin_map in (("Bà Rịa – Vũng Tàu", 2024), ("TP. Hồ Chí Minh", 2025), ("Lai Châu", 2025)):
        facts = collect_facts(name, admin_map)
        moves, checked = territorial_moves(2023, admin_map=admin_map), reconciliation(2023, admin_map=admin_map)
        moved = moves[moves["province"] == facts.name]
        for lang in ("vi", "en"):
            text = describe_territory(facts, moves, checked, 2023, lang)
            assert fmt_mt(checked["not_allocated"].sum() / 1e6, lang) in text  # the national line, 7.3 Mt
            if moved.empty:
                assert ("không thay đổi" if lang == "vi" else "Nothing moved") in text
            else:
                row = moved.iloc[0]
                for value in (row["before_tco2e"], row["after_tco2e"], row["moved_tco2e"]):
                    assert fmt_mt(value / 1e6, lang) in text
        assert (name == "Lai Châu") == moved.empty
    table = reconciliation_table(reconciliation(2023, admin_map=2025), "en")
    national, provinces, line = (table[c] for c in table.columns[1:])
    assert (national - provinces - line).abs().max() < 1e-6 and line.gt(0).sum() == 1

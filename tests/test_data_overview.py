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

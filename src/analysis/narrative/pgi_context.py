"""PGI section headings, the data-coverage sentence and the 2025 map sentence, in ``vi`` or ``en``.

Inputs: :func:`analysis.index.province.summarise_coverage` and the province registry. Output: strings.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import t


def describe_coverage(coverage: pd.DataFrame, year: int, lang: str, with_caveat: bool = False) -> str:
    """How many provinces have a score and all sub-indices in ``year`` (and, with ``with_caveat``, the
    year's caveat: the 2022 pilot, the 2024 top 30)."""
    from analysis.index.pgi import note_year

    row = coverage[coverage["year"] == year].iloc[0]
    text = t(
        "pgi_coverage",
        lang,
        year=year,
        n=int(row["n_provinces"]),
        n_score=int(row["n_score"]),
        n_all=int(row["n_all_indicators"]),
    )
    caveat = note_year(year, lang) if with_caveat else ""
    return f"{text} {caveat[0].upper()}{caveat[1:]}." if caveat else text


def describe_merger(province: str, lang: str) -> str:
    from analysis.data.provinces import get_registry

    unit = get_registry().unit(province)
    if list(unit.constituents) == [province]:
        return t("pgi_merger_same", lang, province=province)
    others = [c for c in unit.constituents if c != province]
    if unit.name == province:
        return t("pgi_merger_into", lang, province=province, others=", ".join(others))
    return t("pgi_merger", lang, province=province, unit=unit.name, members=", ".join(unit.constituents))


def describe_unit_scores(index_table, unit: str, year: int, lang: str) -> str:
    """A 2025 unit's PGI in one sentence: VCCI scored the 63 former provinces, so each of its former provinces'
    score and rank in ``year`` (or that it has none), and that no score is computed for the unit."""
    from analysis.data.provinces import get_registry
    from analysis.index.pgi import national_rank
    from analysis.narrative.pgi_words import points

    reg = get_registry()
    parts = []
    for member in reg.unit(unit).constituents:
        name = reg.display_name(member)
        rank = national_rank(index_table, member, year)
        if rank.score is None:
            parts.append(t("pgi_unit_member_none", lang, province=name))
        elif rank.rank is None:
            parts.append(t("pgi_unit_member_score", lang, province=name, score=points(rank.score, lang)))
        else:
            parts.append(t("pgi_unit_member", lang, province=name, score=points(rank.score, lang), rank=rank.rank))
    return t("pgi_unit_scores", lang, year=year, unit=unit, members="; ".join(parts))

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

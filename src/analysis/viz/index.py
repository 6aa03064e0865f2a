"""Charts of a composite index (PGI, PCI …), in Vietnamese or English.

Inputs: tables from :mod:`analysis.index` (index table, sub-index profile, rank intervals) and the
index's :class:`~analysis.index.spec.IndexSpec` for indicator labels. Outputs: matplotlib Figures
(never shown): :func:`plot_ranking_bar`, :func:`plot_subindex_profile`, :func:`plot_subindex_heatmap`,
:func:`plot_slope`, :func:`plot_rank_intervals`. Each has a title, axis units and a source line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from analysis.i18n import add_strings, fmt_number, t
from analysis.index.pgi import CAVEATS, DEFAULT_PROVINCE, SOURCE_LINE
from analysis.index.spec import IndexSpec
from analysis.viz.style import HIGHLIGHT, MUTED, OKABE_ITO, finish, new_figure

add_strings({
    "index_ranking_title": {"vi": "{index} {year}: điểm của {n} tỉnh/thành phố có điểm",
                            "en": "{index} {year}: score of the {n} provinces with a score"},
    "index_points": {"vi": "Điểm ({low}–{high})", "en": "Score ({low}–{high})"},
    "index_profile_title": {"vi": "{province}: chỉ số thành phần {index} {year}",
                            "en": "{province}: {index} sub-indices, {year}"},
    "index_subindex_points": {"vi": "Điểm chỉ số thành phần (0–10)", "en": "Sub-index score (0–10)"},
    "index_region_mean": {"vi": "Trung bình vùng (n={n})", "en": "Regional mean (n={n})"},
    "index_region_best": {"vi": "Cao nhất vùng", "en": "Regional best"},
    "index_leader": {"vi": "Dẫn đầu: {name} (hạng {rank})", "en": "Leader: {name} (rank {rank})"},
    "index_heatmap_title": {"vi": "{index} {year}: chỉ số thành phần của {n} tỉnh có đủ dữ liệu",
                            "en": "{index} {year}: sub-indices of the {n} provinces with complete data"},
    "index_slope_title": {"vi": "{index}: thứ hạng {first}–{last}", "en": "{index}: rank {first}–{last}"},
    "index_rank_axis": {"vi": "Thứ hạng (1 = cao nhất)", "en": "Rank (1 = best)"},
    "index_interval_title": {"vi": "{index} {year}: khoảng thứ hạng 5–95 % khi trọng số thay đổi",
                             "en": "{index} {year}: 5–95% rank interval under uncertain weights"},
    "index_interval_note": {"vi": "trong {n} tỉnh có đủ chỉ số thành phần; {draws} lần mô phỏng",
                            "en": "among the {n} provinces with all sub-indices; {draws} draws"},
    "index_nominal": {"vi": "Thứ hạng danh nghĩa", "en": "Nominal rank"},
    "index_published": {"vi": "công bố", "en": "published"},
})


def _source(source: str | None, lang: str) -> str:
    return source if source is not None else SOURCE_LINE[lang]


def plot_ranking_bar(index_table: pd.DataFrame, year: int, province: str = DEFAULT_PROVINCE, *, lang: str = "vi",
                     index_name: str = "PGI", score_range: tuple[float, float] = (0, 40), source: str | None = None):
    """Horizontal bars of every score in ``year`` (best on top), ``province`` highlighted with its rank."""
    rows = index_table[(index_table["year"] == year) & index_table["score"].notna()].sort_values("score")
    fig, ax = new_figure(height_ratio=max(0.55, 0.028 * len(rows) + 0.2))
    colors = [HIGHLIGHT if p == province else MUTED for p in rows["province"]]
    ax.barh(rows["province"], rows["score"], color=colors, height=0.75)
    for i, r in enumerate(rows.itertuples()):
        label = fmt_number(r.score, lang, 2)
        if pd.notna(r.rank):
            label += f"  (#{int(r.rank)})"
        ax.text(r.score + 0.2, i, label, va="center", fontsize=6.5,
                color=HIGHLIGHT if r.province == province else "#444444",
                fontweight="bold" if r.province == province else "normal")
    ax.set_xlim(score_range[0], score_range[1] * 1.08)
    ax.tick_params(axis="y", labelsize=6.5)
    ax.grid(axis="y", visible=False)
    return finish(fig, ax, title=t("index_ranking_title", lang, index=index_name, year=year, n=len(rows)),
                  source=_source(source, lang), lang=lang,
                  xlabel=t("index_points", lang, low=score_range[0], high=score_range[1]))


def plot_subindex_profile(profile: pd.DataFrame, spec: IndexSpec, province: str, year: int, *, lang: str = "vi",
                          source: str | None = None):
    """Dot chart of ``province``'s indicators against the regional mean, regional best and national leader
    (``profile`` from :func:`analysis.index.province.profile_subindices`)."""
    fig, ax = new_figure(height_ratio=0.5)
    y = np.arange(len(profile))[::-1]
    leader = profile["leader"].dropna()
    series = [
        ("region_mean", t("index_region_mean", lang, n=int(profile["region_n"].min())), OKABE_ITO["sky"], "s"),
        ("region_best", t("index_region_best", lang), OKABE_ITO["green"], "^"),
        ("leader_value", t("index_leader", lang, name=leader.iloc[0] if len(leader) else "–",
                           rank=profile["leader_rank"].iloc[0]), OKABE_ITO["black"], "D"),
        ("value", province, HIGHLIGHT, "o"),
    ]
    for col, label, color, marker in series:
        ax.scatter(profile[col], y, label=label, color=color, marker=marker, s=60 if col == "value" else 35,
                   zorder=3, edgecolor="white", linewidth=0.5)
    ax.hlines(y, 0, 10, color="#EEEEEE", zorder=1)
    ax.set_yticks(y, [_wrap(spec.label(i, lang)) for i in profile["indicator"]], fontsize=7)
    ax.set_xlim(0, 10)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.35, -0.3), ncol=2)
    return finish(fig, ax, title=t("index_profile_title", lang, province=province, index=spec.name, year=year),
                  source=_source(source, lang), lang=lang, xlabel=t("index_subindex_points", lang))


def _wrap(text: str, width: int = 38) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join([*lines, line])


def plot_subindex_heatmap(index_table: pd.DataFrame, spec: IndexSpec, year: int, province: str = DEFAULT_PROVINCE,
                          *, lang: str = "vi", source: str | None = None):
    """Heatmap (seaborn) of the indicators of every province with complete data in ``year``, by score."""
    rows = index_table[index_table["year"] == year].dropna(subset=spec.indicators).sort_values("score",
                                                                                               ascending=False)
    matrix = rows.set_index("province")[spec.indicators]
    matrix.columns = [f"({i + 1}) " + _wrap(spec.label(c, lang), 17) for i, c in enumerate(spec.indicators)]
    fig, ax = new_figure(height_ratio=max(0.6, 0.03 * len(rows) + 0.35))
    annot = matrix.map(lambda v: fmt_number(v, lang, 2))
    sns.heatmap(matrix, ax=ax, cmap="YlGn", vmin=spec.bounds[0] if spec.bounds else None,
                vmax=spec.bounds[1] if spec.bounds else None, annot=annot, fmt="", annot_kws={"fontsize": 5.5},
                cbar_kws={"label": t("index_subindex_points", lang), "shrink": 0.6}, linewidths=0.3)
    ax.tick_params(axis="y", labelsize=6)
    ax.tick_params(axis="x", labelsize=5.5, rotation=0)
    for label in ax.get_yticklabels():
        if label.get_text() == province:
            label.set_color(HIGHLIGHT)
            label.set_fontweight("bold")
    ax.set_ylabel("")
    ax.grid(False)
    return finish(fig, ax, title=t("index_heatmap_title", lang, index=spec.name, year=year, n=len(rows)),
                  source=_source(source, lang), lang=lang)


def plot_slope(index_table: pd.DataFrame, provinces: list[str], *, lang: str = "vi", index_name: str = "PGI",
               highlight: str = DEFAULT_PROVINCE, source: str | None = None, note: str | None = None):
    """Slope chart of national ranks across years (published or computed; gaps where no rank exists).

    ``note`` is added to the source line; for the PGI it defaults to the 2022-pilot caveat.
    """
    rows = index_table[index_table["province"].isin(provinces)].sort_values("year")
    years = sorted(index_table["year"].unique())
    fig, ax = new_figure(height_ratio=0.6)
    palette = [OKABE_ITO[k] for k in ("blue", "green", "purple", "orange", "sky", "black")]
    labels = []
    for k, (name, part) in enumerate(rows.groupby("province", sort=False)):
        color = HIGHLIGHT if name == highlight else palette[k % len(palette)]
        ranks = part.set_index("year")["rank"].reindex(years).astype(float)
        ax.plot(years, ranks, marker="o", color=color, linewidth=2.2 if name == highlight else 1.2, label=name)
        last = ranks.dropna()
        if len(last):
            labels.append([float(last.iloc[-1]), last.index[-1], f"{name} (#{int(last.iloc[-1])})", color])
    ax.invert_yaxis()
    span = max(float(rows["rank"].max() if rows["rank"].notna().any() else 1), 10.0)
    for year in years:  # push end labels in the same column apart so they do not overlap
        column = sorted((lab for lab in labels if lab[1] == year), key=lambda lab: lab[0])
        for above, below in zip(column, column[1:], strict=False):
            below[0] = max(below[0], above[0] + span / 22)
    for y_text, year, text, color in labels:
        ax.annotate(text, (year, y_text), xytext=(6, 0), textcoords="offset points", va="center", fontsize=7,
                    color=color)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.2, years[-1] + 0.9)
    if note is None and index_name == "PGI":
        note = CAVEATS["pilot"][lang]
    return finish(fig, ax, title=t("index_slope_title", lang, index=index_name, first=years[0], last=years[-1]),
                  source=_source(source, lang) + (f". {note}" if note else ""), lang=lang,
                  ylabel=t("index_rank_axis", lang))


def plot_rank_intervals(intervals: pd.DataFrame, year: int, province: str = DEFAULT_PROVINCE, *, lang: str = "vi",
                        index_name: str = "PGI", source: str | None = None):
    """5th–95th percentile rank interval per province (from
    :func:`analysis.index.robustness.summarise_rank_intervals`), nominal rank as a dot."""
    rows = intervals.sort_values("nominal_rank", ascending=False)
    fig, ax = new_figure(height_ratio=max(0.55, 0.028 * len(rows) + 0.25))
    y = np.arange(len(rows))
    colors = [HIGHLIGHT if p == province else OKABE_ITO["blue"] for p in rows["province"]]
    ax.hlines(y, rows["rank_low"], rows["rank_high"], colors=colors, linewidth=2.5, alpha=0.6)
    ax.scatter(rows["nominal_rank"], y, color=colors, s=14, zorder=3, label=t("index_nominal", lang))
    ax.set_yticks(y, rows["province"], fontsize=6.5)
    for label in ax.get_yticklabels():
        if label.get_text() == province:
            label.set_color(HIGHLIGHT)
            label.set_fontweight("bold")
    ax.invert_xaxis()
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower left")
    note = t("index_interval_note", lang, n=int(rows["field_size"].iloc[0]),
             draws=fmt_number(int(rows["n_draws"].iloc[0]), lang, 0))
    return finish(fig, ax, title=t("index_interval_title", lang, index=index_name, year=year),
                  source=f"{_source(source, lang)}; {note}", lang=lang, xlabel=t("index_rank_axis", lang))

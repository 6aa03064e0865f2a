"""Charts of a composite index (PGI, PCI …), in Vietnamese or English.

Inputs: tables from :mod:`analysis.index` (index table, sub-index profile, rank intervals) and the
index's :class:`~analysis.index.spec.IndexSpec` for indicator labels. Outputs: matplotlib Figures
(never shown): :func:`plot_ranking_bar`, :func:`plot_subindex_profile`, :func:`plot_subindex_heatmap`,
:func:`plot_slope`, :func:`plot_rank_intervals`. Each has a title, axis units and a source line.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import seaborn as sns

from analysis.i18n import fmt_number, t
from analysis.index.spec import IndexSpec
from analysis.viz.shared import drawn_once
from analysis.viz.style import HIGHLIGHT, MUTED, OKABE_ITO, finish, new_figure


def _source(source: str | None, lang: str) -> str:
    return source if source is not None else t("pgi_source_line", lang)


def _ranking_rows(order: pd.DataFrame, lang: str) -> list[dict]:
    """Rows of the ranking chart: runs of empty places collapse into one row that says how many."""
    rows, i = [], 0
    while i < len(order):
        r = order.iloc[i]
        if r["kind"] == "unknown":
            j = i
            while j < len(order) and order.iloc[j]["kind"] == "unknown":
                j += 1
            first, last = int(order.iloc[i]["position"]), int(order.iloc[j - 1]["position"])
            key, places = (
                ("index_place_unknown", str(first)) if first == last else ("index_places_unknown", f"{first}–{last}")
            )
            rows.append(
                {
                    "label": t(key, lang, places=places, n=j - i),
                    "score": np.nan,
                    "rank": None,
                    "province": None,
                    "position": last,
                }
            )
            i = j
            continue
        rows.append(
            {
                "label": r["province"],
                "score": r["score"],
                "province": r["province"],
                "rank": None if pd.isna(r["rank"]) else int(r["rank"]),
                "position": int(r["position"]),
            }
        )
        i += 1
    return rows


def plot_ranking_bar(
    index_table: pd.DataFrame,
    year: int,
    province: str,
    *,
    lang: str = "vi",
    index_name: str = "PGI",
    score_range: tuple[float, float] = (0, 40),
    source: str | None = None,
    n_ranked: int | None = None,
    show_outside: bool | None = None,
):
    """Horizontal bars in the order of the national ranking (best on top), ``province`` highlighted.

    Provinces with a rank sit at their rank, so a bar's position always agrees with its rank label;
    places of the ranking the sources do not fill are one labelled row ("places 11–12: not in the
    sources"); a ranked province without a published score is named with no bar; provinces with a
    score but no rank follow in score order without a rank label. ``n_ranked``: how many provinces were
    ranked (default for the PGI: VCCI's top 30 in 2024; see :func:`analysis.index.standing.order_ranking`).
    ``show_outside``: draw the provinces outside a partial ranking (default: only when ``province`` is one of
    them; otherwise the source line says how many are left out and their score range).
    """
    from analysis.index.pgi import count_ranked
    from analysis.index.standing import order_ranking

    if n_ranked is None and index_name == "PGI":
        n_ranked = count_ranked(year)
    order = order_ranking(index_table, year, n_ranked)
    n_year = index_table.loc[index_table["year"] == year, "province"].nunique()
    places = max([n_ranked or 0, *order.loc[order["rank"].notna(), "position"]])
    outside = order[order["position"] > places]
    if show_outside is None:
        show_outside = not (n_ranked and n_ranked < n_year) or province in set(outside["province"])
    left_out = (
        ""
        if show_outside or outside.empty
        else t(
            "index_left_out",
            lang,
            n=len(outside),
            n_ranked=n_ranked,
            low=fmt_number(outside["score"].min(), lang, 2),
            high=fmt_number(outside["score"].max(), lang, 2),
        )
    )
    rows = _ranking_rows(order if show_outside else order[order["position"] <= places], lang)
    n_scored = int(index_table.loc[index_table["year"] == year, "score"].notna().sum())
    fig, ax = new_figure(height_ratio=max(0.55, 0.028 * len(rows) + 0.2))
    y = np.arange(len(rows))[::-1]
    scores = np.array([r["score"] for r in rows], dtype=float)
    colors = [HIGHLIGHT if r["province"] == province else MUTED for r in rows]
    drawn = ~np.isnan(scores)
    ax.barh(y[drawn], scores[drawn], color=[c for c, d in zip(colors, drawn, strict=True) if d], height=0.75)
    for yi, r in zip(y, rows, strict=True):
        bold = r["province"] == province
        if np.isnan(r["score"]):
            text = t("index_no_score", lang) if r["province"] is not None else ""
        else:
            text = fmt_number(r["score"], lang, 2)
        ax.text(
            (0 if np.isnan(r["score"]) else r["score"]) + 0.2,
            yi,
            text,
            va="center",
            fontsize=6.5,
            color=HIGHLIGHT if bold else "#444444",
            fontweight="bold" if bold else "normal",
        )
    ax.set_yticks(y, [f"{r['rank']}. {r['label']}" if r["rank"] is not None else r["label"] for r in rows])
    for label, r in zip(ax.get_yticklabels(), rows, strict=True):
        if r["province"] == province:
            label.set_color(HIGHLIGHT)
            label.set_fontweight("bold")
        elif r["province"] is None:
            label.set_color("#777777")
            label.set_fontstyle("italic")
    last_ranked = max([r["position"] for r in rows if r["rank"] is not None] + [n_ranked or 0])
    inside = sum(1 for r in rows if r["position"] <= last_ranked)
    if show_outside and n_ranked and n_ranked < n_year and 0 < inside < len(rows):
        cut = y[inside - 1] - 0.5
        ax.axhline(cut, color="#777777", linestyle="--", linewidth=0.8)
        ax.text(
            score_range[1] * 1.06,
            cut - 0.3,
            _wrap(t("index_unranked_below", lang, n_ranked=n_ranked), 24),
            ha="right",
            va="top",
            fontsize=6.5,
            color="#555555",
            style="italic",
        )
    ax.set_xlim(score_range[0], score_range[1] * 1.08)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.tick_params(axis="y", labelsize=6.5)
    ax.grid(axis="y", visible=False)
    note = t("index_ranking_note", lang)
    title_key = (
        ("index_ranking_title_partial" if show_outside else "index_ranking_title_top")
        if n_ranked and n_ranked < n_year
        else "index_ranking_title"
    )
    return finish(
        fig,
        ax,
        title=t(title_key, lang, index=index_name, year=year, n=n_scored, n_ranked=n_ranked),
        source=f"{_source(source, lang)}. {note}{left_out}",
        lang=lang,
        xlabel=t("index_points", lang, low=score_range[0], high=score_range[1]),
    )


def plot_subindex_profile(
    profile: pd.DataFrame, spec: IndexSpec, province: str, year: int, *, lang: str = "vi", source: str | None = None
):
    """Dot chart of ``province``'s indicators against the regional mean, regional best and national leader
    (``profile`` from :func:`analysis.index.province.profile_subindices`)."""
    fig, ax = new_figure(height_ratio=0.5)
    y = np.arange(len(profile))[::-1]
    series = [
        ("region_mean", t("index_region_mean", lang, n=int(profile["region_n"].min())), OKABE_ITO["sky"], "s"),
        ("region_best", t("index_region_best", lang), OKABE_ITO["green"], "^"),
        ("leader_value", _leader_label(profile, lang), OKABE_ITO["black"], "D"),
        ("top5_threshold", t("index_fifth_best", lang, n=int(profile["n_with_data"].max())), OKABE_ITO["purple"], "v"),
        ("value", province, HIGHLIGHT, "o"),
    ]
    for col, label, color, marker in series:
        if profile[col].isna().all():  # e.g. a regional mean of fewer than three provinces is not drawn
            continue
        ax.scatter(
            profile[col],
            y,
            label=label,
            color=color,
            marker=marker,
            s=60 if col == "value" else 35,
            zorder=3,
            edgecolor="white",
            linewidth=0.5,
        )
    ax.hlines(y, 0, 10, color="#EEEEEE", zorder=1)
    ax.set_yticks(y, [_wrap(spec.label(i, lang)) for i in profile["indicator"]], fontsize=7)
    ax.set_xlim(0, 10)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.35, -0.3), ncol=2)
    return finish(
        fig,
        ax,
        title=t("index_profile_title", lang, province=province, index=spec.name, year=year),
        source=_source(source, lang),
        lang=lang,
        xlabel=t("index_subindex_points", lang),
    )


def _leader_label(profile: pd.DataFrame, lang: str) -> str:
    leader, rank = profile["leader"].dropna(), profile["leader_rank"].iloc[0]
    if not len(leader):
        return "–"
    if pd.isna(rank):
        return t("index_leader_norank", lang, name=leader.iloc[0])
    return t("index_leader", lang, name=leader.iloc[0], rank=int(rank))


def _wrap(text: str, width: int = 38) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join([*lines, line])


@contextlib.contextmanager
def _no_overlap_draw():
    """seaborn's heatmap draws the whole figure once to test whether its tick labels overlap, only to rotate them;
    the rotation is set here after it (x level, y level), so that draw (a tenth of the chart's time) is skipped."""
    from seaborn import matrix

    drawn = getattr(matrix, "_draw_figure", None)
    if drawn is None:  # another seaborn: let it draw
        yield
        return
    matrix._draw_figure = lambda fig: None
    try:
        yield
    finally:
        matrix._draw_figure = drawn


def plot_subindex_heatmap(
    index_table: pd.DataFrame, spec: IndexSpec, year: int, province: str, *, lang: str = "vi", source: str | None = None
):
    """Heatmap (seaborn) of the indicators of every province with complete data in ``year``, by score."""
    rows = index_table[index_table["year"] == year].dropna(subset=spec.indicators).sort_values("score", ascending=False)
    matrix = rows.set_index("province")[spec.indicators]
    matrix.columns = [f"({i + 1}) " + _wrap(spec.label(c, lang), 17) for i, c in enumerate(spec.indicators)]
    fig, ax = new_figure(height_ratio=max(0.6, 0.03 * len(rows) + 0.35))
    annot = matrix.map(lambda v: fmt_number(v, lang, 2))
    with _no_overlap_draw():
        sns.heatmap(
            matrix,
            ax=ax,
            cmap="YlGn",
            vmin=spec.bounds[0] if spec.bounds else None,
            vmax=spec.bounds[1] if spec.bounds else None,
            annot=annot,
            fmt="",
            annot_kws={"fontsize": 5.5},
            cbar_kws={"label": t("index_subindex_points", lang), "shrink": 0.6},
            linewidths=0.3,
        )
    ax.tick_params(axis="y", labelsize=6, rotation=0)
    ax.tick_params(axis="x", labelsize=5.5, rotation=0)
    for label in ax.get_yticklabels():
        if label.get_text() == province:
            label.set_color(HIGHLIGHT)
            label.set_fontweight("bold")
    ax.set_ylabel("")
    ax.grid(False)
    return finish(
        fig,
        ax,
        title=t("index_heatmap_title", lang, index=spec.name, year=year, n=len(rows)),
        source=_source(source, lang),
        lang=lang,
    )


def plot_slope(
    index_table: pd.DataFrame,
    provinces: list[str],
    *,
    lang: str = "vi",
    index_name: str = "PGI",
    highlight: str | None = None,
    source: str | None = None,
    note: str | None = None,
):
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
        ax.annotate(
            text, (year, y_text), xytext=(6, 0), textcoords="offset points", va="center", fontsize=7, color=color
        )
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.2, years[-1] + 0.9)
    if note is None and index_name == "PGI":
        note = t("pgi_caveat_pilot", lang)
    return finish(
        fig,
        ax,
        title=t("index_slope_title", lang, index=index_name, first=years[0], last=years[-1]),
        source=_source(source, lang) + (f". {note}" if note else ""),
        lang=lang,
        ylabel=t("index_rank_axis", lang),
    )


@drawn_once
def plot_rank_intervals(
    intervals: pd.DataFrame,
    year: int,
    province: str,
    *,
    lang: str = "vi",
    index_name: str = "PGI",
    source: str | None = None,
):
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
    note = t("index_interval_note", lang, draws=fmt_number(int(rows["n_draws"].iloc[0]), lang, 0))
    return finish(
        fig,
        ax,
        title=t("index_interval_title", lang, index=index_name, year=year, n=int(rows["field_size"].iloc[0])),
        source=f"{_source(source, lang)}; {note}",
        lang=lang,
        xlabel=t("index_interval_axis", lang),
    )

"""Sentences about a province's inventory and business-as-usual (BAU) emissions, in Vietnamese or English.

Inputs: a :class:`~analysis.emissions.profile.ProvinceProfile`, a :class:`~analysis.emissions.baseline.Baseline`,
the downscaling validation table, the backtest summary, the two-BAU comparison and an LMDI decomposition.
Output: Markdown strings. Nothing here computes an emission figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.sectors import sector_keys
from analysis.i18n import fmt_mt, fmt_number, fmt_percent, has_text, sector_label, t
from analysis.narrative import MT
from analysis.narrative.figures import detail, mark


def describe_inventory(baseline, lang: str) -> str:
    """Base-year gross, removals, net (marked as the run's facts ``gross_base``, ``removals_base``, ``net_base``) and
    the largest sector."""
    gross, removals, net = baseline.gross()[0], baseline.removals()[0], baseline.net()[0]
    e0 = baseline.emissions[:, 0].copy()
    e0[np.asarray(baseline.sectors) == "LULUCF"] = -np.inf
    top = int(np.argmax(e0))
    return t(
        "bau_inventory",
        lang,
        year=baseline.base_year,
        province=baseline.province,
        gross=mark("gross_base", fmt_mt(gross / MT, lang), "mt"),
        removals=mark("removals_base", fmt_mt(abs(removals) / MT, lang), "mt|abs"),
        net=mark("net_base", fmt_mt(net / MT, lang), "mt"),
        gwp=baseline.gwp,
        sector=sector_label(baseline.sectors[top], lang),
        share=detail("bau.base_top_share", fmt_percent(100 * e0[top] / gross, lang, 0)),
    )


def describe_estimate(baseline, lang: str) -> str:
    """The estimate banner (empty for an official inventory); the method note is the profile's own in English."""
    if not baseline.is_estimate:
        return ""
    return t("bau_estimate_banner", lang, note=t("bau_estimate_method", lang))


def vintage_text(vintage: str, lang: str) -> str:
    """When the BAU was frozen, in words (``frozen 2026-12-02; inputs sha256 …`` -> "cố định ngày 02/12/2026"); the
    hash stays in the run's manifest and footer, not in the text."""
    import datetime as dt
    import re

    from analysis.i18n import fmt_date

    dates = sorted({dt.date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", vintage)})
    if not dates:
        return ""
    return t("bau_frozen_on", lang, date=", ".join(fmt_date(d, lang) for d in dates))


def inventory_table(baseline, lang: str) -> pd.DataFrame:
    """Base-year emissions by sector in Mt CO2e with the share of gross emissions; a sector that was not
    estimated has an empty value and says so (never 0)."""
    e0 = baseline.emissions[:, 0]
    gross = baseline.gross()[0]
    rows = {s: (v / MT, 100 * v / gross if v > 0 else np.nan, "") for s, v in zip(baseline.sectors, e0, strict=True)}
    for s, reason in baseline.missing.items():
        rows[s] = (np.nan, np.nan, f"{t('not_estimated', lang)}: {reason}")
    order = [s for s in sector_keys() if s in rows]
    return pd.DataFrame(
        {
            t("inv_col_sector", lang): [sector_label(s, lang) for s in order],
            t("inv_col_mt", lang): [rows[s][0] for s in order],
            t("inv_col_share", lang): [rows[s][1] for s in order],
            t("inv_col_note", lang): [rows[s][2] for s in order],
        }
    )


def drivers_table(drivers: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Driver history as indicators (rows) by year (columns), in the reader's words; the sources stay in the profile
    files and the workbook. For a 2025 unit the province is named on each row."""
    frame = drivers.copy()
    frame["indicator"] = [t(f"hist_{v}", lang) if has_text(f"hist_{v}") else v for v in frame["variable"]]
    frame["unit_text"] = [t(f"unit_{u}", lang) if has_text(f"unit_{u}") else u for u in frame["unit"]]
    keys = ["province", "indicator", "unit_text"] if frame["province"].nunique() > 1 else ["indicator", "unit_text"]
    wide = frame.pivot_table(index=keys, columns="year", values="value", aggfunc="first").reset_index()
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename(
        columns={
            "province": t("province", lang),
            "indicator": t("drv_col_variable", lang),
            "unit_text": t("drv_col_unit", lang),
        }
    )


def validation_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The validation against the published TP. Hồ Chí Minh 2013 inventory, both views, in the reader's words."""
    return pd.DataFrame(
        {
            t("val_col_view", lang): [t(f"val_view_{v}", lang) for v in table["view"]],
            t("val_col_category", lang): [t(f"inv_cat_{c}", lang) for c in table["category"]],
            t("val_col_published", lang): table["published_mtco2e"],
            t("val_col_estimated", lang): table["estimated_mtco2e"],
            t("val_col_error", lang): table["error_pct"],
        }
    )


def published_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every published total beside the estimate in both views (:func:`analysis.inventory.validation
    .published_comparison`), in the reader's words; a view that cannot be computed is empty, its reason in the notes."""
    return pd.DataFrame(
        {
            t("val_col_place", lang): table["place"],
            t("year", lang): table["year"],
            t("val_col_published", lang): table["published_mt"],
            t("val_col_bound", lang): [t(f"val_bound_{b.replace(' ', '_')}", lang) for b in table["bound"]],
            t("val_col_territorial", lang): table["territorial_mt"],
            t("val_col_territorial_diff", lang): table["territorial_diff_pct"],
            t("val_col_gpc", lang): table["gpc_mt"],
            t("val_col_gpc_diff", lang): table["gpc_diff_pct"],
            t("val_col_note", lang): [
                t("val_note_method_not_stated", lang) if m == "not stated" else "" for m in table["method"]
            ],
        }
    )


def describe_published(table: pd.DataFrame, lang: str) -> str:
    """The later published totals in words: how far the territorial estimate is below the city's figures (which
    state no method), and the national energy total against the figure quoted beside the energy master plan."""
    city = table[(table["place"] != "Việt Nam") & (table["year"] != table["year"].min())]
    nation = table[table["place"] == "Việt Nam"]
    parts = []
    if not city.empty:
        diffs = sorted(-city["territorial_diff_pct"])
        parts.append(
            t(
                "val_published_city",
                lang,
                years=", ".join(str(y) for y in city["year"]),
                low=fmt_percent(diffs[0], lang, 0),
                high=fmt_percent(diffs[-1], lang, 0),
            )
        )
    if not nation.empty:
        row = nation.iloc[0]
        parts.append(
            t(
                "val_published_nation",
                lang,
                year=int(row["year"]),
                published=fmt_number(float(row["published_mt"]), lang, 0),
                estimate=fmt_number(float(row["territorial_mt"]), lang, 0),
                diff=fmt_percent(float(row["territorial_diff_pct"]), lang, 0, sign=True),
            )
        )
    return detail("bau.validation_published", " ".join(parts)) if parts else ""


def bau_table(baseline) -> pd.DataFrame:
    """The BAU by year (rows) and sector (columns), Mt CO2e, for the workbook."""
    frame = baseline.to_frame()
    frame["emissions_mtco2e"] = frame.pop("emissions_tco2e") / MT
    return frame.pivot(index="year", columns="sector", values="emissions_mtco2e").reset_index()


def lmdi_table(decomposition, lang: str) -> pd.DataFrame:
    """The effects of an LMDI decomposition in Mt CO2e, factors named in ``lang``."""
    frame = decomposition.to_frame()
    return pd.DataFrame(
        {
            t("lmdi_col_step", lang): [factor_label(str(s), lang) for s in frame["step"]],
            t("lmdi_col_value", lang): frame["value"] / MT,
            t("lmdi_col_cumulative", lang): frame["cumulative"] / MT,
        }
    )


def describe_validation(table: pd.DataFrame, lang: str) -> str:
    """The estimate of TP. Hồ Chí Minh 2013 against its published (GPC) inventory, in both views."""
    totals = table[table["category"].astype(str).str.lower() == "total"].set_index("view")
    territorial, gpc = totals.loc["territorial"], totals.loc["gpc_basic"]
    return detail(
        "bau.validation_hcmc_2013",
        t(
            "bau_validation",
            lang,
            published=fmt_number(float(gpc["published_mtco2e"]), lang),
            estimate=fmt_number(float(territorial["estimated_mtco2e"]), lang),
            error=fmt_percent(float(territorial["error_pct"]), lang, 0, sign=True),
            gpc=fmt_number(float(gpc["estimated_mtco2e"]), lang),
            gpc_error=fmt_percent(float(gpc["error_pct"]), lang, 0, sign=True),
        ),
    )


def describe_projection(baseline, target_year: int, lang: str) -> str:
    net = baseline.net()
    i1 = baseline.year_index(target_year)
    return t(
        "bau_projection",
        lang,
        e0=mark("net_base", fmt_mt(net[0] / MT, lang), "mt"),
        y0=baseline.base_year,
        e1=mark("bau.stated", fmt_mt(net[i1] / MT, lang), "mt"),
        y1=target_year,
        ratio=fmt_number(net[i1] / net[0], lang, 1),
        e2=detail("bau.last_year", fmt_mt(net[-1] / MT, lang)),
        y2=int(baseline.years[-1]),
        vintage=vintage_text(baseline.vintage, lang),
    )


def model_name(model: str, lang: str) -> str:
    """A statistical model in words (``arima`` -> "ARIMA on logarithms")."""
    key = f"bau_model_{model}"
    return t(key if has_text(key) else "bau_model_other", lang)


def describe_backtest(summary: pd.DataFrame, lang: str, horizon: int | None = None, pick=None) -> str:
    """The backtest against the drift baseline at ``horizon`` (default: the longest), which models beat it, and
    which model is the headline statistical BAU: ``pick`` when given (the skilful pick of
    :func:`~analysis.emissions.backtest.pick_skilful_model`, described at its horizon), else
    :func:`~analysis.emissions.backtest.pick_headline_model` at ``horizon``.

    ``summary`` is :attr:`Backtest.summary` (its ``attrs`` give the series' years and origins when present).
    """
    from analysis.emissions.backtest import pick_headline_model

    pick = pick or pick_headline_model(summary, horizon)
    at = summary[summary["horizon"] == pick.horizon].set_index("model")
    beating = tuple(at[at["beats_drift"].astype(bool)].sort_values("mae_vs_drift", kind="stable").index)
    attrs = summary.attrs
    period = f" {attrs['first_year']}–{attrs['last_year']}" if {"first_year", "last_year"} <= set(attrs) else ""
    origins = (
        t("bau_backtest_origins", lang, o1=attrs["first_origin"], o2=attrs["last_year"] - 1)
        if {"first_origin", "last_year"} <= set(attrs)
        else t("bau_backtest_origins_unknown", lang)
    )
    words = [
        t(
            "bau_backtest",
            lang,
            period=period,
            origins=origins,
            h=pick.horizon,
            mape=fmt_percent(pick.drift_mape_pct, lang),
        )
    ]
    if beating:
        items = [
            t(
                "bau_backtest_item",
                lang,
                mape=fmt_percent(at.loc[m, "mape_pct"], lang),
                model=model_name(m, lang) + (t("bau_backtest_ex_post", lang) if m == "loglog_gdp" else ""),
                rel=fmt_percent(100 * at.loc[m, "mae_vs_drift"], lang, 0),
            )
            for m in beating
        ]
        words.append(t("bau_backtest_beating", lang, items="; ".join(items)))
    else:
        words.append(t("bau_backtest_none", lang))
    losing = [m for m in at.index if m != "drift" and m not in beating]
    if losing:
        words.append(t("bau_backtest_losing", lang, names="; ".join(model_name(m, lang) for m in losing)))
    words.append(
        t("bau_backtest_headline", lang, model=model_name(pick.model, lang))
        if pick.model != "drift"
        else t("bau_backtest_headline_drift", lang)
    )
    return " ".join(words)


def describe_skill(outlook, lang: str) -> str:
    """How far each statistical model is drawn and quoted (:class:`analysis.emissions.compare.StatisticalOutlook`):
    the rule, then each model's last year, or one sentence saying that only the baseline is shown."""
    skill = outlook.skill
    drift = skill[skill["model"] == "drift"].iloc[0]
    if outlook.baseline_only:
        return t("bau_skill_baseline_only", lang, until=int(drift["until"]))
    items = [
        t("bau_skill_item", lang, model=model_name(r.model, lang), until=int(r.until), first=int(r.first))
        if r.horizon
        else t("bau_skill_item_none", lang, model=model_name(r.model, lang))
        for r in skill[skill["model"] != "drift"].itertuples(index=False)
    ]
    return t(
        "bau_skill",
        lang,
        min=skill.attrs["min_scored"],
        cap=skill.attrs["cap_year"],
        items="; ".join(items),
        until=int(drift["until"]),
    )


def forecast_table(outlook, lang: str) -> pd.DataFrame:
    """The statistical forecasts that may be quoted, by year (rows) and model (columns, the median in Mt CO₂): each
    model only to its skilful year, empty after it (:attr:`analysis.emissions.compare.StatisticalOutlook.drawn`)."""
    table = outlook.forecast_table()
    wide = table.pivot(index="year", columns="model", values="mean")[list(outlook.drawn)]
    wide.columns = [t("bau_fc_col_median", lang, model=t(f"fc_model_{m}", lang)) for m in wide.columns]
    return wide.reset_index().rename(columns={"year": t("year", lang)})


def skill_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The backtest by horizon (rows), for readers: forecasts scored, each model's MAPE and the models that beat the
    baseline there (lower MAE and MAPE). The full table, one row per model and horizon, is :func:`backtest_table`."""
    models = list(dict.fromkeys(summary["model"]))
    wide = summary.pivot(index="horizon", columns="model", values="mape_pct")
    beats = summary[summary["beats_drift"].astype(bool)]
    out = pd.DataFrame(
        {
            t("bau_bt_col_horizon", lang): wide.index.to_numpy(),
            t("bau_bt_col_n", lang): summary[summary["model"] == "drift"].set_index("horizon")["n"].reindex(wide.index),
        }
    ).reset_index(drop=True)
    for m in models:
        out[t("bau_bt_col_mape_of", lang, model=model_name(m, lang))] = wide[m].to_numpy()
    out[t("bau_bt_col_beating", lang)] = [
        ", ".join(model_name(m, lang) for m in models if ((beats["model"] == m) & (beats["horizon"] == h)).any()) or "–"
        for h in wide.index
    ]
    return out


def backtest_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The backtest summary for readers: model names in words, drift marked as the baseline, and for every other
    model and horizon whether it beats it."""
    beats = summary["beats_drift"] if "beats_drift" in summary.columns else pd.Series(False, index=summary.index)
    verdicts = [
        t("bau_bt_baseline", lang) if m == "drift" else t("bau_bt_beats" if b else "bau_bt_loses", lang)
        for m, b in zip(summary["model"], beats, strict=True)
    ]
    return pd.DataFrame(
        {
            t("bau_bt_col_model", lang): [model_name(m, lang) for m in summary["model"]],
            t("bau_bt_col_horizon", lang): summary["horizon"].to_numpy(),
            t("bau_bt_col_n", lang): summary["n"].to_numpy(),
            t("bau_bt_col_mae", lang): summary["mae"].to_numpy(),
            t("bau_bt_col_mape", lang): summary["mape_pct"].to_numpy(),
            t("bau_bt_col_ratio", lang): summary["mae_vs_drift"].to_numpy(),
            t("bau_bt_col_beats", lang): verdicts,
        }
    )


def factor_label(name: str, lang: str) -> str:
    key = f"factor_{name}"
    return t(key, lang) if has_text(key) else name


def describe_lmdi_meaning(decomposition, y0: int, y1: int, lang: str) -> str:
    """The decomposition in one sentence for the body: what growth adds, what intensity does, and so where cuts below
    the BAU must come from (the details are in the annex)."""
    from analysis.emissions.lmdi import split_activity_intensity

    activity, intensity = split_activity_intensity(decomposition)
    values = {
        "y0": y0,
        "y1": y1,
        "growth": fmt_mt(activity, lang, unit="t", sign=True),
        "intensity": fmt_mt(abs(intensity), lang, unit="t"),
    }
    key = "bau_lmdi_meaning_down" if intensity < 0 else "bau_lmdi_meaning_up"
    return detail("bau.lmdi_meaning", t(key, lang, **values))


def describe_lmdi(decomposition, y0: int, y1: int, lang: str) -> str:
    effects = decomposition.effects
    top = effects.abs().idxmax()
    return t(
        "bau_lmdi",
        lang,
        y0=y0,
        y1=y1,
        change=fmt_number(decomposition.change / MT, lang, 1, sign=True),
        factor=factor_label(top, lang),
        effect=fmt_number(effects[top] / MT, lang, 1, sign=True),
    )

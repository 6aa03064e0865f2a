"""Author the notebook (the .ipynb is generated from this file; see scripts/nbtools.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nbtools import code, md, params, write  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "notebooks"

write(OUT / "01_bau_baseline.ipynb", [
md("""
# Kiểm kê và kịch bản BAU / Inventory and business-as-usual baseline

**Question.** How much does the province emit, by sector, and where do its emissions go if nothing new is done
(business as usual, BAU)? How far do the driver-based and the statistical views of BAU agree?

**Inputs.** The province profile in `config/profiles/<code>_<name>/` (base-year inventory — an indicative estimate
unless the official inventory has been dropped in —, driver history, growth assumptions), its frozen BAU, the national
CO₂ series of Our World in Data (`data/raw/owid/`) and the published TP. Hồ Chí Minh 2013 inventory used to validate
the estimate.

**Outputs.** Narrative in the chosen language, tables (inventory, validation, drivers, BAU, backtest, two BAU views,
LMDI) and charts. All logic is in `analysis.emissions` and `analysis.narrative.bau`.
""", remove=True),
params("""
province: str = "Bà Rịa – Vũng Tàu"  # province analysed (any common spelling)
target_year: int = 2030  # year of the BAU target comparison; range: 2025..2050
lang: str = "vi"  # report language; choices: vi, en
"""),
code("""
%matplotlib inline
from IPython.display import Markdown, display

from analysis.data.provinces import get_registry
from analysis.emissions import backtest, bau, compare, downscale, forecast, lmdi
from analysis.emissions.profile import load_profile
from analysis.i18n import t
from analysis.narrative import bau as story
from analysis.narrative import heading
from analysis.pipeline import load_owid
from analysis.report.excel import record_headline, record_report_info, record_table
from analysis.viz import forecast as fcharts, inventory as icharts

name = get_registry().resolve(province)
profile = load_profile(name)
baseline = bau.frozen_bau(profile)
record_report_info(is_estimate=baseline.is_estimate, data_vintage=baseline.vintage,
                   sources=["data/raw/SOURCES.csv", "docs/downscaling.md", "Our World in Data co2-data (CC BY 4.0)"])
owid = load_owid()
co2 = forecast.extract_series(owid, "co2_mt_excl_luc")
gdp = owid.set_index("year")["gdp_intl_usd_2011ppp"]
horizon = int(baseline.years[-1]) - int(co2.index.max())
"""),
code("""
display(Markdown("# " + t("bau_heading", lang, province=name)))
display(Markdown(story.describe_estimate(baseline, lang)))
display(Markdown(heading("bau_sec_inventory", lang)))
display(Markdown(story.describe_inventory(baseline, lang, icharts.sector_label)))
record_table("inventory", story.inventory_table(baseline, lang, icharts.sector_label), title=t("bau_sec_inventory", lang),
             lang=lang, decimals=2)
icharts.plot_inventory(profile, lang=lang);
"""),
code("""
display(Markdown(heading("bau_sec_validation", lang)))
validation = downscale.validate_downscaling()
display(Markdown(story.describe_validation(validation, lang)))
record_table("downscaling_validation", validation, title=t("bau_sec_validation", lang), lang=lang, decimals=1)
icharts.plot_downscaling_validation(validation, lang=lang);
"""),
code("""
display(Markdown(heading("bau_sec_drivers", lang)))
record_table("drivers_history", story.drivers_table(profile, lang), title=t("bau_sec_drivers", lang), lang=lang,
             decimals=0)
"""),
code("""
display(Markdown(heading("bau_sec_driver_bau", lang)))
display(Markdown(story.describe_projection(baseline, target_year, lang)))
record_headline("bau_2030", float(baseline.net()[baseline.year_index(target_year)]) / 1e6, unit="Mt CO2e",
                label=f"BAU {target_year}")
bau_table = baseline.to_frame()
bau_table["emissions_mtco2e"] = bau_table.pop("emissions_tco2e") / 1e6
record_table("bau", bau_table.pivot(index="year", columns="sector", values="emissions_mtco2e").reset_index(),
             lang=lang, show=False)
icharts.plot_bau(baseline, lang=lang);
"""),
code("""
display(Markdown(heading("bau_sec_statistical", lang)))
models = forecast.fit_all(co2, gdp, horizon=horizon)
fcharts.plot_forecasts(co2, models, lang=lang);
"""),
code("""
display(Markdown(heading("bau_sec_backtest", lang)))
bt = backtest.rolling_origin_backtest(co2, gdp=gdp)
display(Markdown(story.describe_backtest(bt.summary, lang)))
record_table("backtest", bt.summary, title=t("bau_sec_backtest", lang), lang=lang, decimals=2)
fcharts.plot_backtest(bt.summary, lang=lang);
"""),
code("""
display(Markdown(heading("bau_sec_compare", lang)))
statistical = compare.scale_national_forecast(co2, models["arima"], base_year=baseline.base_year,
                                              province_base_total=baseline.net()[0], province=baseline.province)
views = compare.compare_bau(baseline, statistical)
display(Markdown(story.describe_comparison(views, target_year, lang)))
record_table("bau_two_views", views, lang=lang, show=False)
fcharts.plot_bau_comparison(views, lang=lang, province=name);
"""),
code("""
display(Markdown(heading("bau_sec_lmdi", lang)))
decomposition = lmdi.decompose_kaya(story.kaya_state(baseline, baseline.base_year), story.kaya_state(baseline, target_year),
                                    label0=str(baseline.base_year), label1=str(target_year))
display(Markdown(story.describe_lmdi(decomposition, baseline.base_year, target_year, lang)))
record_table("lmdi_bau", decomposition.to_frame(), title=t("bau_sec_lmdi", lang), lang=lang, decimals=0)
fcharts.plot_lmdi_waterfall(decomposition, lang=lang, scale=1e-6, unit=t("mtco2e", lang));
"""),
])

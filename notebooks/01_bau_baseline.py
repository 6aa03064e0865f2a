# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python (netzero)
#     language: python
#     name: netzero
# ---

# %% [markdown] tags=["remove-cell"]
# # Kiểm kê và kịch bản BAU / Inventory and business-as-usual baseline
#
# **Question.** How much does the province emit, by sector, and where do its emissions go if nothing new is done
# (business as usual, BAU)? How far do the driver-based and the statistical views of BAU agree?
#
# **Inputs.** The province or unit profile(s) in `data/profiles/` and `config/profiles/` (base-year inventory — an indicative estimate unless the
# official inventory has been dropped in —, driver history, growth assumptions) and the frozen BAU; a 2025 unit is
# the sum of the provinces merged into it. The national CO₂ series of Our World in Data and the published TP. Hồ Chí
# Minh 2013 inventory used to validate the estimate.
#
# **Outputs.** Narrative in the chosen language, tables and charts; the statistical diagnostics (forecasts, backtest,
# LMDI) in an annex at the end, the body saying what each means. Logic: `analysis.run`, `analysis.emissions`
# (`compare.compare_views`: the three BAU views, the statistical one only to its skilful year),
# `analysis.narrative.bau`, `analysis.narrative.bau_views`.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
target_year: int = 2030  # year of the BAU comparison
lang: str = "vi"  # report language

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.data.raw import load_owid
from analysis.emissions import compare, diagnostics, forecast, lmdi
from analysis.emissions.profile import base_year_population
from analysis.i18n import t
from analysis.inventory import validate_hcmc_2013
from analysis.inventory.validation import published_comparison
from analysis.narrative import bau as story
from analysis.narrative import bau_views as views_story
from analysis.narrative import heading
from analysis.narrative import run as run_story
from analysis.report.excel import record_facts, record_headline, record_report_info, record_table
from analysis.run.context import build_run, load_baseline
from analysis.run.facts import facts_for
from analysis.units import T_PER_MT
from analysis.viz import forecast as fcharts
from analysis.viz import inventory as icharts

run = load_baseline(province=province, map=map, target_year=target_year, lang=lang)  # the BAU and its drivers
record_facts(facts_for(build_run(province=province, map=map, target_year=target_year, lang=lang)))  # the run's facts
baseline = run.baseline
record_report_info(**run_story.report_info(run, lang, sources=("data/raw/owid/owid_co2_vietnam_1990_2023.csv",
                                                              "data/raw/national/provincial_inventories.csv",
                                                              "data/raw/national/bau_outlook.csv")))
owid = load_owid()
co2 = forecast.extract_series(owid, "co2_mt_excl_luc")
gdp = owid.set_index("year")["gdp_intl_usd_2011ppp"]

# %%
display(Markdown("# " + t("bau_heading", lang, province=run.province)))
display(Markdown(run_story.describe_map(run, lang) + " " + run_story.describe_view(run, lang, short=True)))  # map, view
for sentence in run_story.describe_warnings(run, lang):
    display(Markdown(sentence))
display(Markdown(story.describe_estimate(baseline, lang)))

# %%
display(Markdown(heading("bau_sec_inventory", lang)))
display(Markdown(story.describe_inventory(baseline, lang)))
record_table("inventory", story.inventory_table(baseline, lang), title=t("bau_sec_inventory", lang), lang=lang,
             decimals=2)
icharts.plot_inventory(baseline, lang=lang);

# %%
display(Markdown(heading("bau_sec_validation", lang)))
validation = validate_hcmc_2013()
display(Markdown(story.describe_validation(validation, lang)))
record_table("downscaling_validation", story.validation_table(validation, lang), title=t("bau_sec_validation", lang),
             lang=lang, decimals=1)
icharts.plot_downscaling_validation(validation, lang=lang);

# %%
published = published_comparison(validation)  # every published total the estimate can be held against, both views
display(Markdown(story.describe_published(published, lang)))
record_table("published_totals", story.published_table(published, lang), title=t("val_published_title", lang),
             lang=lang, decimals=1)

# %%
display(Markdown(heading("bau_sec_drivers", lang)))
record_table("drivers_history", story.drivers_table(run.drivers(), lang), title=t("bau_sec_drivers", lang),
             lang=lang, decimals=0)

# %%
display(Markdown(heading("bau_sec_assumptions", lang)))
display(Markdown(t("bau_assumptions_intro", lang)))
for i, (name, profile) in enumerate(run.profiles.items()):
    record_table(f"assumptions_{i}", views_story.assumptions_table(profile, lang),
                 title=t("bau_table_assumptions", lang) + (f" — {name}" if run.is_unit else ""), lang=lang)

# %%
display(Markdown(heading("bau_sec_driver_bau", lang)))
display(Markdown(story.describe_projection(baseline, target_year, lang)))
for sentence in views_story.describe_diagnostics(diagnostics.check_bau(baseline, run.constituents, base_year_population(run.profiles)[0]),
                                                 int(baseline.years[-1]), lang):
    display(Markdown("- " + sentence))
try:
    decomposition = lmdi.decompose_kaya(lmdi.kaya_state(baseline, baseline.base_year),
                                        lmdi.kaya_state(baseline, target_year), label0=str(baseline.base_year),
                                        label1=str(target_year))
except KeyError:  # no population or output projected (a 2025 unit sums population only)
    decomposition = None
    display(Markdown(t("bau_lmdi_missing", lang, province=run.province, y0=baseline.base_year, y1=target_year)))
else:
    display(Markdown(story.describe_lmdi_meaning(decomposition, baseline.base_year, target_year, lang)))
record_headline(f"bau_{target_year}", float(baseline.net()[baseline.year_index(target_year)]) / T_PER_MT, unit="Mt CO2e",
                label=f"BAU {target_year}")
record_table("bau", story.bau_table(baseline), title=t("bau_sec_driver_bau", lang), lang=lang, show=False)
icharts.plot_bau(baseline, lang=lang);

# %%
display(Markdown(heading("bau_sec_compare", lang)))
views = compare.compare_views(baseline, co2, gdp)
for sentence in views_story.describe_views(views, target_year, lang):
    display(Markdown(sentence))
record_table("bau_views", views_story.views_table(views, lang), title=t("bau_sec_compare", lang), lang=lang,
             decimals=2, show=False)
fcharts.plot_bau_comparison(views.table, lang=lang, province=run.province, year=target_year);

# %%
display(Markdown(heading("bau_sec_annex", lang)))
display(Markdown(heading("bau_sec_statistical", lang, level=3)))
outlook = views.outlook
display(Markdown(story.describe_skill(outlook, lang)))
record_table("statistical_forecasts", story.forecast_table(outlook, lang), title=t("bau_table_forecasts", lang),
             lang=lang, decimals=1)
fcharts.plot_forecasts(co2, outlook.drawn, lang=lang);

# %%
display(Markdown(heading("bau_sec_backtest", lang, level=3)))
display(Markdown(story.describe_backtest(outlook.backtest.summary, lang, pick=outlook.pick)))
record_table("backtest_by_horizon", story.skill_table(outlook.backtest.summary, lang), title=t("bau_table_skill", lang),
             lang=lang, decimals=1)
record_table("backtest", story.backtest_table(outlook.backtest.summary, lang), title=t("bau_sec_backtest", lang),
             lang=lang, decimals=2, show=False)
fcharts.plot_backtest(outlook.backtest.summary, lang=lang);

# %%
if decomposition is not None:
    display(Markdown(heading("bau_sec_lmdi", lang, level=3)))
    display(Markdown(story.describe_lmdi(decomposition, baseline.base_year, target_year, lang)))
    record_table("lmdi_bau", story.lmdi_table(decomposition, lang), title=t("bau_sec_lmdi", lang), lang=lang,
                 decimals=2)
    fcharts.plot_lmdi_waterfall(decomposition, lang=lang, scale=1 / T_PER_MT, unit=t("mtco2e", lang));

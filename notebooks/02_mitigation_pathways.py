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
# # Lộ trình giảm phát thải / Mitigation pathways
#
# **Question.** Do the province's mitigation scenarios reach its targets — its own (e.g. 8 % below BAU by 2030 for
# Bà Rịa – Vũng Tàu, Decision 3070/QĐ-UBND), the national NDC 2022 and Decision 896/QĐ-TTg milestones applied to the
# province, net zero by 2050 — what does each measure contribute, what does it cost, and how sure can we be?
#
# **Inputs.** The frozen BAU of the province (or the 2025 unit), its own scenario and target files or the national
# set (`scenario_file`, `targets_file`; empty = chosen for the province), the main and long-term scenarios.
#
# **Outputs.** Narrative in the chosen language; tables and charts. Logic: `analysis.run`, `analysis.emissions`,
# `analysis.narrative.pathways`.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
scenario_file: str = ""  # empty: the province's own scenario file, else the national set
main_scenario: str = ""  # empty: the file's main scenario
long_term_scenario: str = ""  # empty: the file's long-term scenario
scenarios: list[str] = []  # scenarios shown; empty: all
targets_file: str = ""  # empty: national targets and the province's own
headline_target: str = ""  # empty: the province's own target, else the NDC
target_year: int = 2030  # year of the headline target
n_draws: int = 10000  # Monte Carlo draws (0: none)
seed: int = 20300  # Monte Carlo seed
lang: str = "vi"  # report language
view: str = "territorial"  # emissions view: territorial, or gpc (GPC BASIC: scope 2 from a consumption proxy)

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.emissions import lmdi, macc
from analysis.emissions import pathways as pw
from analysis.i18n import t
from analysis.narrative import bau as bau_story
from analysis.narrative import heading, summary
from analysis.narrative import pathways as story
from analysis.narrative import run as run_story
from analysis.report.excel import record_facts, record_headline, record_report_info, record_table
from analysis.run import build_run
from analysis.run.context import headline_percent
from analysis.run.facts import facts_for
from analysis.units import T_PER_MT
from analysis.viz import forecast as fcharts
from analysis.viz import pathways as charts

run = build_run(province=province, map=map, scenario_file=scenario_file, main_scenario=main_scenario,
                long_term_scenario=long_term_scenario, scenarios=scenarios, targets_file=targets_file,
                headline_target=headline_target, target_year=target_year, n_draws=n_draws, seed=seed, lang=lang,
                view=view)
baseline, main, long_term = run.baseline, run.main, run.long_term
facts = facts_for(run)  # the figures every report of this run states, computed once
record_facts(facts)
mc = run.monte_carlo
record_report_info(**run_story.report_info(run, lang))
for key, figure in facts.headline_figures(lang).items():
    record_headline(key, figure["value"], unit=figure.get("unit"), label=figure.get("label"))

# %%
display(Markdown("# " + t("pw_heading", lang, province=run.province)))
display(Markdown(run_story.describe_map(run, lang)))
display(Markdown(run_story.describe_view(run, lang)))  # which view the report shows
for sentence in run_story.describe_warnings(run, lang):
    display(Markdown(sentence))
display(Markdown(bau_story.describe_estimate(baseline, lang)))
display(Markdown(story.describe_headline(facts, lang)))

# %%
display(Markdown(heading("pw_sec_scenarios", lang)))
display(Markdown(story.describe_scenarios(facts, lang, shown=run.shown)))
record_table("scenarios", story.scenario_table(facts, lang), title=t("pw_sec_scenarios", lang),
             lang=lang, decimals=1)
record_table("pathways", pw.tabulate_pathways(run.shown), title=t("pw_table_pathways", lang), lang=lang, show=False)
charts.plot_scenarios(run.shown, lang, target_pct=headline_percent(run), target_year=target_year);

# %%
display(Markdown(heading("pw_sec_targets", lang)))
display(Markdown(story.describe_targets(facts, main.name, lang)))
record_table("targets", story.target_table(facts, main.name, lang), title=t("pw_sec_targets_of", lang,
             label=story.label_of(main, lang)), lang=lang, decimals=2)
if long_term is not main:
    display(Markdown(story.describe_targets(facts, long_term.name, lang)))
    record_table("targets_long_term", story.target_table(facts, long_term.name, lang),
                 title=t("pw_sec_targets_of", lang, label=story.label_of(long_term, lang)), lang=lang, decimals=2)

# %%
display(Markdown(heading("pw_sec_wedges", lang)))
record_table("wedges", pw.tabulate_wedges(long_term, lang), title=t("pw_sec_wedges", lang), lang=lang, show=False)
record_table("overlap", story.overlap_table(main, target_year, lang), title=t("pw_sec_overlap", lang,
             year=target_year), lang=lang, decimals=2)
charts.plot_wedges(long_term, lang);

# %%
display(Markdown(heading("sum_actions", lang)))
record_table("actions", summary.action_table(facts, lang), title=t("sum_actions", lang), lang=lang, decimals=2)
display(Markdown(summary.action_note(main, lang)))
display(Markdown(summary.cost_note(facts, lang)))

# %%
display(Markdown(heading("pw_sec_waterfall", lang, year=target_year)))
charts.plot_waterfall(main, target_year, lang, target_pct=headline_percent(run));

# %%
display(Markdown(heading("pw_sec_netzero", lang)))
display(Markdown(story.describe_net_zero(facts, lang)))
charts.plot_net_zero(long_term, lang);

# %%
display(Markdown(heading("pw_sec_macc", lang)))
curve = macc.build_macc(baseline, main.scenario, target_year, lang=lang)
display(Markdown(story.describe_macc(facts, lang)))
record_table("macc", story.macc_table(curve, lang), title=t("pw_sec_macc", lang), lang=lang, decimals=2)
charts.plot_macc(curve, lang);

# %%
display(Markdown(heading("pw_sec_uncertainty", lang)))
if mc is None:
    display(Markdown(story.describe_no_monte_carlo(run, lang)))
else:
    display(Markdown(story.describe_probability(facts, lang)))
    record_table("probabilities", story.probability_table(mc.probabilities, run, lang),
                 title=t("pw_sec_uncertainty", lang), lang=lang, decimals=2)
    charts.plot_fan(mc.percentiles, main.name, lang, baseline_net=baseline.net() / T_PER_MT, estimate=baseline.is_estimate,
                    scenario_label=story.label_of(main, lang));

# %%
if facts.tornado:
    named = story.tornado_labels(facts, lang)
    display(Markdown(story.describe_tornado(facts, lang)))
    record_table("tornado", story.tornado_table(facts, lang), title=t("pw_sec_tornado", lang), lang=lang,
                 decimals=2)
    charts.plot_tornado(named, lang, estimate=baseline.is_estimate, target_label=run.headline.title(lang));
elif mc is not None:
    display(Markdown(t("pw_no_tornado", lang)))

# %%
display(Markdown(heading("pw_sec_annex", lang)))  # the decomposition: a detail, after what an official decides on
display(Markdown(heading("pw_sec_lmdi", lang, level=3)))
y0, y1 = baseline.base_year, int(baseline.years[-1])
display(Markdown(story.describe_lmdi(facts, lang)))  # or why there is none (no population or output projected)
try:
    decomposition = lmdi.decompose_kaya(lmdi.kaya_state(long_term, y0), lmdi.kaya_state(long_term, y1),
                                        label0=str(y0), label1=str(y1))
except KeyError:
    decomposition = None
if decomposition is not None:
    record_table("lmdi_scenario", bau_story.lmdi_table(decomposition, lang), title=t("pw_sec_lmdi", lang),
                 lang=lang, decimals=2)
    fcharts.plot_lmdi_waterfall(decomposition, lang=lang, scale=1 / T_PER_MT, unit=t("mtco2e", lang));

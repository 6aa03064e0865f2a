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
# # Khám phá lộ trình / Pathway explorer
#
# **Question.** What if a measure were bigger, smaller, earlier or later, or the economy grew faster or slower: does
# the province still meet the target it watches, how far below BAU does it land, how close is net zero in 2050, and
# how sure is that?
#
# **Inputs.** The same run as the other notebooks (`analysis.run.build_run`): the province or 2025 unit, its frozen
# BAU, its own scenario and target files or the national set; a scenario saved by this explorer can be given as
# `scenario_file` (its levers open where they were saved).
#
# **Use.** Open in JupyterLab (`make lab`), run all cells, move the levers. "Save as scenario" writes a scenario file
# that `netzero pathways --scenario-file` and a batch run. Logic: `analysis.explore` (docs/explorer.md).
#
# **Outputs.** The live panel; in a batch report (no live panel), the figures and the chart of the scenario explored.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
scenario_file: str = ""  # empty: the province's own scenario file, else the national set
main_scenario: str = ""  # scenario explored; empty: the file's main scenario
targets_file: str = ""  # empty: national targets and the province's own
headline_target: str = ""  # target watched first; empty: the province's own target, else the NDC
target_year: int = 2030  # year of the headline target
n_draws: int = 10000  # Monte Carlo draws on every change (0: none); as in the summary and 02, so P(met) agrees
seed: int = 20300  # Monte Carlo seed
lang: str = "vi"  # language of the panel

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.explore.panel import open_explorer
from analysis.i18n import t
from analysis.narrative import run as run_story
from analysis.report.excel import record_facts, record_report_info, record_table
from analysis.run.facts import facts_for

explorer = open_explorer(province=province, map=map, scenario_file=scenario_file, main_scenario=main_scenario,
                         targets_file=targets_file, headline_target=headline_target, target_year=target_year,
                         n_draws=n_draws, seed=seed, lang=lang)
run = explorer.model.run
record_facts(facts_for(run))  # the run's facts at the file's values (the snapshot below states them)
record_report_info(**run_story.report_info(run, lang), title=t("xp_title", lang, province=run.province))
explorer

# %%
display(Markdown("## " + t("xp_snapshot", lang)))
display(Markdown(t("xp_snapshot_note", lang)))
record_table("explorer", explorer.summary_table(), title=t("xp_snapshot", lang), lang=lang)
explorer.figure()

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
# # MRV và tín chỉ các-bon / MRV and carbon credits
#
# **Question.** Which facilities of the province must make a GHG inventory (Decision 13/2024/QĐ-TTg, Decree
# 06/2022/NĐ-CP as amended by Decree 119/2025/NĐ-CP), who has reported and who is late; how much of the province's
# inventory the facility reports cover; how the facilities with an emission quota stand against it (surplus or
# deficit, what may be carried over to 2030); and what the province's carbon credits do to its headline target.
#
# **Inputs.** The facility register and the credit register (CSV or Excel, kinds `facilities` and `credits`; empty:
# the shipped illustrative examples, said on every page), the run of the province or 2025 unit
# (`analysis.run.build_run`) for its inventory and headline target, and the date the status is judged on.
#
# **Outputs.** Tables, charts and sentences in the chosen language. Logic: `analysis.mrv`, `analysis.narrative.mrv`,
# `analysis.narrative.mrv_quotas`.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
facilities_file: str = ""  # facility register; empty: the shipped illustrative example
credits_file: str = ""  # credit register; empty: the shipped illustrative example
as_of: str = ""  # date of the status (dd/mm/yyyy); empty: today
scenario_file: str = ""  # empty: the province's own scenario file, else the national set
targets_file: str = ""  # empty: national targets and the province's own
headline_target: str = ""  # empty: the province's own target, else the NDC
target_year: int = 2030  # year of the headline target
n_draws: int = 10000  # Monte Carlo draws for the headline's probability; as in the summary and 02, so P(met) agrees
seed: int = 20300  # Monte Carlo seed
lang: str = "vi"  # report language

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.i18n import t
from analysis.mrv.room import open_mrv_room
from analysis.narrative import heading
from analysis.narrative import mrv as story
from analysis.narrative import mrv_quotas as quota_story
from analysis.narrative import mrv_tables as tables
from analysis.narrative import run as run_story
from analysis.report.excel import record_facts, record_report_info, record_table
from analysis.run import build_run
from analysis.run.facts import facts_for
from analysis.viz import mrv as charts

run = build_run(province=province, map=map, scenario_file=scenario_file, targets_file=targets_file,
                headline_target=headline_target, target_year=target_year, n_draws=n_draws, seed=seed, lang=lang)
facts = facts_for(run)  # the same figures as the summary and the pathways report of this run
record_facts(facts)
room = open_mrv_room(run, facilities_file, credits_file, as_of)
record_report_info(**run_story.report_info(run, lang, sources=tuple(story.describe_sources(room, lang)),
                                           scenarios={}),
                   running_note=story.running_note(room, lang))

# %%
display(Markdown("# " + t("mrv_heading", lang, province=run.province)))
display(Markdown(run_story.describe_map(run, lang) + " " + run_story.describe_view(run, lang, short=True)))  # map, view
for sentence in story.describe_room(room, lang):
    display(Markdown(sentence))

# %%
display(Markdown(heading("mrv_sec_status", lang)))
for i, (member, status) in enumerate(room.status.items()):
    suffix = f" — {member}" if run.is_unit else ""
    display(Markdown(story.describe_reporting_status(status, lang)))
    record_table(f"status_{i}", tables.status_table(status, lang), title=t("mrv_table_status", lang) + suffix,
                 lang=lang)
    record_table(f"status_by_category_{i}", tables.status_summary_table(status, lang, by="category"),
                 title=t("mrv_table_summary", lang) + suffix, lang=lang)
    charts.plot_reporting_status(status, lang, by="category");

# %%
display(Markdown(heading("mrv_sec_coverage", lang)))
for i, (member, coverage) in enumerate(room.coverage.items()):
    display(Markdown(story.describe_coverage(coverage, lang)))
    record_table(f"coverage_{i}", tables.coverage_table(coverage, lang),
                 title=t("mrv_table_coverage", lang) + (f" — {member}" if run.is_unit else ""), lang=lang, decimals=0)
    charts.plot_coverage(coverage, lang);

# %%
display(Markdown(heading("mrv_sec_quotas", lang)))
for paragraph in quota_story.describe_quotas(room.quotas, lang, place=run.province):
    display(Markdown(paragraph))
if not room.quotas.empty:
    record_table("quotas", tables.quota_table(room.quotas, lang), title=t("mrv_table_quotas", lang), lang=lang,
                 decimals=0)

# %%
display(Markdown(heading("mrv_sec_credits", lang)))
if room.account is None:
    display(Markdown(t("mrv_no_credits", lang, province=run.province)))
else:
    display(Markdown(story.describe_credits(room.account, lang) + " " + story.describe_verdict(facts, lang)))
    record_table("credits", tables.credit_account_table(room.account, lang), title=t("mrv_table_credits", lang),
                 lang=lang, decimals=1)
    charts.plot_credit_account(room.account, lang, estimate=run.baseline.is_estimate);
    display(Markdown(story.describe_credit_lines(room.credits, lang)))
    record_table("credit_register", tables.credit_register_table(room.credits, lang),
                 title=t("mrv_table_credit_register", lang), lang=lang, decimals=0)

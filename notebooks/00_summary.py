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
# # Tóm tắt / Executive summary
#
# **Question.** In a few pages: how much the province emits, whether its plan meets its headline target (and how sure
# that is), how far it is from net zero in 2050, and where it stands on the Provincial Green Index.
#
# **Inputs.** The same run as notebooks 01–03 (`analysis.run.build_run`): the province or 2025 unit, its frozen BAU,
# its own scenario and target files or the national set, the published PGI table.
#
# **Outputs.** The verdict in words, the key figures, sectors, who does what by when, facility reporting and
# credits, the PGI standing, the scenario chart, and the headline figures of the batch index page.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
scenario_file: str = ""  # empty: the province's own scenario file, else the national set
main_scenario: str = ""  # empty: the file's main scenario
long_term_scenario: str = ""  # empty: the file's long-term scenario
targets_file: str = ""  # empty: national targets and the province's own
headline_target: str = ""  # empty: the province's own target, else the NDC
target_year: int = 2030  # year of the headline target
pgi_year: int = 2024  # Provincial Green Index year
n_draws: int = 10000  # Monte Carlo draws for the probability of the headline (0: none); as in 02
facilities_file: str = ""  # facility register; empty: the shipped illustrative example
credits_file: str = ""  # credit register; empty: the shipped illustrative example
as_of: str = ""  # date of the reporting status (dd/mm/yyyy); empty: today
seed: int = 20300  # Monte Carlo seed
previous: str = ""  # an earlier report of this place (its run folder or facts.json): what changed since; empty: none
lang: str = "vi"  # report language
view: str = "territorial"  # emissions view: territorial, or gpc (GPC BASIC: scope 2 from a consumption proxy)

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.i18n import t
from analysis.index import pgi
from analysis.mrv.room import open_mrv_room
from analysis.narrative import decision, heading
from analysis.narrative import mrv as mrv_story
from analysis.narrative import pgi as pgi_story
from analysis.narrative import run as run_story
from analysis.narrative import summary as story
from analysis.narrative.decision import SAID_ON_PAGE_ONE
from analysis.report.excel import record_facts, record_headline, record_report_info, record_table
from analysis.run import build_run
from analysis.run.context import headline_percent
from analysis.run.facts import compare_facts, facts_for, read_previous
from analysis.viz import pathways as charts

run = build_run(province=province, map=map, scenario_file=scenario_file, main_scenario=main_scenario,
                long_term_scenario=long_term_scenario, targets_file=targets_file, headline_target=headline_target,
                target_year=target_year, pgi_year=pgi_year, n_draws=n_draws, seed=seed, lang=lang, view=view)
baseline = run.baseline
facts = facts_for(run)  # every figure the reports of this run state, computed once for both languages
record_facts(facts)
pgi_table = pgi.build_pgi_index()
pgi_province = run.constituents[0] if len(run.constituents) == 1 else None
standing = pgi.national_rank(pgi_table, pgi_province, pgi_year) if pgi_province else None
room = open_mrv_room(run, facilities_file, credits_file, as_of)
record_report_info(**run_story.report_info(run, lang, sources=("data/raw/vcci/pgi_2022_2024.csv",
                                                              *mrv_story.describe_sources(room, lang))))
for key, figure in facts.headline_figures(lang).items():
    record_headline(key, figure["value"], unit=figure.get("unit"), label=figure.get("label"))

# %%
display(Markdown("# " + t("sum_heading", lang, province=run.province)))
display(Markdown(run_story.describe_map(run, lang) + " " + run_story.describe_view(run, lang, short=True)))  # map, view
# the verdict, its figures, the three next actions, then a 2025 unit's inherited targets: page 1 holds the decision
for paragraph in [*decision.describe_verdict(facts, lang), decision.next_steps(facts, lang),
                  *decision.describe_inherited(facts, lang), decision.caveats(facts, lang)]:
    if paragraph:
        display(Markdown(paragraph))

# %%
display(Markdown(story.describe_trend(facts, lang)))
display(Markdown(story.describe_intensity(facts, lang)))
if previous:  # what moved since an earlier report of this place, and why
    changes = compare_facts(read_previous(previous), facts, file=previous)
    display(Markdown(heading("chg_heading", lang)))
    display(Markdown(story.describe_changes(changes, lang)))
    if changes:
        record_table("changes", story.changes_table(changes, facts, lang), title=t("chg_heading", lang), lang=lang)

# %%
record_table("sectors", story.sector_table(run, lang), title=t("sum_sectors", lang), lang=lang)

# %%
paragraphs = [story.describe_national_comparison(facts, lang), story.describe_net_zero(facts, lang),
              *run_story.describe_warnings(run, lang, said=SAID_ON_PAGE_ONE)]  # said once: the map note, the steps
for paragraph in paragraphs:
    if paragraph:
        display(Markdown(paragraph))

# %%
# the key figures are page 1's, in the workbook only (the report states them once)
record_table("summary", story.summary_table(facts, lang), title=t("sum_key_figures", lang), lang=lang, show=False)

# %%
record_table("actions", story.action_table(facts, lang, top=5, compact=True), title=t("sum_actions", lang),
             lang=lang, decimals=2)
display(Markdown(story.action_note(run.main, lang, top=5)))

# %%
if pgi_province:
    history = pgi.summarise_pgi_history(pgi_table, pgi_province, lang)
    display(Markdown(pgi_story.describe_standing(history, pgi_province, lang, pgi_year, regional=False, fact=True)))
    record_headline("pgi_rank", standing.rank, label=f"PGI {pgi_year}")
else:
    display(Markdown(pgi_story.describe_unit_scores(pgi_table, run.province, pgi_year, lang)))

# %%
display(Markdown(heading("sum_mrv", lang)))
for sentence in mrv_story.describe_summary(room, lang):
    display(Markdown(sentence))

# %%
display(Markdown(heading("sum_chart", lang)))
charts.plot_scenarios(run.shown, lang, target_pct=headline_percent(run), target_year=target_year, height_ratio=0.34);


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
# # Tổng quan dữ liệu / Data overview
#
# **Question.** What does the project know about the province (or the 2025 unit), and where does each number come
# from?
#
# **Inputs.** The province registry (63 provinces and the 34 units of July 2025), the published Provincial Green
# Index table, the provenance register `data/raw/SOURCES.csv` and the inventory estimate (for the territorial rule:
# what lies in no province, and what moved).
#
# **Outputs.** A short narrative, the province's identity, its published PGI scores and ranks, the territorial rule
# (what moved to the national line not allocated to a province, and the national check by sector), and the list of
# data sources, in Vietnamese (`lang = "vi"`) or English (`lang = "en"`). Logic: `analysis.data.overview`,
# `analysis.inventory` and `analysis.narrative.overview`.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling: BRVT, Ba Ria - Vung Tau …
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
lang: str = "vi"  # report language

# %%
from IPython.display import Markdown, display

from analysis.data.overview import collect_facts
from analysis.i18n import t
from analysis.inventory import reconciliation, supported_years, territorial_moves
from analysis.narrative import heading
from analysis.narrative import overview as story
from analysis.report.excel import record_facts, record_report_info, record_table
from analysis.run import build_run
from analysis.run.facts import facts_for

facts = collect_facts(province, map)
record_facts(facts_for(build_run(province=province, map=map, lang=lang)))  # the run's facts, as every report has
record_report_info(sources=[t("overview_register", lang)])

# %%
display(Markdown("# " + t("overview_heading", lang, province=facts.name)))
display(Markdown(story.describe_overview(facts, lang)))

# %%
record_table("facts", story.facts_table(facts, lang), title=t("overview_sec_facts", lang), lang=lang)

# %%
record_table("pgi", story.pgi_table(facts, lang), title=t("overview_sec_pgi", lang), lang=lang)

# %%
display(Markdown(heading("overview_sec_territory", lang)))
year = supported_years()[1]  # the base year of every shipped profile
checked = reconciliation(year, admin_map=facts.map)
display(Markdown(story.describe_territory(facts, territorial_moves(year, admin_map=facts.map), checked, year, lang)))
record_table("territory", story.reconciliation_table(checked, lang), title=t("overview_territory_table", lang, year=year),
             lang=lang, decimals=2)

# %%
record_table("sources", story.sources_table(facts, lang), title=t("overview_sec_sources", lang), lang=lang)

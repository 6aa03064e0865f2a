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
# # Phân tích Chỉ số Xanh cấp tỉnh (PGI) / Provincial Green Index analysis
#
# **Question.** Where does the province stand on VCCI's Provincial Green Index, what moved it, what would it take to
# climb, and how solid is its rank? (A 2025 unit: how its former provinces compare.)
#
# **Inputs.** `data/raw/vcci/pgi_2022_2024.csv` (published sub-indices, scores and ranks; partial),
# `config/weights/pgi.yaml` (weight 1 on each of the four sub-indices), the province registry (63 provinces and the
# 34 units from July 2025).
#
# **Outputs.** Narrative and tables in the chosen language, charts, and the tables of the run's Excel workbook; the
# statistical tests (rank intervals, Cronbach's alpha, correlations, principal components) in an annex at the end,
# the body saying what they mean. Logic: `analysis.index`, `analysis.narrative.pgi`.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
pgi_year: int = 2024  # Provincial Green Index year
target_rank: int = 5  # rank to reach in the what-if (5 = top 5)
n_draws: int = 10000  # Monte Carlo draws for the rank intervals
lang: str = "vi"  # report language

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.data.pgi_plan import load_plan_bodies
from analysis.data.provinces import get_registry
from analysis.i18n import t
from analysis.index import merger, pgi, robustness, stats, whatif
from analysis.index import province as prov
from analysis.narrative import heading
from analysis.narrative import pgi as story
from analysis.narrative import pgi_tables as tables
from analysis.report.excel import record_facts, record_headline, record_table
from analysis.run.context import build_run, locate_place
from analysis.run.facts import facts_for
from analysis.viz import index as charts

place = locate_place(province, map)
record_facts(facts_for(build_run(province=province, map=map, lang=lang)))  # the run's facts, as every report has
name, members = place.name, list(place.constituents)
focus = members[0]
spec = pgi.get_pgi_spec()
table = pgi.build_pgi_index()
history = pgi.summarise_pgi_history(table, focus, lang)
field = whatif.select_complete_field(table, spec, pgi_year)

# %%
display(Markdown("# " + t("pgi_heading", lang, province=name)))
if len(members) > 1:
    display(Markdown(story.describe_merger(focus, lang)))
    record_table("pgi_2025_map", tables.constituents_table(merger.compare_constituents(table, spec, name), spec,
                                                           lang), title=t("pgi_table_map", lang), lang=lang, decimals=2)
display(Markdown(heading("pgi_sec_standing", lang)))
for member in members:
    display(Markdown(story.describe_standing(pgi.summarise_pgi_history(table, member, lang), member, lang, pgi_year)))
record_headline("pgi_rank", pgi.national_rank(table, focus, pgi_year).rank if len(members) == 1 else None,
                label=f"PGI {pgi_year}")
charts.plot_ranking_bar(table, pgi_year, focus, lang=lang);

# %%
display(Markdown(heading("pgi_sec_history", lang)))
record_table("pgi_history", tables.history_table(history, lang), title=t("pgi_table_history", lang), lang=lang,
             decimals=2)
charts.plot_slope(table, get_registry().members(get_registry().province(focus).region), lang=lang, highlight=focus);

# %%
display(Markdown(heading("pgi_sec_profile", lang)))
profile = prov.profile_subindices(table, spec, focus, pgi_year)
display(Markdown(story.describe_profile(profile, spec, pgi_year, lang, focus)))
record_table("pgi_profile", tables.profile_table(profile, spec, lang), title=t("pgi_table_profile", lang), lang=lang,
             decimals=2)
charts.plot_subindex_profile(profile, spec, focus, pgi_year, lang=lang);

# %%
charts.plot_subindex_heatmap(table, spec, pgi_year, focus, lang=lang);

# %%
display(Markdown(heading("pgi_sec_drivers", lang)))
changes = pgi.explain_pgi_changes(table, focus)
display(Markdown(story.describe_drivers(changes, spec, lang, pgi_year)))
record_table("pgi_drivers", tables.drivers_table(changes[changes["year_to"] <= pgi_year], spec, lang),
             title=t("pgi_table_drivers", lang), lang=lang, decimals=2)

# %%
display(Markdown(heading("pgi_sec_whatif", lang)))
try:
    options = pgi.solve_pgi_whatif(table, focus, pgi_year, target_rank)
except LookupError:
    display(Markdown(t("pgi_whatif_national_unknown", lang, year=pgi_year)))
else:
    display(Markdown(story.describe_whatif_national(options, pgi_year, lang, spec)))
    record_table("pgi_whatif", tables.whatif_table(options, spec, lang), title=t("pgi_table_whatif", lang), lang=lang,
                 decimals=2)

# %%
display(Markdown(heading("pgi_sec_plan", lang)))
try:
    plan = pgi.plan_pgi_improvements(table, focus, pgi_year, target_rank)
except LookupError:
    display(Markdown(t("pgi_whatif_national_unknown", lang, year=pgi_year)))
else:
    display(Markdown(story.describe_plan(plan, spec, lang)))
    record_table("pgi_plan", tables.plan_table(plan, spec, lang), title=t("pgi_table_plan", lang), lang=lang, decimals=2)
bodies = load_plan_bodies(focus)
display(Markdown(story.describe_plan_bodies(bodies, focus, lang, spec)))
if len(bodies):
    record_table("pgi_bodies", tables.bodies_table(bodies, spec, lang), title=t("pgi_table_bodies", lang), lang=lang)

# %%
display(Markdown(heading("pgi_sec_reliability", lang)))
intervals, tested = robustness.rank_intervals_of(field, spec, members, n_draws=n_draws)
for sentence in story.describe_rank_meaning(intervals, members, pgi_year, lang):
    display(Markdown(sentence))
alpha = stats.compute_cronbach_alpha(field, spec.indicators)
display(Markdown(story.describe_statistics_meaning(alpha, pgi_year, lang)))

# %%
if len(members) == 1:
    display(Markdown(heading("pgi_sec_merger", lang)))
    display(Markdown(story.describe_merger(focus, lang)))
    record_table("pgi_2025_map", tables.constituents_table(merger.compare_constituents(table, spec, name), spec,
                                                           lang), title=t("pgi_table_map", lang), lang=lang, decimals=2)

# %%
display(Markdown(heading("pgi_sec_coverage", lang)))
coverage = prov.summarise_coverage(table, spec)
display(Markdown(story.describe_coverage(coverage, pgi_year, lang, with_caveat=True)))

# %%
display(Markdown(heading("pgi_sec_annex", lang)))
if intervals is not None:
    display(Markdown(heading("pgi_sec_robust", lang, level=3)))
    for member in tested:
        display(Markdown(story.describe_robustness(intervals, member, lang)))
    record_table("pgi_rank_intervals", tables.intervals_table(intervals, lang), title=t("pgi_table_intervals", lang),
                 lang=lang, decimals=2)
    charts.plot_rank_intervals(intervals, pgi_year, tested[0], lang=lang);

# %%
display(Markdown(heading("pgi_sec_stats", lang, level=3)))
display(Markdown(story.describe_statistics(alpha, pgi_year, lang)))
if alpha["n_used"] >= 10:
    record_table("pgi_correlations", tables.correlations_table(stats.correlate_indicators(field, spec.indicators), spec,
                                                               lang), title=t("pgi_table_correlations", lang),
                 lang=lang, decimals=2)
    record_table("pgi_pca", tables.pca_table(stats.compute_pca_loadings(field, spec.indicators), spec, lang),
                 title=t("pgi_table_pca", lang), lang=lang, decimals=2)

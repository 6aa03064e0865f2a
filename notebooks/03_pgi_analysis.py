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
# **Outputs.** Narrative and tables in the chosen language, charts, and the tables of the run's Excel workbook.
# Logic: `analysis.index`, `analysis.narrative.pgi`.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 2024  # 2024: the 63 provinces; 2025: the 34 units
pgi_year: int = 2024  # Provincial Green Index year
target_rank: int = 5  # rank to reach in the what-if (5 = top 5)
n_draws: int = 10000  # Monte Carlo draws for the rank intervals
lang: str = "vi"  # report language

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.data.provinces import get_registry
from analysis.i18n import t
from analysis.index import merger, pgi, province as prov, robustness, stats, whatif
from analysis.narrative import heading, pgi as story
from analysis.report.excel import record_headline, record_table
from analysis.run.parameters import check_parameters
from analysis.viz import index as charts

name = check_parameters({"province": province, "map": map})["province"]
unit = get_registry().unit(name)
members = list(unit.constituents) if map == 2025 else [name]
spec = pgi.get_pgi_spec()
table = pgi.build_pgi_index()
single = len(members) == 1
focus = members[0]
region = get_registry().province(focus).region
history = prov.summarise_history(table, focus)
field = whatif.select_complete_field(table, spec, pgi_year)

# %%
display(Markdown("# " + t("pgi_heading", lang, province=name)))
if not single:
    display(Markdown(story.describe_merger(focus, lang)))
    record_table("pgi_2025_map", merger.compare_constituents(table, spec, unit.name), title=t("pgi_sec_merger", lang),
                 lang=lang, decimals=2)
display(Markdown(heading("pgi_sec_standing", lang)))
for member in members:
    member_history = prov.summarise_history(table, member)
    display(Markdown(story.describe_standing(member_history[member_history["year"] <= pgi_year], member, lang)))
record_headline("pgi_rank", story.rank_in(history, pgi_year) if single else None, label=f"PGI {pgi_year}")

# %%
charts.plot_ranking_bar(table, pgi_year, focus, lang=lang);

# %%
display(Markdown(heading("pgi_sec_history", lang)))
record_table("pgi_history", history[["year", "score", "source", "rank", "rank_source", "region_rank", "score_change",
                                     "rank_change", "percentile", "note"]], title=t("pgi_sec_history", lang), lang=lang,
             decimals=2)
charts.plot_slope(table, get_registry().members(region), lang=lang, highlight=focus);

# %%
display(Markdown(heading("pgi_sec_profile", lang)))
profile = prov.profile_subindices(table, spec, focus, pgi_year)
display(Markdown(story.describe_profile(profile, spec, pgi_year, lang)))
record_table("pgi_profile", profile, title=t("pgi_sec_profile", lang), lang=lang, decimals=2)
charts.plot_subindex_profile(profile, spec, focus, pgi_year, lang=lang);

# %%
charts.plot_subindex_heatmap(table, spec, pgi_year, focus, lang=lang);

# %%
display(Markdown(heading("pgi_sec_drivers", lang)))
changes = prov.explain_changes(table, spec, focus)
display(Markdown(story.describe_drivers(changes, spec, lang)))
record_table("pgi_drivers", changes, title=t("pgi_sec_drivers", lang), lang=lang, decimals=2)

# %%
display(Markdown(heading("pgi_sec_whatif", lang)))
try:
    national = whatif.solve_target_rank_national(table, spec, focus, pgi_year, target_rank)
    display(Markdown(story.describe_whatif_national(national, pgi_year, lang)))
    record_table("pgi_whatif_national", national, title=t("pgi_sec_whatif", lang), lang=lang, decimals=2)
except (ValueError, LookupError) as reason:
    display(Markdown(t("pgi_whatif_national_unknown", lang, target=target_rank, year=pgi_year, reason=reason)))
if focus in set(field["province"]):
    within = whatif.solve_target_rank(field, spec, focus, target_rank)
    display(Markdown(story.describe_whatif(within, spec, lang)))
    record_table("pgi_whatif_field", within, title=t("pgi_sec_whatif", lang), lang=lang, decimals=2)

# %%
display(Markdown(heading("pgi_sec_robust", lang)))
if focus in set(field["province"]):
    intervals = robustness.summarise_rank_intervals(field, spec, n_draws=n_draws)
    display(Markdown(story.describe_robustness(intervals, focus, lang)))
    record_table("pgi_rank_intervals", intervals, title=t("pgi_sec_robust", lang), lang=lang, decimals=2)
    charts.plot_rank_intervals(intervals, pgi_year, focus, lang=lang);

# %%
display(Markdown(heading("pgi_sec_stats", lang)))
alpha = stats.compute_cronbach_alpha(field, spec.indicators)
display(Markdown(t("pgi_stats_note", lang, n=int(alpha["n_used"]), dropped=len(get_registry().provinces)
                   - int(alpha["n_used"]), year=pgi_year, alpha=f"{alpha['alpha']:.2f}")))
record_table("pgi_correlations", stats.correlate_indicators(field, spec.indicators), title=t("pgi_sec_stats", lang),
             lang=lang, decimals=3)
record_table("pgi_pca", stats.compute_pca_loadings(field, spec.indicators), title=t("pgi_sec_stats", lang),
             lang=lang, decimals=3)

# %%
if single:
    display(Markdown(heading("pgi_sec_merger", lang)))
    display(Markdown(story.describe_merger(focus, lang)))
    record_table("pgi_2025_map", merger.compare_constituents(table, spec, unit.name), title=t("pgi_sec_merger", lang),
                 lang=lang, decimals=2)

# %%
display(Markdown(heading("pgi_sec_coverage", lang)))
coverage = prov.summarise_coverage(table, spec)
display(Markdown(story.describe_coverage(coverage, pgi_year, lang) + " " + pgi.note_year(pgi_year, lang)))
record_table("pgi_coverage", coverage, title=t("pgi_sec_coverage", lang), lang=lang, decimals=0)

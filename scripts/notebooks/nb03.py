"""Author the notebook (the .ipynb is generated from this file; see scripts/nbtools.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nbtools import code, md, params, write  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "notebooks"

write(OUT / "03_pgi_analysis.ipynb", [
md("""
# Phân tích Chỉ số Xanh cấp tỉnh (PGI) / Provincial Green Index analysis

**Question.** Where does the province stand on VCCI's Provincial Green Index, what moved it, what would it take to
climb, and how solid is its rank?

**Inputs.** `data/raw/vcci/pgi_2022_2024.csv` (published sub-indices, scores and ranks; partial), `config/weights/pgi.yaml`
(weight 1 on each of the four sub-indices), the province registry (63 provinces and the 34 units from July 2025).

**Outputs.** Narrative and tables in the chosen language (`lang`), charts (ranking, sub-index profile, heatmap,
rank history, rank intervals), and for the run's Excel workbook: the history, profile, what-if and rank-interval tables.
All logic is in `analysis.index` and `analysis.narrative.pgi`; this notebook only calls it.
""", remove=True),
params("""
province: str = "Bà Rịa – Vũng Tàu"  # province analysed (any common spelling: BRVT, Ba Ria - Vung Tau …)
year: int = 2024  # PGI year analysed; range: 2022..2024
target_rank: int = 5  # rank to reach in the what-if (5 = top 5); range: 1..63
n_draws: int = 10000  # Monte Carlo draws for the rank intervals; range: 100..200000
lang: str = "vi"  # report language; choices: vi, en
"""),
code("""
%matplotlib inline
from IPython.display import Markdown, display

from analysis.data.provinces import get_registry
from analysis.i18n import t
from analysis.index import pgi, province as prov, robustness, stats, whatif, merger
from analysis.narrative import heading, pgi as story
from analysis.report.excel import record_headline, record_table
from analysis.viz import index as charts

name = get_registry().resolve(province)
region = get_registry().province(name).region
spec = pgi.get_pgi_spec()
table = pgi.build_pgi_index()
history = prov.summarise_history(table, name)
field = whatif.select_complete_field(table, spec, year)
"""),
code("""
display(Markdown("# " + t("pgi_heading", lang, province=name)))
display(Markdown(heading("pgi_sec_standing", lang)))
display(Markdown(story.describe_standing(history[history["year"] <= year], name, lang)))
record_headline("pgi_rank", story.rank_in(history, year), label=f"PGI {year}")
"""),
code("""
charts.plot_ranking_bar(table, year, name, lang=lang);
"""),
code("""
display(Markdown(heading("pgi_sec_history", lang)))
record_table("pgi_history", history[["year", "score", "source", "rank", "rank_source", "region_rank", "score_change",
                                     "rank_change", "percentile", "note"]], title=t("pgi_sec_history", lang), lang=lang,
             decimals=2)
"""),
code("""
peers = get_registry().members(region)
charts.plot_slope(table, peers, lang=lang, highlight=name);
"""),
code("""
display(Markdown(heading("pgi_sec_profile", lang)))
profile = prov.profile_subindices(table, spec, name, year)
display(Markdown(story.describe_profile(profile, spec, year, lang)))
record_table("pgi_profile", profile, title=t("pgi_sec_profile", lang), lang=lang, decimals=2)
"""),
code("""
charts.plot_subindex_profile(profile, spec, name, year, lang=lang);
"""),
code("""
charts.plot_subindex_heatmap(table, spec, year, name, lang=lang);
"""),
code("""
display(Markdown(heading("pgi_sec_drivers", lang)))
changes = prov.explain_changes(table, spec, name)
display(Markdown(story.describe_drivers(changes, spec, lang)))
record_table("pgi_drivers", changes, title=t("pgi_sec_drivers", lang), lang=lang, decimals=2)
"""),
code("""
display(Markdown(heading("pgi_sec_whatif", lang)))
try:
    national = whatif.solve_target_rank_national(table, spec, name, year, target_rank)
    display(Markdown(story.describe_whatif_national(national, year, lang)))
    record_table("pgi_whatif_national", national, title=t("pgi_sec_whatif", lang), lang=lang, decimals=2)
except (ValueError, LookupError) as reason:
    display(Markdown(t("pgi_whatif_national_unknown", lang, target=target_rank, year=year, reason=reason)))
if name in set(field["province"]):
    within = whatif.solve_target_rank(field, spec, name, target_rank)
    display(Markdown(story.describe_whatif(within, spec, lang)))
    record_table("pgi_whatif_field", within, title=t("pgi_sec_whatif", lang), lang=lang, decimals=2)
"""),
code("""
display(Markdown(heading("pgi_sec_robust", lang)))
if name in set(field["province"]):
    intervals = robustness.summarise_rank_intervals(field, spec, n_draws=n_draws)
    display(Markdown(story.describe_robustness(intervals, name, lang)))
    record_table("pgi_rank_intervals", intervals, title=t("pgi_sec_robust", lang), lang=lang, decimals=2)
    charts.plot_rank_intervals(intervals, year, name, lang=lang);
"""),
code("""
display(Markdown(heading("pgi_sec_stats", lang)))
alpha = stats.compute_cronbach_alpha(field, spec.indicators)
display(Markdown(t("pgi_stats_note", lang, n=int(alpha["n_used"]), dropped=63 - int(alpha["n_used"]), year=year,
                   alpha=f"{alpha['alpha']:.2f}")))
record_table("pgi_correlations", stats.correlate_indicators(field, spec.indicators), lang=lang, decimals=3)
record_table("pgi_pca", stats.compute_pca_loadings(field, spec.indicators), lang=lang, decimals=3)
"""),
code("""
display(Markdown(heading("pgi_sec_merger", lang)))
display(Markdown(story.describe_merger(name, lang)))
record_table("pgi_2025_map", merger.compare_constituents(table, spec, get_registry().unit(name).name), lang=lang,
             decimals=2)
"""),
code("""
display(Markdown(heading("pgi_sec_coverage", lang)))
coverage = prov.summarise_coverage(table, spec)
display(Markdown(story.describe_coverage(coverage, year, lang) + " " + pgi.note_year(year, lang)))
record_table("pgi_coverage", coverage, lang=lang, decimals=0)
"""),
])

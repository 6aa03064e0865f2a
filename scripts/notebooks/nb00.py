"""Author the notebook (the .ipynb is generated from this file; see scripts/nbtools.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nbtools import code, md, params, write  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "notebooks"

write(OUT / "00_summary.ipynb", [
md("""
# Tóm tắt / Executive summary

**Question.** In one page: how much the province emits, whether its plan meets the 8 %-below-BAU target for 2030, how
far it is from net zero in 2050, and where it stands on the Provincial Green Index.

**Inputs.** The same as notebooks 01–03: the province profile and frozen BAU, the scenario and target files, the PGI
table.

**Outputs.** The key figures, three sentences, three charts (scenarios against BAU, BAU → scenario waterfall, PGI
ranking) and the headline figures of the batch index page.
""", remove=True),
params("""
province: str = "Bà Rịa – Vũng Tàu"  # province analysed (any common spelling)
scenario_file: str = "config/scenarios/brvt.yaml"  # scenario set (YAML); path
target_file: str = "config/scenarios/brvt_targets.yaml"  # targets (YAML); path
scenarios: list[str] = ["action_plan_2030", "net_zero_2050"]  # main scenario first, then the long-term one
target_year: int = 2030  # year of the headline target; range: 2025..2050
pgi_year: int = 2024  # PGI year shown; range: 2022..2024
lang: str = "vi"  # report language; choices: vi, en
"""),
code("""
%matplotlib inline
from IPython.display import Markdown, display

from analysis.emissions import targets as tg
from analysis.emissions.context import load_pathway_context
from analysis.i18n import t
from analysis.index import pgi, province as prov
from analysis.narrative import bau as bau_story, pathways as story, pgi as pgi_story
from analysis.narrative import heading
from analysis.report.excel import record_headline, record_report_info, record_table
from analysis.viz import index as icharts, pathways as charts

ctx = load_pathway_context(province, scenario_file, target_file, scenarios, target_year)
name, baseline, main, last, shown, headline_target = ctx.province, ctx.baseline, ctx.main, ctx.last, ctx.shown, ctx.headline
own = tg.evaluate_targets(main, [headline_target], lang).iloc[0]
pgi_table = pgi.build_pgi_index()
history = prov.summarise_history(pgi_table, name)
pgi_rows = history[(history["year"] == pgi_year) & history["score"].notna()]
record_report_info(is_estimate=baseline.is_estimate, data_vintage=baseline.vintage,
                   sources=[scenario_file, target_file, "data/raw/vcci/pgi_2022_2024.csv", headline_target.source])
"""),
code("""
display(Markdown("# " + t("sum_heading", lang, province=name)))
display(Markdown(bau_story.describe_estimate(baseline, lang)))
display(Markdown(story.describe_headline(main, own, lang)))
display(Markdown(story.describe_net_zero(last, int(baseline.years[-1]), lang)))
display(Markdown(pgi_story.describe_standing(history[history["year"] <= pgi_year], name, lang)))
"""),
code("""
display(Markdown(heading("sum_key_figures", lang)))
record_table("summary", story.summary_table(baseline, main, last, own, pgi_rows.iloc[0] if len(pgi_rows) else None, lang),
             title=t("sum_key_figures", lang), lang=lang)
record_headline("bau_2030", float(baseline.net()[baseline.year_index(target_year)]) / 1e6, unit="Mt CO2e")
record_headline("scenario_2030", main.value(target_year) / 1e6, unit="Mt CO2e")
record_headline("pct_below_bau", float(own["achieved_below_bau_pct"]), unit="%")
record_headline("target_met", bool(own["met"]))
record_headline("pgi_rank", pgi_story.rank_in(history, pgi_year), label=f"PGI {pgi_year}")
"""),
code("""
display(Markdown(heading("sum_charts", lang)))
charts.plot_scenarios(shown, lang, target_pct=100 * headline_target.value, target_year=target_year);
"""),
code("""
charts.plot_waterfall(main, target_year, lang, target_pct=100 * headline_target.value);
"""),
code("""
icharts.plot_ranking_bar(pgi_table, pgi_year, name, lang=lang);
"""),
])

"""Author the notebook (the .ipynb is generated from this file; see scripts/nbtools.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nbtools import code, md, params, write  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "notebooks"

write(OUT / "02_mitigation_pathways.ipynb", [
md("""
# Lộ trình giảm phát thải / Mitigation pathways

**Question.** Do the province's mitigation scenarios reach its targets — 8 % below BAU by 2030 (Decision
3070/QĐ-UBND), the national NDC 2022 and Decision 896/QĐ-TTg milestones, net zero by 2050 — what does each measure
contribute, what does it cost, and how sure can we be?

**Inputs.** The frozen BAU of the province profile (`config/profiles/…`), the scenario set (`scenario_file`, YAML:
measures with start year, ramp, cost and uncertainty, each cited or labelled an assumption) and the targets
(`target_file`).

**Outputs.** Narrative in the chosen language; tables (scenarios, targets, wedges, overlap, MACC, probabilities,
tornado) and charts (scenarios vs BAU, wedges, waterfall, gross/removals/net, MACC, LMDI, fan chart, tornado).
All logic is in `analysis.emissions` and `analysis.narrative.pathways`.
""", remove=True),
params("""
province: str = "Bà Rịa – Vũng Tàu"  # province analysed (any common spelling)
scenario_file: str = "config/scenarios/brvt.yaml"  # scenario set (YAML); path
target_file: str = "config/scenarios/brvt_targets.yaml"  # targets (YAML); path
scenarios: list[str] = ["action_plan_2030", "net_zero_2050"]  # scenarios shown (names in scenario_file)
target_year: int = 2030  # year of the headline target; range: 2025..2050
n_draws: int = 10000  # Monte Carlo draws; range: 100..200000
lang: str = "vi"  # report language; choices: vi, en
"""),
code("""
%matplotlib inline
from IPython.display import Markdown, display

from analysis.emissions import bau, lmdi, macc, montecarlo, pathways as pw, targets as tg
from analysis.emissions.context import load_pathway_context
from analysis.i18n import t
from analysis.narrative import bau as bau_story, pathways as story
from analysis.narrative import heading
from analysis.report.excel import record_headline, record_report_info, record_table
from analysis.viz import forecast as fcharts, pathways as charts

ctx = load_pathway_context(province, scenario_file, target_file, scenarios, target_year)
name, profile, baseline, scenario_set, target_list = ctx.province, ctx.profile, ctx.baseline, ctx.scenario_set, ctx.targets
main, last, shown, headline_target = ctx.main, ctx.last, ctx.shown, ctx.headline
record_report_info(is_estimate=baseline.is_estimate, data_vintage=baseline.vintage,
                   sources=[scenario_file, target_file, headline_target.source])
"""),
code("""
display(Markdown("# " + t("pw_heading", lang, province=name)))
display(Markdown(bau_story.describe_estimate(baseline, lang)))
evaluated = tg.evaluate_targets(main, target_list, lang)
own = evaluated[evaluated["target_id"] == headline_target.id].iloc[0]
display(Markdown(story.describe_headline(main, own, lang)))
record_headline("scenario_2030", main.value(target_year) / 1e6, unit="Mt CO2e", label=f"{scenarios[0]} {target_year}")
record_headline("bau_2030", float(baseline.net()[baseline.year_index(target_year)]) / 1e6, unit="Mt CO2e")
record_headline("pct_below_bau", story.percent_below_bau(main, target_year), unit="%")
record_headline("target_met", bool(own["met"]), label=headline_target.label.get(lang, headline_target.id))
"""),
code("""
display(Markdown(heading("pw_sec_scenarios", lang)))
display(Markdown(story.describe_scenarios(shown, target_year, lang)))
record_table("scenarios", story.scenario_table(shown, target_year, lang), title=t("pw_sec_scenarios", lang), lang=lang,
             decimals=1)
record_table("pathways", pw.tabulate_pathways(shown), lang=lang, show=False)
charts.plot_scenarios(shown, lang, target_pct=100 * headline_target.value, target_year=target_year);
"""),
code("""
display(Markdown(heading("pw_sec_targets", lang)))
display(Markdown(story.describe_targets(main, evaluated, lang)))
record_table("targets", story.target_table(evaluated, lang), title=t("pw_sec_targets", lang), lang=lang, decimals=2)
if last is not main:
    evaluated_last = tg.evaluate_targets(last, target_list, lang)
    display(Markdown(story.describe_targets(last, evaluated_last, lang)))
    record_table("targets_" + last.name, story.target_table(evaluated_last, lang), title=t("pw_sec_targets", lang),
                 lang=lang, decimals=2)
"""),
code("""
display(Markdown(heading("pw_sec_wedges", lang)))
record_table("wedges", pw.tabulate_wedges(last, lang), lang=lang, show=False)
record_table("overlap", story.for_display(pw.tabulate_overlap(main, target_year)), lang=lang, decimals=3)
charts.plot_wedges(last, lang);
"""),
code("""
display(Markdown(heading("pw_sec_waterfall", lang, year=target_year)))
charts.plot_waterfall(main, target_year, lang, target_pct=100 * headline_target.value);
"""),
code("""
display(Markdown(heading("pw_sec_netzero", lang)))
display(Markdown(story.describe_net_zero(last, int(baseline.years[-1]), lang)))
charts.plot_net_zero(last, lang);
"""),
code("""
display(Markdown(heading("pw_sec_macc", lang)))
curve = macc.build_macc(baseline, main.scenario, target_year)
cost = macc.compute_target_cost(baseline, main.scenario, headline_target)
display(Markdown(story.describe_macc(cost, lang)))
record_table("macc", story.for_display(curve), title=t("pw_sec_macc", lang), lang=lang, decimals=2)
charts.plot_macc(curve, lang);
"""),
code("""
display(Markdown(heading("pw_sec_lmdi", lang)))
y0, y1 = baseline.base_year, int(baseline.years[-1])
decomposition = lmdi.decompose_kaya(story.kaya_state(last, y0), story.kaya_state(last, y1), label0=str(y0), label1=str(y1))
display(Markdown(story.describe_lmdi(decomposition, last, y0, y1, lang)))
record_table("lmdi_scenario", decomposition.to_frame(), title=t("pw_sec_lmdi", lang), lang=lang, decimals=0)
fcharts.plot_lmdi_waterfall(decomposition, lang=lang, scale=1e-6, unit=t("mtco2e", lang));
"""),
code("""
display(Markdown(heading("pw_sec_uncertainty", lang)))
inputs = bau.bau_inputs(profile, end_year=int(baseline.years[-1]))
mc = montecarlo.run_monte_carlo(inputs, scenario_set, target_list, n_draws=n_draws, seed=1)
display(Markdown(story.describe_probability(mc.probabilities, main, headline_target.id,
                                            headline_target.label.get(lang, headline_target.id), n_draws, lang)))
record_table("probabilities", story.for_display(mc.probabilities), title=t("pw_sec_uncertainty", lang), lang=lang, decimals=3)
charts.plot_fan(mc.percentiles, main.name, lang, baseline_net=baseline.net() / 1e6, estimate=baseline.is_estimate,
                scenario_label=story.label_of(main, lang));
"""),
code("""
tornado = montecarlo.compute_tornado(inputs, scenario_set, main.name, headline_target)
display(Markdown(story.describe_tornado(tornado, target_year, lang)))
record_table("tornado", story.for_display(tornado), lang=lang, decimals=2)
charts.plot_tornado(tornado, lang, estimate=baseline.is_estimate);
"""),
])

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
# # Toàn quốc / National overview
#
# **Question.** Where does the province (or 2025 unit) stand among all provinces: how much it emits, per person,
# how fast its BAU grows, and how it scores on the Provincial Green Index? And does the nation add up: what national
# BAU do all the provinces' BAUs imply, against the national figures (NDC 2022, Decision 896/QĐ-TTg, the energy
# master plan)?
#
# **Inputs.** Every province's profile and frozen BAU in `data/profiles` and `config/profiles` (an official inventory counts where it
# replaced the estimate, and is named), the line not allocated to a province (offshore oil and gas production), the
# national figures of `data/raw/national/ndc_targets.csv`, the province boundaries for 63 and 34 units, the published
# PGI table.
#
# **Outputs.** The standing in words, the ranking table, maps of net emissions, per person and PGI; the implied
# national BAU by sector and year as a table and a chart beside the national figures, each on its own basis, with a
# sentence on each gap; in Vietnamese (`lang = "vi"`) or English (`lang = "en"`). Logic:
# `analysis.emissions.national_table`, `analysis.emissions.national_sum`, `analysis.narrative.national`,
# `analysis.narrative.national_sum`, `analysis.viz.maps`, `analysis.viz.national`.

# %% tags=["parameters"]
province: str = "Bà Rịa – Vũng Tàu"  # any common spelling
map: int = 0  # 2025: the 34 units; 2024: the 63 provinces (history); 0: today's map for a name on it
target_year: int = 2030  # year of the BAU compared
pgi_year: int = 2024  # Provincial Green Index year
lang: str = "vi"  # report language

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from analysis.emissions import national_sum
from analysis.emissions.national_table import national_table, standing
from analysis.i18n import t
from analysis.index import pgi
from analysis.narrative import heading
from analysis.narrative import national as story
from analysis.narrative import national_sum as nation
from analysis.report.excel import record_facts, record_headline, record_report_info, record_table
from analysis.run.context import build_run, locate_place
from analysis.run.facts import facts_for
from analysis.viz import maps
from analysis.viz.national import plot_national_bau

place = locate_place(province, map)
record_facts(facts_for(build_run(province=province, map=map, target_year=target_year, lang=lang)))  # the run's facts
name, constituents = place.name, place.constituents
table = national_table(place.admin_map, target_year)
where = standing(table, name)
official = tuple(table.loc[~table["is_estimate"], "province"])
record_report_info(**story.estimate_banner(table, name, lang),
                   sources=["data/raw/provinces63/provinces_63.geojson", "data/raw/vcci/pgi_2022_2024.csv",
                            "data/raw/national/ndc_targets.csv"])
record_headline("national_rank", where.rank_net, label=t("ov_col_rank", lang))

# %%
display(Markdown("# " + t("ov_heading", lang, province=name)))
for paragraph in story.describe_standing(table, where, lang):
    display(Markdown(paragraph))

# %%
display(Markdown(heading("ov_sec_ranking", lang)))
record_table("ranking", story.ranking_table(table, name, lang), title=story.table_note(table, name, lang),
             lang=lang, decimals=1)
record_table("all_provinces", story.ranking_table(table, name, lang, top=len(table)), title=t("ov_sec_ranking", lang),
             lang=lang, show=False)

# %%
display(Markdown(heading("ov_sec_nation", lang)))
implied = national_sum.implied_national_bau(place.admin_map)
compared = national_sum.compare_references(implied)
for paragraph in nation.describe_national_bau(implied, compared, lang):
    display(Markdown(paragraph))
record_table("national_bau", nation.national_bau_table(implied, lang), title=nation.national_bau_title(implied, lang),
             lang=lang, decimals=1)
record_table("national_references", nation.references_table(compared, lang), title=t("ov_ref_table", lang), lang=lang)

# %%
plot_national_bau(implied, compared, lang);

# %%
display(Markdown(t("ov_d896_intro", lang, year=2030)))
record_table("decision_896", nation.decision_896_table(national_sum.compare_decision_896(implied, 2030), lang),
             title=t("ov_d896_table", lang), lang=lang)

# %%
display(Markdown(heading("ov_sec_maps", lang)))
totals = table.set_index("province")["net_tco2e"]
year = int(table["base_year"].max())
maps.plot_emissions_map(totals, year=year, lang=lang, admin_map=place.admin_map, highlight=name, official=official);

# %%
maps.plot_emissions_per_person_map(totals, table.set_index("province")["population"], year=year, lang=lang,
                                   admin_map=place.admin_map, highlight=name, official=official);

# %%
display(Markdown(heading("ov_sec_pgi", lang)))
scores = pgi.build_pgi_index().query("year == @pgi_year").set_index("province")["score"].dropna()
if place.admin_map == 2025:
    display(Markdown(t("ov_pgi_2025", lang, names=", ".join(constituents), unit=name)))
maps.plot_pgi_map(scores, year=pgi_year, lang=lang, highlight=constituents[0] if len(constituents) == 1 else None);

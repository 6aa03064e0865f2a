"""The table kinds an analyst brings: their schemas (the catalogue of every kind is :mod:`analysis.data.catalogue`).

| kind | what | key |
|---|---|---|
| ``pgi`` | Provincial Green Index: four sub-indices (0–10), published score (0–40) and rank | province, year |
| ``index`` | any composite index in wide form: ``province, year, <indicators…>`` | province, year |
| ``inventory`` | GHG inventory by sector and gas, with its GWP set | province, year, sector, gas |
| ``drivers`` | driver history: population, GRDP, sector GRDP … | province, year, variable |
| ``provinces`` | the province / region / 2025-merger table | province_vi |
| ``emissions_series`` | a national emissions series (Our World in Data layout) | country, year (contiguous) |
| ``facilities`` | facility GHG register, one row per facility and inventory year (docs/mrv.md) | facility_id, year |
| ``credits`` | carbon-credit register: one row per project and vintage (``docs/mrv.md``) | project, vintage |

:data:`PROVINCE` and :data:`YEAR` are the shared columns other schemas reuse. Sectors are the keys of
``data/raw/project/sectors.csv`` (:mod:`analysis.data.sectors`), read when a table is checked.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.provinces import REGION_VI
from analysis.data.quota_rules import QUOTA_SECTOR, pilot_quota_sector_rule, quota_period_rule
from analysis.data.readers import ROW
from analysis.data.register_rules import (
    adjustment_only_abroad,
    figure_has_vintage,
    one_province_per_facility,
    submitted_report_states_emissions,
)
from analysis.data.schemas import Column, RowRule, TableSchema
from analysis.data.sectors import sector_keys
from analysis.data.vocab import CATEGORY, CREDIT_STATUS, CREDIT_TYPE, SCOPE, YES_NO, date_rule
from analysis.errors import Issue

YEAR_MIN, YEAR_MAX = 1900, 2100

GASES = ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3", "CO2e")
GWP_SETS = ("AR4", "AR5", "AR6")
EMISSION_UNITS = ("t CO2e", "kt CO2e", "Mt CO2e", "t", "kt", "Mt")

PROVINCE = Column(
    "province",
    "province",
    aliases=(
        "province_vi",
        "tinh",
        "tỉnh",
        "province_name",
        "tinh_thanh",
        "tỉnh/thành phố",
        "địa phương",
        "dia phuong",
    ),
    description="province name (any common spelling)",
)
YEAR = Column("year", "year", min=YEAR_MIN, max=YEAR_MAX, aliases=("nam", "năm"), description="calendar year")
# the citation and the notes of a row, as every table has them (a Vietnamese header is read as its English name)
SOURCE = Column(
    "source", "str", required=False, nullable=True, aliases=("nguồn", "nguồn số liệu"), description="citation"
)
NOTES = Column("notes", "str", required=False, nullable=True, aliases=("ghi chú", "chú thích", "note"))


def _sub(i: int) -> Column:
    return Column(
        f"sub{i}",
        "float",
        nullable=True,
        min=0,
        max=10,
        aliases=(
            f"sub_{i}",
            f"subindex{i}",
            f"sub_index_{i}",
            f"sub-index {i}",
            f"chi so {i}",
            f"chỉ số thành phần {i}",
            f"cstp{i}",
        ),
        description=f"PGI sub-index {i}, 0–10",
    )


PGI = TableSchema(
    kind="pgi",
    description="Provincial Green Index (VCCI): four sub-indices 0–10, score 0–40, rank",
    columns=(
        PROVINCE,
        YEAR,
        *(_sub(i) for i in range(1, 5)),
        Column(
            "pgi_score",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=40,
            aliases=("score", "pgi", "diem", "điểm", "tổng điểm"),
            description="published PGI score 0–40",
        ),
        Column(
            "pgi_rank",
            "int",
            required=False,
            nullable=True,
            min=1,
            max=63,
            aliases=("rank", "xep hang", "xếp hạng", "thu hang", "thứ hạng"),
            description="published rank 1–63",
        ),
    ),
    key=("province", "year"),
)

INDEX = TableSchema(
    kind="index",
    description="a composite index in wide form: province, year and one numeric column per indicator",
    columns=(PROVINCE, YEAR),
    key=("province", "year"),
    extra_columns="numeric",
)


def _negative_only_in_lulucf(df: pd.DataFrame) -> pd.Series:
    return (df["value"] >= 0) | (df["sector"] == "LULUCF") | df["value"].isna()


def _missing_has_reason(df: pd.DataFrame) -> pd.Series:
    """A value left empty (not estimated, not reported) must say why in ``notes``."""
    notes = df["notes"] if "notes" in df else pd.Series([None] * len(df), index=df.index)
    return df["value"].notna() | notes.fillna("").astype(str).str.strip().ne("")


def _single_gwp(df: pd.DataFrame, file: str) -> list[Issue]:
    if "gwp" not in df:
        return []
    sets = df["gwp"].dropna().unique()
    if len(sets) <= 1:
        return []
    first = df.groupby("gwp")[ROW].min().sort_values()
    return [
        Issue(
            file=file,
            row=int(first.iloc[1]),
            column="gwp",
            rule="one GWP set per inventory",
            message=f"the inventory mixes GWP sets ({', '.join(first.index)}); CO2e computed under different "
            "GWP sets cannot be added — convert to one set first",
        )
    ]


INVENTORY = TableSchema(
    kind="inventory",
    description="GHG inventory by sector and gas; value in the unit given; LULUCF may be negative (removals)",
    columns=(
        PROVINCE,
        YEAR,
        Column("sector", "str", allowed=sector_keys, aliases=("lĩnh vực", "linh vuc", "category")),
        Column("gas", "str", allowed=GASES, aliases=("khí", "khi")),
        Column(
            "value",
            "float",
            nullable=True,
            min=-1e10,
            max=1e10,
            aliases=("emissions", "amount", "giá trị", "gia tri"),
            description="amount in the unit given; empty = not estimated (say why in notes)",
        ),
        Column("unit", "str", allowed=EMISSION_UNITS, aliases=("đơn vị", "don vi")),
        Column("gwp", "str", allowed=GWP_SETS, aliases=("gwp_set", "metric")),
        SOURCE,
        NOTES,
    ),
    key=("province", "year", "sector", "gas"),
    rules=(
        RowRule(
            "non-negative emissions outside LULUCF",
            "value",
            "emissions must not be negative outside LULUCF (removals belong to sector 'LULUCF')",
            _negative_only_in_lulucf,
        ),
        RowRule(
            "a missing value says why",
            "value",
            "the value is empty: say in 'notes' why it is missing (e.g. 'not estimated: no cited proxy'); "
            "a missing value is never read as 0",
            _missing_has_reason,
        ),
    ),
    table_rules=(_single_gwp,),
)

DRIVER_UNITS = (
    "persons",
    "thousand persons",
    "thousand ha",
    "billion VND",
    "million VND/person",
    "USD/person",
    "%",
    "ha",
    "MW",
    "GWh",
    "index",
    "tonnes",
    "million tonnes",
)

DRIVERS = TableSchema(
    kind="drivers",
    description="driver history and assumptions (population, GRDP, sector shares …) by province and year",
    columns=(
        PROVINCE,
        YEAR,
        Column("variable", "str", aliases=("indicator", "chỉ tiêu", "chi tieu")),
        Column("value", "float", min=0, max=1e13),
        Column("unit", "str", allowed=DRIVER_UNITS),
        SOURCE,
        Column("is_estimate", "str", required=False, nullable=True, allowed=("yes", "no", "true", "false")),
    ),
    key=("province", "year", "variable"),
)

PROVINCES = TableSchema(
    kind="provinces",
    description="pre-2025 provinces with region and the unit each joined in July 2025",
    columns=(
        Column("province_vi", "str"),
        Column("province_en", "str"),
        Column("region", "str", allowed=tuple(REGION_VI)),
        Column("province_2025", "str"),
    ),
    key=("province_vi",),
)

EMISSIONS_SERIES = TableSchema(
    kind="emissions_series",
    description="a national annual series (Our World in Data layout): country, year, numeric columns",
    columns=(
        Column("country", "str"),
        YEAR,
        Column("co2_mt_excl_luc", "float", min=0, max=1e5, nullable=True, description="fossil + cement CO2, Mt"),
    ),
    key=("country", "year"),
    contiguous_years_by=("country",),
    extra_columns="allow",
)

REGISTER_YEAR_MIN = 1990  # no facility inventory or credit vintage in Viet Nam predates this


def _sector(required: bool = True, nullable: bool = False) -> Column:
    return Column(
        "sector",
        "str",
        required=required,
        nullable=nullable,
        allowed=sector_keys,
        aliases=("lĩnh vực", "linh vuc", "inventory_sector"),
        description="inventory sector",
    )


FACILITIES = TableSchema(
    kind="facilities",
    description="facility GHG register (Decree 06/2022/NĐ-CP, Decision 13/2024/QĐ-TTg): one row per facility "
    "and inventory year; emissions empty until the report arrives",
    columns=(
        Column("facility_id", "str", aliases=("ma co so", "mã cơ sở", "facility code", "id")),
        Column("facility_name", "str", aliases=("ten co so", "tên cơ sở", "facility", "name")),
        PROVINCE,
        _sector(),
        Column(
            "year", "year", min=REGISTER_YEAR_MIN, max=YEAR_MAX, aliases=("nam", "năm", "inventory_year", "năm kiểm kê")
        ),
        Column(
            "emissions_tco2e",
            "float",
            nullable=True,
            max=1e9,
            aliases=("emissions", "phát thải", "phat thai", "tco2e", "phát thải (tco2e)"),
        ),
        Column("district", "str", required=False, nullable=True, aliases=("huyện", "huyen", "quận/huyện")),
        Column("category", "str", required=False, nullable=True, aliases=("nhóm", "nhom", "ngành", "nganh")),
        Column(
            "managing_ministry",
            "str",
            required=False,
            nullable=True,
            aliases=("managing_department", "bộ quản lý", "bo quan ly", "sở quản lý", "cơ quan quản lý"),
        ),
        Column(
            "energy_toe",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=1e9,
            aliases=("energy", "toe", "tiêu thụ năng lượng (toe)", "năng lượng (toe)"),
        ),
        Column(
            "waste_capacity_tpy",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=1e9,
            aliases=("công suất xử lý (tấn/năm)", "waste_capacity"),
            description="solid-waste treatment capacity, t/yr",
        ),
        Column(
            "on_list",
            "str",
            required=False,
            nullable=True,
            aliases=("listed", "thuộc danh mục", "danh mục", "danh muc"),
        ),
        Column("gas", "str", required=False, nullable=True, allowed=GASES, aliases=("khí", "khi")),
        Column("scope", "str", required=False, nullable=True, aliases=("phạm vi", "pham vi")),
        Column("verified", "str", required=False, nullable=True, aliases=("đã thẩm định", "thẩm định")),
        Column(
            "submitted_on",
            "str",
            required=False,
            nullable=True,
            aliases=("ngày nộp", "ngay nop", "submitted", "submission_date"),
        ),
        Column(
            "quota_sector",
            "str",
            required=False,
            nullable=True,
            aliases=("lĩnh vực hạn ngạch", "linh vuc han ngach", "ngành hạn ngạch"),
            description="the sector of an emission quota (Decree 119/2025/NĐ-CP): thermal power, iron and steel, cement",
        ),
        Column(
            "quota_period",
            "str",
            required=False,
            nullable=True,
            aliases=("giai đoạn hạn ngạch", "giai doan han ngach", "kỳ hạn ngạch"),
            description="the quota period of the row's year: 2025-2026, 2027-2028 or 2029-2030",
        ),
        Column(
            "quota_tco2e",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=1e9,
            aliases=(
                "quota",
                "hạn ngạch",
                "han ngach",
                "hạn ngạch (tco2e)",
                "hạn ngạch được phân bổ",
                "allocated_quota",
            ),
            description="emission quota allocated for the row's year, t CO2e",
        ),
        Column(
            "verified_tco2e",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=1e9,
            aliases=("verified_emissions", "verified_emissions_tco2e", "phát thải đã thẩm định", "phát thải thẩm định"),
            description="verified emissions of the row's year, t CO2e",
        ),
        SOURCE,
        NOTES,
    ),
    key=("facility_id", "year"),
    rules=(
        RowRule(
            "non-negative facility emissions",
            "emissions_tco2e",
            "facility emissions must not be negative (removals are not facility emissions)",
            lambda df: ~(df["emissions_tco2e"] < 0),
        ),
    ),
    table_rules=(
        CATEGORY.rule("category"),
        YES_NO.rule("on_list"),
        YES_NO.rule("verified"),
        SCOPE.rule("scope"),
        date_rule("submitted_on"),
        submitted_report_states_emissions,
        one_province_per_facility,
        QUOTA_SECTOR.rule("quota_sector"),
        quota_period_rule,
        pilot_quota_sector_rule,
    ),
)


CREDITS = TableSchema(
    kind="credits",
    description="carbon-credit register: one row per project and vintage; credits in t CO2e",
    columns=(
        Column("project", "str", aliases=("dự án", "du an", "project_name", "tên dự án")),
        PROVINCE,
        # A line of work not yet a project (a cooperation, a study) may not know its mechanism, sector or vintage:
        # those cells are then empty ("not recorded"), never guessed; a row with a figure needs its vintage.
        Column("type", "str", nullable=True, aliases=("loại", "loai", "mechanism", "cơ chế", "standard")),
        _sector(nullable=True),
        Column("status", "str", aliases=("trạng thái", "trang thai", "tình trạng")),
        Column(
            "vintage",
            "year",
            nullable=True,
            min=REGISTER_YEAR_MIN,
            max=YEAR_MAX,
            aliases=("năm giảm phát thải", "vintage_year"),
        ),
        Column(
            "credits_issued_tco2e",
            "float",
            nullable=True,
            min=0,
            max=1e9,
            aliases=("credits_issued", "credits", "tín chỉ đã cấp", "số tín chỉ"),
        ),
        Column(
            "expected_tco2e",
            "float",
            required=False,
            nullable=True,
            min=0,
            max=1e9,
            aliases=("expected", "dự kiến (tco2e)", "tín chỉ dự kiến"),
        ),
        Column("destination", "str", nullable=True, aliases=("buyer", "bên mua", "nơi chuyển đến", "destination")),
        Column(
            "corresponding_adjustment",
            "str",
            nullable=True,
            aliases=("ca", "điều chỉnh tương ứng", "dieu chinh tuong ung"),
        ),
        SOURCE,
        NOTES,
    ),
    key=("project", "vintage"),
    table_rules=(
        CREDIT_TYPE.rule("type"),
        CREDIT_STATUS.rule("status"),
        YES_NO.rule("corresponding_adjustment"),
        adjustment_only_abroad,
        figure_has_vintage,
    ),
)

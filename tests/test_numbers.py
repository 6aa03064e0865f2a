"""One number formatter on Babel's locale data (vi_VN, en): the typography Vietnamese documents use (1.234,5 and
12,5%), the minus sign "−", and the precisions the reports state (Mt, percent, p-values, probabilities)."""

from __future__ import annotations

import math

import pytest

from analysis.i18n import fmt_mt, fmt_number, fmt_p, fmt_pct, fmt_percent, fmt_probability


@pytest.mark.parametrize(
    ("value", "decimals", "vi", "en"),
    [
        (1234.5, 1, "1.234,5", "1,234.5"),
        (1234567.891, 2, "1.234.567,89", "1,234,567.89"),
        (-1234.56, 1, "−1.234,6", "−1,234.6"),
        (0.5, 0, "1", "1"),  # halves round up, as a reader and Excel do
        (2.675, 2, "2,68", "2.68"),  # from the number as written, not its binary neighbour 2.67499…
        (-2.5, 0, "−3", "−3"),
        (-0.04, 1, "0,0", "0.0"),  # rounds to zero: no "−0,0"
        (12, 0, "12", "12"),
        (8752996, 0, "8.752.996", "8,752,996"),
    ],
)
def test__fmt_number__locale_separators_minus_sign_and_half_up(value, decimals, vi, en):
    assert fmt_number(value, "vi", decimals) == vi
    assert fmt_number(value, "en", decimals) == en


def test__fmt_number__sign_missing_and_numpy():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    assert fmt_number(0.76, "vi", 2, sign=True) == "+0,76"
    assert fmt_number(-5.4449, "en", 2, sign=True) == "−5.44"
    assert fmt_number(0.001, "vi", 2, sign=True) == "0,00"  # no sign on a rounded zero
    assert [fmt_number(v, "vi") for v in (None, math.nan, np.nan, pd.NA)] == ["–"] * 4
    assert fmt_number(np.float64(35.53), "vi") == "35,5" and fmt_number(np.int64(2030), "en", 0) == "2,030"
    assert fmt_number(math.inf, "en") == "∞" and fmt_number(-math.inf, "vi") == "−∞"
    with pytest.raises(ValueError, match="lang"):
        fmt_number(1.0, "fr")


def test__fmt_percent__as_vietnamese_documents_write_it():
    """Babel's vi locale writes the percent sign after the number without a space ("43,5%"), as Vietnamese legal
    documents do (Decision 215/QĐ-TTg of 2024: "15 - 20% năm 2030"; Decision 942/QĐ-TTg: "ít nhất 30%")."""
    assert fmt_percent(12.5, "vi") == "12,5%"
    assert fmt_percent(12.5, "en") == "12.5%"
    assert fmt_percent(-3.25, "vi", 1, sign=True) == "−3,3%"
    assert fmt_percent(9.9, "en", 0, sign=True) == "+10%"
    assert fmt_percent(28.285, "vi", 2) == "28,29%"  # value already in percent, no float noise from /100
    assert fmt_percent(None, "vi") == "–"


@pytest.mark.parametrize(
    ("value", "unit", "vi", "en"),
    [
        (8752996, "t", "8,8", "8.8"),  # never a tonne-level figure
        (35.5321, "Mt", "35,5", "35.5"),
        (0.527, "Mt", "0,53", "0.53"),  # two decimals under 1 Mt
        (-0.0912, "Mt", "−0,09", "−0.09"),
        (0.996, "Mt", "1,0", "1.0"),  # rounds up to 1: one decimal
        (0.003, "Mt", "< 0,01", "< 0.01"),  # a small amount is not printed as 0,00
        (-3000, "t", "> −0,01", "> −0.01"),
        (0, "Mt", "0,00", "0.00"),
        (12345.67, "Mt", "12.345,7", "12,345.7"),
    ],
)
def test__fmt_mt__one_decimal_two_under_one_mt(value, unit, vi, en):
    assert fmt_mt(value, "vi", unit=unit) == vi
    assert fmt_mt(value, "en", unit=unit) == en


def test__fmt_mt__sign_label_and_refusals():
    assert fmt_mt(-0.756, "vi", sign=True) == "−0,76"
    assert fmt_mt(0.756, "en", sign=True) == "+0.76"
    assert fmt_mt(8.1e6, "vi", unit="t", label=True) == "8,1 triệu tấn CO₂tđ"
    assert fmt_mt(8.1, "en", label=True) == "8.1 Mt CO₂e"
    assert fmt_mt(None, "vi") == "–"
    with pytest.raises(ValueError, match="unit"):
        fmt_mt(1.0, "vi", unit="kt")


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (28.28, "28%", "28%"),  # whole percent
        (9.92, "9,9%", "9.9%"),  # one decimal under 10
        (9.96, "10%", "10%"),
        (8.0, "8,0%", "8.0%"),
        (-15.8, "−16%", "−16%"),
        (0.02, "< 0,1%", "< 0.1%"),
        (0, "0,0%", "0.0%"),
    ],
)
def test__fmt_pct__whole_one_decimal_under_ten(value, vi, en):
    assert fmt_pct(value, "vi") == vi
    assert fmt_pct(value, "en") == en


def test__fmt_pct__sign():
    assert fmt_pct(9.9, "vi", sign=True) == "+9,9%" and fmt_pct(-42.4, "en", sign=True) == "−42%"


@pytest.mark.parametrize(
    ("p", "vi", "en", "cell_vi"),
    [
        (0.0, "p < 0,01", "p < 0.01", "< 0,01"),  # never "0,00"
        (0.004, "p < 0,01", "p < 0.01", "< 0,01"),
        (0.0312, "p = 0,03", "p = 0.03", "0,03"),
        (0.5, "p = 0,50", "p = 0.50", "0,50"),
    ],
)
def test__fmt_p__small_p_values_are_bounded_not_zero(p, vi, en, cell_vi):
    assert fmt_p(p, "vi") == vi
    assert fmt_p(p, "en") == en
    assert fmt_p(p, "vi", prefix=False) == cell_vi
    assert fmt_p(None, "en") == "–"


@pytest.mark.parametrize(
    ("p", "vi", "en"),
    [
        (0.0, "dưới 1%", "less than 1%"),  # no draw met it: not "0 %", which reads as impossible
        (0.004, "dưới 1%", "less than 1%"),
        (0.36, "36%", "36%"),
        (0.995, "trên 99%", "more than 99%"),  # rounds to 100: said in words, not certainty
        (1.0, "trên 99%", "more than 99%"),
        (0.905, "91%", "91%"),
    ],
)
def test__fmt_probability__ends_in_words(p, vi, en):
    assert fmt_probability(p, "vi") == vi
    assert fmt_probability(p, "en") == en


def test__fmt_probability__refuses_a_percent():
    with pytest.raises(ValueError, match="between 0 and 1"):
        fmt_probability(36, "vi")
    assert fmt_probability(None, "vi") == "–"


def test__formatting_is_fast_enough_for_large_tables():
    import time

    fmt_number(1.0, "vi")
    start = time.perf_counter()
    for i in range(2000):
        fmt_number(i * 1.2345, "vi", 2)
    assert (time.perf_counter() - start) / 2000 < 2e-4

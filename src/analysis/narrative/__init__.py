"""Report prose written from the numbers, in Vietnamese or English (one module per notebook topic)."""

from analysis.i18n import t
from analysis.units import T_PER_MT

MT = T_PER_MT  # engines work in t CO2e, sentences speak of Mt


def heading(key: str, lang: str, level: int = 2, **values) -> str:
    """A Markdown heading from the string catalogue."""
    return "#" * level + " " + t(key, lang, **values)

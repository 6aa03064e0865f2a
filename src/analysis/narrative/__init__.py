"""Report prose written from the numbers, in Vietnamese or English (one module per notebook topic)."""

from analysis.i18n import t, warm
from analysis.units import T_PER_MT

MT = T_PER_MT  # engines work in t CO2e, sentences speak of Mt

# Every report imports this package: the catalogues and Babel's locale data are loaded here once, so a kernel
# forked from a process that imported it (the batch's warm template) does not load them again.
warm()


def heading(key: str, lang: str, level: int = 2, **values) -> str:
    """A Markdown heading from the string catalogue."""
    return "#" * level + " " + t(key, lang, **values)

"""Charts: one style, a Vietnamese-capable font, bilingual labels, one colour per scenario and sector.

``analysis.viz.style`` holds the style; chart modules (``viz.index``, ``viz.pathways`` …) draw and return
matplotlib figures. Nothing here computes numbers: charts take tables from the engines.
"""

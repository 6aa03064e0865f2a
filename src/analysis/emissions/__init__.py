"""Emissions engine: inventory and downscaling, BAU (driver-based and statistical), measures and
scenarios, targets and net zero, MACC, LMDI decomposition, Monte Carlo, IAMC output.

Nothing here prints or plots. The shared contract between the parts is :class:`~analysis.emissions.baseline.Baseline`.
"""

"""The run contract: one parameter vocabulary (:mod:`analysis.run.parameters`) and one function that builds a run
(:func:`analysis.run.context.build_run`), shared by the notebooks, the ``netzero`` commands and the batch runner."""

from analysis.run.context import RunContext, RunWarning, build_run
from analysis.run.parameters import RunParameters, check_parameters, make_parameters

__all__ = ["RunContext", "RunParameters", "RunWarning", "build_run", "check_parameters", "make_parameters"]

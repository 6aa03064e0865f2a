"""Reports: notebook runs, batches, manifests, and their HTML/PDF/Excel exports and index page.

- :mod:`analysis.report.params`: read a notebook's ``parameters`` cell and check values against it;
- :mod:`analysis.report.plan`: turn ``netzero run`` arguments or a batch file into planned runs;
- :mod:`analysis.report.runner`: execute one run into ``reports/<batch>/<run-id>/`` atomically;
- :mod:`analysis.report.batch`: run many in parallel, resume, summarise;
- :mod:`analysis.report.cluster`: the same on a Dask distributed cluster;
- :mod:`analysis.report.manifest`: what each run was made from;
- :mod:`analysis.report.runtime`: the processes runs need and workers keep (kernels, the kernel pool, the browser);
- :mod:`analysis.report.export` and friends: HTML, PDF, Excel and the batch index page.

See ``docs/notebooks.md``.
"""

import sys

# NOTE: speed. jsonschema imports ``rfc3987_syntax`` when it is installed (jupyterlab brings it), which
# compiles a grammar for 0.7 s in every process that imports nbformat, papermill or nbconvert — about half
# of a small notebook run's overhead (see docs/benchmarks.md). It serves only jsonschema's IRI format
# checks, which notebook validation never uses; marking it absent makes jsonschema skip it. Only this
# package's processes are affected (not JupyterLab's server).
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

# The formats a run can export (``formats:`` of a batch, ``netzero run --format``); ``svg``: every chart also as an
# SVG file in ``figures/`` (the kernel renders it only when asked: :func:`analysis.viz.style.svg_wanted`), not a
# report file of its own. Here, so that the runner, the exporter and the planner share it without importing each
# other.
FORMATS = ("html", "pdf", "xlsx", "svg")

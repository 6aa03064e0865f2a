"""The processes a report run needs and a batch worker keeps: Jupyter kernels and a headless Chromium.

This room owns process plumbing only: starting, reusing, restarting and killing processes, and nothing
that a report says. Its modules, from the bottom up:

- :mod:`~analysis.report.runtime.kernel`: the ``netzero`` kernelspec of this environment and the kernel
  manager every run uses;
- :mod:`~analysis.report.runtime.process`: a ``Popen``-like handle on a kernel that is not our child;
- :mod:`~analysis.report.runtime.forkserver`: the warm template process that imports the PyData stack once
  and forks one kernel per run;
- :mod:`~analysis.report.runtime.pooledkernel`: the jupyter_client side of a forked kernel (manager,
  provisioner, client) for papermill;
- :mod:`~analysis.report.runtime.kernelpool`: the pool that asks the template for kernels ahead of need;
- :mod:`~analysis.report.runtime.browser`: Debian's Chromium driven by Playwright, one long-lived browser
  for many PDFs;
- :mod:`~analysis.report.runtime.session`: what one worker process keeps between runs (its kernel pool and
  its browser), opened on first use and closed when the process exits.

Arrows point down that list; nothing here imports the rest of :mod:`analysis.report` (runs, exports,
manifests), which imports this package. See ``docs/batches.md``.
"""

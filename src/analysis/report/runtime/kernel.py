"""The Jupyter kernel every run uses: ``netzero``, which must start this very environment's Python.

Input: the kernelspecs Jupyter can see. Output: a short description of the kernel for the manifest.

``scripts/setup.sh`` installs the kernel into ``.venv`` (``ipykernel install --sys-prefix``). When it
is missing (for example on a fresh Dask worker), :func:`ensure_kernel` installs it into ``sys.prefix``
on the fly. When a kernelspec of the same name points to a different Python (say one in
``~/.local/share/jupyter/kernels`` shadowing ours), the run stops with an error rather than quietly
running in another environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jupyter_client import AsyncKernelManager

from analysis.errors import AnalysisError

KERNEL_NAME = "netzero"
DISPLAY_NAME = "Python (netzero)"
# Options every run's kernel starts with: its start-up warnings (the plain-TCP notice) are noise in a batch, and its
# cells are not the analyst's: no IPython history (each run wrote every cell into ~/.ipython's SQLite file)
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False")


class QuietKernelManager(AsyncKernelManager):
    """The kernel manager of every run: shutting a kernel down does not interrupt it first.

    jupyter_client sends SIGINT before every shutdown (graceful or immediate); an idle ipykernel then logs
    "ERROR | KeyboardInterrupt caught in kernel." — an error line on a run that succeeded. A kernel being shut down
    after its last cell has nothing to interrupt, so that signal is not sent (a cell that hangs is still stopped by
    nbclient's timeout, which kills the kernel).
    """

    async def _async_interrupt_kernel(self) -> None:
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


def _same_environment(argv0: str) -> bool:
    """True when ``argv0`` starts this interpreter (symlinks are not followed: a venv's python is one)."""
    exe = Path(os.path.abspath(argv0))
    return exe == Path(os.path.abspath(sys.executable)) or exe.parent.parent == Path(os.path.abspath(sys.prefix))


def ensure_kernel(name: str = KERNEL_NAME) -> dict[str, str]:
    """Make sure kernel ``name`` exists and runs this environment; return ``{name, python, spec}``.

    Raises
    ------
    AnalysisError
        A kernelspec named ``name`` exists but starts another Python.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    manager = KernelSpecManager()
    try:
        spec = manager.get_kernel_spec(name)
    except NoSuchKernel:
        from ipykernel.kernelspec import install

        install(kernel_name=name, display_name=DISPLAY_NAME, prefix=sys.prefix)
        spec = KernelSpecManager().get_kernel_spec(name)
    if not _same_environment(spec.argv[0]):
        raise AnalysisError(
            f"the Jupyter kernel '{name}' ({spec.resource_dir}) starts {spec.argv[0]}, not this environment's "
            f"Python ({sys.executable}); remove that kernelspec or run `bash scripts/setup.sh`"
        )
    return {"name": name, "python": spec.argv[0], "spec": spec.resource_dir}

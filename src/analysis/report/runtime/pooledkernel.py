"""The jupyter_client side of warm kernels: a kernel manager, provisioner and client for pooled kernels.

Input: a pool of forked kernels (``PooledKernelManager.pool``, set on the subclass the pool makes): anything with the
:class:`KernelSource` methods, in practice :class:`analysis.report.runtime.kernelpool.KernelPool`, which imports this
module (never the other way round). Output: what papermill/nbclient use as ``kernel_manager_class``:

- :class:`PooledKernelManager`: an ``AsyncKernelManager`` whose provisioner adopts a kernel the pool forked
  ahead of need instead of launching a process, and whose shutdown kills it (it then goes back to the pool,
  which forks the next run's kernel);
- :class:`PooledKernelClient`: its client, ready as soon as its own ``kernel_info`` is answered;
- :class:`ForkedKernel`: one kernel of the pool, as the pool hands it over.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from dataclasses import dataclass, field
from queue import Empty
from typing import Protocol

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.provisioning import LocalProvisioner
from jupyter_client.provisioning.provisioner_base import KernelProvisionerBase
from traitlets import default

from analysis.report.runtime.kernel import QuietKernelManager
from analysis.report.runtime.process import ForkedProcess


@dataclass
class ForkedKernel:
    """One kernel of the pool: its connection file, arguments, working folder and (once forked) process."""

    key: tuple[str, tuple[str, ...]]
    connection_file: str
    connection_info: dict
    argv: list[str]
    process: ForkedProcess | None = None
    request: dict = field(default_factory=dict, repr=False)
    discarded: bool = False


class KernelSource(Protocol):
    """What a pooled kernel manager needs from its pool (:class:`~analysis.report.runtime.kernelpool.KernelPool`)."""

    python: list[str]  # the kernelspec's interpreter and its options

    def take(self, cwd: str, extra_arguments: tuple[str, ...]) -> ForkedKernel:
        """A live kernel for a run in ``cwd``, started with ``extra_arguments``."""

    def release(self, kernel: ForkedKernel) -> None:
        """The run is done with ``kernel``: kill it."""


class PooledProvisioner(LocalProvisioner):
    """Hands the kernel manager a kernel already forked by the pool instead of launching one."""

    kernel: ForkedKernel | None = None

    async def pre_launch(self, **kwargs):
        km = self.parent
        extra = tuple(kwargs.pop("extra_arguments", ()) or ())
        self.kernel = km.pool.take(kwargs.get("cwd") or os.getcwd(), extra)
        km.load_connection_file(self.kernel.connection_file)
        km._connection_file_written = True
        self.connection_info = km.get_connection_info()
        cmd = [*km.pool.python, "-m", "ipykernel_launcher", *self.kernel.argv]
        return await KernelProvisionerBase.pre_launch(self, cmd=cmd, **kwargs)

    async def launch_kernel(self, cmd, **kwargs):
        self.process = self.kernel.process
        self.pid = self.pgid = self.process.pid
        self.cwd = self.kernel.key[0]
        return self.connection_info

    async def send_signal(self, signum: int) -> None:
        if self.process:
            self.process.send_signal(signum)

    async def cleanup(self, restart: bool = False) -> None:
        if self.kernel is not None:
            self.parent.pool.release(self.kernel)


class PooledKernelClient(AsyncKernelClient):
    """The kernel client of a pooled kernel: ready as soon as its ``kernel_info`` request is answered on both channels.

    jupyter_client's ``wait_for_ready`` then listens another 0.2 s for stray IOPub messages (start-up
    notices), a fixed cost of every run; nbclient only reads the messages of the cells it sends, so
    seeing the idle status of this client's own request (which also proves IOPub is connected) is enough.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            reply = await self._reply_to(request, "kernel_info_reply", 1.0)
            if reply is not None and await self._idle_after(request, 0.5):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    async def _reply_to(self, request: str, kind: str, seconds: float) -> dict | None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await self.shell_channel.get_msg(timeout=left)
            except Empty:
                return None
            if msg["msg_type"] == kind and msg["parent_header"].get("msg_id") == request:
                return msg
        return None

    async def _idle_after(self, request: str, seconds: float) -> bool:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await self.iopub_channel.get_msg(timeout=left)
            except Empty:
                return False
            if (
                msg["msg_type"] == "status"
                and msg["parent_header"].get("msg_id") == request
                and msg["content"].get("execution_state") == "idle"
            ):
                return True
        return False


class PooledKernelManager(QuietKernelManager):
    """``QuietKernelManager`` whose kernels come from :attr:`pool` (set on the subclass the pool makes)."""

    pool: KernelSource | None = None

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        """Return when the kernel has exited: woken by its pidfd, where jupyter_client looks every ``pollinterval``.

        A killed kernel takes a few milliseconds to exit, so jupyter_client's first look found it alive and slept
        0.1 s: a tenth of a second of every run (7 % of a national batch's time) with nothing running.
        """
        process = getattr(self.provisioner, "process", None)
        pidfd = getattr(process, "pidfd", None)  # a ForkedProcess; a kernel started otherwise has none
        if pidfd is None or not await self._async_is_alive():
            await super()._async_wait(pollinterval=pollinterval)
            return
        loop = asyncio.get_running_loop()
        exited = loop.create_future()
        loop.add_reader(pidfd, lambda: exited.done() or exited.set_result(None))
        try:
            await exited  # readable once the process has exited (the deadline is the caller's)
        finally:
            loop.remove_reader(pidfd)
        await super()._async_wait(pollinterval=pollinterval)  # sees it gone at once, and closes the pidfd

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return PooledKernelClient

    async def _async_pre_start_kernel(self, **kw):
        self.kernel_id = self.kernel_id or str(uuid.uuid4())
        if self.provisioner is None:
            self.provisioner = PooledProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)

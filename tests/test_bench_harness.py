"""The benchmark harness measures what it says: CPU of the whole child tree, memory only when asked."""

from __future__ import annotations

import sys

from benchmarks.harness import run_measured

BUSY = "import time; t = time.process_time()\nwhile time.process_time() - t < 0.3: pass\ntime.sleep(0.3)"


def test_run_measured_counts_the_childs_cpu_and_samples_memory_when_asked():
    wall, memory, code, _ = run_measured([sys.executable, "-c", BUSY], interval=0.05)
    assert code == 0 and wall >= 0.6
    assert memory.cpu_s >= 0.3
    assert memory.peak_mib > 1 and memory.processes >= 1


def test_run_measured_without_interval_takes_no_samples():
    # the batches against the base are timed so: the sampler's reads would take CPU from the measured batch
    _, memory, code, out = run_measured([sys.executable, "-c", BUSY + "\nprint('done')"], interval=None)
    assert code == 0 and out.strip() == "done"
    assert memory.cpu_s >= 0.3
    assert memory.peak_mib == 0 and memory.processes == 0

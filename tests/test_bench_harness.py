"""The benchmark harness measures what it says: CPU of the whole child tree, memory only when asked.

Each measurement runs in a process of its own: run_measured makes its process the subreaper of its descendants,
a setting that would otherwise stay on the test session's process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUSY = "import time; t = time.process_time()\nwhile time.process_time() - t < 0.3: pass\ntime.sleep(0.3)"
ORPHAN = (  # a child that starts a half-second worker and exits before it
    "import subprocess, sys\n"
    "subprocess.Popen([sys.executable, '-c', "
    "'import time\\nt = time.process_time()\\nwhile time.process_time() - t < 0.5: pass'])\n"
)


def _measured(code: str, interval: float | None) -> dict:
    measure = (
        "import json, sys; from benchmarks.harness import run_measured\n"
        f"wall, m, code, out = run_measured([sys.executable, '-c', {code!r}], interval={interval!r})\n"
        "print(json.dumps(dict(wall=wall, cpu=m.cpu_s, peak=m.peak_mib, processes=m.processes, code=code, out=out)))"
    )
    done = subprocess.run([sys.executable, "-c", measure], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_run_measured_counts_the_childs_cpu_and_samples_memory_when_asked():
    m = _measured(BUSY, 0.05)
    assert m["code"] == 0 and m["wall"] >= 0.6
    assert m["cpu"] >= 0.3
    assert m["peak"] > 1 and m["processes"] >= 1


def test_run_measured_without_interval_takes_no_samples():
    # the batches against the base are timed so: the sampler's reads would take CPU from the measured batch
    m = _measured(BUSY + "\nprint('done')", None)
    assert m["code"] == 0 and m["out"].strip() == "done"
    assert m["cpu"] >= 0.3
    assert m["peak"] == 0 and m["processes"] == 0


def test_run_measured_counts_the_cpu_of_a_process_whose_parent_exited_first():
    # Chromium's zygote and renderers outlive the browser that started them; init would reap them otherwise
    m = _measured(ORPHAN, None)
    assert m["code"] == 0
    assert m["cpu"] >= 0.5, "the orphan's half second is counted"

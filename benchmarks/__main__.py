"""``make bench`` / ``python -m benchmarks [CASE …]``: run the cases, print a table, write results/latest.json.

Exit code 0 when every case ran (targets missed are reported in the table and the JSON, not as a crash),
1 when a case could not run.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from benchmarks.cases import CASES
from benchmarks.harness import Record, print_table, write_results

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def main(argv: list[str]) -> int:
    names = argv or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASES)}", file=sys.stderr)
        return 2
    records: list[Record] = []
    failed = False
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            records.extend(CASES[name]())
        except Exception as exc:  # a case that cannot run is reported, the others still run
            failed = True
            traceback.print_exc()
            records.append(
                Record(f"{name}: could not run", float("nan"), "", note=f"{type(exc).__name__}: {exc}", passed=False)
            )
    print_table(records)
    write_results(records, RESULTS)
    print(f"\nwrote {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

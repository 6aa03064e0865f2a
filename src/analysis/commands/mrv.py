"""``netzero facilities …`` and ``netzero credits …``: the MRV registers from the command line.

- ``facilities validate FILE`` — check a facility register; every problem located; exit 1 when any;
- ``facilities summary FILE --province P --year Y --out F.csv`` — facility totals by sector against the province's
  inventory (``sector, n_facilities, n_awaiting, facility_tco2e, estimate_tco2e, coverage, flag, note``);
- ``facilities status FILE --province P [--as-of DATE] [--inventory-year Y] --out F.csv`` — who must report, who
  has, who is late;
- ``facilities hybrid FILE --province P --year Y --out F.csv [--complete SECTOR …]`` — the hybrid inventory (kind
  ``inventory``);
- ``credits validate FILE`` and ``credits summary FILE --province P [--out F.csv]``.

Outputs are written atomically (nothing half-written); the format is ``docs/mrv.md``.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from analysis.commands import common
from analysis.errors import InputError, Issue

OUT_SUFFIXES = (".csv", ".xlsx", ".parquet")


def _check_out(out: str | None) -> None:
    if out is not None and Path(out).suffix.lower() not in OUT_SUFFIXES:
        raise InputError(
            [Issue(file=out, rule="output type", message=f"the output must end in {', '.join(OUT_SUFFIXES)}")]
        )


def _as_of(text: str | None) -> date:
    from analysis.data.vocab import parse_date

    if text is None:
        return date.today()
    parsed = parse_date(text)
    if parsed is None:
        raise InputError(
            [
                Issue(
                    file="--as-of",
                    value=text,
                    rule="date",
                    message=f"'{text}' is not a date; write it as yyyy-mm-dd or dd/mm/yyyy",
                )
            ]
        )
    return parsed


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``facilities`` and ``credits`` with their sub-commands."""
    fac = sub.add_parser(
        "facilities",
        help="facility GHG register: validate, coverage, reporting status, hybrid",
        description="The facility GHG inventory register (Decree 06/2022/NĐ-CP, Decision "
        "13/2024/QĐ-TTg); format in docs/mrv.md.",
    )
    fsub = fac.add_subparsers(dest="action", metavar="ACTION", required=True)

    def register_file(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", metavar="FILE", help="facility register (CSV or .xlsx)")
        p.add_argument("--sheet", help="Excel sheet name (default: the first)")

    p = fsub.add_parser("validate", parents=[common()], help="check a facility register")
    register_file(p)
    p.set_defaults(func=run_validate_facilities)

    p = fsub.add_parser("summary", parents=[common()], help="facility totals by sector against the inventory")
    register_file(p)
    p.add_argument("--province", required=True, help="province (any spelling)")
    p.add_argument("--year", type=int, required=True, help="inventory year of the reports")
    p.add_argument(
        "--allow-other-year",
        action="store_true",
        help="compare with the province's inventory even when it is for another year (labelled)",
    )
    p.add_argument("--out", required=True, metavar="FILE.csv", help="output table (.csv, .xlsx or .parquet)")
    p.set_defaults(func=run_summary)

    p = fsub.add_parser("status", parents=[common()], help="who must report, who has, who is late")
    register_file(p)
    p.add_argument("--province", required=True, help="province (any spelling)")
    p.add_argument("--as-of", metavar="DATE", help="date of the assessment, yyyy-mm-dd or dd/mm/yyyy (default: today)")
    p.add_argument("--inventory-year", type=int, help="inventory year of the report (default: the latest due)")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="output table, one row per facility")
    p.set_defaults(func=run_status)

    p = fsub.add_parser("hybrid", parents=[common()], help="facility reports where complete, the inventory elsewhere")
    register_file(p)
    p.add_argument("--province", required=True, help="province (any spelling)")
    p.add_argument("--year", type=int, required=True, help="inventory year")
    p.add_argument(
        "--complete",
        nargs="*",
        default=[],
        metavar="SECTOR",
        help="sectors whose facility reports are complete (e.g. 'Energy|Power')",
    )
    p.add_argument("--allow-other-year", action="store_true", help="use the inventory of another year (labelled)")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="output inventory (kind 'inventory')")
    p.set_defaults(func=run_hybrid)

    cred = sub.add_parser(
        "credits",
        help="carbon-credit register: validate, summary",
        description="The carbon-credit register (CDM, JCM, Gold Standard, VCS, domestic); format in docs/mrv.md.",
    )
    csub = cred.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = csub.add_parser("validate", parents=[common()], help="check a credit register")
    register_file(p)
    p.set_defaults(func=run_validate_credits)
    p = csub.add_parser("summary", parents=[common()], help="credits by type and status")
    register_file(p)
    p.add_argument("--province", required=True, help="province (any spelling)")
    p.add_argument("--out", metavar="FILE.csv", help="also write the table")
    p.set_defaults(func=run_credit_summary)


def _register_of(args: argparse.Namespace):
    """The facility register, refused when it holds no facility of ``--province``."""
    from analysis.data.provinces import get_registry
    from analysis.mrv import read_facilities
    from analysis.paths import relative_to_project

    register = read_facilities(args.file, sheet=args.sheet)
    name = get_registry().resolve(args.province)
    if not (register["province_2024"] == name).any():  # its facilities, whichever map a row names them on
        found = ", ".join(sorted(set(register["province_2024"])))
        raise InputError(
            [
                Issue(
                    file=relative_to_project(args.file),
                    column="province",
                    value=args.province,
                    rule="province in the register",
                    message=f"the register has no facility of {name} (it has: {found})",
                )
            ]
        )
    return register


def run_validate_facilities(args: argparse.Namespace) -> int:
    """Validate the register; print one line on success (problems are raised, printed by the CLI, exit 1)."""
    from analysis.mrv.registers import read_facilities

    table = read_facilities(args.file, sheet=args.sheet)
    years = sorted(int(y) for y in table["year"].unique())
    print(
        f"✓ {args.file}: {len(table)} rows, {table['facility_id'].nunique()} facilities in "
        f"{table['province_2024'].nunique()} province(s), years {years[0]}–{years[-1]}, "
        f"{int(table['emissions_tco2e'].isna().sum())} awaiting a report; valid"
    )
    return 0


def _coverage_of(args: argparse.Namespace):
    """The output checked, then the register's reports against the province's inventory."""
    from analysis.mrv import province_inventory, summarise_coverage

    _check_out(args.out)
    register = _register_of(args)
    topdown = province_inventory(args.province, args.year, allow_other_year=args.allow_other_year)
    return summarise_coverage(register, args.province, args.year, topdown)


def run_summary(args: argparse.Namespace) -> int:
    """Write the coverage table; print the flagged sectors and why an inventory value is missing."""
    from analysis.io import write_table
    from analysis.paths import relative_to_project

    coverage = _coverage_of(args)
    topdown = coverage.topdown
    write_table(coverage.table, args.out)
    totals = coverage.totals()
    print(
        f"wrote {relative_to_project(args.out)}: {coverage.province} {args.year}, {len(coverage.table)} sectors, "
        f"{totals['n_facilities']} facility reports, {totals['facility_tco2e']:,.0f} t CO2e"
    )
    if topdown.reason:
        print(f"note: {topdown.reason}")
    for sector in coverage.flagged("above_estimate"):
        print(f"flag: {sector}: facility reports exceed the inventory value (the estimate is too low)")
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Write the facility-level status; print the counts."""
    from analysis.io import write_table
    from analysis.mrv import assess_obligations
    from analysis.paths import relative_to_project

    _check_out(args.out)
    as_of = _as_of(args.as_of)
    register = _register_of(args)
    status = assess_obligations(register, args.province, as_of, inventory_year=args.inventory_year)
    write_table(status.facilities, args.out)
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in status.counts().items() if v)
    print(
        f"wrote {relative_to_project(args.out)}: {status.province}, inventory of {status.inventory_year} due "
        f"{status.due_date.isoformat()}, as of {status.as_of.isoformat()}: {counts}"
    )
    return 0


def run_hybrid(args: argparse.Namespace) -> int:
    """Write the hybrid inventory; print which sectors come from facility reports."""
    from analysis.io import write_table
    from analysis.mrv import build_hybrid_inventory
    from analysis.paths import relative_to_project

    hybrid = build_hybrid_inventory(_coverage_of(args), args.complete)
    write_table(hybrid, args.out)
    from_reports = sorted(set(hybrid.loc[hybrid["source"].str.startswith("facility"), "sector"]))
    print(
        f"wrote {relative_to_project(args.out)}: {len(hybrid)} rows; from facility reports: "
        f"{', '.join(from_reports) or 'none'}"
    )
    return 0


def run_validate_credits(args: argparse.Namespace) -> int:
    from analysis.mrv.registers import read_credits

    table = read_credits(args.file, sheet=args.sheet)
    print(
        f"✓ {args.file}: {len(table)} rows, {table['project'].nunique()} projects in "
        f"{table['province_2024'].nunique()} province(s); valid"
    )
    return 0


def run_credit_summary(args: argparse.Namespace) -> int:
    from analysis.io import write_table
    from analysis.mrv import read_credits, summarise_credits

    _check_out(args.out)
    table = summarise_credits(read_credits(args.file, sheet=args.sheet), args.province)
    print(table.to_string(index=False))
    if args.out:
        write_table(table, args.out)
    return 0

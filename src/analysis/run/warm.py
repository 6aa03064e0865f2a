"""Read once what every run of a batch reads, in the kernel template before it forks (issue 20, speed).

A batch worker's kernels are forked from one template process (:mod:`analysis.report.runtime.forkserver`). What
the template has read and checked, each kernel starts with, shared copy-on-write: every profile and frozen BAU
of the 63 provinces (a 2025 unit's are sums of them), the territorial reconciliation of the base year on both
maps, the validation against the published city figures, every scenario and target file (each run looks for its
own among them), the boundary paths of both maps, the PGI index, the shipped illustrative MRV registers, and the
digests of the input files and of the package's code that the facts and the disk cache are keyed by
(:mod:`analysis.fingerprint`). Files are remembered by path, size, modification time and inode, never when changed
in the last seconds (:func:`analysis.data.readers.file_memo`, :func:`analysis.fingerprint.file_signature`), so a
file that changes during the batch is read again; nothing here is a result a run could not compute itself.
"""

from __future__ import annotations


def warm_caches(places: list[tuple[str, int | None]] | None = None) -> None:
    """Read the shared inputs of every notebook once (a few CPU-seconds; a report then saves 0.5–2 s).

    ``places``: the (province, map) of the batch's runs, whose profiles and frozen BAUs are read (every
    province's when ``None``); a name that does not resolve is left to its run to report.
    """
    # modules the runs import inside functions (the disk cache, a run's BAU view, the PGI plan): once here, not
    # once per kernel
    import analysis.cache  # noqa: F401
    import analysis.emissions.views  # noqa: F401
    import analysis.index.plan  # noqa: F401
    from analysis import paths
    from analysis.data.provinces import get_registry
    from analysis.emissions.bau import load_frozen_baselines
    from analysis.fingerprint import hash_files, hash_package_code
    from analysis.index.pgi import build_pgi_index
    from analysis.inventory import reconciliation, supported_years, validate_hcmc_2013
    from analysis.inventory.validation import published_comparison
    from analysis.mrv.registers import read_credits, read_facilities
    from analysis.mrv.room import CREDITS_EXAMPLE, FACILITIES_EXAMPLE
    from analysis.run.resolve import SCENARIOS_DIR, TARGETS_DIR, load_scenarios, load_target_set, yaml_files
    from analysis.viz.maps import map_geometry

    registry = get_registry()
    if places is None:
        names = set(registry.table()["display_name"])
    else:
        names = set()
        for name, admin_map in places:
            try:
                names.update(registry.locate(name, admin_map).constituents)
            except Exception:  # noqa: BLE001, S112 - the run that names it says what is wrong
                continue
    load_frozen_baselines(tuple(sorted(names)))
    year = supported_years()[1]  # the base year of every shipped profile
    for admin_map in (2024, 2025):
        reconciliation(year, admin_map=admin_map)
    published_comparison(validate_hcmc_2013())
    for path in yaml_files(SCENARIOS_DIR):
        load_scenarios(path)
    for path in yaml_files(TARGETS_DIR):
        load_target_set(path)
    for admin_map in (2024, 2025):
        for inset in (False, True):
            map_geometry(admin_map, inset)
    build_pgi_index()
    read_facilities(FACILITIES_EXAMPLE)  # the shipped illustrative registers: every report's MRV room without its own
    read_credits(CREDITS_EXAMPLE)
    hash_files(paths.INPUT_DIRS)
    hash_package_code()

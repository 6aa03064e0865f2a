"""Sub-commands of ``netzero``. Each module has ``add_parser(subparsers)``; parsers set ``func``."""

from __future__ import annotations

import argparse


def common() -> argparse.ArgumentParser:
    """Options every sub-command accepts (use as ``parents=[common()]``)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show full tracebacks on errors")
    return p


def add_run_options(
    p: argparse.ArgumentParser,
    names: list[str],
    *,
    defaults: dict | None = None,
    aliases: dict[str, list[str]] | None = None,
) -> None:
    """Options ``--province``, ``--map``, ``--scenario-file`` … for the run parameters ``names``.

    Type, allowed values and help come from the run vocabulary (:class:`analysis.run.parameters.RunParameters`),
    so a command and a notebook mean the same by the same word. ``defaults`` overrides a default for this command;
    unset options are left to the vocabulary.
    """
    from analysis.run.parameters import RunParameters, annotation_text, choices_of

    defaults, aliases = defaults or {}, aliases or {}
    for name in names:
        field = RunParameters.model_fields[name]
        text = annotation_text(name)
        kind = {"int": int, "int | None": int}.get(text, str)
        default = defaults.get(name, field.default if not callable(field.default_factory) else [])
        flags = [f"--{name.replace('_', '-')}", *aliases.get(name, [])]
        extra = {"nargs": "*"} if text.startswith("list[") else {}
        p.add_argument(
            *flags,
            dest=name,
            type=kind,
            default=None,
            choices=choices_of(name),
            metavar=name.upper() if not choices_of(name) else None,
            help=f"{field.description} (default: {default!r})",
            **extra,
        )
        p.set_defaults(**{f"_default_{name}": default})


def run_values(args: argparse.Namespace, names: list[str]) -> dict:
    """The run parameters given on the command line (and the command's own defaults for the others)."""
    out = {}
    for name in names:
        value = getattr(args, name, None)
        out[name] = value if value is not None else getattr(args, f"_default_{name}")
    return out

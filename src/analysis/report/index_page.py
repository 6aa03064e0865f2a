"""The batch index page: ``reports/<batch>/index.html`` listing every run with its headline figures.

Purpose
    One page an official opens first: the runs grouped by province (a section per province, with a
    list of provinces linking to them when there are several; runs of notebooks without a province
    last), and for each run the scenarios and language, the headline figures (BAU 2030, scenario
    2030, percent below BAU, target met, PGI rank) and relative links to the run's HTML, PDF and
    Excel files. Self-contained (inline CSS, no script, nothing fetched), so it
    works opened from disk (``file://``) and served over HTTP; every string is escaped.

Inputs
    ``runs``: a list of dicts, one per run, with the keys

    - ``run_id`` (str, required); ``title`` (str, optional);
    - ``province`` (str), ``scenarios`` (list of str or str), ``lang`` (``vi``/``en``);
    - ``status`` (``"ok"`` by default; anything else is shown as a failure) and ``error`` (str);
    - ``html``, ``pdf``, ``xlsx``: paths of the run's files (absolute, or relative to ``batch_dir``);
    - ``headlines``: ``{key: value}`` or ``{key: {"value": …}}`` — when absent they are read from
      ``ipynb`` (the executed notebook; see :func:`analysis.report.excel.record_headline`). Keys carry the
      target year (``bau_2030``, ``scenario_2030``, ``pct_below_bau_2030``, ``target_met_2030``, ``p_met_2030``;
      the year may be left off) and ``pgi_rank``. The target is shown as a verdict (met, at risk when P(met)
      < 50 %, not met; :func:`analysis.emissions.targets.verdict`) with its probability;
    - the run is named by ``title``, else by the report's own heading (the executed notebook's first
      ``#`` heading), never by its id (kept in the row's ``data-run`` attribute).
Outputs
    ``<batch_dir>/index.html``, written atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from analysis.i18n import check_lang, fmt_date, fmt_number, t
from analysis.io import atomic_path
from analysis.narrative import pathways as _verdict_words  # noqa: F401 (registers verdict_met … : the reports' words)
from analysis.narrative.figures import format_fact
from analysis.report.excel import read_headlines
from analysis.report.export import make_readable

_CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 2rem;
  line-height: 1.45; }
code { font-family: "Noto Sans Mono", "Noto Mono", Consolas, monospace; }
h1 { font-size: 1.5rem; border-bottom: 3px solid #0072B2; padding-bottom: 0.4rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #d0d0d0; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1a1a1a; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.failed { color: #D55E00; font-weight: bold; }
.met { color: #009E73; font-weight: bold; }
.at-risk { color: #B8860B; font-weight: bold; }
.not-met { color: #D55E00; }
.files a { margin-right: 0.5rem; }
.muted { color: #555; font-size: 0.85rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
nav ul { columns: 3; padding-left: 1.2rem; }
"""


def _link_href(path, batch_dir: Path) -> str | None:
    """A relative, URL-quoted link from the index to ``path`` (``None`` if there is no file)."""
    if not path:
        return None
    p = Path(path)
    p = p if p.is_absolute() else batch_dir / p
    rel = Path(os.path.relpath(p.resolve(), batch_dir.resolve())).as_posix()
    return quote(rel, safe="/._-~")


_YEARED = re.compile(r"^(bau|scenario|pct_below_bau|target_met|p_met)(?:_(\d{4}))?$")


@dataclass(frozen=True)
class RunFacts:
    """What the index shows of one run, read once: its name, its scenarios' names and its headline figures."""

    title: str
    scenarios: list[str]
    figures: dict  # {kind: (value, year, label)}, from the headline keys (year-suffixed or not)

    @property
    def years(self) -> set[int]:
        return {y for _, y, _ in self.figures.values() if y is not None}


def run_facts(run: dict) -> RunFacts:
    """The facts of ``run``: given in the dict, else read from its executed notebook (once, as plain JSON: a batch
    wrote it; validating each of hundreds again is slow). Only the top level is a ``NotebookNode`` (``nb.cells``):
    the readers take cells and outputs as dicts, and converting every output of 544 notebooks took 2 CPU-s."""
    import json

    import nbformat

    from analysis.report.excel import read_report_info

    path = run.get("ipynb")
    nb = (
        nbformat.NotebookNode(json.loads(Path(path).read_text(encoding="utf-8")))
        if path and Path(path).exists()
        else None
    )
    info = read_report_info(nb) if nb is not None else {"title": None, "scenarios": []}
    headlines = run.get("headlines")
    if headlines is None:
        headlines = read_headlines(nb) if nb is not None else {}
    figures = {}
    for key, entry in headlines.items():
        m = _YEARED.match(key)
        kind, year = (m.group(1), int(m.group(2)) if m.group(2) else None) if m else (key, None)
        value, label = (entry.get("value"), entry.get("label")) if isinstance(entry, dict) else (entry, None)
        figures[kind] = (value, year, label)
    figures |= _figures_from_facts(run, path)  # the run's facts, where it recorded them, over the headlines
    given = run.get("scenarios")
    scenarios = ([given] if isinstance(given, str) else list(given)) if given else list(info["scenarios"])
    title = run.get("title") or info["title"] or _first_heading(nb) or run.get("notebook") or run.get("run_id", "")
    return RunFacts(title=str(title), scenarios=[str(x) for x in scenarios], figures=figures)


def _figures_from_facts(run: dict, ipynb) -> dict:
    """The index's figures from the run's ``facts.json`` (beside its notebook, or ``run["facts"]``): the values every
    report of the run prints — BAU and main scenario in the target year, % below BAU, the headline target's verdict
    and P(met), the PGI rank — so the index cannot say other than the reports. Empty when the run recorded none."""
    import json

    from analysis.run.facts import FACTS_NAME, Facts

    path = run.get("facts") or (Path(ipynb).parent / FACTS_NAME if ipynb else None)
    if not path or not Path(path).is_file():
        return {}
    facts = Facts.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    year, head = facts.target_year, facts.headline
    figures = {
        "bau": (facts.bau.stated, year, None),
        "scenario": (facts.scenario.stated, year, None),
        "pct_below_bau": (facts.below_bau_pct, year, None),
        "verdict": (head.verdict or None, head.year, None),
        "p_met": (head.p_met, head.year, None),
    }
    if facts.pgi is not None and facts.pgi.rank is not None and facts.pgi.published:
        figures["pgi_rank"] = (facts.pgi.rank, None, None)  # its own year, not a target year of the columns
    return figures


def _first_heading(nb) -> str | None:
    """The first ``#`` heading the notebook wrote (a markdown cell, or a displayed markdown output)."""
    for cell in nb.cells if nb is not None else []:
        texts = [cell.get("source", "")] if cell.get("cell_type") == "markdown" else []
        texts += ["".join(o.get("data", {}).get("text/markdown", "")) for o in cell.get("outputs", []) if "data" in o]
        for line in (line for text in texts for line in str(text).splitlines()):
            if line.startswith("# "):
                return line[2:].strip()
    return None


def format_headline(key: str, value, lang: str) -> str:
    """Text for one headline figure in ``lang`` (``–`` when missing)."""
    if value is None or value == "":
        return "–"
    if key == "target_met" and isinstance(value, bool):
        return t("met" if value else "not_met", lang)
    if key == "p_met" and isinstance(value, int | float):
        return format_fact(float(value), "prob", lang)  # the reports' rules (analysis.narrative.figures)
    if key == "pct_below_bau" and isinstance(value, int | float):
        return format_fact(float(value), "pct", lang)
    if key == "pgi_rank" and isinstance(value, int | float):
        return str(int(value))
    if key in ("bau", "scenario") and isinstance(value, int | float) and not isinstance(value, bool):
        return format_fact(float(value), "mt", lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt_number(float(value), lang, 1)
    return str(value)


COLUMNS = ("bau", "scenario", "pct_below_bau", "target_met", "pgi_rank")


def _verdict_text(figures: dict, lang: str) -> tuple[str, str]:
    """The headline target's verdict in words (with its probability) and the cell's css class."""
    from analysis.emissions.targets import verdict

    p = figures.get("p_met", (None,))[0]
    p = float(p) if isinstance(p, int | float) and not isinstance(p, bool) else None
    word = figures.get("verdict", (None,))[0]  # the facts' verdict, as the reports print it
    if word == "not applicable":  # a percentage below a BAU that is not positive (a net sink)
        return t("verdict_not_applicable", lang), ""
    if word not in ("met", "at risk", "not met"):
        met = figures.get("target_met", (None,))[0]  # the verdict word (a bool in runs made before it)
        if met == "not applicable":
            return t("verdict_not_applicable", lang), ""
        if met in ("met", "at risk", "not met"):
            word = met
        elif isinstance(met, bool):
            word = verdict(met, p)
        else:
            return "–", ""
    text = t(f"verdict_{word.replace(' ', '_')}", lang)  # the reports' words (analysis.narrative.pathways)
    if p is not None:
        text += f" ({t('index_probability', lang, p=format_headline('p_met', p, lang))})"
    return text, {"met": " met", "at risk": " at-risk", "not met": " not-met"}[word]


def _row(run: dict, facts: RunFacts, batch_dir: Path, lang: str, years: set) -> str:
    status_ok = _is_ok(run)
    run_lang = str(run.get("lang", ""))
    lang_key = f"index_lang_{run_lang}"
    cells = [
        f"<td><strong>{escape(facts.title)}</strong></td>",
        f"<td>{escape(str(run.get('province', '')))}</td>",
        f"<td>{escape(', '.join(facts.scenarios))}</td>",
        f"<td>{escape(t(lang_key, lang) if run_lang in ('vi', 'en') else run_lang)}</td>",
    ]
    figures = facts.figures
    for kind in COLUMNS:
        if kind == "target_met":
            text, css = _verdict_text(figures, lang)
            cells.append(f'<td class="verdict{css}">{escape(text)}</td>')
            continue
        value, year, _ = figures.get(kind, (None, None, None))
        text = format_headline(kind, value, lang)
        if year is not None and len(years) > 1 and text != "–":
            text += f" ({year})"
        cells.append(f'<td class="num">{escape(text)}</td>')
    links = []
    for fmt, label in (("html", "HTML"), ("pdf", "PDF"), ("xlsx", "Excel")):
        href = _link_href(run.get(fmt), batch_dir)
        if href:
            links.append(f'<a href="{escape(href)}">{label}</a>')
    cells.append(f'<td class="files">{" ".join(links) or "–"}</td>')
    if status_ok:
        cells.append(f"<td>{escape(t('index_ok', lang))}</td>")
    else:
        error = f'<br><span class="muted">{escape(str(run["error"]))}</span>' if run.get("error") else ""
        cells.append(f'<td class="failed">{escape(t("index_failed", lang))}{error}</td>')
    return f'<tr data-run="{escape(str(run.get("run_id", "")))}">' + "".join(cells) + "</tr>"


def _is_ok(run: dict) -> bool:
    return str(run.get("status", "ok")).lower() in ("ok", "done", "success", "completed")


def group_by_province(runs: list[dict]) -> list[tuple[str, list[dict]]]:
    """``[(province, runs), …]``: provinces in alphabetical order (ignoring accents), runs without one last."""
    from analysis.data.provinces import strip_diacritics

    groups: dict[str, list[dict]] = {}
    for run in runs:
        groups.setdefault(str(run.get("province") or ""), []).append(run)
    return sorted(groups.items(), key=lambda item: (not item[0], strip_diacritics(item[0]).lower()))


def _table(runs: list[dict], facts: dict, batch_dir: Path, lang: str, header: str, years: set) -> str:
    rows = "\n".join(_row(run, facts[id(run)], batch_dir, lang, years) for run in runs)
    return f"<table><thead><tr>{header}</tr></thead><tbody>\n{rows}\n</tbody></table>"


def render_batch_index(batch_name: str, runs: list[dict], batch_dir: Path, lang: str = "vi") -> str:
    """The index page's HTML (see the module docstring for the keys of ``runs``)."""
    check_lang(lang)
    facts = {id(run): run_facts(run) for run in runs}  # each run's notebook is read once
    years = set().union(*(f.years for f in facts.values()))
    year = str(next(iter(years))) if len(years) == 1 else t("index_target_year", lang)
    heads = [
        t("index_run", lang),
        t("index_province", lang),
        t("index_scenarios", lang),
        t("index_lang", lang),
        t("index_bau", lang, year=year),
        t("index_scenario", lang, year=year),
        t("index_pct_below_bau", lang),
        t("index_target_met", lang),
        t("index_pgi_rank", lang),
        t("index_files", lang),
        t("index_status", lang),
    ]
    header = "".join(f"<th>{escape(h)}</th>" for h in heads)
    groups = group_by_province(runs)
    sections, links = [], []
    for number, (province, members) in enumerate(groups, start=1):
        name = province or t("index_no_province", lang)
        count = t("index_group_count", lang, n=len(members), failed=sum(not _is_ok(r) for r in members))
        sections.append(
            f'<section id="p{number}">\n<h2>{escape(name)}</h2>\n<p class="muted">{escape(count)}</p>\n'
            f"{_table(members, facts, batch_dir, lang, header, years)}\n</section>"
        )
        links.append(f'<li><a href="#p{number}">{escape(name)}</a> <span class="muted">({len(members)})</span></li>')
    nav = (
        f"<nav><h2>{escape(t('index_provinces', lang))}</h2><ul>{''.join(links)}</ul></nav>\n"
        if len(groups) > 1
        else ""
    )
    body = nav + "\n".join(sections) if runs else f"<p>{escape(t('index_empty', lang))}</p>"
    drifted = [r for r in runs if r.get("lock_differs")]
    if drifted:  # a run whose environment was not the lock's says so: its figures may not be reproducible
        packages = ", ".join(sorted({p for r in drifted for p in r["lock_differs"]}))
        note = t("index_lock_differs", lang, n=len(drifted), packages=packages)
        body = f'<p class="failed">{escape(note)}</p>\n{body}'
    title = f"{t('index_title', lang)} {batch_name}"
    now = dt.datetime.now().astimezone()
    offset = now.strftime("%z")
    made = f"{fmt_date(now.date(), lang)} {now:%H:%M} (UTC{offset[:3]}:{offset[3:]})"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n<link rel="icon" href="data:,">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n"
        f'<p class="muted">{escape(t("index_made", lang))}: {escape(made)}</p>\n</body>\n</html>\n'
    )


def _lock(manifest: dict) -> dict:
    return (manifest.get("environment") or {}).get("lock") or {}


def collect_runs(batch_dir: Path) -> list[dict]:
    """Runs of ``batch_dir`` as :func:`write_batch_index` wants them, from each ``<run>/manifest.json``.

    Uses the manifest's ``run_id``, ``status``, ``error``, ``notebook``, ``parameters`` (``province``, ``lang``;
    scenario ids are not shown: their names come from the executed notebook) and ``outputs`` (file names in the run folder: the ``.ipynb`` gives the
    headlines; ``.html``, ``.pdf``, ``.xlsx`` become links).
    """
    import json

    runs = []
    for manifest in sorted(Path(batch_dir).glob("*/manifest.json")):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        params = data.get("effective_parameters") or data.get("parameters") or {}
        error = data.get("error")
        run = {
            "run_id": data.get("run_id") or manifest.parent.name,
            "status": data.get("status", "ok"),
            "error": f"{error.get('ename', '')}: {error.get('evalue', '')}" if isinstance(error, dict) else error,
            "province": params.get("province", ""),
            "lang": params.get("lang", ""),
            "notebook": Path(str(data.get("notebook") or "")).stem,
            "lock_differs": [d.get("package", "") for d in _lock(data).get("differs") or []],
        }
        for name in data.get("outputs") or []:
            suffix = Path(name).suffix.lstrip(".")
            key = "ipynb" if suffix == "ipynb" else suffix
            if key in ("ipynb", "html", "pdf", "xlsx") and key not in run and (manifest.parent / name).exists():
                run[key] = manifest.parent / name
        runs.append(run)
    return runs


def write_batch_index(batch_dir: Path, runs: list[dict], *, lang: str = "vi", batch_name: str | None = None) -> Path:
    """Write ``<batch_dir>/index.html`` listing ``runs`` and return its path.

    Parameters
    ----------
    batch_dir : Path
        The batch's folder (``reports/<batch>``); links are relative to it.
    runs : list of dict
        One dict per run (keys in the module docstring).
    lang : {"vi", "en"}
        Language of the page's own text and number format.
    batch_name : str, optional
        Shown in the title; defaults to the folder's name.
    """
    batch_dir = Path(batch_dir)
    target = batch_dir / "index.html"
    page = render_batch_index(batch_name or batch_dir.name, runs, batch_dir, lang)
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return make_readable(target)

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
      ``ipynb`` (the executed notebook; see :func:`analysis.report.excel.record_headline`).
Outputs
    ``<batch_dir>/index.html``, written atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape
from pathlib import Path
from urllib.parse import quote

from analysis.i18n import add_strings, check_lang, fmt_number, fmt_percent, t
from analysis.io import atomic_path
from analysis.report.excel import HEADLINE_KEYS, read_headlines
from analysis.report.export import make_readable

add_strings(
    {
        "index_title": {"vi": "Báo cáo của đợt chạy", "en": "Reports of batch"},
        "index_run": {"vi": "Lượt chạy", "en": "Run"},
        "index_province": {"vi": "Tỉnh/thành phố", "en": "Province"},
        "index_scenarios": {"vi": "Kịch bản", "en": "Scenarios"},
        "index_lang": {"vi": "Ngôn ngữ", "en": "Language"},
        "index_bau_2030": {"vi": "BAU 2030 (triệu tấn CO₂tđ)", "en": "BAU 2030 (Mt CO₂e)"},
        "index_scenario_2030": {"vi": "Kịch bản 2030 (triệu tấn CO₂tđ)", "en": "Scenario 2030 (Mt CO₂e)"},
        "index_pct_below_bau": {"vi": "Thấp hơn BAU", "en": "Below BAU"},
        "index_target_met": {"vi": "Đạt mục tiêu", "en": "Target met"},
        "index_pgi_rank": {"vi": "Xếp hạng PGI", "en": "PGI rank"},
        "index_files": {"vi": "Tệp", "en": "Files"},
        "index_status": {"vi": "Trạng thái", "en": "Status"},
        "index_ok": {"vi": "hoàn thành", "en": "done"},
        "index_failed": {"vi": "lỗi", "en": "failed"},
        "index_made": {"vi": "Tạo lúc", "en": "Made"},
        "index_empty": {"vi": "Đợt chạy này chưa có lượt chạy nào.", "en": "This batch has no runs."},
        "index_no_province": {"vi": "Không theo tỉnh", "en": "Not for one province"},
        "index_group_count": {"vi": "Số lượt chạy: {n}; lỗi: {failed}", "en": "Runs: {n}; failed: {failed}"},
        "index_provinces": {"vi": "Các tỉnh, thành phố", "en": "Provinces"},
    }
)

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


def _headlines(run: dict) -> dict:
    """The run's headline figures: given, or read once from its executed notebook.

    The notebook is read as plain JSON (a batch wrote it; validating each of hundreds again is slow).
    """
    import json

    import nbformat

    headlines = run.get("headlines")
    if headlines is None and run.get("ipynb") and Path(run["ipynb"]).exists():
        headlines = read_headlines(nbformat.from_dict(json.loads(Path(run["ipynb"]).read_text(encoding="utf-8"))))
    return headlines or {}


def _headline_value(headlines: dict, key: str):
    entry = headlines.get(key)
    return entry.get("value") if isinstance(entry, dict) else entry


def format_headline(key: str, value, lang: str) -> str:
    """Text for one headline figure in ``lang`` (``–`` when missing)."""
    if value is None or value == "":
        return "–"
    if key == "target_met" and isinstance(value, bool):
        return t("met" if value else "not_met", lang)
    if key == "pct_below_bau" and isinstance(value, int | float):
        return fmt_percent(float(value), lang)
    if key == "pgi_rank" and isinstance(value, int | float):
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt_number(float(value), lang, 1)
    return str(value)


def _row(run: dict, batch_dir: Path, lang: str) -> str:
    status_ok = _is_ok(run)
    scenarios = run.get("scenarios") or []
    scenarios = [scenarios] if isinstance(scenarios, str) else scenarios
    cells = [
        f"<td><strong>{escape(str(run.get('run_id', '')))}</strong>"
        + (f'<br><span class="muted">{escape(str(run["title"]))}</span>' if run.get("title") else "")
        + "</td>",
        f"<td>{escape(str(run.get('province', '')))}</td>",
        f"<td>{escape(', '.join(map(str, scenarios)))}</td>",
        f"<td>{escape(str(run.get('lang', '')))}</td>",
    ]
    headlines = _headlines(run)
    for key in HEADLINE_KEYS:
        value = _headline_value(headlines, key)
        css = "num" + (" met" if key == "target_met" and value is True else "")
        cells.append(f'<td class="{css}">{escape(format_headline(key, value, lang))}</td>')
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
    return "<tr>" + "".join(cells) + "</tr>"


def _is_ok(run: dict) -> bool:
    return str(run.get("status", "ok")).lower() in ("ok", "done", "success", "completed")


def group_by_province(runs: list[dict]) -> list[tuple[str, list[dict]]]:
    """``[(province, runs), …]``: provinces in alphabetical order (ignoring accents), runs without one last."""
    from analysis.data.provinces import strip_diacritics

    groups: dict[str, list[dict]] = {}
    for run in runs:
        groups.setdefault(str(run.get("province") or ""), []).append(run)
    return sorted(groups.items(), key=lambda item: (not item[0], strip_diacritics(item[0]).lower()))


def _table(runs: list[dict], batch_dir: Path, lang: str, header: str) -> str:
    rows = "\n".join(_row(run, batch_dir, lang) for run in runs)
    return f"<table><thead><tr>{header}</tr></thead><tbody>\n{rows}\n</tbody></table>"


def render_batch_index(batch_name: str, runs: list[dict], batch_dir: Path, lang: str = "vi") -> str:
    """The index page's HTML (see the module docstring for the keys of ``runs``)."""
    check_lang(lang)
    heads = [
        "index_run",
        "index_province",
        "index_scenarios",
        "index_lang",
        *(f"index_{k}" for k in HEADLINE_KEYS),
        "index_files",
        "index_status",
    ]
    header = "".join(f"<th>{escape(t(h, lang))}</th>" for h in heads)
    groups = group_by_province(runs)
    sections, links = [], []
    for number, (province, members) in enumerate(groups, start=1):
        name = province or t("index_no_province", lang)
        count = t("index_group_count", lang, n=len(members), failed=sum(not _is_ok(r) for r in members))
        sections.append(
            f'<section id="p{number}">\n<h2>{escape(name)}</h2>\n<p class="muted">{escape(count)}</p>\n'
            f"{_table(members, batch_dir, lang, header)}\n</section>"
        )
        links.append(f'<li><a href="#p{number}">{escape(name)}</a> <span class="muted">({len(members)})</span></li>')
    nav = (
        f"<nav><h2>{escape(t('index_provinces', lang))}</h2><ul>{''.join(links)}</ul></nav>\n"
        if len(groups) > 1
        else ""
    )
    body = nav + "\n".join(sections) if runs else f"<p>{escape(t('index_empty', lang))}</p>"
    title = f"{t('index_title', lang)} {batch_name}"
    made = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n<link rel="icon" href="data:,">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n"
        f'<p class="muted">{escape(t("index_made", lang))}: {escape(made)}</p>\n</body>\n</html>\n'
    )


def collect_runs(batch_dir: Path) -> list[dict]:
    """Runs of ``batch_dir`` as :func:`write_batch_index` wants them, from each ``<run>/manifest.json``.

    Uses the manifest's ``run_id``, ``status``, ``error``, ``parameters`` (``province``, ``scenarios`` or
    ``scenario``, ``lang``) and ``outputs`` (file names in the run folder: the ``.ipynb`` gives the
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
            "scenarios": params.get("scenarios") or params.get("scenario") or [],
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

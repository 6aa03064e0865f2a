"""The report words: two gettext catalogues (``src/analysis/locale/{vi,en}/LC_MESSAGES/netzero.po``), complete and
consistent, read through ``t``/``tn``/``label_column``; no vi/en sentence pair left in a module."""

from __future__ import annotations

import ast
import re
import shutil
import string

import pytest
from babel.messages.pofile import read_po

from analysis import i18n, paths
from analysis.i18n import LANGS, has_text, label_column, load_catalogue, po_file, sector_label, t, tn

SRC = paths.PACKAGE_DIR
ROOT = paths.CODE_ROOT

# A Vietnamese message may equal its English one only when it is a symbol, an abbreviation or a proper name that
# Vietnamese documents write the same way.
SAME_IN_BOTH = {"MAE", "MAPE (%)", "GRDP", "BAU", "CDM", "JCM", "Gold Standard", "VCS (Verra)", "VCCI (pcivietnam.vn)"}


def catalogue(lang: str):
    with po_file(lang).open("rb") as f:
        return read_po(f, locale=lang)


@pytest.fixture(scope="module")
def catalogues():
    return {lang: catalogue(lang) for lang in LANGS}


def messages(cat) -> dict:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in cat if m.id}


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test__plural_forms_are_the_languages_own(catalogues):
    assert catalogues["vi"].plural_forms == "nplurals=1; plural=0;"
    assert catalogues["en"].plural_forms == "nplurals=2; plural=(n != 1);"


def test__every_message_is_translated_in_both_catalogues_with_the_same_placeholders(catalogues):
    vi, en = messages(catalogues["vi"]), messages(catalogues["en"])
    assert len(vi) > 900
    assert set(vi) == set(en), f"only in vi: {sorted(set(vi) - set(en))}; only in en: {sorted(set(en) - set(vi))}"
    problems = []
    for key in vi:
        a, b = vi[key], en[key]
        if a.pluralizable != b.pluralizable:
            problems.append(f"{key}: plural in one catalogue only")
            continue
        texts = {"vi": forms(a), "en": forms(b)}
        if a.pluralizable and (len(texts["vi"]) != 1 or len(texts["en"]) != 2):
            problems.append(f"{key}: {len(texts['vi'])} vi and {len(texts['en'])} en plural forms (1 and 2 expected)")
        for lang, values in texts.items():
            if not all(v.strip() for v in values):
                problems.append(f"{key}: empty {lang} text")
            if "fuzzy" in (a if lang == "vi" else b).flags:
                problems.append(f"{key}: fuzzy in {lang}")
        names = [placeholders(v) for v in texts["vi"] + texts["en"]]
        if any(n != names[-1] for n in names) and not a.pluralizable:
            problems.append(f"{key}: placeholders differ: {names}")
        if a.pluralizable and any(n - {"n"} != names[-1] - {"n"} for n in names):
            problems.append(f"{key}: placeholders differ: {names}")
        for value in texts["vi"] + texts["en"]:
            try:
                value.format(**{n: "x" for n in placeholders(value)})
            except (ValueError, IndexError, KeyError) as exc:
                problems.append(f"{key}: {value!r} is not a format string ({exc})")
    assert problems == []


def test__no_catalogue_has_obsolete_entries(catalogues):
    assert {lang: list(c.obsolete) for lang, c in catalogues.items()} == {"vi": [], "en": []}


def test__the_vietnamese_is_not_the_english_except_symbols_and_abbreviations(catalogues):
    vi, en = messages(catalogues["vi"]), messages(catalogues["en"])
    same = {key: forms(vi[key])[0] for key in vi if forms(vi[key])[0] in forms(en[key])}
    words = {k: v for k, v in same.items() if re.search(r"[^\W\d_]", re.sub(r"\{[^}]*\}", "", v))}
    assert {k: v for k, v in words.items() if v not in SAME_IN_BOTH} == {}


def test__each_vietnamese_entry_shows_the_english_and_where_it_is_used(catalogues):
    """``#. en: …`` carries the English sentence (kept equal to the English catalogue) and ``#:`` a file that exists,
    so a Vietnamese editor sees the meaning and the place."""
    vi, en = messages(catalogues["vi"]), messages(catalogues["en"])
    problems = []
    for key, message in vi.items():
        english = " ".join(" | ".join(forms(en[key])).split())
        if " ".join(" ".join(message.auto_comments).split()) != f"en: {english}":  # wrapped, spaces trimmed
            problems.append(f"{key}: comment {message.auto_comments!r}, English {english!r}")
        for lang, m in (("vi", message), ("en", en[key])):
            if not m.locations or not all((ROOT / path).is_file() for path, _ in m.locations):
                problems.append(f"{key}: {lang} reference {m.locations!r}")
    assert problems == []


def test__every_literal_key_in_the_code_is_in_the_catalogue():
    """``t("key", …)``, ``tn("key", …)`` and ``heading("key", …)`` in the package and the notebooks name messages
    that exist (keys built at run time, ``t(f"verdict_{…}")``, are covered by the tests of their modules)."""
    call = re.compile(r"\b(?:t|tn|heading)\(\s*\"([a-z][a-z0-9_|]*)\"")
    files = sorted(SRC.rglob("*.py")) + sorted((ROOT / "notebooks").glob("*.py"))
    missing = {
        f"{path.relative_to(ROOT)}: {key}"
        for path in files
        for key in call.findall(path.read_text(encoding="utf-8"))
        if not has_text(key)
    }
    assert missing == set()


def _sentence_pairs(tree: ast.AST) -> list[int]:
    """Lines of dict literals with ``vi`` and ``en`` keys holding text, and of ``"…" if lang == "vi" else "…"``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value: v for k, v in zip(node.keys, node.values, strict=True) if isinstance(k, ast.Constant)}
            texts = [
                v
                for k, v in keys.items()
                if k in LANGS
                and isinstance(v, ast.Constant | ast.JoinedStr)
                and not (isinstance(v, ast.Constant) and re.fullmatch(r"[a-z]{2}(_[A-Z]{2})?", str(v.value)))
            ]  # a locale code ("vi_VN") is not text
            if set(LANGS) <= set(keys) and texts:
                found.append(node.lineno)
        if isinstance(node, ast.IfExp) and isinstance(node.test, ast.Compare):
            sides = [node.body, node.orelse]
            compared = [node.test.left, *node.test.comparators]
            words = [
                s.value
                for s in sides
                if isinstance(s, ast.Constant) and isinstance(s.value, str) and not re.search(r"_(vi|en)$", s.value)
            ]  # "body_vi" if lang == "vi" else "body_en" picks a data column; "DD/MM/YYYY" is a format code
            if any(isinstance(c, ast.Constant) and c.value in LANGS for c in compared) and len(words) == 2:
                if all(re.search(r"[^\W\d_A-Z]{2}", w) for w in words):
                    found.append(node.lineno)
    return sorted(found)


def test__sentence_pairs_are_found_by_the_scan():
    code = 'A = {"k": {"vi": "Năm", "en": "Year"}}\nB = "có" if lang == "vi" else "yes"\nC = {"vi": x, "en": y}\n'
    code += 'D = {"vi": "vi_VN", "en": "en"}\nE = "body_vi" if lang == "vi" else "body_en"\n'
    assert _sentence_pairs(ast.parse(code)) == [1, 2]


def test__no_module_holds_vi_en_sentence_pairs_or_registers_words():
    hits = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = _sentence_pairs(tree)
        lines += [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) == "add_strings"
        ]
        if lines:
            hits[str(path.relative_to(ROOT))] = lines
    assert hits == {}
    assert not hasattr(i18n, "add_strings") and not hasattr(i18n, "COLUMN_LABELS")


def test__the_catalogues_are_in_step_with_the_code():
    """``scripts/translations.py --check``: every message's references are the files that call it today, each
    Vietnamese entry carries the current English (a reference to a notebook that no longer calls a key misleads the
    translator)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test__t_fills_placeholders_and_refuses_an_unknown_key():
    assert t("vintage_frozen", "vi", date="28/11/2026") == "BAU cố định ngày 28/11/2026"
    assert t("vintage_frozen", "en", date="28 Nov 2026") == "BAU frozen on 28 Nov 2026"
    with pytest.raises(KeyError, match="no_such_key.*netzero.po"):
        t("no_such_key", "vi")
    with pytest.raises(ValueError, match="lang must be"):
        t("vintage_frozen", "fr")
    assert has_text("vintage_frozen") and not has_text("no_such_key")


def test__sector_names_come_from_the_sectors_table_not_the_catalogue():
    assert (
        sector_label("Waste", "vi") == "Chất thải" and sector_label("Energy|Power", "en") == "Energy – power generation"
    )
    assert not has_text("inv_sector|Waste")  # one home for a sector's name: data/raw/project/sectors.csv


def test__label_column_reads_the_column_context():
    assert label_column("source", "vi") == "Nguồn giá trị"  # the column header, not the word "Nguồn"
    assert t("source", "vi") == "Nguồn"
    assert label_column("rank", "en") == "Rank"
    assert label_column("Energy|Power", "vi") == "Năng lượng – sản xuất điện"
    assert label_column("not_a_column", "vi") == "not_a_column"


def test__message_ids_list_the_words_of_a_prefix():
    ids = i18n.message_ids("report_")
    assert "report_page" in ids and all(k.startswith("report_") for k in ids)
    assert "year" in i18n.message_ids() and "mrv_facilities" not in i18n.message_ids("report_")


def test__a_catalogue_is_compiled_once_per_content_and_never_stale(tmp_path):
    locale, cache = tmp_path / "locale", tmp_path / "cache"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    assert load_catalogue("vi", locale, cache).gettext("vintage_frozen") == "BAU cố định ngày {date}"
    first = sorted(cache.glob("*.mo"))
    assert len(first) == 1 and first[0].name.startswith("netzero-vi-")
    po = po_file("vi", locale)
    po.write_text(po.read_text(encoding="utf-8").replace("BAU cố định ngày {date}", "BAU chốt ngày {date}"), "utf-8")
    assert load_catalogue("vi", locale, cache).gettext("vintage_frozen") == "BAU chốt ngày {date}"
    assert len(list(cache.glob("*.mo"))) == 2  # a new .mo for the new content; the old one is never read again


def test__an_unwritable_cache_only_costs_the_compilation(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert load_catalogue("en", cache_dir=blocker / "cache").gettext("vintage_frozen") == "BAU frozen on {date}"


def test__loading_a_compiled_catalogue_is_cheap(tmp_path):
    import time

    load_catalogue("vi", cache_dir=tmp_path)  # compiles
    start = time.perf_counter()
    for _ in range(5):
        load_catalogue("vi", cache_dir=tmp_path)
    assert (time.perf_counter() - start) / 5 < 0.05


def test__the_package_ships_its_catalogues():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.po"' in text
    assert all(po_file(lang).is_file() for lang in LANGS)


def test__tn_gives_one_form_in_vietnamese_and_two_in_english():
    assert [tn("mrv_facilities", n, "en") for n in (1, 2, 0)] == ["1 facility", "2 facilities", "0 facilities"]
    assert [tn("mrv_facilities", n, "vi") for n in (1, 2)] == ["1 cơ sở", "2 cơ sở"]
    assert tn("mrv_facilities", 1200, "en", n="1,200") == "1,200 facilities"
    with pytest.raises(TypeError, match="whole count"):
        tn("mrv_facilities", 1.5, "en")
    with pytest.raises(KeyError):
        tn("vintage_frozen", 2, "en")  # not a plural message


def test__plural_messages_cover_the_counts_the_reports_print():
    plural = {m.id[0] for m in catalogue("en") if m.id and m.pluralizable}
    assert {"mrv_facilities", "warn_stale_bau", "pgi_rank_up", "sum_removal_assumed", "pw_targets_summary"} <= plural
    assert tn("pgi_rank_up", 1, "en", steps=1, o0="5th", o1="4th") == "the rank improved by 1 place (from 5th to 4th)"
    assert tn("pgi_rank_up", 3, "vi", steps=3, o0="thứ 7", o1="thứ 4") == "thứ hạng tăng 3 bậc (từ thứ 7 lên thứ 4)"


def test__no_module_picks_a_plural_by_hand():
    """Singular or plural comes from tn() and the catalogues, not from '"s" if n != 1' or a _one/_many key pair."""
    by_hand = re.compile(r"""["']s["'] if |_one["'] if |["'][a-z_]+_many["']""")
    hits = [
        f"{p.relative_to(ROOT)}:{i}"
        for folder in ("narrative", "viz", "report", "explore", "mrv")
        for p in sorted((SRC / folder).rglob("*.py"))
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert hits == []


CALQUES = ("khám phá", "ngây thơ", "mức yêu cầu", "trên danh nghĩa", "top 5", "top 10", "Tạo bởi", "gốc trượt")


def test__the_vietnamese_catalogue_has_none_of_the_calques_readers_flagged(catalogues):
    """Literal renderings an official misreads: a surplus as "thấp hơn mức yêu cầu", the explorer as "khám phá",
    the naive drift as "ngây thơ", English words such as "top 5"."""
    found = {
        m.id: word
        for m in catalogues["vi"]
        if m.id
        for word in CALQUES
        for text in forms(m)
        if word.lower() in text.lower()
    }
    assert found == {}


def test__a_gap_reads_as_a_surplus_or_a_shortfall():
    import re

    from analysis.narrative.pathways import gap_words

    class Facts:  # the one look-up gap_words uses
        def __init__(self, gap):
            self.gap = gap

        def get(self, key):
            return self.gap

    def words(gap, lang):
        return re.sub(r"<[^>]+>", "", gap_words(Facts(gap), "targets.t.gap", lang))

    assert words(-0.756, "vi") == "vượt mục tiêu (dư 0,76 triệu tấn CO₂tđ)"
    assert words(0.756, "vi") == "còn thiếu 0,76 triệu tấn CO₂tđ so với mục tiêu"
    assert words(-0.756, "en") == "a surplus of 0.76 Mt CO₂e against the target"
    assert words(0.756, "en") == "a shortfall of 0.76 Mt CO₂e against the target"


def test__the_narrative_package_loads_words_and_locale_data_once_for_forked_kernels():
    import subprocess
    import sys

    code = (
        "import analysis.narrative, analysis.i18n as i; "
        "print(i._catalogue.cache_info().currsize, i._locale.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["2", "2"]

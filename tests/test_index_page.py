"""write_batch_index: the batch's index.html (headline figures, relative links, escaping)."""

from __future__ import annotations

import re
from pathlib import Path

from analysis.report.index_page import format_headline, write_batch_index

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def _runs(batch: Path) -> list[dict]:
    run = batch / "brvt vi"
    run.mkdir(parents=True)
    for ext in ("html", "pdf", "xlsx"):
        (run / f"report.{ext}").write_text("x")
    return [
        {"run_id": "brvt-vi", "province": "Bà Rịa – Vũng Tàu", "scenarios": ["bau", "<script>alert(1)</script>"],
         "lang": "vi", "html": run / "report.html", "pdf": "brvt vi/report.pdf", "xlsx": run / "report.xlsx",
         "ipynb": FIXTURES / "sample_vi.ipynb"},
        {"run_id": "brvt-en", "province": "Bà Rịa – Vũng Tàu", "lang": "en", "status": "failed",
         "error": "KeyError: <b>", "headlines": {"bau_2030": 1234.56, "target_met": {"value": False}}},
    ]


def test__write_batch_index__lists_runs_with_headlines_and_relative_links(tmp_path):
    batch = tmp_path / "default"
    page = write_batch_index(batch, _runs(batch))
    assert page == batch / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "29,0" in html and "21,0" in html and "27,6 %" in html and ">đạt<" in html and ">12<" in html
    assert "1.234,6" in html and "chưa đạt" in html and "lỗi" in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs == ["data:,", "brvt%20vi/report.html", "brvt%20vi/report.pdf", "brvt%20vi/report.xlsx"]
    for href in hrefs[1:]:
        assert (batch / href.replace("%20", " ")).exists()
    assert str(tmp_path) not in html


def test__write_batch_index__escapes_every_string(tmp_path):
    batch = tmp_path / "b<i>"
    html = write_batch_index(batch, _runs(batch)).read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "KeyError: &lt;b&gt;" in html and "b&lt;i&gt;" in html


def test__write_batch_index__english_and_empty(tmp_path):
    html = write_batch_index(tmp_path, [], lang="en", batch_name="demo").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Reports of batch demo" in html and "This batch has no runs." in html


def test__format_headline__cases():
    assert format_headline("bau_2030", 1234.5, "vi") == "1.234,5"
    assert format_headline("bau_2030", 1234.5, "en") == "1,234.5"
    assert format_headline("pct_below_bau", 8, "vi") == "8,0 %"
    assert format_headline("target_met", True, "en") == "met"
    assert format_headline("pgi_rank", 12.0, "vi") == "12"
    assert format_headline("pgi_rank", None, "vi") == "–"

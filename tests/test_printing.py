"""Validated workbooks print readably: LibreOffice renders every shipped example to PDF,
one page per sheet, none shrunk below 70 % (measured on the rendered text)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import lo_helpers
import openpyxl
import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import EXAMPLES
from sbt_xl.workbook.template.layout import SHEETS

lo_helpers.require()
lo_helpers.require_fonts()
PDFTOTEXT = shutil.which("pdftotext")
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                   r"([A-Za-z0-9]+)</word>")


def word_heights(pdf: Path) -> list[list[float]]:
    """Per page, the heights of the plain ASCII words (the body text's size)."""
    if PDFTOTEXT is None:
        pytest.fail("pdftotext (poppler-utils) is needed; .ci/run installs it")
    html = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [[float(b) - float(a) for a, b, _ in _WORD.findall(page)]
            for page in html.split("<page ")[1:]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("print")
    src = base / "src"
    src.mkdir()
    reference = openpyxl.Workbook()  # default font, printed at 100 %
    for r in range(1, 30):
        reference.active.cell(r, 1, f"Scope {r} base year 2023 emissions 120000 tCO2e")
    reference.save(src / "reference.xlsx")
    files = [src / "reference.xlsx"]
    for example in sorted(WORKBOOKS / name for name in EXAMPLES):
        out = src / example.name
        validate_file(example, "v5", lang="ja" if "_ja" in example.name else "en", out=out)
        files.append(out)
    pdfs = lo_helpers.convert(files, "pdf", base / "pdf", base / "profile")
    return {p.stem: p for p in pdfs}


def test_no_page_is_shrunk_below_70_percent(rendered):
    full = statistics.median(word_heights(rendered["reference"])[0])
    for name, pdf in rendered.items():
        if name == "reference":
            continue
        pages = word_heights(pdf)
        # one page wide, as tall as needed: a sheet split across its width as well would
        # at least double the pages (each sheet, the Findings sheet, the manual breaks)
        breaks = sum(len(ws.row_breaks.brk)
                     for ws in openpyxl.load_workbook(WORKBOOKS / f"{name}.xlsx").worksheets)
        least = len(SHEETS) + 1 + breaks
        assert least <= len(pages) < 2 * least, (name, len(pages))
        for i, heights in enumerate(pages, start=1):
            if len(heights) < 5:  # a page of Japanese text only has no ASCII words to measure
                continue
            scale = statistics.median(heights) / full
            assert scale >= 0.70, f"{name} page {i} printed at {scale:.0%}"


def test_wrapped_text_does_not_overprint(rendered):
    """No two words on a page overlap beyond what a font's own lines do: each row is tall
    enough for its wrapped text, and no text runs into the next row.

    pdftotext boxes a word from its font's ascent to its descent (Carlito 1.22 em, Noto
    Sans CJK 1.45 em) while a cell's lines are set closer, so two lines of one cell
    overlap by up to a quarter of a box (0.23 measured with Carlito and Noto CJK, 0.2
    with DejaVu); text run into the next row or printed over a header overlaps by half a
    box or more."""
    box = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                     r'yMax="([\d.]+)">')
    for name, pdf in rendered.items():
        html = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        for n, page in enumerate(html.split("<page ")[1:], start=1):
            words = sorted(tuple(map(float, m)) for m in box.findall(page))
            for i, a in enumerate(words):
                for b in words[i + 1:]:
                    if b[0] >= a[2]:
                        break
                    dx = min(a[2], b[2]) - max(a[0], b[0])
                    dy = min(a[3], b[3]) - max(a[1], b[1])
                    box_height = min(a[3] - a[1], b[3] - b[1])
                    assert dx <= 1 or dy <= 0.3 * box_height, \
                        f"{name} page {n}: words overlap at {a} / {b}"

"""The design facts (docs/design.md): fills apart in greyscale, named fonts, wrap estimate
with Japanese line-breaking rules, input rows at most three lines."""

from __future__ import annotations

import itertools
import random

import openpyxl
import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.workbook import design
from sbt_xl.workbook.examples import EXAMPLES, TEMPLATES
from sbt_xl.workbook.template.layout import FIELDS
from sbt_xl.workbook.write.printing import (
    LINE_POINTS,
    NEXT_LINE_POINTS,
    fits,
    lines_needed,
    segments,
)


def _lum(rgb: str) -> float:
    """Relative luminance computed here independently (sRGB → linear, Rec. 709 weights)."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


@pytest.mark.parametrize("pair", [("input", "warning"), ("input", "error"),
                                  ("warning", "error"), ("ok", "warning"), ("ok", "error"),
                                  ("input", "computed")])
def test_states_that_meet_differ_in_greyscale(pair):
    a, b = (design.STATE_FILLS[k] for k in pair)
    assert abs(_lum(a) - _lum(b)) >= 0.1, pair


def test_states_differ_in_colour_and_black_text_stays_readable():
    fills = list(design.STATE_FILLS.values())
    assert len(set(fills)) == len(fills)
    for rgb in fills:  # WCAG contrast of black text on the fill
        assert (_lum(rgb) + 0.05) / 0.05 >= 7, rgb
    for a, b in itertools.combinations(fills, 2):  # a hue apart: some channel differs by 0x20+
        assert max(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) for i in (0, 2, 4)) >= 0x20


@pytest.mark.parametrize("name", [*TEMPLATES, *EXAMPLES])
def test_every_font_entry_names_its_face(name):
    wb = openpyxl.load_workbook(WORKBOOKS / name)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.font is not None and c.font.b:
                    assert c.font.name, (ws.title, c.coordinate)


@pytest.mark.parametrize("name", [*TEMPLATES, *EXAMPLES])
def test_japanese_text_is_drawn_in_yu_gothic(name):
    """Every workbook holds Japanese: its theme names Yu Gothic (游ゴシック) for Japanese
    text (not openpyxl's MS P Gothic), and the cell fonts are the theme's (Calibri for
    Latin), so Excel takes Japanese glyphs from it."""
    import re
    import zipfile
    with zipfile.ZipFile(WORKBOOKS / name) as z:
        theme = z.read("xl/theme/theme1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert re.findall(r'script="Jpan" typeface="([^"]*)"', theme) == ["游ゴシック"] * 2
    fonts = re.findall(r"<font>(.*?)</font>", re.search(r"<fonts[^>]*>(.*?)</fonts>",
                                                        styles).group(1))
    assert fonts and all('<name val="Calibri"/>' in f and '<scheme val="minor"/>' in f
                         for f in fonts), fonts


def test_latin_text_wraps_at_spaces_and_long_words_break():
    # "Renewable" is 9 letters: in a column 8 wide it cannot stay whole
    assert lines_needed("Renewable", 8) == 2
    assert lines_needed("Renewable", 11) == 1
    # three words of 5 letters (≈ 4.75 units each) in a column of 12: two per line
    assert lines_needed("aaaaa bbbbb ccccc", 12) == 2


def test_japanese_line_breaking_rules():
    # no line may start with "）", "ー", "、" or "。": they stay with the character before
    cuts = segments("目標（長期）、ネットゼロ。")
    for piece in cuts[1:]:
        assert piece[0] not in "）ー、。", cuts
    assert "ゼロ" not in cuts and "ロ。" in "".join(cuts)
    # an opening bracket stays with what follows it
    assert all(not p.endswith("（") for p in cuts)
    # a Latin run inside Japanese is not split ("（CO2、CH4）" stays one piece)
    assert "CO2" in next(p for p in segments("ガス（CO2、CH4）") if "CO2" in p)


def test_fits_answers_as_wrapping_the_text_does():
    """``fits`` refuses wide text before wrapping it; its answer must be the wrapped one."""
    rng = random.Random(3)
    alphabet = "ab cdefgh ij-KLM（）、。ー目標の排出量 CO2 12,000 t「」.,:\n"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 160)))
        width, lines = rng.choice([6, 12, 28, 40]), rng.randint(1, 4)
        assert fits(text, width, lines) == (lines_needed(text, width) <= lines), text


@pytest.mark.parametrize("name", [*TEMPLATES, *EXAMPLES])
def test_input_rows_are_at_most_three_lines(name):
    """Rows of the input tables (every field's row) print at most three lines tall."""
    wb = openpyxl.load_workbook(WORKBOOKS / name)
    limit = LINE_POINTS + 2 * NEXT_LINE_POINTS
    for f in FIELDS:
        ws = wb[f.sheet]
        row = ws[f.cell].row
        height = ws.row_dimensions[row].height or ws.sheet_format.defaultRowHeight
        assert height <= limit, (name, f.sheet, row, height)

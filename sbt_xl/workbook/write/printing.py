"""How sheets print: rows tall enough for their wrapped text, pages one sheet wide.

Neither openpyxl nor the writer can ask the spreadsheet application to autofit a row, so
row heights are set from the text, wrapped the way the application wraps it: at spaces
between Latin words (a word longer than the line breaks inside), between any two
Japanese characters except where the Japanese line-breaking rules (kinsoku) forbid it --
no line starts with a closing bracket, "ー", "、", "。" or a small kana, none ends with an
opening bracket. Widths are in Excel's column unit, the width of one digit of the body
font (Calibri 11, or its metric twin Carlito); a Japanese character is about two.
"""

from __future__ import annotations

import functools

from typing import Any

#: Height of one line of 11-point text, points: Japanese fonts need more than Calibri's
#: 15 (Japanese Excel's default row is 18.75), and every sheet carries Japanese labels.
LINE_POINTS = 18.0
#: Lines given to a wrapped live formula, whose text is unknown until it calculates: the
#: template's only ones are target wordings, and the SBTi's longest sentence (scope 1, 2
#: and 3, per a unit, fiscal years) takes three lines of the wording column.
FORMULA_LINES = 3
#: Column units a cell's padding takes from its width (2 × 2 pixels of 7 per unit, and
#: a margin for the rounding of fonts other than Calibri).
PADDING = 0.6
#: Bold text is this much wider than regular (Calibri Bold / Carlito Bold).
BOLD = 1.07

#: Japanese characters no line may start with (closing brackets, punctuation, the long
#: vowel mark, small kana, iteration marks) -- JIS X 4051 "gyoto kinsoku".
NO_LINE_START = frozenset("、。，．・：；？！）」』】〕〉》］｝”’ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
                          ")]}.,:;!?%")
#: Characters no line may end with (opening brackets) -- "gyomatsu kinsoku".
NO_LINE_END = frozenset("（「『【〔〈《［｛“‘([{")

_NARROW = frozenset("ijlI.,:;'!|")
_SEMI = frozenset("ftr()[]-/ ")
_BROAD = frozenset("mwMW%@")


@functools.cache
def char_units(ch: str) -> float:
    """Width of ``ch`` in column units (Calibri/Carlito 11 pt; digits are 1); remembered,
    as row heights measure every character of every message."""
    o = ord(ch)
    if o > 0x2E7F:  # CJK, kana, full-width forms: one em, about two digits
        return 2.1
    if o >= 0x2000:  # symbols (✔ ⚠ ✖, arrows) from a fallback font
        return 1.6
    if ch == " ":
        return 0.45
    if ch in _NARROW:
        return 0.5
    if ch in _SEMI:
        return 0.65
    if ch in _BROAD:
        return 1.6
    if ch.isupper():
        return 1.15
    return 1.0 if ch.isdigit() else 0.95


def _wide(ch: str) -> bool:
    return ch > "\u2e7f"


def _may_break(a: str, b: str) -> bool:
    """Whether a line may break between the characters ``a`` and ``b``: between two
    Japanese characters unless kinsoku forbids it, after a hyphen; a Latin run and the
    Japanese next to it stay together (LibreOffice keeps "（CO2、CH4、N2O）" on one line)."""
    if b in NO_LINE_START or a in NO_LINE_END:
        return False
    return _wide(a) and _wide(b) or a == "-" and b.isalpha()


def segments(text: str) -> list[str]:
    """``text`` cut where a line may break; a segment keeps its trailing space."""
    out, start, prev = [], 0, ""
    for i, ch in enumerate(text):
        if i and (ch != " " if prev == " " else _may_break(prev, ch)):
            out.append(text[start:i])
            start = i
        prev = ch
    if text:
        out.append(text[start:])
    return out


def text_units(text: str, bold: bool = False) -> float:
    return sum(map(char_units, text)) * (BOLD if bold else 1.0)


def longest_unbreakable(text: str, bold: bool = False) -> float:
    """Column units the longest unbreakable piece of ``text`` needs (its longest word):
    a column narrower than this breaks a word in the middle."""
    return max((text_units(s.rstrip(" "), bold) for line in str(text).split("\n")
                for s in segments(line)), default=0.0) + PADDING


def _line_count(line: str, room: float, bold: bool) -> int:
    lines, used = 1, 0.0
    for seg in segments(line):
        word = text_units(seg.rstrip(" "), bold)
        space = text_units(seg[len(seg.rstrip(" ")):], bold)
        if used and used + word > room:
            lines, used = lines + 1, 0.0
        while word > room:  # a word longer than the line breaks inside it
            lines, word = lines + 1, word - room
        used += word + space
    return lines


@functools.lru_cache(maxsize=4096)
def lines_needed(text: str, width: float, bold: bool = False) -> int:
    """Lines ``text`` wraps to in a column ``width`` units wide (remembered: a checked
    workbook asks for the same few texts and widths hundreds of times)."""
    room = max(width - PADDING, 1.0)
    return sum(_line_count(line, room, bold) for line in str(text).split("\n"))


def fits(text: str, width: float, lines: int) -> bool:
    """Whether ``text`` wraps to at most ``lines`` lines in a column ``width`` wide. A line
    holds at most its room of non-blank text, so text wider than that in total is refused
    before it is wrapped (the test that keeps trimming a long message quick)."""
    room = max(width - PADDING, 1.0)
    if text_units(text.replace(" ", "").replace("\n", "")) > lines * room:
        return False
    return lines_needed(text, width) <= lines


#: Height each further line of wrapped text adds, points (a Japanese line; a Latin
#: line needs 13.5).
NEXT_LINE_POINTS = 16.0


def row_points(lines: int) -> float | None:
    """The height a row of ``lines`` lines needs; None when the default will do."""
    return LINE_POINTS + (lines - 1) * NEXT_LINE_POINTS if lines > 1 else None


#: Height of a row of numbers and Latin text only (Calibri's own line).
NUMBER_ROW_POINTS = 15.0


def fit_rows(ws: Any, widths: dict[str, float], default_width: float = 8.43,
             default_height: float = LINE_POINTS) -> None:
    """Set each row of an openpyxl worksheet tall enough for its wrapped text, and rows
    without wrapped text ``default_height`` tall."""
    ws.sheet_format.defaultRowHeight = default_height
    ws.sheet_format.customHeight = True
    for row in ws.iter_rows():
        lines = 1
        for c in row:
            if not (isinstance(c.value, str) and c.alignment is not None
                    and c.alignment.wrap_text):
                continue
            bold = bool(c.font is not None and c.font.b)
            lines = max(lines, FORMULA_LINES if c.value.startswith("=") else
                        lines_needed(c.value, widths.get(c.column_letter, default_width),
                                     bold))
        points = row_points(lines)
        if points is not None:
            ws.row_dimensions[row[0].row].height = points


def fit_to_width(ws: Any) -> None:
    """Print an openpyxl worksheet one page wide, as many pages tall as needed."""
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

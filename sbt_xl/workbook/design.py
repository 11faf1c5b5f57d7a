"""The visual design of every sheet sbt-xl writes: palette, fonts, print setup.

One place for these facts (docs/design.md explains them): the template, the validator's
check cells and Findings sheet, the group workbook and the formulas example all take their
fills, fonts and page setup from here.

Palette: the five states differ in hue *and* in lightness, so they stay apart printed in
greyscale (relative luminance, 0 black - 1 white, in brackets):

- computed light grey    F2F2F2 (0.89)  live formulas (totals, rates, wordings)
- ok       light green   C6EFCE (0.78)  a check that passed (✔); check cells only
- input    light orange  FFDDB0 (0.76)  what the user types (Excel's "Input" style)
- warning  amber         FFCA28 (0.64)  a warning (⚠)
- error    salmon red    F08080 (0.36)  an error (✖): the darkest; black text on it
  still has a contrast of 8:1
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


#: Header rows and section headings.
HEADER = "DDEBF7"
SECTION = "F2F2F2"
#: Fill colours (RRGGBB) of the cell states.
INPUT = "FFDDB0"
COMPUTED = "F2F2F2"
OK = "C6EFCE"
WARNING = "FFCA28"
ERROR = "F08080"
#: Hyperlinks (Excel's own link colour), chart series.
LINK = "0563C1"
STATE_FILLS: dict[str, str] = {"input": INPUT, "computed": COMPUTED, "ok": OK,
                               "warning": WARNING, "error": ERROR}
#: Fills of check cells by outcome (an "info" finding gets the header blue).
CHECK_FILLS: dict[str, str] = {"error": ERROR, "warning": WARNING, "info": HEADER, "ok": OK}

#: The fonts, per script (every workbook holds both languages, so both are in each):
#: Latin text in Calibri, Excel's default (LibreOffice on Linux substitutes Carlito,
#: metrically identical); Japanese text in Yu Gothic (游ゴシック), Office's Japanese
#: default since 2016, set as the theme's East Asian font (openpyxl's theme names MS P
#: Gothic). Cell fonts are the theme's ("minor" scheme), so Excel draws Japanese in Yu
#: Gothic; where it is missing the system's fallback draws it (Meiryo on older Windows,
#: Hiragino on macOS, Noto Sans CJK JP on Linux), at the same point size.
FONT_NAME = "Calibri"
JAPANESE_FONT = "游ゴシック"
#: What openpyxl's default theme names for Japanese (MS P Gothic, as character
#: references), replaced.
_THEME_JAPANESE = 'script="Jpan" typeface="&#xFF2D;&#xFF33; &#xFF30;&#x30B4;&#x30B7;&#x30C3;&#x30AF;"'
BODY_SIZE = 11
TITLE_SIZE = 14


# openpyxl style objects, made on first use (``validate`` writes through the package
# writer and does not import openpyxl).

def font(*, bold: bool = False, size: float = BODY_SIZE, color: str | None = None,
         underline: str | None = None, italic: bool = False) -> Any:
    """A font entry that always names its face (a nameless bold entry prints in a serif)."""
    from openpyxl.styles import Font
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=color,
                underline=underline, scheme="minor")


def theme_xml() -> str:
    """openpyxl's workbook theme with Japanese text in :data:`JAPANESE_FONT` (assign it to
    ``Workbook.loaded_theme``)."""
    from openpyxl.writer.theme import theme_xml as default
    if _THEME_JAPANESE not in default:
        raise RuntimeError("openpyxl's theme no longer names MS P Gothic for Japanese")
    return default.replace(_THEME_JAPANESE, f'script="Jpan" typeface="{JAPANESE_FONT}"')


def solid(rgb: str) -> Any:
    """A solid cell fill (fgColor: what a cell's own fill uses)."""
    from openpyxl.styles import PatternFill
    return PatternFill("solid", fgColor=rgb)


def conditional(rgb: str) -> Any:
    """A fill for a conditional format (dxf fills use bgColor)."""
    from openpyxl.styles import PatternFill
    return PatternFill("solid", bgColor=rgb)


def _align(**kw: Any) -> Any:
    from openpyxl.styles import Alignment
    return Alignment(**kw)


_STYLES = {
    "TITLE_FONT": lambda: font(bold=True, size=TITLE_SIZE),
    "HEAD_FONT": lambda: font(bold=True),
    "BODY_FONT": lambda: font(),
    "LINK_FONT": lambda: font(color=LINK, underline="single"),
    "HEAD_FILL": lambda: solid(HEADER),
    "SECTION_FILL": lambda: solid(SECTION),
    "COMPUTED_FILL": lambda: solid(COMPUTED),
    "WRAP": lambda: _align(wrap_text=True, vertical="top"),
    "TOP": lambda: _align(vertical="top"),
    "LEFT": lambda: _align(horizontal="left", vertical="top"),
    "INDENT": lambda: _align(horizontal="left", vertical="top", indent=1),
}
_made: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """TITLE_FONT, HEAD_FONT, BODY_FONT, LINK_FONT, HEAD_FILL, SECTION_FILL, COMPUTED_FILL,
    WRAP, TOP, LEFT, INDENT: the openpyxl objects of the design."""
    if name not in _STYLES:
        raise AttributeError(name)
    if name not in _made:
        _made[name] = _STYLES[name]()
    return _made[name]


def rgb_tuple(rgb: str) -> tuple[int, int, int]:
    return int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16)


def luminance(rgb: str) -> float:
    """WCAG relative luminance of an RRGGBB colour (what greyscale printing keeps)."""
    def lin(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb_tuple(rgb))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- print setup -----------------------------------------------------------------------

#: Margins, inches: narrow left/right so a landscape table fills the page width.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.4, "bottom": 0.45, "header": 0.2,
           "footer": 0.2}


@dataclass(frozen=True)
class Print:
    """How a sheet prints: A4, one page wide, its header rows on every page."""

    landscape: bool = False
    title_rows: str | None = None
    """Rows repeated at the top of every page, "3:4"."""
    area: str | None = None
    """The printed range, "A1:R40" (helper data outside it stays off paper)."""
    pages_tall: int = 0
    """Scale to fit this many pages tall (0: as many as needed)."""


def page_setup(ws: Any, spec: Print) -> None:
    """Apply ``spec`` to an openpyxl worksheet: A4, one page wide and as many tall as
    needed, margins, repeated header rows, print area, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if spec.landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, spec.pages_tall
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    if spec.title_rows:
        ws.print_title_rows = spec.title_rows
    if spec.area:
        ws.print_area = spec.area
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.center.size = 9

"""The writer's openpyxl back end: a saved .xlsx/.xlsm, written atomically.

openpyxl keeps what the template and its users put in a workbook (values, formulas,
styles, data validation, conditional formats, defined names, notes, other sheets; with
``keep_vba`` the macros of a .xlsm). It drops what it does not model (charts and images
it did not create, form controls); ``validate`` refuses nothing for that, the README says it.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sbt_xl.errors import SbtError
from sbt_xl.workbook.cells import locate
from sbt_xl.workbook.template import fit_to_width, normalise_zip
from sbt_xl.workbook.writeback import COLORS

_NO_FILL = PatternFill(fill_type=None)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _hex(rgb: tuple[int, int, int]) -> str:
    return "FF%02X%02X%02X" % rgb


class OpenpyxlBook:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.wb = openpyxl.load_workbook(self.path, keep_vba=self.path.suffix.lower() == ".xlsm",
                                         keep_links=True, rich_text=True)
        self._names = {n: d.attr_text for n, d in self.wb.defined_names.items()}

    def resolve(self, name: str) -> tuple[str, str] | None:
        where = locate(self._names, self.wb.sheetnames, name)
        return None if isinstance(where, str) else where

    def set_check(self, sheet: str, cell: str, text: str | None, color: str | None) -> None:
        c = self.wb[sheet][cell]
        c.value = text
        c.fill = PatternFill("solid", fgColor=_hex(COLORS[color])) if color else _NO_FILL
        c.alignment = _WRAP

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        self.wb[sheet][cell].value = value

    def note(self, sheet: str, cell: str) -> str | None:
        comment = self.wb[sheet][cell].comment
        return comment.text if comment else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        c = self.wb[sheet][cell]
        if text is None:
            c.comment = None
        else:
            c.comment = Comment(text, "sbt-xl", width=360, height=160)

    def replace_sheet(self, name: str, rows: Sequence[Sequence[Any]],
                      widths: Sequence[float]) -> None:
        if name in self.wb.sheetnames:
            self.wb.remove(self.wb[name])
        ws = self.wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in ws.iter_rows(min_row=2, min_col=5, max_col=5):
            row[0].alignment = _WRAP
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        ws.page_setup.orientation = "landscape"
        fit_to_width(ws)
        ws.print_title_rows = "1:1"

    def save(self, target: str | Path, when: dt.date) -> None:
        """Write to a temporary file beside ``target``, then move it into place."""
        target = Path(target)
        check_writable(target)
        fd, tmp = tempfile.mkstemp(prefix=".sbt-xl-", suffix=target.suffix, dir=target.parent)
        os.close(fd)
        raw = tmp + ".raw"
        try:
            self.wb.save(raw)
            normalise_zip(raw, tmp, dt.datetime.combine(when, dt.time()))
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o777)
            os.replace(tmp, target)
        finally:
            for leftover in (tmp, raw):
                Path(leftover).unlink(missing_ok=True)


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: ``~$name.xlsx`` beside it."""
    return path.with_name("~$" + path.name)


def check_writable(path: Path) -> None:
    """Refuse a workbook open in Excel, a read-only file or a read-only folder."""
    if lock_file(path).exists():
        raise SbtError("workbook_open", field=str(path), lock=lock_file(path).name)
    if path.exists() and not os.access(path, os.W_OK):
        raise SbtError("workbook_read_only", field=str(path))
    if not os.access(path.parent, os.W_OK):
        raise SbtError("folder_read_only", field=str(path.parent))

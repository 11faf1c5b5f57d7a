"""The ribbon's second button, *Consolidate 連結*: pick a folder of subsidiaries'
workbooks and roll them up into the active group workbook.

It runs the same code as ``sbt-xl consolidate`` and writes through the same
:class:`~sbt_xl.workbook.write.book.Book` protocol as the Validate button: the group's
totals go into the inventory cells (found by their defined names), and the *Entities* and
*Problems* sheets are sbt-xl's own (found by their defined names, rewritten on each run).
Only the folder picker is a bare COM call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sbt_xl.errors import SbtError, unexpected
from sbt_xl.group.consolidate import Group
from sbt_xl.messages import Lang, Text, env_lang
from sbt_xl.group.entity import entity_from
from sbt_xl.group.read import collect, default_workers
from sbt_xl.group.rollup import Parent, roll_up, summary
from sbt_xl.group.writer import ENTITY_WIDTHS, PROBLEM_WIDTHS, group_tables, group_values
from sbt_xl.model.cells import absolute_ref
from sbt_xl.workbook.read.reader import CellSource, parse
from sbt_xl.workbook.template.layout import (
    ENTITIES_NAME,
    ENTITIES_SHEET,
    FIELDS,
    GROUP_SUMMARY_CELLS,
    PROBLEMS_NAME,
    PROBLEMS_SHEET,
    fields_by_key,
    key_to_name,
)
from sbt_xl.workbook.write.book import Book

#: The answers the roll-up writes into the group workbook.
WRITTEN_PREFIXES = ("inventory.", "progress.", "boundary.approach")
MSO_FOLDER_PICKER = 4


def write_into(book: Book, group: Group, at: Path, lang: Lang = "en") -> list[str]:
    """Write ``group`` into an open group workbook (saved at ``at``, which file links are
    relative to); the keys whose cell was not found."""
    from sbt_xl.workbook.template.build import display_value
    by_key, lost = fields_by_key(), []
    for key, value in group_values(group).items():
        if not key.startswith(WRITTEN_PREFIXES):
            continue
        where = book.resolve(key_to_name(key))
        if where is None:
            lost.append(key)
            continue
        book.set_value(*where, display_value(by_key[key], value, lang))
    entities, problems = group_tables(group, lang, at)
    for name_wanted, name, widths, table in (
            (ENTITIES_SHEET, ENTITIES_NAME, ENTITY_WIDTHS, entities),
            (PROBLEMS_SHEET, PROBLEMS_NAME, PROBLEM_WIDTHS, problems)):
        own = book.resolve(name)
        title_used = own[0] if own else name_wanted
        if own is None and name_wanted in book.sheet_names():
            title_used = f"{name_wanted} (sbt-xl)"  # the user's own sheet keeps its name
        book.write_sheet(title_used, table.all(), widths, replace=own[0] if own else None)
        book.define_name(name, absolute_ref(title_used, "A1"))
        if name == ENTITIES_NAME:
            for key, cell in GROUP_SUMMARY_CELLS.items():
                book.define_name(key_to_name(key), absolute_ref(title_used, cell))
    return lost


def run_into_book(book: Book, source: CellSource, book_path: str, folder: str,
                  lang: Lang = "en", workers: int | None = None) -> Group:
    """Roll the workbooks in ``folder`` up into the open group workbook ``book``, whose
    own answers (approach, years, scope 2 method) are read through ``source``."""
    sub, findings = parse(source.read(FIELDS), FIELDS, source.layout_version)
    settings = Parent(entity_from(book_path, sub, findings, source.layout_version),
                      sub.values, counted=False)
    paths = collect([folder], Path(book_path))
    group = roll_up(paths, None, settings,
                    workers=workers or default_workers(len(paths)))
    write_into(book, group, Path(book_path).resolve(), lang)
    return group


#: The title of the folder picker the Consolidate button opens.
PICK_FOLDER_TITLE = Text("Folder of the subsidiaries' workbooks", "連結するブックのフォルダーを選択")


def pick_folder(app: Any, lang: Lang) -> str | None:
    """Excel's own folder picker (Windows); None when the user cancels."""
    dialog = app.api.FileDialog(MSO_FOLDER_PICKER)
    dialog.Title = PICK_FOLDER_TITLE(lang)
    if dialog.Show() != -1:
        return None
    return str(dialog.SelectedItems(1))


def main() -> None:
    """Ribbon button *Consolidate 連結* (add-in ``sbt_xl.consolidate.xlam``)."""
    import xlwings as xw

    from sbt_xl.excel.ribbon import target_book
    from sbt_xl.excel.xlwings_book import XlwingsBook, XlwingsSource
    lang = env_lang()
    book = None
    try:
        book = target_book(xw)
        folder = pick_folder(book.app, lang)
        if folder is None:
            return
        group = run_into_book(XlwingsBook(book), XlwingsSource(book), str(book.fullname),
                              folder, lang)
        text = summary(group, Path(str(book.name)), lang)
    except SbtError as err:
        text = err.message(lang)
    except Exception as exc:  # the one place a surprise must become a message, not a trace
        text = unexpected("sbt_xl.consolidate", exc).message(lang)
    app = getattr(book, "app", None)
    if app is not None:
        app.alert(text, title="sbt-xl")
    else:
        print(text)

"""The ribbon button's entry point: ``sbt_xl.main()``, run by the add-in through xlwings.

It validates the active workbook in the running Excel and writes the findings into it
with the same writer as ``sbt-xl validate`` (see :mod:`sbt_xl.excel.xlwings_book`). Whatever
goes wrong ends in a message box in the user's language, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sbt_xl.errors import SbtError, unexpected
from sbt_xl.messages import Lang, env_lang, render
from sbt_xl.validate import Report, check, write_back


def target_book(xw: Any) -> Any:
    """The workbook to check: the caller, unless the caller is the add-in itself."""
    try:
        book = xw.Book.caller()
    except Exception:  # not called from Excel: use the active workbook
        return xw.books.active
    if str(book.name).lower().endswith(".xlam"):
        return xw.books.active
    return book


def run_on_book(book: Any, criteria: str | None = None, lang: Lang = "en",
                when: dt.date | None = None) -> Report:
    """Validate an open xlwings ``Book`` and write the findings into it."""
    from sbt_xl.excel.xlwings_book import XlwingsBook, XlwingsSource
    report = check(XlwingsSource(book), criteria, str(book.name))
    write_back(XlwingsBook(book), report, lang, when)
    return report


def summary(report: Report, lang: Lang) -> str:
    return render("ribbon_summary", lang, {"headline": report.headline(lang)})


def main(criteria: str | None = None) -> None:
    """Ribbon button: check the active workbook and write the findings into it."""
    import xlwings as xw
    lang = env_lang()
    book = None
    try:
        book = target_book(xw)
        text = summary(run_on_book(book, criteria, lang), lang)
    except SbtError as err:
        text = err.message(lang)
    except Exception as exc:  # a surprise becomes one line; its trace goes to a log file
        text = unexpected("sbt_xl.main", exc).message(lang)
    app = getattr(book, "app", None)
    if app is not None:
        app.alert(text, title="sbt-xl")
    else:
        print(text)

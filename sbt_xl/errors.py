"""Errors that name the field and the rule, in English or Japanese.

Every error the core raises is an :class:`SbtError` carrying a message *code* and its
parameters; :meth:`SbtError.message` renders it in the requested language from
:mod:`sbt_xl.messages`. Callers (the formulas, the command line, the validator) decide
the language; the core never formats user-facing text itself.
"""

from __future__ import annotations

from typing import Any

from sbt_xl.messages import Lang, render

DEFAULT_LANG: Lang = "en"


def unexpected(where: str, exc: BaseException) -> SbtError:
    """An error nobody foresaw: its traceback goes to a log file, the user gets one line."""
    import os
    import tempfile
    import traceback
    from pathlib import Path
    folder = Path(tempfile.gettempdir()) / "sbt-xl"
    folder.mkdir(exist_ok=True)
    log = folder / f"error-{os.getpid()}.log"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {where}\n")
        traceback.print_exception(exc, file=fh)
    return SbtError("unexpected", field=where, value=f"{type(exc).__name__}: {exc}",
                    log=str(log))


class SbtError(ValueError):
    """A bad input or an impossible request, explained for the user."""

    def __init__(self, code: str, *, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = {"field": field, **params}
        super().__init__(self.message(DEFAULT_LANG))

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The explanation in ``lang`` (``"en"`` or ``"ja"``)."""
        return render(self.code, lang, self.params)

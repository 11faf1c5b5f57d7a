"""What every ``sbt-xl`` command shares: exit codes, the language of its messages, one
line on stderr, JSON on stdout, and the report of an interrupted batch."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sbt_xl.messages import LANG_ENV, LANGS, Lang, env_lang, lang_of, render

#: The exit codes, a contract for scripts and CI: the one place they are set.
EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_USAGE = EXIT_UNREADABLE  # a wrong command line: nothing could be checked
__all__ = ["EXIT_FINDINGS", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_UNREADABLE", "EXIT_USAGE",
           "LANG_ENV", "LANGS", "env_lang"]


def recorded_language(path: str | Path) -> Lang | None:
    """The language the workbook's template was made in (``dc:language`` in
    ``docProps/core.xml``), None when it records none or cannot be read."""
    from sbt_xl.workbook.ooxml import properties
    return properties.recorded_lang(path)


def lang_for(explicit: str | None, path: str | Path | None = None) -> Lang:
    """The language for a run on ``path``: ``--lang`` when given, else the workbook's
    own, else ``SBT_XL_LANG``, else English."""
    if explicit:
        return lang_of(explicit)
    return (recorded_language(path) if path is not None else None) or env_lang()


def say(code: str, lang: Lang, **params: Any) -> None:
    """One line on stderr: the message ``code`` in ``lang``."""
    print(f"sbt-xl: {render(code, lang, {'field': None} | params)}", file=sys.stderr)


def positive_int(text: str) -> int:
    """An argument that counts something (``--jobs``): a whole number from 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number from 1")
    return value


def note_open_inputs(paths: Iterable[str | Path], lang: Lang) -> None:
    """One line on stderr for each input Excel has open (its ``~$`` owner file beside it):
    what is checked is the file as last saved."""
    from sbt_xl.workbook.files import lock_file
    for p in paths:
        if lock_file(Path(p)).exists():
            say("input_open", lang, field=str(p), lock=lock_file(Path(p)).name)


def emit_json(value: Any) -> None:
    """``value`` as JSON on stdout (dates and paths as text)."""
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def interrupted(lang: Lang, done: int, total: int, written: Iterable[str],
                not_written: Iterable[str]) -> int:
    """Report a batch stopped by Ctrl-C: one line with the counts, then each output
    written and each not written (all on stderr, so that stdout stays parseable).
    Nothing written: the one line of any interrupted command. Returns the exit code 130."""
    written, not_written = list(written), list(not_written)
    if not written:
        say("interrupted", lang)
        return EXIT_INTERRUPTED
    say("interrupted_batch", lang, done=done, total=total, written=len(written),
        left=len(not_written))
    for path in written:
        print(render("written_item", lang, {"field": path}), file=sys.stderr)
    for path in not_written:
        print(render("not_written_item", lang, {"field": path}), file=sys.stderr)
    return EXIT_INTERRUPTED

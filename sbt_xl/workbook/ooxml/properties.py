"""The package's document properties (``docProps/core.xml``) sbt-xl reads: the language
the template was made in (``dc:language``), which picks the language of messages and
reports when the user names none."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from sbt_xl.errors import SbtError
from sbt_xl.messages import LANGS, Lang, lang_of
from sbt_xl.workbook.ooxml import xml
from sbt_xl.workbook.ooxml.constants import CORE_PROPERTIES, NS

#: Larger core properties are not read (they are a few hundred bytes).
MAX_PROPERTIES = 1 << 20


def recorded_language(path: str | Path) -> str | None:
    """The ``dc:language`` text of the file's core properties (e.g. ``ja-JP``), None when
    it records none or the file cannot be read (reading it is never an error: the caller
    falls back to another language)."""
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo(CORE_PROPERTIES)
            if info.file_size > MAX_PROPERTIES:
                return None
            data = z.read(info)
        root = xml.parse(data, str(path), CORE_PROPERTIES)
    except (KeyError, OSError, zipfile.BadZipFile, ValueError, RuntimeError, zlib.error,
            SbtError):
        return None
    el = root.find("dc:language", NS)
    return ((el.text or "").strip() or None) if el is not None else None


def recorded_lang(path: str | Path) -> Lang | None:
    """The recorded language when sbt-xl speaks it (``ja-JP`` is ``ja``), else None."""
    recorded = recorded_language(path)
    return lang_of(recorded) if recorded and recorded.lower()[:2] in LANGS else None

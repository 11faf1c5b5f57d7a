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
from sbt_xl.workbook.ooxml.package import Package

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
    except (KeyError, OSError, zipfile.BadZipFile, ValueError, RuntimeError, zlib.error):
        return None
    return _language(data, str(path))


def _language(data: bytes, file: str) -> str | None:
    try:
        root = xml.parse(data, file, CORE_PROPERTIES)
    except SbtError:
        return None
    el = root.find("dc:language", NS)
    return ((el.text or "").strip() or None) if el is not None else None


def _spoken(recorded: str | None) -> Lang | None:
    return lang_of(recorded) if recorded and recorded.lower()[:2] in LANGS else None


def recorded_lang(path: str | Path) -> Lang | None:
    """The recorded language when sbt-xl speaks it (``ja-JP`` is ``ja``), else None."""
    return _spoken(recorded_language(path))


def package_lang(package: Package) -> Lang | None:
    """As :func:`recorded_lang`, of a package opened already."""
    if not package.has(CORE_PROPERTIES) or \
            package.archive.getinfo(CORE_PROPERTIES).file_size > MAX_PROPERTIES:
        return None
    try:
        data = package.read(CORE_PROPERTIES)
    except SbtError:
        return None
    return _spoken(_language(data, str(package.path)))

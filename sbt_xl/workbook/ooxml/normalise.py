"""Reproducible zips: the same parts give the same bytes, whenever they are written.

openpyxl stamps the clock time into a saved file's zip entries and into the document's
"modified" property; :func:`normalise_zip` rewrites such a zip with every entry dated
:data:`~sbt_xl.workbook.ooxml.zipcopy.NEW_MEMBER_TIME` and the property set to a fixed
time, so the shipped workbooks and the add-in are byte-for-byte what the code makes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from lxml import etree

from sbt_xl.workbook.ooxml import xml
from sbt_xl.workbook.ooxml.constants import CORE_PROPERTIES, NS
from sbt_xl.workbook.ooxml.zipcopy import NEW_MEMBER_TIME

#: The time sbt-xl's own files say they were made and last modified.
FIXED_TIME = dt.datetime(2026, 1, 1)


def stamp_modified(core: bytes, modified: dt.datetime) -> bytes:
    """The core properties part ``core`` with its ``dcterms:modified`` set to ``modified``
    (the part as it was when it has none)."""
    root = xml.parse(core, "core properties", CORE_PROPERTIES)
    el = root.find("dcterms:modified", NS)
    if el is None:
        return core
    el.text = modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    return xml.prolog(core) + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def normalise_zip(src: str | Path | IO[bytes], dst: str | Path | IO[bytes],
                  modified: dt.datetime = FIXED_TIME,
                  replace: Mapping[str, bytes] | None = None) -> None:
    """Copy a zip with every entry's timestamp fixed, and the document's "modified" time
    set to ``modified`` (openpyxl stamps the clock time on save); members named in
    ``replace`` get its contents."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = (replace or {}).get(info.filename) or zin.read(info.filename)
            if info.filename == CORE_PROPERTIES:
                data = stamp_modified(data, modified)
            fixed = zipfile.ZipInfo(info.filename, NEW_MEMBER_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            zout.writestr(fixed, data)

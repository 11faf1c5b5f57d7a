"""Write a zip whose unchanged members are copied as their original compressed bytes.

Python's :mod:`zipfile` can only re-compress what it copies; this writer reads each
untouched member's compressed data straight from the source archive (so a VBA project,
a picture or a pivot cache is carried over bit for bit, and costs no inflate or deflate)
and deflates only the members that were replaced or added (:mod:`.deflate`). Member
order, names, dates and attributes are kept. Zip64 archives are not written (the package
limits keep workbooks far below 4 GiB).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, BinaryIO

from sbt_xl.workbook.ooxml import deflate

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_UTF8_FLAG = 0x800
_DESCRIPTOR_FLAG = 0x08
#: Dates of members sbt-xl adds (1980-01-01, as the template's members have).
NEW_MEMBER_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class _Entry:
    name: bytes
    flags: int
    method: int
    time: int
    date: int
    crc: int
    csize: int
    usize: int
    external_attr: int
    offset: int = 0


def _dos(date_time: tuple[int, ...]) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


def _encoded(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_FLAG


def raw_member(src: IO[bytes], info: zipfile.ZipInfo) -> bytes:
    """A member's compressed bytes, read from its local header on."""
    src.seek(info.header_offset)
    fields = _LOCAL.unpack(src.read(_LOCAL.size))
    src.seek(fields[-2] + fields[-1], 1)  # name and extra field
    data = src.read(info.compress_size)
    if len(data) != info.compress_size:
        raise zipfile.BadZipFile(f"{info.filename}: truncated member")
    return data


def write(dst: BinaryIO, src: zipfile.ZipFile, replace: Mapping[str, bytes],
          add: Mapping[str, bytes]) -> None:
    """Write ``src`` to ``dst`` with the members in ``replace`` swapped for new contents
    and the members in ``add`` appended; every other member is copied raw."""
    entries: list[_Entry] = []
    raw = src.fp
    assert raw is not None

    def emit(entry: _Entry, data: bytes) -> None:
        entry.offset = dst.tell()
        dst.write(_LOCAL.pack(0x04034B50, 20, entry.flags, entry.method, entry.time,
                              entry.date, entry.crc, entry.csize, entry.usize,
                              len(entry.name), 0))
        dst.write(entry.name)
        dst.write(data)
        entries.append(entry)

    def deflated(name: str, content: bytes, date_time: tuple[int, ...],
                 external_attr: int) -> None:
        data = deflate.compress(content)
        encoded, flag = _encoded(name)
        time, date = _dos(date_time)
        emit(_Entry(encoded, flag, zipfile.ZIP_DEFLATED, time, date, zlib.crc32(content),
                    len(data), len(content), external_attr), data)

    for info in src.infolist():
        if info.filename in replace:
            deflated(info.filename, replace[info.filename], info.date_time,
                     info.external_attr)
            continue
        encoded, flag = _encoded(info.filename)
        time, date = _dos(info.date_time)
        flags = (info.flag_bits & ~(_DESCRIPTOR_FLAG | _UTF8_FLAG)) | flag
        emit(_Entry(encoded, flags, info.compress_type, time, date, info.CRC,
                    info.compress_size, info.file_size, info.external_attr),
             raw_member(raw, info))
    for name, content in add.items():
        deflated(name, content, NEW_MEMBER_TIME, 0o600 << 16)

    start = dst.tell()
    for e in entries:
        dst.write(_CENTRAL.pack(0x02014B50, 20, 20, e.flags, e.method, e.time, e.date,
                                e.crc, e.csize, e.usize, len(e.name), 0, 0, 0, 0,
                                e.external_attr, e.offset))
        dst.write(e.name)
    end = dst.tell()
    dst.write(_END.pack(0x06054B50, 0, 0, len(entries), len(entries), end - start, start, 0))

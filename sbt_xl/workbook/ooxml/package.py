"""A saved .xlsx/.xlsm as an OOXML package: checked before anything reads it.

:func:`open_package` refuses, with a message that names the file (and the part), what
sbt-xl must not or cannot read: an encrypted workbook or a legacy .xls (both are OLE
compound files, not zips), a file that is not a zip, an encrypted or corrupt member, a
member whose declared or actual inflated size exceeds :class:`Limits` (zip bombs), and
XML parts with a DTD (entity bombs) or malformed XML. Only then do the reader
(python-calamine) and the writer see the file.
"""

from __future__ import annotations

import functools
import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from sbt_xl.errors import SbtError
from sbt_xl.workbook.ooxml import deflate, xml
from sbt_xl.workbook.ooxml.constants import (
    CONTENT_TYPES,
    NS,
    OFFICE_DOCUMENT,
    ROOT_RELS,
    STRICT_OFFICE_DOCUMENT,
    WORKSHEET_TYPE,
    R,
)
from sbt_xl.workbook.ooxml.zipcopy import raw_member

MB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
#: Members no workbook part is: macOS's AppleDouble copies that Finder's "Compress" adds.
#: Never parsed (they are not XML); copied as they are.
JUNK_PREFIXES = ("__MACOSX/",)


@dataclass(frozen=True)
class Limits:
    """How large a workbook may inflate: per member and in all (``SBT_XL_MAX_PART_MB``,
    ``SBT_XL_MAX_TOTAL_MB`` override the defaults; the template's parts are kilobytes)."""

    part: int = 50 * MB
    total: int = 500 * MB

    @classmethod
    def from_env(cls) -> Limits:
        env = os.environ
        return cls(int(float(env.get("SBT_XL_MAX_PART_MB", 50)) * MB),
                   int(float(env.get("SBT_XL_MAX_TOTAL_MB", 500)) * MB))


@dataclass(frozen=True)
class SheetRef:
    name: str
    part: str
    rel_id: str


def _fail(code: str, path: Path, **params: object) -> SbtError:
    return SbtError(code, field=str(path), **params)


#: Why a file is not a workbook, in the user's language (a parameter of not_a_workbook).
_WHY = {
    "folder": {"en": "a folder, not a file", "ja": "ファイルではなくフォルダーです"},
    "unreadable": {"en": "the file cannot be read (no permission, or a disk error)",
                   "ja": "ファイルを読み込めません（アクセス権がないか、ディスクのエラーです）"},
    "not_zip": {"en": "not an .xlsx/.xlsm file (those are zip packages; this is not one)",
                "ja": ".xlsx/.xlsm ファイルではありません（zip 形式ではありません）"},
    "no_types": {"en": "no [Content_Types].xml, so not an Office Open XML package",
                 "ja": "[Content_Types].xml がないため Office Open XML のパッケージではありません"},
    "backslash": {"en": "its zip entries are named with backslashes (\\), which the zip "
                        "format does not allow (a faulty export); open it in Excel and save it "
                        "as .xlsx again",
                  "ja": "zip 内の名前の区切りに「\\」が使われています（zip 形式では認められず、"
                        "書き出したソフトの不具合です）。Excel で開いて .xlsx として保存し直してください"},
    "cut_short": {"en": "a zip package cut short or damaged (its directory, at the end, is "
                        "missing): copy or download the file again",
                  "ja": "zip パッケージが途中で切れているか破損しています（末尾の目次がありません）。"
                        "ファイルをもう一度コピーまたはダウンロードしてください"},
    "no_workbook": {"en": "no workbook part (not a spreadsheet package)",
                    "ja": "ブック本体の部品がありません（表計算のパッケージではありません）"},
}
_STRICT_OFFICE_DOCUMENT = STRICT_OFFICE_DOCUMENT.encode()


def _other_kind(archive: zipfile.ZipFile) -> str | None:
    """The message code for a zip that is another kind of spreadsheet than sbt-xl reads:
    OpenDocument (.ods), a binary workbook (.xlsb), Strict Open XML, a Word or PowerPoint
    file."""
    names = set(archive.namelist())
    try:
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 1024 \
                and b"opendocument" in archive.read("mimetype"):
            return "opendocument_file"
        if "xl/workbook.bin" in names:
            return "xlsb_file"
        if "word/document.xml" in names or "ppt/presentation.xml" in names:
            return "office_document_file"  # a Word or PowerPoint file renamed
        if ROOT_RELS in names and archive.getinfo(ROOT_RELS).file_size < 1 << 16 \
                and _STRICT_OFFICE_DOCUMENT in archive.read(ROOT_RELS):
            return "strict_ooxml_file"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    return None


def _ole_kind(data: bytes) -> str:
    return "encrypted_workbook" if _ENCRYPTION_STREAM in data else "legacy_xls"


def _inflate(raw: bytes, info: zipfile.ZipInfo, path: Path) -> bytes:
    """A member's contents, never inflating more than its declared size plus one byte."""
    if info.compress_type == zipfile.ZIP_STORED:
        out = raw
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        try:
            out = deflate.inflate(raw, info.file_size + 1)
        except deflate.ERRORS as exc:
            raise _fail("corrupt_part", path, part=info.filename, value=str(exc)) from None
        if len(out) > info.file_size:
            raise _fail("part_beyond_declared", path, part=info.filename,
                        size=f"{info.file_size:,}")
    else:
        raise _fail("corrupt_part", path, part=info.filename,
                    value=f"compression method {info.compress_type}")
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise _fail("corrupt_part", path, part=info.filename, value="CRC or size mismatch")
    return out


class Package:
    """The parts of one workbook file, verified on opening (see :func:`open_package`)."""

    def __init__(self, path: Path, data: bytes, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.data = data
        self.archive = archive
        self._infos = {i.filename: i for i in archive.infolist()}
        self._bytes: dict[str, bytes] = {}
        self._trees: dict[str, etree._Element] = {}
        self._rels: dict[str, dict[str, tuple[str, str]]] = {}

    # --- parts ---------------------------------------------------------------------------

    def has(self, part: str) -> bool:
        return part in self._infos

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def read(self, part: str) -> bytes:
        if part not in self._bytes:
            info = self._infos.get(part)
            if info is None:
                raise _fail("missing_part", self.path, part=part)
            raw = self._raw(info)
            self._bytes[part] = _inflate(raw, info, self.path)
        return self._bytes[part]

    def _raw(self, info: zipfile.ZipInfo) -> bytes:
        return raw_member(io.BytesIO(self.data), info)

    def compressed(self, part: str) -> bytes:
        """A part's bytes as stored (not inflated): equal bytes, equal contents."""
        return self._raw(self._infos[part])

    def xml(self, part: str) -> etree._Element:
        """The parsed part (cached; edits to the tree are what :meth:`save` writes)."""
        if part not in self._trees:
            self._trees[part] = xml.parse(self.read(part), str(self.path), part)
        return self._trees[part]

    def parsed(self, part: str) -> bool:
        """Parsed (or set) as a tree: what :meth:`xml` gives is what saving writes."""
        return part in self._trees

    def exists(self, part: str) -> bool:
        """In the file, or added by the writer."""
        return part in self._infos or part in self._trees or part in self._bytes

    def set_xml(self, part: str, root: etree._Element) -> None:
        """Replace (or add) a part's tree; the writer serialises it on saving."""
        self._trees[part] = root

    def set_bytes(self, part: str, data: bytes) -> None:
        """Replace (or add) a part as the bytes it is saved as."""
        self._trees.pop(part, None)
        self._bytes[part] = data

    def prolog(self, part: str) -> bytes:
        return xml.prolog(self.read(part)) if self.has(part) else b""

    # --- the package's structure ----------------------------------------------------------

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part) for ``part`` (cached: a writer that adds
        a relationship calls :meth:`forget_rels`)."""
        if part not in self._rels:
            self._rels[part] = self._read_rels(part)
        return self._rels[part]

    def forget_rels(self, part: str) -> None:
        self._rels.pop(part, None)

    def _read_rels(self, part: str) -> dict[str, tuple[str, str]]:
        rels_part = rels_path(part)
        if not self.exists(rels_part):
            return {}
        out = {}
        for r in self.xml(rels_part).iterfind("rel:Relationship", NS):
            if r.get("TargetMode") == "External":
                continue
            out[r.get("Id", "")] = (r.get("Type", ""), resolve(part, r.get("Target", "")))
        return out

    @functools.cached_property
    def workbook_part(self) -> str:
        for typ, target in self.rels("").values():
            if typ == OFFICE_DOCUMENT:
                return target
        raise _fail("not_a_workbook", self.path, value=_WHY["no_workbook"])

    @functools.cached_property
    def sheets(self) -> list[SheetRef]:
        rels = self.rels(self.workbook_part)
        out = []
        for s in self.xml(self.workbook_part).iterfind("m:sheets/m:sheet", NS):
            rid = s.get(R + "id", "")
            typ, target = rels.get(rid, ("", ""))
            if typ == WORKSHEET_TYPE:
                out.append(SheetRef(s.get("name", ""), target, rid))
        return out

    @property
    def defined_names(self) -> dict[str, str]:
        """Workbook-level defined names → their reference text."""
        root = self.xml(self.workbook_part)
        return {d.get("name", ""): (d.text or "")
                for d in root.iterfind("m:definedNames/m:definedName", NS)
                if d.get("localSheetId") is None}

    def content_type(self, part: str) -> str | None:
        root = self.xml(CONTENT_TYPES)
        for o in root.iterfind("ct:Override", NS):
            if o.get("PartName", "").lstrip("/") == part:
                return o.get("ContentType")
        ext = PurePosixPath(part).suffix.lstrip(".").lower()
        for d in root.iterfind("ct:Default", NS):
            if d.get("Extension", "").lower() == ext:
                return d.get("ContentType")
        return None

    def parsed_by_reader(self) -> list[str]:
        """The parts the reader and python-calamine parse: content types, relationships,
        the workbook, its worksheets, shared strings and styles."""
        wb = self.workbook_part
        parts = [CONTENT_TYPES, wb, *(s.part for s in self.sheets)]
        parts += [t for typ, t in self.rels(wb).values()
                  if typ.endswith(("/sharedStrings", "/styles"))]
        parts += [n for n in self._infos if n.endswith(".rels")
                  and not n.startswith(JUNK_PREFIXES)]
        return [p for p in dict.fromkeys(parts) if self.has(p)]

    @property
    def macro_enabled(self) -> bool:
        """Macro-enabled: a workbook, template or add-in that may carry VBA (.xlsm,
        .xltm, .xlam)."""
        return "macroenabled" in (self.content_type(self.workbook_part) or "").lower()

    @property
    def has_vba(self) -> bool:
        """Carries a VBA project (LibreOffice declares every .xlsm it saves macro-enabled,
        with a project or without one)."""
        return any(typ.endswith("/vbaProject") and self.has(target)
                   for typ, target in self.rels(self.workbook_part).values())


def rels_path(part: str) -> str:
    """``xl/worksheets/sheet1.xml`` → ``xl/worksheets/_rels/sheet1.xml.rels``."""
    p = PurePosixPath(part)
    return str(p.parent / "_rels" / (p.name + ".rels")) if part else ROOT_RELS


def resolve(source: str, target: str) -> str:
    """A relationship target, relative to the part that holds it, as a package path."""
    if target.startswith("/"):
        return target.lstrip("/")
    base = PurePosixPath(source).parent
    parts: list[str] = []
    for seg in (base / target).parts:
        if seg == "..":
            if parts:
                parts.pop()
        elif seg != ".":
            parts.append(seg)
    return "/".join(parts)


def relative(source: str, target: str) -> str:
    """The relationship target text for ``target`` as seen from ``source``'s folder."""
    return os.path.relpath(target, str(PurePosixPath(source).parent) or ".").replace(os.sep, "/")


def open_zip(path: str | Path, limits: Limits | None = None) -> Package:
    """The file as a zip of parts, with what can be checked before a part is read: not an
    OLE file (legacy .xls, encrypted), a readable zip, no encrypted member, declared sizes
    within ``limits``. Each part is inflated (bounded, CRC-checked) when it is read."""
    path = Path(path)
    limits = limits or Limits.from_env()
    try:
        size = path.stat().st_size
        if size > limits.total:
            raise _fail("package_too_large", path, limit=f"{limits.total // MB} MB")
        data = path.read_bytes()
    except IsADirectoryError:
        raise _fail("not_a_workbook", path, value=_WHY["folder"]) from None
    except FileNotFoundError:
        raise _fail("file_missing", path) from None
    except OSError:
        raise _fail("not_a_workbook", path, value=_WHY["unreadable"]) from None
    if data.startswith(OLE_MAGIC):
        raise _fail(_ole_kind(data), path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        why = "cut_short" if data.startswith(b"PK\x03\x04") else "not_zip"  # (a zip's start)
        raise _fail("not_a_workbook", path, value=_WHY[why]) from None
    if other := _other_kind(archive):
        raise _fail(other, path)
    members = set(archive.namelist())
    if "_rels\\.rels" in members and "_rels/.rels" not in members:
        raise _fail("not_a_workbook", path, value=_WHY["backslash"])
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise _fail("encrypted_workbook", path)
        if info.file_size > limits.part:
            raise _fail("part_too_large", path, part=info.filename,
                        limit=f"{limits.part // MB} MB")
        total += info.file_size
        if total > limits.total:
            raise _fail("package_too_large", path, limit=f"{limits.total // MB} MB")
    return Package(path, data, archive)


def open_package(path: str | Path, limits: Limits | None = None, *,
                 well_formed: bool = True) -> Package:
    """Open and verify a workbook file; every problem is an :class:`SbtError`.

    ``well_formed=False`` (read-only uses such as the group roll-up) leaves the worksheets
    to be checked when they are read (:meth:`FileSource` inflates a sheet, bounded, and
    refuses a DTD in it before python-calamine parses it), and malformed XML in them to
    python-calamine, whose error then names the file: a read of the two sheets the
    roll-up needs costs about a third of a full check."""
    package = open_zip(path, limits)
    path, archive = package.path, package.archive
    for info in archive.infolist():  # inflate-check every XML part before anything reads it
        if well_formed and info.filename.lower().endswith(_XML_SUFFIXES):
            package.read(info.filename)  # (read-only: each part as it is read, below)
    if not package.has(CONTENT_TYPES):
        raise _fail("not_a_workbook", path, value=_WHY["no_types"])
    for part in package.parsed_by_reader():  # well-formed, no DTD: refused here, named
        if well_formed or part.endswith(".rels") or \
                part in (CONTENT_TYPES, package.workbook_part):
            package.xml(part)  # the structure sbt-xl itself reads
        elif not part.startswith("xl/worksheets/"):  # sheets: screened when read
            xml.refuse_dtd(package.read(part), str(path), part)
    return package

"""Real workbooks written by Excel, LibreOffice and other libraries (issue 21): every
checked copy is a valid package that keeps the other program's parts byte for byte, the
same input gives the same bytes in another process, the workbook's content type follows
the output's extension, and every refusal is one line naming what the file is.

The corpus and where each file comes from: ``tests/data/corpus/SOURCES.md`` (its table
says what each file must give)."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import lo_helpers
import openpyxl
import pytest
from decorated import raw_members
from lxml import etree

from sbt_xl.cli import main

CORPUS = Path(__file__).parent / "data" / "corpus"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" \
    "officeDocument"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
#: What Excel requires of the workbook part for each extension (ECMA-376 part 1, and
#: [MS-OFFMACRO2] for macro-enabled files).
MAIN_TYPE = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}


@dataclass(frozen=True)
class Entry:
    file: str
    writer: str
    expect: str
    says: tuple[str, str] = ("", "")
    """For a refusal: words its line must contain in English and in Japanese."""
    code: int = 1
    """The exit status of a check (a workbook that is not a template: 1, NOT-TEMPLATE)."""

    @property
    def path(self) -> Path:
        return CORPUS / self.file


def _entries() -> list[Entry]:
    """The rows of the table in SOURCES.md."""
    rows = []
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith(("| File ", "|---")):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        file, writer, _origin, _what, expect = cells
        if expect.startswith("refused:"):
            en, ja = (w.strip() for w in expect.removeprefix("refused:").split("|"))
            rows.append(Entry(file, writer, "refused", (en, ja)))
        elif expect.startswith("template:"):
            rows.append(Entry(file, writer, "template", code=int(expect.split(":")[1])))
        else:
            rows.append(Entry(file, writer, expect))
    return rows


ENTRIES = _entries()
CHECKED = [e for e in ENTRIES if e.expect == "checked"]
TEMPLATES = [e for e in ENTRIES if e.expect == "template"]
REFUSED = [e for e in ENTRIES if e.expect == "refused"]


def test_the_table_lists_every_file_with_its_origin():
    listed = [e.file for e in ENTRIES]
    assert len(listed) == len(set(listed))
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file()} - {"SOURCES.md"}
    assert on_disk == set(listed)
    assert all(e.expect in ("checked", "template", "refused") and e.writer for e in ENTRIES)
    assert len(CHECKED) >= 20 and len(TEMPLATES) >= 3 and len(REFUSED) >= 6
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert total < 3 * 2**20


# --- what a valid package is, read independently of sbt-xl's own package module --------

def _parts(z: zipfile.ZipFile) -> list[str]:
    return [n for n in z.namelist() if not n.endswith("/") and n != "[Content_Types].xml"
            and not n.startswith("__MACOSX/")]


def _types(z: zipfile.ZipFile) -> tuple[dict[str, str], list[tuple[str, str]]]:
    root = etree.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                for d in root.iter(CT + "Default")}
    overrides = [(o.get("PartName", "").lstrip("/").lower(), o.get("ContentType", ""))
                 for o in root.iter(CT + "Override")]
    return defaults, overrides


def _content_type(z: zipfile.ZipFile, part: str) -> str | None:
    defaults, overrides = _types(z)
    found = [t for p, t in overrides if p == part.lower()]
    if found:
        return found[0]
    return defaults.get(part.rsplit(".", 1)[-1].lower() if "." in part else "")


def _untyped(z: zipfile.ZipFile) -> set[str]:
    return {p for p in _parts(z) if _content_type(z, p) is None}


def _targets(z: zipfile.ZipFile) -> dict[str, list[tuple[str, str]]]:
    """Relationship part → (type, target part name, lower case) of its internal ones."""
    out = {}
    for name in _parts(z):
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))  # xl/_rels/x.rels → xl
        found = []
        for r in etree.fromstring(z.read(name)).iter(REL + "Relationship"):
            if r.get("TargetMode") == "External":
                continue
            target = unquote(r.get("Target", "").split("#")[0])
            part = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            found.append((r.get("Type", ""), part.lower()))
        out[name] = found
    return out


def _dangling(z: zipfile.ZipFile) -> set[tuple[str, str]]:
    names = {p.lower() for p in _parts(z)}
    return {(rels, t) for rels, found in _targets(z).items() for _, t in found
            if t not in names}


def _owned(z: zipfile.ZipFile) -> set[str]:
    """The parts a checked copy may edit: content types, the workbook, its relationships
    and its styles (lower case)."""
    book = _book(z).lower()
    rels = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
    styles = {t for typ, t in _targets(z).get(_actual(z, rels), []) if typ == STYLES}
    return {"[content_types].xml", book, rels.lower(), *styles}


def _actual(z: zipfile.ZipFile, lower: str) -> str:
    return next((n for n in z.namelist() if n.lower() == lower), lower)


def _book(z: zipfile.ZipFile) -> str:
    """The workbook part, as the package's own relationship names it."""
    return _actual(z, next(t for typ, t in _targets(z)["_rels/.rels"]
                           if typ == OFFICE_DOCUMENT))


def _loads(path: Path) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            openpyxl.load_workbook(path)
        except Exception:  # noqa: BLE001 -- openpyxl cannot read some real files
            return False
    return True


def _styles_problems(z: zipfile.ZipFile) -> list[str]:
    """Indices a cell format or a cell uses that its list does not have, counts that are
    not the lists' lengths, and a first two fills other than Excel's reserved ones."""
    m = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    book = _book(z).lower()
    rels = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
    part = next((t for typ, t in _targets(z).get(_actual(z, rels), []) if typ == STYLES), "")
    if _actual(z, part) not in z.namelist():
        return ["no styles part"]
    root = etree.fromstring(z.read(_actual(z, part)))
    size = {tag: len(root.find(m + tag)) if root.find(m + tag) is not None else 0
            for tag in ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs")}
    problems = [f"{el.tag} count" for el in root if el.get("count") not in (None, str(len(el)))]
    fills = [f.find(m + "patternFill") for f in root.iterfind(f"{m}fills/{m}fill")]
    if [f.get("patternType", "none") if f is not None else None for f in fills[:2]] != \
            ["none", "gray125"]:
        problems.append("the first two fills")
    for xf in root.iterfind(f"{m}cellXfs/{m}xf"):
        for attr, tag in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders"),
                          ("xfId", "cellStyleXfs")):
            if xf.get(attr) is not None and int(xf.get(attr)) >= size[tag]:
                problems.append(f"{attr}={xf.get(attr)}")
    for name in z.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            used = {int(v) for v in re.findall(rb'<c [^>]*\bs="(\d+)"', z.read(name))}
            problems += [f"{name}: s={s}" for s in used if s >= size["cellXfs"]]
    return problems


def _template_owned(z: zipfile.ZipFile) -> set[str]:
    """What a check of a template may edit besides :func:`_owned`: worksheets (check
    cells, the findings sheet), their relationships, notes (comments, VML) and the
    calculation chain."""
    return {n.lower() for n in z.namelist()
            if n.startswith(("xl/worksheets/", "xl/comments", "xl/calcChain"))
            or n.endswith(".vml")}


def assert_valid_copy(src: Path, out: Path, *, template: bool = False) -> None:
    """``out`` is a valid package holding all of ``src``: one content type per part,
    none missing, no relationship to nowhere, every part sbt-xl does not own unchanged
    (its stored, compressed bytes too), one sheet more (a template: one findings sheet),
    and openpyxl loads it when it loads the input."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert len(names) == len({n.lower() for n in names}), "a member twice"
        _, overrides = _types(z)
        parts = [p for p, _ in overrides]
        assert len(parts) == len(set(parts)), "a part with two Override entries"
        _, old_overrides = _types(zin)
        new = set(parts) - {p for p, _ in old_overrides}
        assert new <= {p.lower() for p in _parts(z)}, "an Override for a part not there"
        assert _untyped(z) <= _untyped(zin), "a part without a content type"
        assert _dangling(z) <= _dangling(zin), "a relationship to a part not there"
        assert set(zin.namelist()) <= set(names), "a part was dropped"
        owned = _owned(zin) | (_template_owned(zin) if template else set())
        raw_in, raw_out = raw_members(src), raw_members(out)
        for name in zin.namelist():
            if name.lower() not in owned:
                assert zin.read(name) == z.read(name), f"{name} changed"
                assert raw_in[name] == raw_out[name], f"{name} recompressed"
        assert not set(_styles_problems(z)) - set(_styles_problems(zin))
        book = _book(z)
        sheets = [etree.fromstring(f.read(book)).find(
            "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheets")
            for f in (zin, z)]
        if template:
            defined = etree.fromstring(z.read(book)).iter(
                "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}definedName")
            assert sum(d.get("name") == "SBT_findings" for d in defined) == 1
            assert len(sheets[1]) - len(sheets[0]) in (0, 1)
        else:
            assert len(sheets[1]) == len(sheets[0]) + 1  # the findings sheet
    if _loads(src):
        assert _loads(out)


def _suffix(entry: Entry) -> str:
    return ".xlsm" if entry.path.suffix.lower() == ".xlsm" else ".xlsx"


def _validate(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected error" not in err, err
    return code, err


@pytest.mark.parametrize("entry", CHECKED + TEMPLATES, ids=lambda e: e.file)
def test_a_checked_copy_is_valid_the_same_twice_and_typed_by_its_extension(
        entry, tmp_path, capsys):
    src = tmp_path / entry.file  # a copy: the test's own input is never touched
    shutil.copy(entry.path, src)
    before = src.read_bytes()
    out = tmp_path / ("checked" + _suffix(entry))
    code, err = _validate(["validate", str(src), "-o", str(out)], capsys)
    assert code == entry.code, err  # not a template: 1 (NOT-TEMPLATE), a copy written
    assert src.read_bytes() == before
    assert_valid_copy(src, out, template=entry.expect == "template")
    with zipfile.ZipFile(out) as z:
        assert _content_type(z, _book(z)) == MAIN_TYPE[out.suffix]
    again = tmp_path / ("again" + out.suffix)  # another process, another hash seed
    proc = subprocess.run([sys.executable, "-m", "sbt_xl.cli", "validate", str(src), "-o",
                           str(again)], capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "7"})
    assert proc.returncode == entry.code and "Traceback" not in proc.stderr, proc.stderr
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("entry", [e for e in CHECKED if _suffix(e) == ".xlsx"][:1] +
                         [e for e in CHECKED if _suffix(e) == ".xlsm"][:1],
                         ids=lambda e: e.file)
def test_the_other_extension_is_refused_in_one_line(entry, tmp_path, capsys):
    out = tmp_path / ("checked" + (".xlsx" if _suffix(entry) == ".xlsm" else ".xlsm"))
    code, err = _validate(["validate", str(entry.path), "-o", str(out)], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and not out.exists()


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("entry", REFUSED, ids=lambda e: e.file)
def test_a_refusal_is_one_line_naming_what_the_file_is(entry, lang, tmp_path, capsys):
    out = tmp_path / "checked.xlsx"
    before = entry.path.read_bytes()
    code, err = _validate(["validate", str(entry.path), "-o", str(out), "--lang", lang],
                          capsys)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1, err
    assert entry.file in lines[0]
    assert entry.says[0 if lang == "en" else 1] in lines[0], lines[0]
    assert not out.exists() and entry.path.read_bytes() == before


def test_consolidate_gives_every_file_of_the_corpus_a_state(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for e in ENTRIES:
        shutil.copy(e.path, folder / e.file)
    code = main(["consolidate", str(folder), "-o", str(tmp_path / "group.xlsx"), "--json",
                 "-j", "1"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "unexpected error" not in captured.err
    assert code == 1  # files not counted
    report = json.loads(captured.out)
    states = {Path(f["file"]).name: f for f in report["files"]}
    assert set(states) == {e.file for e in ENTRIES}
    for e in ENTRIES:
        f = states[e.file]
        if e.expect == "template":  # read through LibreOffice's or openpyxl's XML
            assert f["entity_code"] and f["scope12_base"], f
        else:
            assert f["state"] == "not_counted" and f["reason"], f
    counted = [f for f in states.values() if f["state"] != "not_counted"]
    assert {f["entity_code"] for f in counted} == {"EPI", "SCC"}  # EPI is there 3 times


#: Outputs that LibreOffice must open, and a rule id their findings sheet prints: notes and
#: buttons in one VML drawing, a stylesheet sbt-xl completed, a styles part sbt-xl added, a
#: template turned into a workbook, sbt-xl's notes added to LibreOffice's VML.
ROUND_TRIP = {"rxw-vml04.xlsx": "NOT-TEMPLATE",
              "calamine-nonstandard-xml-ns-prefix.xlsx": "NOT-TEMPLATE",
              "calamine-inlineStr_cdata.xlsx": "NOT-TEMPLATE",
              "poi-test.xltx": "NOT-TEMPLATE",
              "made-xlsxwriter-notes_ja.xlsx": "NOT-TEMPLATE",
              "made-lo-checked_example_errors_en.xlsx": "COVERAGE-S12"}


def test_libreoffice_opens_checked_copies_and_prints_their_findings(tmp_path, capsys):
    lo_helpers.require()
    outs = []
    for name in ROUND_TRIP:
        out = tmp_path / f"{Path(name).stem}.checked.xlsx"
        assert main(["validate", str(CORPUS / name), "-o", str(out)]) == 1
        outs.append(out)
    capsys.readouterr()
    pdfs = lo_helpers.convert(outs, "pdf", tmp_path / "pdf", tmp_path / "profile")
    pdftotext = shutil.which("pdftotext")
    for pdf, marker in zip(pdfs, ROUND_TRIP.values(), strict=True):
        assert pdf.read_bytes().startswith(b"%PDF")
        if pdftotext:  # LibreOffice read sbt-xl's findings sheet inside the package
            text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout
            assert marker in text, pdf.name

"""The OOXML layer's small services: the language a workbook records in its core properties,
and reproducible zips."""

from __future__ import annotations

import zipfile

import pytest

from sbt_xl.cli.common import recorded_language as cli_language
from sbt_xl.report.page import workbook_language
from sbt_xl.workbook.ooxml.properties import recorded_language

CORE = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:{p}="http://purl.org/dc/elements/1.1/">'
        '<{p}:title>t</{p}:title><{p}:language>{lang}</{p}:language></cp:coreProperties>')


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return path


@pytest.mark.parametrize(("prefix", "lang", "recorded", "cli", "report"), [
    ("dc", "ja-JP", "ja-JP", "ja", "ja"),
    ("dc", " en-US\n", "en-US", "en", "en"),
    ("d", "JA", "JA", "ja", "ja"),  # any prefix bound to Dublin Core, any case
    ("dc", "fr-FR", "fr-FR", None, "en"),  # a language sbt-xl has no messages in
    ("dc", "", None, None, "en"),
])
def test_the_recorded_language(tmp_path, prefix, lang, recorded, cli, report):
    path = _zip(tmp_path / "b.xlsx", {"docProps/core.xml": CORE.format(p=prefix, lang=lang)})
    assert recorded_language(path) == recorded
    assert cli_language(path) == cli
    assert workbook_language(path) == report


def test_a_language_in_another_namespace_is_not_the_documents(tmp_path):
    core = CORE.format(p="dc", lang="ja").replace("purl.org/dc/elements/1.1/", "example.com/x")
    assert recorded_language(_zip(tmp_path / "b.xlsx", {"docProps/core.xml": core})) is None


@pytest.mark.parametrize("members", [
    {},  # no core properties
    {"docProps/core.xml": "<cp:coreProperties"},  # malformed
    {"docProps/core.xml": '<!DOCTYPE x [<!ENTITY e "ja">]>' + CORE.format(p="dc", lang="&e;")},
])
def test_unreadable_properties_record_no_language(tmp_path, members):
    path = _zip(tmp_path / "b.xlsx", members)
    assert recorded_language(path) is None
    assert workbook_language(path) == "en"


def test_a_file_that_is_not_a_zip_records_no_language(tmp_path):
    (tmp_path / "b.xlsx").write_bytes(b"not a zip")
    assert recorded_language(tmp_path / "b.xlsx") is None
    assert recorded_language(tmp_path / "missing.xlsx") is None


def test_normalised_zips_carry_a_fixed_time_and_keep_every_part(tmp_path):
    """Entries dated 1980-01-01, the "modified" property set (whatever its prefix), every
    other byte of every part kept, and the same bytes from two different clocks."""
    import datetime as dt
    import io

    from sbt_xl.workbook.ooxml.normalise import normalise_zip

    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="urn:cp" xmlns:t="http://purl.org/dc/terms/">'
            '<t:created>2020-05-05T10:00:00Z</t:created>'
            '<t:modified>{}</t:modified></cp:coreProperties>')
    outs = []
    for clock in ("2031-02-03T04:05:06Z", "2032-12-31T23:59:59Z"):
        src = io.BytesIO()
        with zipfile.ZipFile(src, "w") as z:
            z.writestr(zipfile.ZipInfo("docProps/core.xml", (2031, 2, 3, 4, 5, 6)),
                       core.format(clock))
            z.writestr(zipfile.ZipInfo("xl/a.xml", (2031, 2, 3, 4, 5, 6)), b"<a >x</a >")
        out = io.BytesIO()
        normalise_zip(src, out, modified=dt.datetime(2026, 1, 1, 12, 30))
        outs.append(out.getvalue())
        with zipfile.ZipFile(out) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert z.read("xl/a.xml") == b"<a >x</a >"
            assert z.read("docProps/core.xml").decode() == core.format("2026-01-01T12:30:00Z")
    assert outs[0] == outs[1]


@pytest.mark.parametrize(("stored", "shown"), [
    # decoded by hand from ECMA-376 Part 1, 22.9.2.19 (ST_Xstring): _xHHHH_ is one character
    ("code_x0041_", "codeA"),
    ("_x005F_x0041_", "_x0041_"),  # an escaped underscore: the rest is literal text
    ("a_x000D__x000a_b", "a\r\nb"),  # hexadecimal digits in either case
    ("x_0041_ _xZZZZ_ _x41_", "x_0041_ _xZZZZ_ _x41_"),  # not escapes
])
def test_cell_text_is_decoded_as_the_standard_says(stored, shown):
    from sbt_xl.workbook.ooxml.values import decode_text
    assert decode_text(stored) == shown


def test_what_the_package_writer_writes_it_reads_back(tmp_path):
    """The write-back reads a cell's text as Excel shows it: escapes decoded, in inline
    strings, formula results and shared strings alike."""
    from lxml import etree

    from sbt_xl.workbook.ooxml import sheetxml
    from sbt_xl.workbook.ooxml.constants import M, SHEET_MAIN_NS

    hostile = ["code_x0041_", "a\x01b\x1f", "_x005F_x0041_", "x_0041_ _xZZZZ_", "\ufffe"]
    for text in hostile:
        c = etree.Element(M + "c", r="A1")
        sheetxml.set_value(c, text)
        assert sheetxml.value(c) == text
        sheetxml.set_formula(c, "=T(B1)", text)
        assert sheetxml.value(c) == text
    sst = etree.fromstring(f'<sst xmlns="{SHEET_MAIN_NS}"><si><t>x_x0041_</t></si>'
                           f'<si><r><t>_x005F_x0042_</t></r><rPh><t>ふ</t></rPh></si></sst>')
    assert sheetxml.shared_strings(sst) == ["xA", "_x0042_"]


def test_the_ooxml_layer_imports_nothing_above_it():
    """``workbook/ooxml/`` is the bottom of the workbook package: it may use the model and
    the errors, never the reader, the writer or the template (ARCHITECTURE.md)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "sbt_xl" / "workbook" / "ooxml"
    allowed = ("sbt_xl.errors", "sbt_xl.messages", "sbt_xl.model", "sbt_xl.workbook.ooxml")
    found = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            found += [f"{path.name}: {n}" for n in names
                      if n.startswith("sbt_xl") and not n.startswith(allowed)]
    assert found == []


# --- the row index of a sheet (sheetxml.Rows) -------------------------------------------------

_SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          "<dimension ref=\"A2:C9\"/><sheetData>{rows}</sheetData></worksheet>")


def _tree(rows: str):
    from lxml import etree
    return etree.fromstring(_SHEET.format(rows=rows).encode())


@pytest.mark.parametrize("rows", [
    '<row r="2"><c r="B2"><v>1</v></c></row><row r="5"><c r="A5"/><c r="C5"/></row>'
    '<row r="9"/>',
    '<row r="5"><c r="A5"/></row><row r="2"><c r="B2"/></row>',   # out of order
    "",                                                           # no rows at all
])
def test_the_row_index_edits_exactly_as_the_walk_does(rows):
    """Every cell asked for through the index lands where the plain walk puts it (new rows
    between, before and after; new cells inside a row), the XML byte for byte."""
    from lxml import etree
    from sbt_xl.workbook.ooxml import sheetxml
    asked = ["B5", "A1", "C3", "B2", "D9", "A12", "B5", "A4"]
    walked, indexed = _tree(rows), _tree(rows)
    index = sheetxml.Rows(indexed)
    for ref in asked:
        a, b = sheetxml.cell(walked, ref), index.cell(ref)
        assert a.get("r") == b.get("r") == ref
        assert (sheetxml.find_cell(walked, ref) is not None) and index.find(ref) is b
    assert etree.tostring(indexed) == etree.tostring(walked)
    assert index.find("Z99") is None and sheetxml.find_cell(walked, "Z99") is None


def test_the_row_index_notices_rows_added_behind_its_back():
    from sbt_xl.workbook.ooxml import sheetxml
    from sbt_xl.workbook.ooxml.constants import SHEET_MAIN_NS
    root = _tree('<row r="2"/><row r="7"/>')
    index = sheetxml.Rows(root)
    assert index.find("A5") is None
    data = root[1]
    new = data.makeelement(f"{{{SHEET_MAIN_NS}}}row", {"r": "5"})
    data.insert(1, new)
    cell = new.makeelement(f"{{{SHEET_MAIN_NS}}}c", {"r": "A5"})
    new.append(cell)
    assert index.find("A5") is cell

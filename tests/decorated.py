"""A workbook decorated the way Excel users decorate the template, and how to compare one
before and after sbt-xl wrote into it.

openpyxl makes what it can make (a chart, a user's note, a user's sheet titled
``Findings``); the rest is injected as raw XML, as Excel would write it: a picture, an
Excel 2010 ``x14`` data validation, sparklines, a custom XML part and, for ``.xlsm``, the
VBA project of xlwings' quickstart workbook.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment

from sbt_xl.workbook.examples import WITH_ERRORS
from sbt_xl.workbook.template.build import build_template, fill

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
AUDITOR_TEXT = "Auditor: scope 3 cat. 1 sample checked, 2026-10-30"
USER_NOTE = "Board approved 30 %"

X14_EXT = (
    '<extLst>'
    '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" '
    'showErrorMessage="1"><x14:formula1><xm:f>\'My charts\'!$A$2:$A$4</xm:f>'
    '</x14:formula1><xm:sqref>Q5:Q10</xm:sqref></x14:dataValidation>'
    '</x14:dataValidations></ext>'
    '<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/>'
    '<x14:sparklines><x14:sparkline><xm:f>Targets!D5:E5</xm:f><xm:sqref>R5</xm:sqref>'
    '</x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>'
    '</extLst>')
PICTURE_DRAWING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<xdr:oneCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff>'
    '<xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
    '<xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr>'
    '<xdr:cNvPr id="2" name="Company logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill>'
    f'<a:blip xmlns:r="{RT}" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch>'
    '</xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
    '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>')
CUSTOM_XML = b'<?xml version="1.0" encoding="UTF-8"?><grp:meta xmlns:grp="urn:example:group">' \
             b'<grp:subsidiary code="JP-013"/></grp:meta>'


def png(width: int = 4, height: int = 4) -> bytes:
    """A small valid PNG (green square)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    raw = b"".join(b"\x00" + b"\x20\xa0\x40" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _sheet_part(z: zipfile.ZipFile, title: str) -> str:
    wb = z.read("xl/workbook.xml").decode()
    rid = re.search(rf'<sheet [^>]*name="{title}"[^>]*r:id="(rId\d+)"', wb).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels) or \
        re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    return target.group(1).lstrip("/")


def rewrite(src: Path, dst: Path, edits: dict[str, Callable[[bytes], bytes]],
            add: dict[str, bytes]) -> None:
    """Copy a zip with edits and additions, compressed unlike Python's default (level 1,
    media stored), as other applications do: a member sbt-xl re-compressed would differ."""
    with zipfile.ZipFile(src) as zin, \
            zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data)
            z.writestr(info, data)
        for name, data in add.items():
            stored = name.endswith((".png", ".bin"))
            z.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def _insert_before_end(tag: str, xml: str) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(f"</{tag}>".encode(), xml.encode() + f"</{tag}>".encode())


def make(folder: Path, *, macro: bool = False, name: str | None = None) -> Path:
    """The errors example, decorated; ``.xlsm`` with a VBA project when ``macro``."""
    wb = fill(build_template("en"), WITH_ERRORS)
    wb["Targets"]["F5"].comment = Comment(USER_NOTE, "Hanako")
    wb["Company"]["C10"].comment = Comment("Legal name as registered", "Taro")
    mine = wb.create_sheet("Findings")
    mine["A1"] = AUDITOR_TEXT
    charts = wb.create_sheet("My charts")
    for row in (("Scope", "tCO2e"), ("Scope 1", 120000), ("Scope 2", 80000),
                ("Scope 3", 880000)):
        charts.append(row)
    chart = BarChart()
    chart.title = "Base-year emissions"
    chart.add_data(Reference(charts, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    chart.set_categories(Reference(charts, min_col=1, min_row=2, max_row=4))
    charts.add_chart(chart, "D2")
    plain = folder / "plain.xlsx"
    wb.save(plain)

    out = folder / (name or ("decorated.xlsm" if macro else "decorated.xlsx"))
    with zipfile.ZipFile(plain) as z:
        targets, company = _sheet_part(z, "Targets"), _sheet_part(z, "Notes")
        company_rels = company.replace("worksheets/", "worksheets/_rels/") + ".rels"
        assert company_rels not in z.namelist()
    ct_add = ('<Default Extension="png" ContentType="image/png"/>'
              '<Override PartName="/xl/drawings/drawing9.xml" '
              'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>')
    wb_rels_add = (f'<Relationship Id="rIdCustom1" Type="{RT}/customXml" '
                   'Target="../customXml/item1.xml"/>')
    add = {
        "xl/media/logo.png": png(),
        "xl/drawings/drawing9.xml": PICTURE_DRAWING.encode(),
        "xl/drawings/_rels/drawing9.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL}">'
            f'<Relationship Id="rId1" Type="{RT}/image" Target="../media/logo.png"/>'
            '</Relationships>').encode(),
        company_rels: (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL}">'
            f'<Relationship Id="rIdPic" Type="{RT}/drawing" Target="../drawings/drawing9.xml"/>'
            '</Relationships>').encode(),
        "customXml/item1.xml": CUSTOM_XML,
    }
    if macro:
        import xlwings
        quick = Path(xlwings.__file__).parent / "quickstart.xlsm"
        with zipfile.ZipFile(quick) as q:
            add["xl/vbaProject.bin"] = q.read("xl/vbaProject.bin")
        ct_add += '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        wb_rels_add += ('<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/'
                        '2006/relationships/vbaProject" Target="vbaProject.bin"/>')

    def content_types(data: bytes) -> bytes:
        data = _insert_before_end("Types", ct_add)(data)
        if macro:
            data = data.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        return data

    rewrite(plain, out, {
        targets: _insert_before_end("worksheet", X14_EXT),
        company: _insert_before_end("worksheet", '<drawing xmlns:r="%s" r:id="rIdPic"/>' % RT),
        "[Content_Types].xml": content_types,
        "xl/_rels/workbook.xml.rels": _insert_before_end("Relationships", wb_rels_add),
    }, add)
    plain.unlink()
    return out


# --- comparing before and after ------------------------------------------------------------

def tree(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def canonical(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n")


def raw_members(path: Path) -> dict[str, bytes]:
    """Each member's compressed bytes, as stored."""
    from sbt_xl.workbook.ooxml.zipcopy import raw_member
    with zipfile.ZipFile(path) as z, path.open("rb") as fh:
        return {i.filename: raw_member(fh, i) for i in z.infolist()}

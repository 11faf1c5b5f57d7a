"""The template's native charts: there, over live data, and untouched by validation."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import lo_helpers
import openpyxl
from lxml import etree
from workbook_helpers import WORKBOOKS, make_workbook

from sbt_xl.validate import validate_file
from sbt_xl.workbook.template.layout import CHART_DATA_FIRST_ROW
from sbt_xl.workbook.ooxml.package import open_package

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def _chart_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()
                if n.startswith(("xl/charts/", "xl/drawings/drawing"))
                or n.startswith("xl/drawings/_rels/drawing")}


def test_the_template_has_both_charts_over_its_data():
    parts = _chart_parts(WORKBOOKS / "sbt_template_en.xlsx")
    charts = {n: v for n, v in parts.items() if n.startswith("xl/charts/chart")}
    assert len(charts) == 2
    xy, bar = (etree.fromstring(charts[n]) for n in sorted(charts))
    assert len(xy.findall(".//c:scatterChart/c:ser", NS)) == 4
    refs = [f.text for f in xy.iterfind(".//c:yVal//c:f", NS)]
    assert f"'Charts'!$B${CHART_DATA_FIRST_ROW}:$B${CHART_DATA_FIRST_ROW + 35}" in refs
    assert bar.find(".//c:barChart/c:barDir", NS).get("val") == "bar"
    ws = openpyxl.load_workbook(WORKBOOKS / "sbt_template_en.xlsx")["Charts"]
    assert str(ws[f"B{CHART_DATA_FIRST_ROW}"].value).startswith("=")


def test_validation_leaves_the_chart_parts_byte_identical(tmp_path):
    """A finding written on the Charts sheet itself (its one input typed wrong) edits that
    sheet's XML; the drawing, the charts and their relationships stay as they were."""
    src = make_workbook(tmp_path, {"charts.target": "9"}, name="wrong_target.xlsx")
    out = tmp_path / "checked.xlsx"
    report = validate_file(src, "v5", out=out)
    assert any(f.field == "charts.target" for f in report.findings)
    before, after = _chart_parts(src), _chart_parts(out)
    assert before and after == before
    charts_sheet = next(r.part for r in open_package(out).sheets if r.name == "Charts")
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert a.read(charts_sheet) != b.read(charts_sheet)  # the check cell was written
        drawing = etree.fromstring(b.read(charts_sheet)).find("m:drawing", NS)
        assert drawing is not None and drawing.get(f"{{{NS['r']}}}id")
        rels = charts_sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
        def drawing_rels(z: zipfile.ZipFile) -> list[tuple[str, str]]:
            return [(r.get("Id"), r.get("Target")) for r in etree.fromstring(z.read(rels))
                    if r.get("Type", "").endswith("/drawing")]
        assert drawing_rels(a) == drawing_rels(b) and len(drawing_rels(a)) == 1
    rerun = tmp_path / "again.xlsx"
    validate_file(out, "v5", out=rerun)
    assert _chart_parts(rerun) == before


def test_libreoffice_draws_the_charts(tmp_path):
    lo_helpers.require()
    checked = tmp_path / "checked.xlsx"
    validate_file(WORKBOOKS / "example_pass_en.xlsx", "v5", out=checked)
    pdfs = lo_helpers.convert([WORKBOOKS / "sbt_template_ja.xlsx", checked], "pdf",
                              tmp_path / "pdf", tmp_path / "profile")
    for pdf, titles in zip(pdfs, (("目標の経路と実績", "Scope 3（基準年、カテゴリ別"),
                                  # the example shows its target 2, a scope 3 target
                                  ("Target 2 (scope 3): pathway and actual emissions",
                                   "Scope 3 by category, base year")), strict=True):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        # a title may wrap, and pdftotext puts a space where the font changes (Latin / CJK)
        flat = "".join(text.split())
        for title in titles:
            assert "".join(title.split()) in flat, (pdf.name, title)
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[1]), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Purchased goods and services" in text and "2032" in text  # axis labels drawn


def test_the_legend_names_only_the_series_the_chart_draws(tmp_path):
    """LibreOffice recalculates the shipped examples; a series whose recalculated data
    holds no number (the cement example's intensity target has no pathway, it reports no
    progress) has no legend entry, every series with a number has one; the blank
    template keeps them all (it draws nothing until filled)."""
    from sbt_xl.model.vocabulary import N_PROGRESS_ROWS
    from sbt_xl.workbook.examples import EXAMPLES
    names = sorted(EXAMPLES)
    recalculated = lo_helpers.convert([WORKBOOKS / n for n in names], "xlsx",
                                      tmp_path / "out", tmp_path / "profile")
    drew_nothing = 0
    for name, calc in zip(names, recalculated, strict=True):
        ws = openpyxl.load_workbook(calc, data_only=True)["Charts"]
        rows = range(CHART_DATA_FIRST_ROW, CHART_DATA_FIRST_ROW + N_PROGRESS_ROWS)
        drawn = [any(isinstance(ws.cell(r, col).value, (int, float)) for r in rows)
                 for col in range(2, 6)]
        xy = etree.fromstring(next(v for n, v in sorted(_chart_parts(WORKBOOKS / name).items())
                                   if n.startswith("xl/charts/chart")))
        deleted = {int(e.find("c:idx", NS).get("val"))
                   for e in xy.iterfind(".//c:legend/c:legendEntry", NS)
                   if e.find("c:delete", NS).get("val") in ("1", "true")}
        assert deleted == {i for i, d in enumerate(drawn) if not d}, (name, drawn)
        drew_nothing += len(deleted)
    assert drew_nothing >= 2  # the cement example: no pathway, no actual
    blank = etree.fromstring(next(v for n, v in sorted(_chart_parts(
        WORKBOOKS / "sbt_template_en.xlsx").items()) if n.startswith("xl/charts/chart")))
    assert blank.find(".//c:legend/c:legendEntry", NS) is None

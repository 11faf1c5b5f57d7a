"""workbooks/example_formulas.xlsx: one spilling formula per column over 50 subsidiaries.
Its formulas are dynamic arrays (Excel's cell metadata), and the cached results equal what
this test computes from the input cells with the criteria doc's formulas."""

from __future__ import annotations

import math
import zipfile

import openpyxl
import pytest
from lxml import etree
from openpyxl.worksheet.formula import ArrayFormula
from test_sda import _krabbe
from workbook_helpers import WORKBOOKS

from tools import formulas_example as fx

PATH = WORKBOOKS / "example_formulas.xlsx"
RATES = {"1.5C": 0.042, "WB2C": 0.025, "2C": 0.0123}
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def sheets():
    return (openpyxl.load_workbook(PATH)[fx.SHEET],
            openpyxl.load_workbook(PATH, data_only=True)[fx.SHEET])


def _reaches(reduction, minimum):
    """At least the class minimum, or that minimum rounded half up to a whole percent."""
    whole = math.floor(round(minimum * 100, 9) + 0.5) / 100
    return reduction >= min(minimum, whole) - 1e-12


def _inputs(values):
    keys = [c.key for c in fx.INPUTS]
    return [dict(zip(keys, [values.cell(r, j).value for j in range(1, len(keys) + 1)],
                     strict=True)) for r in range(fx.FIRST_ROW, fx.LAST_ROW + 1)]


def test_one_formula_per_column_in_the_first_row(sheets):
    formulas, _ = sheets
    first = len(fx.INPUTS) + 1
    for j in range(first, first + len(fx.OUTPUTS) + 1):
        anchor = formulas.cell(fx.FIRST_ROW, j).value
        assert anchor.text.startswith("=SBT_"), anchor.text
        assert anchor.ref.startswith(f"{formulas.cell(fx.FIRST_ROW, j).coordinate}:")
        below = [formulas.cell(r, j).value for r in range(fx.FIRST_ROW + 1, fx.LAST_ROW + 1)]
        assert not any(isinstance(v, ArrayFormula) or str(v).startswith("=") for v in below)
    grid = formulas.cell(fx.FIRST_ROW, first + len(fx.OUTPUTS)).value
    assert grid.ref.endswith(f"{fx.LAST_ROW}") and "$4:$" in grid.text  # a row of years


def test_cached_results_match_independent_computation(sheets):
    _, values = sheets
    rows = _inputs(values)
    assert len(rows) == 50
    col = {en: j for j, (en, *_rest) in enumerate(fx.OUTPUTS, start=len(fx.INPUTS) + 1)}
    first_year = len(fx.INPUTS) + len(fx.OUTPUTS) + 1
    years = [values.cell(4, first_year + k).value for k in range(len(fx.PATHWAY_YEARS))]
    for i, c in enumerate(rows):
        r = fx.FIRST_ROW + i
        by, ty, red = c["base_year"], c["target_year"], c["reduction"]
        rate = red / (ty - by)
        assert values.cell(r, col["Annual rate"]).value == pytest.approx(rate)
        want = next((k for k, v in RATES.items() if _reaches(red, v * (ty - by))), "below 2C")
        assert values.cell(r, col["Ambition reached"]).value == want
        total = c["scope1"] + c["scope2"] + c["scope3"]
        assert values.cell(r, col["Scope 3 share"]).value == pytest.approx(c["scope3"] / total)
        assert values.cell(r, col["Scope 3 target needed"]).value == (c["scope3"] / total >= 0.4)
        sda = _krabbe(c["sector"], int(by), c["base_intensity"], c["base_activity"], int(ty),
                      c["target_activity"])
        assert values.cell(r, col["SDA intensity in target year"]).value == pytest.approx(sda)
        r_amb = RATES[c["ambition"]]
        e_ty = c["base_emissions"] * max(0.0, 1 - r_amb * (ty - by))
        assert values.cell(r, col["Emissions in target year"]).value == pytest.approx(e_ty)
        for k, y in enumerate(years):
            want = c["base_emissions"] * max(0.0, 1 - r_amb * (y - by))
            assert values.cell(r, first_year + k).value == pytest.approx(want), (i, y)


def test_formulas_are_dynamic_arrays():
    """Excel spills a formula whose cell carries the dynamic-array metadata (cm)."""
    with zipfile.ZipFile(PATH) as z:
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        meta = z.read("xl/metadata1.xml").decode()
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    anchors = [c for c in sheet.iter(M + "c") if c.find(M + "f") is not None]
    assert len(anchors) == len(fx.OUTPUTS) + 1
    assert all(c.get("cm") == "1" and c.find(M + "f").get("t") == "array" for c in anchors)
    assert 'name="XLDAPR"' in meta and 'fDynamic="1"' in meta
    assert "sheetMetadata+xml" in types and "relationships/sheetMetadata" in rels

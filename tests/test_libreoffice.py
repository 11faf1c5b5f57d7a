"""LibreOffice (the stand-in spreadsheet application) opens, recalculates and prints.

Needs ``soffice`` (Debian's libreoffice-calc-nogui, installed by ``.ci/run``). Without it
the tests skip on a developer machine and fail under CI.
"""

from __future__ import annotations

import re
from pathlib import Path

import lo_helpers
import openpyxl
import pytest
from workbook_helpers import WORKBOOKS, make_workbook

from sbt_xl.core.ambition import linear_annual_rate
from sbt_xl.core.pathway import on_track, target_pathway
from sbt_xl.core.scope3 import scope3_share
from sbt_xl.core.wording import target_text
from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import CEMENT_JA, PASSING
from sbt_xl.model.vocabulary import N_TARGETS
from sbt_xl.workbook.template.layout import (
    CALCS,
    FINDINGS_SHEET,
    PROGRESS_FIRST_ROW,
    PROGRESS_FLAG_COLUMNS,
    PROGRESS_PATHWAY_COLUMNS,
    wording_name,
)
from sbt_xl.workbook.read.reader import read_submission

SOFFICE = lo_helpers.require()
convert = lo_helpers.convert


@pytest.fixture(scope="module")
def lo(tmp_path_factory):
    base = tmp_path_factory.mktemp("lo")
    src = base / "src"
    src.mkdir()
    location_ja = make_workbook(src, {"inventory.scope2_method": "location-based"}, lang="ja",
                                name="location_ja.xlsx")
    checked = src / "checked_errors.xlsx"
    validate_file(WORKBOOKS / "example_errors_en.xlsx", "v5", lang="ja", out=checked)
    files = [WORKBOOKS / n for n in ("sbt_template_en.xlsx", "sbt_template_ja.xlsx",
                                     "example_pass_en.xlsx", "example_cement_ja.xlsx")]
    wording = [make_workbook(src, WORDING | {"company.year_type": year_type}, lang=lang,
                             name=f"wording_{lang}.xlsx")
               for lang, year_type in (("en", "calendar year"), ("ja", "fiscal year"))]
    progress = make_workbook(src, PROGRESS, name="progress_en.xlsx")
    files += [location_ja, checked, *wording, progress]
    out = base / "out"
    recalculated = convert(files, "xlsx", out, base / "profile")
    return {p.name: p for p in recalculated} | {"src:" + f.name: f for f in files}


#: One target of each kind the wording knows, in every row of the template.
WORDING_TARGETS = (
    dict(scope="1+2", type="absolute", base_year=2023, target_year=2033, reduction=0.42),
    dict(scope="3", type="absolute", base_year=2021, target_year=2030, reduction=0.425),
    dict(scope="1+2", type="physical intensity", base_year=2022, target_year=2032,
         reduction=0.5, intensity_unit="tonne of cement"),
    dict(scope="1+2+3", type="economic intensity", base_year=2020, target_year=2030,
         reduction=0.6),
    dict(scope="3", type="supplier/customer engagement", target_year=2029, reduction=0.7),
    dict(scope="2", type="renewable electricity", base_year=2023, target_year=2030,
         re_base_share=0.2, re_target_share=1.0),
)
_TARGET_KEYS = ("scope", "type", "base_year", "target_year", "reduction", "intensity_unit",
                "re_base_share", "re_target_share")
WORDING = {f"targets.{n}.{k}": t.get(k) for n, t in enumerate(WORDING_TARGETS, start=1)
           for k in _TARGET_KEYS}


#: Reported years at, just above and below the lines of the passing example's targets 1
#: (scope 1+2 market, 200,000 t, 42 % 2023-2033) and 2 (scope 3, 885,000 t, 33 %).
PROGRESS_ROWS = ((120_000, 90_000, 80_000, 885_000), (115_600, 86_000, 76_000, 855_796),
                 (111_201, 85_000, 72_000, None), (100_000, 80_000, 70_000, 700_000))
PROGRESS = {f"progress.{i}.{k}": v for i, row in enumerate(PROGRESS_ROWS, start=1)
            for k, v in zip(("scope1", "scope2_location", "scope2_market", "scope3"), row)}


def test_progress_formulas_and_flags_agree_with_the_core(lo):
    """LibreOffice's pathway values and on-track flags, row by row, against
    core.pathway.target_pathway and on_track."""
    ws = openpyxl.load_workbook(lo["progress_en.xlsx"], data_only=True)["Progress"]
    targets = {1: (200_000, 0.42, lambda r: r[0] + r[2]), 2: (885_000, 0.33, lambda r: r[3])}
    flags = []
    for i, row in enumerate(PROGRESS_ROWS):
        r = PROGRESS_FIRST_ROW + i
        year = 2023 + i
        assert ws[f"A{r}"].value == year
        for n, (e0, reduction, actual_of) in targets.items():
            allowed = float(target_pathway(e0, 2023, 2033, reduction, year))
            assert ws[f"{PROGRESS_PATHWAY_COLUMNS[n - 1]}{r}"].value == pytest.approx(allowed)
            flag = ws[f"{PROGRESS_FLAG_COLUMNS[n - 1]}{r}"].value
            actual = None if None in row[:3] or (n == 2 and row[3] is None) else actual_of(row)
            want = "" if actual is None else \
                "✔" if on_track(e0, 2023, 2033, reduction, year, actual)[0] else "✖"
            assert (flag or "") == want, (n, year, flag)
            flags.append(want)
    assert flags == ["✔", "✔", "✔", "✖", "✖", "", "✔", "✔"]  # both sides of each line


@pytest.mark.parametrize("lang, fiscal", [("en", False), ("ja", True)])
def test_wording_cells_say_what_the_core_writes(lo, lang, fiscal):
    """The template's live wording formula, recalculated by LibreOffice, gives the
    sentence :func:`target_text` writes for the same fields."""
    wb = openpyxl.load_workbook(lo[f"wording_{lang}.xlsx"], data_only=True)
    for n, t in enumerate(WORDING_TARGETS, start=1):
        sheet, cell = next(iter(wb.defined_names[wording_name(n)].destinations))
        got = wb[sheet][cell.replace("$", "")].value
        want = target_text(PASSING["company.name"], t["scope"], t["type"], t.get("reduction"),
                           t.get("base_year"), t["target_year"], per=t.get("intensity_unit"),
                           fiscal=fiscal, re_base_share=t.get("re_base_share"),
                           re_target_share=t.get("re_target_share"), lang=lang)
        assert got == want, n


def test_an_empty_target_row_has_no_wording(lo):
    wb = openpyxl.load_workbook(lo["sbt_template_en.xlsx"], data_only=True)
    for n in range(1, N_TARGETS + 1):
        sheet, cell = next(iter(wb.defined_names[wording_name(n)].destinations))
        assert wb[sheet][cell.replace("$", "")].value in (None, "")


def _calc_values(path: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for calc in CALCS:
        sheet, cell = next(iter(wb.defined_names[calc.name].destinations))
        out[calc.key] = wb[sheet][cell.replace("$", "")].value
    return out


@pytest.mark.parametrize("name, values, method", [
    ("example_pass_en.xlsx", PASSING, "scope2_market"),
    ("example_cement_ja.xlsx", CEMENT_JA, "scope2_market"),
    ("location_ja.xlsx", PASSING, "scope2_location"),
])
def test_template_formulas_give_what_the_core_computes(lo, name, values, method):
    got = _calc_values(lo[name])
    for p in ("base", "recent"):
        s1, s2 = values[f"inventory.{p}.scope1"], values[f"inventory.{p}.{method}"]
        s3 = sum(values.get(f"inventory.{p}.scope3.cat{i:02d}") or 0 for i in range(1, 16))
        assert got[f"calc.{p}.scope12"] == pytest.approx(s1 + s2)
        assert got[f"calc.{p}.scope3"] == pytest.approx(s3)
        assert got[f"calc.{p}.total"] == pytest.approx(s1 + s2 + s3)
        assert got[f"calc.{p}.scope3_share"] == pytest.approx(float(scope3_share(s1, s2, s3)))
    for n in range(1, N_TARGETS + 1):
        key = f"targets.{n}."
        if values.get(key + "base_year") and values.get(key + "reduction") is not None:
            expected = float(linear_annual_rate(values[key + "base_year"],
                                                values[key + "target_year"],
                                                values[key + "reduction"]))
            assert got[f"calc.targets.{n}.annual_rate"] == pytest.approx(expected)
        else:
            assert got[f"calc.targets.{n}.annual_rate"] in (None, "")


@pytest.mark.parametrize("name", ["sbt_template_en.xlsx", "sbt_template_ja.xlsx",
                                  "checked_errors.xlsx"])
def test_libreoffice_keeps_names_and_sbt_xl_still_reads_it(lo, name):
    original, _ = read_submission(lo["src:" + name])
    resaved, _ = read_submission(lo[name])
    assert resaved.values == original.values
    wb = openpyxl.load_workbook(lo[name])
    assert all(n in wb.defined_names for n in openpyxl.load_workbook(
        lo["src:" + name]).defined_names)


def test_validated_workbook_opens_with_its_findings(lo):
    wb = openpyxl.load_workbook(lo["checked_errors.xlsx"], data_only=True)
    rows = list(wb[FINDINGS_SHEET].iter_rows(values_only=True))
    assert rows[0][0] == "ルール" and any(r[0] == "TARGET-YEAR" for r in rows)
    link = next(r[3] for r in rows if r[0] == "TARGET-YEAR")
    assert link == "'Targets'!E5"  # the HYPERLINK formula, recalculated by LibreOffice


def test_validated_example_renders_to_pdf(tmp_path):
    checked = tmp_path / "checked.xlsx"
    validate_file(WORKBOOKS / "example_errors_en.xlsx", "v5", out=checked)
    (pdf,) = convert([checked], "pdf", tmp_path / "out", tmp_path / "profile")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= 5, pages  # one or more per sheet: Instructions … Findings

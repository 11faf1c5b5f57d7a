"""The Progress sheet stays small: the group roll-up reads it in every subsidiary's workbook
(issue 18), and its read time grows with the sheet's XML. Its formulas read per-target
facts by defined name and per-row sums from hidden helper columns instead of repeating
them in each of its 432 pathway and flag cells."""

from __future__ import annotations

import re

import pytest

from sbt_xl.model.vocabulary import N_PROGRESS_ROWS, N_TARGETS
from sbt_xl.workbook.ooxml.package import open_package
from sbt_xl.workbook.template import upgrade
from sbt_xl.workbook.template.build import build_template
from sbt_xl.workbook.template.layout import (
    CHART_PRINT_ROWS,
    FIELDS,
    PROGRESS_FIRST_ROW,
    PROGRESS_FLAG_COLUMNS,
    PROGRESS_PATHWAY_COLUMNS,
    PROGRESS_SCOPE_COLUMNS,
    TARGET_FACT_SHEET,
    target_facts,
)

#: Bytes of the Progress sheet's XML (uncompressed). Measured: 935,664 (en) when every
#: pathway cell carried the base emissions and checks (~1.5 KB) and every flag the reported
#: emissions (~2.6 KB) as nested IFs; 139,371 (en) / 140,018 (ja) with the facts named.
#: The bound leaves room for small changes, and fails long before the sheet doubles (the
#: roll-up's bench, benchmarks/bench_consolidate.py, measured within issue 18's 2.5x bar
#: of a bare read at this size).
PROGRESS_PART_BOUND = 200_000


def _progress_xml(tmp_path, lang: str) -> bytes:
    path = tmp_path / f"template_{lang}.xlsx"
    build_template(lang).save(path)
    package = open_package(path)
    (part,) = (s.part for s in package.sheets if s.name == "Progress")
    return package.archive.read(part)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_progress_sheet_part_stays_small(tmp_path, lang):
    xml = _progress_xml(tmp_path, lang)
    assert len(xml) < PROGRESS_PART_BOUND, len(xml)
    # the bound is about the formulas, not an emptied sheet: all 432 cells are formulas
    text = xml.decode()
    formulas = sum(re.search(rf'<c r="{c}{PROGRESS_FIRST_ROW + i}"[^>]*><f>', text) is not None
                   for c in PROGRESS_PATHWAY_COLUMNS + PROGRESS_FLAG_COLUMNS
                   for i in range(N_PROGRESS_ROWS))
    assert formulas == 2 * N_TARGETS * N_PROGRESS_ROWS


def test_pathway_and_flag_cells_read_named_facts():
    wb = build_template("en")
    ws = wb["Progress"]
    for n in range(1, N_TARGETS + 1):
        for r in range(PROGRESS_FIRST_ROW, PROGRESS_FIRST_ROW + N_PROGRESS_ROWS):
            pathway = ws[f"{PROGRESS_PATHWAY_COLUMNS[n - 1]}{r}"].value
            flag = ws[f"{PROGRESS_FLAG_COLUMNS[n - 1]}{r}"].value
            assert f"SBT_calc_targets_{n}_pathway_applies" in pathway
            assert f"SBT_calc_targets_{n}_scope_column" in flag
            assert len(pathway) < 400 and len(flag) < 400, (pathway, flag)
    # the facts: defined names on the Charts sheet's block below the printed charts
    for name, cell in target_facts():
        sheet, where = next(iter(wb.defined_names[name].destinations))
        assert (sheet, where.replace("$", "")) == (TARGET_FACT_SHEET, cell)
        assert int(re.sub(r"\D", "", cell)) > CHART_PRINT_ROWS
        assert str(wb[sheet][cell].value).startswith("=")
    # the per-row helper columns: formulas, hidden (never printed)
    for col in PROGRESS_SCOPE_COLUMNS:
        assert ws.column_dimensions[col].hidden
        assert str(ws[f"{col}{PROGRESS_FIRST_ROW}"].value).startswith("=")


def test_upgrade_knows_every_name_the_template_makes():
    """A defined name the template makes that the upgrade does not know as its own would be
    listed and kept aside as a value "with no home"."""
    wb = build_template("en")
    known = ({f.name for f in FIELDS} | {f.status_name for f in FIELDS}
             | upgrade._OWN_NAMES)
    assert {n for n in wb.defined_names if n.startswith("SBT_")} <= known

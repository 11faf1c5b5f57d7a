"""SBT_MIN_REDUCTION, `sbt-xl minimum`, the method note of `sbt-xl ambition`, and
`validate` picking the criteria in force on the submission date.

Expected minimums are worked by hand here from the method's definition (SBTi Target-Setting
Tool v2.5): per scope amb / (net-zero year − recent year), weighted by covered emissions,
× (target − recent) / (target − base) per year, the fixed rate as a floor, 90 % cap.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sbt_xl_udfs as xl
from workbook_helpers import make_workbook

from sbt_xl.cli.main import main
from sbt_xl.validate import validate_file

ERR = "#SBT! "
WORKED = (0.5 * 0.9 / 26 + 0.5 * 1 / 16) * 7  # BY = MRY = 2024, S1 = S2, target 2031


# --- the formula ---------------------------------------------------------------------------

def test_formula_worked_example_and_the_method_by_date():
    assert xl.SBT_MIN_REDUCTION(2024.0, 2031.0, 500.0, 500.0, None, None, None, None,
                                "2026-09-01") == pytest.approx(WORKED)
    # before 2026-04-14 the fixed rate: 4.2 %/yr × 7
    assert xl.SBT_MIN_REDUCTION(2024.0, 2031.0, 500.0, 500.0, None, None, None, None,
                                dt.datetime(2026, 4, 13)) == pytest.approx(0.294)
    # an Excel serial date (46266 = 2026-08-31) and the [[v]] cells Excel passes
    assert xl.SBT_MIN_REDUCTION([[2024.0]], [[2031.0]], [[500.0]], [[500.0]], [[None]],
                                [[None]], [[None]], [[None]], [[46266.0]]) == \
        pytest.approx(WORKED)


def test_formula_spills_a_column_with_blanks_per_row():
    got = xl.SBT_MIN_REDUCTION(
        [[2024.0], [2023.0], [2025.0]], 2031.0, [[500.0], [500.0], [None]],
        [[500.0], [None], [None]], [[None], [None], [800.0]],
        [["1.5C"], ["WB2C"], ["WB2C"]], [[None], [None], [2026.0]],
        [[None], [2035.0], [None]], "2026-09-01")
    assert got == [
        [pytest.approx(WORKED)],
        [pytest.approx(0.9 / (2035 - 2023) * 8)],          # scope 1 only, net zero 2035
        [pytest.approx(max(0.025, 0.75 / 24 * 5 / 6) * 6)],  # scope 3 WB2C, MRY 2026
    ]


@pytest.mark.parametrize("args, words", [
    ((2024.0, 2031.0, 0.0, 0.0, 0.0), "scope1, scope2, scope3"),
    ((2024.0, 2031.0, 1.0, 0.0, 0.0, "2C"), "ambition"),
    ((2024.0, 2031.0, 1.0, 0.0, 0.0, None, 2032.0), "recent_year"),
    ((2024.0, 2031.0, 1.0, 0.0, 0.0, None, None, 2024.0), "net_zero_year"),
    ((2024.0, 2031.0, 1.0, 0.0, 0.0, None, None, None, "soon"), "as_of"),
    ((2024.0, 2031.0, 1.0, 0.0, 0.0, None, None, None, "#N/A"), "as_of"),
    ((2024.0, 2031.0, "much", 0.0, 0.0), "scope1"),
])
def test_formula_errors_name_the_argument(args, words):
    out = xl.SBT_MIN_REDUCTION(*args)
    assert isinstance(out, str) and out.startswith(ERR) and words in out


def test_pathway_and_ambition_accept_as_of():
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.42, None, None, "2026-09-01") == "1.5C"
    assert xl.SBT_PATHWAY(1000.0, 2020.0, 2030.0, None, 2025.0, "2025-01-01") == \
        pytest.approx(1000 * (1 - 0.042 * 5))
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.42, None, None, "2026-13-01").startswith(ERR)


# --- the command line ----------------------------------------------------------------------

def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_minimum_json(capsys):
    out = _json(capsys, "minimum", "2024", "2031", "--scope1", "500", "--scope2", "500",
                "--as-of", "2026-09-01", "--json")
    assert set(out) >= {"reduction", "annual_rate", "floor_applies", "method", "scopes"}
    assert out["reduction"] == pytest.approx(WORKED)
    assert out["annual_rate"] == pytest.approx(WORKED / 7)
    assert out["floor_applies"] is False and out["method"] == "net-zero-paths"
    by_scope = {s["scope"]: s for s in out["scopes"]}
    assert by_scope["2"]["weight"] == pytest.approx(0.5)
    assert by_scope["2"]["net_zero_year"] == 2040 and by_scope["2"]["rate"] == pytest.approx(1 / 16)


def test_minimum_floor_and_fixed_rate(capsys):
    out = _json(capsys, "minimum", "2023", "2035", "--scope1", "60", "--scope2", "40",
                "--recent-year", "2024", "--as-of", "2026-09-01", "--json")
    assert out["floor_applies"] is True and out["reduction"] == pytest.approx(0.504)
    old = _json(capsys, "minimum", "2024", "2031", "--ambition", "WB2C",
                "--as-of", "2025-09-01", "--json")
    assert old["method"] == "fixed-rate" and old["reduction"] == pytest.approx(0.025 * 7)


def test_minimum_refuses_bad_input(capsys):
    assert main(["minimum", "2024", "2031", "--as-of", "2026-09-01"]) == 2
    assert "covers no emissions" in capsys.readouterr().err
    assert main(["minimum", "2024", "2031", "--scope1", "1", "--as-of", "x", "--lang",
                 "ja"]) == 2
    assert "日付" in capsys.readouterr().err


def test_ambition_says_its_method(capsys):
    [row] = _json(capsys, "ambition", "2020", "2030", "0.42", "--as-of", "2026-09-01",
                  "--json")
    assert row["ambition"] == "1.5C" and row["method"] == "net-zero-paths"
    assert "floor" in row["note"]
    [old] = _json(capsys, "ambition", "2020", "2030", "0.42", "--as-of", "2026-04-13",
                  "--json")
    assert old["method"] == "fixed-rate"


# --- criteria by submission date -----------------------------------------------------------

#: A scope-2-heavy company (scope 1 120 kt, scope 2 300 kt market-based), 42 % 2023 -> 2033.
HEAVY_S2 = {
    "inventory.base.scope2_market": 300_000, "inventory.recent.scope2_market": 290_000,
    "targets.1.covered_base_emissions": 0.98 * 420_000,
}


def _dated(tmp_path, day, **kw):
    changes = {**HEAVY_S2, "submission.date": day}
    return validate_file(make_workbook(tmp_path, changes, name=f"{day}.xlsx"), **kw)


def test_same_workbook_two_dates_two_verdicts(tmp_path):
    before = _dated(tmp_path, dt.date(2025, 9, 15))
    after = _dated(tmp_path, dt.date(2026, 9, 15))
    assert before.criteria == "v5" and after.criteria == "v5-2026"
    assert "AMBITION-S12" not in {f.rule for f in before.findings}
    [hit] = [f for f in after.findings if f.rule == "AMBITION-S12"]
    # the minimum, by hand: weights 120/420 and 300/420, recent year 2025
    w1, w2 = 120 / 420, 300 / 420
    spread = (w1 * 0.9 / 25 + w2 * 1.0 / 15) * (2033 - 2025) / (2033 - 2023)
    assert spread > 0.042
    minimum = spread * 10
    assert f"{minimum * 100:.4g} %" in hit.message("en")
    assert "scope 2 is 71.43 % of the target's emissions: it must fall 100 % by 2040" in \
        hit.message("en")
    assert "2040 年までに 100 %" in hit.message("ja")
    assert before.errors < after.errors
    assert "in force on 2026-09-15" in after.headline("en")
    assert "2026-09-15 時点で有効" in after.headline("ja")


def test_named_criteria_override_the_date(tmp_path):
    report = _dated(tmp_path, dt.date(2026, 9, 15), criteria="v5")
    assert report.criteria == "v5" and report.in_force is None
    assert "AMBITION-S12" not in {f.rule for f in report.findings}


def test_criteria_by_date_table():
    from sbt_xl.rules.sets import in_force
    assert [in_force(d)[0].version for d in (
        dt.date(2022, 7, 14), dt.date(2022, 7, 15), dt.date(2026, 4, 13),
        dt.date(2026, 4, 14))] == ["v4", "v5", "v5", "v5-2026"]
    assert in_force(dt.date(2026, 9, 1))[1].version == "nz1"


def test_blank_date_falls_back_to_today_with_a_warning(tmp_path):
    report = _dated(tmp_path, None)
    [warn] = [f for f in report.findings if f.rule == "CRITERIA-DATE"]
    assert warn.severity.value == "warning" and warn.field == "submission.date"
    assert report.in_force == dt.date.today()
    assert report.criteria.split(" + ")[0] in warn.message("en")
    assert "申請日" in warn.message("ja")


def test_scope3_target_under_2026_has_no_2020_anchor(tmp_path):
    # 26 % 2023 -> 2033 scope 3 (WB2C): v5 measures from 2020 (2.5 × 13 = 32.5 %: fails);
    # the 2026 method from the base year: 0.75/25 · 8/10 = 2.4 %/yr < 2.5 % -> 25 %: passes
    changes = {"targets.2.reduction": 0.26}
    before = validate_file(make_workbook(tmp_path, {
        **HEAVY_S2, **changes, "submission.date": dt.date(2025, 9, 15)}, name="a.xlsx"))
    after = validate_file(make_workbook(tmp_path, {
        **HEAVY_S2, **changes, "submission.date": dt.date(2026, 9, 15)}, name="b.xlsx"))
    assert "S3-AMBITION-ABS" in {f.rule for f in before.findings}
    assert "S3-AMBITION-ABS" not in {f.rule for f in after.findings}


def test_checked_copy_names_the_dated_criteria(tmp_path):
    import openpyxl

    from sbt_xl.workbook.template.layout import FINDINGS_SHEET, VERDICT_NAME, VERDICT_ROWS
    source = make_workbook(tmp_path, {**HEAVY_S2, "submission.date": dt.date(2026, 9, 15)})
    out = tmp_path / "checked.xlsx"
    validate_file(source, out=out)
    book = openpyxl.load_workbook(out)
    [(sheet, ref)] = list(book.defined_names[VERDICT_NAME].destinations)
    top = book[sheet][ref.replace("$", "")]
    row = next(i for i, (key, _, _) in enumerate(VERDICT_ROWS, start=1) if key == "criteria")
    assert top.offset(row, 1).value == "v5-2026, in force on 2026-09-15"
    rows = list(book[FINDINGS_SHEET].iter_rows(values_only=True))
    assert any(r[0] == "AMBITION-S12" and r[-1] == "v5-2026" for r in rows)

"""Numbers typed as text whose reading depends on a convention (issue 21, item 5): refused
with every reading shown; years typed as 2020年, 2020 年度 or FY2020 read as years."""

from __future__ import annotations

import pytest
from workbook_helpers import make_workbook

from sbt_xl.workbook.read.reader import read_submission

ACTIVITY = "targets.1.base_activity"  # a number no template formula reads


def _finding(tmp_path, key, raw):
    sub, found = read_submission(make_workbook(tmp_path, {key: raw}))
    return sub, next(f for f in found if f.field == key)


@pytest.mark.parametrize(("raw", "readings"), [
    ("12.000", ("12", "12,000")),      # decimal point, or dots between thousands
    ("1.500 t", ("1.5", "1,500")),
    ("１２．０００", ("12", "12,000")),  # full-width, the same two readings
])
def test_two_readings_are_refused_with_both_shown(tmp_path, raw, readings):
    sub, f = _finding(tmp_path, ACTIVITY, raw)
    assert (f.rule, f.severity.value, sub.get(ACTIVITY)) == ("INPUT-TYPE", "error", None)
    for lang in ("en", "ja"):
        assert all(r in f.message(lang) for r in readings), f.message(lang)
    assert "type the plain number 12 " not in f.message("en")


@pytest.mark.parametrize(("raw", "reading"), [
    ("12.000,5", "12000.5"), ("1,5", "1.5"), ("1.234.567", "1234567")])
def test_european_forms_are_refused_with_their_reading(tmp_path, raw, reading):
    sub, f = _finding(tmp_path, ACTIVITY, raw)
    assert (f.rule, sub.get(ACTIVITY)) == ("INPUT-TYPE", None)
    assert reading in f.message("en") and reading in f.message("ja")


@pytest.mark.parametrize("raw", ["2020年", "2020 年度", "FY2020", "ＦＹ２０２０"])
def test_years_typed_with_their_japanese_or_fiscal_form(tmp_path, raw):
    key = "targets.1.base_year"
    sub, f = _finding(tmp_path, key, raw)
    assert f.params["read"] == "2020" and sub.get(key) == 2020
    assert "2,020" not in f.message("en") and "2,020" not in f.message("ja")
    assert "2020" in f.message("en")


def test_a_plain_decimal_is_still_read(tmp_path):
    sub, f = _finding(tmp_path, ACTIVITY, "0.420")  # a leading 0 is never a thousands group
    assert (f.rule, sub.get(ACTIVITY)) == ("INPUT-FORMAT", 0.42)

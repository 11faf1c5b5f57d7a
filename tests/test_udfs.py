"""The formulas called the way Excel calls them: floats, None for blanks, strings for
text and error cells (err_to_str), and nested lists for ranges (ndim=2)."""

from pathlib import Path

import pytest
import sbt_xl_udfs as xl

ERR = "#SBT! "


def test_pathway_spills_year_and_emissions():
    out = xl.SBT_PATHWAY(100_000.0, 2020.0, 2030.0, "WB2C")
    assert len(out) == 11 and all(len(row) == 2 for row in out)
    assert out[0] == [2020, 100_000.0]
    assert out[-1] == [2030, pytest.approx(75_000.0)]


@pytest.mark.parametrize("ambition", [None, "1.5C", 0.042, "4.2%", [[0.042]]])
def test_pathway_ambition_forms(ambition):
    # Blank/omitted = 1.5C; a 4.2% cell arrives as 0.042; a one-cell range as [[0.042]].
    assert xl.SBT_PATHWAY(1000.0, 2020.0, 2030.0, ambition, 2025.0) == pytest.approx(790.0)


def test_pathway_at_year_blank_cell_spills():
    assert len(xl.SBT_PATHWAY(1000.0, 2020.0, 2022.0, "2C", None)) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [((1000.0, 2020.0, 2019.0), "target_year (2019) must be after base_year (2020)"),
     ((-5.0, 2020.0, 2030.0), "base_emissions (-5.0) must not be negative"),
     (("1,000", 2020.0, 2030.0), "base_emissions must be a number, got '1,000'"),
     ((None, 2020.0, 2030.0), "base_emissions is blank"),
     (("#DIV/0!", 2020.0, 2030.0), "base_emissions holds the Excel error #DIV/0!"),
     ((True, 2020.0, 2030.0), "base_emissions must be a number"),
     ((1000.0, 2020.0, 2030.0, "3C"), "ambition '3C' is not an ambition"),
     ((1000.0, 2020.0, 2030.0, 4.2), "ambition (4.2) is more than 100 %/yr"),
     ((1000.0, 2020.5, 2030.0), "base_year (2020.5) must be a whole year"),
     ((1000.0, 2020.0, 2030.0, None, 2010.0), "at_year (2010) must not be before base_year (2020)"),
     (([[1.0, 2.0]], 2020.0, 2030.0), "base_emissions is a range: give at_year")],
)
def test_pathway_errors_name_the_argument(args, message):
    out = xl.SBT_PATHWAY(*args)
    assert isinstance(out, str) and out.startswith(ERR)
    assert message in out


def test_errors_in_japanese(monkeypatch):
    monkeypatch.setenv("SBT_XL_LANG", "ja")
    out = xl.SBT_PATHWAY(1000.0, 2020.0, 2019.0)
    assert out == ERR + "target_year（2019）は基準年 base_year（2020）より後でなければなりません"


def test_sda_single_and_column_and_row():
    one = xl.SBT_SDA_INTENSITY("cement", 2020.0, 0.70, 2.0e6, 2030.0, 2.4e6)
    assert one == pytest.approx(0.401435, abs=2e-6)  # hand-computed in test_sda
    col = xl.SBT_SDA_INTENSITY("Cement", 2020.0, 0.70, 2.0e6, [[2030.0], [2050.0]],
                               [[2.4e6], [3.0e6]])
    assert col[0][0] == pytest.approx(one) and col[1][0] == pytest.approx(0.144)
    row = xl.SBT_SDA_INTENSITY("セメント", 2020.0, 0.70, 2.0e6, [[2030.0, 2050.0]], 2.4e6)
    assert len(row) == 1 and row[0][0] == pytest.approx(one)


@pytest.mark.parametrize(
    ("args", "message"),
    [(("steel making", 2020.0, 1.8, 1e6, 2030.0, 1e6), "not an SDA sector"),
     (("pulp_paper", 2020.0, 1.0, 1e6, 2030.0, 1e6), "ships no public pathway"),
     ((None, 2020.0, 1.8, 1e6, 2030.0, 1e6), "sector is blank"),
     (("cement", 2020.0, 0.7, 1e6, [[2030.0], [2035.0]], [[1.0], [2.0], [3.0]]),
      "target_year is 2 rows × 1 column but target_activity is 3 rows × 1 column"),
     (("cement", 2020.0, 0.7, 1e6, [[2030.0], ["2035"]], 1e6),
      "target_year (row 2) must be a number, got '2035'"),
     (("cement", 2020.0, 0.7, 1e6, 2030.0, 1e6, "IEA-B2DS"), "available: OECM-1.5C")],
)
def test_sda_errors(args, message):
    out = xl.SBT_SDA_INTENSITY(*args)
    assert out.startswith(ERR) and message in out


def test_scope3_share_total_and_categories():
    assert xl.SBT_SCOPE3_SHARE(30.0, 30.0, 40.0) == pytest.approx(0.4)
    cats_row = [[10.0, None, 30.0] + [None] * 12]  # blanks are zero
    assert xl.SBT_SCOPE3_SHARE(30.0, 20.0, cats_row) == pytest.approx(40 / 90)
    cats_col = [[v] for v in cats_row[0]]
    assert xl.SBT_SCOPE3_SHARE(30.0, 20.0, cats_col) == pytest.approx(40 / 90)


def test_scope3_share_column_of_companies():
    s1 = [[10.0], [50.0]]
    s2 = [[10.0], [0.0]]
    cats = [[1.0] * 15, [0.0] * 14 + [50.0]]
    assert xl.SBT_SCOPE3_SHARE(s1, s2, cats) == [[pytest.approx(15 / 35)], [0.5]]


@pytest.mark.parametrize(
    ("s3", "message"),
    [([[10.0, "n/a"] + [None] * 13], "scope3 (row 1, column 2) must be a number, got 'n/a'"),
     ([[1.0] * 7], "one total or the 15 scope 3 categories"),
     ("#REF!", "scope3 holds the Excel error #REF!")],
)
def test_scope3_errors(s3, message):
    out = xl.SBT_SCOPE3_SHARE(30.0, 30.0, s3)
    assert out.startswith(ERR) and message in out


def test_scope3_required_thresholds():
    assert xl.SBT_SCOPE3_REQUIRED(30.0, 30.0, 40.0) is True
    assert xl.SBT_SCOPE3_REQUIRED(30.05, 30.05, 39.9, "v4") is False
    assert xl.SBT_SCOPE3_REQUIRED(99.0, 0.0, 1.0, "nz1") is True
    assert "not a criteria version" in xl.SBT_SCOPE3_REQUIRED(1.0, 1.0, 1.0, "v9")


def test_annual_rate_and_ambition():
    assert xl.SBT_ANNUAL_RATE(2020.0, 2030.0, 0.42) == pytest.approx(0.042)
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.42) == "1.5C"
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.25) == "WB2C"
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.123) == "2C"
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.1) == "below 2C"
    # From 2022 the 30 % still to cut over 8 years is 3.75 %/yr: WB2C.
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.42, 2022.0, 0.30) == "WB2C"
    assert xl.SBT_AMBITION(2020.0, 2030.0, 0.42, None, None) == "1.5C"


def test_ambition_column():
    out = xl.SBT_AMBITION([[2020.0], [2020.0], [2018.0]], 2030.0, [[0.42], [0.3], [0.2]])
    assert out == [["1.5C"], ["WB2C"], ["2C"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [((2020.0, 2030.0, 42.0), "reduction (42.0) must be a share between 0 and 1"),
     ((2030.0, 2030.0, 0.4), "target_year (2030) must be after base_year (2030)"),
     (("2020", 2030.0, 0.4), "base_year must be a number")],
)
def test_rate_errors(args, message):
    out = xl.SBT_ANNUAL_RATE(*args)
    assert out.startswith(ERR) and message in out


def test_ambition_recent_half_given():
    out = xl.SBT_AMBITION(2020.0, 2030.0, 0.42, 2022.0)
    assert out.startswith(ERR) and "recent_reduction is blank" in out


def test_unexpected_failure_is_a_message_not_a_traceback(monkeypatch):
    from sbt_xl.core import pathway

    def boom(*_):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(pathway, "pathway_table", boom)
    out = xl.SBT_PATHWAY(1000.0, 2020.0, 2030.0)
    assert out.startswith(ERR + "unexpected error with SBT_PATHWAY") and "kaboom" in out
    assert "\n" not in out  # one line in the cell; the traceback is in the log it names
    log = Path(out.rsplit("details are in ", 1)[1])
    assert "Traceback" in log.read_text(encoding="utf-8") and "boom" in log.read_text()

"""Every rule of every criteria version, at and around its threshold, through the template.

Each case fills the passing example (which has no findings under v4 and v5) through the
template's defined names with a few changes, validates the file and checks the exact set
of rule ids found, in English and Japanese.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from workbook_helpers import findings, make_workbook

from sbt_xl.rules import RULE_SETS, RULES, get_rule_set
from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import PASSING

SUBMITTED = PASSING["submission.date"].year  # 2026
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def ids(tmp_path, changes, criteria="v5"):
    path = make_workbook(tmp_path, changes)
    en = validate_file(path, criteria, lang="en").findings
    for f in en:  # every message exists in both languages and names the field
        assert JAPANESE.search(f.message("ja")), f.message("ja")
        assert not JAPANESE.search(f.message("en")) or f.rule.startswith("INPUT"), f.message("en")
    return {f.rule for f in en}


def t1(**kw):
    return {f"targets.1.{k}": v for k, v in kw.items()}


def scope3_at(share: float) -> dict:
    """Base-year scope 3 (all in category 1) at ``share`` of scope 1+2+3 (S1+2 = 200,000)."""
    s3 = 200_000 * share / (1 - share)
    out = {f"inventory.base.scope3.cat{i:02d}": None for i in range(2, 16)}
    out |= {f"inventory.base.scope3.cat{i:02d}_status": "not relevant" for i in range(2, 16)}
    out |= {"inventory.base.scope3.cat01": s3, "inventory.base.scope3.cat01_status": "relevant"}
    return out


NO_S3_TARGET = {"targets.2.scope": None, "targets.2.type": None}


def test_the_passing_example_passes_v4_and_v5(tmp_path):
    assert ids(tmp_path, {}, "v4") == set()
    assert ids(tmp_path, {}, "v5") == set()


# --- TARGET-YEAR: 5, 10, 15, 16 years after submission ----------------------------------

@pytest.mark.parametrize("years, v4, v5", [
    (4, True, True), (5, False, False), (10, False, False), (11, False, True), (15, False, True),
    (16, True, True),
])
def test_target_year_window(tmp_path, years, v4, v5):
    # a generous reduction so that ambition holds whatever the horizon
    change = t1(target_year=SUBMITTED + years, reduction=0.90) | {
        "targets.2.target_year": SUBMITTED + years, "targets.2.reduction": 0.9}
    assert ("TARGET-YEAR" in ids(tmp_path, change, "v4")) is v4
    assert ("TARGET-YEAR" in ids(tmp_path, change, "v5")) is v5


@pytest.mark.parametrize("submitted, target, v4, v5", [
    # C13 by half-year: by the end of June the submission year is year 1 (H1 2023 ->
    # 2027-2032); from July the next year is (H2 2023 -> 2028-2033). v4 (the seed):
    # 5-15 years after the submission year, 2028-2038.
    (dt.date(2023, 6, 30), 2026, True, True), (dt.date(2023, 6, 30), 2027, True, False),
    (dt.date(2023, 6, 30), 2032, False, False), (dt.date(2023, 6, 30), 2033, False, True),
    (dt.date(2023, 7, 1), 2027, True, True), (dt.date(2023, 7, 1), 2028, False, False),
    (dt.date(2023, 7, 1), 2033, False, False), (dt.date(2023, 7, 1), 2034, False, True),
])
def test_target_year_by_submission_half_year(tmp_path, submitted, target, v4, v5):
    change = {"submission.date": submitted, "inventory.recent.year": 2023,
              **t1(target_year=target, reduction=0.9),
              "targets.2.target_year": target, "targets.2.reduction": 0.9}
    assert ("TARGET-YEAR" in ids(tmp_path, change, "v4")) is v4
    found = validate_file(make_workbook(tmp_path, change, name="h.xlsx"), "v5").findings
    hits = [f for f in found if f.rule == "TARGET-YEAR"]
    assert bool(hits) is v5
    if hits and submitted.month <= 6:
        assert "2027–2032" in hits[0].message("en") and "H1 2023" in hits[0].message("en")


@pytest.mark.parametrize("year, bad", [(2050, False), (2051, True)])
def test_long_term_target_year_at_most_2050(tmp_path, year, bad):
    change = t1(target_year=year, reduction=0.9) | {"targets.2.target_year": year,
                                                    "targets.2.reduction": 0.9,
                                                    "targets.2.scope3_categories": "all"}
    assert ("TARGET-YEAR" in ids(tmp_path, change, "nz1")) is bad


# --- ambition ----------------------------------------------------------------------------

@pytest.mark.parametrize("reduction, v4, v5, rec", [
    (0.42, set(), set(), set()),                    # exactly 4.2 %/yr over 10 years
    (0.419, set(), {"AMBITION-S12"}, {"REC-1.5C"}),
    (0.25, set(), {"AMBITION-S12"}, {"REC-1.5C"}),  # exactly 2.5 %/yr: WB2C
    (0.249, {"AMBITION-S12"}, {"AMBITION-S12"}, {"REC-1.5C"}),
])
def test_scope12_ambition(tmp_path, reduction, v4, v5, rec):
    # recent-year emissions equal to base so the recent check is no stricter
    change = t1(reduction=reduction, ambition=None) | {"inventory.recent.scope1": 120_000,
                                                       "inventory.recent.scope2_market": 80_000}
    assert ids(tmp_path, change, "v4") == v4 | rec
    assert ids(tmp_path, change, "v5") == v5


# --- progress (C25) -------------------------------------------------------------------------

@pytest.mark.parametrize("scope1_2025, bad", [
    (111_200, False),   # 111,200 + 72,000 = 183,200 = 200,000 x (1 - 0.42 x 2/10): on the line
    (111_201, True),    # 1 t above it
    (100_000, False),
])
def test_progress_of_the_latest_reported_year(tmp_path, scope1_2025, bad):
    found = [f for f in findings(tmp_path, {"progress.3.scope1": scope1_2025}, "v5")
             if f.rule == "PROGRESS"]
    assert bool(found) is bad
    if bad:
        (f,) = found
        assert f.field == "progress.3.scope1" and f.severity.value == "warning"
        message = f.message("en")
        assert "target 1" in message and "in 2025" in message and "183,201" in message
        assert "1 tCO2e" in message and "(183,200 tCO2e)" in message


def test_progress_uses_the_latest_year_with_the_scope_complete(tmp_path):
    # scope 3 of 2024 is the latest: 885,000 x (1 - 0.33 x 1/10) = 855,795 allowed
    ok = findings(tmp_path, {"progress.2.scope3": 855_795}, "v5")
    assert not [f for f in ok if f.rule == "PROGRESS"]
    found = [f for f in findings(tmp_path, {"progress.2.scope3": 855_796}, "v5")
             if f.rule == "PROGRESS"]
    assert [f.field for f in found] == ["progress.2.scope3"]
    # a 2025 scope 1 without its scope 2 says nothing about target 1's 2025
    change = {"progress.3.scope1": 500_000, "progress.3.scope2_market": None}
    assert "PROGRESS" not in ids(tmp_path, change, "v5")


def test_blank_base_years_are_reported_not_a_crash(tmp_path):
    # the inventory's and the targets' base years all blank: equal (both blank), so the
    # Progress rule once compared a target year with a blank base year (a TypeError)
    change = {"inventory.base.year": None, "targets.1.base_year": None,
              "targets.2.base_year": None}
    found = findings(tmp_path, change, "v5")
    assert {f.field for f in found if f.rule == "INPUT-REQUIRED"} >= {
        "inventory.base.year", "targets.1.base_year", "targets.2.base_year"}
    assert not [f for f in found if f.rule == "PROGRESS"]


# --- the SBTi form's per-target details ----------------------------------------------------

@pytest.mark.parametrize("reduction, claimed, bad", [
    (0.42, "1.5C", False),   # 4.2 %/yr over 2023-2033
    (0.41, "1.5C", True),    # 4.1 %/yr: well-below 2 °C only
    (0.41, "WB2C", False),
    (0.25, "WB2C", False),   # 2.5 %/yr exactly
    (0.24, "WB2C", True),
    (0.24, "2C", False),     # a claim below what is reached is no error
])
def test_ambition_claimed_is_reached(tmp_path, reduction, claimed, bad):
    change = t1(reduction=reduction, ambition=claimed) | {
        "inventory.recent.scope1": 120_000, "inventory.recent.scope2_market": 80_000}
    found = [f for f in findings(tmp_path, change, "v4") if f.rule == "AMBITION-CLAIM"]
    assert bool(found) is bad
    if bad:
        assert found[0].field == "targets.1.ambition"
        assert f"{reduction * 100:.0f} % reduction over 10 years" in found[0].message("en")


def test_ambition_claim_of_an_intensity_target_uses_the_implied_reduction(tmp_path):
    # 50 % less per unit with 20 % more output: 1 - 0.5 * 1.2 = 40 % absolute, 4 %/yr
    change = t1(type="physical intensity", reduction=0.5, base_activity=100,
                target_activity=120, intensity_unit="t", ambition="1.5C", method=None)
    found = [f for f in findings(tmp_path, change, "v5") if f.rule == "AMBITION-CLAIM"]
    assert len(found) == 1 and "40 % reduction" in found[0].message("en")
    assert "WB2C" in found[0].message("en") and "2℃を十分に下回る" in found[0].message("ja")


@pytest.mark.parametrize("change, code", [
    (t1(method="economic intensity"), "rule_target_method"),   # an absolute target
    (t1(method="SDA"), "rule_target_method_sda"),                # sector "other"
    (t1(method="SDA") | {"company.sector": "cement"}, None),     # absolute on SDA
    (t1(method="absolute contraction"), None),
])
def test_method_matches_the_target_type(tmp_path, change, code):
    found = [f for f in findings(tmp_path, change, "v5") if f.rule == "TARGET-METHOD"]
    assert [f.code for f in found] == ([code] if code else [])


@pytest.mark.parametrize("change, bad", [
    (t1(covered_base_emissions=196_000), False),   # (120,000 + 80,000) x 0.98
    (t1(covered_base_emissions=205_800), False),   # 5 % above
    (t1(covered_base_emissions=206_000), True),
    (t1(covered_base_emissions=186_200), False),   # 5 % below
    (t1(covered_base_emissions=186_200, coverage=1.0), True),  # 200,000 expected
    ({"targets.2.covered_base_emissions": 790_000}, False),     # categories 1, 4, 11
    ({"targets.2.covered_base_emissions": 790_000,
      "targets.2.scope3_categories": "1,4"}, True),               # 640,000 expected
])
def test_covered_base_emissions_agree_with_the_inventory(tmp_path, change, bad):
    assert ("COVERED-EMISSIONS" in ids(tmp_path, change, "v5")) is bad


def test_v4_accepts_2c_before_15_october_2019(tmp_path):
    change = {"submission.date": dt.date(2019, 10, 14), "inventory.base.year": 2018,
              "inventory.recent.year": 2018, **t1(base_year=2018, target_year=2028,
                                                   reduction=0.123),
              "targets.2.base_year": 2018, "targets.2.target_year": 2028,
              "targets.3.target_year": 2025, "targets.3.re_target_share": 0.8}
    assert "AMBITION-S12" not in ids(tmp_path, change, "v4")
    change["submission.date"] = dt.date(2019, 10, 15)
    assert "AMBITION-S12" in ids(tmp_path, change, "v4")


def test_ambition_from_the_recent_year(tmp_path):
    # 42 % from 2023 is 4.2 %/yr, but emissions rose to 2025: from there 116,000 of
    # 240,000 left in 8 years is 6.46 %/yr — fine; if they had fallen to 120,000 the
    # remaining 3.3 % over 8 years is too little.
    rose = {"inventory.recent.scope1": 150_000, "inventory.recent.scope2_market": 90_000}
    fell = {"inventory.recent.scope1": 70_000, "inventory.recent.scope2_market": 50_000}
    assert "AMBITION-S12" not in ids(tmp_path, rose)
    found = validate_file(make_workbook(tmp_path, fell), "v5").findings
    assert [f.code for f in found if f.rule == "AMBITION-S12"] == ["rule_ambition_s12_recent"]


def test_already_met(tmp_path):
    change = {"inventory.recent.scope1": 70_000, "inventory.recent.scope2_market": 45_000}
    assert "ALREADY-MET" in ids(tmp_path, change)  # 115,000 ≤ 200,000 × 0.58


@pytest.mark.parametrize("reduction, bad", [(0.90, False), (0.899, True)])
def test_long_term_ambition_90_percent(tmp_path, reduction, bad):
    change = t1(target_year=2050, reduction=reduction) | {
        "targets.2.target_year": 2050, "targets.2.reduction": 0.9,
        "targets.2.scope3_categories": "all"}
    assert ("AMBITION-S12" in ids(tmp_path, change, "nz1")) is bad


@pytest.mark.parametrize("reduction, v4, v5", [
    # The example's scope 3 target runs 2023→2033. v4: 2C, 1.23 %/yr × 10 = 12.3 %, whole
    # percent 12 %. v5: well-below 2C measured from 2020 (C18), 2.5 %/yr × 13 = 32.5 %
    # (whole percent rounds up to 33 %, so 32.5 % stands).
    (0.33, False, False), (0.325, False, False), (0.324, False, True), (0.25, False, True),
    (0.12, False, True), (0.119, True, True)])
def test_scope3_absolute_ambition(tmp_path, reduction, v4, v5):
    change = {"targets.2.reduction": reduction, "inventory.recent.scope3.cat01": 900_000}
    assert ("S3-AMBITION-ABS" in ids(tmp_path, change, "v4")) is v4
    assert ("S3-AMBITION-ABS" in ids(tmp_path, change, "v5")) is v5


def test_scope3_anchor_message_says_from_2020(tmp_path):
    found = findings(tmp_path, {"targets.2.reduction": 0.25,
                                "inventory.recent.scope3.cat01": 900_000})
    hit = next(f for f in found if f.rule == "S3-AMBITION-ABS")
    assert hit.code == "rule_ambition_s3_anchored"
    assert "from 2020" in hit.message("en") and "13 years" in hit.message("en")
    assert "32.5 %" in hit.message("en") and "2020 年から" in hit.message("ja")


@pytest.mark.parametrize("base, target, reduction, bad", [
    (2018, 2030, 0.50, False),   # 12 × 4.2 % = 50.4 %: published as 1.5 °C
    (2018, 2030, 0.49, True),
    (2021, 2030, 0.378, False),  # 9 × 4.2 %: scope 1+2 measured from the base year
    (2021, 2030, 0.37, True),
])
def test_scope12_ambition_whole_percent_practice(tmp_path, base, target, reduction, bad):
    change = {"submission.date": dt.date(2022, 11, 1), "inventory.base.year": base,
              "inventory.recent.year": base, **t1(base_year=base, target_year=target,
                                                  reduction=reduction),
              "inventory.recent.scope1": 120_000, "inventory.recent.scope2_market": 80_000,
              "targets.2.base_year": base, "targets.2.target_year": target,
              "targets.2.reduction": 0.9}
    assert ("AMBITION-S12" in ids(tmp_path, change, "v5")) is bad


def test_intensity_targets(tmp_path):
    # other industry: physical intensity must imply the absolute minimum
    ok = t1(type="physical intensity", intensity_unit="units", base_activity=100,
            target_activity=100, reduction=0.42)
    short = ok | t1(target_activity=110)  # 1 - 0.58*1.1 = 36.2 % < 42 %
    assert "INTENSITY-S12" not in ids(tmp_path, ok)
    assert "INTENSITY-S12" in ids(tmp_path, short)
    assert "INTENSITY-S12" not in ids(tmp_path, short, "v4")  # 3.62 %/yr ≥ 2.5


def test_sda_intensity_target(tmp_path):
    from sbt_xl.workbook.examples import CEMENT_JA
    path = make_workbook(tmp_path, {"targets.1.reduction": 0.30}, lang="ja", base=CEMENT_JA)
    assert [f.rule for f in validate_file(path, "v5").findings] == ["INTENSITY-S12"]
    path = make_workbook(tmp_path, {}, lang="ja", base=CEMENT_JA, name="ok.xlsx")
    assert validate_file(path, "v5").findings == []


def test_scope3_intensity_targets(tmp_path):
    econ = {"targets.2.type": "economic intensity", "targets.2.intensity_unit": "JPY m",
            "targets.2.base_activity": 1000, "targets.2.target_activity": 1500}
    exactly_7 = 1 - 0.93 ** 10  # 51.6 % over 10 years is 7 %/yr year on year
    assert "S3-AMBITION-ECON" not in ids(tmp_path, econ | {"targets.2.reduction": exactly_7})
    assert "S3-AMBITION-ECON" in ids(tmp_path, econ | {"targets.2.reduction": 0.50})
    phys = econ | {"targets.2.type": "physical intensity", "targets.2.reduction": 0.20,
                   "targets.2.target_activity": 1100}
    assert "S3-AMBITION-PHYS" in ids(tmp_path, phys, "v5")      # 2.2 %/yr < 7 %
    assert "S3-AMBITION-PHYS" not in ids(tmp_path, phys, "v4")  # 2 %/yr linear, no increase
    grows = phys | {"targets.2.target_activity": 1300}  # 0.8 × 1.3 > 1: emissions rise
    assert "S3-AMBITION-PHYS" in ids(tmp_path, grows, "v4")


# --- scope 3 trigger and coverage ----------------------------------------------------------

@pytest.mark.parametrize("share, required", [(0.399, False), (0.40, True)])
def test_scope3_trigger_at_40_percent(tmp_path, share, required):
    change = scope3_at(share) | NO_S3_TARGET
    for version in ("v4", "v5"):
        assert ("S3-TRIGGER" in ids(tmp_path, change, version)) is required
    assert "S3-TRIGGER" in ids(tmp_path, change, "nz1")  # always, long-term


@pytest.mark.parametrize("covered, bad_v5, bad_nz1", [
    (0.66, True, True), (0.67, False, True), (0.90, False, False), (0.899, False, True)])
def test_scope3_coverage(tmp_path, covered, bad_v5, bad_nz1):
    change = {f"inventory.base.scope3.cat{i:02d}": None for i in range(1, 16)}
    change |= {f"inventory.base.scope3.cat{i:02d}_status": "not relevant" for i in range(1, 16)}
    change |= {"inventory.base.scope3.cat01": 1000 * covered,
               "inventory.base.scope3.cat02": 1000 * (1 - covered),
               "inventory.base.scope3.cat01_status": "relevant",
               "inventory.base.scope3.cat02_status": "relevant",
               "targets.2.scope3_categories": "1"}
    assert ("S3-COVERAGE" in ids(tmp_path, change, "v5")) is bad_v5
    assert ("S3-COVERAGE" in ids(tmp_path, change, "nz1")) is bad_nz1


@pytest.mark.parametrize("change, v4, v5", [
    ({"targets.2.scope3_categories": "1,4"}, True, True),        # no category 11 target
    ({}, False, True),                                            # 33 %: not 1.5 degC
    # C22 (v5): absolute, 1.5 degC measured from 2020: 4.2 % x 13 = 54.6 %
    ({"targets.2.reduction": 0.546}, False, False),
    ({"targets.2.reduction": 0.545}, False, True),
    ({"targets.2.reduction": 0.60, "targets.2.type": "supplier/customer engagement"},
     False, True),                                                # engagement: not eligible
])
def test_fossil_fuel_sellers_need_category_11(tmp_path, change, v4, v5):
    change = {"boundary.fossil_fuel_sales": "yes", **change}
    assert ("S3-FOSSIL" in ids(tmp_path, change, "v4")) is v4
    assert ("S3-FOSSIL" in ids(tmp_path, change, "v5")) is v5


@pytest.mark.parametrize("excluded, estimate, bad", [
    # the example's base-year scope 3 without category 5 is 880,000 t; category 5 excluded
    # at x t is x / (880,000 + x) of scope 3: at most 5 % up to x = 46,315.8 t
    ({"cat05": 46_315}, True, False), ({"cat05": 46_316}, True, True),
    ({"cat08": None}, False, False),
])
def test_scope3_exclusions_at_most_5_percent(tmp_path, excluded, estimate, bad):
    change = {}
    for cat, value in excluded.items():
        change[f"inventory.base.scope3.{cat}"] = value
        change[f"inventory.base.scope3.{cat}_status"] = "excluded"
    found = findings(tmp_path, change)
    assert any(f.code == "rule_s3_excluded_share" for f in found) is bad
    assert any(f.code == "rule_s3_excluded_estimate" for f in found) is (not estimate)
    assert "S3-EXCLUSIONS" not in ids(tmp_path, change, "v4")


@pytest.mark.parametrize("change, bad", [
    ({"company.fossil_extraction": "yes"}, True),
    ({"company.fossil_revenue_share": 0.50}, True),
    ({"company.fossil_revenue_share": 0.499}, False),
])
def test_fossil_fuel_companies_cannot_be_validated(tmp_path, change, bad):
    assert ("FOSSIL-COMPANY" in ids(tmp_path, change)) is bad


@pytest.mark.parametrize("change, bad", [
    ({"company.flag_sector": "yes"}, True),
    ({"company.flag_sector": "yes", "targets.1.flag": "yes"}, False),
    # base year scope 1+2+3 = 120,000 + 80,000 + 885,000 = 1,085,000 t; 20 % is 217,000 t
    ({"inventory.base.flag": 217_000}, True),
    ({"inventory.base.flag": 216_999}, False),
])
def test_flag_target_required(tmp_path, change, bad):
    assert ("FLAG" in ids(tmp_path, change)) is bad


@pytest.mark.parametrize("threshold, bad", [(0.05, False), (0.051, True), (0.0, False)])
def test_recalculation_threshold_at_most_5_percent(tmp_path, threshold, bad):
    change = {"commitments.recalc_threshold": threshold}
    assert ("RECALC-THRESHOLD" in ids(tmp_path, change)) is bad


def test_engagement_target_within_5_years(tmp_path):
    eng = {"targets.4.scope": "3", "targets.4.type": "supplier/customer engagement",
           "targets.4.coverage": 0.7, "targets.4.scope3_categories": "1"}
    assert "S3-ENGAGEMENT" not in ids(tmp_path, eng | {"targets.4.target_year": SUBMITTED + 5})
    assert "S3-ENGAGEMENT" in ids(tmp_path, eng | {"targets.4.target_year": SUBMITTED + 6})
    assert "S3-ENGAGEMENT" in ids(tmp_path, eng | {"targets.4.target_year": SUBMITTED + 5,
                                                    "targets.4.coverage": 0})


# --- boundary, years, inventory ------------------------------------------------------------

@pytest.mark.parametrize("excluded, reason, expected", [
    (0.05, "metering", set()), (0.051, "metering", {"COVERAGE-S12"}),
    (0.02, None, {"COVERAGE-S12"}), (0.0, None, set()),
])
def test_boundary_exclusions(tmp_path, excluded, reason, expected):
    change = {"boundary.excluded_share": excluded, "boundary.exclusion_reason": reason}
    assert ids(tmp_path, change) == expected


@pytest.mark.parametrize("coverage, bad", [(0.95, False), (0.949, True)])
def test_target_covers_95_percent_of_scope12(tmp_path, coverage, bad):
    assert ("COVERAGE-S12" in ids(tmp_path, t1(coverage=coverage))) is bad


@pytest.mark.parametrize("base, v4, v5", [(2015, False, False), (2014, False, True),
                                          (2027, True, True)])
def test_base_year(tmp_path, base, v4, v5):
    change = {"inventory.base.year": base, **t1(base_year=base, reduction=0.9),
              "targets.2.base_year": base, "targets.2.reduction": 0.9,
              "inventory.recent.year": max(base, 2025)}
    assert ("BASE-YEAR" in ids(tmp_path, change, "v4")) is v4
    assert ("BASE-YEAR" in ids(tmp_path, change, "v5")) is v5


@pytest.mark.parametrize("recent, bad", [(SUBMITTED - 2, False), (SUBMITTED - 3, True)])
def test_recent_year_at_most_two_years_old(tmp_path, recent, bad):
    assert ("RECENT-YEAR" in ids(tmp_path, {"inventory.recent.year": recent})) is bad


@pytest.mark.parametrize("change, rule", [
    ({"boundary.approach": None}, "BOUNDARY"),
    ({"boundary.bioenergy": "no"}, "BIOENERGY"),
    ({"inventory.scope2_method": None}, "S2-METHOD"),
    ({"inventory.recent.scope2_market": None}, "S2-METHOD"),
    ({"commitments.offsets": "yes"}, "OFFSETS"),
    ({"commitments.annual_reporting": "no"}, "REPORTING"),
    ({"commitments.recalculation": "no"}, "RECALC"),
    ({"boundary.gases_all": "no"}, "GASES"),
    ({"inventory.base.scope3.cat04_status": None}, "S3-SCREENING"),
    ({"inventory.base.scope3.cat04": None}, "S3-SCREENING"),
    ({"company.name": None}, "INPUT-REQUIRED"),
    ({"targets.1.scope": "1+2+3", "targets.2.scope": None, "targets.2.type": None,
      "targets.1.scope3_categories": "all"}, "COMBINED"),
])
def test_each_yes_no_and_presence_rule(tmp_path, change, rule):
    assert rule in ids(tmp_path, change)


@pytest.mark.parametrize("year, share, bad", [
    (2025, 0.80, False), (2025, 0.79, True), (2030, 1.0, False), (2030, 0.99, True),
    (2031, 1.0, True)])
def test_renewable_electricity_milestones(tmp_path, year, share, bad):
    change = {"targets.3.target_year": year, "targets.3.re_target_share": share}
    assert ("RE-PROCUREMENT" in ids(tmp_path, change)) is bad


# --- the rule sets themselves -------------------------------------------------------------

def test_rule_sets_are_derived_not_copied():
    assert set(RULE_SETS) == {"v4", "v5", "v5-2026", "nz1", "nz2"} and get_rule_set().version == "v5"
    for rs in RULE_SETS.values():
        assert all(e.rule in RULES for e in rs.entries) and all(e.source for e in rs.entries)
        assert len(set(rs.rule_ids)) == len(rs.rule_ids)
    v4, v5 = RULE_SETS["v4"], RULE_SETS["v5"]
    assert v4.entry("TARGET-YEAR").params["max_years"] == 15
    assert v5.entry("TARGET-YEAR").params["max_years"] == 10
    assert v5.entry("AMBITION-S12").params["min_rate"] == 0.042
    assert "REC-1.5C" in v4.rule_ids and "REC-1.5C" not in v5.rule_ids
    assert "S3-ENGAGEMENT" not in RULE_SETS["nz1"].rule_ids


def test_the_tests_exercise_every_rule_of_every_version():
    """Guards this file: each rule id of each version is named in a test above (or, for
    FLAG ambition and the nz2 rules, in test_flag_nz2.py)."""
    here = Path(__file__)
    text = "".join(p.read_text(encoding="utf-8")
                   for p in (here, here.with_name("test_flag_nz2.py")))
    for rs in RULE_SETS.values():
        for rule in rs.rule_ids:
            assert text.count(f'"{rule}"') >= 1, rule


# --- near-term and long-term targets in one workbook ---------------------------------------

LONG = {"commitments.net_zero": "yes", "commitments.neutralisation": "yes",
        **{f"targets.4.{k}": v for k, v in dict(
            scope="1+2", type="absolute", base_year=2023, target_year=2050, reduction=0.90,
            coverage=0.98, term="long-term").items()},
        **{f"targets.5.{k}": v for k, v in dict(
            scope="3", type="absolute", base_year=2023, target_year=2050, reduction=0.90,
            coverage=1.0, scope3_categories="all", term="long-term").items()}}


def _by_standard(tmp_path, change, criteria="v5"):
    found = findings(tmp_path, change, criteria)
    return {(f.rule, f.standard, f.field) for f in found}


def test_net_zero_with_long_term_targets_passes_both_standards(tmp_path):
    assert findings(tmp_path, LONG, "v5") == []
    assert findings(tmp_path, LONG, "v4") == []


@pytest.mark.parametrize("change, expected", [
    # the long-term row is held to the Net-Zero Standard (>= 90 %), the near-term rows to v5
    ({"targets.4.reduction": 0.89}, {("AMBITION-S12", "nz1", "targets.4.reduction")}),
    ({"targets.4.target_year": 2051}, {("TARGET-YEAR", "nz1", "targets.4.target_year")}),
    ({"targets.5.scope3_categories": "1,4"},  # 640,000 of 885,000 t: 72 % < 90 %
     {("S3-COVERAGE", "nz1", "targets.5.scope3_categories")}),
    ({"targets.5.scope": None, "targets.5.type": None},
     {("NET-ZERO", "nz1", "commitments.net_zero")}),
    ({"commitments.neutralisation": "no"},
     {("NET-ZERO", "nz1", "commitments.neutralisation")}),
])
def test_long_term_rows_are_checked_against_the_net_zero_standard(tmp_path, change,
                                                                   expected):
    assert _by_standard(tmp_path, {**LONG, **change}) == expected


def test_a_commitment_without_long_term_targets(tmp_path):
    got = _by_standard(tmp_path, {"commitments.net_zero": "yes",
                                  "commitments.neutralisation": "yes"})
    assert got == {("NET-ZERO", "nz1", "commitments.net_zero")}
    codes = {f.code for f in findings(tmp_path, {"commitments.net_zero": "yes"})}
    assert {"rule_net_zero_s12", "rule_net_zero_s3", "rule_neutralisation"} <= codes


@pytest.mark.parametrize("year, bad", [(2040, False), (2041, True)])
def test_power_sector_reaches_net_zero_by_2040(tmp_path, year, bad):
    change = {**LONG, "company.sector": "power", "targets.4.target_year": year,
              "targets.5.target_year": year}
    got = {r for r, s, _ in _by_standard(tmp_path, change) if s == "nz1"}
    assert ("TARGET-YEAR" in got) is bad


def test_near_term_findings_name_their_standard_on_the_findings_sheet(tmp_path):
    import openpyxl
    path = make_workbook(tmp_path, {**LONG, "targets.4.reduction": 0.5,
                                    "targets.1.target_year": 2040})
    out = tmp_path / "out.xlsx"
    report = validate_file(path, "v5", out=out)
    assert report.criteria == "v5 + nz1"
    rows = list(openpyxl.load_workbook(out)["Findings"].iter_rows(min_row=2, values_only=True))
    standards = {(r[0], r[5]) for r in rows}
    assert ("AMBITION-S12", "nz1") in standards and ("TARGET-YEAR", "v5") in standards


def test_group_problems_from_what_the_group_workbook_says():
    """GROUP-PROBLEMS reads only the model: a roll-up with files not counted or errors fails,
    naming both counts and the share touched ("an unknown share" when it is unknown)."""
    from sbt_xl.model.rollup import RollUp
    from sbt_xl.model.submission import Submission
    from sbt_xl.rules import run

    def hits(rollup):
        sub = Submission({}, rollup=rollup)
        return [f for f in run(RULE_SETS["v5"], sub) if f.rule == "GROUP-PROBLEMS"]
    assert hits(None) == [] and hits(RollUp(0, 0, 0.0)) == []
    (f,) = hits(RollUp(errors=3, not_counted=2, touched=0.25))
    assert f.severity.value == "error"
    assert "2 files not counted and 3 errors" in f.message("en") and "25.0%" in f.message("en")
    (f,) = hits(RollUp(errors=1, not_counted=1, touched=None))
    assert "an unknown share" in f.message("en") and "不明な割合" in f.message("ja")

"""The sbt-xl command line: tables, JSON, exit codes, messages."""

import json

import pytest

from sbt_xl.cli import main


def _json(capsys, *argv):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_pathway_json(capsys):
    rows = _json(capsys, "pathway", "1000", "2020", "2030", "--ambition", "WB2C")
    assert rows[0] == {"year": 2020, "emissions": 1000.0}
    assert rows[-1]["emissions"] == pytest.approx(750.0)


def test_pathway_table(capsys):
    assert main(["pathway", "1000", "2020", "2022"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["year", "emissions"]
    assert lines[-1].split() == ["2022", "916"]


def test_sda_json(capsys):
    rows = _json(capsys, "sda", "cement", "2020", "0.70", "2000000",
                 "--target-year", "2030", "2050", "--target-activity", "2400000", "3000000")
    assert rows[0]["intensity"] == pytest.approx(0.401435, abs=2e-6)
    assert rows[1]["intensity"] == pytest.approx(0.144)
    assert rows[0]["emissions"] == pytest.approx(rows[0]["intensity"] * 2.4e6)


def test_scope3_categories(capsys):
    cats = ["10"] * 15
    [row] = _json(capsys, "scope3", "50", "50", *cats, "--criteria", "v4")
    assert row["scope3"] == 150 and row["share"] == pytest.approx(0.6) and row["required"]


def test_ambition(capsys):
    [row] = _json(capsys, "ambition", "2020", "2030", "0.42", "--recent-year", "2022",
                  "--recent-reduction", "0.30")
    assert row["base_class"] == "1.5C" and row["ambition"] == "WB2C"


def test_sectors_json_keys(capsys):
    rows = _json(capsys, "sectors", "--sector", "power", "--scenario", "OECM-1.5C")
    assert len(rows) == 32
    for key in ("sector", "scenario", "year", "intensity", "activity", "intensity_unit",
                "activity_unit"):
        assert key in rows[0]
    assert rows[-1]["year"] == 2050 and rows[0]["intensity_unit"] == "tCO2e/MWh"


@pytest.mark.parametrize(
    ("argv", "text"),
    [(["pathway", "1000", "2020", "2019"], "must be after base_year"),
     (["sda", "pulp_paper", "2020", "1", "1", "--target-year", "2030",
       "--target-activity", "1", "--lang", "ja"], "総量削減"),
     (["scope3", "1", "1", "1", "2"], "15 scope 3 categories")],
)
def test_errors_exit_2_with_message(capsys, argv, text):
    assert main(argv) == 2
    assert text in capsys.readouterr().err


def test_ambition_takes_a_reduction_as_a_percent(capsys):
    """`ambition 2020 2030 42%` was an argparse error while `pathway --ambition 4.2%` took it."""
    import json
    assert main(["ambition", "2020", "2030", "42%", "--json"]) == 0
    as_percent = json.loads(capsys.readouterr().out)
    assert main(["ambition", "2020", "2030", "0.42", "--json"]) == 0
    assert as_percent == json.loads(capsys.readouterr().out)
    assert as_percent[0]["base_rate"] == pytest.approx(0.042)

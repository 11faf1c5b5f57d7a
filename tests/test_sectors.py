"""The shipped pathway data: complete, consistent, documented."""

from importlib import resources

import numpy as np
import pytest

from sbt_xl.core.sectors import (
    COLUMNS,
    SECTORS,
    find_sector,
    pathway_frame,
    pathway_rows,
)


def test_rows_are_yearly_to_2050_with_units():
    frame = pathway_frame()
    assert list(frame.columns) == list(COLUMNS)
    for (sector, scenario), rows in frame.groupby(["sector", "scenario"]):
        years = rows["year"].to_numpy()
        assert years[-1] == 2050 and (np.diff(years) == 1).all(), sector
        assert (rows["intensity"] >= 0).all() and (rows["activity"] > 0).all()
        assert rows["intensity_unit"].nunique() == 1 and rows["activity_unit"].nunique() == 1


def test_shipped_and_missing_sectors_agree_with_the_data():
    shipped = set(pathway_frame()["sector"])
    assert shipped == {s.id for s in SECTORS if s.missing_reason is None}
    for s in SECTORS:
        if s.missing_reason is not None:
            assert s.missing_reason.en and s.missing_reason.ja


def test_sources_document_every_shipped_sector_and_every_gap():
    text = (resources.files("sbt_xl.core") / "data" / "SOURCES.md").read_text(encoding="utf-8")
    for s in SECTORS:
        assert f"`{s.id}`" in text, s.id
    assert "Apache" in text and "OECM" in text


def test_intensity_times_activity_is_sector_emissions_in_a_plausible_range():
    # Independent order of magnitude (IEA tracking reports): electricity generation
    # emitted about 13-14 Gt CO2 in 2019; cement about 2.4 Gt direct, more with scope 2.
    frame = pathway_frame().set_index(["sector", "year"])
    power = frame.loc[("power", 2019)]
    cement = frame.loc[("cement", 2019)]
    assert 12e9 < power.intensity * power.activity < 16e9
    assert 2.0e9 < cement.intensity * cement.activity < 3.0e9


@pytest.mark.parametrize(("name", "sector_id"),
                         [("Cement", "cement"), ("セメント", "cement"), ("鉄鋼", "iron_steel"),
                          ("Aluminum", "aluminium"), ("iron & steel", "iron_steel"),
                          ("電力", "power"), ("services buildings", "services_buildings")])
def test_find_sector_by_label_or_alias(name, sector_id):
    assert find_sector(name).id == sector_id


def test_pathway_rows_filter():
    rows = pathway_rows("aluminium")
    assert {r["sector"] for r in rows} == {"aluminium"}
    assert len(rows) == 32


def test_pathway_frame_without_pandas_names_the_extra(monkeypatch):
    """pandas is an extra: without it the one function that needs it says how to get it."""
    import builtins

    from sbt_xl.errors import SbtError

    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(SbtError) as err:
        pathway_frame()
    assert 'pip install "sbt-xl[pandas]"' in err.value.message("en")
    assert "pandas" in err.value.message("ja")

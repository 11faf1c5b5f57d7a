"""The SDA sectors and their shipped pathway data (``sbt_xl/core/data/sector_pathways.csv``).

Which sectors have public data, and from where, is told in ``sbt_xl/core/data/SOURCES.md``;
a sector without data is still listed here so that asking for it gives a reason.
"""

from __future__ import annotations

import csv
import io
import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray
else:
    from sbt_xl.core.lazy import np

from sbt_xl.errors import SbtError
from sbt_xl.messages import Text

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_SCENARIO = "OECM-1.5C"
#: The SDA convergence year: sector intensities converge by 2050 (criteria doc §2).
CONVERGENCE_YEAR = 2050
#: Columns of the data file (and keys of ``sbt-xl sectors --json``).
COLUMNS = ("sector", "scenario", "region", "year", "intensity", "intensity_unit",
           "activity", "activity_unit")


@dataclass(frozen=True)
class Sector:
    """An SDA sector of the criteria doc, with its labels and data status."""

    id: str
    label: Text
    activity: str
    aliases: tuple[str, ...] = ()
    missing_reason: Text | None = None
    """Why no pathway ships for this sector; ``None`` when one does."""


SECTORS: tuple[Sector, ...] = (
    Sector("power", Text("Power generation", "電力"), "MWh generated",
           ("electricity", "power generation", "発電")),
    Sector("iron_steel", Text("Iron and steel", "鉄鋼"), "t crude steel",
           ("steel", "iron & steel", "iron and steel")),
    Sector("cement", Text("Cement", "セメント"), "t cement"),
    Sector("aluminium", Text("Aluminium", "アルミニウム"), "t aluminium",
           ("aluminum", "アルミ")),
    Sector("services_buildings", Text("Services / commercial buildings", "サービス・商業ビル"),
           "m2 floor area",
           ("services", "commercial buildings", "buildings", "商業ビル")),
    Sector("pulp_paper", Text("Pulp and paper", "紙・パルプ"), "t paper and board",
           ("paper", "pulp & paper", "pulp and paper", "紙パルプ"),
           missing_reason=Text("no openly licensed pathway with sector activity found",
                               "活動量を含む公開ライセンスの経路が見つかりません")),
    Sector("passenger_transport", Text("Passenger transport", "旅客輸送"),
           "revenue passenger-km", ("transport", "passenger"),
           missing_reason=Text("the open OECM 'Autos' benchmark is a vehicle-maker metric, "
                               "not the transport-service pathway of the SDA",
                               "公開の OECM「Autos」は自動車メーカー向け指標で、SDA の輸送サービス経路ではありません")),
    Sector("other_transport", Text("Other transport", "その他輸送"), "value added",
           missing_reason=Text("no open pathway per value added found",
                               "付加価値あたりの公開経路が見つかりません")),
)


@dataclass(frozen=True)
class SectorPathway:
    """One sector's pathway under one scenario: intensity and activity per year."""

    sector: str
    scenario: str
    region: str
    years: NDArray[np.int64]
    intensity: NDArray[np.float64]
    activity: NDArray[np.float64]
    intensity_unit: str
    activity_unit: str

    def index(self, field: str, year: ArrayLike) -> NDArray[np.intp]:
        """Positions of ``year`` in :attr:`years`; an error names any year outside."""
        year = np.asarray(year)
        first, last = int(self.years[0]), int(self.years[-1])
        bad = (year < first) | (year > last)
        if bad.any():
            raise SbtError("year_outside_pathway", field=field, value=int(year[bad].flat[0]),
                           sector=self.sector, first=first, last=last)
        return (year - first).astype(np.intp)


def find_sector(name: str, field: str = "sector") -> Sector:
    """The sector named by id, English or Japanese label or alias (case-insensitive)."""
    key = str(name).strip().casefold().replace("_", " ")
    for sector in SECTORS:
        names = (sector.id, *sector.label, *sector.aliases)
        if key in {n.casefold().replace("_", " ") for n in names}:
            return sector
    raise SbtError("unknown_sector", field=field, value=name,
                   known=", ".join(s.id for s in SECTORS))


def shipped_sector(name: str, field: str = "sector") -> Sector:
    """Like :func:`find_sector`, but refuses a sector that ships no pathway, saying why."""
    found = find_sector(name, field)
    if found.missing_reason is not None:
        raise SbtError("sector_without_data", field=field, value=name,
                       reason=found.missing_reason)
    return found


_NUMBERS = {"year": int, "intensity": float, "activity": float}


@functools.cache
def _records() -> tuple[dict[str, Any], ...]:
    """All shipped pathway rows, typed (read once per process, without pandas: the
    validator needs them and starts faster without it)."""
    source = resources.files("sbt_xl.core") / "data" / "sector_pathways.csv"
    rows = csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"), newline=""))
    return tuple({k: _NUMBERS.get(k, str)(row[k]) for k in COLUMNS} for row in rows)


def pathway_frame() -> pd.DataFrame:
    """All shipped pathway rows as a DataFrame (columns :data:`COLUMNS`); needs the
    ``pandas`` extra (``pip install "sbt-xl[pandas]"``)."""
    try:
        import pandas as pd
    except ImportError:
        raise SbtError("needs_extra", field="pathway_frame", extra="pandas") from None
    return pd.DataFrame(list(_records()), columns=list(COLUMNS))


def scenarios(sector: str) -> list[str]:
    return sorted({r["scenario"] for r in _records() if r["sector"] == sector})


@functools.cache
def sector_pathway(sector: str, scenario: str | None = None) -> SectorPathway:
    """The shipped pathway of ``sector`` under ``scenario`` (default: OECM 1.5 °C)."""
    found = shipped_sector(sector)
    scenario = DEFAULT_SCENARIO if scenario in (None, "") else scenario
    rows = sorted((r for r in _records() if r["sector"] == found.id
                   and r["scenario"].casefold() == str(scenario).casefold()),
                  key=lambda r: r["year"])
    if not rows:
        raise SbtError("unknown_scenario", field="scenario", value=scenario,
                       sector=found.id, known=", ".join(scenarios(found.id)))
    years = np.array([r["year"] for r in rows], dtype=np.int64)
    if not (np.diff(years) == 1).all() or years[-1] != CONVERGENCE_YEAR:
        raise ValueError(f"pathway data for {found.id}/{scenario} is not yearly to 2050")
    first = rows[0]
    return SectorPathway(
        sector=found.id,
        scenario=first["scenario"],
        region=first["region"],
        years=years,
        intensity=np.array([r["intensity"] for r in rows], dtype=float),
        activity=np.array([r["activity"] for r in rows], dtype=float),
        intensity_unit=first["intensity_unit"],
        activity_unit=first["activity_unit"],
    )


def pathway_rows(sector: str | None = None, scenario: str | None = None
                 ) -> list[dict[str, Any]]:
    """Shipped rows as plain dicts with the keys of :data:`COLUMNS`, optionally filtered."""
    wanted = shipped_sector(sector).id if sector else None
    return [dict(r) for r in _records()
            if (wanted is None or r["sector"] == wanted)
            and (not scenario or r["scenario"].casefold() == scenario.casefold())]

"""The Sectoral Decarbonization Approach (Krabbe et al. 2015; criteria doc §2).

    d       = I_co(base) − I_sec(2050)
    p(t)    = (I_sec(t) − I_sec(2050)) / (I_sec(base) − I_sec(2050))
    m(t)    = (A_co(base) / A_sec(base)) / (A_co(t) / A_sec(t))
    I_co(t) = d · p(t) · m(t) + I_sec(2050)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike
else:
    from sbt_xl.core.lazy import np

from sbt_xl.core import guards
from sbt_xl.core.sectors import SectorPathway, sector_pathway
from sbt_xl.errors import SbtError


def sda_intensity(
    pathway: SectorPathway,
    base_year: ArrayLike,
    base_intensity: ArrayLike,
    base_activity: ArrayLike,
    target_year: ArrayLike,
    target_activity: ArrayLike,
) -> guards.Floats:
    """The company's intensity in ``target_year``; all arguments broadcast."""
    by = guards.years("base_year", base_year)
    ty = guards.years("target_year", target_year)
    guards.after("target_year", ty, by, strict=False)
    i_base = guards.non_negative("base_intensity", base_intensity)
    a_base = guards.positive("base_activity", base_activity)
    a_target = guards.positive("target_activity", target_activity)
    ib = pathway.index("base_year", by)
    it = pathway.index("target_year", ty)
    i_sec, a_sec = pathway.intensity, pathway.activity
    i_end = i_sec[-1]
    span = i_sec[ib] - i_end
    flat = span == 0
    if np.any(flat):
        raise SbtError("flat_sector_pathway", sector=pathway.sector,
                       base_year=int(np.broadcast_to(by, np.shape(flat))[flat].flat[0]),
                       last=int(pathway.years[-1]))
    p = (i_sec[it] - i_end) / span
    m = (a_base / a_sec[ib]) / (a_target / a_sec[it])
    out: guards.Floats = (i_base - i_end) * p * m + i_end
    return out


def sda_target(
    sector: str,
    base_year: ArrayLike,
    base_intensity: ArrayLike,
    base_activity: ArrayLike,
    target_year: ArrayLike,
    target_activity: ArrayLike,
    scenario: str | None = None,
) -> tuple[guards.Floats, guards.Floats]:
    """Target intensity and emissions (``I_co(t) · A_co(t)``) from the shipped pathway."""
    pathway = sector_pathway(sector, scenario)
    intensity = sda_intensity(pathway, base_year, base_intensity, base_activity,
                              target_year, target_activity)
    emissions: guards.Floats = intensity * np.asarray(target_activity, dtype=float)
    return intensity, emissions

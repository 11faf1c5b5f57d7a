"""sbt-xl: Science Based Targets math for Excel and the command line.

The pure-Python core: absolute contraction pathways, target ambition, the SDA
convergence with shipped sector pathways, and scope 3 share, trigger and coverage.
Names are imported on first use, so that ``sbt-xl validate`` (and the ribbon button,
which starts a fresh Python on every click) loads only what it needs.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any


@functools.cache
def version() -> str:
    """The installed distribution's version: ``pyproject.toml`` is the one place it is set.

    Read on first use (as ``__version__`` too): ``importlib.metadata`` costs more to import
    than reading a workbook, and a check that writes nothing never needs it.
    """
    from importlib import metadata

    try:
        return metadata.version("sbt-xl")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"

_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("AMBITION_RATES", "AmbitionAssessment", "ambition_class",
                     "ambition_rate", "assess_ambition", "linear_annual_rate",
                     "reduction_from_recent"), "sbt_xl.core.ambition"),
    **dict.fromkeys(("CRITERIA", "Criteria", "get_criteria"), "sbt_xl.core.criteria"),
    **dict.fromkeys(("absolute_pathway", "pathway_table"), "sbt_xl.core.pathway"),
    **dict.fromkeys(("scope3_coverage", "scope3_required", "scope3_share", "scope3_total"),
                    "sbt_xl.core.scope3"),
    **dict.fromkeys(("sda_intensity", "sda_target"), "sbt_xl.core.sda"),
    **dict.fromkeys(("SECTORS", "SectorPathway", "find_sector", "pathway_rows",
                     "sector_pathway"), "sbt_xl.core.sectors"),
    "SbtError": "sbt_xl.errors",
    "main": "sbt_xl.excel.ribbon",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sbt_xl' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:
    __version__: str
    from sbt_xl.core.ambition import (
        AMBITION_RATES,
        AmbitionAssessment,
        ambition_class,
        ambition_rate,
        assess_ambition,
        linear_annual_rate,
        reduction_from_recent,
    )
    from sbt_xl.core.criteria import CRITERIA, Criteria, get_criteria
    from sbt_xl.core.pathway import absolute_pathway, pathway_table
    from sbt_xl.core.scope3 import (
        scope3_coverage,
        scope3_required,
        scope3_share,
        scope3_total,
    )
    from sbt_xl.core.sda import sda_intensity, sda_target
    from sbt_xl.core.sectors import (
        SECTORS,
        SectorPathway,
        find_sector,
        pathway_rows,
        sector_pathway,
    )
    from sbt_xl.errors import SbtError
    from sbt_xl.excel.ribbon import main

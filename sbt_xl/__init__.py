"""sbt-xl: Science Based Targets math for Excel and the command line.

The pure-Python core: absolute contraction pathways, target ambition, the SDA
convergence with shipped sector pathways, and scope 3 share, trigger and coverage.
"""

__version__ = "0.2.0"

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

__all__ = [
    "AMBITION_RATES", "AmbitionAssessment", "CRITERIA", "Criteria", "SECTORS", "SbtError",
    "SectorPathway", "absolute_pathway", "ambition_class", "ambition_rate",
    "assess_ambition", "find_sector", "get_criteria", "main", "linear_annual_rate",
    "pathway_rows", "pathway_table", "reduction_from_recent", "scope3_coverage",
    "scope3_required", "scope3_share", "scope3_total", "sda_intensity", "sda_target",
    "sector_pathway",
]

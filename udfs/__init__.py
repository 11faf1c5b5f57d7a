"""sbt-xl's Excel formulas, as an xlwings UDF module (``UDF Modules: sbt_xl_udfs``).

Each ``SBT_*`` function here is the implementation in :mod:`.functions` registered with
xlwings from its record in :mod:`.spec`. On Windows that registration is what
"Import Functions" reads; elsewhere xlwings' decorators add nothing and the functions
are plain Python, callable with the values Excel would pass.
"""

import xlwings as xw

from . import functions
from .functions import language
from .spec import FORMULAS, decorate

for _formula in FORMULAS:
    globals()[_formula.name] = decorate(
        getattr(functions, _formula.name), _formula, xw.func, xw.arg, xw.ret, language()
    )

__all__ = [f.name for f in FORMULAS]

"""numpy imported on first use.

The checks of one workbook and a formula on single numbers take plain-Python paths; a
process that never touches an array should not pay numpy's import (about 0.1 s, more
than reading a workbook). Core modules write::

    if TYPE_CHECKING:
        import numpy as np
    else:
        from sbt_xl.core.lazy import np
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for a module; imports it at the first attribute read, then caches."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        module: ModuleType = importlib.import_module(self._name)
        value = getattr(module, attr)
        setattr(self, attr, value)
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


np = LazyModule("numpy")

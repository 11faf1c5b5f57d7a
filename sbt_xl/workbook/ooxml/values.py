"""One encoder for the values sbt-xl writes into cells, whichever writer writes them (and
its inverse for the cells the writer reads).

OOXML text (``ST_Xstring``) cannot hold most control characters; they are written as
``_xHHHH_``, and so a literal ``_xHHHH_`` in the text has its underscore escaped
(``_x005F_``), or a reader would decode it (``code_x0041_`` would read back ``codeA``).
Numbers are written in the shortest form that reads back the same float, whatever numeric
type they came in (``numpy.float64(1.5)`` is ``1.5``, not its repr).
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Formula:
    """A formula a writer puts into a cell, with the value it shows until the workbook is
    recalculated."""

    text: str
    """Without the leading ``=``."""
    shows: str | float

    @property
    def formula(self) -> str:
        return "=" + self.text


_NEEDS_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
#: What every escape starts with: a reader that does not decode escapes (the roll-up's
#: scanner) refuses cell text holding it.
ESCAPE_MARK = "_x"


def encode_text(text: str) -> str:
    """``text`` as OOXML cell text (before XML escaping, which the XML writer does)."""
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def decode_text(text: str) -> str:
    """OOXML cell text as the characters it stands for (the inverse of :func:`encode_text`)."""
    if ESCAPE_MARK not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def escape_xml(text: str) -> str:
    """``text`` as the content of an XML element written as a string."""
    return encode_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def encode_number(value: numbers.Real | float) -> str | None:
    """The ``<v>`` text of a number; None when it is not finite (the cell is ``#NUM!``)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    f = float(value)
    if not math.isfinite(f):
        return None
    return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)

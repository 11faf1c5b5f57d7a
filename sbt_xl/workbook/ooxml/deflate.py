"""Raw deflate for zip members: ISA-L (python-isal) when it is installed, else zlib.

A checked copy deflates the ~460 KB of parts it changes; in a batch that was the largest
single cost left. ISA-L's level 1 deflates those parts in 1.1 ms where zlib's level 3
takes 3.4 ms (10 % more bytes). It is imported when the first part is deflated (2–9 ms:
a check that writes nothing does not pay it); inflating stays with the standard
library's zlib, already loaded by :mod:`zipfile`. Both write plain deflate, so a file
written with one is read with the other; zlib writes where isal has no wheel.
"""

from __future__ import annotations

import functools
import zlib
from types import ModuleType

#: Level per back end: the fastest that still deflates within ~10 % of zlib's level 3.
LEVELS = {"isal": 1, "zlib": 3}
#: What a damaged stream raises when it is inflated.
ERRORS = (zlib.error,)


@functools.cache
def _isal() -> ModuleType | None:
    try:
        from isal import isal_zlib
    except ImportError:  # pragma: no cover (a platform without the wheel)
        return None
    return isal_zlib


def backend() -> str:
    """The back end :func:`compress` uses: ``isal`` when installed, else ``zlib``."""
    return "zlib" if _isal() is None else "isal"


def _module(name: str) -> ModuleType:
    if name == "isal":
        found = _isal()
        if found is None:
            raise ValueError("python-isal is not installed")
        return found
    return zlib


def compress(data: bytes, name: str | None = None) -> bytes:
    """``data`` as a raw deflate stream (no zlib header: what a zip member holds), with
    the back end ``name`` (default: :func:`backend`)."""
    name = name or backend()
    z = _module(name)
    comp = z.compressobj(LEVELS[name], z.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def inflate(raw: bytes, limit: int) -> bytes:
    """The raw deflate stream ``raw`` inflated, never to more than ``limit`` bytes (a
    longer result is cut at ``limit``: the caller compares it with the size it expects).
    Raises one of :data:`ERRORS` when the stream is damaged."""
    return zlib.decompressobj(-15).decompress(raw, limit)

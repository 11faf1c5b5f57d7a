"""The deflate back ends: what each writes, the standard library (and Python's zipfile)
reads, and inflating is bounded."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.workbook.ooxml import deflate

BACKENDS = ["zlib", *(["isal"] if deflate.backend() == "isal" else [])]


def samples() -> list[bytes]:
    rng = random.Random(3)
    with zipfile.ZipFile(WORKBOOKS / "example_pass_en.xlsx") as z:
        parts = [z.read(n) for n in z.namelist()[:12]]
    return [b"", b"x", bytes(rng.getrandbits(8) for _ in range(70_000)), *parts]


@pytest.mark.parametrize("backend", BACKENDS)
def test_what_a_back_end_writes_zlib_reads(backend):
    for data in samples():
        comp = deflate.compress(data, backend)
        assert zlib.decompress(comp, -15) == data
        assert deflate.inflate(comp, len(data) + 1) == data


def test_inflating_stops_at_the_limit():
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = b"".join(c.compress(bytes(1 << 20)) for _ in range(256)) + c.flush()  # 256 MiB
    assert len(deflate.inflate(bomb, 1001)) == 1001


def test_a_damaged_stream_raises_one_of_errors():
    comp = bytearray(deflate.compress(samples()[3]))
    comp[0] ^= 0xFF  # block type 3 (reserved) in the first header bits
    comp[1:9] = b"\xff" * 8
    with pytest.raises(deflate.ERRORS):
        deflate.inflate(bytes(comp), 1 << 20)


def test_a_checked_copy_passes_zipfiles_own_crc_check(tmp_path):
    """Every member the writer deflated is read back by the standard library's inflate."""
    from sbt_xl.validate import validate_file

    out = tmp_path / "checked.xlsx"
    validate_file(WORKBOOKS / "example_errors_en.xlsx", out=out)
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        assert z.testzip() is None

"""The deflate back ends: what one writes the other (and Python's zipfile) reads, inflating
is bounded, and damage is refused the same way."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.workbook.ooxml import deflate
from sbt_xl.workbook.ooxml.package import open_zip

BACKENDS = ["zlib", *(["isal"] if deflate.ISAL is not None else [])]


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
        assert deflate.crc32(data, backend) == zlib.crc32(data)


@pytest.mark.parametrize("backend", BACKENDS)
def test_what_zlib_writes_a_back_end_reads(backend):
    for data in samples():
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        assert deflate.inflate(c.compress(data) + c.flush(), len(data) + 1, backend) == data


@pytest.mark.parametrize("backend", BACKENDS)
def test_inflating_stops_at_the_limit(backend):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = b"".join(c.compress(bytes(1 << 20)) for _ in range(256)) + c.flush()  # 256 MiB
    assert len(deflate.inflate(bomb, 1001, backend)) == 1001


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_damaged_stream_raises_one_of_errors(backend):
    comp = bytearray(deflate.compress(samples()[3], backend))
    comp[0] ^= 0xFF  # block type 3 (reserved) in the first header bits
    comp[1:9] = b"\xff" * 8
    with pytest.raises(deflate.ERRORS):
        deflate.inflate(bytes(comp), 1 << 20, backend)


def test_a_checked_copy_passes_zipfiles_own_crc_check(tmp_path):
    """Every member the writer deflated is read back by the standard library's inflate."""
    from sbt_xl.validate import validate_file

    out = tmp_path / "checked.xlsx"
    validate_file(WORKBOOKS / "example_errors_en.xlsx", out=out)
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        assert z.testzip() is None
    package = open_zip(out)
    assert all(package.read(n) is not None for n in package.names)

"""Refuse before touching: hostile or unsuitable files and targets give exit status 2, one
line that names the file, no traceback, and an unchanged input."""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import lo_helpers
import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.cli import main
from sbt_xl.workbook import files

PASS = WORKBOOKS / "example_pass_en.xlsx"
ERRORS = WORKBOOKS / "example_errors_en.xlsx"


def refused(argv: list[str], capsys, *, names: str, says: str = "") -> str:
    """Run the command line; it must exit 2 with one line naming ``names``."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert names in lines[0] and "Traceback" not in err
    assert says in lines[0], lines[0]
    return lines[0]


def _copy(tmp_path: Path, src: Path = PASS, name: str = "book.xlsx") -> Path:
    dst = tmp_path / name
    shutil.copy(src, dst)
    return dst


def _rewrite_member(src: Path, dst: Path, member: str, data: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(info, data if info.filename == member else zin.read(info.filename))


# --- files that cannot be checked -------------------------------------------------------

def test_password_protected_workbook(tmp_path, capsys):
    from msoffcrypto.format.ooxml import OOXMLFile
    path = tmp_path / "locked.xlsx"
    with PASS.open("rb") as fh, path.open("wb") as out:
        OOXMLFile(fh).encrypt("secret", out)
    before = path.read_bytes()
    refused(["validate", str(path)], capsys, names="locked.xlsx", says="password")
    refused(["validate", str(path), "--lang", "ja"], capsys, names="locked.xlsx",
            says="パスワード")
    assert path.read_bytes() == before


def test_legacy_xls(tmp_path, capsys):
    soffice = lo_helpers.require()
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/p", "--headless",
                    "--convert-to", "xls", "--outdir", str(tmp_path), str(PASS)],
                   capture_output=True, timeout=300, check=True)
    path = tmp_path / "example_pass_en.xls"
    refused(["validate", str(path)], capsys, names="example_pass_en.xls", says=".xls")


def test_corrupt_member(tmp_path, capsys):
    path = _copy(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename) + 40
    data[start:start + 16] = bytes(16)  # damage the deflated stream
    path.write_bytes(bytes(data))
    line = refused(["validate", str(path), "--in-place"], capsys, names="book.xlsx")
    assert "xl/worksheets/sheet2.xml" in line
    assert path.read_bytes() == bytes(data)


def test_malformed_sheet_xml(tmp_path, capsys):
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(PASS) as z:
        xml = z.read("xl/worksheets/sheet3.xml")
    _rewrite_member(PASS, path, "xl/worksheets/sheet3.xml", xml[:-40])
    line = refused(["validate", str(path)], capsys, names="broken.xlsx", says="XML")
    assert "xl/worksheets/sheet3.xml" in line


def test_entity_bomb(tmp_path, capsys):
    path = tmp_path / "lol.xlsx"
    with zipfile.ZipFile(PASS) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    lol = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
           + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                     for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + "]>")
    xml = xml.replace("<worksheet", lol + "<worksheet", 1).replace("not checked yet", "&i;")
    _rewrite_member(PASS, path, "xl/worksheets/sheet1.xml", xml.encode())
    line = refused(["validate", str(path), "-o", str(tmp_path / "out.xlsx")], capsys,
                   names="lol.xlsx", says="DTD")
    assert "sheet1.xml" in line and not (tmp_path / "out.xlsx").exists()


def _bomb(path: Path, size: int, *, lie: bool) -> None:
    """A workbook whose Inventory sheet inflates to ``size`` bytes; ``lie`` declares
    1 KB in the zip's headers instead (a bomb that hides its size)."""
    with zipfile.ZipFile(PASS) as z:
        head = z.read("xl/worksheets/sheet3.xml")[:200]
    comp = zlib_stream(head, size)
    buf = io.BytesIO()
    with zipfile.ZipFile(PASS) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet3.xml":
                z.writestr(info, zin.read(info.filename))
    data = bytearray(buf.getvalue())
    # append the bomb member by hand (zipfile would inflate nothing but needs the data)
    import struct
    import zlib
    declared = 1024 if lie else size
    crc = zlib.crc32(head) if lie else 0
    name = b"xl/worksheets/sheet3.xml"
    end = data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack("<II", data[end + 12:end + 20])
    central = bytes(data[cd_offset:cd_offset + cd_size])
    count = struct.unpack("<H", data[end + 10:end + 12])[0]
    body = bytes(data[:cd_offset])
    offset = len(body)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp),
                        declared, len(name), 0) + name + comp
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                        len(comp), declared, len(name), 0, 0, 0, 0, 0, offset) + name
    new_cd = central + entry
    tail = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(new_cd),
                       offset + len(local), 0)
    path.write_bytes(body + local + new_cd + tail)


@functools.cache
def zlib_stream(head: bytes, size: int) -> bytes:
    import zlib
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [comp.compress(head)]
    chunk = b" " * (1 << 20)
    for _ in range((size - len(head)) // len(chunk)):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    return b"".join(parts)


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "hidden"])
def test_zip_bomb_refused_fast_with_flat_memory(tmp_path, lie):
    path = tmp_path / "bomb.xlsx"
    _bomb(path, 1200 * 1024 * 1024, lie=lie)
    assert path.stat().st_size < 2 * 1024 * 1024
    # the child's own peak: VmHWM (Linux's ru_maxrss keeps, across exec, the peak of the
    # process that forked it: pytest's, which grows with the tests run before this one)
    code = ("import re, resource, sys\nfrom pathlib import Path\nfrom sbt_xl.cli import main\n"
            f"rc = main(['validate', {str(path)!r}])\n"
            "status = Path('/proc/self/status')\n"
            "hwm = status.exists() and re.search(r'VmHWM:\\s*(\\d+)', status.read_text())\n"
            "peak = hwm[1] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print('peak_kb', peak)\n"
            "sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "bomb.xlsx" in proc.stderr and "Traceback" not in proc.stderr
    assert "sheet3.xml" in proc.stderr
    peak_kb = int(proc.stdout.split("peak_kb")[1])
    assert peak_kb < 250 * 1024, f"peak {peak_kb / 1024:.0f} MB for a 1.2 GB bomb"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_part_hiding_its_size_is_refused_in_the_users_language(tmp_path, lang):
    path = tmp_path / "bomb.xlsx"
    _bomb(path, 64 * 1024 * 1024, lie=True)
    proc = subprocess.run([sys.executable, "-m", "sbt_xl.cli", "validate", str(path),
                           "--lang", lang], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "sheet3.xml" in proc.stderr and "1,024" in proc.stderr
    assert ("declares" in proc.stderr) == (lang == "en")
    assert ("記録された" in proc.stderr) == (lang == "ja")
    assert "declared" not in proc.stderr


# --- targets sbt-xl must not write --------------------------------------------------------

def test_read_only_file_refused_even_as_root(tmp_path, capsys):
    path = _copy(tmp_path)
    path.chmod(0o444)
    before = path.read_bytes()
    refused(["validate", str(path), "--in-place"], capsys, names="book.xlsx", says="read-only")
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o444


def test_same_name_inputs_refused_before_anything_is_written(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    _copy(a, PASS, "回答.xlsx"), _copy(b, ERRORS, "回答.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    refused(["validate", str(a / "回答.xlsx"), str(b / "回答.xlsx"), "-o", str(out)], capsys,
            names="回答.xlsx")
    assert list(out.iterdir()) == []


def test_output_that_is_the_input_needs_in_place(tmp_path, capsys):
    path = _copy(tmp_path)
    before = path.read_bytes()
    refused(["validate", str(path), "-o", str(tmp_path)], capsys, names="book.xlsx",
            says="--in-place")
    assert path.read_bytes() == before


def test_in_place_through_a_symlink_keeps_the_link(tmp_path, capsys):
    real = _copy(tmp_path, ERRORS, "real.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    assert main(["validate", str(link), "--in-place"]) == 1
    capsys.readouterr()
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes() != ERRORS.read_bytes()


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_written_files_get_the_umask_mode(tmp_path, capsys, mask):
    old = os.umask(mask)
    try:
        assert main(["validate", str(PASS), "-o", str(tmp_path / "out.xlsx")]) == 0
        assert main(["template", str(tmp_path / "t.xlsx")]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    for name in ("out.xlsx", "t.xlsx"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~mask, name


def test_in_place_keeps_the_files_mode(tmp_path, capsys):
    path = _copy(tmp_path, ERRORS)
    path.chmod(0o640)
    assert main(["validate", str(path), "--in-place"]) == 1
    capsys.readouterr()
    assert path.stat().st_mode & 0o777 == 0o640


def test_template_does_not_overwrite_without_force(tmp_path, capsys):
    path = _copy(tmp_path, ERRORS, "filled.xlsx")
    before = path.read_bytes()
    refused(["template", str(path)], capsys, names="filled.xlsx", says="--force")
    assert path.read_bytes() == before
    assert main(["template", str(path), "--force"]) == 0
    assert path.read_bytes() == (WORKBOOKS / "sbt_template_en.xlsx").read_bytes()


@pytest.mark.parametrize("src, out, says", [
    ("xlsm", "out.xlsx", ".xlsm"), ("xlsx", "out.xlsm", ".xlsx")])
def test_macro_workbooks_stay_xlsm(tmp_path, capsys, src, out, says):
    from decorated import make
    book = make(tmp_path, macro=src == "xlsm")
    refused(["validate", str(book), "-o", str(tmp_path / out)], capsys, names=out, says=says)
    assert not (tmp_path / out).exists()


@pytest.mark.parametrize("out", ["out.xlsx", "out.xlsm"])
def test_an_xlsm_without_a_vba_project_may_become_either(tmp_path, capsys, out):
    """LibreOffice saves any .xlsm as macro-enabled, with no VBA project in it: there are
    no macros to lose, so the checked copy may be .xlsx as well as .xlsm; its workbook
    part takes the type its extension asks for."""
    src = tmp_path / "calc.xlsm"
    with zipfile.ZipFile(ERRORS) as z, zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                assert b"macroEnabled" in data
            w.writestr(info, data)
    assert main(["validate", str(src), "-o", str(tmp_path / out)]) == 1
    capsys.readouterr()
    with zipfile.ZipFile(tmp_path / out) as z:
        types = z.read("[Content_Types].xml")
    assert (b"macroEnabled" in types) == (out == "out.xlsm")


def test_stale_temporary_files_are_cleaned(tmp_path, capsys):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f"{files.TEMP_PREFIX}{dead}-abc.tmp"
    stale.write_bytes(b"half a workbook")
    mine = tmp_path / "someone-elses.tmp"
    mine.write_bytes(b"keep")
    assert main(["validate", str(PASS), "-o", str(tmp_path / "out.xlsx")]) == 0
    capsys.readouterr()
    assert not stale.exists() and mine.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "someone-elses.tmp"]


def test_unexpected_errors_are_one_line_and_a_log(tmp_path, capsys, monkeypatch):
    import sbt_xl.validate as v

    def boom(*a, **k):
        raise RuntimeError("surprise")

    monkeypatch.setattr(v, "check", boom)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    line = refused(["validate", str(PASS)], capsys, names="example_pass_en.xlsx",
                   says="surprise")
    log = Path(line.rsplit(" ", 1)[-1])
    assert log.is_file() and "RuntimeError: surprise" in log.read_text()


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "lying"])
def test_zip_bomb_in_a_rolled_up_folder_is_one_unreadable_file(tmp_path, lie):
    """The roll-up reads sheets lazily: a bomb sheet is still inflated only within its
    bound, before python-calamine sees it, and becomes that file's problem."""
    folder = tmp_path / "subs"
    folder.mkdir()
    _bomb(folder / "bomb.xlsx", 1200 * 1024 * 1024, lie=lie)
    shutil.copy(PASS, folder / "ok.xlsx")
    code = ("import resource, sys\nfrom sbt_xl.cli import main\n"
            f"rc = main(['consolidate', {str(folder)!r}, '-o', {str(tmp_path / 'g.xlsx')!r},"
            " '-j', '1'])\n"
            "print('peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
            "sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1, proc.stderr  # findings: one file not counted
    line = next(x for x in proc.stdout.splitlines() if x.startswith("✖ bomb.xlsx"))
    assert "sheet3.xml" in line and "Traceback" not in proc.stderr
    peak_mb = int(proc.stdout.split("peak_kb")[1].split()[0]) / 1024
    assert peak_mb < 400, peak_mb  # a 1.2 GB sheet was never inflated


@pytest.mark.parametrize("data, declares", [
    (b'<?xml version="1.0"?><worksheet/>', False),
    (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><worksheet>&a;</worksheet>', True),
    # a comment that holds a "<" must not end the walk before the DOCTYPE behind it
    (b'<?xml version="1.0"?><!-- <a --><!DOCTYPE w [<!ENTITY e "x">]><w>&e;</w>', True),
    (b'<!-- c --><?pi x?><worksheet><t>&lt;!DOCTYPE</t></worksheet>', False),
    (b'<?xml version="1.0"?><!-- never closed <!DOCTYPE', True),
    (b"\n\n<!doctype x><w/>", True),
])
def test_a_dtd_is_found_wherever_xml_allows_one(data, declares):
    from sbt_xl.errors import SbtError
    from sbt_xl.workbook.ooxml import xml
    if declares:
        with pytest.raises(SbtError):
            xml.refuse_dtd(data, "f.xlsx", "xl/worksheets/sheet1.xml")
    else:
        xml.refuse_dtd(data, "f.xlsx", "xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("main_part", ["word/document.xml", "ppt/presentation.xml"])
def test_a_word_or_powerpoint_file_renamed_xlsx_is_named(tmp_path, capsys, main_part):
    """Once python-calamine's own words reached the user: "Cannot detect file format"."""
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr(main_part, "<x/>")
    line = refused(["validate", str(path)], capsys, names="report.xlsx", says="Word")
    assert "Excel" in line


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("command", ["validate", "consolidate"])
def test_a_workbook_cut_short_is_told_apart_from_a_file_that_is_no_zip(tmp_path, lang,
                                                                       command):
    cut, text = tmp_path / "cut" / "cut.xlsx", tmp_path / "text" / "text.xlsx"
    for path, data in ((cut, PASS.read_bytes()[:20_000]), (text, b"name,scope1\nA,1\n")):
        path.parent.mkdir()
        path.write_bytes(data)
    said = {}
    for path in (cut, text):
        args = [str(path)] if command == "validate" else \
            [str(path.parent), "-o", str(tmp_path / f"g_{path.stem}.xlsx")]
        proc = subprocess.run([sys.executable, "-m", "sbt_xl.cli", command, *args,
                               "--lang", lang], capture_output=True, text=True, timeout=60)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr, proc.stderr
        said[path.stem] = proc.stdout + proc.stderr
    cut_words = {"en": "cut short", "ja": "途中で切れて"}[lang]
    assert cut_words in said["cut"] and cut_words not in said["text"]

"""The command-line contract every writing command keeps (issue 21): a refusal is one line
on stderr, exit 2 and nothing changed on disk; a Ctrl-C is one line, exit 130 and nothing
changed; a batch stopped by Ctrl-C lists what it wrote and what it did not."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from workbook_helpers import ROOT, WORKBOOKS

from sbt_xl.cli import main
from sbt_xl.workbook import files

PASS = WORKBOOKS / "example_pass_en.xlsx"
OLD = ROOT / "tests" / "data" / "template_v1" / "example_pass_en.xlsx"


def _inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    book = folder / "book.xlsx"
    shutil.copy(PASS, book)
    old = folder / "old.xlsx"
    shutil.copy(OLD, old)
    table = folder / "wording.csv"
    table.write_text("company,text\nA,Reduce absolute scope 1 and 2 GHG emissions 42% "
                     "by 2030 from a 2020 base year\n", encoding="utf-8")
    return {"book": book, "old": old, "table": table}


#: command → (argv for an output ``out``, a good name for the output, a wrong one).
COMMANDS: dict[str, tuple[Callable[[dict[str, Path], str], list[str]], str, str]] = {
    "template": (lambda i, out: ["template", out], "t.xlsx", "t.csv"),
    "example": (lambda i, out: ["example", "-o", out], "e.xlsx", "e.xlsm"),
    "upgrade": (lambda i, out: ["upgrade", str(i["old"]), "-o", out], "u.xlsx", "u.html"),
    "report": (lambda i, out: ["report", str(i["book"]), "-o", out], "r.html", "r.xlsx"),
    "targets": (lambda i, out: ["targets", str(i["table"]), "--text-column", "text",
                                "-o", out], "t.csv", "t.json"),
    "validate": (lambda i, out: ["validate", str(i["book"]), "-o", out], "v.xlsx", "v.csv"),
    "consolidate": (lambda i, out: ["consolidate", str(i["book"]), "-o", out], "g.xlsx",
                    "g.csv"),
}


def _snapshot(root: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file and folder under ``root``: its mode and its bytes."""
    return {str(p.relative_to(root)): (p.stat().st_mode,
                                       None if p.is_dir() else p.read_bytes())
            for p in sorted(root.rglob("*"))}


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    cap = capsys.readouterr()
    lines = cap.err.strip().splitlines()
    assert cap.out == "" and len(lines) == 1, (cap.out, cap.err)
    assert lines[0].startswith("sbt-xl: ") and "Traceback" not in cap.err
    return lines[0]


def _lock(out: Path) -> str:
    out.write_bytes(b"the user's file")
    (out.parent / ("~$" + out.name)).write_bytes(b"")
    return "~$" + out.name


def _read_only_folder(out: Path) -> str:
    out.parent.chmod(0o555)
    return "read-only"


def _missing_folder(out: Path) -> str:
    return "does not exist"


def _existing(out: Path) -> str:
    out.write_bytes(b"the user's file")
    return "--force"


SITUATIONS: dict[str, tuple[Callable[[Path], str], bool]] = {
    # situation → (set it up for ``out``, returning a word the one line must hold;
    #              whether --force is given: a lock or a read-only folder refuses even so)
    "lock file": (_lock, True),
    "read-only folder": (_read_only_folder, True),
    "missing folder": (_missing_folder, False),
    "existing output": (_existing, False),
}


@pytest.mark.parametrize("situation", list(SITUATIONS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_refusals_are_one_line_exit_2_and_change_nothing(tmp_path, capsys, command,
                                                          situation):
    inputs = _inputs(tmp_path / "in")
    argv, good, _ = COMMANDS[command]
    setup, force = SITUATIONS[situation]
    folder = tmp_path / ("missing" if situation == "missing folder" else "out")
    if situation != "missing folder":
        folder.mkdir()
    out = folder / good
    word = setup(out)
    before = _snapshot(tmp_path)
    try:
        code = main([*argv(inputs, str(out)), "--lang", "en", *(["--force"] * force)])
        after = _snapshot(tmp_path)
    finally:
        if folder.exists():
            folder.chmod(0o755)
    line = _one_line(capsys)
    assert code == 2, line
    assert word in line, line
    assert after == before


@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_output_named_for_another_kind_is_refused(tmp_path, capsys, command):
    inputs = _inputs(tmp_path / "in")
    argv, good, wrong = COMMANDS[command]
    before = _snapshot(tmp_path)
    assert main([*argv(inputs, str(tmp_path / wrong)), "--force"]) == 2
    line = _one_line(capsys)
    assert Path(good).suffix in line, line  # names the extension that fits
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("command", list(COMMANDS))
def test_ctrl_c_while_writing_is_one_line_exit_130_and_changes_nothing(
        tmp_path, capsys, monkeypatch, command):
    """The Ctrl-C arrives when the finished file is about to take the output's place:
    the latest moment, where a non-atomic writer would leave half a file."""
    inputs = _inputs(tmp_path / "in")
    argv, good, _ = COMMANDS[command]
    out = tmp_path / good
    out.write_bytes(b"the user's file")
    before = _snapshot(tmp_path)

    def interrupt(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupt)
    code = main([*argv(inputs, str(out)), "--force", "--lang", "ja"])
    monkeypatch.undo()
    cap = capsys.readouterr()
    lines = cap.err.strip().splitlines()
    assert code == 130, cap.err
    assert lines[-1] == "sbt-xl: 中断しました。何も書き込んでいません", cap.err
    assert len(lines) == 1, cap.err
    assert _snapshot(tmp_path) == before  # no half file, no temporary file left


def test_a_stopped_batch_lists_what_was_written_and_what_was_not(tmp_path, capsys,
                                                                 monkeypatch):
    from sbt_xl.cli import workbook as cli_workbook
    inputs = [tmp_path / f"book{i}.xlsx" for i in range(5)]
    for p in inputs:
        shutil.copy(PASS, p)
    out = tmp_path / "checked"
    out.mkdir()
    real = cli_workbook.check_one
    calls = []

    def third_is_interrupted(job):
        calls.append(job)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(cli_workbook, "check_one", third_is_interrupted)
    code = main(["validate", *map(str, inputs), "-o", str(out), "-j", "1", "--lang", "en"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 130
    assert sorted(p.name for p in out.iterdir()) == ["book0.xlsx", "book1.xlsx"]
    assert err[0] == ("sbt-xl: interrupted after 2 of 5 files: 2 outputs written, "
                      "3 not written (listed below)")
    written = [line.split(": ", 1)[1] for line in err if "  written: " in line]
    missing = [line.split(": ", 1)[1] for line in err if "not written: " in line]
    assert [Path(p).name for p in written] == ["book0.xlsx", "book1.xlsx"]
    assert [Path(p).name for p in missing] == ["book2.xlsx", "book3.xlsx", "book4.xlsx"]
    assert all(Path(p).exists() for p in written)
    assert not any(Path(p).exists() for p in missing)


def test_a_chunk_stopped_in_a_worker_returns_what_it_finished(tmp_path, monkeypatch):
    """In worker processes the Ctrl-C reaches each worker: its chunk returns the outcomes
    done so far, so the batch still knows which copies exist."""
    from sbt_xl.cli import workbook as cli_workbook
    jobs = []
    for i in range(3):
        shutil.copy(PASS, tmp_path / f"b{i}.xlsx")
        jobs.append(cli_workbook.Job(str(tmp_path / f"b{i}.xlsx"),
                                     str(tmp_path / f"c{i}.xlsx"), "v5", "en"))
    real = cli_workbook.check_one
    monkeypatch.setattr(cli_workbook, "check_one", lambda job: real(job) if job is not jobs[1]
                        else (_ for _ in ()).throw(KeyboardInterrupt))
    done = cli_workbook.check_many(tuple(jobs))
    assert [Path(o.written).name for o in done] == ["c0.xlsx"]
    assert not (tmp_path / "c1.xlsx").exists() and not (tmp_path / "c2.xlsx").exists()


def test_validate_in_place_is_the_way_to_change_the_input(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    shutil.copy(PASS, book)
    assert main(["validate", str(book), "-o", str(book)]) == 2
    assert "--in-place" in _one_line(capsys)
    (tmp_path / "~$book.xlsx").write_bytes(b"")
    before = _snapshot(tmp_path)
    assert main(["validate", str(book), "--in-place"]) == 2
    assert "~$book.xlsx" in _one_line(capsys)
    assert _snapshot(tmp_path) == before
    os.unlink(tmp_path / "~$book.xlsx")
    assert main(["validate", str(book), "--in-place"]) == 0
    assert book.read_bytes() != PASS.read_bytes()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    import zipfile
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize(("name", "members", "en", "ja"), [
    ("sheet.ods", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                   "content.xml": b"<office:document-content/>"}, "OpenDocument", "OpenDocument"),
    ("book.xlsb", {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01"},
     ".xlsb", ".xlsb"),
    ("strict.xlsx", {"[Content_Types].xml": b"<Types/>", "_rels/.rels": (
        b'<Relationships><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/'
        b'officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/>'
        b"</Relationships>")}, "Strict Open XML", "Strict Open XML"),
    ("notes.xlsx", {"readme.txt": b"hello"}, "[Content_Types].xml", "Office Open XML"),
])
def test_refusals_say_what_the_file_is_in_the_users_language(tmp_path, capsys, name,
                                                             members, en, ja):
    path = _zip(tmp_path / name, members)
    assert main(["validate", str(path), "--lang", "en"]) == 2
    assert en in _one_line(capsys)
    assert main(["validate", str(path), "--lang", "ja"]) == 2
    line = _one_line(capsys)
    assert ja in line
    # Japanese throughout: no English word of three letters or more besides the names
    rest = line.removeprefix("sbt-xl: ").replace(str(path), "").replace("[Content_Types].xml", "")
    english = set(re.findall(r"\b[a-z]{3,}\b", rest))
    assert not english - {"xlsx", "xlsm", "xlsb", "ods"}, line


def test_a_file_that_is_no_zip_is_refused_in_japanese(tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_text("not a workbook")
    assert main(["validate", str(path), "--lang", "ja"]) == 2
    line = _one_line(capsys)
    assert "zip" in line and "File is not" not in line


def test_targets_checks_its_column_before_any_row(tmp_path, capsys):
    """A header without the column is refused even when no data row follows."""
    table = tmp_path / "in.csv"
    table.write_text("company,wording\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["targets", str(table), "--text-column", "text", "-o", str(out)]) == 2
    line = _one_line(capsys)
    assert "text" in line and "company, wording" in line
    assert not out.exists()


def test_targets_reads_the_sheet_it_is_given(tmp_path, capsys):
    import openpyxl
    book = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "About"
    wb.active.append(["This file lists targets on the next sheet"])
    ws = wb.create_sheet("Targets")
    ws.append(["company", "text"])
    ws.append(["A", "Reduce absolute scope 1 and 2 GHG emissions 42% by 2030 from a 2020 "
                    "base year"])
    wb.save(book)
    out = tmp_path / "out.csv"
    assert main(["targets", str(book), "--text-column", "text", "-o", str(out)]) == 2
    assert "text" in _one_line(capsys)  # the first sheet has no such column
    assert main(["targets", str(book), "--sheet", "Nope", "--text-column", "text",
                 "-o", str(out)]) == 2
    assert "About, Targets" in _one_line(capsys)
    assert main(["targets", str(book), "--sheet", "Targets", "--text-column", "text",
                 "-o", str(out), "--json"]) == 0
    import json
    assert json.loads(capsys.readouterr().out)["targets"] == 1


@pytest.mark.parametrize("presses, n", [(1, 40), (3, 120)])
def test_ctrl_c_on_a_batch_in_worker_processes(tmp_path, presses, n):
    """A real SIGINT to the process group (what Ctrl-C in a terminal sends) while two
    workers check 40 files, pressed once or three times (people press again when the
    first takes a moment): exit 130, no traceback, every copy listed as written exists and
    is whole, none listed as not written exists, no temporary file is left."""
    import signal
    import subprocess
    import sys
    import time
    import zipfile
    inputs = []
    for i in range(n):
        shutil.copy(PASS, tmp_path / f"b{i:03d}.xlsx")
        inputs.append(str(tmp_path / f"b{i:03d}.xlsx"))
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sbt_xl.cli", "validate", *inputs, "-o", str(out), "-j", "2",
         "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not any(p.suffix == ".xlsx" for p in out.iterdir()) and proc.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    for _ in range(presses):
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.3)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.splitlines()
    written = [li.split(": ", 1)[1] for li in lines if li.startswith("  written: ")]
    missing = [li.split(": ", 1)[1] for li in lines if li.startswith("  not written: ")]
    assert len(written) + len(missing) == n or lines[0].endswith("nothing was written")
    for path in written:
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
    assert not any(Path(p).exists() for p in missing)
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for p in written)


@pytest.mark.parametrize("argv", [["template", ""], ["validate", str(PASS), "-o", ""],
                                  ["report", str(PASS), "-o", ""], ["validate", ""],
                                  ["consolidate", str(WORKBOOKS), "-o", " "]])
def test_an_empty_file_name_is_one_line_and_writes_nothing(argv, capsys, tmp_path,
                                                           monkeypatch):
    """`-o "$UNSET"`: it reached the unexpected-error path, and `validate -o ''` wrote a
    checked copy into the current folder."""
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert _one_line(capsys).count("empty") == 1
    assert list(tmp_path.iterdir()) == []


def test_an_input_open_in_excel_is_checked_as_saved_and_said(tmp_path, capsys):
    """Unsaved edits in Excel are not in the file: the user is told, once, on stderr."""
    book = tmp_path / "book.xlsx"
    shutil.copy(PASS, book)
    (tmp_path / "~$book.xlsx").write_bytes(b"owner")
    assert main(["validate", str(book), "--lang", "en"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "open in Excel" in err[0] and "~$book.xlsx" in err[0]
    (tmp_path / "~$book.xlsx").unlink()
    assert main(["validate", str(book), "--lang", "en"]) == 0
    assert capsys.readouterr().err == ""

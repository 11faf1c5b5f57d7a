"""``sbt-xl validate``: summaries, JSON findings and exit statuses 0 / 1 / 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from workbook_helpers import WORKBOOKS

from sbt_xl.cli import main

PASS, ERRORS, CEMENT = (WORKBOOKS / n for n in ("example_pass_en.xlsx",
                                                 "example_errors_en.xlsx",
                                                 "example_cement_ja.xlsx"))


def test_exit_0_without_errors_and_1_with(capsys):
    assert main(["validate", str(PASS)]) == 0
    assert "0 errors" in capsys.readouterr().out
    assert main(["validate", str(ERRORS), str(PASS)]) == 1
    out = capsys.readouterr().out
    assert "TARGET-YEAR" in out and "'Targets'!E5" in out


def test_json_findings(capsys):
    assert main(["validate", str(ERRORS), "--json", "--lang", "ja"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(set(r) == {"file", "rule", "severity", "field", "cell", "message",
                                    "criteria"} for r in rows)
    by_rule = {r["rule"]: r for r in rows}
    assert by_rule["TARGET-YEAR"] == {
        "file": str(ERRORS), "rule": "TARGET-YEAR", "severity": "error",
        "field": "targets.1.target_year", "cell": "'Targets'!E5",
        "message": by_rule["TARGET-YEAR"]["message"], "criteria": "v5-2026"}
    assert "申請" in by_rule["TARGET-YEAR"]["message"]


def test_criteria_option_changes_the_rules(capsys):
    assert main(["validate", str(CEMENT), "--criteria", "v5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["validate", str(CEMENT), "--criteria", "nz1", "--json"]) == 1
    assert {r["rule"] for r in json.loads(capsys.readouterr().out)} == {"S3-TRIGGER"}


def test_exit_2_when_a_file_cannot_be_read(tmp_path, capsys):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    assert main(["validate", str(bad), str(PASS)]) == 2
    captured = capsys.readouterr()
    assert "notes.xlsx" in captured.err and "Traceback" not in captured.err
    assert main(["validate", str(tmp_path / "missing.xlsx"), "--lang", "ja"]) == 2
    assert "ファイルがありません" in capsys.readouterr().err


def test_out_folder_for_many_files_and_in_place(tmp_path, capsys):
    out = tmp_path / "checked"
    out.mkdir()
    assert main(["validate", str(PASS), str(ERRORS), "-o", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["example_errors_en.xlsx",
                                                    "example_pass_en.xlsx"]
    assert "Findings" in openpyxl.load_workbook(out / "example_errors_en.xlsx").sheetnames
    assert main(["validate", str(PASS), str(ERRORS), "-o", str(tmp_path / "x.xlsx")]) == 2
    copy = tmp_path / "mine.xlsx"
    shutil.copy(ERRORS, copy)
    assert main(["validate", str(copy), "--in-place"]) == 1
    assert "Findings" in openpyxl.load_workbook(copy).sheetnames
    capsys.readouterr()


def test_without_out_nothing_is_written(tmp_path):
    copy = tmp_path / "mine.xlsx"
    shutil.copy(ERRORS, copy)
    before = copy.read_bytes()
    assert main(["validate", str(copy)]) == 1
    assert copy.read_bytes() == before and len(list(tmp_path.iterdir())) == 1


def test_validate_imports_neither_pandas_nor_xlwings():
    """Start-up is what a ribbon click or a one-file check waits for: the validate path
    must not load the heavy packages it does not use (measured: pandas ~0.2 s, xlwings
    ~0.3 s, openpyxl ~0.15 s)."""
    import subprocess
    import sys
    code = ("import sys\nimport sbt_xl.cli\nloaded = {m for m in ('pandas', 'xlwings', "
            "'openpyxl') if m in sys.modules}\nassert not loaded, ('import', loaded)\n"
            f"rc = sbt_xl.cli.main(['validate', {str(CEMENT)!r}, '--json'])\n"
            "loaded = {m for m in ('pandas', 'xlwings', 'openpyxl') if m in sys.modules}\n"
            "assert not loaded, ('validate', loaded)\nsys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_many_files_run_in_worker_processes(tmp_path, capsys):
    """With --jobs 2 the files are checked in two processes; lines and exit status are
    the same as in one, in the order given."""
    files = [shutil.copy(src, tmp_path / f"{i}_{src.name}")
             for i, src in enumerate([PASS, ERRORS, CEMENT, PASS, ERRORS])]
    out1, out2 = tmp_path / "one", tmp_path / "two"
    out1.mkdir(), out2.mkdir()
    assert main(["validate", *map(str, files), "-o", str(out1), "--jobs", "1"]) == 1
    one = capsys.readouterr().out
    assert main(["validate", *map(str, files), "-o", str(out2), "--jobs", "2"]) == 1
    two = capsys.readouterr().out
    assert one.replace(str(out1), "X") == two.replace(str(out2), "X")
    heads = [line.split(":")[0] for line in two.splitlines() if not line.startswith(" ")]
    assert heads == [str(f) for f in files]
    for f in files:
        assert (out1 / Path(f).name).read_bytes() == (out2 / Path(f).name).read_bytes()

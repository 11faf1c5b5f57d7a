"""sbt-xl report: every finding, an SVG per chart, no network; opened in headless Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest
from markupsafe import escape
from PIL import Image
from workbook_helpers import WORKBOOKS

from sbt_xl.cli import main
from sbt_xl.report.pdf import browser, chromium_args
from sbt_xl.validate import validate_file


def _report(tmp_path: Path, name: str, *args: str) -> tuple[Path, str]:
    out = tmp_path / (Path(name).stem + ".html")
    main(["report", str(WORKBOOKS / name), "-o", str(out), *args])
    return out, out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, lang", [("example_errors_en.xlsx", "en"),
                                        ("example_errors_en.xlsx", "ja"),
                                        ("example_cement_ja.xlsx", "ja")])
def test_every_finding_is_in_the_report_with_its_cell(tmp_path, name, lang):
    out, page = _report(tmp_path, name, "--report-lang", lang)
    findings = validate_file(WORKBOOKS / name).findings  # the criteria the report uses
    rows = re.findall(r'<tr class="(error|warning|info)">', page)
    assert len(rows) == len(findings)
    for f in findings:
        assert str(escape(f.message(lang))) in page, f.message(lang)  # as Jinja escapes
        if f.address:
            assert f">{escape(f.address)}</a>" in page
    assert f'<html lang="{lang}">' in page


def test_one_svg_per_chart_and_nothing_fetched(tmp_path):
    out, page = _report(tmp_path, "example_pass_en.xlsx")
    # targets 1 and 2 are absolute from the inventory's base year; 3 is a RE target;
    # plus scope 3 by category
    assert page.count("<svg") == 3
    assert "Target 1: scope 1+2 down 42% by 2033" in page and "Scope 3 by category" in page
    no_namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", page)
    assert not re.search(r'(src|href)="(https?:)?//', no_namespaces)
    assert "<script" not in page and "<link" not in page
    assert "commits to reduce absolute scope 1 and 2 GHG emissions 42% by FY2033" in page
    # progress rows as reported, and the pathway the core computes for 2025: 183,200
    assert "183,200" in page and page.count("✔") >= 5


def test_exit_codes_and_refusal(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(WORKBOOKS / "example_pass_en.xlsx"), "-o", str(out)]) == 0
    assert main(["report", str(WORKBOOKS / "example_errors_en.xlsx"), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["report", str(WORKBOOKS / "example_errors_en.xlsx"), "-o", str(out),
                 "--force"]) == 1


def _require_browser() -> str:
    exe = browser()
    if exe is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI: Chromium is required; .ci/run installs it")
        pytest.skip("Chromium is not installed")
    return exe


def test_headless_chromium_shows_the_page(tmp_path):
    exe = _require_browser()
    out, _ = _report(tmp_path, "example_pass_en.xlsx")
    shot = tmp_path / "shot.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([*chromium_args(exe, profile), "--window-size=1100,2400",
                        f"--screenshot={shot}", out.resolve().as_uri()],
                       capture_output=True, timeout=120, check=True)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1100, 2400)
    pixels = np.asarray(image.resize((110, 240)), dtype=int)
    inked = float((pixels.sum(axis=2) < 600).mean())
    assert inked > 0.015, f"only {inked:.1%} of the page is drawn on"  # blank: 0 %
    # the verdict box's green and the charts' dark blue are on the screen
    colours = np.asarray(image.resize((220, 480)), dtype=int).reshape(-1, 3)
    for rgb, tolerance in (((0xC6, 0xEF, 0xCE), 12), ((0x1F, 0x4E, 0x79), 20)):
        assert (np.abs(colours - rgb).max(axis=1) < tolerance).any(), rgb


def test_pdf_beside_the_page(tmp_path):
    _require_browser()
    out = tmp_path / "r.html"
    assert main(["report", str(WORKBOOKS / "example_cement_ja.xlsx"), "-o", str(out),
                 "--pdf"]) == 0
    pdf = out.with_suffix(".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "サンプルセメント株式会社" in text and "Scope 3" in text

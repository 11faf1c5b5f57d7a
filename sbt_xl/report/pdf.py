"""The report page as PDF: printed by headless Chromium where installed, else by
LibreOffice (which needs its Writer/Web component, not in libreoffice-calc-nogui)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sbt_xl.errors import SbtError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def browser() -> str | None:
    return next((p for name in BROWSERS if (p := shutil.which(name))), None)


def chromium_args(exe: str, profile: str) -> list[str]:
    """Headless Chromium's flags (no sandbox only where it cannot have one: as root)."""
    args = [exe, "--headless", "--disable-gpu", f"--user-data-dir={profile}",
            "--no-first-run", "--hide-scrollbars"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args


def to_pdf(html: Path, pdf: Path) -> Path:
    """Print ``html`` into a scratch folder, then write it to ``pdf`` atomically (an
    interrupted or failed print leaves ``pdf`` as it was)."""
    from sbt_xl.workbook import files
    exe = browser()
    with tempfile.TemporaryDirectory() as profile:
        printed = Path(profile) / "printed" / (html.stem + ".pdf")
        printed.parent.mkdir()
        if exe:
            cmd = [*chromium_args(exe, profile), "--no-pdf-header-footer",
                   f"--print-to-pdf={printed}", html.resolve().as_uri()]
        elif soffice := shutil.which("soffice"):
            cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(printed.parent), str(html)]
        else:
            raise SbtError("no_pdf_printer", field=str(pdf))
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        if proc.returncode != 0 or not printed.exists():
            raise SbtError("pdf_failed", field=str(pdf),
                           value=(proc.stderr or proc.stdout)[-300:])
        files.write_atomic(pdf, printed.read_bytes())
    return pdf

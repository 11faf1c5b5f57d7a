"""LibreOffice, the stand-in spreadsheet application: find it, convert with it.

Without ``soffice`` the tests that need it skip on a developer machine and fail under CI
(``.ci/run`` installs Debian's libreoffice-calc-nogui).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def require() -> str:
    """The soffice path; skips the calling module (fails under CI) when it is missing."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI: LibreOffice (soffice) is required; .ci/run installs it")
        pytest.skip("LibreOffice is not installed", allow_module_level=True)
    return SOFFICE


def convert(files: list[Path], to: str, out: Path, profile: Path) -> list[Path]:
    """Open ``files`` in LibreOffice headless and save them as ``to`` (xlsx: recalculated)."""
    proc = subprocess.run(
        [require(), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", to, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300)
    results = [out / (f.stem + "." + to.split(":")[0]) for f in files]
    missing = [r for r in results if not r.exists()]
    assert proc.returncode == 0 and not missing, (proc.stdout, proc.stderr, missing)
    return results


#: The fonts the printing tests measure with: Calibri or its metric twin Carlito for
#: Latin text (the template's font), a Japanese font for the Japanese labels.
FONTS = {"Calibri or Carlito (fonts-crosextra-carlito)": ("Calibri", "Carlito"),
         "a Japanese font (fonts-noto-cjk)": ("Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic",
                                               "IPAexGothic", "TakaoPGothic")}


def require_fonts() -> None:
    """Skip the calling module (fail under CI) unless the fonts the row heights and page
    counts are estimated for are installed: other fonts wrap text differently."""
    fc_list = shutil.which("fc-list")
    families = (subprocess.run([fc_list, ":", "family"], capture_output=True, text=True).stdout
                if fc_list else "")
    missing = [what for what, names in FONTS.items()
               if not any(n in families for n in names)]
    if missing:
        reason = "fonts missing for the printing tests: " + ", ".join(missing)
        if os.environ.get("CI"):
            raise RuntimeError("CI: " + reason + "; .ci/run installs them")
        pytest.skip(reason, allow_module_level=True)

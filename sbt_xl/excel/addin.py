"""Build, install and inspect the Excel add-in ``sbt_xl.xlam``.

The add-in is xlwings' own ribbon add-in template (``quickstart_addin_ribbon.xlam`` of the
xlwings installed beside sbt-xl: its VBA declares that exact version's DLL), with only
plain XML parts patched inside the zip:

- ``customUI/customUI.xml``: the "SBT" tab with the Validate button, wired to the template's
  existing callback ``RibbonMyAddin.RunMain``. That callback runs
  ``RunPython "import <file stem>; <file stem>.main()"``, so naming the file ``sbt_xl.xlam``
  calls :func:`sbt_xl.main` without touching VBA.

Two add-ins are built from the template, one per button, because the callback cannot tell
buttons apart: ``sbt_xl.xlam`` (Validate, and the ``SBT_`` formulas) and
``sbt_xl.consolidate.xlam`` (Consolidate, whose stem imports :mod:`sbt_xl.consolidate`).
Both put their group on one shared tab (``idQ`` in a common namespace), so the user sees
one "SBT" tab with both buttons.
- the configuration sheet: renamed from ``_myaddin.conf`` (inactive) to ``myaddin.conf``
  (the VBA reads ``PROJECT_NAME & ".conf"``), with ``UDF Modules`` set and the interpreter
  and ``PYTHONPATH`` filled by the installer.

The VBA project (``xl/vbaProject.bin``) is copied byte for byte.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from sbt_xl.errors import SbtError
from sbt_xl.workbook import files
from sbt_xl.workbook.ooxml import sheetxml, xml
from sbt_xl.workbook.ooxml.constants import CUSTOMUI_NS, NS
from sbt_xl.workbook.ooxml.edit import PackageEdit
from sbt_xl.workbook.ooxml.normalise import normalise_zip
from sbt_xl.workbook.ooxml.package import open_package

ADDIN_NAME = "sbt_xl.xlam"
UDF_MODULE = "sbt_xl_udfs"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
CALLBACK = "RibbonMyAddin.RunMain"


TAB_NAMESPACE = "urn:sbt-xl:ribbon"


@dataclass(frozen=True)
class Ribbon:
    """The ribbon's words (customUI labels are static: both languages in one label)."""

    tab: str = "SBT"
    group: str = "Science Based Targets"
    group_id: str = "sbtGroup"
    button_id: str = "sbtValidate"
    button: str = "Validate 検証"
    screentip: str = "Check this workbook against the SBTi criteria / SBTi 基準でチェック"
    supertip: str = ("Checks the active workbook (sbt-xl submission template) against the SBTi "
                     "criteria and writes the findings beside the cells and on the Findings "
                     "sheet. 開いているブックを SBTi 基準でチェックし、結果を各セルの横と "
                     "Findings シートに書き込みます。")
    image: str = "ReviewAcceptChange"


@dataclass(frozen=True)
class AddIn:
    """One add-in file: its name is the module its button imports."""

    file: str
    ribbon: Ribbon
    udf_modules: str = ""


VALIDATE = AddIn(ADDIN_NAME, Ribbon(), UDF_MODULE)
CONSOLIDATE = AddIn("sbt_xl.consolidate.xlam", Ribbon(
    group="Group 連結", group_id="sbtGroupRollup", button_id="sbtConsolidate",
    button="Consolidate 連結",
    screentip="Roll subsidiaries' workbooks up into this workbook / 子会社のブックを連結",
    supertip="Asks for a folder of subsidiaries' sbt-xl workbooks and rolls them up into the "
             "active group workbook (inventory totals, Entities and Problems sheets). "
             "子会社のブックのフォルダーを選び、開いているグループのブックに連結します。",
    image="ConsolidateMenu"))
ADDINS = (VALIDATE, CONSOLIDATE)


def customui_xml(r: Ribbon = Ribbon()) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<customUI xmlns="{CUSTOMUI_NS}" xmlns:sbt="{TAB_NAMESPACE}">
  <ribbon>
    <tabs>
      <tab idQ="sbt:sbtTab" label="{escape(r.tab)}">
        <group idQ="sbt:{r.group_id}" label="{escape(r.group)}">
          <button id="{r.button_id}" label="{escape(r.button)}" size="large"
                  imageMso="{r.image}" screentip="{escape(r.screentip)}"
                  supertip="{escape(r.supertip)}" onAction="{CALLBACK}"/>
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
"""


def template_path() -> Path:
    """xlwings' ribbon add-in template, from the xlwings installed beside sbt-xl."""
    import xlwings
    path = Path(xlwings.__file__).parent / TEMPLATE_NAME
    if not path.exists():
        raise SbtError("addin_template_missing", field=str(path), version=xlwings.__version__)
    return path


#: Where the ribbon's definition lives in the template.
CUSTOM_UI_PART = "customUI/customUI.xml"


def _conf_sheet(edit: PackageEdit) -> str:
    """The template's inactive configuration sheet (``_<project>.conf``)."""
    name = next((n for n in edit.sheets if n.startswith("_") and n.endswith(".conf")), None)
    if name is None:
        raise SbtError("addin_template_changed", field="xl/workbook.xml", value="conf sheet")
    return name


def _set_config(edit: PackageEdit, sheet: str, values: dict[str, str]) -> None:
    """Put ``values`` (config key → text) into column B of the rows whose A cell is the key."""
    strings = edit.shared_strings()
    keys = {}
    rows = edit.rows(sheet)
    for r in rows.row_numbers():
        a = rows.find(f"A{r}")
        if a is not None and a.get("t") == "s":
            keys[sheetxml.value(a, strings)] = str(r)
    for key, value in values.items():
        if key not in keys:
            raise SbtError("addin_template_changed", field="conf sheet", value=key)
        sheetxml.set_value(edit.cell(sheet, f"B{keys[key]}"), value, style=1)


def build(out_dir: str | Path, *, interpreter: str = "", pythonpath: str = "",
          template: str | Path | None = None, spec: AddIn = VALIDATE) -> Path:
    """Write the add-in ``spec`` (default ``sbt_xl.xlam``) into ``out_dir`` and return its
    path (reproducible bytes, written atomically: a reader never sees half an add-in)."""
    src = Path(template) if template else template_path()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / spec.file
    edit = PackageEdit(open_package(src))
    if not edit.pkg.has(CUSTOM_UI_PART):
        raise SbtError("addin_template_changed", field=str(src), value=CUSTOM_UI_PART)
    edit.pkg.set_xml(CUSTOM_UI_PART, xml.parse(customui_xml(spec.ribbon).encode("utf-8"),
                                                "sbt-xl", CUSTOM_UI_PART))
    edit.changed.add(CUSTOM_UI_PART)
    conf = _conf_sheet(edit)
    _set_config(edit, conf, {"Interpreter_Win": interpreter, "PYTHONPATH": pythonpath,
                             "UDF Modules": spec.udf_modules})
    edit.rename_sheet(conf, conf[1:])  # active: the VBA reads PROJECT_NAME & ".conf"
    replace, _ = edit.parts()
    out = io.BytesIO()
    normalise_zip(io.BytesIO(edit.pkg.data), out, replace=replace)
    return files.write_atomic(target, out.getvalue())


# --- install, uninstall, status (Windows with Excel) -----------------------------------

def startup_dir() -> Path | None:
    """Excel's per-user start-up folder (XLSTART), where add-ins load from without admin
    rights; None when this is not Windows."""
    if not sys.platform.startswith("win"):
        return None
    return Path(os.environ.get("APPDATA", "")) / "Microsoft" / "Excel" / "XLSTART"


def excel_installed() -> bool:
    if not sys.platform.startswith("win"):
        return False
    import winreg  # noqa: PLC0415 (Windows only)
    try:
        winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Excel.Application\CLSID").Close()
        return True
    except OSError:
        return False


def build_all(out_dir: str | Path, **kw: str) -> list[Path]:
    """Every add-in (one per ribbon button) into ``out_dir``."""
    return [build(out_dir, spec=spec, **kw) for spec in ADDINS]


def status() -> dict[str, object]:
    folder = startup_dir()
    paths = [folder / a.file for a in ADDINS] if folder else []
    return {"platform": sys.platform, "excel": excel_installed(),
            "startup_folder": str(folder) if folder else None,
            "installed": bool(paths) and all(p.exists() for p in paths),
            "addin": str(paths[0]) if paths else None,
            "addins": [str(p) for p in paths if p.exists()],
            "interpreter": sys.executable}


def _require_excel() -> Path:
    folder = startup_dir()
    if folder is None:
        raise SbtError("addin_not_windows", field="sbt-xl addin", value=sys.platform)
    if not excel_installed():
        raise SbtError("addin_no_excel", field="sbt-xl addin")
    return folder


def install(interpreter: str | None = None) -> list[Path]:
    """Build the add-ins for this environment and copy them into XLSTART."""
    folder = _require_excel()
    exe = Path(interpreter or sys.executable)
    pythonw = exe.with_name("pythonw.exe")  # no console window behind Excel
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = []
        for built in build_all(tmp, interpreter=str(pythonw if pythonw.exists() else exe)):
            try:
                files.write_atomic(folder / built.name, built.read_bytes())
            except PermissionError:
                raise SbtError("addin_in_use", field=str(folder / built.name)) from None
            out.append(folder / built.name)
    return out


def uninstall() -> list[Path]:
    """Remove the add-ins from XLSTART; the paths removed."""
    folder = _require_excel()
    removed = []
    for a in ADDINS:
        path = folder / a.file
        if path.exists():
            try:
                path.unlink()
            except PermissionError:
                raise SbtError("addin_in_use", field=str(path)) from None
            removed.append(path)
    return removed

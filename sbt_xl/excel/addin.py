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
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from sbt_xl.errors import SbtError
from sbt_xl.workbook import files
from sbt_xl.workbook.ooxml.normalise import normalise_zip

ADDIN_NAME = "sbt_xl.xlam"
UDF_MODULE = "sbt_xl_udfs"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
CALLBACK = "RibbonMyAddin.RunMain"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


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
<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" xmlns:sbt="{TAB_NAMESPACE}">
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


def _conf_sheet_part(archive: zipfile.ZipFile) -> tuple[str, str]:
    """(inactive conf sheet name, its worksheet part) in the template."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    m = re.search(r'<sheet name="(_[^"]+\.conf)"[^>]*r:id="([^"]+)"', workbook)
    if not m:
        raise SbtError("addin_template_changed", field="xl/workbook.xml", value="conf sheet")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    target = re.search(rf'Id="{m.group(2)}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'Target="([^"]+)"[^>]*Id="{m.group(2)}"', rels)
    if not target:
        raise SbtError("addin_template_changed", field="workbook.xml.rels", value=m.group(2))
    return m.group(1), "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{_MAIN_NS}}}t"))
            for si in root.iterfind(f"{{{_MAIN_NS}}}si")]


def _set_config(sheet_xml: str, strings: list[str], values: dict[str, str]) -> str:
    """Put ``values`` (config key → text) into column B of the rows whose A cell is the key."""
    for key, value in values.items():
        index = strings.index(key) if key in strings else -1
        m = re.search(rf'<row r="(\d+)"[^>]*>(?:(?!</row>).)*?<c r="A\1"[^>]*t="s"[^>]*>'
                      rf'<v>{index}</v></c>', sheet_xml, re.S)
        if index < 0 or not m:
            raise SbtError("addin_template_changed", field="conf sheet", value=key)
        row = m.group(1)
        end = sheet_xml.index("</row>", m.end())
        cell = (f'<c r="B{row}" s="1" t="inlineStr"><is><t xml:space="preserve">'
                f'{escape(value)}</t></is></c>')
        existing = re.compile(rf'<c r="B{row}"[^>]*?(?:/>|>.*?</c>)', re.S)
        segment = sheet_xml[m.start():end]
        if existing.search(segment):
            segment = existing.sub(cell, segment, count=1)
            sheet_xml = sheet_xml[:m.start()] + segment + sheet_xml[end:]
        else:
            sheet_xml = sheet_xml[:end] + cell + sheet_xml[end:]
        sheet_xml = re.sub(rf'(<row r="{row}" spans=")1:1(")', r"\g<1>1:2\g<2>", sheet_xml)
    return sheet_xml


def build(out_dir: str | Path, *, interpreter: str = "", pythonpath: str = "",
          template: str | Path | None = None, spec: AddIn = VALIDATE) -> Path:
    """Write the add-in ``spec`` (default ``sbt_xl.xlam``) into ``out_dir`` and return its
    path (reproducible bytes, written atomically: a reader never sees half an add-in)."""
    src = Path(template) if template else template_path()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / spec.file
    raw, out = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(src) as zin:
        conf_name, conf_part = _conf_sheet_part(zin)
        strings = _shared_strings(zin)
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "customUI/customUI.xml":
                    data = customui_xml(spec.ribbon).encode("utf-8")
                elif info.filename == "xl/workbook.xml":
                    data = data.replace(f'name="{conf_name}"'.encode(),
                                        f'name="{conf_name[1:]}"'.encode())
                elif info.filename == conf_part:
                    data = _set_config(data.decode("utf-8"), strings, {
                        "Interpreter_Win": interpreter, "PYTHONPATH": pythonpath,
                        "UDF Modules": spec.udf_modules}).encode("utf-8")
                zout.writestr(info.filename, data)
    normalise_zip(raw, out)
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

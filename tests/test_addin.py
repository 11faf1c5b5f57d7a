"""The add-in, checked from the built file: package, ribbon schema, VBA wiring, config."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema
from oletools.olevba import VBA_Parser

import sbt_xl
from sbt_xl.cli import main
from sbt_xl.excel import addin

HERE = Path(__file__).parent
SCHEMA = HERE / "data" / "customui" / "customUI.xsd"
INSTALLER = HERE.parent / "installer"
CUI = "{http://schemas.microsoft.com/office/2006/01/customui}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return addin.build(tmp_path_factory.mktemp("addin"), interpreter=r"C:\venv\pythonw.exe",
                       pythonpath=r"C:\work")


def _macros(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def _conf(path: Path) -> tuple[str, dict[str, object]]:
    """(conf sheet name, key → value) read straight from the package XML."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        (sheet,) = ElementTree.fromstring(z.read("xl/workbook.xml")).iterfind("m:sheets/m:sheet", ns)
        strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                   for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml"))]
        rows = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out: dict[str, object] = {}
    for row in rows.iterfind("m:sheetData/m:row", ns):
        cells = {c.get("r")[0]: c for c in row.iterfind("m:c", ns)}
        if "A" not in cells or cells["A"].find("m:v", ns) is None:
            continue
        key = strings[int(cells["A"].find("m:v", ns).text)]
        b = cells.get("B")
        out[key] = None if b is None else "".join(t.text or "" for t in b.iter(f"{{{ns['m']}}}t")) \
            or (b.find("m:v", ns).text if b.find("m:v", ns) is not None else "")
    return sheet.get("name"), out


def test_valid_zip_and_ooxml_package(built):
    with zipfile.ZipFile(built) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin",
                "customUI/customUI.xml"} <= set(names)
        for name in names:
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(z.read(name))  # every XML part parses
        rels = z.read("_rels/.rels").decode()
        assert re.search(r'Type="[^"]*/ui/extensibility" Target="customUI/customUI.xml"', rels)
        types = z.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.addin.macroEnabled.main+xml" in types
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())


def test_customui_validates_against_the_office_schema(built):
    schema = xmlschema.XMLSchema(str(SCHEMA))
    with zipfile.ZipFile(built) as z:
        xml = z.read("customUI/customUI.xml").decode("utf-8")
    schema.validate(xml)
    root = ElementTree.fromstring(xml)
    (tab,) = root.iter(CUI + "tab")
    (button,) = root.iter(CUI + "button")
    assert tab.get("label") == "SBT"
    assert "Validate" in button.get("label") and "検証" in button.get("label")
    assert button.get("imageMso") and button.get("screentip") and button.get("supertip")
    assert button.get("onAction") == addin.CALLBACK


def test_callback_exists_and_runs_sbt_xl_main(built):
    macros = _macros(built)
    module, _, sub = addin.CALLBACK.partition(".")
    code = macros[module + ".bas"]
    body = re.search(rf"Sub {sub}\(control As IRibbonControl\)(.*?)End Sub", code, re.S).group(1)
    # mymodule is the file's stem, so this becomes: import sbt_xl;sbt_xl.main()
    assert "Left(ThisWorkbook.Name" in body
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in body
    stem = Path(addin.ADDIN_NAME).stem
    assert stem == "sbt_xl" and callable(sbt_xl.main)
    assert "xlwings.bas" in macros and "Function RunPython" in macros["xlwings.bas"]
    assert "Sub ImportPythonUDFsToAddin" in macros["xlwings.bas"]  # what -ImportFormulas runs


def test_config_sheet_is_the_one_the_vba_reads(built):
    project = re.search(r'PROJECT_NAME As String = "([^"]+)"',
                        _macros(built)["xlwings.bas"]).group(1)
    name, conf = _conf(built)
    assert name == project + ".conf"
    assert conf["UDF Modules"] == addin.UDF_MODULE
    assert conf["Interpreter_Win"] == r"C:\venv\pythonw.exe"
    assert conf["PYTHONPATH"] == r"C:\work"
    assert {"Interpreter_Mac", "Conda Path", "Conda Env", "Debug UDFs", "Use UDF Server",
            "Show Console"} <= set(conf)


def test_vba_project_is_xlwings_own_byte_for_byte(built):
    with zipfile.ZipFile(addin.template_path()) as a, zipfile.ZipFile(built) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")
        assert a.namelist() == b.namelist()


def test_build_is_reproducible(tmp_path):
    one = addin.build(tmp_path / "1").read_bytes()
    two = addin.build(tmp_path / "2").read_bytes()
    assert one == two
    name, conf = _conf(tmp_path / "1" / addin.ADDIN_NAME)
    assert conf["Interpreter_Win"] == ""  # left for the installer


def test_addin_commands_refuse_clearly_without_excel(capsys, tmp_path):
    assert main(["addin", "status"]) == 0
    assert "Excel not found" in capsys.readouterr().out
    assert main(["addin", "install", "--lang", "ja"]) == 2
    err = capsys.readouterr().err
    assert "Windows" in err and "addin build" in err and "Traceback" not in err
    assert main(["addin", "uninstall"]) == 2
    assert main(["addin", "build", "-o", str(tmp_path)]) == 0
    assert (tmp_path / addin.ADDIN_NAME).exists()


def test_libreoffice_opens_the_addin(built, tmp_path):
    """LibreOffice 7.4's type detection does not know the .xlam extension (xlwings' own
    template is refused the same way), so the Excel 2007+ VBA import filter is named."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI: LibreOffice (soffice) is required")
        pytest.skip("LibreOffice is not installed")
    proc = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/p", "--headless",
                           "--infilter=Calc MS Excel 2007 VBA XML", "--convert-to", "xlsx",
                           "--outdir", str(tmp_path), str(built)],
                          capture_output=True, text=True, timeout=300)
    out = tmp_path / "sbt_xl.xlsx"
    assert proc.returncode == 0 and out.exists(), (proc.stdout, proc.stderr)
    assert "Error" not in proc.stderr
    with zipfile.ZipFile(out) as z:
        assert b"myaddin.conf" in z.read("xl/workbook.xml")


# --- the Windows installer, checked statically (no PowerShell here) ----------------------

def test_installer_script_has_every_step():
    ps1 = (INSTALLER / "install.ps1").read_text(encoding="utf-8")
    params = re.search(r"param\((.*?)\n\)", ps1, re.S).group(1)
    for p in ("$Wheel", "$Venv", "[switch]$Uninstall", "[switch]$DryRun",
              "[switch]$ImportFormulas"):
        assert p in params, p
    assert 'LOCALAPPDATA "sbt-xl\\venv"' in ps1  # per user, no admin rights
    order = ["-m venv $Venv", "-m pip install", "& $Xlwings addin install",
             "& $SbtXl addin install"]
    positions = [ps1.index(s) for s in order]
    assert positions == sorted(positions)
    assert "if ($DryRun) { Write-Host \"[dry-run] $What\"; return }" in ps1
    # the VBA trust setting: changed only with consent, restored in a finally block
    imp = re.search(r"function Import-Formulas \{(.*?)\n\}", ps1, re.S).group(1)
    assert "AccessVBOM" in imp and "finally" in imp and "$before" in imp
    assert "ImportPythonUDFsToAddin" in imp
    uninstall = ps1[ps1.index("if ($Uninstall)"):]
    assert "addin uninstall" in uninstall and "xlwings addin remove" in uninstall
    assert "Remove-Item -Recurse -Force $Venv" in uninstall
    assert '"SBT_XL_LANG", $Lang, "User"' in ps1 and '"SBT_XL_LANG", $null, "User"' in uninstall
    assert ps1.count("{") == ps1.count("}") and ps1.count("(") == ps1.count(")")
    bat = (INSTALLER / "install.bat").read_text()
    assert 'powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*' in bat


def test_install_and_uninstall_where_excel_would_be(tmp_path, monkeypatch):
    """The Windows-only lookups stubbed: what install writes, and that uninstall undoes it."""
    start = tmp_path / "XLSTART"
    monkeypatch.setattr(addin, "startup_dir", lambda: start)
    monkeypatch.setattr(addin, "excel_installed", lambda: True)
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "pythonw.exe").write_bytes(b"")
    paths = addin.install(str(tmp_path / "venv" / "python.exe"))
    assert paths == [start / a.file for a in addin.ADDINS]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["XLSTART", "venv"]
    for path in paths:
        assert _conf(path)[1]["Interpreter_Win"] == str(tmp_path / "venv" / "pythonw.exe")
    assert _conf(paths[1])[1]["UDF Modules"] == ""  # the formulas come from sbt_xl.xlam only
    assert addin.status()["installed"] is True
    assert addin.uninstall() == paths and not any(p.exists() for p in paths)
    assert addin.uninstall() == []


def test_consolidate_addin_shares_the_tab_and_runs_its_module(tmp_path):
    """The second button lives in its own add-in (the callback cannot tell buttons apart):
    its file stem is the module RunMain imports, and its group joins the same tab."""
    import importlib

    paths = addin.build_all(tmp_path)
    assert [p.name for p in paths] == [a.file for a in addin.ADDINS]
    schema = xmlschema.XMLSchema(str(SCHEMA))
    tabs, buttons = set(), {}
    for path in paths:
        with zipfile.ZipFile(path) as z:
            xml = z.read("customUI/customUI.xml").decode("utf-8")
        schema.validate(xml)
        root = ElementTree.fromstring(xml)
        (tab,) = root.iter(CUI + "tab")
        (button,) = root.iter(CUI + "button")
        tabs.add((tab.get("idQ"), xml.split('xmlns:sbt="')[1].split('"')[0]))
        buttons[path.name] = button
        assert button.get("onAction") == addin.CALLBACK
        module = importlib.import_module(path.name.removesuffix(".xlam"))
        assert callable(module.main)
    assert tabs == {("sbt:sbtTab", addin.TAB_NAMESPACE)}  # one shared tab
    assert "Consolidate" in buttons["sbt_xl.consolidate.xlam"].get("label")
    assert "連結" in buttons["sbt_xl.consolidate.xlam"].get("label")
    assert _conf(paths[1])[1]["UDF Modules"] == ""
    with zipfile.ZipFile(paths[0]) as a, zipfile.ZipFile(paths[1]) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")


def test_a_failed_build_leaves_the_earlier_add_in_whole(tmp_path, monkeypatch):
    """The add-in is written atomically: a build that fails half-way leaves the file that
    was there byte for byte, and no temporary file beside it."""
    first = addin.build(tmp_path)
    before = first.read_bytes()

    def broken(src, dst, *a, **k):
        dst.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(addin, "normalise_zip", broken)
    with pytest.raises(OSError):
        addin.build(tmp_path)
    assert first.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]


def test_config_values_are_read_back_as_written(tmp_path):
    """The interpreter and PYTHONPATH go through the one cell-value encoder: a path with
    markup characters, edge spaces or a literal ``_x0041_`` reads back unchanged (Excel
    and calamine decode ``_xHHHH_`` as a character)."""
    python_calamine = pytest.importorskip("python_calamine")
    interpreter, path = r"C:\a b\py_x0041_.exe", " C:\\<w>&\"x' "
    built = addin.build(tmp_path, interpreter=interpreter, pythonpath=path)
    book = python_calamine.CalamineWorkbook.from_path(str(built))
    (sheet,) = book.sheet_names
    conf = {row[0]: row[1] for row in book.get_sheet_by_name(sheet).to_python()}
    assert conf["Interpreter_Win"] == interpreter
    assert conf["PYTHONPATH"] == path
    assert conf["UDF Modules"] == addin.UDF_MODULE

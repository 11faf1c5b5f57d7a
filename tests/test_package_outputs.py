"""Valid, reproducible checked copies (issue 21, item 9): one content type per part even
when the input lists an override for a part that does not exist, the same bytes from every
run, and the workbook's content type that the output's extension asks for."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from workbook_helpers import WORKBOOKS

from sbt_xl.cli import main

ERRORS = WORKBOOKS / "example_errors_en.xlsx"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"


def _rewrite(src: Path, dst: Path, edit) -> None:
    """Copy the zip ``src`` to ``dst`` with [Content_Types].xml passed through ``edit``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = edit(data)
            zout.writestr(info, data)


def _overrides(path: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
    return re.findall(r'<Override[^>]*PartName="([^"]+)"[^>]*ContentType="([^"]+)"', types)


def test_an_override_for_a_missing_part_does_not_give_two_types(tmp_path, capsys):
    with zipfile.ZipFile(ERRORS) as z:
        names = set(z.namelist())
    free = next(f"xl/worksheets/sheet{n}.xml" for n in range(1, 99)
                if f"xl/worksheets/sheet{n}.xml" not in names)
    phantom = (f'<Override PartName="/{free}" ContentType="application/vnd.openxmlformats-'
               'officedocument.spreadsheetml.worksheet+xml"/>').encode()
    src = tmp_path / "in.xlsx"
    _rewrite(ERRORS, src, lambda d: d.replace(b"</Types>", phantom + b"</Types>"))
    out = tmp_path / "out.xlsx"
    assert main(["validate", str(src), "-o", str(out)]) == 1
    parts = [p.lower() for p, _ in _overrides(out)]
    assert len(parts) == len(set(parts)), "a part with two content types"
    with zipfile.ZipFile(out) as z:
        added = set(z.namelist()) - names
    assert added and all(f"/{a}".lower() in parts or not a.endswith(".xml") for a in added)
    assert free not in added  # the findings sheet took a name nobody claims


def test_the_same_input_gives_the_same_bytes_in_every_process(tmp_path):
    outs = []
    for seed in ("1", "2", "3"):  # set order of new parts differs between these seeds
        out = tmp_path / f"out{seed}.xlsx"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "sbt_xl.cli", "validate", str(ERRORS), "-o",
                        str(out)], env=env, capture_output=True, check=False)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]


def test_a_template_checked_into_an_xlsx_is_a_workbook(tmp_path, capsys):
    src = tmp_path / "book.xltx"
    _rewrite(ERRORS, src, lambda d: d.replace(SHEET_MAIN.encode(), TEMPLATE_MAIN.encode()))
    assert dict(_overrides(src))["/xl/workbook.xml"] == TEMPLATE_MAIN
    out = tmp_path / "checked.xlsx"
    assert main(["validate", str(src), "-o", str(out)]) == 1
    types = dict(_overrides(out))
    assert types["/xl/workbook.xml"] == SHEET_MAIN
    assert sum(p.lower() == "/xl/workbook.xml" for p, _ in _overrides(out)) == 1


def test_notes_appended_to_a_vml_part_of_buttons_bring_their_shape_type():
    """Excel's VML part for a form button defines shape type 201 only; a note sbt-xl adds
    to it must not refer to a type the part never defines."""
    from lxml import etree

    from sbt_xl.workbook.ooxml import notes
    v = "urn:schemas-microsoft-com:vml"
    vml = etree.fromstring(
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
        'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
        'path="m,l,21600r21600,l21600,xe"/>'
        '<v:shape id="_x0000_s1025" type="#_x0000_t201"><x:ClientData ObjectType="Button">'
        "<x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>")
    notes._add_shapes(vml, ["C5"])
    defined = {t.get("id") for t in vml.iter(f"{{{v}}}shapetype")}
    used = {s.get("type", "").lstrip("#") for s in vml.iter(f"{{{v}}}shape")}
    assert used <= defined and "_x0000_t201" in defined
    children = [c.tag.split("}")[1] for c in vml]
    assert children.index("shape") > max(i for i, t in enumerate(children) if t == "shapetype")


def test_macos_junk_members_are_read_the_same_by_validate_and_consolidate(tmp_path, capsys):
    """Finder's "Compress" adds __MACOSX/._* AppleDouble members (not XML): validate and
    consolidate both read the workbook, and the checked copy keeps them as they were."""
    src = tmp_path / "mac.xlsx"
    junk = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"
    with zipfile.ZipFile(ERRORS) as zin, zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(info, zin.read(info))
        for name in ("__MACOSX/._[Content_Types].xml", "__MACOSX/_rels/._.rels",
                     "__MACOSX/xl/worksheets/._sheet1.xml"):
            z.writestr(name, junk)
    out = tmp_path / "checked.xlsx"
    assert main(["validate", str(src), "-o", str(out)]) == 1  # the example's own errors
    with zipfile.ZipFile(out) as z:
        assert z.read("__MACOSX/_rels/._.rels") == junk
    from sbt_xl.group.entity import read_entity
    assert read_entity(str(src)).readable  # the roll-up reads it too

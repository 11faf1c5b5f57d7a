"""Printed as a reader would print them (docs/design.md): every shipped workbook, its
validated copy, a group workbook and the report page, in English and Japanese, rendered by
LibreOffice / Chromium and read back with pdftotext: no Excel error value on any page, no
English label word broken in the middle, every field label printed, and the page counts
the design promises."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lo_helpers
import openpyxl
import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.cli.main import main
from sbt_xl.model.vocabulary import INVENTORY_ITEMS
from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import EXAMPLES, PASSING, TEMPLATES
from tools.build_workbooks import FORMULAS_EXAMPLE
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly
from sbt_xl.workbook.template.layout import FIELDS, FORM_HEADERS, SHEETS, TARGET_COLUMNS

lo_helpers.require()
lo_helpers.require_fonts()
PDFTOTEXT = shutil.which("pdftotext")
if PDFTOTEXT is None:
    pytest.skip("pdftotext (poppler-utils) is not installed", allow_module_level=True)

#: What Excel shows instead of a value: its error values, and "###" for a number wider
#: than its column.
EXCEL_ERRORS = re.compile(r"#(?:N/A|VALUE!|REF!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!)|###")
#: Pages: a blank template, a filled one, a checked one (plus its Findings sheet).
MAX_PAGES = {"template": 10, "example": 10, "validated": 12}
FORM_SHEETS = {"Company", "Notes", "Charts"}


def _lang(path: Path) -> str:
    return "ja" if "_ja" in path.name else "en"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("rendered")
    src = base / "src"
    src.mkdir()
    files = [WORKBOOKS / n for n in (*TEMPLATES, *EXAMPLES, FORMULAS_EXAMPLE)]
    for name in EXAMPLES:
        out = src / f"validated_{name}"
        validate_file(WORKBOOKS / name, "v5", lang=_lang(WORKBOOKS / name), out=out)
        files.append(out)
    # a group of three: a parent (English), a subsidiary in Japanese, a joint venture
    subs = base / "subs"
    subs.mkdir()
    for code, parent, own, fin, op, lang in (("P", None, None, None, None, "en"),
                                             ("S1", "P", 1.0, "yes", "yes", "ja"),
                                             ("JV", "P", 0.5, "joint", "no", "en")):
        values = {**PASSING, "entity.name": f"Entity {code}", "entity.code": code,
                  "entity.parent": parent, "entity.ownership": own,
                  "entity.financial_control": fin, "entity.operational_control": op}
        save_reproducibly(fill(build_template(lang), values, lang), subs / f"{code}_{lang}.xlsx")
    group = src / "group_en.xlsx"
    assert main(["consolidate", str(subs), "-o", str(group), "--approach", "equity"]) in (0, 1)
    files.append(group)
    out = {p.stem: p for p in lo_helpers.convert(files, "pdf", base / "pdf", base / "profile")}
    from sbt_xl.report.page import write_report
    from sbt_xl.report.pdf import browser, to_pdf
    if browser() is not None:
        for name in EXAMPLES:
            html = base / f"report_{Path(name).stem}.html"
            write_report(WORKBOOKS / name, html, lang=_lang(WORKBOOKS / name))
            out[html.stem] = to_pdf(html, html.with_suffix(".pdf"))
    return out


def _text(pdf: Path) -> list[str]:
    """The text of each page."""
    out = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1]


def test_no_excel_error_value_on_any_page(pdfs):
    for name, pdf in pdfs.items():
        if name == Path(FORMULAS_EXAMPLE).stem:
            continue  # LibreOffice recalculates it without the add-in: see the next test
        for n, page in enumerate(_text(pdf), start=1):
            found = EXCEL_ERRORS.findall(page)
            assert not found, f"{name} page {n}: {found}"


def test_page_counts(pdfs):
    for name, pdf in pdfs.items():
        kind = ("template" if name.startswith("sbt_template") else
                "validated" if name.startswith("validated_") else
                "example" if name.startswith("example_") and name + ".xlsx" in EXAMPLES
                else None)
        if kind is not None:
            assert len(_text(pdf)) <= MAX_PAGES[kind], (name, len(_text(pdf)))


def _english_words(texts: list[str]) -> set[str]:
    return {w for t in texts for w in re.findall(r"[A-Za-z]{4,}", t)}


def _printed_strings(path: Path) -> list[str]:
    """The text cells of a workbook that print (not formulas, inside any print area)."""
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        last_row = ws.max_row
        if ws.print_area:
            last_row = int(re.findall(r"\d+", ws.print_area[0] if isinstance(
                ws.print_area, list) else ws.print_area.split(":")[-1])[-1])
        for row in ws.iter_rows(max_row=last_row):
            out += [c.value for c in row if isinstance(c.value, str)
                    and not c.value.startswith("=")]
    return out


@pytest.mark.parametrize("stem", [*(Path(n).stem for n in (*TEMPLATES, *EXAMPLES)),
                                  *(f"validated_{Path(n).stem}" for n in EXAMPLES)])
def test_no_english_word_is_broken(pdfs, stem, tmp_path_factory):
    """Every English word of four letters or more that a sheet prints (labels, headers,
    check messages) is whole on the page: a column too narrow for a word breaks it."""
    path = WORKBOOKS / f"{stem}.xlsx"
    if not path.exists():  # a validated copy: its source decides the words
        path = pdfs[stem].parent.parent / "src" / f"{stem}.xlsx"
    printed = set(re.findall(r"[A-Za-z]+", " ".join(_text(pdfs[stem]))))
    broken = sorted(_english_words(_printed_strings(path)) - printed)
    assert not broken, (stem, broken)


def _flat(text: str) -> str:
    return "".join(text.split())


def printed(label: str, text: str, window: int = 1500) -> bool:
    """Whether ``label`` (white space removed) is in ``text`` (likewise), allowing its
    wrapped lines to be interleaved with the lines of the cells beside it: the label is
    found as pieces in order, each piece within ``window`` characters of the last."""
    label = _flat(label)
    start = text.find(label[:2])
    while start >= 0:
        pos, rest = start, label
        while rest:
            n = len(rest)
            while n >= min(2, len(rest)) and (i := text.find(rest[:n], pos, pos + window + n)) < 0:
                n -= 1
            if n < min(2, len(rest)):
                break
            pos, rest = i + n, rest[n:]
        if not rest:
            return True
        start = text.find(label[:2], start + 1)
    return False


@pytest.mark.parametrize("name", [*TEMPLATES, *EXAMPLES])
def test_every_field_label_is_printed(pdfs, name):
    """Each field's label, in both languages, on the pages (the form sheets' labels, the
    inventory items, the targets' column headers)."""
    text = _flat(" ".join(_text(pdfs[Path(name).stem])))
    labels = [f.label(lang) for f in FIELDS if f.sheet in FORM_SHEETS for lang in ("en", "ja")]
    labels += [label for _, en, ja in INVENTORY_ITEMS for label in (en, ja)]
    labels += [label for col in TARGET_COLUMNS for label in col[2:4]]
    labels += [h for pair in FORM_HEADERS for h in pair]
    labels += [t for s in SHEETS[1:] for t in (s.title_en, s.title_ja)]  # [0]: the verdict's
    missing = [label for label in labels if not printed(label, text)]
    assert not missing, (name, missing)


def test_the_formulas_example_shows_its_cached_results_without_the_add_in():
    """example_formulas.xlsx does not ask for a full recalculation on opening (Excel then
    shows the cached results, not #NAME?, where the add-in is missing), and every formula
    cell carries its cached value. (LibreOffice recalculates files another application
    wrote whatever they ask, so its print shows #NAME? for the add-in's functions.)"""
    import zipfile
    with zipfile.ZipFile(WORKBOOKS / FORMULAS_EXAMPLE) as z:
        book = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert 'fullCalcOnLoad="1"' not in book
    # Excel recalculates in full a workbook saved by an older engine (calcId below its own)
    calc_id = int(re.search(r'calcId="(\d+)"', book).group(1))
    assert calc_id >= 191029, calc_id
    formulas = re.findall(r"<c [^>]*>(<f[^>]*>[^<]*</f>)(<v>[^<]*</v>)?", sheet)
    assert formulas and all(v for _, v in formulas)


def test_the_formulas_example_prints_readably(pdfs):
    """Two pages wide at 85 % (not one at 55 %): the inputs, then the results, each page
    with the subsidiaries' names and the headers."""
    ws = openpyxl.load_workbook(WORKBOOKS / FORMULAS_EXAMPLE).active
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale >= 70
    pages = _text(pdfs[Path(FORMULAS_EXAMPLE).stem])
    assert len(pages) == 4, len(pages)
    for n, page in enumerate(pages, start=1):
        assert "Subsidiary" in page and "子会社" in page, n
    assert "Subsidiary 01" in pages[0] and "Subsidiary 01" in pages[2]
    assert "Scope 3" in pages[0] and "Annual" in pages[2]  # the break after the inputs

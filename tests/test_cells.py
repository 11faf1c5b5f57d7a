"""A1 addresses and defined-name references."""

import pytest

from sbt_xl.model import cells


@pytest.mark.parametrize("sheet, cell", [("Targets", "E5"), ("排出量 2025", "AA100"),
                                         ("Bob's sheet", "XFD1048576")])
def test_absolute_ref_round_trips(sheet, cell):
    assert cells.parse_ref(cells.absolute_ref(sheet, cell)) == (sheet, cell)


def test_parse_ref_refuses_what_is_not_one_cell():
    for ref in ("#REF!", "'A'!$A$1:$B$2", "=SUM(A1)", "Sheet1!#REF!"):
        assert cells.parse_ref(ref) is None
    assert cells.parse_ref("=Sheet1!$C$5") == ("Sheet1", "C5")


def test_index_and_offset():
    assert cells.index("C5") == (4, 2) and cells.index("AA1") == (0, 26)
    assert cells.offset("A1", rows=6, cols=1) == "B7" and cells.offset("Z3", cols=1) == "AA3"


def test_locate():
    names = {"ok": "'S'!$B$2", "gone": "#REF!", "other": "'T'!$A$1"}
    assert cells.locate(names, {"S"}, "ok") == ("S", "B2")
    assert cells.locate(names, {"S"}, "gone") == "broken_name"
    assert cells.locate(names, {"S"}, "other") == "broken_name"  # sheet deleted
    assert cells.locate(names, {"S"}, "nope") == "missing_name"


def test_column_letters_agree_with_openpyxl():
    from openpyxl.utils import column_index_from_string, get_column_letter
    for i in (1, 26, 27, 52, 702, 703, 16384):
        assert cells.column_letter(i) == get_column_letter(i)
        assert cells.column_index(get_column_letter(i)) == column_index_from_string(
            get_column_letter(i))

"""The language of a run (issue 21, item 3): ``--lang`` when given, else the workbook's own
(its template records it), else ``SBT_XL_LANG``, else English."""

from __future__ import annotations

import re

import pytest

from sbt_xl.cli import main

KANA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture()
def japanese_book(tmp_path):
    path = tmp_path / "申請書.xlsx"
    assert main(["example", "--kind", "errors", "--lang", "ja", "-o", str(path)]) == 0
    return path


def test_validate_follows_the_workbooks_language(japanese_book, capsys, monkeypatch):
    monkeypatch.delenv("SBT_XL_LANG", raising=False)
    capsys.readouterr()
    assert main(["validate", str(japanese_book)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "エラー" in lines[0]
    assert all(KANA.search(line) for line in lines[1:]), lines
    # the half-year the target window counts from is said in Japanese too
    assert any("下半期" in line or "上半期" in line for line in lines if "TARGET-YEAR" in line)
    assert not any(re.search(r"年H[12]", line) for line in lines)


def test_explicit_lang_wins_over_the_workbook(japanese_book, capsys):
    capsys.readouterr()
    assert main(["validate", str(japanese_book), "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert re.search(r"\d+ errors?,", lines[0])
    assert not any("申請では" in line for line in lines)


def test_the_workbook_wins_over_the_environment(japanese_book, capsys, monkeypatch):
    monkeypatch.setenv("SBT_XL_LANG", "en")
    capsys.readouterr()
    assert main(["validate", str(japanese_book), "--json"]) == 1
    import json
    messages = [r["message"] for r in json.loads(capsys.readouterr().out)]
    assert messages and all(KANA.search(m) for m in messages)


def test_environment_when_nothing_else_says(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SBT_XL_LANG", "ja")
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"mine")
    assert main(["template", str(out)]) == 2
    assert "既に存在します" in capsys.readouterr().err
    bad = tmp_path / "bad.xlsx"
    bad.write_text("no workbook")
    assert main(["validate", str(bad)]) == 2
    assert "ブックとして読み込めません" in capsys.readouterr().err
    monkeypatch.setenv("SBT_XL_LANG", "fr")  # not a language sbt-xl speaks: English
    assert main(["validate", str(bad)]) == 2
    assert "could not be read" in capsys.readouterr().err
    for typed in ("jp", "JPN", "ja_JP"):  # the country code and ISO 639-2 are Japanese too
        monkeypatch.setenv("SBT_XL_LANG", typed)
        assert main(["validate", str(bad)]) == 2
        assert "ブックとして読み込めません" in capsys.readouterr().err, typed


def test_japanese_template_and_example_by_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SBT_XL_LANG", "ja")
    assert main(["example", "-o", str(tmp_path / "e.xlsx"), "--json"]) == 0
    import json
    assert json.loads(capsys.readouterr().out)["lang"] == "ja"
    assert main(["validate", str(tmp_path / "e.xlsx")]) == 0  # the filled example passes
    assert "エラー 0 件" in capsys.readouterr().out


def test_consolidate_follows_the_returns_language(tmp_path, capsys, monkeypatch):
    """Japanese returns (and a Japanese parent) roll up into a Japanese group workbook and
    console without --lang; --lang en still wins."""
    import openpyxl
    monkeypatch.delenv("SBT_XL_LANG", raising=False)
    folder = tmp_path / "returns"
    folder.mkdir()
    assert main(["example", "--lang", "ja", "-o", str(folder / "本社.xlsx")]) == 0
    capsys.readouterr()
    out = tmp_path / "group.xlsx"
    assert main(["consolidate", str(folder), "-o", str(out)]) in (0, 1)
    summary = capsys.readouterr().out.splitlines()[-1]  # "group.xlsx: 経営支配力、1 事業体…"
    assert "事業体を集計" in summary, summary
    assert KANA.search(str(openpyxl.load_workbook(out)["Entities"]["A1"].value))
    assert main(["consolidate", str(folder), "-o", str(tmp_path / "en.xlsx"),
                 "--lang", "en"]) in (0, 1)
    assert "1 entity counted" in capsys.readouterr().out.splitlines()[-1]

"""The message catalogue: every code in both languages with the same placeholders, and
every code used somewhere (a sentence nobody can see is a sentence nobody maintains)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from sbt_xl.messages import LANGS, MESSAGES

ROOT = Path(__file__).resolve().parents[1]


def _fields(template: str) -> set[str]:
    """The values a template shows (a plural's word alone, ``{n:row|rows}``, shows none:
    Japanese, without plurals, need not name ``n``)."""
    return {name.split(".")[0].split("[")[0]
            for _, name, spec, _ in string.Formatter().parse(template)
            if name and "|" not in (spec or "")}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_with_the_same_placeholders(code):
    entry = MESSAGES[code]
    assert set(entry) >= set(LANGS), f"{code} lacks {set(LANGS) - set(entry)}"
    assert all(entry[lang].strip() for lang in LANGS), code
    assert _fields(entry["en"]) == _fields(entry["ja"]), code


def _literals() -> set[str]:
    """Every string constant in the package and the formulas, messages.py aside."""
    out: set[str] = set()
    for path in [*(ROOT / "sbt_xl").rglob("*.py"), *(ROOT / "udfs").rglob("*.py")]:
        if path.name == "messages.py" and path.parent.name == "sbt_xl":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


def _used(code: str, literals: set[str]) -> bool:
    """Written whole, or built as ``base + "_suffix"`` from two literals."""
    return code in literals or any(
        code[:i] in literals and code[i:] in literals
        for i, ch in enumerate(code) if ch == "_" and i > 0)


def test_every_code_is_used():
    literals = _literals()
    assert sorted(code for code in MESSAGES if not _used(code, literals)) == []


def test_an_unused_code_is_seen():
    assert not _used("rule_nobody_writes_this", _literals())


# --- one shape for text: no module picks words by comparing a language ------------------

#: Modules still converting (their own branches): each entry goes when its branch lands.
NOT_YET_CONVERTED: tuple[str, ...] = ()


def _language_tests(tree: ast.AST) -> list[int]:
    """Lines comparing something with ``"en"`` or ``"ja"`` (``lang == "ja"``,
    ``"ja" != x``, ``lang in ("ja", ...)``)."""
    def is_lang(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in ("en", "ja")
        return isinstance(node, (ast.Tuple, ast.List, ast.Set)) and any(
            map(is_lang, node.elts))
    return sorted(node.lineno for node in ast.walk(tree) if isinstance(node, ast.Compare)
            and any(map(is_lang, [node.left, *node.comparators])))


def test_no_module_but_the_catalogue_compares_a_language():
    found = []
    for path in sorted([*(ROOT / "sbt_xl").rglob("*.py"), *(ROOT / "udfs").rglob("*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "sbt_xl/messages.py" or rel.startswith(NOT_YET_CONVERTED):
            continue
        found += [f"{rel}:{line}" for line in
                  _language_tests(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == []


def test_a_language_test_is_seen():
    tree = ast.parse('a = x if lang == "ja" else y\nb = "en" != l\nc = lang in ("ja", "jp")\n'
                     'd = lang == "fr"')
    assert _language_tests(tree) == [1, 2, 3]


def test_the_catalogue_picks_the_plural():
    from sbt_xl.messages import render
    # counted by hand: English says "1 file" and "0 files"; Japanese has one form
    assert [render("group_with_problems", "en", {"count": n}) for n in (0, 1, 2)] == [
        "counted, with 0 problems", "counted, with 1 problem", "counted, with 2 problems"]
    assert render("group_with_problems", "ja", {"count": 1}) == "集計済み（問題 1 件）"
    assert render("upgrade_done", "en", {"field": "b.xlsx", "version": 1, "current": 2,
                                         "count": 1}).endswith(", 1 value moved")
    # a count only English needs: its word without its number
    shown = [render("field_in_rows", lang, {"label": "Term", "count": n, "span": span})
             for lang in LANGS for n, span in ((1, "3"), (6, "1–6"))]
    assert shown == ["Term (row 3)", "Term (rows 1–6)", "Term（3 行目）", "Term（1–6 行目）"]


def test_plurals_are_english_only_and_two_forms():
    """``{n:one|other}``: two forms in English, none needed in Japanese."""
    for code, entry in MESSAGES.items():
        for lang in LANGS:
            for _, name, spec, _ in string.Formatter().parse(entry[lang]):
                if spec and "|" in spec:
                    assert lang == "en" and len(spec.split("|")) == 2, (code, lang, spec)


def test_no_hand_plurals_left():
    assert [code for code, entry in MESSAGES.items()
            if re.search(r"[a-z]\(s\)", entry["en"])] == []


def test_text_gives_each_language_its_words():
    from sbt_xl.messages import Text, render
    label = Text("Entity name", "事業体名")
    assert (label("en"), label("ja")) == ("Entity name", "事業体名")
    assert label == Text("Entity name", "事業体名") and {label: 1}[Text(label.en, label.ja)] == 1
    with pytest.raises(AttributeError):
        label.en = "x"  # frozen: a label is a value
    # a Text parameter is shown in the message's language
    assert render("group_no_files", "ja", {"field": Text("folder", "フォルダー")}) == (
        "フォルダー: ファイルが見つかりません")


def test_lang_of_reads_what_users_type():
    from sbt_xl.messages import lang_of
    assert [lang_of(v) for v in ("ja", "JA", " ja_JP", "ja-JP", "en", "", None, "fr")] == [
        "ja", "ja", "ja", "ja", "en", "en", "en", "en"]


def test_no_code_is_defined_twice():
    """The catalogue is several dicts merged into MESSAGES: a code defined twice silently
    replaced the first sentence (a dropdown's refusal once replaced the reader's
    "is not one of" message, and every finding with it failed to format)."""
    import ast
    from collections import Counter
    tree = ast.parse((ROOT / "sbt_xl" / "messages.py").read_text(encoding="utf-8"))
    codes = Counter(
        key.value for node in tree.body
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict)
        and any(isinstance(t, ast.Name) and t.id.endswith("MESSAGES")
                for t in ([node.target] if isinstance(node, ast.AnnAssign) else node.targets))
        for key in node.value.keys if isinstance(key, ast.Constant))
    assert len(codes) > 200
    assert [c for c, n in codes.items() if n > 1] == []

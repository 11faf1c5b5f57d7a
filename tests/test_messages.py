"""The message catalogue: every code in both languages with the same placeholders, and
every code used somewhere (a sentence nobody can see is a sentence nobody maintains)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from sbt_xl.messages import LANGS, MESSAGES

ROOT = Path(__file__).resolve().parents[1]


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


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

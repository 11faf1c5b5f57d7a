"""The message catalogue: every message in English and Japanese, with the same
placeholders, so a Japanese run never falls back to English or fails to format."""

from __future__ import annotations

import string

import pytest

from sbt_xl.messages import LANGS, MESSAGES


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_in_both_languages_with_the_same_placeholders(code):
    entry = MESSAGES[code]
    assert set(entry) == set(LANGS), code
    assert _fields(entry["en"]) == _fields(entry["ja"]), code

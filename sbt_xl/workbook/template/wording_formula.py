"""A target's wording as a live Excel formula, built from the phrase table that
:func:`sbt_xl.core.wording.target_text` uses, so the template's wording cell, the
``SBT_TARGET_TEXT`` formula and the command line say the same sentence. The formula uses
only functions Excel 2010 and LibreOffice share (no ``LET``), and it reads dropdown cells
by their code or their Japanese label, so it works in a template of either language.
"""

from __future__ import annotations

import string

from sbt_xl.messages import Lang, lang_of
from sbt_xl.core import criteria as c
from sbt_xl.core import wording as w
from sbt_xl.model.vocabulary import Choice, TARGET_TYPES, YEAR_TYPES
from sbt_xl.workbook.template.layout import key_to_name


def _text(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _is(name: str, code: str, choices: tuple[Choice, ...]) -> str:
    c = next(c for c in choices if c.code == code)
    tests = [f"{name}={_text(c.code)}"]
    if c.label_ja != c.code:
        tests.append(f"{name}={_text(c.label_ja)}")
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def _pct(expr: str) -> str:
    """A share as the wording writes it: 0.425 → ``42.5``, 0.42 → ``42``."""
    return f'ROUND({expr}*100,1)&""'


def _join(phrase: str, values: dict[str, str]) -> str:
    """``"{company} commits to …"`` → ``SBT_company_name&" commits to …"``."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(phrase):
        if literal:
            parts.append(_text(literal))
        if name is not None:
            parts.append(values[name])
    return "&".join(parts)


def _year(expr: str, fiscal: str, lang: Lang) -> str:
    plain, fy = (_join(form, {"y": expr}) for form in w.YEAR_FORMS[lang])
    return f"IF({fiscal},{fy},{plain})"


def _scope(expr: str, lang: Lang) -> str:
    words = w.SCOPE_WORDS[lang]
    out = _text(words["1+2"])  # target_text's default
    for code, word in reversed(words.items()):
        out = f'IF(""&{expr}={_text(code)},{_text(word)},{out})'
    return out


def wording_formula(n: int, lang: Lang = "en") -> str:
    """The formula of target ``n``'s wording cell (``""`` while the row has no type or
    target year)."""
    lang = lang_of(lang)
    name = lambda suffix: key_to_name(f"targets.{n}.{suffix}")  # noqa: E731
    t, ty, by = name("type"), name("target_year"), name("base_year")
    reb, ret, unit = name("re_base_share"), name("re_target_share"), name("intensity_unit")
    fiscal = _is(key_to_name("company.year_type"), "fiscal year", YEAR_TYPES)
    by_text = _year(by, fiscal, lang)
    values = {
        "company": key_to_name("company.name"),
        "scope": _scope(name("scope"), lang),
        "pct": _pct(f"IF(ISNUMBER({name('reduction')}),{name('reduction')},0)"),
        "ty": _year(ty, fiscal, lang),
        "by": by_text,
        "per": f"IF({unit}=\"\",{_text(w.DEFAULT_PER[lang])},{unit})",
        "target": _pct(f"IF(ISNUMBER({ret}),{ret},1)"),
        "start": f'IF(AND(ISNUMBER({reb}),ISNUMBER({by})),'
                 f'{_join(w.RE_START[lang], {"base": _pct(reb), "by": by_text})},"")',
    }
    phrase = {kind: _join(w.PHRASES[lang][kind], values) for kind in w.PHRASES[lang]}
    is_type = lambda code: _is(t, code, TARGET_TYPES)  # noqa: E731
    body = phrase[c.ABSOLUTE]
    body = f"IF(OR({is_type(c.PHYSICAL)},{is_type(c.ECONOMIC)}),{phrase[c.PHYSICAL]},{body})"
    body = f"IF({is_type(c.ENGAGEMENT)},{phrase[c.ENGAGEMENT]},{body})"
    body = f"IF({is_type(c.RENEWABLE)},{phrase[c.RENEWABLE]},{body})"
    return f'=IF(OR({t}="",NOT(ISNUMBER({ty}))),"",{body})'

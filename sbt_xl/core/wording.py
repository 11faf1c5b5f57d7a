"""Target wording both ways: the SBTi's published sentence from a target's fields, and the
fields back from published sentences.

:func:`target_text` writes the phrasing the SBTi uses when it publishes a target ("… commits
to reduce absolute scope 1 and 2 GHG emissions 42% by 2030 from a 2020 base year."), or a
natural Japanese rendering. :func:`parse` reads published wording, several targets and
sections (near-term, long-term, net-zero) at a time, into :class:`ParsedTarget` records,
and says what it could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sbt_xl.core.criteria import (
    ABSOLUTE,
    ECONOMIC,
    ENGAGEMENT,
    LONG_TERM,
    NEAR_TERM,
    PHYSICAL,
    RENEWABLE,
)

NET_ZERO = "net-zero"
NO_DEFORESTATION = "no deforestation"
#: How each target scope is worded (en: the SBTi's phrasing), by language.
SCOPE_WORDS: dict[str, dict[str, str]] = {
    "en": {"1": "scope 1", "2": "scope 2", "1+2": "scope 1 and 2", "3": "scope 3",
           "1+2+3": "scope 1, 2 and 3"},
    "ja": {"1": "スコープ1", "2": "スコープ2", "1+2": "スコープ1・2", "3": "スコープ3",
           "1+2+3": "スコープ1・2・3"},
}
_ECONOMIC = re.compile(r"value added|revenue|sales|turnover|gross profit|\b(?:usd|eur|gbp|jpy|"
                       r"cny|krw|twd|ntd|inr|aud|cad|chf|sek|dkk|nok|brl|mxn)\b|[$€£¥]|"
                       r"million|billion|currency", re.I)


@dataclass(frozen=True)
class ParsedTarget:
    """One target read from published wording (None where the wording does not say)."""

    scope: str | None
    type: str
    reduction: float | None
    base_year: int | None
    target_year: int | None
    term: str = NEAR_TERM
    per: str | None = None
    """The intensity denominator (``"tonne of cement"``)."""
    fiscal: bool = False
    re_base_share: float | None = None
    re_target_share: float | None = None
    flag: bool = False
    """A target on FLAG (land-based) emissions."""


@dataclass(frozen=True)
class Reading:
    targets: tuple[ParsedTarget, ...]
    unread: tuple[str, ...] = field(default=())
    """Sentences that commit to something this parser could not turn into a target."""


def share_text(share: float) -> str:
    """A share as the wording writes it: 0.425 → ``42.5``, 0.42 → ``42``."""
    return f"{share * 100:.1f}".rstrip("0").rstrip(".")


#: A (fiscal) year as the wording writes it, by language: ``FY2030`` / ``2030年度``.
YEAR_FORMS = {"en": ("{y}", "FY{y}"), "ja": ("{y}年", "{y}年度")}


def _year(year: int, fiscal: bool, lang: str = "en") -> str:
    return YEAR_FORMS[lang][fiscal].format(y=year)


#: The SBTi's published phrasing (en) and a natural Japanese rendering, by target type.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        RENEWABLE: "{company} commits to increase annual sourcing of renewable electricity "
                   "{start}to {target}% by {ty}.",
        ENGAGEMENT: "{company} commits that {pct}% of its suppliers by emissions will have "
                    "science-based targets by {ty}.",
        PHYSICAL: "{company} commits to reduce {scope} GHG emissions {pct}% per {per} by {ty} "
                  "from a {by} base year.",
        ABSOLUTE: "{company} commits to reduce absolute {scope} GHG emissions {pct}% by {ty} "
                  "from a {by} base year.",
    },
    "ja": {
        RENEWABLE: "{company}は、{ty}までに再生可能電力の年間調達比率を{start}{target}%に"
                   "高めることを約束します。",
        ENGAGEMENT: "{company}は、{ty}までに排出量ベースで{pct}%のサプライヤーが科学的根拠に"
                    "基づく目標を設定することを約束します。",
        PHYSICAL: "{company}は、{by}を基準年として、{ty}までに{scope}のGHG排出量を{per}あたりの"
                  "原単位で{pct}%削減することを約束します。",
        ABSOLUTE: "{company}は、{by}を基準年として、{ty}までに{scope}のGHG排出量を総量で{pct}%"
                  "削減することを約束します。",
    },
}
RE_START = {"en": "from {base}% in {by} ", "ja": "{by}の{base}%から"}
DEFAULT_PER = {"en": "unit of output", "ja": "生産量"}


def target_text(company: str, scope: str | None, type_: str, reduction: float | None,
                base_year: int | None, target_year: int, *, per: str | None = None,
                fiscal: bool = False, re_base_share: float | None = None,
                re_target_share: float | None = None, lang: str = "en") -> str:
    """The sentence the SBTi publishes for a target (``lang="ja"``: a Japanese rendering)."""
    lang = "ja" if lang == "ja" else "en"
    year = lambda y: _year(y, fiscal, lang)  # noqa: E731
    by = None if base_year is None else year(base_year)
    start = (RE_START[lang].format(base=share_text(re_base_share), by=by)
             if re_base_share is not None and by else "")
    phrase = PHRASES[lang][PHYSICAL if type_ == ECONOMIC else type_]
    return phrase.format(
        company=company, ty=year(target_year), by=by, start=start,
        target=share_text(re_target_share or 1.0), pct=share_text(reduction or 0),
        scope=SCOPE_WORDS[lang][scope or "1+2"],
        per=per or DEFAULT_PER[lang])


# --- reading ----------------------------------------------------------------------------

_SECTION = re.compile(r"(Overall Net-Zero Targets?|Near-Term Targets?|Long-Term Targets?)"
                      r"(?:\s*:|(?=\s+[A-Z]))", re.I)
#: Near-term targets end within about ten years of submission: a target year this late
#: in wording without section headings is a long-term one.
LONG_TERM_FROM = 2040
def _num(name: str) -> str:
    return rf"(?P<{name}>\d+(?:\.\d+)?)\s?%"


def _yr(name: str) -> str:
    return rf"(?:FY\s?|fiscal year\s)?(?P<{name}>\d{{4}})"


_REDUCE = re.compile(
    r"reduce\s+(?:all\s+remaining\s+)?(?P<abs>absolute\s+)?"
    r"(?P<scope>scopes?\s+\d[\d\s,&+]*(?:(?:and|scope)\s+)*\d?"
    r"(?:\s*(?:and|&)\s*(?:scope\s+)?\d)?)\s*(?P<flag>FLAG\s+)?(?:GHG\s+)?emissions?"
    r"(?P<from>\s+(?:from|covering|beyond|associated\s+with|in)\s+[^%]*?)?"
    r"\s+(?:by\s+)?" + _num("pct") + r"(?P<per>\s+per\s+[^.;]*?)?"
    r"(?P<when>\s+(?:by\s+" + _yr("ty") + r"(?:\s+from\s+an?\s+" + _yr("by") +
    r"\s+base[- ]?year)?|(?:within|over)\s+the\s+same\s+(?:target\s+)?time\s?frame))",
    re.I)
_RENEWABLE = re.compile(
    r"(?:increase|source|procure)[^.%]*?renewable electricity[^.%]*?"
    r"(?:from\s+" + _num("base") + r"\s+(?:in\s+)?" + _yr("by") + r"\s+)?(?:to|through)\s+" +
    _num("target") + r"\s+(?:by|through)\s+" + _yr("ty"), re.I)
_ENGAGE = re.compile(_num("pct") + r"\s+of\s+its\s+(?:suppliers|customers)[^.]*?will\s+"
                     r"(?:have|set)\s+science[- ]based\s+targets\s+by\s+" + _yr("ty"), re.I)
_NET_ZERO = re.compile(r"(?:reach|achieve)\s+net[- ]\s?zero[^.]*?by\s+" + _yr("ty"), re.I)
_RENEWABLE_KEEP = re.compile(r"continue[^.%]*?sourcing\s+(?:of\s+)?" + _num("target") +
                             r"\s+(?:renewable electricity|RE)\s+through\s+" + _yr("ty"), re.I)
_NO_DEFORESTATION = re.compile(r"no\s+deforestation[^.]*?(?:target\s+date\s+of\s+[^.]*?"
                               r"(?P<ty>\d{4}))?", re.I)
_SENTENCES = re.compile(r"(?<=[.])\s+(?=[A-Z0-9\"'(])")


def _scope(text: str) -> str | None:
    digits = sorted(set(re.findall(r"[123]", text)))
    return "+".join(digits) if digits else None


def _kind(absolute: bool, per: str | None) -> str:
    if per is None:
        return ABSOLUTE
    return ECONOMIC if _ECONOMIC.search(per) else PHYSICAL


def parse(text: str) -> Reading:
    """Every target in published wording, in the order written."""
    text = " ".join(str(text).replace("*", " ").split())
    text = re.sub(r"https?://\S+", " ", text)
    targets: list[ParsedTarget] = []
    unread: list[str] = []
    term = NEAR_TERM
    pieces = _SECTION.split(text)
    sectioned = len(pieces) > 1
    last_years: tuple[int | None, int | None, bool] = (None, None, False)
    for i, piece in enumerate(pieces):
        if i % 2 == 1:
            head = piece.lower()
            term = LONG_TERM if "long" in head or "net-zero" in head else NEAR_TERM
            continue
        for sentence in _SENTENCES.split(piece):
            found = []
            for m in _NET_ZERO.finditer(sentence):
                found.append((m.start(), ParsedTarget("1+2+3", NET_ZERO, None, None,
                                                      int(m["ty"]), LONG_TERM)))
            for m in _REDUCE.finditer(sentence):
                if m["ty"]:
                    fiscal = bool(re.search(r"FY|fiscal", m["when"], re.I))
                    last_years = (int(m["by"]) if m["by"] else None, int(m["ty"]), fiscal)
                by, ty, fiscal = last_years
                per = m["per"].strip()[4:].strip() if m["per"] else None
                when = term if sectioned or ty is None or ty < LONG_TERM_FROM else LONG_TERM
                found.append((m.start(), ParsedTarget(
                    _scope(m["scope"]), _kind(bool(m["abs"]), per), float(m["pct"]) / 100,
                    by, ty, when, per, fiscal, flag=bool(m["flag"]))))
            for m in _RENEWABLE.finditer(sentence):
                found.append((m.start(), ParsedTarget(
                    "2", RENEWABLE, None, int(m["by"]) if m["by"] else None, int(m["ty"]),
                    term, None, "fy" in m.group(0).lower(),
                    float(m["base"]) / 100 if m["base"] else None, float(m["target"]) / 100)))
            for m in _RENEWABLE_KEEP.finditer(sentence):
                found.append((m.start(), ParsedTarget(
                    "2", RENEWABLE, None, None, int(m["ty"]), term, None,
                    "fy" in m.group(0).lower(), None, float(m["target"]) / 100)))
            for m in _NO_DEFORESTATION.finditer(sentence):
                found.append((m.start(), ParsedTarget(
                    None, NO_DEFORESTATION, None, None, int(m["ty"]) if m["ty"] else None,
                    term, flag=True)))
            for m in _ENGAGE.finditer(sentence):
                found.append((m.start(), ParsedTarget(
                    "3", ENGAGEMENT, float(m["pct"]) / 100, None, int(m["ty"]), term)))
            if found:
                targets += [t for _, t in sorted(found, key=lambda x: x[0])]
            elif re.search(r"\bcommit", sentence, re.I):
                unread.append(sentence.strip())
    return Reading(tuple(targets), tuple(unread))

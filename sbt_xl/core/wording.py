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
from dataclasses import dataclass, field, replace
from functools import lru_cache

from sbt_xl.core.criteria import (
    ABSOLUTE,
    ECONOMIC,
    ENGAGEMENT,
    LONG_TERM,
    NEAR_TERM,
    PHYSICAL,
    RENEWABLE,
)
from sbt_xl.messages import Lang, lang_of

NET_ZERO = "net-zero"
NO_DEFORESTATION = "no deforestation"
MAINTAIN, MAINTAIN_ZERO = "maintain reduction", "maintain zero"
"""A reduction (a share) held from ``target_year`` through ``through``; emissions held at
zero through ``through``."""
MEASURE = "measure and reduce"
"""The SME route's scope 3 commitment: measure and reduce, no figure."""
CARBON_NEUTRAL = "carbon neutral"
NO_NEW_FOSSIL = "no new fossil fuel equipment"
ICE_PHASE_OUT = "ICE vehicle phase-out"
"""A carmaker's phase-out of new internal combustion engine vehicles (``per``: where)."""
NON_CO2 = "non-CO2 reporting"
PORTFOLIO = "portfolio coverage"
"""A financial institution's headline target: the share of its investment and lending its
portfolio targets cover (``coverage``), as of ``base_year``."""
"""An airline's commitment to report on the non-CO2 impacts of aviation."""
#: How each target scope is worded (en: the SBTi's phrasing), by language.
SCOPE_WORDS: dict[str, dict[str, str]] = {
    "en": {"1": "scope 1", "2": "scope 2", "1+2": "scope 1 and 2", "3": "scope 3",
           "1+2+3": "scope 1, 2 and 3"},
    "ja": {"1": "スコープ1", "2": "スコープ2", "1+2": "スコープ1・2", "3": "スコープ3",
           "1+2+3": "スコープ1・2・3"},
}
#: An economic denominator: money ("per million USD value added"), not a quantity counted
#: in millions ("per million gross ton miles") or a revenue-weighted unit of transport
#: ("per revenue passenger kilometer").
_ECONOMIC = re.compile(r"value added|revenue(?!\s+(?:passenger|tonne|ton)\b)|sales|turnover|"
                       r"gross profit|\b(?:usd|eur|euros?|gbp|jpy|cny|rmb|krw|twd|ntd|inr|aud|cad|"
                       r"chf|sek|dkk|nok|brl|mxn|dollars?|pounds?)\b|[$€£¥]|currency|"
                       r"付加価値|売上|円|ドル|ユーロ", re.I)


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
    through: int | None = None
    """The last year a maintained target holds (``… from 2030 through 2040``)."""
    coverage: float | None = None
    """The share of a financial institution's portfolio its targets cover."""


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


def _year(year: int, fiscal: bool, lang: Lang = "en") -> str:
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
                re_target_share: float | None = None, lang: Lang = "en") -> str:
    """The sentence the SBTi publishes for a target (``lang="ja"``: a Japanese rendering)."""
    lang = lang_of(lang)
    by = None if base_year is None else _year(base_year, fiscal, lang)
    start = (RE_START[lang].format(base=share_text(re_base_share), by=by)
             if re_base_share is not None and by else "")
    phrase = PHRASES[lang][PHYSICAL if type_ == ECONOMIC else type_]
    return phrase.format(
        company=company, ty=_year(target_year, fiscal, lang), by=by, start=start,
        target=share_text(re_target_share or 1.0), pct=share_text(reduction or 0),
        scope=SCOPE_WORDS[lang][scope or "1+2"],
        per=per or DEFAULT_PER[lang])


# --- reading ----------------------------------------------------------------------------
#
# A text is cut into sections (near-term, long-term, net-zero) and sentences. Each sentence
# is either a note that states no target (the SME route, the boundary of bioenergy
# emissions, a financial institution's coverage), or read by the patterns below; a sentence
# is read only when, once every target found in it is taken out, nothing that states a
# target is left (a percentage, "reduce", "zero", "net-zero", …). Everything else goes to
# ``unread`` whole.

_SECTION = re.compile(r"(?=[ONLonl])((?i:Overall\s+Net[- ]?Zero\s+Targets?|Near[- ]Term\s+Targets?|"
                      r"Long[- ]Term\s+Targets?)|[Nn]et[- ][Zz]ero\s+[Tt]argets?)"
                      r"(?:\s*:|(?=\s+[A-Z0-9'\"‘“])|\s*$)")
#: Near-term targets end within about ten years of submission: a target year this late
#: in wording without section headings is a long-term one.
LONG_TERM_FROM = 2040
_NUM = r"\d+(?:[.,]\d+)?"


def _pct(name: str) -> str:
    return rf"(?P<{name}>{_NUM})\s?(?:%+|percent\b)"


def _yr(name: str) -> str:
    """A year, plain or fiscal (``FY2030``, ``FY 2030``, ``fiscal year 2030``, ``FY2030/31``,
    ``2035-36``; see :func:`_int`)."""
    return (rf"(?:(?:the\s+)?end\s+of\s+)?(?:FY\s?|fiscal\s+year\s+)?"
            rf"(?P<{name}>(?:19|20)\d\d(?:[-/–](?:20)?\d\d)?)(?![-/–]?\d)")


_BASE = r"(?:an?\s+|the\s+|its\s+)?(?:base[- ]?year\s+(?:of\s+)?|baseline\s+(?:of\s+)?)?"
_BASE_TAIL = r"(?:\s+(?:base[-‐ ]?year|baseline)(?:\s+levels?)?)?"
_FROM = (r"(?:from|form|against|compared\s+(?:to|with)|relative\s+to|versus|vs\.?|"
         r"(?:by|using)(?=\s+an?\s))")
_SAME = (r"(?:by\s+)?(?:wi\w{2,3}in|over|in|by|during)\s+(?:the\s+sam\w*|this)\s+(?:target\s+)?"
         r"(?:time[- ]?(?:fram\w*|period)|period|target\s+year|timeline)")
_WHEN = (r"(?P<when>\s*,?\s*(?:(?:by|in|until|before)\s*" + _yr("ty") +
         r"(?:\s*,?\s*" + _FROM + r"\s+" + _BASE + _yr("by") + _BASE_TAIL + r")?"
         r"|" + _FROM + r"\s+" + _BASE + _yr("by2") + _BASE_TAIL + r"\s*,?\s*(?:by|in)\s+" +
         _yr("ty2") + r"|" + _yr("ty4") + r"\s+" + _FROM + r"\s+" + _BASE + _yr("by4") +
         _BASE_TAIL + r"|" + _FROM + r"\s+" + _BASE + _yr("by3") + _BASE_TAIL + r"\s*,?\s*"
         r"equivalent\s+to\s+an?\s+" + _NUM + r"\s?%\s+reduction\s+per\s+[^.;%]*?\s+by\s+" +
         _yr("ty3") + r"|" + _SAME + r"))")
_EMISSIONS = r"(?:emissions?|GHGs?)\b"
#: An intensity target's absolute equivalent, said after it.
_RESTATED = (r"(?:\s*,?\s*(?:which\s+(?:is\s+)?)?(?:equivalent|translating|translates|equates)"
             r"\s+to\s+(?:an?\s+)?" + _NUM +
             r"\s?%\s+(?:(?:absolute\s+)?(?:emissions?\s+)?reduction"
             r"(?:\s+in\s+absolute\s+emissions|\s+per\s+[^.;%,]*?(?=\s+by\s|\s*[,.;]|\s*$))?"
             r"|per\s+[^.;%,]*?\s+reduction|in\s+absolute\s+emissions)"
             r"|\s*,?\s*equivalent\s+to\s+an\s+absolute\s+reduction\s+of\s+" + _NUM + r"\s?%"
             r"(?:\s+by\s+(?:FY\s?)?\d{4}(?:\s+from\s+an?\s+(?:FY\s?)?\d{4}\s+base[- ]year)?)?"
             r"\s*,?)?")
#: What starts a further reduction after "and".
_NEXT = r"(?=\s+(?:absolute|all|remaining|gross|scope|FLAG|its)\b)"
#: A reduction whose years the next one says ("… and scope 2 GHG emissions 53.2% … within
#: the same timeframe").
_OPEN = (r"(?P<open>(?=\s*,?\s*and(?:\s+to\s+reduce)?(?:" + _NEXT +
         r"|\s+(?:from|covering)\s)))")
_REDUCTION = (
    r"\s+(?:(?P<pct0>" + _NUM + r")\s?%\s+(?:of\s+)?)?"
    r"(?P<subj>[^%;.]*?" + _EMISSIONS + r"[^%;.]*?)"
    r"(?(pct0)|\s*,?\s*(?:by\s+)?" + _pct("pct") + r")"
    r"(?P<subj2>\s+(?:from|covering)\s+(?!(?:an?\s+|the\s+)?(?:FY\s?)?\d|base)[^.%;]*?)?"
    r"(?P<per>\s+per\s+[^.;%]*?)?" + _RESTATED + r"(?:" + _WHEN + _RESTATED + r"|" + _OPEN + r")")
# a literal start ("reduc", not "\b[Rr]educ") lets the engine skip to it: ~15 % faster
_REDUCE = re.compile(r"reduc(?:e|ing)(?i:" + _REDUCTION + ")")
_REDUCE_ANY_CASE = re.compile(r"\breduc(?:e|ing)" + _REDUCTION, re.I)  # "Reduce …", "REDUCE …"
#: A further reduction right after one: "…, and (to reduce) absolute scope 3 GHG emissions
#: 25% within the same timeframe".
_REDUCE_AND = re.compile(r"\s*,?\s*and(?:\s+to\s+reduce)?" + _NEXT + _REDUCTION, re.I)
#: The SME route's sentence with its verb lost or garbled ("ES Co., Ltd scope 1 and scope 2
#: GHG emissions 42% by 2030 from a 2020 base year, and to measure and reduce its scope 3
#: emissions"; "… commits to reducescope 1 …"; "… reduce 1.5 aligned: scope 1 …"): read
#: only in that template.
_SME_REDUCE = re.compile(
    r"(?:\breduce\s*)?(?:1\.5\s+aligned:\s+)?\bscope\s+1\s+and\s+scope\s+2\s+GHG\s+emissions\s+" +
    _pct("pct") + r"\s+by\s+" + _yr("ty") + r"\s+from\s+an?\s+" + _yr("by") +
    r"\s+base\s+year(?=,\s+and\s+to\s+measure\s+and\s+reduce\s+its\s+scope\s+3\b)", re.I)
#: A further part of the same emissions: "… from purchased goods and services 28% and
#: from business travel 13% by 2027 …" (the scope is the one before).
_REDUCE_PART = re.compile(
    r"\s*,?\s*and\s+(?P<subj>(?:from|covering)\s+[^%.;]*?)\s+" + _pct("pct") +
    r"(?P<per>\s+per\s+[^.;%]*?)?(?:" + _WHEN + r"|" + _OPEN + r")", re.I)
#: More targets on the same emissions: "… 20% by 2025 and 60% by 2040 from a 2017 base year".
_REDUCE_MORE = re.compile(
    r"\s*,?\s*and\s+(?P<subj>(?:from|covering)\s+[^%.;]*?\s+)?" + _pct("pct") +
    r"(?P<per>\s+per\s+[^.;%]*?)?(?P<when>\s+by\s+" + _yr("ty") + r"(?:\s*,?\s*" + _FROM +
    r"\s+" + _BASE + _yr("by") + _BASE_TAIL + r")?)" + _RESTATED, re.I)
#: "…, and (to) maintain at least 90% (absolute) reduction through 2050": the reduction
#: before it, held.
_MAINTAIN_AND = re.compile(
    r"\s*,?\s*and\s+(?:to\s+)?ma\w{0,2}tain\s+(?:(?:at\s+least\s+|a\s+minimum\s+of\s+)?" +
    _pct("pct") + r"\s+(?:absolute\s+)?reductions?\s+)?(?:through|until)\s+" + _yr("ty") +
    r"(?:\s+from\s+" + _yr("start") + r")?", re.I)
_MAINTAIN = re.compile(
    r"\bmaintain\s+(?:(?P<zero>zero|net[- ]?zero|0(?=\s+(?:absolute\s+)?scope))|"
    r"(?:at\s+least|a\s+minimum(?:\s+of)?|minimum(?:\s+of)?|an?)?\s*" + _pct("pct") +
    r"(?:\s+or\s+(?:more|greater|higher))?)\s+"
    r"(?P<subj>[^%;.]*?" + _EMISSIONS + r"(?:\s+(?:reduc|redcu)tions?)?"
    r"(?:\s+(?:from|of|covering)\s+(?!(?:FY\s?)?\d)[^%;.]*?)?)"
    r"\s*,?\s*(?:(?:(?:from|in|starting\s+(?:in|from))\s+" + _yr("start") + r"\s+)?"
    r"(?:through(?:\s+to)?|until|up\s+to|to)\s+" + _yr("ty") +
    r"(?:\s*,?\s*" + _FROM + r"\s+" + _BASE + _yr("by") + _BASE_TAIL + r")?|" + _SAME + ")", re.I)
_MEASURE = re.compile(
    r"\bmeasure\s+and\s+reduce\s+(?:its\s+)?scope\s+3\s+(?:GHG\s+)?emissions"
    r"(?:\s+from\s+" + _BASE + _yr("by") + _BASE_TAIL + r")?", re.I)
_RE_WORDS = r"renewable\s+(?:electricity|energy|power)"
_RENEWABLE = re.compile(
    r"\b(?:increas\w*|sourc\w*|procur\w*|achieve|reach)\b[^.%]*?" + _RE_WORDS + r"[^.%]*?"
    r"(?:from\s+" + _pct("base") + r"\s+(?:in\s+)?(?:(?:the\s+)?base\s+year\s+)?" + _yr("by") +
    r"\s+)?"
    r"(?:from\s+" + _pct("base1") + r"\s+in\s+(?:the\s+|its\s+)?base\s+year\s+)?"
    r"(?:from\s+" + _pct("base0") + r"\s+)?(?:up\s+)?(?:to|through)\s+" + _pct("target") +
    r"\s+(?:by|in|through)\s+" + _yr("ty"), re.I)
#: "… achieve 100% sourcing of renewable electricity by FY2030".
_RENEWABLE_REACH = re.compile(
    r"\b(?:achieve|reach)\s+" + _pct("target") + r"\s+(?:active\s+|annual\s+)*(?:sourcing|use|"
    r"procurement)\s+of\s+" + _RE_WORDS + r"\s+by\s+" + _yr("ty"), re.I)
_RENEWABLE_MORE = re.compile(r"\s*,?\s+and\s+(?:to\s+)?" + _pct("target") + r"\s+(?:by|in)\s+" +
                             _yr("ty"), re.I)
_RENEWABLE_KEEP = re.compile(
    r"\b(?:continu\w*|maintain\w*|keep\w*)\b(?:[^.%]*?sourc\w*\s+(?:of\s+)?" + _pct("target") +
    r"\s+(?:of\s+)?|\s+(?:(?:active|annual|annually)\s+)*" + _pct("target2") +
    r"\s+(?:(?:active|annual|annually)\s+)*(?:sourc\w*\s+of\s+)?)(?:" + _RE_WORDS + r"|RE)\b"
    r"(?:\s+for\s+(?:its\s+)?own\s+use)?"
    r"\s*,?\s*(?:(?:from|in)\s+" + _yr("start") + r"\s+)?(?:through|until)(?:\s+to)?\s+" +
    _yr("ty") + r"(?:\s+from\s+" + _BASE + _yr("by") + _BASE_TAIL + r")?", re.I)
_ENGAGE = re.compile(
    _pct("pct") + r"\s+of\s+(?P<who>[^.%]*?)\s*,?\s+(?:will|to|shall|must)\s+(?:have\s+)?"
    r"(?:set\s+|adopt(?:ed)?\s+)?(?:their\s+|an?\s+)?"
    r"(?:(?:SBTi[- ]validated\s+|science[- ]?\s?based\s+)"
    r"(?:GHG\s+|scope\s+[123](?:\s+(?:and\s+)?(?:scope\s+)?[123])*\s+)?(?:(?:emissions?\s+)?"
    r"reduction\s+)?targets?|SBTs?)\b[^.%]*?(?:\bby\s+" + _yr("ty") + r"|" + _SAME + r")"
    r"(?:\s+and\s+" + _pct("pct2") + r"\s+by\s+" + _yr("ty2") + r")?"
    r"(?:\s*,?\s*from\s+" + _BASE + _yr("by") + _BASE_TAIL + r")?",
    re.I)
_NET_ZERO = re.compile(
    r"\b(?:reach|achieve|be(?:come)?|attain)\s+(?P<what>net[- ]?\s?zero|"
    r"carbon[- ]neutral(?:ity)?)\b[^.%]*?\bby\s+(?:a\s+)?" + _yr("ty") +
    r"(?:\s+" + _FROM + r"\s+" + _BASE + _yr("by") + _BASE_TAIL + r")?", re.I)
_NO_DEFORESTATION = re.compile(
    r"(?:\bmaintain(?:ing)?\s+)?\bno[- ]deforestation\b(?:[^.%]*?(?:target\s+date\s+of|\bby)\s+"
    r"(?:no\s+later\s+than\s+)?(?:\w+\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?" + _yr("ty") +
    r")?[^.%]*", re.I)
_NO_NEW_FOSSIL = re.compile(
    r"\binstall\s+no\s+new\s+fossil\s+fuel\s+equipment\b[^.%]*?\b(?:from|by)\s+"
    r"(?:\w+\s+\d{1,2},?\s+)?" + _yr("ty"), re.I)
_PORTFOLIO = re.compile(
    r"\bportfolio\s+targets?\s+(?:also\s+)?covers?\s+" + _pct("pct") + r"(?:\d+\b|\(\d\))?\s+of\s+"
    r"[^.%]*?(?:\bas\s+of\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Z][a-z]+\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?" + _yr("by") + r")?\s*(?=[.(]|$)", re.I)
_ICE = re.compile(r"\bphase[- ]out\s+of\s+new\s+internal\s+combustion\s+engine\s+vehicles\s+by\s+" +
                  _yr("ty") + r"\s+in\s+leading\s+markets\s+and\s+by\s+" + _yr("ty2") +
                  r"\s+globally", re.I)
_NON_CO2 = re.compile(r"\b(?:report\s+publicly|publicly\s+report)\b[^.%]*?\bnon[- ]?CO2e?\s+"
                      r"impacts\b[^.%]*", re.I)
#: What a target states: left over once the targets found are taken out, it means a
#: target was not read.
_STATES = re.compile(r"%|\bscopes?\s+\d|\b(?:reduc|maintain|zero|net[- ]?zero|neutral|renewable|"
                     r"science[- ]based|deforestation|sourc(?:e|ing)\b|\d{4}\s+base\s+year)")
#: Sentences the SBTi adds to targets that state no target themselves (matched from the
#: sentence's start).
_NOTE = re.compile(
    r"\W*(?:full\s+target:\s*)?(?:\(?\d\)?\s*)*(?:"
    r"this\s+target\s+was\s+approved\s+using\s+a\s+streamlined\s+target\s+validation\s+route|"
    r"(?:the\s+|this\s+)?(?:scope\s+\d\s+)?targets?\s+(?:boundar\w*\s+)?incl\w*\s+[^%]*?"
    r"\b(?:emi\w*|removals?)\b[^%]*$|"
    r"(?:the\s+)?(?:scope\s+\d\s+)?targets?\s+boundar\w*\s+incl\w*\b[^%]*$|"
    r"read\s+the\s+[^.%]*\bcase\s+study\W*$|"
    r"the\s+targets?\s+only\s+includes?\s+energy\s+and\s+industrial\s+emissions[^%]*$|"
    r"the\s+company\s+will\s+include\s+these\s+emissions\s+in\s+a\s+FLAG\s+target|"
    r"non[- ]?CO(?:2|₂)e?\s+(?:effects|factors|impacts)\b[^%]*?\bnot\s+included\b[^%]*$|"
    r"these\s+targets\s+and\s+coverage\b[^.]*\binclude\b|"
    r"the\s+targets\s+cover\s+required\s+activities\s+for\s+which\s+the\s+minimum\s+coverage|"
    r"as\s+of\s+(?:that|the\s+same)\s+year|as\s+of\s+(?:FY\s?)?\d{4},\s+required\s+activities|"
    r"shareholder\s+investments\s+are\s+defined\s+as\b|"
    r"auto\s+manufacturers\s+have\s+two\s+near[- ]term\s+target\s+temperature\s+alignments|"
    r"there\s+is\s+a\s+strictly\s+enforced\s+timeline\s+for\s+these\s+companies\s+to\s+"
    r"ratchet|at\s+this\s+point,\s+they\s+will\s+be\s+expected\s+to\s+decarbonize|"
    r"third[- ]party\s+asset\s+management\s+activities\s+(?:\([^)]*\)\s+)?made\s+up\b|"
    r"[^%.]{0,80}?\b(?:activities|investments|assets\s+under\s+\w+)\s+(?:activities\s+)?"
    r"made\s+up\s+"
    r"\d+(?:\.\d+)?\s?%\s+of\s+(?:its\s+)?total\s+investment[^%]*$|"
    r"as\s+this\s+target\s+calculation\s+depends\s+on\s+the\s+scrap\s+ratio\s+projection\b[^%]*$|"
    r"th(?:e|ese)\s+targets\s+cover\s+\d+\s?%\s+or\s+more\s+of\s+the\s+financial\s+"
    r"institution\W?s\s+"
    r"portfolio\s+target\s+boundary\b[^%]*$|"
    r"this\s+coverage\s+includes\s+assets\s+that\s+are\s+covered\s+by\b[^%]*$|"
    r"\d{1,2}\W*$|"
    r"the\s+targets?\b[^.%]*?\bare\s+consistent\s+with\s+reductions\s+required\s+to\s+keep"
    r"\s+warming\s+to\b[^%]*$|"
    r"under\s+the\s+former\s+commitment\s+model\s+of\s+the\s+SBTi\b[^%]*$|"
    r"(?:full\s+target|FLAG)\s*:?\W*$)",
    re.I)
_SENTENCES = re.compile(r"(?<=[.])\s+(?=[A-Z0-9\"'(])|(?<=\d\.)(?=[A-Z][a-z])")
#: Footnote markers, "(1)", start a sentence too.
_FOOTNOTE = re.compile(r"\s*(?:\(\d\)\s*)+(?=[A-Z])")
#: A piece cut at an abbreviation's full stop ("Co.", "S.A.") says none of these words:
#: it is glued to the next piece.
_SAYS = re.compile(r"\b(?:commit\w*|emissions?|includ\w*|approved)\b|%", re.I)
_CATEGORY = re.compile(r"\bcategor(?:y|ies)\s+\d+(?:\s*(?:,|and|&)\s*\d+)*|\([^)]*\)", re.I)


@lru_cache(maxsize=4096)
def _scope(text: str) -> str | None:
    text = _CATEGORY.sub(" ", text)
    digits: set[str] = set()
    for m in re.finditer(r"\bscopes?\s+((?:[123]|scope|and|&|\+|,|\s)+)", text, re.I):
        digits |= set(re.findall(r"[123]", m.group(1)))
    if not digits:  # "reduce absolute 3 GHG emissions": the word scope left out
        bare = re.search(r"(?:^|\babsolute\s+)([123](?:\s*(?:,|and|&|\+)\s*[123])*)\s+(?:GHG\s+)?"
                         r"emissions\b", text.strip(), re.I)
        digits = set(re.findall(r"[123]", bare.group(1))) if bare else set()
    return "+".join(sorted(digits)) if digits else None


def _kind(per: str | None) -> str:
    if per is None:
        return ABSOLUTE
    return ECONOMIC if _ECONOMIC.search(per) else PHYSICAL


def _share(text: str) -> float:
    return round(float(text.replace(",", ".")) / 100, 6)


def _int(text: str | None) -> int | None:
    """A year as written; a fiscal year across two calendar years (``FY2030/31``) is the
    year it ends, as the SBTi's dashboard states most of them: in its "Companies Taking
    Action" export (SBTi-finance-tool commit 0a91eaf), of the 26 targets written "by
    YYYY/YY from …" whose dashboard near-term year is one of the two, 23 get the later."""
    if not text:
        return None
    year, second = int(text[:4]), text[5:]
    return year + 1 if second and int(second[-2:]) == (year + 1) % 100 else year


_FISCAL = re.compile(r"FY|fiscal|\d{4}[-/–]\d", re.I)


def _fiscal(text: str) -> bool:
    return bool(_FISCAL.search(text))


_Found = tuple[int, int, ParsedTarget, bool]
"""Where a target was found in a sentence (start, end), the target, and whether it takes
its years from the target before it ("within the same timeframe")."""


def _reduction(m: re.Match[str], term: str) -> ParsedTarget | None:
    g = m.groupdict()
    per = m["per"].strip()[4:].strip() if m["per"] else None
    subj = m["subj"] + (g.get("subj2") or "")
    if per is None and " per " in subj:
        subj, per = subj.split(" per ", 1)
        per = per.strip(" ,")
    if per is None and "intensity" in subj.lower():
        return None  # an intensity whose unit is not said
    return ParsedTarget(
        _scope(subj), _kind(per), _share(g.get("pct0") or m["pct"]),
        _int(m["by"] or m["by2"] or m["by3"] or m["by4"]),
        _int(m["ty"] or m["ty2"] or m["ty3"] or m["ty4"]), term, per, _fiscal(m["when"] or ""),
        flag="FLAG" in subj)


def _reductions(s: str, term: str) -> list[_Found]:
    out: list[_Found] = []
    pattern = _REDUCE if s.find("Reduc") < 0 and s.find("REDUC") < 0 else _REDUCE_ANY_CASE
    for match in pattern.finditer(s):
        m: re.Match[str] | None = match
        chain: list[tuple[int, int, ParsedTarget, bool, bool]] = []
        before: ParsedTarget | None = None
        while m is not None and (t := _reduction(m, term)) is not None:
            if m.re is _REDUCE_PART and before is not None:
                t = replace(t, scope=before.scope, flag=before.flag)
            before = t
            opened = m["open"] is not None
            more_chain = [(m.start(), m.end(), t, t.target_year is None and not opened, opened)]
            end = m.end()
            while t.target_year and (more := _REDUCE_MORE.match(s, end)):
                per = more["per"].strip()[4:].strip() if more["per"] else t.per
                if (per is None) != (t.per is None):
                    break  # an intensity after an absolute target, or the other way
                more_chain.append((more.start(), more.end(), replace(
                    t, reduction=_share(more["pct"]), target_year=_int(more["ty"]), per=per,
                    base_year=_int(more["by"]), fiscal=_fiscal(more["when"])), False, False))
                end = more.end()
            if len(more_chain) > 1 and more_chain[-1][2].base_year and not t.base_year:
                # "… 20% by 2025 and 60% by 2040 from a 2017 base year": the base year
                # said last is every one's
                by = more_chain[-1][2].base_year
                more_chain = [(a, b, replace(x, base_year=by), same, o)
                              for a, b, x, same, o in more_chain]
            chain += more_chain
            held = _MAINTAIN_AND.match(s, end) if t.target_year else None
            if held:
                last = more_chain[-1][2]
                chain.append((held.start(), held.end(), replace(
                    last, type=MAINTAIN,
                    reduction=_share(held["pct"]) if held["pct"] else last.reduction,
                    target_year=_int(held["start"]) or last.target_year, through=_int(held["ty"]),
                    per=None, fiscal=_fiscal(held.group(0)) or last.fiscal), False, False))
                end = held.end()
            m = _REDUCE_AND.match(s, end) or (_REDUCE_PART.match(s, end) if before else None)
        # a target whose years the next one says takes them; with none after it, it is
        # not read
        source: tuple[ParsedTarget, bool] | None = None
        for a, b, t, same, opened in reversed(chain):
            if opened:
                if source is None:
                    continue
                t = replace(t, base_year=source[0].base_year, target_year=source[0].target_year,
                            fiscal=source[0].fiscal)
                same = source[1]
            else:
                source = (t, same)
            out.append((a, b, t, same))
    if not out and "measure and reduce" in s:
        out += [(m.start(), m.end(), ParsedTarget(
            "1+2", ABSOLUTE, _share(m["pct"]), _int(m["by"]), _int(m["ty"]), term,
            fiscal=_fiscal(m.group(0))), False) for m in _SME_REDUCE.finditer(s)]
    return out


def _maintained(s: str, term: str) -> list[_Found]:
    out: list[_Found] = []
    for m in _MAINTAIN.finditer(s):
        zero = m["zero"] is not None
        start, end = _int(m["start"]), _int(m["ty"])
        out.append((m.start(), m.end(), ParsedTarget(
            _scope(m["subj"]), MAINTAIN_ZERO if zero else MAINTAIN,
            None if zero else _share(m["pct"]), _int(m["by"]), start or end, term,
            fiscal=_fiscal(m.group(0)), flag=bool(re.search(r"\bFLAG\b", m["subj"])),
            through=end), end is None))
    for m in _MEASURE.finditer(s):
        out.append((m.start(), m.end(), ParsedTarget("3", MEASURE, None, _int(m["by"]), None,
                                                      term, fiscal=_fiscal(m.group(0))), False))
    return out


def _renewables(s: str, term: str) -> list[_Found]:
    out: list[_Found] = []
    for m in _RENEWABLE.finditer(s):
        base = m["base"] or m["base0"] or m["base1"]
        by = _int(m["by"])
        out.append((m.start(), m.end(), ParsedTarget(
            "2", RENEWABLE, None, by, _int(m["ty"]), term, None, _fiscal(m.group(0)),
            _share(base) if base else None, _share(m["target"])), False))
        more = _RENEWABLE_MORE.match(s, m.end())
        if more:
            out.append((more.start(), more.end(), ParsedTarget(
                "2", RENEWABLE, None, by, _int(more["ty"]), term, None,
                _fiscal(more.group(0)), _share(base) if base else None,
                _share(more["target"])), False))
    for m in _RENEWABLE_REACH.finditer(s):
        out.append((m.start(), m.end(), ParsedTarget(
            "2", RENEWABLE, None, None, _int(m["ty"]), term, None, _fiscal(m.group(0)), None,
            _share(m["target"])), False))
    for m in _RENEWABLE_KEEP.finditer(s):
        start, end = _int(m["start"]), _int(m["ty"])
        out.append((m.start(), m.end(), ParsedTarget(
            "2", RENEWABLE, None, _int(m["by"]), start or end, term, None,
            _fiscal(m.group(0)), None, _share(m["target"] or m["target2"]), through=end), False))
    return out


def _commitments(s: str, term: str) -> list[_Found]:
    """Net-zero and carbon-neutral commitments, engagement, no-deforestation, and the
    sector commitments the SBTi publishes beside targets."""
    out: list[_Found] = []
    for m in _NET_ZERO.finditer(s):
        neutral = "neutral" in m["what"].lower()
        out.append((m.start(), m.end(), ParsedTarget(
            _scope(m.group(0)) or "1+2+3", CARBON_NEUTRAL if neutral else NET_ZERO, None,
            _int(m["by"]), _int(m["ty"]), LONG_TERM, fiscal=_fiscal(m.group(0))), False))
    for m in _ENGAGE.finditer(s):
        first = ParsedTarget("3", ENGAGEMENT, _share(m["pct"]), _int(m["by"]), _int(m["ty"]),
                             term, fiscal=_fiscal(m.group(0)))
        out.append((m.start(), m.end(), first, m["ty"] is None))
        if m["pct2"]:  # "… by 2025 and 100% by 2030"
            out.append((m.end(), m.end(), replace(first, reduction=_share(m["pct2"]),
                                                  target_year=_int(m["ty2"])), False))
    for m in _NO_DEFORESTATION.finditer(s):
        out.append((m.start(), m.end(), ParsedTarget(
            None, NO_DEFORESTATION, None, None, _int(m["ty"]), term, flag=True), False))
    for m in _NO_NEW_FOSSIL.finditer(s):
        out.append((m.start(), m.end(), ParsedTarget(
            None, NO_NEW_FOSSIL, None, None, _int(m["ty"]), term), False))
    for m in _PORTFOLIO.finditer(s):
        out.append((m.start(), m.end(), ParsedTarget(
            None, PORTFOLIO, None, _int(m["by"]), None, term, coverage=_share(m["pct"])), False))
    for m in _ICE.finditer(s):
        out.append((m.start(), m.end(), ParsedTarget(None, ICE_PHASE_OUT, None, None,
                                                      _int(m["ty"]), term, "leading markets"),
                    False))
        out.append((m.end(), m.end(), ParsedTarget(None, ICE_PHASE_OUT, None, None,
                                                    _int(m["ty2"]), term, "globally"), False))
    for m in _NON_CO2.finditer(s):
        out.append((m.start(), m.end(), ParsedTarget(None, NON_CO2, None, None, None, term),
                    False))
    return out


#: Each finder, and words a sentence must hold for it to look (most sentences need only
#: one or two finders; this keeps reading the SBTi's 10,000 texts to a few seconds).
_FINDERS = ((_commitments, ("zero", "neutral", "target", "deforestation", "fossil", "co2",
                             "combustion",
                             "portfolio", "sbt")),
            (_maintained, ("maintain", "measure")), (_renewables, ("renewable", "sourc")),
            (_reductions, ("%", "percent")))


def _sentences(piece: str) -> list[str]:
    out: list[str] = []
    carry = ""
    parts = (p for line in piece.split("\n") for p in _SENTENCES.split(line))
    for part in (q for p in parts for q in (_FOOTNOTE.split(p) if "(" in p else (p,))):
        part = f"{carry} {part}".strip() if carry else part.strip()
        carry = ""
        if part and len(part) < 80 and not _SAYS.search(part):
            carry = part
        elif part:
            out.append(part)
    if carry:
        out.append(carry)
    return out


def _read_sentence(sentence: str, term: str) -> tuple[list[_Found], bool]:
    """The targets in one sentence (in the order written), and whether it was read whole.

    What comes before "commits" names the company; the rest repeats across companies (the
    SME route's sentences differ in their figures only), so it is read once and cached."""
    low = sentence.lower()
    at = low.find("commit")
    if at <= 0 or _STATES.search(low, 0, at):  # something before it may state a target
        found, whole = _read_from(sentence, term)
        return list(found), whole
    found, whole = _read_from(sentence[at:], term)
    return [(a + at, b + at, t, same) for a, b, t, same in found], whole


@lru_cache(maxsize=16384)
def _read_from(sentence: str, term: str) -> tuple[tuple[_Found, ...], bool]:
    found: list[_Found] = []
    low = sentence.lower()
    for finder, words in _FINDERS:
        if any(map(low.__contains__, words)):
            found += finder(sentence, term)
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[_Found] = []
    for f in found:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    if not kept:
        return (), False
    gaps, done = [], 0
    for start, end, _, _ in kept:
        gaps.append(low[done:start])
        done = max(done, end)
    gaps.append(low[done:])
    left = " | ".join(gaps)
    # what comes before "commits" names the company ("Renewable energy company X commits …")
    return tuple(kept), not _STATES.search(left, max(0, left.find("commit")))


#: What a sentence holds when it may state a target: a percentage, a year, a commitment,
#: a target, or a verb targets use. A sentence with none of these ("Total exposure is
#: the sum of loans, equity, bonds …") states no target and is read as such.
_MAY_STATE = re.compile(r"%|\b(?:19|20)\d\d|\b(?:commit|target|reduc|maintain|increas|sourc|"
                        r"achiev|reach|net[- ]?zero|neutral|phase|deforest)", re.I)
#: Soft hyphens and control characters the export carries inside words ("net\x02zero").
_INVISIBLE = re.compile(r"[\u00ad\u200b\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse(text: str) -> Reading:
    """Every target in published wording, in the order written."""
    text = _INVISIBLE.sub("", str(text)).replace("*", " ").replace("％", "%")
    text = " ".join(text.split())
    text = re.sub(r"\s*https?://\S+\s*", "\n", text)  # a link ends a sentence
    if _JAPANESE.search(text):
        return _parse_ja(text)
    targets: list[ParsedTarget] = []
    unread: list[str] = []
    term = NEAR_TERM
    pieces = _SECTION.split(text)
    sectioned = len(pieces) > 1
    last: tuple[int | None, int | None, bool] = (None, None, False)
    held: ParsedTarget | None = None  # the last maintained target with its years
    for i, piece in enumerate(pieces):
        if i % 2 == 1:
            head = piece.lower()
            term = LONG_TERM if re.search(r"long|net[- ]?zero", head) else NEAR_TERM
            continue
        for sentence in _sentences(piece):
            note = _NOTE.match(sentence)
            if note and "commit" not in sentence[note.end():].lower():
                continue
            found, whole = _read_sentence(sentence, term)
            if not whole and (found or _MAY_STATE.search(sentence)):
                unread.append(sentence)
            for _, _, t, same in found:
                if same and t.type in _HELD:  # "maintain … within the same timeframe"
                    if held is None:
                        unread += [] if sentence in unread else [sentence]
                        continue
                    t = replace(t, base_year=held.base_year, target_year=held.target_year,
                                through=held.through, fiscal=held.fiscal)
                elif t.type in _HELD:
                    held = t
                elif same and t.type in _REDUCTIONS:
                    t = replace(t, base_year=last[0], target_year=last[1], fiscal=last[2])
                elif same:
                    t = replace(t, target_year=last[1], fiscal=last[2])
                elif t.type in _REDUCTIONS and t.target_year:
                    last = (t.base_year, t.target_year, t.fiscal)
                if t.type in _REDUCTIONS and not sectioned and t.target_year and \
                        t.target_year >= LONG_TERM_FROM:
                    t = replace(t, term=LONG_TERM)
                targets.append(t)
    return Reading(tuple(targets), tuple(unread))


_REDUCTIONS = (ABSOLUTE, PHYSICAL, ECONOMIC)
_HELD = (MAINTAIN, MAINTAIN_ZERO)

# --- reading Japanese: what target_text(…, lang="ja") writes ---------------------------

#: Japanese wording: hiragana or a Japanese full stop (a company name in katakana or
#: kanji, "Y・K・P CO.,LTD.", does not make an English text Japanese).
_JAPANESE = re.compile(r"[\u3040-\u309f。]")
_JA_YEAR = r"(?P<{0}>\d{{4}})年(?P<{0}_fy>度)?"
_JA_SCOPE = r"(?P<scope>スコープ[123](?:・[123])*)"
_JA_PCT = r"(?P<{0}>{1})\s?%".format("{0}", _NUM)
_JA_REDUCE = re.compile(
    _JA_YEAR.format("by") + r"を基準年として、" + _JA_YEAR.format("ty") + r"までに" + _JA_SCOPE +
    r"のGHG排出量を(?:総量で|(?P<per>.+?)あたりの原単位で)" + _JA_PCT.format("pct") +
    r"削減することを約束します")
_JA_RENEWABLE = re.compile(
    _JA_YEAR.format("ty") + r"までに再生可能電力の年間調達比率を(?:" + _JA_YEAR.format("by") +
    r"の" + _JA_PCT.format("base") + r"から)?" + _JA_PCT.format("target") +
    r"に高めることを約束します")
_JA_ENGAGE = re.compile(
    _JA_YEAR.format("ty") + r"までに排出量ベースで" + _JA_PCT.format("pct") +
    r"のサプライヤーが科学的根拠に基づく目標を設定することを約束します")
_JA_STATES = re.compile(r"\d\s?%|削減|排出|基準年|再生可能|目標|ネット\s?ゼロ|カーボン\s?ニュートラル")


def _ja_target(m: re.Match[str]) -> ParsedTarget:
    groups = m.groupdict()
    fiscal = bool(groups.get("ty_fy"))
    by = _int(groups.get("by"))
    if m.re is _JA_RENEWABLE:
        return ParsedTarget("2", RENEWABLE, None, by, _int(m["ty"]), NEAR_TERM, None, fiscal,
                            _share(m["base"]) if m["base"] else None, _share(m["target"]))
    if m.re is _JA_ENGAGE:
        return ParsedTarget("3", ENGAGEMENT, _share(m["pct"]), None, _int(m["ty"]), NEAR_TERM,
                            fiscal=fiscal)
    scope = "+".join(re.findall(r"[123]", m["scope"]))
    ty = int(m["ty"])  # the pattern matches four digits
    term = NEAR_TERM if ty < LONG_TERM_FROM else LONG_TERM
    return ParsedTarget(scope, _kind(m["per"]), _share(m["pct"]), by, ty, term,
                        m["per"], fiscal)


def _parse_ja(text: str) -> Reading:
    targets: list[ParsedTarget] = []
    unread: list[str] = []
    for sentence in filter(None, (s.strip() for s in re.split(r"(?<=[。．])", text))):
        found = [m for p in (_JA_REDUCE, _JA_RENEWABLE, _JA_ENGAGE) for m in p.finditer(sentence)]
        found.sort(key=lambda m: m.start())
        left = sentence
        for m in found:
            left = left[:m.start()] + " " * (m.end() - m.start()) + left[m.end():]
        if not found or _JA_STATES.search(left):
            unread.append(sentence)
        targets += [_ja_target(m) for m in found]
    return Reading(tuple(targets), tuple(unread))

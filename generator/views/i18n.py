"""Locales: interface strings from gettext catalogs, dates and numbers through Babel, text direction.

The catalogs are the `.po` files under `generator/locale/`; they are compiled in memory with
Babel at start, so there is no compiled file to forget. Babel's generated Arabic plural header is
wrong (babel issue 816), so the Arabic catalog states its plural rule by hand and a test holds it.
"""
from __future__ import annotations

import datetime
import gettext
import io
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_decimal

from generator import shipped
from generator.factbase.model import LangText, PartialDate

SUPPORTED = shipped.INTERFACE_LANGUAGES
RTL = {"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "dv", "ckb"}
DOMAIN = "briefing"
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}
# A month named twice, as the language's newsrooms name it: pan-Arab papers and broadcasters (Al Jazeera, BBC
# Arabic, Asharq Al-Awsat) write «يوليو/تموز», the name used in Egypt and the Gulf, then the Syriac one of the
# Levant and Iraq, so that every reader knows the month. Both names are CLDR's, through Babel.
MONTH_ALSO = {"ar": "ar_SY"}
# The amount from which money is written with a scale word ("$2.5 billion", «2.5 مليار دولار»).
COMPACT_FROM = 1_000_000


def direction(lang: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 code (only the primary subtag matters)."""
    return "rtl" if lang.split("-")[0].lower() in RTL else "ltr"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The interface strings of one language, compiled from its .po file."""
    po = shipped.locale() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str, message: str) -> str:
    return _numbers_held(translations(lang).gettext(message))


def ngettext_for(lang: str, singular: str, plural: str, n: int) -> str:
    return _numbers_held(translations(lang).ngettext(singular, plural, n))


NBSP = "\u00a0"
# A number's place in a message ("%(n)s claims", «و%(n)s دولة», "from %(low)s to %(high)s") and the space beside it.
_NUMBER_SPACE = re.compile(r"( ?)(%\((?:n|low|high|count)\)s)( ?)")


@lru_cache(maxsize=1 << 12)
def _numbers_held(message: str) -> str:
    """The message with each number joined to the words beside it by a no-break space, so that no line ends
    between a number and what it counts («57 ادعاءً», "15 countries"), on the web and in print alike."""
    return _NUMBER_SPACE.sub(lambda m: NBSP * len(m[1]) + m[2] + NBSP * len(m[3]), message)


def format_partial_date(date: PartialDate | None, lang: str) -> str:
    """A date shown only as precisely as it is known: a month is never shown as a day."""
    if date is None:
        return gettext_for(lang, "undated")
    if date.precision == "year":
        return str(date.year)
    if date.precision == "month":
        return _month_text(date.year, date.month or 1, lang)
    return _date_text(date.year, date.month or 1, date.day or 1, lang)


def format_range(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """A period as a newsroom writes it: what two dates share is written once ("July 25–27, 2024",
    "July 30 – August 2, 2024", «25–27 يوليو/تموز 2024»), each end only as precisely as it is known."""
    if end is None or end == start:
        return format_partial_date(start, lang)
    if start.precision == end.precision and start.precision in ("day", "month"):
        first = datetime.date(start.year, start.month or 1, start.day or 1)
        last = datetime.date(end.year, end.month or 1, end.day or 1)
        return _interval_text(first, last, start.precision == "day", lang)
    if start.precision == end.precision == "year":
        return f"{start.year}–{end.year}"
    return f"{format_partial_date(start, lang)} – {format_partial_date(end, lang)}"


def list_separator(lang: str) -> str:
    """What stands between the items of a list in `lang` ("a, b" / "أ، ب"): the interface catalogue's
    comma where the language has one, else the comma of the language's CLDR list pattern ("، " in
    Urdu, "、" in Chinese), else ", ". Lists on the pages follow a label ("also:", "Cited by:"), where
    a newsroom writes the comma alone, with no "and" (no «و» in Arabic)."""
    if lang in SUPPORTED:
        return gettext_for(lang, ",") + " "
    try:
        middle = _locale(lang).list_patterns["standard"]["middle"]
    except (ValueError, KeyError, UnknownLocaleError):
        return ", "
    between = middle.replace("{0}", "", 1).replace("{1}", "", 1)
    return between if between.strip() and not any(ch.isalpha() for ch in between) else ", "


def format_list(items: Iterable[str], lang: str) -> str:
    """Plain text items as a list in `lang`; `PageContext.join` does the same for page markup."""
    return list_separator(lang).join(items)


def format_number(value: float, lang: str) -> str:
    return _number_text(value, lang)


def is_compact(value: float) -> bool:
    """Whether `format_amount` writes `value` with a scale word."""
    return abs(value) >= COMPACT_FROM


def format_amount(value: float, lang: str) -> str:
    """An amount as a newsroom writes money: "2.5 billion", «2.5 مليار» from a million up, a tenth at most;
    below that, the plain number ("750,000")."""
    if not is_compact(value):
        return _number_text(value, lang)
    compact = str(format_compact_decimal(value, format_type="long", fraction_digits=1, locale=_locale(lang)))
    return compact.replace(" ", NBSP)  # "2.5 billion" is one number


# Pages ask for the same dates and numbers thousands of times; babel works each out anew, locale
# parsing included.
@lru_cache(maxsize=64)
def _locale(lang: str) -> Any:
    return Locale.parse(lang.replace("-", "_"))


@lru_cache(maxsize=1 << 14)
def _date_text(year: int, month: int, day: int, lang: str) -> str:
    return _formatted(datetime.date(year, month, day), _locale(lang).date_formats["long"].pattern, lang)


@lru_cache(maxsize=1 << 10)
def _month_text(year: int, month: int, lang: str) -> str:
    skeleton = _locale(lang).datetime_skeletons.get("yMMMM")
    return _formatted(datetime.date(year, month, 1), skeleton.pattern if skeleton else "MMMM y", lang)


def _month_name(month: int, lang: str) -> str:
    """The month's name in full, twice where the language's newsrooms write it twice (`MONTH_ALSO`)."""
    name = _locale(lang).months["format"]["wide"][month]
    also = MONTH_ALSO.get(lang)
    return f"{name}/{_locale(also).months['format']['wide'][month]}" if also else name


def _formatted(date: datetime.date, pattern: str, lang: str) -> str:
    """`date` in a CLDR pattern, its month written in full by `_month_name` (a quoted literal of the pattern)."""
    literal = "'" + _month_name(date.month, lang).replace("'", "''") + "'"
    text = _babel_date(date, re.sub(r"(?<![ML])[ML]{3,4}(?![ML])", lambda _: literal, pattern), locale=_locale(lang))
    return text.replace(" ", NBSP)  # a date is never broken over two lines («25 يوليو/تموز 2024»)


@lru_cache(maxsize=1 << 12)
def _interval_text(first: datetime.date, last: datetime.date, days: bool, lang: str) -> str:
    """Two dates of the same precision written with what they share once, from CLDR's interval patterns
    (the abbreviated ones, written in full): within a month the dash stands between the days, unspaced
    ("25–27"); across months or years it is spaced, as between two dates."""
    field = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    if not days and field == "d":
        return _month_text(first.year, first.month, lang)
    pieces = _locale(lang).interval_formats.get("yMMMd" if days else "yMMM", {}).get(field)
    if not pieces or len(pieces) != 2:
        return " – ".join(_date_text(d.year, d.month, d.day, lang) if days else _month_text(d.year, d.month, lang)
                          for d in (first, last))
    head = re.sub(r"[\s\u2009\u202f]*[–-][\s\u2009\u202f]*$", "", pieces[0])
    dash = "–" if field == "d" else " – "
    return _formatted(first, head, lang) + dash + _formatted(last, pieces[1].strip(), lang)


@lru_cache(maxsize=1 << 14, typed=True)  # typed: 2 and 2.0 may print differently
def _number_text(value: float, lang: str) -> str:
    return format_decimal(value, locale=_locale(lang))


def pick(text: LangText, lang: str) -> tuple[str, str]:
    """The text in `lang`, or, for a draft missing it, the first language it has and that language."""
    if lang in text:
        return text[lang], lang
    for other in sorted(text):
        return text[other], other
    return "", lang


@cache
def _territories(lang: str) -> dict[str, str]:
    try:
        return dict(_locale(lang).territories)
    except (UnknownLocaleError, ValueError):
        return dict(_locale("en").territories)


def country_name(alpha2: str, lang: str) -> str | None:
    """A country's name in `lang` from its ISO 3166-1 alpha-2 code (the gazetteer's), through CLDR."""
    return _territories(lang).get(alpha2.upper())


def territory_name(numeric: str, lang: str) -> str | None:
    """A country's name in `lang` from its ISO 3166-1 numeric code, through CLDR: CLDR maps the
    numeric codes to the alpha-2 ones it names territories by, so no name is typed by hand."""
    alpha2 = get_global("territory_aliases").get(numeric.zfill(3)) if numeric else None
    if not alpha2 or len(alpha2) != 1:
        return None
    return _territories(lang).get(alpha2[0])

"""Locales: interface strings from gettext catalogs, dates and numbers through Babel, text direction.

The catalogs are the `.po` files under `generator/locale/`; they are compiled in memory with
Babel at start, so there is no compiled file to forget. Babel's generated Arabic plural header is
wrong (babel issue 816), so the Arabic catalog states its plural rule by hand and a test holds it.
"""
from __future__ import annotations

import datetime
import gettext
import io
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from generator import shipped
from generator.factbase.model import LangText, PartialDate

SUPPORTED = shipped.INTERFACE_LANGUAGES
RTL = {"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "dv", "ckb"}
DOMAIN = "briefing"
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}


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
    return translations(lang).gettext(message)


def ngettext_for(lang: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).ngettext(singular, plural, n)


def format_partial_date(date: PartialDate | None, lang: str) -> str:
    """A date shown only as precisely as it is known: a month is never shown as a day."""
    if date is None:
        return gettext_for(lang, "undated")
    if date.precision == "year":
        return str(date.year)
    if date.precision == "month":
        return format_skeleton("yMMMM", datetime.date(date.year, date.month or 1, 1), locale=_locale(lang))
    return _date_text(date.year, date.month or 1, date.day or 1, lang)


def format_range(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    if end is None or end == start:
        return format_partial_date(start, lang)
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


# Pages ask for the same dates and numbers thousands of times; babel works each out anew, locale
# parsing included.
@lru_cache(maxsize=64)
def _locale(lang: str) -> Any:
    return Locale.parse(lang.replace("-", "_"))


@lru_cache(maxsize=1 << 14)
def _date_text(year: int, month: int, day: int, lang: str) -> str:
    return _babel_date(datetime.date(year, month, day), "long", locale=_locale(lang))


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

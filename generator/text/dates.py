"""Dates in a paragraph: where they are written, and what day, month or year they name.

The vocabulary (month and weekday names, "yesterday", "last year") comes from dateparser's locale
data, which covers some two hundred languages, so a language with no rules of ours still gets its
dates. Candidate spans are cut here with plain patterns (dateparser's own `search_dates` reads
"July 25 and 26" as 1926 and gives no offsets); each span is then read by dateparser with
`RELATIVE_BASE` set to the source's publication date, never today, so a run is reproducible.
Without a publication date a weekday or "yesterday" cannot be resolved and is left out, and a day
without a year keeps an unknown year (`--12-23`, ISO 8601's form for a day of an unknown year).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from generator.text import arabic

STATED = "stated"                  # the text gives every part of the value
PUBLICATION_YEAR = "publication-year"  # the year is the latest one, up to publication, that fits
WEEKDAY = "weekday"                # the latest such weekday on or before publication
RELATIVE = "relative"              # "yesterday", "last year", counted from publication
YEAR_UNKNOWN = "year-unknown"      # undated source: day and month only
ORDER_ASSUMED = "order-assumed"    # "03/04/2024": day and month could be either; the language's custom says

_MIN_NAME = 4                      # shorter names ("mar", "sun", "di") only count next to a number
_RELATIVE_KEYS = {"0 day ago": "day", "1 day ago": "day", "0 month ago": "month", "1 month ago": "month",
                  "0 year ago": "year", "1 year ago": "year"}
# Languages that capitalise month and weekday names: in them a lowercase "may" or "march" is no date.
_CAPITALISED = {"en", "de"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = r"(?P<y>\d{4})(?P<sep>[-/.])(?P<mn>\d{1,2})(?P=sep)(?P<d1>\d{1,2})"
# Day and month as numbers before the year, in either order ("11/09/2023", "9.11.2023", "١١/٠٩/٢٠٢٣").
_NUMERIC = r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"
# What may stand on either side of a date: no letter or digit; and of a numeric date no dot before a digit
# either, as it is then part of a longer number or version ("1.2.2023.4", "v10.11.2023").
_EDGES = (r"(?<!\w)", r"(?!\w)")
_NUMERIC_EDGES = (r"(?<![\w.])", r"(?![\w]|[.]\d)")
# Languages whose writers put the month first in a numeric date (03/04/2024 is March 4 in US English).
_MONTH_FIRST = {"en-US"}
_RANGE = r"\s*(?:[-–]|and|to|et|au|y|al|und|bis|e|إلى|الى|و|تا|سے)\s*"


@dataclass(frozen=True)
class FoundDate:
    """A date written in the text; `value` is YYYY-MM-DD, YYYY-MM, YYYY, or --MM-DD / --MM without a year."""

    start: int
    end: int
    value: str
    precision: str
    basis: str
    until: str | None = None       # last day of a written range ("July 25 and 26")


@dataclass(frozen=True)
class _Calendar:
    language: str
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n)))


# "14 آذار/مارس 2023": Arabic newsrooms of the Levant and Iraq write these, often beside the other name;
# Morocco's ("9 شتنبر 2023") and Algeria's and Tunisia's (from the French: "جوان", "أوت") are their own too,
# and Egypt writes "إبريل". dateparser knows none of them. Each is also written without its hamza or madda
# ("اذار", "ايلول"), as much web text is: those forms are derived (`calendar`).
_LEVANT_MONTHS = (("كانون الثاني",), ("شباط",), ("آذار",), ("نيسان",), ("أيار",), ("حزيران",), ("تموز",),
                  ("آب",), ("أيلول",), ("تشرين الأول",), ("تشرين الثاني",), ("كانون الأول",))
_MAGHREB_MONTHS = (("جانفي",), ("فيفري",), (), ("أفريل", "ابريل"), ("ماي",), ("جوان",), ("يوليوز", "جويلية"),
                   ("غشت", "أوت"), ("شتنبر",), (), ("نونبر",), ("دجنبر",))
_EGYPT_MONTHS = ((), (), (), ("إبريل",), (), (), (), (), (), (), (), ())
# Words beside "اليوم" (alone: today) that make it a day of the story, not the day of publication: before
# it ("في نفس اليوم", that same day), after it ("في اليوم نفسه", "اليوم التالي": the next day, "اليوم
# السابق": the day before, which dateparser takes for yesterday). Normalised (`arabic.normalise`).
_STORY_DAY = {"ar": (frozenset({"نفس", "ذات"}),
                     frozenset(arabic.normalise(w) for w in ("نفسه", "ذاته", "التالي", "الموالي", "السابق",
                                                            "الأول", "الأخير")))}


@cache
def calendar(language: str) -> _Calendar | None:
    """Month, weekday and relative-day vocabulary of a language from dateparser; None if it has none."""
    from dateparser.languages.loader import default_loader
    for code in (language, language.split("-")[0]):
        try:
            info = default_loader.get_locale(code).info
            break
        except ValueError:
            continue
    else:
        return None
    months = {name.lower(): number for number, key in enumerate(_MONTHS, start=1)
              for name in info.get(key, []) if len(name) >= 3 and not name.endswith(".")}
    code = language.split("-")[0]
    if code == "ar":  # the month names of the Levant and Iraq, the Maghreb and Egypt, which dateparser lacks
        for table in (_LEVANT_MONTHS, _MAGHREB_MONTHS, _EGYPT_MONTHS):
            for number, names in enumerate(table, start=1):
                months.update(dict.fromkeys(names, number))
        months.update({name.translate(arabic.LOOSE_FOLD): number for name, number in list(months.items())})
    weekdays = {name.lower(): number for number, key in enumerate(_WEEKDAYS)
                for name in info.get(key, []) if len(name) >= _MIN_NAME}
    story = _STORY_DAY.get(code, (frozenset(), frozenset()))[1]
    relative = {phrase.lower(): key for key, phrases in info.get("relative-type", {}).items()
                if key in _RELATIVE_KEYS for phrase in phrases if len(phrase) >= _MIN_NAME
                and not story & {arabic.normalise(w) for w in phrase.split()}}
    return _Calendar(language, months, weekdays, relative, _patterns(months, weekdays, relative))


def _month_names(months: dict[str, int], shortest: int = 0) -> str:
    """Month names as a pattern. A name may have another name of the same month beside it, after a slash or
    in parentheses, as Arabic newsrooms write the two calendars' names ("آذار/مارس", "آب (أغسطس)"): one
    month, and the date it is part of keeps its day. With `shortest`, the names a month is written with
    alone: long enough, and whole, not the abbreviation of a longer name of its month ("sept", "janv"), which
    is a month only beside a day or a year ("détruit sept ponts": seven bridges)."""
    by_month: dict[int, list[str]] = {}
    for name, number in months.items():
        by_month.setdefault(number, []).append(name)
    out = []
    for names in by_month.values():
        alone = [n for n in names if len(n) >= shortest
                 and not (shortest and any(o != n and o.startswith(n) for o in names))]
        first, other = _alternation(alone), _alternation(names)
        if first:
            out.append(rf"(?:{first})(?:\s?/\s?(?:{other})|\s?\((?:{other})\))?")
    return "|".join(out)


def _month(cal: _Calendar, written: str) -> tuple[int, str]:
    """The month a written month name (or pair of names, "آذار/مارس") stands for, and its first name."""
    name = re.split(r"[/(]", written, maxsplit=1)[0].strip()
    return cal.months[name.lower()], name


def _patterns(months: dict[str, int], weekdays: dict[str, int],
              relative: dict[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    m_any = _month_names(months)
    m_long = _month_names(months, _MIN_NAME)
    day = r"\d{1,2}(?:st|nd|rd|th|er|e)?"
    year = r"\d{4}"
    forms = [("iso", _ISO), ("num", _NUMERIC)]
    if months:
        days = rf"(?P<d1>{day})(?:{_RANGE}(?P<d2>{day}))?"
        forms += [("dmy", rf"{days}\s+(?:de\s+)?(?P<m>{m_any})(?:,?\s+(?:de\s+)?(?P<y>{year}))?"),
                  ("mdy", rf"(?P<m>{m_any})\.?\s+{days}(?:,?\s+(?P<y>{year}))?"),
                  ("my", rf"(?P<m>{m_any})\.?,?\s+(?:de\s+)?(?P<y>{year})")]
    if m_long:
        forms.append(("m", rf"(?P<m>{m_long})"))
    if weekdays:
        forms.append(("w", rf"(?P<w>{_alternation(list(weekdays))})"))
    if relative:
        forms.append(("rel", rf"(?P<rel>{_alternation(list(relative))})"))
    # A day may carry the conjunction or preposition Arabic writes onto it ("و9 أغسطس": the date begins at
    # its digits).
    edges = {"iso": _NUMERIC_EDGES, "num": _NUMERIC_EDGES, "dmy": (r"(?:(?<!\w)|(?<=\b[وفب]))", r"(?!\w)")}
    return tuple((name, re.compile(edges.get(name, _EDGES)[0] + body + edges.get(name, _EDGES)[1], re.IGNORECASE))
                 for name, body in forms)


def _iso_only() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """For a language dateparser does not know: only dates written in numbers."""
    forms = (("iso", _ISO), ("num", _NUMERIC))
    return tuple((name, re.compile(_NUMERIC_EDGES[0] + body + _NUMERIC_EDGES[1])) for name, body in forms)


def find(text: str, language: str, published: str | None) -> list[FoundDate]:
    """Every date written in `text`, resolved against the source's publication date (YYYY-MM-DD)."""
    cal = calendar(language)
    patterns = cal.patterns if cal else _iso_only()
    matches: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pattern in patterns:
        for m in pattern.finditer(text):
            matches.append((m.start(), m.end(), name, m))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    taken_until = -1
    for start, end, name, m in sorted(matches, key=lambda x: (x[0], -(x[1] - x[0]), x[2])):
        if start >= taken_until:
            chosen.append((start, end, name, m))
            taken_until = end
    base = dt.date.fromisoformat(published) if published else None
    found: list[FoundDate] = []
    for start, end, name, m in chosen:
        if cal and language.split("-")[0] in _CAPITALISED and name in ("m", "w") and m.group()[0].islower():
            continue
        if name == "rel" and m.group()[0].isupper() and text[:start].rstrip()[-1:] not in ("", ".", "!", "?", "\""):
            continue  # "Kenya Today": a capitalised "today" inside a sentence is part of a name
        if name == "rel" and _story_day(text, start, end, language):
            continue
        date = _resolve(name, m, cal, base)
        if date is not None:
            found.append(FoundDate(start, end, *date))
    return _join_weekdays(text, found)


_WORD_BEFORE, _WORD_AFTER = re.compile(r"(\w+)\W*$"), re.compile(r"\W*(\w+)")


def _story_day(text: str, start: int, end: int, language: str) -> bool:
    """Whether the relative day at text[start:end] is a day of the story ("في اليوم نفسه"), not of publication."""
    before, after = _STORY_DAY.get(language.split("-")[0], (None, None))
    if before is None or after is None:
        return False
    word_before = _WORD_BEFORE.search(text, max(0, start - 8), start)
    word_after = _WORD_AFTER.match(text, end, end + 12)
    return bool((word_before and arabic.normalise(word_before.group(1)) in before)
                or (word_after and arabic.normalise(word_after.group(1)) in after))


def _join_weekdays(text: str, found: list[FoundDate]) -> list[FoundDate]:
    """"Monday, July 29" is one date: the weekday joins the stated date right after it."""
    out: list[FoundDate] = []
    for date in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.basis == WEEKDAY and date.precision == "day"
                and re.fullmatch(r"[\s,،]*", text[prev.end:date.start])):
            out[-1] = FoundDate(prev.start, date.end, date.value, date.precision, date.basis, date.until)
            continue
        out.append(date)
    return out


def year(start: int, end: int, digits: str) -> FoundDate:
    """A year written alone ("in 2021", "عام 1991"), as the figure finder hands it over."""
    return FoundDate(start, end, arabic.latin_digits(digits), "year", STATED)


def _resolve(name: str, m: re.Match[str], cal: _Calendar | None,
             base: dt.date | None) -> tuple[str, str, str, str | None] | None:
    groups = {k: (arabic.latin_digits(v) if v else v) for k, v in m.groupdict().items()}
    if name == "iso":
        try:
            return dt.date(int(groups["y"]), int(groups["mn"]), int(groups["d1"])).isoformat(), "day", STATED, None
        except ValueError:
            return None
    if name == "num":
        return _numeric(int(groups["a"]), int(groups["b"]), int(groups["y"]), cal.language if cal else "")
    assert cal is not None
    if name == "w":
        if base is None:
            return None
        # The day after publication as base, preferring the past: the latest such weekday up to publication.
        parsed = _parse(cal.language, m.group(), base + dt.timedelta(days=1))
        return (parsed[0], "day", WEEKDAY, None) if parsed else None
    if name == "rel":
        if base is None:
            return None
        parsed = _parse(cal.language, m.group(), base)
        return (parsed[0], parsed[1], RELATIVE, None) if parsed else None
    month, month_name = _month(cal, groups["m"])
    if name in ("m", "my"):
        if groups.get("y"):
            return f"{int(groups['y']):04d}-{month:02d}", "month", STATED, None
        if base is None:
            return f"--{month:02d}", "month", YEAR_UNKNOWN, None
        year_ = base.year if month <= base.month else base.year - 1
        return f"{year_:04d}-{month:02d}", "month", PUBLICATION_YEAR, None
    days = [int(re.match(r"\d+", groups[k]).group()) for k in ("d1", "d2") if groups.get(k)]  # type: ignore[union-attr]
    if groups.get("y"):
        year_, basis = int(groups["y"]), STATED
    elif base is not None:
        probe = _parse(cal.language, f"{days[0]} {month_name}", base) or _parse(cal.language, m.group(), base)
        # A month name dateparser does not know (the Maghreb's, the Levant's): the latest such day up to
        # publication, as dateparser would give it.
        year_ = int(probe[0][:4]) if probe else base.year - ((month, days[0]) > (base.month, base.day))
        basis = PUBLICATION_YEAR
    else:
        year_, basis = 0, YEAR_UNKNOWN
    values = []
    for day in days:
        try:
            dt.date(year_ or 2000, month, day)  # 2000 is a leap year: 29 February of an unknown year holds
        except ValueError:
            return None
        values.append(f"{year_:04d}-{month:02d}-{day:02d}" if year_ else f"--{month:02d}-{day:02d}")
    until = values[1] if len(values) > 1 and values[1] > values[0] else None
    return values[0], "day", basis, until


def _numeric(a: int, b: int, year_: int, language: str) -> tuple[str, str, str, str | None] | None:
    """A date written in numbers, day and month in the order the numbers allow: a first number above 12
    is the day, a second one the day in month-first writing; where both could be either, the language's
    custom decides (day first but in US English) and says so."""
    if a > 12 and b <= 12:
        month, day, basis = b, a, STATED
    elif b > 12 and a <= 12:
        month, day, basis = a, b, STATED
    else:
        month, day = (a, b) if language in _MONTH_FIRST else (b, a)
        basis = STATED if a == b else ORDER_ASSUMED
    try:
        return dt.date(year_, month, day).isoformat(), "day", basis, None
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # the same phrase against the same day ("Monday", "yesterday") recurs in a source
def _parse(language: str, text: str, base: dt.date) -> tuple[str, str] | None:
    """dateparser's reading of `text` as (value, precision), relative to `base`; None if it has none."""
    data = _parser(language, base.isoformat()).get_date_data(arabic.latin_digits(text))
    if data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    length = {"day": 10, "month": 7, "year": 4}[data.period]
    return data.date_obj.date().isoformat()[:length], data.period


@lru_cache(maxsize=64)
def _parser(language: str, base: str) -> Any:
    from dateparser.date import DateDataParser
    settings = {"RELATIVE_BASE": dt.datetime.fromisoformat(base), "PREFER_DATES_FROM": "past",
                "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first",
                "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=[language.split("-")[0]], settings=settings)

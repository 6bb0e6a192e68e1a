"""Figures in a paragraph: a number, how it is qualified, and what it counts.

"as many as 80 Russians were killed" becomes value 80, qualifier as-many-as, unit people, event
killed, with the span cut from the paragraph. Numbers are read in digits (any script's digits:
"15", "2,000", "٢٥", "۱۲"), with magnitudes ("$2.5 billion") and in words. Number words come from
num2words, which spells cardinals in some forty languages, so a language without rules of ours still
has its "two" and "seven"; the words around a number (qualifiers, counted nouns, events, and what
makes a number no count) are ours, one table per language in `figure_words`, because no library knows
that "ما لا يقل عن" means at least.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, TypeVar

from generator.text import arabic, dates, segment
from generator.text.figure_words import LEXICON, Lexicon
from generator.text.segment import Token

# A token that is a number written in digits, with thousands or decimal separators.
_DIGITS = re.compile(r"^\d+(?:[.,\u066b\u066c\u202f\u00a0]\d+)*$")
_DIGIT_RANGE = re.compile(r"^(\d+)[-–](\d+)$")
_CURRENCY = {"$": "usd", "US$": "usd", "€": "eur", "£": "gbp"}
YEARS = range(1900, 2100)
_MAX_GAP = 2        # modifiers allowed between a number and its noun: "three Kenyan air bases"
_EVENT_REACH = 4    # words after the noun that may still say what happened: "80 men were killed"
_HEADING = 5        # words before a list's colon that may say what it counts: "the dead by province:"
_SPANS_OF_TIME = {"days", "months", "years"}
_DECLARED_REACH = 3  # words between a span of time and the declared period it measures: "de deuil national"


@dataclass(frozen=True)
class FoundFigure:
    """A figure written in the text; `value` or `low`/`high`, or only a vague `qualifier`."""

    start: int
    end: int
    number: str                      # the number as written: "80", "two", "half-a-million", "dozens"
    value: int | float | None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None     # None: the language has no rules to tell
    unit: str | None = None          # one of model.UNITS, when the counted noun says so
    noun: str | None = None          # what is counted, as written
    event: str | None = None         # killed, wounded, captured, …

    @property
    def bare_year(self) -> bool:
        """Only digits that look like a year, with nothing that makes them a count: a date, not a figure."""
        return (self.value in YEARS and re.fullmatch(r"\d{4}", self.number) is not None and self.unit is None
                and self.noun is None and self.event is None and self.low is None
                and self.qualifier in (None, "exactly"))


# --- vocabulary --------------------------------------------------------------------------------

# French and Italian write an article or conjunction onto the next word: "qu'une trentaine", "d'habitants".
# Not "jusqu'à", a word of its own (up to): without its "jusqu'" it was "à", and "à 20 km" was up to 20.
_ELISION = re.compile(r"^(?:qu|d|l|j|n|s|c|m|t)'(?=\w)")


def _norm(word: str, language: str) -> str:
    word = word.replace("’", "'").lower()
    if language in ("ar", "ur", "fa"):
        return arabic.normalise(word)
    return _ELISION.sub("", word) if language in ("fr", "it") else word


def _phrase(text: str, language: str) -> tuple[str, ...]:
    return tuple(_norm(w.text, language) for w in segment.tokens(text))


@dataclass(frozen=True)
class _Vocabulary:
    language: str
    lexicon: Lexicon
    numbers: dict[tuple[str, ...], tuple[int | float, str]]   # phrase -> (value, implied qualifier)
    ones: frozenset[tuple[str, ...]]                  # "one", "un": a number only before a magnitude
    magnitudes: dict[str, int]
    qualifiers_before: dict[tuple[str, ...], str]
    # the qualifiers whose last word French writes onto the number: "plus d'un million", "près d'un millier"
    qualifiers_elided: dict[tuple[str, ...], str]
    qualifiers_after: dict[tuple[str, ...], str]
    vague: dict[tuple[str, ...], str]
    nouns: dict[str, tuple[str, str]]
    events: dict[tuple[str, ...], str]
    duals: frozenset[str]
    longest: int
    months: frozenset[str] = frozenset()
    weekdays: frozenset[str] = frozenset()
    naming: frozenset[str] = frozenset()
    clock: frozenset[str] = frozenset()
    ordinals: frozenset[str] = frozenset()
    measured_by: dict[tuple[str, ...], bool] = field(default_factory=dict)
    measures: dict[tuple[str, ...], bool] = field(default_factory=dict)
    inhabitants: frozenset[str] = frozenset()
    aged: dict[tuple[str, ...], bool] = field(default_factory=dict)
    when_after: dict[tuple[str, ...], bool] = field(default_factory=dict)
    when_before: dict[tuple[str, ...], bool] = field(default_factory=dict)
    anchored: frozenset[tuple[str, str]] = frozenset()
    declared: dict[tuple[str, ...], bool] = field(default_factory=dict)
    periods: frozenset[str] = frozenset()
    homographs: frozenset[str] = frozenset()
    numbers_after: dict[tuple[str, ...], int] = field(default_factory=dict)
    partitive: dict[tuple[str, ...], bool] = field(default_factory=dict)
    decimal_point: frozenset[str] = frozenset()
    # the ones as a table of phrases, the shape `phrase_at` reads: made once, so that the table keeps its id
    ones_table: dict[tuple[str, ...], int] = field(default_factory=dict, init=False, compare=False, repr=False)
    # the words each table's phrases begin with, by table, filled as readers ask (one per language)
    firsts: dict[int, frozenset[str]] = field(default_factory=dict, init=False, compare=False, repr=False)


_V = TypeVar("_V")


@cache
def vocabulary(language: str) -> _Vocabulary:
    """Everything the finder matches in one language, normalised the way text tokens are."""
    code = language.split("-")[0]
    lex = LEXICON.get(code, Lexicon())
    numbers: dict[tuple[str, ...], tuple[int | float, str]] = {}
    magnitudes: dict[str, int] = {}
    for spelled_value, words in _spelled(code):
        numbers.setdefault(_phrase(words, code), (spelled_value, ""))
    for scale in (1000, 10**6, 10**9):
        for k in (1, 2, 3):
            spelled = dict(_spelled(code, (k * scale,)))
            if k * scale in spelled:
                last = _phrase(spelled[k * scale], code)[-1:]
                if last and last[0] not in magnitudes:
                    magnitudes[last[0]] = scale
    for words, (value, qualifier) in lex.numbers.items():
        numbers[_phrase(words, code)] = (value, qualifier)
    for word, scale in lex.magnitudes.items():
        magnitudes.setdefault(_norm(word, code), scale)
    if code == "ar":
        _arabic_forms(numbers)
    if code == "ar":  # the feminine forms of 3-10 drop ta marbuta: "خمس سنوات" beside "خمسة أشهر"
        for phrase, (value, q) in list(numbers.items()):
            if len(phrase) == 1 and 3 <= value <= 10 and phrase[0].endswith("ه"):
                numbers.setdefault((phrase[0][:-1],), (value, q))
    # "one of them", "un soldat": a lone one is an article, not a figure; "one million" is a figure.
    ones = frozenset(_phrase(words, code) for words in [w for _, w in _spelled(code, (1,))] + list(lex.ones))

    def table(d: dict[str, _V]) -> dict[tuple[str, ...], _V]:
        return {_phrase(k, code): v for k, v in d.items()}

    def normalised(words: Iterable[str]) -> frozenset[str]:
        return frozenset(_norm(w, code) for w in words)
    qb, qa, vague, events = (table(lex.qualifiers_before), table(lex.qualifiers_after), table(lex.vague),
                             table(lex.events))
    elided = {phrase[:-1]: q for phrase, q in qb.items() if len(phrase) > 1 and phrase[-1] == "de"}
    measures = list(lex.measures)
    if code == "ar":  # a measure after a number from eleven on takes the accusative: "25 طنا", "18 كيلومترا"
        measures += [w + "ا" for w in measures if " " not in w and not w.endswith(("ا", "ة"))]
    measured_by, measures_t, when_after, when_before, declared, aged, partitive = (
        table(dict.fromkeys(phrases, True)) for phrases in (lex.measured_by, measures, lex.when_after,
                                                           lex.when_before, lex.declared, lex.aged, lex.partitive))
    after = table(lex.numbers_after)
    periods = normalised(lex.periods)
    nouns = dict.fromkeys(periods, ("", "")) | {_norm(k, code): v for k, v in lex.nouns.items()}
    lex = replace(lex, range_words=tuple(_norm(w, code) for w in lex.range_words),
                  between=tuple(_norm(w, code) for w in lex.between))  # compared with normalised tokens
    longest = max([len(p) for p in [*numbers, *qb, *qa, *vague, *events, *measured_by, *measures_t, *when_after,
                                    *when_before, *declared, *partitive]] + [1])
    cal = dates.calendar(code)
    ordinals = normalised(lex.ordinals)
    if code == "ar":  # "الثالثة عشرة" beside "الثالث عشر": the feminine adds ta marbuta
        ordinals |= {w + "ه" for w in ordinals}
    vocab = _Vocabulary(
        code, lex, numbers, ones, magnitudes, qb, elided, qa, vague, nouns, events, normalised(lex.duals), longest,
        months=frozenset(_norm(m.split()[0], code) for m in (cal.months if cal else ())),
        weekdays=normalised(cal.weekdays if cal else ()), naming=normalised(lex.naming),
        clock=normalised(lex.clock), ordinals=ordinals, measured_by=measured_by, measures=measures_t,
        inhabitants=normalised(lex.inhabitants), homographs=normalised(lex.homographs), numbers_after=after,
        aged=aged, when_after=when_after, when_before=when_before,
        anchored=frozenset((_norm(a, code), _norm(b, code)) for a, b in lex.anchored), declared=declared,
        periods=periods, partitive=partitive, decimal_point=normalised(lex.decimal_point))
    vocab.ones_table.update(dict.fromkeys(ones, 1))
    return vocab


def _arabic_forms(numbers: dict[tuple[str, ...], tuple[int | float, str]]) -> None:
    """The cases and genders num2words does not write: "سبعين" beside "سبعون", "سبع عشرة" beside "سبعة
    عشر", "اثني عشر", and "مئة" beside "مائة"; all derived from its own spellings."""
    for phrase, (value, q) in list(numbers.items()):
        if len(phrase) == 1 and 20 <= value <= 90 and phrase[0].endswith("ون"):
            numbers.setdefault((phrase[0][:-2] + "ين",), (value, q))                  # accusative, genitive
        if len(phrase) == 2 and 13 <= value <= 19 and phrase[1] == "عشر" and phrase[0].endswith("ه"):
            numbers.setdefault((phrase[0][:-1], "عشره"), (value, q))                   # the feminine
        if any("مائه" in w for w in phrase):
            numbers.setdefault(tuple(w.replace("مائه", "مئه") for w in phrase), (value, q))
    for words, value in (("اثني عشر", 12), ("اثنتا عشره", 12), ("اثنتي عشره", 12), ("احدى عشره", 11)):
        numbers.setdefault(tuple(words.split()), (value, ""))


def _spelled(language: str, values: tuple[int, ...] = tuple(range(2, 1000))) -> list[tuple[int, str]]:
    """Cardinal numbers spelt out by num2words; none for a language it does not know."""
    try:
        from num2words import num2words
    except ImportError:  # pragma: no cover - a declared dependency
        return []
    out: list[tuple[int, str]] = []
    for value in values:
        try:
            words = num2words(value, lang=language)
        except (NotImplementedError, KeyError, ValueError, TypeError, AttributeError, OverflowError):
            return out
        if language == "ar":  # num2words writes "واحد و عشرون"; texts attach the conjunction
            words = words.replace(" و ", " و")
        out.append((value, words))
    return out


# --- finding -----------------------------------------------------------------------------------

def find(text: str, language: str) -> list[FoundFigure]:
    """Every figure written in `text`, sentence by sentence, in order of appearance."""
    vocab = vocabulary(language)
    found: list[FoundFigure] = []
    for start, end in segment.sentences(text):
        found.extend(_in_sentence(text, segment.tokens(text, start, end), vocab))
    return found


_JOINER = re.compile(r"[\s\-–]*")


class _Reader:
    """The tokens of one sentence, with the comparisons the finder needs."""

    def __init__(self, text: str, tokens: list[Token], vocab: _Vocabulary) -> None:
        self.text, self.tokens, self.vocab = text, tokens, vocab
        self.norm = [_norm(t.text, vocab.language) for t in tokens]
        self.arabic = vocab.language in ("ar", "ur", "fa")
        # Computed once per sentence, read thousands of times: where runs of joined tokens break (as a
        # running count, so "tokens i..j are joined" is one subtraction), and each token's readings.
        breaks = [0]
        for k in range(len(tokens) - 1):
            breaks.append(breaks[-1] + (_JOINER.fullmatch(text[tokens[k].end:tokens[k + 1].start]) is None))
        self._breaks = breaks
        self._forms = [arabic.bare_forms(w) if self.arabic else frozenset((w,)) for w in self.norm]
        self._sorted = [sorted(forms) for forms in self._forms]
        self._firsts = vocab.firsts

    def forms(self, i: int) -> frozenset[str]:
        """Readings of token i: an Arabic word may carry a conjunction, preposition or article."""
        return self._forms[i]

    def joined(self, i: int, j: int) -> bool:
        """Whether tokens i..j follow each other with only spaces (or hyphens) between them."""
        if i < 0:
            return all(_JOINER.fullmatch(self.text[self.tokens[k].end:self.tokens[k + 1].start])
                       for k in range(i, j))
        return i >= j or self._breaks[j] == self._breaks[i]

    def match(self, i: int, n: int, table: dict[Any, Any]) -> object | None:
        """The value of the n-token phrase at token i in `table`, or None."""
        if i < 0 or i + n > len(self.tokens) or not self.joined(i, i + n - 1):
            return None
        rest = tuple(self.norm[i + 1:i + n])
        for first in self._sorted[i]:
            if (first, *rest) in table:
                return table[(first, *rest)]
        return None

    def phrase_at(self, i: int, table: dict[Any, Any]) -> tuple[int, object] | None:
        """The longest phrase of `table` starting at token i: (number of tokens, value)."""
        firsts = self._firsts.get(id(table))
        if firsts is None:
            firsts = self._firsts[id(table)] = frozenset(key[0] for key in table)
        if 0 <= i < len(self.tokens) and self._forms[i].isdisjoint(firsts):
            return None   # no phrase of the table begins with this word: most tokens, at once
        for n in range(self.vocab.longest, 0, -1):
            value = self.match(i, n, table)
            if value is not None:
                return n, value
        return None

    def phrase_ending(self, j: int, table: dict[Any, Any]) -> tuple[int, object] | None:
        """The longest phrase of `table` ending at token j: (its first token, value)."""
        for n in range(self.vocab.longest, 0, -1):
            value = self.match(j - n + 1, n, table)
            if value is not None:
                return j - n + 1, value
        return None


def _in_a_time(text: str, tok: Token) -> bool:
    before, after = text[max(0, tok.start - 2):tok.start], text[tok.end:tok.end + 2]
    return bool(re.fullmatch(r":\d", after) or re.fullmatch(r"\d:", before))


# What makes a number a share or a temperature rather than a count: "40%", "40 per cent", "40 في المئة",
# "45 °C"; and the hundred of a share, which is no number of its own ("في المئة", "بالمئة").
_SHARE_OR_DEGREES = re.compile(r"^\s*(?:%|٪|‰|°|º|per\s?cent\b|pour\s?cent\b|في\s?الما?ئة|بالما?ئة|فیصد)")
_PER_HUNDRED = {arabic.normalise(w) for w in ("مئة", "مائة")}


def _number_at(r: _Reader, i: int, one_alone: bool = False) -> tuple[int, int | float, str] | None:
    """(tokens used, value, implied qualifier) of a number starting at token i. "One" is a number before a
    magnitude ("one million"), and alone only where `one_alone` says a count stands before it."""
    if i >= len(r.tokens):
        return None
    tok = r.tokens[i]
    implied = ""
    if _DIGITS.match(tok.text) and _in_a_time(r.text, tok):
        return None   # "10:30": a time of day
    if _DIGITS.match(tok.text):
        used, raw = 1, tok.text
        # "2 000 soldats": groups of three digits after a plain space continue the number
        while (i + used < len(r.tokens) and re.fullmatch(r"\d{3}", r.tokens[i + used].text)
               and r.text[r.tokens[i + used - 1].end:r.tokens[i + used].start] == " " and len(raw) <= 3):
            raw += "," + r.tokens[i + used].text
            used += 1
        value: int | float = _digits_value(raw)
        if (isinstance(value, int) and i + used + 1 < len(r.tokens) and r.norm[i + used] in r.vocab.decimal_point
                and r.tokens[i + used + 1].text.isdigit() and r.joined(i, i + used + 1)):
            value = float(f"{value}.{arabic.latin_digits(r.tokens[i + used + 1].text)}")
            used += 2   # "۵ اعشاریہ ۹": 5.9, a decimal point written as a word
    else:
        hit = r.phrase_at(i, r.vocab.numbers)
        if hit is None:
            one = r.phrase_at(i, r.vocab.ones_table)
            after = i + one[0] if one else i
            if one is None or not (one_alone or (after < len(r.tokens) and r.forms(after) & set(r.vocab.magnitudes))):
                return None
            hit = (one[0], (1, ""))
        used, (value, implied) = hit[0], hit[1]  # type: ignore[misc]
        if i > 0 and all(t.text[:1].isupper() for t in r.tokens[i:i + used]):
            return None   # "the callsign Five Hundred": number words capitalised mid-sentence are a name
    j = i + used
    if j < len(r.tokens) and r.joined(j - 1, j):
        scale = next((r.vocab.magnitudes[f] for f in sorted(r.forms(j)) if f in r.vocab.magnitudes), None)
        if scale:
            total = value * scale
            value, used = (int(total) if float(total).is_integer() else total), used + 1
    return used, value, implied


def _digits_value(raw: str) -> int | float:
    """"2,000" and "2 000" are thousands; "2.5" and "2,5" are decimals (fewer than three digits after)."""
    text = arabic.latin_digits(raw)
    parts = re.split(r"[.,\u066b\u066c\u202f\u00a0]", text)
    if len(parts) == 2 and len(parts[1]) != 3:
        value = float(f"{parts[0]}.{parts[1]}")
        return int(value) if value.is_integer() else value
    return int("".join(parts))


# A conjunction or preposition written onto digits, as Arabic and Urdu do: "و47 جنديًا", "ب30 سيارة".
_FUSED_DIGITS = re.compile(r"^([وفبلك]{1,2}\u0640?)(\d.*)$")


def _unfused(tokens: list[Token]) -> list[Token]:
    """Tokens with a particle fused to digits split off, so that the digits read as a number."""
    out: list[Token] = []
    for tok in tokens:
        m = _FUSED_DIGITS.match(tok.text)
        if m:
            cut = tok.start + len(m.group(1))
            out += [Token(tok.start, cut, m.group(1)), Token(cut, tok.end, m.group(2))]
        else:
            out.append(tok)
    return out


def _in_sentence(text: str, tokens: list[Token], vocab: _Vocabulary) -> list[FoundFigure]:
    if vocab.language in ("ar", "ur", "fa"):
        tokens = _unfused(tokens)
    r = _Reader(text, tokens, vocab)
    out: list[FoundFigure] = []
    i, counted_until = 0, -2
    while i < len(tokens):
        # "25 سیاح اور ایک مقامی", "3 morts et un blessé": a lone one joined by "and" to a count is a count
        coordinated = i == counted_until + 2 and r.norm[i - 1] in _COORDINATION and r.joined(i - 2, i)
        figure, after = _figure_at(r, i, coordinated)
        if figure is not None:
            out.append(figure)
            counted_until = after - 1
        i = max(after, i + 1)
    return out


# Words that join two vague quantities of one noun, and the hedges between: "hundreds and probably thousands".
_COORDINATION = {"and", "or", "et", "ou", "و", "او", "أو", "اور", "یا"}
_CONJOINED = ("و", "ف")   # the conjunctions Arabic script writes onto the next word
_HEDGES = {"probably", "perhaps", "possibly", "even", "maybe", "peut-être", "voire", "ربما", "بل", "شاید"}


_OF = {"of", "de", "des", "du", "d", "من", "کے", "کی", "more", "autres", "آخرين", "اخرين", "مزید"}


def _counts_something(r: _Reader, k: int) -> bool:
    """Whether what follows a vague quantity is what it counts: "of …", "more", or, in Arabic and Urdu,
    a noun in construct ("عشرات المهاجمين", "درجنوں مظاہرین")."""
    if k >= len(r.tokens) or not r.joined(k - 1, k):
        return False
    if r.norm[k] in _OF or r.tokens[k].text.lower().startswith(("d'", "d’")):
        return True
    if not r.arabic and any(r.norm[j].endswith("s") and r.joined(k, j) for j in range(k, min(k + 2, len(r.tokens)))):
        return True   # "several mortar shells", "plusieurs obus": what is counted, in the plural
    word = r.norm[k]
    return r.arabic and word.isalpha() and word not in _AR_NOT_NOUNS and _number_at(r, k) is None


# Words after "عشرات"/"مئات" that do not make it count a noun: "عدة مرات" counts times, a verb counts nothing.
_AR_NOT_NOUNS = {arabic.normalise(w) for w in ("في", "على", "من", "إلى", "الى", "عن", "مع", "قد", "لم", "لا",
                                               "ما", "أن", "إن", "هو", "هي", "مرات", "مرة", "میں", "سے", "پر",
                                               "نے", "کو", "ہے", "ہیں", "تھے")}


def _shared_noun(r: _Reader, k: int) -> tuple[str, str] | None:
    """(unit, noun) of a vague quantity coordinated right after token k - 1, which counts the same thing."""
    if k >= len(r.tokens) or not r.joined(k - 1, k) or r.norm[k] not in _COORDINATION:
        return None
    k += 1
    while k < len(r.tokens) and r.norm[k] in _HEDGES:
        k += 1
    if k >= len(r.tokens) or r.phrase_at(k, r.vocab.vague) is None:
        return None
    following, _ = _figure_at(r, k)
    if following is None or following.unit is None:
        return None
    return following.unit, following.noun or ""


def _figure_at(r: _Reader, i: int, coordinated: bool = False) -> tuple[FoundFigure | None, int]:
    """The figure whose number (or vague quantity, or Arabic dual) starts at token i, and the token after it;
    a number written after its noun ("شرطي واحد") begins a figure at the noun. `coordinated`: a count and
    "and" stand just before."""
    lex = r.vocab.lexicon
    counted_before = _after_its_noun(r, i)
    number = (1, counted_before[0], "") if counted_before else _number_at(r, i, coordinated)
    vague: str | None = None
    dual = None if number else _dual(r, i)
    definite = False
    if number is None and dual is None:
        hit = r.phrase_at(i, r.vocab.vague)
        if hit is None or _number_at(r, i + hit[0]) is not None:
            return None, i + 1   # "some 40 people": "some" qualifies the number that follows
        vague, used = str(hit[1]), hit[0]
        if r.arabic and r.norm[i].startswith("ال") and used == 1:
            definite = True   # "المئات", "العشرات": hundreds, dozens, of people, standing alone
    else:
        used = number[0] if number else 1
    first, last = i, i + used - 1
    value: int | float | None = number[1] if number else (2 if dual else None)
    qualifier: str | None = vague or (number[2] if number and number[2] else None)
    low = high = None
    if number and (m := _DIGIT_RANGE.match(r.tokens[i].text)) and int(m.group(1)) < int(m.group(2)):
        low, high, value = int(m.group(1)), int(m.group(2)), None          # "100-300"
    elif number and value is not None and last + 2 < len(r.tokens) and r.joined(last, last + 2):
        connector = r.norm[last + 1]
        between = i > 0 and r.norm[i - 1] in lex.between
        second = _number_at(r, last + 2)
        if second and second[1] > value and (connector in lex.range_words or
                                             (between and connector in ("and", "et", "و", "y", "und"))):
            if _changes(r, i):
                second_last = last + 1 + second[0]
                if _not_a_count(r, last + 2, second_last):
                    return None, second_last + 1   # "rose from 10 to 20 per cent": two shares
                return _changed_from(r, i, last, second[0]), last + 1   # "increase … from 100 to 300 men"
            low, high, value = int(value), int(second[1]), None           # "from 100 to 300"
            last = last + 1 + second[0]
    start_tok = counted_before[2] if counted_before else first
    if vague is None:
        before = r.phrase_ending(start_tok - 1, r.vocab.qualifiers_before)
        if before is None and r.tokens[first].text.lower().startswith(("d'", "d’")):
            before = r.phrase_ending(start_tok - 1, r.vocab.qualifiers_elided)   # "plus d'un million"
        if before is not None:
            start_tok, qualifier = before[0], str(before[1])
        elif low is not None and first > 0 and r.norm[first - 1] in lex.between:
            start_tok = first - 1
        if qualifier is None and lex.qualifiers_before:
            qualifier = "exactly"   # a language with rules, and none of its qualifiers: the number as stated
    # What is counted: a noun right after, or after a modifier or two ("20 Acme militants").
    unit = noun = event = None
    end_tok = last
    noun_at: int | None = None
    if counted_before:
        (unit, event), noun_at = counted_before[1], counted_before[2]
        unit, event, noun = unit or None, event or None, r.tokens[noun_at].text
    elif dual:
        unit, event, noun, noun_at = dual[0] or None, dual[1] or None, r.tokens[i].text, i
        if i + 1 < len(r.tokens) and r.joined(i, i + 1) and r.vocab.numbers_after.get((r.norm[i + 1],)) == 2:
            end_tok = i + 1   # "جنديان اثنان": the dual, and the number that repeats it
    else:
        # In Arabic script the word after a vague quantity, or after its "من", is what it counts ("عشرات
        # المحتجين يوم السبت": not days).
        reach = last + 2 + _MAX_GAP
        if vague and r.arabic:
            reach = last + 3 if last + 1 < len(r.tokens) and r.norm[last + 1] == "من" else last + 2
        for k in range(last + 1, min(reach, len(r.tokens))):
            if not r.joined(k - 1, k) or _number_at(r, k) is not None:
                break
            if k == last + 1 and r.norm[k] in ("of", "de", "d'", "des", "من"):
                continue
            found = _noun(r, k)
            if found is not None:
                unit, event, noun, end_tok = found[0] or None, found[1] or None, r.tokens[k].text, k
                noun_at = k
                break
    if number and unit is None and event is None and low is None and (listed := _listed(r, first, last)):
        unit, event, noun = listed
    if low is not None and high is not None and unit is None and noun is None:
        years = _years_apart(r, first, last, low, high)
        if years is not None:
            return years, first + 1
    symbol = _currency_symbol(r, first)
    if symbol:
        unit, noun = unit or ("usd" if _CURRENCY[symbol] == "usd" else None), noun or symbol
    if vague and unit is None:
        shared = _shared_noun(r, last + 1)
        if shared is not None:
            unit, noun = shared     # "hundreds and probably thousands of men": the men are counted twice
        elif definite:
            unit = "people"
        elif _counts_something(r, last + 1):
            end_tok = last + 1      # "dozens of attackers", "عشرات المهاجمين", "hundreds more"
            noun_at = end_tok + 1 if r.norm[end_tok] in _OF and end_tok + 1 < len(r.tokens) else end_tok
        else:
            return None, last + 1   # "some said": a vague word alone counts nothing
    after = r.phrase_at(end_tok + 1, r.vocab.qualifiers_after)
    if after is not None and r.joined(end_tok, end_tok + 1):
        qualifier = str(after[1]) if qualifier in (None, "exactly") else qualifier
        end_tok += after[0]
    # What happened to them: "were killed" just after, or "killing" just before. In Arabic script, a verb
    # with a conjunction written on it begins the next clause: "أصيب جنديان وقتل شرطي".
    for k in range(end_tok + 1, min(end_tok + 1 + _EVENT_REACH, len(r.tokens))):
        if (event is not None or not r.joined(k - 1, k) or _number_at(r, k) is not None
                or (r.arabic and r.norm[k][:1] in _CONJOINED)):
            break
        hit = r.phrase_at(k, r.vocab.events)
        if hit is not None:
            event, end_tok = str(hit[1]), k + hit[0] - 1
    if event is None and start_tok > 0 and r.joined(start_tok - 1, start_tok):
        hit_before = r.phrase_ending(start_tok - 1, r.vocab.events)
        if hit_before is not None:
            start_tok, event = hit_before[0], str(hit_before[1])
    start = r.tokens[start_tok].start - (len(symbol) if symbol and start_tok == first else 0)
    written = r.text[r.tokens[first].start:r.tokens[last].end]
    partitive = (last + 1 < len(r.tokens) and r.joined(last, last + 1)
                 and r.phrase_at(last + 1, r.vocab.partitive) is not None)
    named = (number is not None and unit is None and noun is None and low is None and qualifier in (None, "exactly")
             and not partitive)   # "six of them": a count of what was counted before
    if _not_a_count(r, first, last, value, named, named and event is None):
        return None, last + 1
    if _a_measure(r, start_tok, first, last, end_tok, unit):
        return None, end_tok + 1
    span = (unit in _SPANS_OF_TIME or (dual is not None and dual[2] in r.vocab.periods)
            or (noun_at is not None and bool(r.forms(noun_at) & r.vocab.periods)))
    if span and (vague is not None or _says_when(r, start_tok, last, end_tok)):
        return None, end_tok + 1    # "several hours", "two days later", "three days of national mourning"
    figure = FoundFigure(start, r.tokens[end_tok].end, written, value, low, high, qualifier, unit, noun, event)
    return figure, end_tok + 1


def _after_its_noun(r: _Reader, i: int) -> tuple[int, tuple[str, str], int] | None:
    """A number word written after the noun it counts, as Arabic writes one and two ("شرطي واحد", "حالة
    وفاة واحدة"), or after the noun and a word that qualifies it ("سيارة إسعاف واحدة", one ambulance):
    its value, the noun's (unit, event) and where the noun stands. The number word carries no article:
    "يوم الاثنين" is Monday."""
    value = r.vocab.numbers_after.get((r.norm[i],)) if i > 0 else None
    if value is None:
        return None
    for k in (i - 1, i - 2):
        if k < 0 or not r.joined(k, i):
            break
        counted = _noun(r, k)
        if counted is not None:
            return value, counted, k
    return None


def _years_apart(r: _Reader, first: int, last: int, low: int, high: int) -> FoundFigure | None:
    """"de 2008 à 2016", "from 2015 to 2020", "2015-2020": two years that count nothing, not a range. The
    first year, as a bare year that extract proposes as a date; the second is read on its own next."""
    if low not in YEARS or high not in YEARS:
        return None
    tok = r.tokens[first]
    written = _DIGIT_RANGE.match(tok.text)
    year = written.group(1) if written else tok.text
    if not (re.fullmatch(r"\d{4}", year) and (written or re.fullmatch(r"\d{4}", r.tokens[last].text))):
        return None
    return FoundFigure(tok.start, tok.start + len(year), year, low)


def _listed(r: _Reader, first: int, last: int) -> tuple[str | None, str | None, str] | None:
    """(unit, event, noun) of a number alone in parentheses in a list whose heading, before a colon, says
    what it counts: "The dead by province: Al Haouz (1,351), Taroudant (321)" counts the dead, while
    "Taza (120,000)" alone counts nothing we know of."""
    if not _in_parentheses(r, first, last):
        return None
    colon = r.text.rfind(":", r.tokens[0].start, r.tokens[first].start)
    if colon < 0:
        return None
    heading = bisect.bisect_right(r.tokens, colon, key=lambda t: t.end)   # the first token after the colon
    for k in range(heading - 1, max(-1, heading - 1 - _HEADING), -1):
        counted = _noun(r, k)
        event = r.phrase_at(k, r.vocab.events)
        if counted is not None or event is not None:
            unit, noun_event = counted or ("", "")
            return unit or None, noun_event or (str(event[1]) if event else None), r.tokens[k].text
    return None


def _in_parentheses(r: _Reader, first: int, last: int) -> bool:
    """Whether tokens first..last, and nothing else, stand in parentheses."""
    start, end = r.tokens[first].start, r.tokens[last].end
    return r.text[start - 1:start] == "(" and r.text[end:end + 1] == ")"


# Words between a quantity and what measures it: "une vingtaine de kilomètres", "hundreds of kilometres".
_MEASURE_OF = {"of", "de", "des", "من"}


def _a_measure(r: _Reader, start_tok: int, first: int, last: int, end_tok: int, unit: str | None) -> bool:
    """Whether a number is a measure, not a count: a magnitude, an age, a distance, a share, how many live
    in a place ("magnitude 6.8", "aged 45", "(25 عاما)", "70 km", "hundreds of kilometres", "a town of
    40,000", "40 ألف نسمة", "(120,000 inhabitants)"); or a number word that is here the other word it also
    is, unless a qualifier says it is a number ("اسی دن", that same day; "سو رہے تھے", were asleep)."""
    v, n = r.vocab, len(r.tokens)
    if start_tok > 0 and r.joined(start_tok - 1, start_tok) and r.phrase_ending(start_tok - 1, v.measured_by):
        return True
    k = last + 2 if last + 1 < n and r.norm[last + 1] in _MEASURE_OF else last + 1
    if k < n and r.joined(last, k) and r.phrase_at(k, v.measures):
        return True
    if (last + 1 < n and r.joined(last, last + 1) and r.forms(last + 1) & v.inhabitants
            and _in_parentheses(r, start_tok, last + 1)):
        return True
    if unit == "years" and _an_age(r, start_tok, end_tok):
        return True
    return (first == last and r.norm[first] in v.homographs and (unit is None or unit in _SPANS_OF_TIME)
            and r.phrase_ending(first - 1, v.qualifiers_before) is None)   # "تقریباً سو": about a hundred


def _an_age(r: _Reader, start_tok: int, end_tok: int) -> bool:
    """Whether a number of years is an age: in parentheses ("محمد (25 عاما)"), set off by commas ("Lula, 77
    ans, a recueilli"), or after a word that makes it one ("un Tunisien de 31 ans")."""
    if _in_parentheses(r, start_tok, end_tok):
        return True
    if start_tok == 0:
        return False
    if r.joined(start_tok - 1, start_tok) and r.phrase_ending(start_tok - 1, r.vocab.aged):
        return True
    before = r.text[r.tokens[start_tok - 1].end:r.tokens[start_tok].start].strip()
    after = r.text[r.tokens[end_tok].end:r.tokens[end_tok].end + 1]
    return before in (",", "،") and after in (",", "،", ".", ";", ")", "")


def _says_when(r: _Reader, start_tok: int, last: int, end_tok: int) -> bool:
    """Whether a span of time says when, or frames another fact, rather than counting: "two days later",
    "il y a trois jours", "three years after the collapse", "les trois derniers jours", "in the past 20
    years", "for three days", "حملے کے دو روز بعد"; or is the length of a declared period ("three days of
    national mourning", "un deuil national de trois jours")."""
    v, n = r.vocab, len(r.tokens)
    if start_tok > 0 and r.joined(start_tok - 1, start_tok) and r.phrase_ending(start_tok - 1, v.when_before):
        return True
    for k in (last + 1, end_tok + 1):
        if k < n and r.joined(k - 1, k) and r.phrase_at(k, v.when_after):
            return True
    if (start_tok > 0 and end_tok + 1 < n and r.joined(start_tok - 1, end_tok + 1)
            and (r.norm[start_tok - 1], r.norm[end_tok + 1]) in v.anchored):
        return True
    near = [*range(max(0, start_tok - _DECLARED_REACH), start_tok), *range(end_tok + 1, min(n, end_tok + 1 +
                                                                                       _DECLARED_REACH))]
    return any(r.phrase_at(k, v.declared) and r.joined(min(k, start_tok), max(k, end_tok)) for k in near)


def _quoted_alone(r: _Reader, first: int, last: int) -> bool:
    before = r.text[max(0, r.tokens[first].start - 1):r.tokens[first].start]
    after = r.text[r.tokens[last].end:r.tokens[last].end + 1]
    return bool(before) and before in segment.QUOTE_PAIRS and after == segment.QUOTE_PAIRS[before]


def _not_a_count(r: _Reader, first: int, last: int, value: float | None = None, named: bool = False,
                 bare: bool = False) -> bool:
    """A number that is a share ("40%", "30 بالمئة"), a temperature ("45 °C"), a weekday ("الاثنين"), a day
    of a month ("14 آذار"), a time ("6 بجے") or part of an ordinal ("الثالثة عشرة"); when it counts no noun
    (`named`), a fraction ("a 6.8 quake", "at 10.30"), the minutes of a time ("10 h 30") or part of a name
    or an ordinal ("Route 9", "Brigade 17 killed", "اللواء 17", "الذكرى الـ 18"); and when nothing at all
    makes it a count (`bare`), a number after a capitalised word ("Taza 120")."""
    after = r.text[r.tokens[last].end:r.tokens[last].end + 14]
    if _SHARE_OR_DEGREES.match(after):
        return True
    if r.forms(first) & r.vocab.weekdays:
        return True   # "الاثنين": Monday, not the two
    if r.forms(first) & _PER_HUNDRED and (r.norm[first].startswith("بال") or r.norm[max(0, first - 1)] == "في"):
        return True
    following = r.forms(last + 1) if last + 1 < len(r.tokens) else set()
    if following & r.vocab.months or following & r.vocab.clock:
        return True
    if _quoted_alone(r, first, last):
        return True   # "الاسم الحركي «خمسمئة»": a number alone in quotation marks is a name
    if (first > 0 and r.forms(first - 1) & r.vocab.ordinals) or following & r.vocab.ordinals:
        return True   # "الثاني عشر": the twelfth; "18 ویں": the 18th
    if not named:
        return False
    if value is not None and not float(value).is_integer():
        return True
    if first == 0:
        return False
    before = r.forms(first - 1)
    if before & r.vocab.naming or before & r.vocab.clock:
        return True
    word = r.tokens[first - 1].text
    return bare and not r.arabic and word[:1].isupper() and word.lower() not in r.vocab.lexicon.qualifiers_before


def _changes(r: _Reader, i: int) -> bool:
    """Whether a verb of change stands a few words before "from X to Y": then X and Y are two figures."""
    changes = {_norm(w, r.vocab.language) for w in r.vocab.lexicon.changes}
    return any(forms & changes for forms in (r.forms(k) for k in range(max(0, i - 6), i)))


def _changed_from(r: _Reader, i: int, last: int, used: int) -> FoundFigure:
    """The first figure of a change ("100" in "from 100 to 300 men"); it counts what the second counts."""
    number = _number_at(r, i)
    assert number is not None
    noun_at = last + 1 + used + 1
    found = _noun(r, noun_at) if noun_at < len(r.tokens) else None
    unit, noun = (found[0] or None, r.tokens[noun_at].text) if found else (None, None)
    qualifier = "exactly" if r.vocab.lexicon.qualifiers_before else None
    text = r.text[r.tokens[i].start:r.tokens[last].end]
    return FoundFigure(r.tokens[i].start, r.tokens[last].end, text, number[1], None, None, qualifier, unit, noun)


def _noun(r: _Reader, k: int) -> tuple[str, str] | None:
    """(unit, event) of a counted noun at token k; Arabic nouns may carry accusative -ا ("جنديا")."""
    for form in sorted(r.forms(k)):
        for candidate in (form, form[:-1]) if r.arabic and form.endswith("ا") else (form,):
            if candidate in r.vocab.nouns:
                return r.vocab.nouns[candidate]
    word = r.tokens[k].text
    if r.vocab.lexicon.demonyms and re.fullmatch(r"[A-Z][a-z]+(?:ans|ese|is)", word):
        return "people", ""
    return None


def _dual(r: _Reader, i: int) -> tuple[str, str, str] | None:
    """An Arabic dual of a counted noun: "انقلابين" two coups, "دولتين" two countries; its (unit, event) and
    its singular."""
    if not r.vocab.duals:
        return None
    for form in sorted(r.forms(i)):
        for suffix in ("ين", "ان", "ي"):
            stem = form[:-len(suffix)]
            if not form.endswith(suffix) or len(stem) < 2 or (suffix == "ين" and form in r.vocab.nouns):
                continue   # "المدنيين": the plural the table knows ("مدنيين"), not a dual
            if suffix == "ي" and not (stem.endswith("ت") and i + 1 < len(r.tokens) and r.joined(i, i + 1)):
                continue   # "جثتي عاملين": a dual before the noun it is of drops its ن, kept apart on a noun in ة
            for singular in (stem, stem[:-1] + "ه") if stem.endswith("ت") else (stem,):
                if singular in r.vocab.duals and singular in r.vocab.nouns:
                    return (*r.vocab.nouns[singular], singular)
    return None


def _currency_symbol(r: _Reader, first: int) -> str:
    """The currency sign written right before token `first` ("$2.5 billion"), or ""."""
    start = r.tokens[first].start
    return next((symbol for symbol in sorted(_CURRENCY, key=len, reverse=True)
                 if r.text[max(0, start - len(symbol)):start] == symbol), "")

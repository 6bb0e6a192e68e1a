"""New names in the Arabic script (Arabic, Urdu), which has no capitals: a name is proposed only where
the text itself marks one, after a title or a role, beside a role between commas, after a word that begins
the name of an organisation or a place, between quotation marks, before a transliteration in parentheses,
in parentheses or after "known as" beside another name, written twice in one paragraph, or marked so in
another paragraph of the article (`article_names`). Particles, verbs, common nouns, numbers, months and
weekdays never start or end one.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from generator.extract.name_cues import (
    AR_FOR,
    AR_GENERIC_HEADS,
    AR_HEADS,
    AR_NAMES,
    AR_OFFICIAL,
    AR_PREPOSITION,
    LONE_NUMBER,
    UR_NAMES,
    NameCues,
)
from generator.text import arabic, segment, vocabulary


class NameIndex(Hashable, Protocol):
    """What the finder asks of the dossier's known names (`mentions.Gazetteer` answers); hashable, for the
    paragraphs read with it are kept (`_reader`)."""

    def find(self, text: str) -> list[Any]: ...

    def is_arabic_adjective_of_place(self, word: str) -> bool: ...


# --- new names in the Arabic script (Arabic, Urdu) ----------------------------------------------
#
# The script has no capitals, so a new name is proposed only where the text itself marks one: after a
# title or a role ("العقيد X", "وزیر اعظم X", "المتحدث باسم X"), after a word that begins the name of an
# organisation or a place ("جبهة التحرير الوطني", "مدينة X", "ضلع X"), between quotation marks, before
# a transliteration in parentheses ("جبهة الإنقاذ (FSN)"), or as the same few words written twice in
# one paragraph. Particles, verbs, common nouns, numbers, months and weekdays never start or end one.

@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    norm: str
    readings: tuple[tuple[int, str], ...]   # (letters of attached particles, the rest), the word itself first
    joined: bool                            # only spaces since the word before
    plain: str                              # its letters, without the marks on them
    article: bool                           # written with the article, ال or ٱل ("إلمورا" is not)
    conj_article: bool                      # and with و or ف before it: "والمسلمين"


@lru_cache(maxsize=1 << 16)   # words repeat: a source's thousands of words are a few hundred
def _readings(word: str, peel: bool) -> tuple[tuple[int, str], ...]:
    out = [(0, word)]
    if peel:
        for conj in ("", "و", "ف"):
            if not word.startswith(conj):
                continue
            rest = word[len(conj):]
            for prep in ("", "ب", "ل"):
                stem = rest[len(prep):] if rest.startswith(prep) else ""
                if prep == "ل" and stem.startswith("ل"):
                    continue   # ل before the article is written "لل": "اللواء" is not ل + "لواء"
                if (conj or prep) and len(stem) >= 2:
                    out.append((len(conj) + len(prep), stem))
            if rest.startswith("لل") and len(rest) > 3:
                out.append((0, "ال" + rest[2:]))   # ل + ال: "للجيش" is "الجيش", but not cut in two
    return tuple(out)


_T = TypeVar("_T")


def _once(method: Callable[[_Reader], _T]) -> Callable[[_Reader], _T]:
    """A reading of a paragraph, made once: an article's paragraphs are read twice (`article_names`, then
    `arabic_names` with what the first reading found), and the second asks the same questions again."""
    def read(reader: _Reader) -> _T:
        if method.__name__ not in reader.memo:
            reader.memo[method.__name__] = method(reader)
        return reader.memo[method.__name__]
    return read


class _Reader:
    """One paragraph's Arabic-script words, and what the lexicon of its language says of them."""

    def __init__(self, text: str, lexicon: NameCues, gazetteer: NameIndex, calendar: set[str]) -> None:
        self.text, self.lex, self.gazetteer = text, lexicon, gazetteer
        self.memo: dict[str, Any] = {}   # what `_once` readings found
        self.titles = lexicon.titles | lexicon.construct | lexicon.spokes
        self.calendar = {arabic.normalise(c) for c in calendar} | {arabic.core(arabic.normalise(c)) for c in calendar}
        self.words: list[_Word] = []
        last = None
        for start, end, norm in arabic.words(text):
            gap = text[last:start] if last is not None else ""
            joined = last is not None and (not gap.strip(" \t\u00a0\u200c\u200e\u200f") or gap in ("-", "\u2010"))
            plain = _unmarked(text[start:end])
            article = plain.startswith(("ال", "ٱل")) and len(plain) > 3
            conj_article = plain[:1] in ("و", "ف") and plain[1:3] in ("ال", "ٱل") and len(plain) > 4
            self.words.append(_Word(start, end, norm, _readings(norm, lexicon.peel), joined, plain, article,
                                    conj_article))
            last = end

    # --- what a word is -------------------------------------------------------------------------
    def stems(self, k: int) -> set[str]:
        return {rest for _, rest in self.words[k].readings}

    def cue(self, k: int, table: dict[str, str | None] | frozenset[str]) -> tuple[int, str] | None:
        """(letters of particles, word) where word `k`, particles aside, is one of `table`."""
        return next(((p, rest) for p, rest in self.words[k].readings if rest in table), None)

    def definite(self, k: int, conj: bool = False) -> bool:
        """Written with the article ("الدفاع"; with `conj` also "والمسلمين")."""
        return self.lex.article and (self.words[k].article or (conj and self.words[k].conj_article))

    def stop(self, k: int) -> bool:
        """A particle, a verb, a number word, a month or a weekday."""
        if self.stems(k) & self.lex.stop or self.dated(k) or re.search("(مئه|مائه)$", self.words[k].norm):
            return True   # … or a number: "خمسمئة"
        w = self.words[k].norm   # a verb with و or ف written on; not "فيصل" read as ف + "يصل"
        return w in self.lex.verbs or any(rest in self.lex.verbs for p, rest in self.words[k].readings
                                          if p == 1 and w[0] in "وف" and not (w[0] == "ف" and rest[:1] in "يت"))

    def dated(self, k: int) -> bool:
        """A month or a weekday; not "باب" read as ب + "آب" (August): a month of two letters is written alone."""
        return any(r in self.calendar or arabic.core(r) in self.calendar for p, r in self.words[k].readings
                   if not p or len(r) > 2)

    def adjective(self, k: int) -> bool:
        for r in self.stems(k):
            word = arabic.core(r)
            for ending in ("", "ه", "ون", "ين", "ات"):
                if word.endswith(ending) and word[:len(word) - len(ending)] in self.lex.adjectives:
                    return True
            if self.gazetteer.is_arabic_adjective_of_place(word):
                return True
            for ending in ("ي", "يه", "يين", "يون"):   # made from a common noun: "جنوبي", "حكومية"
                stem = word[:len(word) - len(ending)]
                if self.lex.article and word.endswith(ending) and len(stem) >= 3 and (
                        stem in self.lex.common or stem + "ه" in self.lex.common):
                    return True
        return False

    def nisba(self, k: int) -> bool:
        """An adjective by its ending, "ساحلية", "حكومية": never the first word of a name after a cue."""
        return self.lex.article and arabic.core(self.words[k].norm).endswith(("يه", "يين", "يون"))

    def everyday(self, k: int) -> bool:
        """One of the language's few thousand commonest words (`vocabulary`): "تصويت", "ہیلی کاپٹر"."""
        return vocabulary.fold(self.words[k].norm) in vocabulary.common(self.lex.language)

    def common(self, k: int) -> bool:
        return any(arabic.core(r) in self.lex.common or r in self.lex.common for r in self.stems(k))

    def title(self, k: int) -> bool:
        return self.title_cue(k) is not None

    def title_cue(self, k: int) -> tuple[int, str] | None:
        """(letters of particles, title) where word `k` is a title; one of two words only with its second."""
        found = self.cue(k, self.titles)
        if found is not None and found[1] in self.lex.bound_titles and not (
                self.next_joined(k + 1) and self.words[k + 1].norm == self.lex.bound_titles[found[1]]):
            return None
        return found

    def marker(self, k: int) -> bool:
        return self.title(k) or self.cue(k, self.lex.orgs) is not None or self.cue(k, self.lex.places) is not None

    def name_word(self, k: int, adjective: bool = False) -> bool:
        """A word that may be part of a person's or a place's name: not one written with tanwin ("ليلًا"); with
        `adjective`, also one shaped as an adjective ("تركي" after "العميد", which an adjective would agree with)."""
        w = self.words[k]
        return (len(w.norm) >= 2 and not arabic.TANWIN.search(self.text[w.start:w.end]) and not self.definite(k)
                and not self.stop(k) and not self.marker(k) and not self.common(k)
                and (adjective or not self.adjective(k))
                and not (self.lex.peel and AR_PREPOSITION.match(
                    w.plain)))

    def body_word(self, k: int) -> bool:
        """A word that may be part of an organisation's name: common nouns are ("وزارة الدفاع")."""
        return len(self.words[k].norm) >= 2 and not self.stop(k) and self.cue(k, self.lex.titles) is None

    def next_joined(self, k: int) -> bool:
        return k < len(self.words) and self.words[k].joined

    def after(self, k: int, letters: int) -> int:
        """Offset in the text after the first `letters` letters of word `k` (marks on them included)."""
        w = self.words[k]
        pos, seen = w.start, 0
        while pos < w.end and seen < letters:
            seen += bool(arabic.normalise(self.text[pos]))
            pos += 1
        while pos < w.end and not arabic.normalise(self.text[pos]):
            pos += 1
        return pos

    # --- names after words that announce them ----------------------------------------------------
    def person(self, k: int, after_definite: bool = False) -> int:
        """The end (exclusive word index) of a person's name starting at `k`; `k` when there is none. After a
        title with the article (`after_definite`), a first word without it is no adjective of the title."""
        first, n = k, len(self.words)
        while k < n and k - first < 4 and (k == first or self.words[k].joined):
            if self.name_word(k, adjective=after_definite and k == first):
                k += 1
                continue
            if k > first and self.definite(k) and not self.stop(k):
                if self.words[k - 1].norm in self.lex.links:
                    k += 1     # "عبد الفتاح", "ولد الشيخ"
                    continue
                following = k + 1 < n and self.words[k + 1].joined and (
                    self.name_word(k + 1) or self.definite(k + 1))
                if (not following or self.words[k].norm.endswith("ي")) and not (
                        self.adjective(k) or self.common(k) or self.marker(k)):
                    k += 1     # a surname with the article, last: "عبد الفتاح السيسي", "أحمد المسماري"
            break
        while k > first and self.words[k - 1].norm in self.lex.links:
            k -= 1
        if k > first and self.next_joined(k) and self.words[k].norm in self.lex.light_verbs:
            k -= 1     # "صدر مقرر کر دیا": the noun of a verb, not a name
        return k

    def chain(self, k: int, limit: int, conj: bool = False) -> int:
        """The end of the words with the article from `k` on: "الدفاع الأمريكي"."""
        first = k
        while (k < len(self.words) and k - first < limit and self.words[k].joined
               and self.definite(k, conj and k > first) and not self.stop(k) and not self.title(k)):
            k += 1
        return k

    def organisation(self, i: int) -> tuple[int, int, str | None] | None:
        """(first letter, end word, kind) of an organisation's name begun by the cue word `i`."""
        found = self.cue(i, self.lex.orgs)
        if found is None:
            return None
        letters, cue = found
        k, n = i + 1, len(self.words)
        if self.lex.article:
            while self.next_joined(k) and k - i <= 2 and not self.definite(k) and self.body_word(k) \
                    and not self.cue(k, self.lex.places) and not self.title(k):
                if k == i + 1 and (self.nisba(k) or self.adjective(k) or self.common(k)):
                    break   # "جماعة مسلحة", "قوات حكومية": what it is, not what it is called
                k += 1
            bare, k = k, self.chain(k, 6, conj=True)
            chained = k
            # past the cue's own word, a common noun with the article begins what follows: "بوكو حرام القرية"
            k = next((x for x in range(i + 2, k) if self.definite(x) and self.common(x) and not self.adjective(x)), k)
            if k > i + 1 and self.next_joined(k) and self.words[k].norm in AR_FOR and k + 1 < n \
                    and self.words[k + 1].joined and self.body_word(k + 1):
                k += 2   # "الجبهة الشعبية لتحرير فلسطين"
        else:
            while self.next_joined(k) and k - i <= 3 and self.body_word(k) and not self.title(k) \
                    and not self.cue(k, self.lex.places):
                k += 1
                if self.cue(k - 1, self.lex.offices) is not None:
                    break   # "وزارت خارجہ", "دفتر خارجہ": the office ends the name
        if k == i + 1 or (k == i + 2 and self.definite(i + 1) and (self.common(i + 1) or cue in AR_GENERIC_HEADS)):
            return None   # "مركز المدينة", "قوات الجيش", "قوات الأمن"
        if self.lex.article and (self.nominative(i + 1) or (chained == bare and self.described(k - 1))):
            return None
        return self.after(i, letters), k, self.lex.orgs[cue]

    def nominative(self, k: int) -> bool:
        """A plural with the article in "-ون", which no name's second word is (it follows its first in the
        genitive): "تجمّع المسعفون" is a verb and its subject; "الشؤون" is no such plural."""
        word = arabic.core(self.words[k].norm)
        return self.definite(k) and word.endswith("ون") and len(word) >= 5

    def described(self, last: int) -> bool:
        """The last of the words without the article after an organisation's word says what it is rather than
        names it: an adjective ("مركز احتجاز احتياطي"), one of the language's commonest words ("مكتب تصويت"),
        a noun with "its" ("حركة بضائع قيمتها"); "جبهة تحرير أزواد" ends in a name."""
        w = self.words[last]
        return self.text[w.start:w.end].endswith(("ها", "هم")) or w.norm.endswith(("ي", "يه")) or self.everyday(last)

    def place(self, i: int) -> list[tuple[int, int, str | None]]:
        """(start, end, kind) of the place names after the cue word `i`: "مدينة X", "بلدتي X وY"."""
        found = self.cue(i, self.lex.places)
        if found is None or not self.next_joined(i + 1) or (i and self.words[i - 1].norm == "عن"):
            return []   # "عن طريق": by way of
        k = i + 1
        if self.definite(k):
            if self.definite(i) or self.adjective(k) or self.common(k):
                return []   # "العاصمة الفرنسية", "منطقة الحدود"
            k += 1
            while self.next_joined(k) and k - i <= 3 and self.definite(k) and not self.stop(k) \
                    and not self.adjective(k) and not self.nisba(k) and not self.marker(k) and not self.common(k):
                k += 1
        else:
            if self.nisba(k):
                return []   # "مدينة ساحلية"
            while self.next_joined(k) and k - i <= 3 and self.name_word(k) and not (
                    k > i + 1 and self.lex.peel and self.words[k].norm[:1] == "و"):
                k += 1   # "… وبيترين": and another place
            if k > i + 1:
                while self.next_joined(k) and k - i <= 4 and self.definite(k) and not self.stop(k) \
                        and not self.adjective(k) and not self.nisba(k) and not self.marker(k):
                    k += 1
        if k == i + 1:
            return []
        kind = self.lex.places[found[1]]
        out = [(self.words[i + 1].start, self.words[k - 1].end, kind)]
        while found[1] in self.lex.pairs and self.next_joined(k) and self.words[k].norm[:1] == "و" \
                and not self.stop(k) and not self.common(k) and not self.adjective(k):
            out.append((self.after(k, 1), self.words[k].end, kind))   # "بلدتي ناردو وبيترين", "ولايات X وY وZ"
            k += 1
        return out

    def after_cued(self) -> list[tuple[int, int, str, str | None]]:
        """Urdu writes many names with the word that says what they are last ("نیشنل لبریشن فرنٹ",
        "کاروش قصبے"), or after "X نامی" ("named X"), and places before "کے علاقے" ("the area of"),
        "کے قریب" ("near") or "پہنچے" ("reached")."""
        out: list[tuple[int, int, str, str | None]] = []
        words, lex = self.words, self.lex
        for i in range(1, len(words)):
            word = words[i].norm
            if not words[i].joined:
                continue
            if word in lex.named and (start := self.back(i, self.body_word)) < i:   # names of common words
                following = words[i + 1].norm if self.next_joined(i + 1) else ""
                kind = lex.orgs.get(following) or lex.orgs_after.get(following)
                guess = ("actor", kind) if kind else ("place", lex.places[following]) if following in lex.places \
                    else ("unknown", None)
                out.append((words[start].start, words[i - 1].end, *guess))
            elif word in lex.orgs_after and (start := self.back(i)) < i:
                out.append((words[start].start, words[i].end, "actor", lex.orgs_after[word]))
            elif word in lex.places_after and not self.place(i) and (start := self.back(i)) < i:
                out.append((words[start].start, words[i - 1].end, "place", lex.places_after[word]))
            elif word in lex.reached and not (self.next_joined(i + 1) and words[i + 1].norm in lex.given) \
                    and (start := self.back(i)) < i and not all(self.everyday(k) for k in range(start, i)):
                out.append((words[start].start, words[i - 1].end, "place", None))   # not "پہنچا دی", delivered
            elif word in lex.of_place and words[i - 1].norm in lex.of and i > 1 and words[i - 1].joined \
                    and (start := self.back(i - 1)) < i - 1 and not all(self.everyday(k) for k in range(start, i - 1)):
                out.append((words[start].start, words[i - 2].end, "place", None))
        return out

    def back(self, i: int, fits: Callable[[int], bool] | None = None) -> int:
        """The first of up to three name words just before word `i`; `i` when there are none."""
        k = i
        while k > 0 and i - k < 3 and self.words[k].joined and (fits or self.name_before)(k - 1):
            k -= 1
        return k

    def name_before(self, k: int) -> bool:
        return (len(self.words[k].norm) >= 2 and not self.stop(k) and not self.common(k) and not self.adjective(k)
                and not self.title(k) and self.cue(k, self.lex.places) is None
                and not {self.words[k].norm} & (self.lex.named | self.lex.places_after.keys()
                                                | self.lex.orgs_after.keys()))

    def numbered(self) -> list[tuple[int, int, str, str | None]]:
        """A unit or a place called by a number: "اللواء 17", "الطريق 9", "بریگیڈ 17"."""
        out: list[tuple[int, int, str, str | None]] = []
        for k, w in enumerate(self.words):
            m = LONE_NUMBER.match(self.text, w.end)
            if m is None:
                continue
            after = next((j for j, x in enumerate(self.words) if x.start >= m.end()), None)
            if after is not None and self.words[after].start == m.end() + 1 and not self.stop(after):
                continue   # "قوات 500 جندي": a count
            guess = None
            for p, r in self.words[k].readings:
                for form in {r, arabic.core(r)}:
                    if form in self.lex.orgs or form in self.lex.orgs_after:
                        guess = guess or ("actor", self.lex.orgs.get(form) or self.lex.orgs_after.get(form), p)
                    elif form in self.lex.places or form in self.lex.places_after:
                        guess = guess or ("place", self.lex.places.get(form) or self.lex.places_after.get(form), p)
            if guess is not None:
                out.append((self.after(k, guess[2]), m.end(), guess[0], guess[1]))
        return out

    def spelled(self) -> list[tuple[int, int, str, str | None]]:
        """Urdu spells initials out: "آئی ایس پی آر", "یو این ایچ سی آر"."""
        out: list[tuple[int, int, str, str | None]] = []
        words, k = self.words, 0
        while k < len(words):
            end = k
            while end < len(words) and words[end].norm in self.lex.letters and (end == k or words[end].joined):
                end += 1
            first, last = k, end
            while first < last and words[first].norm in self.lex.stop:
                first += 1      # "کے" is K, and also "of"
            while last > first and words[last - 1].norm in self.lex.stop:
                last -= 1
            if last - first >= 2:
                out.append((words[first].start, words[last - 1].end, "unknown", None))
            k = max(end, k + 1)
        return out

    def known_names(self) -> list[tuple[int, int, str, str | None]]:
        """Names every reader knows, such as "الأمم المتحدة", though the fact base does not have them yet."""
        return self.written(self.lex.known.items())

    def written(self, names: Iterable[tuple[tuple[str, ...], tuple[str, str | None]]],
                ) -> list[tuple[int, int, str, str | None]]:
        """Where the paragraph writes each of `names` (its words, normalised; its record and kind), a particle
        on the first word aside: a look-up by the first word, not a scan per name."""
        first: dict[str, list[tuple[tuple[str, ...], tuple[str, str | None]]]] = {}
        for key, guess in names:
            first.setdefault(key[0], []).append((key, guess))
        out: list[tuple[int, int, str, str | None]] = []
        words = self.words
        for i, w in enumerate(words):
            for letters, stem in w.readings:
                for key, guess in first.get(stem, ()):
                    if i + len(key) <= len(words) and all(words[i + t].joined and words[i + t].norm == key[t]
                                                          for t in range(1, len(key))):
                        out.append((self.after(i, letters), words[i + len(key) - 1].end, *guess))
        return out

    def organisation_of(self, i: int) -> tuple[int, int, str | None] | None:
        """A name begun by an organisation's word with the article, its adjectives and what it is for:
        "المجلس الوطني للإنقاذ", "المفوضية السامية للأمم المتحدة لشؤون اللاجئين"."""
        if not self.lex.article or not self.definite(i):
            return None
        head = arabic.core(self.words[i].norm)
        if head not in self.lex.orgs or head in AR_GENERIC_HEADS:
            return None
        k = i + 1
        while self.next_joined(k) and k - i <= 2 and self.definite(k) and not self.stop(k) and not self.common(k) \
                and not self.gazetteer.is_arabic_adjective_of_place(arabic.core(self.words[k].norm)):
            k += 1
        if k == i + 1 or not (self.next_joined(k) and self.words[k].norm[:1] == "ل" and len(self.words[k].norm) >= 4
                and not self.stop(k) and not self.title(k)):
            return None
        k += 1
        while self.next_joined(k) and k - i < 8 and not self.stop(k) and not self.title(k) and (
                self.definite(k, conj=True) or self.words[k].norm[:1] == "ل" or self.name_word(k)):
            k += 1
        return self.words[i].start, k, self.lex.orgs[head]

    @_once
    def titled(self) -> list[tuple[int, int, str, str | None]]:
        out: list[tuple[int, int, str, str | None]] = []
        words, n = self.words, len(self.words)
        for i in range(n):
            found = self.title_cue(i)
            possessed = self.possessed(i)
            if found is None and not possessed:
                continue
            title = found[1] if found is not None else ""
            k = i + 1
            if title in self.lex.spokes:
                j = k + 1 if self.next_joined(k) and words[k].norm in AR_OFFICIAL else k
                if self.next_joined(j) and words[j].norm in self.lex.on_behalf:
                    spoken = self.spoken_for(j + 1)
                    if spoken is None:
                        continue
                    start, end, kind, named = spoken
                    if named:
                        out.append((start, words[end - 1].end, "actor", kind))
                    # the speaker is unnamed, unless a name follows what he speaks for
                    if self.next_joined(end) and not self.definite(end) and not self.title(end):
                        last = self.person(end)
                        if last > end:
                            out.append((words[end].start, words[last - 1].end, "actor", "person"))
                    continue
            skipped: list[int] = []
            if title in self.lex.construct and title not in self.lex.titles and not possessed and self.next_joined(k):
                org = self.organisation(k)
                if org is not None:                        # "قائد قوات الدعم السريع X"
                    out.append((org[0], words[org[1] - 1].end, "actor", org[2]))
                    k = org[1]
                elif self.definite(k):                      # "وزير الدفاع الأمريكي X"
                    k = self.chain(k, 3)
                elif self.body_word(k) and self.next_joined(k + 1) and self.definite(k + 1):
                    k = self.chain(k + 1, 3)                 # "قائد فرق الإنقاذ"
                elif self.gazetteer_at(k):
                    k += 1                                   # "رئيس تشاد X": a known place or actor
                elif self.nisba(k) or self.adjective(k) or self.common(k) or words[k].norm.endswith("ي"):
                    continue                                 # "قائد ميداني": who, not named
            elif not self.lex.article and self.next_joined(k) and (org := self.organisation(k)) is not None:
                out.append((org[0], words[org[1] - 1].end, "actor", org[2]))   # "ترجمان دفتر خارجہ X"
                k = org[1]
            else:
                while self.next_joined(k) and len(skipped) < 3 and (
                        ((self.definite(k) or (self.lex.article and words[k].norm.startswith("لل") and skipped))
                        and not self.stop(k) and not self.title(k)) or self.cue(k, self.lex.offices) is not None
                        or (k == i + 1 and words[k].norm in self.lex.ranks)):
                    skipped.append(k)   # "الرئيس الفرنسي السابق X", "وزیر اعظم X"
                    k += 1
                if skipped and words[skipped[-1]].norm in self.lex.offices_of_place and self.next_joined(k) \
                        and self.name_word(k) and self.next_joined(k + 1) and self.name_word(k + 1):
                    out.append((words[k].start, words[k].end, "place", None))   # "وزیر اعلیٰ پنجاب X"
                    k += 1
            end = self.person(k, self.definite(i) or possessed) if self.next_joined(k) and not self.title(k) else k
            if end > k:
                out.append((words[k].start, words[end - 1].end, "actor", "person"))
            elif len(skipped) == 1 and self.definite(skipped[0]) and not (
                    self.adjective(skipped[0]) or self.common(skipped[0]) or self.marker(skipped[0])):
                s = skipped[0]           # "الرئيس السيسي": the name carries the article
                out.append((words[s].start, words[s].end, "actor", "person"))
        return out

    def apposed(self) -> list[tuple[int, int, str, str | None]]:
        """A person named beside the role, between commas: "قال أحمد مهاط، رئيس البعثة، إن" (after a verb of
        saying, before a title), "قالت منسقة الأمم المتحدة في السودان، كليمنتين نكويتا-سلامي، إن" (after a
        title, before a comma)."""
        out: list[tuple[int, int, str, str | None]] = []
        words, n = self.words, len(self.words)
        for k in range(1, n):
            if not self.comma_before(k):
                continue
            end = self.to_comma(k)
            if end - k >= 2 and self.titled_clause(k):
                out.append((words[k].start, words[end - 1].end, "actor", "person"))
        for k in range(n - 1):
            stems = self.stems(k)
            if not stems & self.lex.saying or stems & self.lex.according or not self.next_joined(k + 1):
                continue
            end = self.to_comma(k + 1)
            if end - k > 2 and (self.title(end) or self.possessed(end)):
                out.append((words[k + 1].start, words[end - 1].end, "actor", "person"))
        return out

    def to_comma(self, k: int) -> int:
        """The end of a person's name at `k` that runs to a comma, within five words: names between commas
        end where the comma says ("كليمنتين نكويتا-سلامي،"); `k` when there is none."""
        end = self.person(k)
        while end > k and end - k < 5 and self.next_joined(end) and not (
                self.stop(end) or self.marker(end) or self.comma_before(end)):
            end += 1
        return end if end > k and end < len(self.words) and self.comma_before(end) else k

    def titled_clause(self, k: int) -> bool:
        """Whether a title begins one of the eight words before word `k`, back to the last comma."""
        for j in range(k - 1, max(-1, k - 9), -1):
            if self.title(j) or self.possessed(j):
                return True
            if self.comma_before(j):
                return False
        return False

    def comma_before(self, k: int) -> bool:
        """Whether word `k` follows a comma."""
        return k > 0 and self.text[self.words[k - 1].end:self.words[k].start].strip() in ("،", ",")

    @_once
    def aliases(self) -> list[tuple[int, int, int, bool]]:
        """Other names of what the words just before name: (start, end, where those words end, whether the
        text says it is a name). Words in parentheses right after a name ("«أنصار الله» (الحوثيين)", "منظمة
        الأمم المتحدة للطفولة (يونيسف)"), and names after "المعروفة أيضا باسم" ("الحمدانية، المعروفة أيضا
        باسم بخديدا أو قره قوش")."""
        out: list[tuple[int, int, int, bool]] = []
        for m in re.finditer(r"\(([^()\n]{2,40})\)", self.text):
            inner = self.inside(m.start(1), m.end(1))
            if inner and len(inner) <= 3 and len(inner) == len(segment.tokens(self.text, m.start(1), m.end(1))) \
                    and not any(self.stop(k) for k in inner) and not all(self.common(k) for k in inner):
                before = self.text[:m.start()].rstrip()
                out.append((self.words[inner[0]].start, self.words[inner[-1]].end,
                            len(before) - (before[-1:] in segment.QUOTE_PAIRS.values()), False))
        for k, w in enumerate(self.words):
            if w.norm not in self.lex.known_as or not self.comma_before(k):
                continue
            j = k + 1 + (k + 1 < len(self.words) and self.words[k + 1].norm == "ايضا")
            if not (self.next_joined(j) and self.words[j].norm == "باسم"):
                continue
            j += 1
            while self.next_joined(j) and (end := self.person(j)) > j:
                out.append((self.words[j].start, self.words[end - 1].end, self.words[k - 1].end, True))
                if not (self.next_joined(end) and self.words[end].norm in ("او", "و")):
                    break
                j = end + 1
        return out

    def possessed(self, k: int) -> bool:
        """A title of the kind that names what it leads, with "his" or "its" written on: "مديره", "رئيسها"."""
        if not self.lex.article:
            return False
        plain = self.words[k].plain
        return any(plain.endswith(suffix) and arabic.normalise(plain[:-len(suffix)]) in self.lex.construct
                   for suffix in ("ه", "ها", "هم")) and not plain.endswith("ة")

    def spoken_for(self, k: int) -> tuple[int, int, str | None, bool] | None:
        """"المتحدث باسم X": (first letter, end word, kind) of X, an organisation, and whether X is a name
        rather than a word as general as "الحكومة"."""
        if not self.next_joined(k):
            return None
        org = self.organisation(k)
        if org is not None:
            return org[0], org[1], org[2], True
        end = self.chain(k, 4) if self.definite(k) else k
        if end == k:   # "باسم حماس", "باسم قيادة المنطقة الشرقية"
            while self.next_joined(end) and end - k < 2 and (self.name_word(end) or (
                    end == k and self.body_word(end) and self.next_joined(end + 1) and self.definite(end + 1))):
                end += 1
            end = self.chain(end, 3) if end > k else end
        if end == k:
            return None
        head = arabic.core(self.words[k].norm)
        kind = self.lex.orgs.get(head) or AR_HEADS.get(head, "organisation")
        return self.words[k].start, end, kind, not (end == k + 1 and self.words[k].norm in self.lex.generic)

    def gazetteer_at(self, k: int) -> bool:
        w = self.words[k]
        return bool(self.gazetteer.find(self.text[w.start:w.end]))

    @_once
    def cued(self) -> list[tuple[int, int, str, str | None]]:
        out: list[tuple[int, int, str, str | None]] = []
        for i in range(len(self.words)):
            if (org := self.organisation(i) or self.organisation_of(i)) is not None:
                out.append((org[0], self.words[org[1] - 1].end, "actor", org[2]))
            else:
                out += [(start, end, "place", kind) for start, end, kind in self.place(i)]
        return (out + self.after_cued() + self.known_names() + self.spelled() + self.numbered() + self.apposed()
                + self.fathered())

    def fathered(self) -> list[tuple[int, int, str, str | None]]:
        """A person called "father of" someone: "أبو عبيدة", "ابو سعید"."""
        out: list[tuple[int, int, str, str | None]] = []
        for k in range(len(self.words) - 1):
            found = self.cue(k, self.lex.kunya)
            if found is not None and self.next_joined(k + 1) and (end := self.person(k + 1)) > k + 1:
                out.append((self.after(k, found[0]), self.words[end - 1].end, "actor", "person"))
        return out

    # --- names the punctuation marks -------------------------------------------------------------
    def kind_before(self, start: int, first: int | None) -> tuple[str, str | None]:
        """What a cue before `start` (or the name's own first word) says a marked name is."""
        before = [k for k, w in enumerate(self.words) if w.end <= start][-4:]
        close = False
        if before:
            last = before[-1]
            gap = self.text[self.words[last].end:start]
            close = not re.search(r"[^\s\"“”«»„'‘’]", gap)
            if close and (org := self.cue(last, self.lex.orgs)) is not None:
                return "actor", self.lex.orgs[org[1]]
            if close and (place := self.cue(last, self.lex.places)) is not None:
                return "place", self.lex.places[place[1]]
        if first is not None and (org := self.cue(first, self.lex.orgs)) is not None:
            return "actor", self.lex.orgs[org[1]]
        if first is not None and self.definite(first) and arabic.core(self.words[first].norm) in self.lex.orgs:
            return "actor", self.lex.orgs[arabic.core(self.words[first].norm)]   # "الحركة الوطنية …"
        if before and close and self.cue(before[-1], self.lex.near) is not None:
            return "place", None
        if any(self.title(k) for k in before):
            return "actor", "person"
        return "unknown", None

    def inside(self, start: int, end: int) -> list[int]:
        return [k for k, w in enumerate(self.words) if start <= w.start and w.end <= end]

    def said(self, start: int, end: int) -> bool:
        """A verb of saying before the quotation in its sentence, or just after it."""
        s_start = segment.sentence_at(self.text, start)[0]
        near = [k for k, w in enumerate(self.words) if s_start <= w.start and w.end <= start]
        return any(self.stems(k) & self.lex.saying for k in near) or self.said_after(end)

    def said_after(self, end: int) -> bool:
        """A verb of saying right after `end`, in the same sentence: "«…»، قال"."""
        k = next((k for k, w in enumerate(self.words) if w.start >= end), None)
        return k is not None and not re.search(r"[^\s\"”»’'،,]", self.text[end:self.words[k].start]) \
            and bool(self.stems(k) & self.lex.saying)

    def quoted(self, quoted: list[tuple[int, int]]) -> list[tuple[int, int, str, str | None]]:
        out: list[tuple[int, int, str, str | None]] = []
        spans = list(quoted)
        for open_, close in segment.quotations(self.text):
            start, end = segment.trim(self.text, open_ + 1, close)
            inner, tokens = self.inside(start, end), segment.tokens(self.text, start, end)
            if (start, end) in spans or not inner or not 1 <= len(tokens) <= 5 \
                    or any(not tok.text.isdigit() and not arabic.is_arabic_script(tok.text) for tok in tokens):
                continue
            if any(self.stop(k) for k in inner) and self.kind_before(start, inner[0])[0] == "unknown":
                continue   # a particle only where a word says what the name is: "منظمة «أطباء بلا حدود»"
            if self.named_in_speech(open_, close):
                spans.append((start, end))   # "أكدت حركة «أنصار الدين»", "من «اللواء 17»"
            elif len(tokens) >= 4 and not self.said(open_, close + 1) \
                    and self.kind_before(start, inner[0])[0] != "unknown":
                spans.append((start, end))   # "تنظيم «جماعة نصرة الإسلام والمسلمين»"
        for start, end in sorted(spans):
            inner = self.inside(start, end)
            if not re.search(r"[^\W\d_]", self.text[start:end]):
                continue   # a number
            if inner and len(inner) == len(segment.tokens(self.text, start, end)) and (
                    self.stop(inner[0]) or self.stop(inner[-1])) and self.kind_before(start, inner[0])[0] == "unknown":
                continue   # «لا», «الأحد»: not a name; but "إذاعة «موزاييك إف إم»"
            if inner and all(self.common(k) or self.adjective(k) or self.nisba(k) for k in inner) \
                    and self.kind_before(start, inner[0])[0] == "unknown":
                continue   # «السلام», «عيد الاستقلال»: words, not names
            if self.said_after(end):
                continue   # «…» قال: words someone said
            guess = self.kind_before(start, inner[0] if inner else None)
            if guess[0] == "unknown" and out and re.fullmatch(r"[\"”»’]?\s*(?:و|أو|او)\s*[\"“«‘]?",
                                                              self.text[out[-1][1]:start]):
                guess = out[-1][2], out[-1][3]   # "في «حمص» و«حماة»": as the name before
            if guess[0] == "unknown" and not (self.source_named(start, end) or self.known_as_before(start)
                                              or self.member_of(start)):
                continue   # «مرشحة للارتفاع», «توماهوك»: words quoted, or a thing's name, not an actor's or a place's
            out.append((start, end, *guess))
        return out

    def word_before(self, start: int) -> int | None:
        """The word just before `start`, with nothing but spaces, quotation marks or a tatweel between."""
        k = next((k for k in range(len(self.words) - 1, -1, -1) if self.words[k].end <= start), None)
        return k if k is not None and not re.search(r"[^\s\"“”«»„'‘’\u0640]", self.text[self.words[k].end:start]) \
            else None

    def word_after(self, end: int) -> int | None:
        """The word just after `end`, with nothing but spaces or quotation marks between."""
        k = next((k for k, w in enumerate(self.words) if w.start >= end), None)
        return k if k is not None and not re.search(r"[^\s\"“”«»„'‘’]", self.text[end:self.words[k].start]) \
            else None

    def source_named(self, start: int, end: int) -> bool:
        """Words that say who speaks, not what is said: after "بحسب" (according to), or between a verb
        of saying and "إن" or "في بيان" ("قالت «X» إن", "أعلنت «X» في بيان")."""
        k, j = self.word_before(start), self.word_after(end)
        if k is None:
            return False
        if self.stems(k) & self.lex.according:
            return True
        if j is None or not self.stems(k) & self.lex.saying:
            return False
        return bool(self.stems(j) & self.lex.that) or (self.words[j].norm in self.lex.near and self.next_joined(j + 1)
                                                      and bool(self.stems(j + 1) & self.lex.statements))

    def member_of(self, start: int) -> bool:
        """"مقاتلين من «أنصار الدين»": the group that people are of."""
        k = self.word_before(start)
        return k is not None and k > 0 and self.words[k].norm == "من" and self.words[k - 1].norm in self.lex.members

    def known_as_before(self, start: int) -> bool:
        """"المعروف بـ«X»", "المعروفة أيضا باسم «X»": X is another name of what the sentence names before."""
        k = self.word_before(start)
        if k is None or self.words[k].norm not in ("ب", "باسم"):
            return False
        k -= 1 + (k > 0 and self.words[k - 1].norm == "ايضا")
        return k >= 0 and self.words[k].norm in self.lex.known_as

    def named_in_speech(self, open_: int, close: int) -> bool:
        """Whether short quoted words in a sentence with a verb of saying (which `speech` takes for a
        quotation) are a name: they are, unless they are what is said, right after "قال إن" or a colon,
        or right after the verb and not its subject ("قالت «X» إن", "أعلنت «X» في بيان" name X)."""
        k = next((k for k in range(len(self.words) - 1, -1, -1) if self.words[k].end <= open_), None)
        if k is None or self.text[self.words[k].end:open_].strip() or self.stems(k) & self.lex.that:
            return False
        if self.stems(k) & self.lex.saying:
            return self.source_named(open_ + 1, close)
        return True

    @_once
    def transliterated(self) -> list[tuple[int, int, str, str | None]]:
        """"جبهة الإنقاذ (FSN)", "أحمد سالم (Ahmed Salem)": the Arabic-script words before a Latin name."""
        out: list[tuple[int, int, str, str | None]] = []
        for m in re.finditer(r"\(([^()\n]{1,80})\)", self.text):
            latin = re.findall(r"[A-Za-zÀ-ÿ][\w'’.-]*", m.group(1))
            if not latin or not latin[0][0].isupper() or arabic.is_arabic_script(m.group(1)):
                continue
            stop = len(self.text[:m.start()].rstrip())
            if stop and self.text[stop - 1] in segment.QUOTE_PAIRS.values():
                opened = [q for q in segment.quotations(self.text) if q[1] == stop - 1]
                if opened:
                    start, end = segment.trim(self.text, opened[0][0] + 1, opened[0][1])
                    inner = self.inside(start, end)
                    if inner and len(segment.tokens(self.text, start, end)) <= 5:
                        out.append((start, end, *self.kind_before(start, inner[0])))
                continue
            last = next((k for k, w in enumerate(self.words) if w.end == stop), None)
            if last is None or self.stop(last) or self.title(last):
                continue
            acronym = len(latin) == 1 and latin[0].isupper() and 2 <= len(latin[0]) <= 6
            limit = min(5, len(latin[0]) if acronym else len(latin))
            first = last
            while last - first + 1 < limit and self.words[first].joined and first > 0:
                if self.cue(first, self.lex.orgs) is not None:
                    break
                prev = first - 1
                if self.stop(prev) or self.title(prev) or (self.common(prev) and not self.cue(prev, self.lex.orgs)):
                    break
                first = prev
            if self.stop(first):
                continue
            org = self.cue(first, self.lex.orgs)
            letters = org[0] if org is not None else self.particle(first, latin[0])
            start = self.after(first, letters)
            out.append((start, self.words[last].end, *self.kind_before(start, first)))
        return out

    def particle(self, k: int, latin: str) -> int:
        """Letters of a particle before the name in word `k`, judged by the transliteration's first letter."""
        if not self.lex.peel:
            return 0
        for letters, rest in sorted(self.words[k].readings):
            if rest.startswith("ال") and letters == 0 and rest != self.words[k].norm:
                continue
            if _sounds(rest[:1], latin[:1].lower()):
                return letters
        return 0

    # --- names written twice -------------------------------------------------------------------------
    @_once
    def repeated(self) -> list[list[tuple[int, int, str, str | None]]]:
        """The same 2 to 4 words twice or more in the paragraph, not a common phrase: "بوكو حرام"; each
        time they are written, grouped."""
        words, n = self.words, len(self.words)
        seen: dict[tuple[str, ...], set[tuple[int, int]]] = {}
        for size in (4, 3, 2):
            for i in range(n - size + 1):
                if not all(words[i + t].joined for t in range(1, size)):
                    continue
                rest = tuple(words[i + t].norm for t in range(1, size))
                for letters, stem in words[i].readings:
                    seen.setdefault((stem, *rest), set()).add((i, letters))
        # each time the words are written, the reading of their first word that cuts the fewest letters
        # and is written elsewhere too: "وجبهة الإنقاذ … جبهة الإنقاذ" cuts the و, "وجبهة الإنقاذ" twice does not
        best: dict[tuple[int, int], tuple[int, tuple[str, ...]]] = {}
        for key, places in seen.items():
            if len({i for i, _ in places}) < 2 or not self.phrase(key, min(i for i, _ in places)):
                continue
            for i, letters in places:
                if (i, len(key)) not in best or letters < best[(i, len(key))][0]:
                    best[(i, len(key))] = letters, key
        groups: dict[tuple[str, ...], list[tuple[int, int, str, str | None]]] = {}
        for (i, size), (letters, key) in sorted(best.items()):
            record, kind = "unknown", None
            if (org := self.cue(i, self.lex.orgs)) is not None:
                record, kind = "actor", self.lex.orgs[org[1]]
            elif (place := self.cue(i, self.lex.places)) is not None:
                record, kind = "place", self.lex.places[place[1]]
            groups.setdefault(key, []).append((self.after(i, letters), words[i + size - 1].end, record, kind))
        return [group for group in groups.values() if len(group) > 1]

    def phrase(self, key: tuple[str, ...], at: int) -> bool:
        """Whether the words at `at` (the first written as key[0]) may be a name."""
        ks = range(at, at + len(key))
        if any(self.stop(k) or (self.lex.peel and self.words[k].norm in ("و", "ف", "ب", "ل")) for k in ks):
            return False
        if self.title(at) or self.marker(ks[-1]) or self.words[ks[-1]].norm in self.lex.links:
            return False
        if all(self.common(k) or self.adjective(k) or self.nisba(k) for k in ks):
            return False    # "وقف إطلاق النار", "جنود فرنسيون"
        if not self.lex.article and all(self.everyday(k) for k in ks):
            return False    # "ہیلی کاپٹر": Urdu, which has no article to tell a name, writes common words so
        # a noun and what it is like ("القوات التركية") is not a name, unless the noun is one that names
        return arabic.core(key[0]) in AR_HEADS or not all(self.adjective(k) or self.nisba(k) for k in ks[1:])


    # --- names the article's other paragraphs mark -------------------------------------------------------
    def echo_words(self, start: int, end: int, record: str, kind: str | None) -> list[tuple[str, ...]]:
        """The words that stand for the name at `start`–`end` elsewhere in its article: the name as written
        (particles aside), a person's last name, an organisation's name after the word that says what it is."""
        ks = [k for k, w in enumerate(self.words) if w.end > start and w.start < end]
        if not ks:
            return []
        words = tuple(arabic.normalise(self.text[max(start, self.words[k].start):min(end, self.words[k].end)])
                      for k in ks)
        out = [words] if len(words) > 1 or self.alone(ks[0], words[0]) else []
        if kind == "person" and len(ks) > 1 and self.alone(ks[-1], words[-1]) and words[-2] not in self.lex.links:
            out.append(words[-1:])   # "أسامة ربيع" … "وقال ربيع"
        if record == "actor" and kind != "person" and len(ks) > 2 and self.cue(ks[0], self.lex.orgs) is not None \
                and self.definite(ks[1]) and not all(self.common(k) or self.adjective(k) for k in ks[1:]):
            out.append(words[1:])    # "قوات الدعم السريع" … "مقاتلي الدعم السريع"
        return out

    def alone(self, k: int, word: str) -> bool:
        """Whether one word may stand for a name by itself: not a particle, a common word, a title or a link."""
        return len(arabic.core(word)) >= 3 and not (self.stop(k) or self.common(k) or self.adjective(k)
                                                    or self.marker(k) or word in self.lex.links)

    def echoed(self, echoes: tuple[Echo, ...]) -> list[tuple[int, int, str, str | None]]:
        """Where this paragraph writes a name its article marks elsewhere (`article_names`)."""
        return self.written((echo.words, (echo.record, echo.kind)) for echo in echoes) if echoes else []


@lru_cache(maxsize=1 << 16)   # words repeat: a source's thousands of words are a few hundred
def _unmarked(word: str) -> str:
    """The letters of a word as written, without the marks on them ("الخرطومِ" -> "الخرطوم")."""
    return "".join(ch for ch in word if arabic.normalise(ch))


def _sounds(letter: str, latin: str) -> bool:
    """Whether an Arabic letter may be written with this Latin first letter: "أحمد" Ahmed, "عمر" Omar."""
    if not letter or not latin:
        return False
    vowels = "aeiou"
    if letter in "اأإآءعئؤ":
        return latin in vowels
    if letter == "و":
        return latin in "wvou"
    if letter == "ي":
        return latin in "yjie"
    roman = arabic.romanise(letter)
    return bool(roman) and roman[0] == latin


@dataclass(frozen=True)
class Echo:
    """A name an article writes where a cue marks it, as the words that stand for it wherever else the article
    writes them: the whole name, a person's last name ("ربيع" for "أسامة ربيع"), an organisation's name
    without the word that says what it is ("الدعم السريع" for "قوات الدعم السريع")."""

    words: tuple[str, ...]   # normalised
    record: str
    kind: str | None


def arabic_names(text: str, language: str, gazetteer: NameIndex, calendar: set[str], quoted: list[tuple[int, int]],
                 free: Callable[[int, int], bool],
                 echoes: tuple[Echo, ...] = ()) -> list[tuple[int, int, str, str | None]]:
    """Names in Arabic-script text, marked by punctuation first, then by the words around them, then by
    repetition, then by the article's other paragraphs (`echoes`, from `article_names`); a span overlapping one
    already taken (or a known name) is left out."""
    return _names(_reader(text, language, gazetteer, frozenset(calendar)), quoted, free, echoes)


def article_names(texts: Iterable[str], language: str, gazetteer: NameIndex, calendar: set[str]) -> tuple[Echo, ...]:
    """What each name a cue marks in one of an article's paragraphs (`texts`) may be written as elsewhere in it."""
    found: dict[tuple[str, ...], Echo] = {}
    for text in texts:
        reader = _reader(text, language, gazetteer, frozenset(calendar))
        for start, end, record, kind in _names(reader, [], _free_of(gazetteer.find(text))):
            for words in reader.echo_words(start, end, record, kind):
                found.setdefault(words, Echo(words, record, kind))
    return tuple(found.values())


# The languages whose names this module reads: written in the Arabic script.
LANGUAGES = frozenset({"ar", "fa", "ur"})


def reads(language: str) -> bool:
    """Whether `language` ("ar", "ur-PK") is one this module finds names in."""
    return language.split("-")[0] in LANGUAGES


def _free_of(known: list[Any]) -> Callable[[int, int], bool]:
    """Whether a span overlaps none of the known names found (anything with a start and an end)."""
    spans = [(m.start, m.end) for m in known]
    return lambda start, end: not any(start < b and a < end for a, b in spans)


@lru_cache(maxsize=256)   # an article's paragraphs, read for `article_names` and again for `arabic_names`
def _reader(text: str, language: str, gazetteer: NameIndex, calendar: frozenset[str]) -> _Reader:
    return _Reader(text, _lexicon(language), gazetteer, set(calendar))


def _lexicon(language: str) -> NameCues:
    return UR_NAMES if language.split("-")[0] == "ur" else AR_NAMES


def _names(reader: _Reader, quoted: list[tuple[int, int]], free: Callable[[int, int], bool],
           echoes: tuple[Echo, ...] = ()) -> list[tuple[int, int, str, str | None]]:
    text = reader.text
    chosen: list[tuple[int, int, str, str | None]] = []

    def overlap(start: int, end: int) -> tuple[int, int, str, str | None] | None:
        return next((c for c in chosen if start < c[1] and c[0] < end), None)

    for found in (reader.quoted(quoted) + reader.transliterated(), reader.titled() + reader.cued()):
        for start, end, record, kind in sorted(set(found), key=lambda f: (f[2] == "unknown", f[0] - f[1], f[0])):
            if start < end and free(start, end) and overlap(start, end) is None:
                chosen.append((start, end, record, kind))
    def apart(start: int, end: int) -> bool:
        """Whether words written twice are a name of their own where a longer name holds them: not
        "لعمال الموانئ" in «الاتحاد العام لعمال الموانئ», but "بوكو حرام" in "جماعة بوكو حرام"."""
        c = overlap(start, end)
        return c is None or (c[0], c[1]) == (start, end) or (
            c[0] <= start and end == c[1] and len(text[c[0]:start].split()) == 1)

    for group in sorted(reader.repeated(), key=lambda g: g[0][0] - g[0][1]):
        if all(apart(start, end) for start, end, _, _ in group):
            for start, end, record, kind in group:
                if free(start, end) and overlap(start, end) is None:
                    chosen.append((start, end, record, kind))
    for start, end, record, kind in sorted(reader.echoed(echoes), key=lambda f: (f[0] - f[1], f[0])):
        if free(start, end) and overlap(start, end) is None:
            chosen.append((start, end, record, kind))
    for start, end, before, said in reader.aliases():
        named = next((c[2:] for c in chosen if c[1] == before), ("unknown", None) if said else None)
        if named is not None and free(start, end) and overlap(start, end) is None:
            chosen.append((start, end, *named))
    return sorted(chosen)

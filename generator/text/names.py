"""Finding known names in running text: the one matcher that extract, the glossary links and the
cross-index all use, so that the three can never disagree.

A Latin-script name matches as whole words, case forgiven after its first letter ("the acme" is not
"Acme"). A name in the Arabic script matches word by word, each word folded (diacritics, hamza seats,
alef forms), the article and the particles written onto the first word peeled ("وللجيش"), and its
identity kept: digits of every script count, Latin digits and Arabic-Indic ones alike, and so do
Latin letters inside it ("قيادة الوحدة 1" is not "قيادة الوحدة 12", "CSP-PSD" is not "CSP").
"""
from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import lru_cache
from itertools import compress
from typing import Any

from generator.text import arabic


class NameMatcher:
    """Every way of finding a set of names, built once: {name text: the keys it stands for}."""

    def __init__(self, entries: Iterable[tuple[str, Hashable]]) -> None:
        self._latin: list[tuple[str, re.Pattern[str], Hashable]] = []
        # Latin names as a trie of their words (runs of letters and digits), case folded: a paragraph's
        # words are walked once to find where a name may begin, and only there is the name's own pattern
        # tried, so a thousand names that share a first word cost what a few do. Names that do not
        # begin with a letter or digit are searched everywhere.
        self._latin_trie: dict[str, tuple[list[int], dict[str, Any]]] = {}
        self._always: list[int] = []
        # Arabic-script names as a trie of folded words: {word: (keys of the names ending here, {next word: …})},
        # so a paragraph is read once, word by word, whatever the number of names sharing a first word.
        self._arabic: dict[str, tuple[list[Hashable], dict[str, Any]]] = {}
        for text, key in entries:
            if not text.strip():
                continue
            if arabic.is_arabic_script(text):
                words = [arabic.core(w) for _, _, w in arabic.name_tokens(text)]
                if words:
                    _add(self._arabic, words, key)
            else:
                body = r"\s+".join("".join("['’‘]" if ch in "'’‘" else re.escape(ch) for ch in part)
                                   for part in text.split())
                words = [w.casefold() for w in _WORD.findall(text)]
                if words and _WORD.match(text):
                    _add(self._latin_trie, words, len(self._latin))
                else:
                    self._always.append(len(self._latin))
                self._latin.append((text, re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE), key))

    def find(self, text: str) -> list[tuple[int, int, Hashable]]:
        """(start, end, key) of every match, overlapping ones included; a span covers whole written words."""
        found: list[tuple[int, int, Hashable]] = []
        matches: dict[int, list[re.Match[str]]] = {}
        for n in self._always:
            matches[n] = list(self._latin[n][1].finditer(text))
        if self._latin_trie:
            runs = list(_WORD.finditer(text))
            folded = [m.group().casefold() for m in runs]
            for i, run in enumerate(runs):
                node, j = self._latin_trie.get(folded[i]), i
                while node is not None:
                    for n in node[0]:
                        # what finditer would give: this name's matches, none overlapping the one before
                        kept = matches.setdefault(n, [])
                        if not kept or kept[-1].end() <= run.start():
                            m = self._latin[n][1].match(text, run.start())
                            if m is not None:
                                kept.append(m)
                    j += 1
                    node = node[1].get(folded[j]) if j < len(runs) else None
        for n in sorted(matches):
            name, _, key = self._latin[n]
            for m in matches[n]:
                if name[0].isupper() and not m.group()[0].isupper():
                    continue  # "the acme" is not "Acme"; case after the first letter is forgiven
                found.append((m.start(), m.end(), key))
        if not self._arabic:
            return found
        words = arabic.name_tokens(text)
        cores = [arabic.core(w) for _, _, w in words]
        for i, (start, _, word) in enumerate(words):
            for form in _first_forms(word):
                step, last = self._arabic.get(form), i
                while step is not None:
                    if step[0] and _whole(text, words[last]):
                        found.extend((start, words[last][1], key) for key in step[0])
                    last += 1
                    if last >= len(words) or not _adjacent(text, words[last - 1], words[last]):
                        break
                    step = step[1].get(cores[last])
        return found


_WORD = re.compile(r"\w+")


def _add(trie: dict[str, Any], words: list[str], value: Hashable) -> None:
    """Put `value` at the end of the path `words` in a trie {word: (values ending here, {next word: …})}."""
    level, node = trie, None
    for word in words:
        node = level.setdefault(word, ([], {}))
        level = node[1]
    node[0].append(value)  # type: ignore[index]


@lru_cache(maxsize=1 << 16)
def _first_forms(word: str) -> tuple[str, ...]:
    """The readings of a name's first word as written in text, its particles peeled (not ك: far more words
    begin with it than carry it as "like")."""
    return tuple(sorted({arabic.core(f) for f in arabic.bare_forms(word, arabic.NAME_PREPOSITIONS)}))


def longest_first(found: list[tuple[int, int, Hashable]]) -> list[tuple[int, int, Hashable]]:
    """Matches that do not overlap, the longest claiming its place first: a name inside a longer one
    ("Kyiv" in "Kyiv Post") is never taken for another record."""
    taken: list[tuple[int, int, Hashable]] = []
    for start, end, key in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0], str(f[2]))):
        if not any(start < e and s < end for s, e, _ in taken):
            taken.append((start, end, key))
    return sorted(taken, key=lambda f: (f[0], f[1], str(f[2])))


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Two words of a name follow each other: only spaces or a hyphen between them ("CSP-PSD")."""
    return re.fullmatch(r"[\s\-–]*", text[a[1]:b[0]]) is not None


def _whole(text: str, last: tuple[int, int, str]) -> bool:
    """A match is whole words: no letter or digit runs on from its last word ("الوحدة 1" in "الوحدة 12")."""
    return not (last[1] < len(text) and text[last[1]].isalnum())


class NameTable:
    """A very large set of names (a world gazetteer's) matched by the rules of `NameMatcher`, without a
    pattern per name: each name is kept as the key of its words, folded, and a paragraph's words are
    looked up from each position, longest first. Values are whatever the caller numbers its names by.

    Latin-script words are runs of letters and digits, case folded, and may be joined in the text by
    spaces, hyphens or apostrophes ("Port-au-Prince"); the text must write the first with a capital, as a
    gazetteer's proper names are. Arabic-script words are folded as `NameMatcher` folds them, the particles
    of the first word peeled.
    """

    def __init__(self, names: list[str], values: list[int]) -> None:
        # A million names: they are sorted by script and the Latin ones folded in bulk (one casefold, one
        # substitution over all of them joined), so that building costs a second, not a Python step a name.
        scripts = list(map(_ARABIC_LETTER.match, names))
        latin = list(compress(names, map(operator.not_, scripts)))
        latin_values = list(compress(values, map(operator.not_, scripts)))
        self._arabic: dict[str, tuple[int, ...]] = {}
        for text, value in compress(zip(names, values, strict=True), scripts):
            key = " ".join(arabic.core(w) for _, _, w in arabic.name_tokens(text))
            if key and value not in self._arabic.get(key, ()):
                self._arabic[key] = (*self._arabic.get(key, ()), value)
        keys = _NOT_WORD.sub(" ", "\n".join(latin).casefold()).split("\n")
        keys = [k.strip() for k in keys] if any(k[:1] == " " or k[-1:] == " " for k in keys) else keys
        self._one: dict[str, int] = dict(zip(keys, latin_values, strict=True))   # most keys name one place
        shared = {key for key, count in Counter(keys).items() if count > 1}   # "Tripoli": several places
        groups: dict[str, dict[int, None]] = {}
        for key in shared:
            groups[key] = {}
        for key, value in zip(keys, latin_values, strict=True):
            if key in shared:
                groups[key][value] = None   # once each, in order
        self._many: dict[str, tuple[int, ...]] = {key: tuple(values) for key, values in groups.items()}
        self._one.pop("", None)
        # First words of names of several words: only after these is a longer name looked for.
        self._firsts = {k.split(" ", 1)[0] for k in self._one if " " in k}
        self._firsts |= {k.split(" ", 1)[0] for k in self._arabic if " " in k}

    def find(self, text: str, peel: bool = True) -> list[tuple[int, int, tuple[int, ...]]]:
        """(start, end, values) of every name in `text`, the longest at each position (overlaps kept).
        `peel`: the language writes particles onto words (Arabic does, Urdu and Persian do not: «وادی» is a
        valley there, not و + a place «ادی»)."""
        found: list[tuple[int, int, tuple[int, ...]]] = []
        runs = list(_WORD.finditer(text))
        folded = [m.group().casefold() for m in runs]
        for i, run in enumerate(runs):
            if not run.group()[0].isupper():
                continue
            most = min(_MOST_WORDS if folded[i] in self._firsts else 1, len(runs) - i)
            for n in range(most, 0, -1):
                if any(not _LATIN_JOIN.fullmatch(text, runs[k].end(), runs[k + 1].start())
                       for k in range(i, i + n - 1)):
                    continue
                key = " ".join(folded[i:i + n])
                values = self._many.get(key) or ((self._one[key],) if key in self._one else ())
                if values:
                    found.append((run.start(), runs[i + n - 1].end(), values))
                    break
        if self._arabic and _ARABIC_LETTER.search(text):
            words = arabic.name_tokens(text)
            cores = [arabic.core(w) for _, _, w in words]
            for i, (start, _, word) in enumerate(words):
                for form in _first_forms(word) if peel else (cores[i],):
                    most = min(_MOST_WORDS if form in self._firsts else 1, len(words) - i)
                    for n in range(most, 0, -1):
                        last = words[i + n - 1]
                        if any(not _adjacent(text, words[k], words[k + 1]) for k in range(i, i + n - 1)) \
                                or not _whole(text, last):
                            continue
                        values = self._arabic.get(" ".join([form, *cores[i + 1:i + n]]), ())
                        if values:
                            found.append((start + _particles(text[start:words[i][1]], form), last[1], values))
                            break
        return found


# The most words a gazetteer's name is looked for with ("Saint-Martin-de-la-Mer", "Bosnia and Herzegovina").
_MOST_WORDS = 6
_NOT_WORD = re.compile(r"[^\w\n]+")


def _particles(word: str, form: str) -> int:
    """How many letters of `word` are particles written onto the name `form` ("وبالخرطوم": 2, for و and ب)."""
    for k in range(3):
        if arabic.core(arabic.normalise(word[k:])) == form:
            return k
    return 0


# A name of the gazetteer written in the Arabic script: its first letter says so (the whole-text test of
# `arabic.is_arabic_script` costs a second over a million names).
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# What may join the words of one name in Latin script: "Port-au-Prince", "Ras Al-Khaimah", "N'Djamena".
_LATIN_JOIN = re.compile(r"[ \u00a0]+|[ \u00a0]?[-–'’][ \u00a0]?")

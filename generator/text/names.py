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
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
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


# A word's letters: `\w`, and the vowel signs and viramas of the Indic, Thai and Myanmar scripts, which are marks
# (not `\w`) and would cut "दिल्ली" in three.
_LETTERS = "\\w\u0900-\u0dff\u0e00-\u0e7f\u1000-\u109f"
_WORD = re.compile(f"[{_LETTERS}]+")


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


def fold_names(names: list[str]) -> list[str]:
    """The key a `NameTable` keeps for each name, in order ("" for a name without words): Latin-script words
    case folded and joined by one space, Arabic-script words folded as `NameMatcher` folds them. In bulk (one
    casefold, one substitution over all of them joined): a gazetteer has a million names."""
    scripts = list(map(_ARABIC_LETTER.match, names))
    latin = _NOT_WORD.sub(" ", "\n".join(compress(names, map(operator.not_, scripts))).casefold()).split("\n")
    folded = iter(k.strip() for k in latin)
    return [" ".join(arabic.core(w) for _, _, w in arabic.name_tokens(name)) if script else next(folded)
            for name, script in zip(names, scripts, strict=True)]


@dataclass(frozen=True)
class NameIndex:
    """A `NameTable`'s contents: its keys sorted, the values of each ("3,17"), and the first words of keys of
    several words. Built once from the names (`build`), or read as shipped (`loads`), which costs a split."""

    keys: list[str]
    values: list[bytes]
    firsts: frozenset[str]

    @classmethod
    def build(cls, names: list[str], values: list[int]) -> NameIndex:
        groups: dict[str, dict[int, None]] = {}
        for key, value in zip(fold_names(names), values, strict=True):
            if key:
                groups.setdefault(key, {})[value] = None   # each value once, in order
        keys = sorted(groups)
        return cls(keys, [",".join(map(str, groups[k])).encode() for k in keys],
                   frozenset(k.split(" ", 1)[0] for k in keys if " " in k))

    def dumps(self) -> bytes:
        return _PART.join(["\n".join(self.keys).encode("utf-8"), b"\n".join(self.values),
                           "\n".join(sorted(self.firsts)).encode("utf-8")])

    @classmethod
    def loads(cls, data: bytes) -> NameIndex:
        keys, values, firsts = data.split(_PART)
        return cls(keys.decode("utf-8").split("\n"), values.split(b"\n"),
                   frozenset(firsts.decode("utf-8").split("\n")))


_PART = b"\n\x1e\n"


class NameTable:
    """A very large set of names (a world gazetteer's) matched by the rules of `NameMatcher`, without a
    pattern per name: each name is kept as the key of its words, folded (`fold_names`), and a paragraph's
    words are looked up from each position, longest first. Values are the ints the caller numbers its
    names by.

    Latin-script words are runs of letters and digits, case folded, and may be joined in the text by
    spaces, hyphens or apostrophes ("Port-au-Prince"); in a script with capitals the text must write the first
    with one, as a gazetteer's proper names are. Arabic-script words are folded as `NameMatcher` folds them, the
    particles of the first word peeled where the language writes them.
    """

    def __init__(self, index: NameIndex) -> None:
        self._at = dict(zip(index.keys, range(len(index.keys)), strict=True))
        self._values = index.values
        self._firsts = index.firsts   # only after these is a name of several words looked for

    def _get(self, key: str) -> tuple[int, ...]:
        at = self._at.get(key)
        return () if at is None else tuple(map(int, self._values[at].split(b",")))

    def find(self, text: str, peel: bool = True) -> list[tuple[int, int, tuple[int, ...]]]:
        """(start, end, values) of every name in `text`, the longest at each position (overlaps kept).
        `peel`: the language writes particles onto words (Arabic does, Urdu and Persian do not: «وادی» is a
        valley there, not و + a place «ادی»)."""
        found: list[tuple[int, int, tuple[int, ...]]] = []
        runs = list(_WORD.finditer(text))
        folded = [m.group().casefold() for m in runs]
        for i, run in enumerate(runs):
            if run.group()[0].islower() or _ARABIC_LETTER.match(run.group()):
                continue   # capitalised where the script has capitals (Devanagari has none); Arabic script below
            most = 1
            if folded[i] in self._firsts:   # only here can a name of several words begin: as far as they join
                while most < _MOST_WORDS and i + most < len(runs) \
                        and _LATIN_JOIN.fullmatch(text, runs[i + most - 1].end(), runs[i + most].start()):
                    most += 1
            for n in range(most, 0, -1):
                values = self._get(" ".join(folded[i:i + n]))
                if values:
                    found.append((run.start(), runs[i + n - 1].end(), values))
                    break
        if _ARABIC_LETTER.search(text):
            words = arabic.name_tokens(text)
            cores = [arabic.core(w) for _, _, w in words]
            for i, (start, _, word) in enumerate(words):
                if not _ARABIC_LETTER.match(word):
                    continue   # Latin words and digits among Arabic ones were looked up above
                for form in _first_forms(word) if peel else (cores[i],):
                    most = min(_MOST_WORDS if form in self._firsts else 1, len(words) - i)
                    for n in range(most, 0, -1):
                        last = words[i + n - 1]
                        if any(not _adjacent(text, words[k], words[k + 1]) for k in range(i, i + n - 1)) \
                                or not _whole(text, last):
                            continue
                        values = self._get(" ".join([form, *cores[i + 1:i + n]]))
                        if values:
                            found.append((start + _particles(text[start:words[i][1]], form), last[1], values))
                            break
        return found


# The most words a gazetteer's name is looked for with ("Saint-Martin-de-la-Mer", "Bosnia and Herzegovina").
_MOST_WORDS = 6
_NOT_WORD = re.compile(f"[^{_LETTERS}\\n]+")


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

"""Actors and places in a paragraph: those the fact base knows, and names it does not know yet.

Known ones are matched by every name and alias, in every language, of every actor and place, so an
English name is found in an Arabic article that writes it in Latin letters. Names in the Arabic
script are compared word by word through `arabic` (attached prefixes, alef, ya and ta marbuta
variants); other names by a pattern that forgives only case after the first letter, straight or
curly apostrophes and spacing. Candidates for new records are multi-word capitalised names in
scripts with capitals, and, in the Arabic script (Arabic, Urdu), names that the text marks: after
titles, roles and words that begin a name ("جبهة …", "مدينة …"), in quotation marks, before a
transliteration in parentheses, or written twice in one paragraph.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property

from generator.extract.arabic_names import arabic_names
from generator.extract.latin_names import acronym, latin_names
from generator.factbase import model
from generator.text import arabic
from generator.text.names import NameMatcher, longest_first


@dataclass(frozen=True)
class Name:
    """One way of writing a record's name; `derived` when cut from a longer name (a surname, "X (Y)")."""

    record: str      # "actor" or "place"
    id: str
    text: str
    derived: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    record: str
    id: str
    name: str


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    record: str              # "actor", "place" or "unknown"
    kind: str | None         # a guess among records.ACTOR_KINDS / PLACE_KINDS
    alias_of: tuple[int, int] | None = None   # an acronym: the span of the long name it stands for


class Gazetteer:
    """Every known name of a dossier, ready to be matched."""

    def __init__(self, names: list[Name]) -> None:
        # Every field in the order: two names alike but for `derived` would otherwise keep the order of a set,
        # which changes with the process (PYTHONHASHSEED), and so would the stamp of every proposals file.
        self.names = sorted(set(names), key=lambda n: (n.record, n.id, n.text, n.derived))

    @classmethod
    def of(cls, dossier: model.Dossier) -> Gazetteer:
        names: list[Name] = []
        records: list[tuple[str, str, str, model.LangText, dict[str, list[str]]]] = [
            ("actor", a.id, a.kind, a.name, a.aliases) for a in dossier.actors.values()]
        records += [("place", p.id, p.kind, p.name, p.aliases) for p in dossier.places.values()]
        for record, ident, kind, name, aliases in records:
            for text in list(name.values()) + [alias for values in aliases.values() for alias in values]:
                names.append(Name(record, ident, text))
                # "Kenya (Kenyan government)" is written in articles as "Kenya" or "Kenyan government".
                if m := re.fullmatch(r"(.+?)\s*\((.+)\)", text):
                    names += [Name(record, ident, m.group(1), True), Name(record, ident, m.group(2), True)]
                words = text.split()
                if kind == "person" and len(words) > 1 and len(words[-1]) > 3:
                    names.append(Name(record, ident, words[-1], True))   # "Yusov added"
        return cls(names)

    @cached_property
    def digest(self) -> str:
        """Every name this gazetteer knows, as one hash: proposals made with the same names are the same."""
        return hashlib.sha256(repr(self.names).encode()).hexdigest()

    @cached_property
    def _matcher(self) -> NameMatcher:
        return NameMatcher((name.text, name) for name in self.names)

    @cached_property
    def _place_stems(self) -> tuple[str, ...]:
        return tuple(sorted({n.text.lower()[:-1] for n in self.names if n.record == "place" and not n.derived
                             and len(n.text) >= 4 and " " not in n.text and not arabic.is_arabic_script(n.text)}))

    def is_adjective_of_place(self, word: str) -> bool:
        """"Kenyan", "Chilean", "Ukrainian": an adjective made from a known place's name, not a name itself."""
        lower = word.lower()
        return lower.endswith(("n", "ns", "ese", "i", "ish")) and any(
            lower.startswith(stem) and len(lower) - len(stem) <= 4 for stem in self._place_stems)

    @cached_property
    def _arabic_place_stems(self) -> dict[str, set[str]]:
        stems: dict[str, set[str]] = {}
        for name in self.names:
            if name.record != "place" or name.derived or not arabic.is_arabic_script(name.text) \
                    or len(name.text.split()) != 1:
                continue
            word = arabic.core(arabic.normalise(name.text.strip()))
            ending = next((e for e in ("يا", "ا", "ي", "ه") if word.endswith(e)), "")
            if len(word) - len(ending) >= 3:
                stems.setdefault(word[:len(word) - len(ending)], set()).add(word)
        return stems

    def is_arabic_adjective_of_place(self, word: str) -> bool:
        """"الألمانية", "الفرنسيين", "ألمان" (normalised, article cut): made from a known place's name, not a name."""
        for ending in ("يون", "يين", "يه", "ي", ""):
            if word.endswith(ending):
                names = self._arabic_place_stems.get(word[:len(word) - len(ending)])
                if names and (ending or word not in names):
                    return True
        return False

    def find(self, text: str) -> list[Mention]:
        """Known names in `text`: the longest match wins; one span may name several records."""
        return _longest(self._matcher.find(text))  # type: ignore[arg-type]


def _longest(found: list[tuple[int, int, Name]]) -> list[Mention]:
    """Non-overlapping matches, longest first; at one span, full names hide names cut from longer ones."""
    spans: dict[tuple[int, int], list[Name]] = {}
    for start, end, name in found:
        spans.setdefault((start, end), []).append(name)
    chosen: list[Mention] = []
    for start, end, _ in longest_first([(start, end, "") for start, end in spans]):
        names = spans[(start, end)]
        full = [n for n in names if not n.derived] or names
        for record, ident in sorted({(n.record, n.id) for n in full}):
            shown = min(n.text for n in full if (n.record, n.id) == (record, ident))
            chosen.append(Mention(start, end, record, ident, shown))
    return sorted(chosen, key=lambda m: (m.start, m.end, m.record, m.id))


# --- names not yet in the fact base -------------------------------------------------------------

def candidates(text: str, language: str, gazetteer: Gazetteer, mentions: list[Mention], common: set[str],
               calendar: set[str], quoted: list[tuple[int, int]]) -> list[Candidate]:
    """Names that look like actors or places but match nothing known.

    `common` holds the words the source also writes in lowercase ("The", "Rebel"), `calendar` month and
    weekday names: neither starts or ends a name, nor does an adjective of a known place ("Kenyan").
    `quoted` are short unattributed quotations (Arabic writes names in quotation marks).
    """
    known = [(m.start, m.end) for m in mentions]

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in known)

    found: dict[tuple[int, int], Candidate] = {}
    for f in latin_names(text, language, gazetteer, common, calendar, free):
        found[(f.start, f.end)] = Candidate(f.start, f.end, f.record, f.kind, f.alias_of)
    if language.split("-")[0] in ("ar", "fa", "ur"):
        for start, end, record, kind in arabic_names(text, language, gazetteer, calendar, quoted, free):
            if free(start, end) and (start, end) not in found:
                found[(start, end)] = Candidate(start, end, record, kind)
    return _tie_acronyms(text, [found[k] for k in sorted(found)])


def _tie_acronyms(text: str, found: list[Candidate]) -> list[Candidate]:
    """"National Liberation Front (NLF)", «جبهة الإنقاذ (FSN)»: the acronym is the long name's alias, and so
    is every later "NLF" of the paragraph."""
    out = list(found)
    longs: dict[str, Candidate] = {}
    for n, c in enumerate(out):
        word = text[c.start:c.end]
        if not acronym(word):
            continue
        if text[:c.start].rstrip().endswith("(") and text[c.end:c.end + 1] == ")":
            long = next((g for g in reversed(out[:n]) if g.end <= c.start and not text[g.end:c.start].strip(" (")),
                        None)
            if long is not None and not acronym(text[long.start:long.end]):
                longs[word] = long
        if word in longs:
            long = longs[word]
            out[n] = dataclasses.replace(c, record=long.record, kind=long.kind, alias_of=(long.start, long.end))
    return out

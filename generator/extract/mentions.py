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

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property

from generator.extract.arabic_names import arabic_names
from generator.factbase import model
from generator.text import arabic, segment
from generator.text.names import NameMatcher, longest_first

# Words between two capitalised words that keep them one name: "Framework for Peace", "al Qaeda".
_CONNECTORS = {"of", "for", "and", "de", "du", "des", "la", "le", "al", "el", "bin", "ibn", "van", "von",
               "der", "wal", "da", "di", "y"}
# Words before a name that make it a person.
_TITLES = {"president", "colonel", "col", "general", "gen", "minister", "commander", "mr", "mrs", "ms", "dr",
           "analyst", "spokesman", "spokeswoman", "spokesperson", "official", "leader", "boss", "blogger",
           "journalist", "representative", "chief", "deputy", "prime", "king", "prince", "sheikh", "senator",
           "ambassador", "mayor", "governor", "président", "général", "ministre", "m", "mme",
           "porte-parole", "préfet", "maire", "gouverneur"}
# Last words of a name -> (record, kind guess).
_KEYWORDS = {
    "ministry": ("actor", "state-body"), "department": ("actor", "state-body"), "service": ("actor", "state-body"),
    "office": ("actor", "state-body"), "council": ("actor", "state-body"), "commission": ("actor", "state-body"),
    "directorate": ("actor", "intelligence-agency"), "intelligence": ("actor", "intelligence-agency"),
    "army": ("actor", "armed-forces"), "forces": ("actor", "armed-forces"), "corps": ("actor", "armed-forces"),
    "brigade": ("actor", "armed-forces"), "battalion": ("actor", "armed-forces"), "navy": ("actor", "armed-forces"),
    "group": ("actor", "organisation"), "center": ("actor", "organisation"), "centre": ("actor", "organisation"),
    "institute": ("actor", "research-group"), "foundation": ("actor", "organisation"),
    "post": ("actor", "media-outlet"), "news": ("actor", "media-outlet"), "times": ("actor", "media-outlet"),
    "television": ("actor", "media-outlet"), "tv": ("actor", "media-outlet"), "radio": ("actor", "media-outlet"),
    "press": ("actor", "media-outlet"), "journal": ("actor", "media-outlet"), "tribune": ("actor", "media-outlet"),
    "party": ("actor", "political-group"), "movement": ("actor", "political-group"),
    "front": ("actor", "armed-group"), "framework": ("actor", "armed-group"), "coalition": ("actor", "armed-group"),
    "alliance": ("actor", "armed-group"), "union": ("actor", "organisation"),
    "republic": ("place", "country"), "kingdom": ("place", "country"), "province": ("place", "region"),
    "region": ("place", "region"), "district": ("place", "area"), "river": ("place", "area"),
    "mountains": ("place", "area"), "valley": ("place", "area"), "desert": ("place", "area"),
    "island": ("place", "area"), "islands": ("place", "area"), "lake": ("place", "area"), "city": ("place", "city"),
    "airport": ("place", "site"), "base": ("place", "military-base"),
}
_PLACE_CUES = {"in", "near", "at", "town", "city", "village", "region", "province", "à", "dans", "près", "ville"}


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

def capitalised(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, list[segment.Token]]]:
    """Runs of capitalised words ("Main Intelligence Directorate"), possessives cut: "Ukraine’s X" -> "Ukraine", "X"."""
    runs: list[tuple[int, int, list[segment.Token]]] = []
    run: list[segment.Token] = []

    def close() -> None:
        while run and not run[-1].text[:1].isupper():
            run.pop()
        if run:
            last = run[-1]
            stop = last.end - 2 if re.search(r"['’]s$", last.text) else last.end
            runs.append((run[0].start, stop, list(run)))
        run.clear()

    tokens = segment.tokens(text, start, end)
    for i, tok in enumerate(tokens):
        gap = text[tokens[i - 1].end:tok.start] if i else ""
        if run and not re.fullmatch(r"\s+", gap):
            close()
        if tok.text[:1].isupper() and not tok.text[:1].isdigit():
            run.append(tok)
            if re.search(r"['’]s$", tok.text):
                close()
        elif run and tok.lower in _CONNECTORS and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper():
            run.append(tok)
        else:
            close()
    close()
    return runs


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
    for _start, _end, run in capitalised(text):
        words = list(run)
        while words and (words[0].lower in common or words[0].lower in calendar or words[0].lower in _CONNECTORS
                         or gazetteer.is_adjective_of_place(words[0].text)):
            words.pop(0)
        titled = False
        while words and words[0].lower.rstrip(".") in _TITLES:
            words.pop(0)
            titled = True   # "Mayor Helen Carter": the title says who, it is not part of the name
        while words and (words[-1].lower in calendar or words[-1].lower in _CONNECTORS):
            words.pop()
        capitals = [w for w in words if w.text[:1].isupper()]
        if len(capitals) < 2:
            continue
        start = words[0].start
        end = words[-1].end - (2 if re.search(r"['’]s$", words[-1].text) else 0)
        if free(start, end):
            guess = ("actor", "person") if titled else _guess_latin(text, start, words)
            found[(start, end)] = Candidate(start, end, *guess)
    if language.split("-")[0] in ("ar", "fa", "ur"):
        for start, end, record, kind in arabic_names(text, language, gazetteer, calendar, quoted, free):
            if free(start, end) and (start, end) not in found:
                found[(start, end)] = Candidate(start, end, record, kind)
    return [found[k] for k in sorted(found)]


def _guess_latin(text: str, start: int, words: list[segment.Token]) -> tuple[str, str | None]:
    for word in reversed(words):
        if word.lower in _KEYWORDS:
            return _KEYWORDS[word.lower]
    before = [t.lower for t in segment.tokens(text, max(0, start - 40), start)][-3:]
    if any(t in _TITLES for t in before):
        return "actor", "person"
    if before and before[-1] in _PLACE_CUES:
        return "place", None
    return "unknown", None

"""Actors and places in a paragraph: those the fact base knows, and names it does not know yet.

Known ones are matched by every name and alias, in every language, of every actor and place, so an
English name is found in an Arabic article that writes it in Latin letters. Names in the Arabic
script are compared word by word through `arabic` (attached prefixes, alef, ya and ta marbuta
variants); other names by a pattern that forgives only case after the first letter, straight or
curly apostrophes and spacing. Candidates for new records are multi-word capitalised names in
scripts with capitals, and, in the Arabic script (Arabic, Urdu), names that the text marks: after
titles, roles and words that begin a name ("جبهة …", "مدينة …"), in quotation marks, before a
transliteration in parentheses, written twice in one paragraph, or marked so in another paragraph of the
article.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from generator.extract.arabic_names import Echo, arabic_names
from generator.extract.arabic_names import reads as reads_arabic_script
from generator.extract.latin_names import CONNECTORS, acronym, latin_names, not_a_name
from generator.extract.name_cues import AR_NAMES, UR_NAMES, NameCues
from generator.extract.places import REGION_WORDS, SETTLEMENT_WORDS, Choice, PlaceMatch, WorldPlaces
from generator.factbase import model
from generator.text import arabic, segment, vocabulary
from generator.text.names import NameMatcher, longest_first
from generator.text.world import WorldPlace


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
    place: WorldPlace | None = None          # the place of the world gazetteer it most likely is
    unsure: bool = False                     # … and another of that name was nearly as likely


class Gazetteer:
    """Every known name of a dossier, ready to be matched."""

    def __init__(self, names: list[Name]) -> None:
        # Every field in the order: two names alike but for `derived` would otherwise keep the order of a set,
        # which changes with the process (PYTHONHASHSEED), and so would the stamp of every proposals file.
        self.names = sorted(set(names), key=lambda n: (n.record, n.id, n.text, n.derived))
        self._found: dict[str, list[Mention]] = {}

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
        """Known names in `text`: the longest match wins; one span may name several records. Kept for the
        paragraphs last asked about: an article's are read for its other names first (`article_names`)."""
        found = self._found.get(text)
        if found is None:
            if len(self._found) > 256:
                self._found.clear()
            found = self._found[text] = _longest(self._matcher.find(text))  # type: ignore[arg-type]
        return list(found)


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
               calendar: set[str], quoted: list[tuple[int, int]], world: WorldPlaces | None = None,
               context: frozenset[str] = frozenset(), echoes: tuple[Echo, ...] = ()) -> list[Candidate]:
    """Names that look like actors or places but match nothing known.

    `common` holds the words the source also writes in lowercase ("The", "Rebel"), `calendar` month and
    weekday names: neither starts or ends a name, nor does an adjective of a known place ("Kenyan").
    `quoted` are short unattributed quotations (Arabic writes names in quotation marks). `world` finds
    places in the world gazetteer; `context` are the countries the source is about, which tell apart
    places of one name. `echoes` are the names a cue marks elsewhere in the source (`arabic_names.article_names`),
    which the Arabic script leaves unmarked where it writes them again.
    """
    known = [(m.start, m.end) for m in mentions]

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in known)

    found: dict[tuple[int, int], Candidate] = {}
    for f in latin_names(text, language, gazetteer, common, calendar, free):
        found[(f.start, f.end)] = Candidate(f.start, f.end, f.record, f.kind, f.alias_of)
    if reads_arabic_script(language):
        for start, end, record, kind in arabic_names(text, language, gazetteer, calendar, quoted, free, echoes):
            if free(start, end) and (start, end) not in found:
                found[(start, end)] = Candidate(start, end, record, kind)
    if world is not None:
        found = _world_places(text, language, world, context, found, free, common, calendar)
        found = _spelled_places(text, world, context, found)
    return _tie_acronyms(text, [found[k] for k in sorted(found)])


def _world_places(text: str, language: str, world: WorldPlaces, context: frozenset[str],
                  found: dict[tuple[int, int], Candidate], free: Callable[[int, int], bool], common: set[str],
                  calendar: set[str]) -> dict[tuple[int, int], Candidate]:
    """The names found, with the places of the world gazetteer the text names: a name found already and
    spelled as a place ("Kassala", "Gao Region") becomes that place; a place's name inside a longer name
    ("Kenya Red Cross") stays part of it; a place no rule found is added where the text supports it."""
    out = dict(found)
    matches = world.find(text, language)
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if not free(match.start, match.end):
            continue
        written = text[match.start:match.end]
        rows = tuple(r for r in match.rows if not _article_differs(written, world.world.place(r))
                     and not _other_language(written, world.world.place(r), language))
        if not rows:
            continue   # «السورية» is Syrian: no place of the name is written with the article
        hint = _kind_said(text, match)
        if hint and arabic.is_arabic_script(written) and not any(world.fits(r, hint) for r in rows):
            continue   # «ولاية الجزيرة»: a region is said, and the gazetteer has none of the name
        choice = world.choose(rows, context, hint)
        common_word = vocabulary.fold(text[match.start:match.end]) in vocabulary.common(language)
        if world.foreign(choice, context) or (common_word and not world.grammar_safe(choice)):
            continue   # a village abroad, or one named by a common word ("Jardin botanique", «بیان»)
        overlapping = [k for k in out if k[0] < match.end and match.start < k[1]]
        latin = not arabic.is_arabic_script(text[match.start:match.end])
        if any(k[0] <= match.start and match.end <= k[1] and k != (match.start, match.end)
               and not _place_and_word(text, k, match) and not _list_of_places(text, k, matches, out[k])
               for k in overlapping):
            continue   # "Kenya Red Cross", "جبهة تحرير أزواد": a name that holds a place's
        if not overlapping and not _supported(text, language, match, choice, world, common, calendar, latin,
                                              context):
            continue
        span = next((k for k in overlapping if _place_and_word(text, k, match)), (match.start, match.end))
        if span[1] == match.end and _place_word(text[span[0]:match.start]):
            span = (match.start, match.end)   # «مرکز خوست»: the place is Khost, the word before says what it is
        for k in overlapping:
            del out[k]
        out[span] = Candidate(span[0], span[1], "place", choice.place.kind, place=choice.place, unsure=choice.unsure)
    return out


def _spelled_places(text: str, world: WorldPlaces, context: frozenset[str],
                    found: dict[tuple[int, int], Candidate]) -> dict[tuple[int, int], Candidate]:
    """Places the text's cues found in the Arabic script that the gazetteer names only in Latin letters, matched
    by the sound of their consonants among the places of the countries the source names."""
    out = dict(found)
    for span, candidate in found.items():
        written = text[span[0]:span[1]]
        if candidate.record != "place" or candidate.place is not None or not arabic.is_arabic_script(written):
            continue
        choice = world.by_spelling(written, context)
        if choice is not None:
            out[span] = dataclasses.replace(candidate, kind=choice.place.kind, place=choice.place, unsure=True)
    return out


def _list_of_places(text: str, span: tuple[int, int], matches: tuple[PlaceMatch, ...], found: Candidate) -> bool:
    """«بغداد وأربيل», "Gao et Kidal": a name found whole that is only places of the gazetteer joined by "and"
    or commas; each is a place of its own."""
    if found.record == "actor":
        return False
    inside = sorted(((m.start, m.end) for m in matches if span[0] <= m.start and m.end <= span[1]),
                    key=lambda m: (m[0], -m[1]))
    cursor, places = span[0], 0
    for start, end in inside:
        if start < cursor:
            continue   # "Horizonte" inside "Belo Horizonte"
        if not _JOINS.fullmatch(text, cursor, start):
            return False
        cursor, places = end, places + 1
    return places > 1 and cursor == span[1]


# What joins the places of a list: spaces, commas, "and", «و» written onto the next name.
_JOINS = re.compile(r"(?:[\s,،]|\band\b|\bet\b|و|اور)*")


def _kind_said(text: str, match: PlaceMatch) -> str | None:
    """"region" or "settlement" where the words around a place's name say which: "Kidal region", "the State of
    São Paulo", "la ville de Goma"."""
    after = text[match.end:match.end + 30].split()
    following = after[0].lower().strip(".,;:") if after else ""
    before = _OF_KIND.search(text[max(0, match.start - 30):match.start])
    word = following if following in REGION_WORDS | SETTLEMENT_WORDS else before.group(1).lower() if before else ""
    if word in REGION_WORDS:
        return "region"
    if word in SETTLEMENT_WORDS:
        return "settlement"
    previous = text[max(0, match.start - 25):match.start].split()
    kind = _arabic_place_word(previous[-1]) if previous else None   # «ولاية الجزيرة», «شہر کراچی»
    return None if kind is None else "region" if kind == "region" else "settlement" if kind in (
        "city", "town", "village") else None


def _place_and_word(text: str, span: tuple[int, int], match: PlaceMatch) -> bool:
    """"Gao Region", "Kidal region", "État de São Paulo", «مرکز خوست», «مدينة حمص»: a found name that is a
    place's and the word for its kind."""
    if span == (match.start, match.end):
        return True
    if span[0] == match.start:
        return text[match.end:span[1]].strip().lower() in REGION_WORDS | SETTLEMENT_WORDS
    before = _OF_KIND.search(text[span[0]:match.start])
    return span[1] == match.end and ((before is not None and before.start() == 0)
                                     or _place_word(text[span[0]:match.start]))


def _place_word(words: str) -> bool:
    """One word of the Arabic script that says what kind of place follows («مدينة», «ولاية», «صوبے»)."""
    parts = words.split()
    return len(parts) == 1 and _arabic_place_word(parts[0]) is not None


def _arabic_place_word(written: str) -> str | None:
    """The kind of place a word of the Arabic script announces, if it announces one: "region" for «ولاية»,
    «صوبے», "city" for «مدينة», "area" for «وادي»…"""
    if not arabic.is_arabic_script(written):
        return None
    word = arabic.normalise(written)
    for cues in (AR_NAMES, UR_NAMES):
        for form in arabic.bare_forms(word) | {word}:
            for candidate in (form, arabic.core(form)):
                if candidate in cues.places:
                    return cues.places[candidate] or "area"
    return None


# What follows the place of a dateline: "BRUMADINHO, Brazil —", "GOMA (Reuters) -".
_DATELINE = re.compile(r"\s*(?:,|—|–|-|\()")
# "State of", "la province de", "l'État d'": words for a kind of place, then "of".
_OF_KIND = re.compile(r"(\w+)\s+(?:of|de|du|d['’])\s*(?:the\s+|la\s+|l['’])?$", re.IGNORECASE)


def _supported(text: str, language: str, match: PlaceMatch, choice: Choice, world: WorldPlaces, common: set[str],
               calendar: set[str], latin: bool, context: frozenset[str]) -> bool:
    """A place's name no rule proposed, taken only where the text bears it out."""
    written = text[match.start:match.end]
    if latin and not written[:1].isupper() and not written[:1].islower():
        # a script without capitals and not the Arabic one (Devanagari, Hebrew, Ethiopic): no cue lists here, so
        # only what is surely a place, a country, a region or a city
        return world.grammar_safe(choice)
    if latin:
        lower = written.lower()
        if not written[:1].isupper() or lower in common or lower in calendar or not_a_name(lower):
            return False   # "police said", "Police" at a sentence's head when the text writes "police"
        if any(w[:1].islower() and w.lower() not in CONNECTORS for w in written.split()[1:]):
            return False   # "La paix est…": a name's words are capitalised, but for "of", "de", "al"…
        if text[max(0, match.start - 4):match.start].lower() == "the " and choice.place.precision == "settlement":
            return False   # "the Union", "the Mission": a settlement's name is not written after "the"
        if match.start not in segment.grammatical_capitals(text) or world.grammar_safe(choice):
            return True
        if written.isupper() and not text[:match.start].strip() and _DATELINE.match(text, match.end):
            return True   # "BRUMADINHO, Brazil —": a dateline names where the story is
        # At a sentence's head any word has a capital: a smaller place only where its name is no common word
        # of the language ("Police said", but "Barsalogho was attacked")
        return vocabulary.fold(written) not in vocabulary.common(language)
    return _supported_arabic(text, language, match, choice, calendar, context)


def _supported_arabic(text: str, language: str, match: PlaceMatch, choice: Choice, calendar: set[str],
                      context: frozenset[str]) -> bool:
    """A place's name in the Arabic script, which has no capitals: the gazetteer transliterates towns of every
    country into it, and many of those spellings are words («طراز», «يوما», «الأمن»). A place is taken where
    the text announces one, or where it is a country, a region, or a town large enough, the more so abroad."""
    written = text[match.start:match.end]
    cues = UR_NAMES if language.split("-")[0] == "ur" else AR_NAMES
    words = [arabic.normalise(arabic.TANWIN.sub("", w)) for w in written.split()]
    place = choice.place
    settlement = place.precision == "settlement"
    home = place.country in context
    if len(words) == 1 and len(arabic.core(words[0])) < 3:
        return False   # two letters are a suffix or a particle more often than a place
    if any(w in cues.stop for w in words[:1]):
        return False   # «من الجزيرة»: a preposition is not the first word of a place's name
    if settlement and context and not home and place.population < _LARGE_HOME:
        return False   # a town abroad in a text about other countries
    famous = settlement and (place.population >= _FAMOUS or (home and place.population >= _LARGE_HOME))
    if len(words) == 1 and vocabulary.fold(written) in vocabulary.common(language) and settlement and not famous:
        return False   # «بیان», «الأمن»: one of the language's commonest words, and no large place
    if len(words) == 1 and (_common_arabic(written, cues) or words[0] in calendar
                            or arabic.core(words[0]) in {arabic.core(arabic.normalise(c)) for c in calendar}):
        return False   # «الأمن», «الخميس», «زعيم»: a common word that some town also bears
    announced = _announced(text, match, cues)
    if vocabulary.homonym(written, language) and not announced:
        return False   # «شام کو»: in the evening; «شام میں» may be Syria
    if len(words) == 1 and words[0].endswith("ي") and not announced and not famous and place.kind != "country" \
            and (cues is UR_NAMES or not _of_a_country(text, match)):
        return False   # «دعم فني», «قصف جوي»: a word shaped as an adjective of relation, not the town that bears it
    if len(words) == 1 and words[0].endswith("يه") and place.kind != "country" and not announced and not famous:
        return False   # «الولاية الشمالية»: its feminine, not the region named so («السعودية» is the country)
    return announced or not settlement or place.population >= (_SMALL_HOME if home else _LARGE_BARE)


def _article_differs(written: str, place: WorldPlace) -> bool:
    """A country written with the article its Arabic name lacks («السورية», «للروس»): an adjective, a people."""
    if place.kind != "country" or "ar" not in place.names or not arabic.is_arabic_script(written):
        return False
    first = arabic.normalise(written.split()[0])
    first = first[1:] if first[:1] in "وف" and len(first) > 4 else first
    has = first.startswith(("ال", "بال", "كال", "لل"))
    return has and not arabic.normalise(place.names["ar"]).startswith("ال")


def _other_language(written: str, place: WorldPlace, language: str) -> bool:
    """A country named as another language of the script names it: a country's name in Urdu may be a people's
    in Arabic («مدربين X», trainers of that people), and Arabic's name of it is not how Urdu writes it."""
    if place.kind != "country" or not arabic.is_arabic_script(written):
        return False
    own = language.split("-")[0]
    folded = vocabulary.fold(written)
    names = {lang: vocabulary.fold(name) for lang, name in place.names.items() if arabic.is_arabic_script(name)}
    if folded == names.get(own):
        return False
    # Arabic against the languages that write its script otherwise (Urdu, Persian, Pashto…), and back
    others = [name for lang, name in names.items() if (lang == "ar") != (own == "ar")]
    return folded in others


# How large a town must be to be taken without a word that announces it, in the Arabic script: in a country
# the text names, and elsewhere; and to be meant by a name that is also a common word, in such a country.
_SMALL_HOME = 10_000
_LARGE_BARE = 50_000
_LARGE_HOME = 100_000
# A place this large may bear a common word's name and still be meant by it («کراچی», «حلب»).
_FAMOUS = 1_000_000


def _common_arabic(written: str, cues: NameCues) -> bool:
    """A word of the language's own vocabulary: particles, verbs, nouns, adjectives, titles, the words that
    begin names or announce places."""
    word = arabic.normalise(arabic.TANWIN.sub("", written))
    forms = {word, arabic.core(word)}
    if arabic.TANWIN.search(written):
        forms |= {f[:-1] for f in forms if f.endswith("ا") and len(f) > 3}   # «يومًا» -> «يوم», not «تركيا»
    bags = (cues.stop, cues.common, cues.verbs, cues.adjectives, cues.titles, cues.construct, cues.spokes)
    return any(f in bag or f in cues.orgs or f in cues.places for f in forms for bag in bags)


def _announced(text: str, match: PlaceMatch, cues: NameCues) -> bool:
    """A word before or after the name that announces a place: «في», «مدينة», «بلدة», «شہر», «ضلع»,
    or a preposition written onto the name («بكيدال»)."""
    before = text[max(0, match.start - 25):match.start].split()
    after = text[match.end:match.end + 25].split()
    prev = arabic.normalise(before[-1]) if before else ""
    nxt = arabic.normalise(after[0]) if after else ""
    if match.start > 0 and text[match.start - 1].isalpha():
        return True   # a particle written onto the name
    forms = arabic.bare_forms(prev) if cues.peel and prev else frozenset({prev})   # «وفي», «بمدينة»
    return (any(f in cues.near or f in cues.places or arabic.core(f) in cues.places or f in _BEFORE_PLACES
                for f in forms)
            or nxt in cues.places_after or nxt in _AFTER_PLACES)


def _of_a_country(text: str, match: PlaceMatch) -> bool:
    """«حكومة X», «و X», a sentence's first word: where a name ending as an adjective is a country's."""
    before = text[max(0, match.start - 25):match.start]
    words = before.split()
    if not words or re.search(r"[.،,:;؛«\"(]\s*$", before):
        return True
    return arabic.core(arabic.normalise(words[-1])) in _OF_COUNTRY


# Nouns a country's name follows as their complement: "the government of", "the north of".
_OF_COUNTRY = frozenset(arabic.core(arabic.normalise(w)) for w in (
    "حكومة", "جيش", "سلطات", "رئيس", "رئاسة", "دولة", "عاصمة", "حدود", "شعب", "مجلس", "وزير", "وزارة", "سفارة",
    "سفير", "أراضي", "مناطق", "شمال", "جنوب", "شرق", "غرب", "وسط", "و", "بين", "مع", "داخل", "خارج"))
# Prepositions before a place (Arabic), and postpositions after one (Urdu: "in", "from", "of").
_BEFORE_PLACES = frozenset(arabic.normalise(w) for w in ("في", "من", "إلى", "الى", "قرب", "بالقرب", "شمال", "جنوب",
                                                         "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط",
                                                         "ضواحي", "محيط", "أنحاء"))
_AFTER_PLACES = frozenset(arabic.normalise(w) for w in ("میں", "سے", "کے", "کی", "کا", "تک"))


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

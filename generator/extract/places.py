"""Places a text names that the dossier does not know yet, found in the world gazetteer (`text.world`)
with their coordinates, country and region.

A name may stand for several places ("Tripoli" in Libya and in Lebanon) or for a place and a common word;
each finder here keeps only what the text itself supports: in scripts with capitals a name written with
one, not capitalised by grammar alone unless the place is large; in the Arabic script a country, a
region, a large city, or a place after a word that announces one ("في", "مدينة", "شہر"). Among places of
one name the country the text is about wins, then the larger; a choice between near equals is said to
be unsure.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.text import arabic, vocabulary
from generator.text.names import NameTable
from generator.text.world import World, WorldPlace, name_table, world

# The fewest consonants a name's spelling is matched on.
_SOUNDS = 3
# How much more likely a place is for lying in a country the text is about.
_HOME = 1000
# A place named at the head of a sentence, where any word has a capital, is taken only when this large.
_LARGE = 100_000
# Words after a name that say what kind of place it is: "Kidal region", "Al Haouz province".
REGION_WORDS = frozenset({"region", "province", "state", "governorate", "prefecture", "county", "district",
                          "région", "préfecture", "wilaya", "oblast", "département", "cercle", "état",
                          "etat", "gouvernorat"})
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "ville", "localité", "commune"})


# Languages in the Arabic script that write no particle onto a word.
_UNPEELED = frozenset({"ur", "fa", "ps", "ks", "sd"})


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    rows: tuple[int, ...]


@dataclass(frozen=True)
class Choice:
    place: WorldPlace
    unsure: bool            # another place of the name was nearly as likely


class WorldPlaces:
    """The world gazetteer as extract reads it: its names in a `NameTable`, built once per process."""

    def __init__(self, gazetteer: World, table: NameTable) -> None:
        self.world = gazetteer
        self._table = table
        self._by_sound: dict[str, dict[str, set[int]]] = {}

    def find(self, text: str, language: str = "") -> tuple[PlaceMatch, ...]:
        return _find(self._table, text, language.split("-")[0] not in _UNPEELED)

    def countries(self, texts: Iterable[str], language: str = "") -> frozenset[str]:
        """The countries a text names, by their names in its language or in English ("Greece", not "Palu",
        which is Palau's name somewhere and a town of Indonesia)."""
        named: set[str] = set()
        own = language.split("-")[0]
        for text in texts:
            for match in self.find(text, language):
                if vocabulary.homonym(text[match.start:match.end], language):
                    continue   # «شام»: the evening, as often as Syria
                written = vocabulary.fold(text[match.start:match.end])
                places = [self.world.place(r) for r in match.rows]
                alone = len({p.country for p in places}) == 1   # "RDC": only the country bears it
                for place in places:
                    if place.kind == "country" and (alone or written in {vocabulary.fold(place.names.get(lang, ""))
                                                                         for lang in (own, "en")}):
                        named.add(place.country)
        return frozenset(named)

    def choose(self, rows: tuple[int, ...], context: frozenset[str], hint: str | None = None) -> Choice:
        """The place a name most likely stands for: of the kind the text says (`hint`: "region" or
        "settlement"), in a country the text is about, the most populous; unsure when another of those is
        at least half as large."""
        places = [self.world.place(r) for r in rows]

        towns = {p.country: p.population for p in places if p.precision == "settlement"}

        def rank(p: WorldPlace) -> tuple[bool, int, str]:
            # A bare name is the town before the region named after it ("Kidal"), unless the region is far
            # the larger ("Bihar"). Then the larger, a place in a country the text is about counting a
            # thousandfold: Tripoli in Lebanon in a text on Lebanon, but Italy the country, not Italy, Texas.
            fits = _fits(p, hint) if hint else (p.precision != "region"
                                                 or p.population > 5 * towns.get(p.country, 0))
            return (fits, p.population * (_HOME if p.country in context else 1), p.key)

        places.sort(key=rank, reverse=True)
        best = places[0]
        rivals = [p for p in places[1:] if p.country != best.country or _far(p, best)]
        unsure = any(rank(p)[0] == rank(best)[0] and rank(p)[1] * 2 >= rank(best)[1] for p in rivals)
        return Choice(best, unsure)

    def fits(self, row: int, hint: str) -> bool:
        """Whether a row is of the kind the text says: a region, or a settlement."""
        return _fits(self.world.place(row), hint)

    def by_spelling(self, name: str, context: frozenset[str]) -> Choice | None:
        """A place the gazetteer has only in Latin letters, for a name in the Arabic script that a cue says is
        a place («صوبے پکتیکا»): the one whose consonants sound alike (`arabic.skeleton`), among the places of
        the countries the source names, the largest; always said to be unsure, being a guess from spelling."""
        sound = arabic.skeleton(name)
        if len(sound) < _SOUNDS:
            return None   # two consonants are a hundred places
        found = sorted({row for country in sorted(context) for row in self._sounds(country).get(sound, ())},
                       key=lambda r: (-self.world.place(r).population, r))
        if not found:
            return None
        return Choice(self.world.place(found[0]), True)

    def _sounds(self, country: str) -> dict[str, set[int]]:
        """The consonants of every Latin-script name of a country's places, made on first need."""
        if country not in self._by_sound:
            index: dict[str, set[int]] = {}
            for row in self.world.rows_by_country.get(country, ()):
                for written in self.world.names_of(row):
                    if written.isascii() or not arabic.is_arabic_script(written):
                        index.setdefault(arabic.skeleton(written), set()).add(row)
            self._by_sound[country] = index
        return self._by_sound[country]

    def grammar_safe(self, choice: Choice, large: int = _LARGE) -> bool:
        """Whether a place may be taken where the text does not say it is a name: at the head of a
        sentence, or written as a common word. Countries and regions always; settlements this large."""
        return choice.place.precision != "settlement" or choice.place.population >= large

    def foreign(self, choice: Choice, context: frozenset[str]) -> bool:
        """A small town abroad when the text is about other countries: a village of the name in Mexico is not
        the one in an article on Chile; better a name without coordinates than a wrong point. (A city of
        100,000 or more abroad is taken: texts name such cities, and the countries they name are not all.)"""
        place = choice.place
        return bool(context) and place.country not in context and place.precision == "settlement" \
            and place.population < _LARGE


def _fits(place: WorldPlace, hint: str) -> bool:
    return (place.precision == "region") == (hint == "region")


@lru_cache(maxsize=512)   # a source's paragraphs are read twice: for its countries, then for its places
def _find(table: NameTable, text: str, peel: bool) -> tuple[PlaceMatch, ...]:
    return tuple(PlaceMatch(start, end, rows) for start, end, rows in table.find(text, peel))


def _far(a: WorldPlace, b: WorldPlace) -> bool:
    """Two rows of one name more than ~25 km apart are two places, not one written twice."""
    return abs(a.lat - b.lat) > 0.25 or abs(a.lon - b.lon) > 0.25


@cache
def world_places() -> WorldPlaces:
    """Built on first use: a dossier's `extract` pays for the gazetteer once, its workers share it."""
    return WorldPlaces(world(), name_table())

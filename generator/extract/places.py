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

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from generator.text import vocabulary
from generator.text.names import NameTable
from generator.text.world import World, WorldPlace, name_table, world

# A place named at the head of a sentence, where any word has a capital, is taken only when this large.
_LARGE = 100_000
# In the Arabic script, a settlement named without a word that announces a place is taken only when this large.
_LARGE_ARABIC = 50_000
# Words after a name that say what kind of place it is: "Kidal region", "Al Haouz province".
REGION_WORDS = frozenset({"region", "province", "state", "governorate", "prefecture", "county", "district",
                          "région", "préfecture", "wilaya", "oblast", "département", "cercle"})
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
    others: int             # how many other places bear the name


class WorldPlaces:
    """The world gazetteer as extract reads it: its names in a `NameTable`, built once per process."""

    def __init__(self, gazetteer: World, table: NameTable) -> None:
        self.world = gazetteer
        self._table = table

    def find(self, text: str, language: str = "") -> list[PlaceMatch]:
        peel = language.split("-")[0] not in _UNPEELED
        return [PlaceMatch(start, end, rows) for start, end, rows in self._table.find(text, peel)]

    def countries(self, texts: Iterable[str], language: str = "") -> frozenset[str]:
        """The countries a text is about: those it names, and those of places only one country has (not
        one named by a common word of the language: «يوما» is not Yuma, Arizona)."""
        seen: Counter[str] = Counter()
        words = vocabulary.common(language)
        for text in texts:
            for match in self.find(text, language):
                if vocabulary.fold(text[match.start:match.end]) in words:
                    continue
                places = [self.world.place(r) for r in match.rows]
                named = {p.country for p in places if p.kind == "country"}
                if named:
                    seen.update(named)
                elif len({p.country for p in places}) == 1 and places[0].population >= _LARGE_ARABIC:
                    seen[places[0].country] += 1
        return frozenset(seen)

    def choose(self, rows: tuple[int, ...], context: frozenset[str], hint: str | None = None) -> Choice:
        """The place a name most likely stands for: of the kind the text says (`hint`: "region" or
        "settlement"), in a country the text is about, the most populous; unsure when another of those is
        at least half as large."""
        places = [self.world.place(r) for r in rows]

        def rank(p: WorldPlace) -> tuple[bool, bool, bool, bool, int, str]:
            # a bare name is the town before the region named after it ("Kidal"), the country before both
            fits = (p.precision == "region") == (hint == "region") if hint else p.precision != "region"
            return (p.kind == "country", p.country in context, fits, p.precision != "region" or hint == "region",
                    p.population, p.key)

        places.sort(key=rank, reverse=True)
        best = places[0]
        rivals = [p for p in places[1:] if p.country != best.country or _far(p, best)]
        unsure = any(rank(p)[:4] == rank(best)[:4] and p.population * 2 >= best.population for p in rivals)
        return Choice(best, unsure, len(rivals))

    def grammar_safe(self, choice: Choice, large: int = _LARGE) -> bool:
        """Whether a place may be taken where the text does not say it is a name: at the head of a
        sentence, or written as a common word. Countries and regions always; settlements this large."""
        return choice.place.precision != "settlement" or choice.place.population >= large

    def large_enough_bare(self, choice: Choice) -> bool:
        return choice.place.precision != "settlement" or choice.place.population >= _LARGE_ARABIC


def _far(a: WorldPlace, b: WorldPlace) -> bool:
    """Two rows of one name more than ~25 km apart are two places, not one written twice."""
    return abs(a.lat - b.lat) > 0.25 or abs(a.lon - b.lon) > 0.25


@cache
def world_places() -> WorldPlaces:
    """Built on first use: a dossier's `extract` pays for the gazetteer once, its workers share it."""
    return WorldPlaces(world(), name_table())

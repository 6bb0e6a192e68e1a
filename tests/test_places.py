"""Places of the world gazetteer as extract proposes them: found in any script, with coordinates, country and
region, told apart by what the text is about, and not taken for the common words that towns are named after."""
from __future__ import annotations

from typing import Any

from generator.extract.mentions import Gazetteer
from generator.extract.places import world_places
from generator.extract.propose import read_paragraph
from generator.text import dates


def places(text: str, language: str, context: frozenset[str] | None = None) -> list[tuple[str, dict[str, Any]]]:
    world = world_places()
    cal = dates.calendar(language)
    calendar = set(cal.months) | set(cal.weekdays) if cal else set()
    common = {w.lower() for w in text.split() if w.islower()}
    found = read_paragraph(text, language, "2024-06-15", Gazetteer([]), common, calendar, world,
                           world.countries([text], language) if context is None else context)
    return [(n["span"], n["place"]) for n in found["names"] if "place" in n]


def test_a_list_of_towns_is_every_town_with_its_coordinates_country_and_region() -> None:
    found = places("The quake struck Ouarzazate, Azilal, Chichaoua, and Taroudant on Friday.", "en")
    assert [span for span, _ in found] == ["Ouarzazate", "Azilal", "Chichaoua", "Taroudant"]
    taroudant = found[-1][1]
    assert taroudant["country"] == "MA" and taroudant["within"]["gazetteer"].startswith("MA.")
    assert taroudant["within"]["name"]["en"]   # the region, named as a place record names it
    assert abs(taroudant["coordinates"]["lat"] - 30.47) < 0.1 and abs(taroudant["coordinates"]["lon"] + 8.88) < 0.1
    assert taroudant["coordinates"]["precision"] == "settlement" and taroudant["name"]["ar"] == "تارودانت"


def test_places_are_found_in_arabic_and_urdu_script_without_their_particles() -> None:
    assert [(s, p["gazetteer"]) for s, p in places("وصلت القوات إلى كيدال وبالخرطوم.", "ar")] == [
        ("كيدال", "2455290"), ("الخرطوم", "379252")]
    assert [s for s, _ in places("کراچی اور پشاور میں بارش ہوئی۔", "ur")] == ["کراچی", "پشاور"]


def test_a_name_of_several_places_goes_to_the_country_the_text_is_about_and_says_when_unsure() -> None:
    libya = places("Clashes in Tripoli left residents without power.", "en", frozenset({"LY"}))
    lebanon = places("Clashes in Tripoli left residents without power.", "en", frozenset({"LB"}))
    assert libya[0][1]["country"] == "LY" and lebanon[0][1]["country"] == "LB"
    assert "unsure" not in libya[0][1]


def test_the_word_after_a_name_says_region_or_town() -> None:
    town = places("Gunmen attacked Kidal on Monday.", "en")[0][1]
    region = places("Gunmen attacked villages in the Kidal region on Monday.", "en")[0][1]
    assert town["coordinates"]["precision"] == "settlement" and region["coordinates"]["precision"] == "region"


def test_common_words_and_grammar_are_not_towns() -> None:
    # each of these words is also the name of a town somewhere in the gazetteer
    assert places("Police said the Union had called a strike.", "en") == []
    assert places("قال مصدر أمني إن الخميس كان هادئا يوما بعد يوم.", "ar") == []
    assert places("شام کو بیان جاری کیا گیا۔", "ur") == []


def test_a_place_inside_a_longer_name_stays_part_of_it() -> None:
    assert places("The Kenya Red Cross sent teams.", "en") == []


def test_places_are_found_in_scripts_without_capitals_too() -> None:
    assert [(s, p["country"]) for s, p in places("दिल्ली में भारी बारिश हुई।", "hi")] == [("दिल्ली", "IN")]
    assert [(s, p["country"]) for s, p in places("Киев и Одесса пострадали.", "ru")] == [("Киев", "UA"),
                                                                                       ("Одесса", "UA")]


def test_peoples_adjectives_and_other_languages_spellings_are_not_countries() -> None:
    # «روس» is how Urdu names Russia and how Arabic says "Russians"; «الشمالية» is "northern" before a region
    assert places("وصل مدربين روس إلى الضفة الشمالية، وقالت روسيا إن ذلك لا يعنيها.", "ar") == [
        ("روسيا", places("قالت روسيا", "ar")[0][1])]
    assert [s for s, _ in places("روس نے کہا کہ روسيا نہیں", "ur")] == ["روس"]


def test_a_place_the_gazetteer_spells_only_in_latin_letters_is_matched_by_its_sounds_and_said_unsure() -> None:
    found = places("افغانستان کے صوبے پکتیکا میں زلزلہ آیا۔", "ur")
    paktika = dict(found)["پکتیکا"]
    assert paktika["country"] == "AF" and paktika["unsure"] is True
    assert abs(paktika["coordinates"]["lat"] - 32.8) < 1.0 and abs(paktika["coordinates"]["lon"] - 68.8) < 1.0


def test_the_word_that_says_what_a_place_is_stays_outside_its_span() -> None:
    assert [s for s, _ in places("وصلت القوافل إلى مدينة حمص ثم إلى ولاية الخرطوم.", "ar")] == ["حمص", "الخرطوم"]


def test_at_a_sentences_head_a_small_town_is_taken_unless_its_name_is_a_common_word() -> None:
    assert [s for s, _ in places("Chichaoua was hit hardest. Police said roads were closed.", "en")] == ["Chichaoua"]
    assert [s for s, _ in places("AZILAL, Morocco — Rescuers arrived on Saturday.", "en")] == ["AZILAL", "Morocco"]
    assert places("La paix est revenue.", "fr") == []   # "La Paix" is a town; "paix" is written in lowercase

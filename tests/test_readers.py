"""The readers that extract and check stand on, tested directly rather than through whole seeds:
words and sentences, quotations, figures, dates and the verbatim quote finder."""
from __future__ import annotations

import pytest

from generator.extract import speech
from generator.extract.mentions import Gazetteer
from generator.extract.propose import read_paragraph
from generator.text import dates, figures, segment, verbatim

# --- words, sentences, quotation marks -------------------------------------------------------


def test_words_keep_their_offsets_and_inner_separators() -> None:
    text = "Col. Smith counted 1,000 men, a-t-il dit; قالت الوزارة إنّ ٤٧ جنديًا"
    words = segment.tokens(text)
    assert [w.text for w in words] == ["Col", "Smith", "counted", "1,000", "men", "a-t-il", "dit", "قالت",
                                       "الوزارة", "إنّ", "٤٧", "جنديًا"]
    assert all(text[w.start:w.end] == w.text for w in words)
    assert [w.text for w in segment.tokens(text, 5, 18)] == ["Smith", "counted"]


def test_sentences_do_not_end_at_an_abbreviation_or_inside_a_quotation() -> None:
    text = "Col. Smith arrived. Was it “done. Yes” then? قالت الوزارة ذلك؟ نعم."
    assert [text[a:b] for a, b in segment.sentences(text)] == [
        "Col. Smith arrived.", "Was it “done. Yes” then?", "قالت الوزارة ذلك؟", "نعم."]
    at = text.index("Yes")
    assert text[slice(*segment.sentence_at(text, at))] == "Was it “done. Yes” then?"


def test_quotation_marks_pair_up_and_an_unclosed_one_is_skipped() -> None:
    text = 'He said “a” and «ب» and "never closed'
    assert [text[a:b + 1] for a, b in segment.quotations(text)] == ["“a”", "«ب»"]


# --- figures ----------------------------------------------------------------------------------

def _figures(text: str, language: str) -> list[tuple[str, object, object, object, str | None, str | None]]:
    return [(f.number, f.value, f.low, f.high, f.qualifier, f.event) for f in figures.find(text, language)]


@pytest.mark.parametrize("text, language, expected", [
    ("At least 20 soldiers were killed and two wounded.", "en",
     [("20", 20, None, None, "at-least", "killed"), ("two", 2, None, None, "exactly", "wounded")]),
    ("Between 20 and 30 fighters died.", "en", [("20 and 30", None, 20, 30, "exactly", "killed")]),
    ("dozens of fighters were killed", "en", [("dozens", None, None, None, "dozens", "killed")]),
    ("قتل ما لا يقل عن 47 جنديًا", "ar", [("47", 47, None, None, "at-least", "killed")]),
    ("قتل عشرات الجنود", "ar", [("عشرات", None, None, None, "dozens", "killed")]),
], ids=["qualifier-and-word", "range", "vague-en", "qualifier-ar", "vague-ar"])
def test_figures_are_read_with_their_qualifier_range_and_event(text: str, language: str,
                                                               expected: list[tuple[object, ...]]) -> None:
    assert _figures(text, language) == expected


def test_digits_of_every_script_count_the_same() -> None:
    latin = figures.find("قتل 47 جنديًا", "ar")
    eastern = figures.find("قتل ٤٧ جنديًا", "ar")
    assert [f.value for f in latin] == [f.value for f in eastern] == [47]
    assert figures.find("دو درجن 12 اور ۱۵", "ps")[-1].value == 15  # a language without words: digits still


def test_a_year_is_a_date_not_a_figure() -> None:
    found = figures.find("The base was built in 2024.", "en")
    assert found and all(f.bare_year for f in found)
    assert not figures.find("2024 soldiers were killed", "en")[0].bare_year  # counted: a figure


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, expected", [
    ("On July 25, 2024 the convoy left.", "en", [("July 25, 2024", "2024-07-25", "day", "stated")]),
    ("في 27 يوليو 2024 وقع الهجوم", "ar", [("27 يوليو 2024", "2024-07-27", "day", "stated")]),
    ("le 26 juillet, les rebelles", "fr", [("26 juillet", "2024-07-26", "day", "publication-year")]),
    ("It was hit on Sunday.", "en", [("Sunday", "2024-07-28", "day", "weekday")]),
    ("The quake struck on 2023/09/11.", "en", [("2023/09/11", "2023-09-11", "day", "stated")]),
    ("Le séisme du 11/09/2023.", "fr", [("11/09/2023", "2023-09-11", "day", "order-assumed")]),
    ("On 31-12-2023 and 12.31.2023.", "en", [("31-12-2023", "2023-12-31", "day", "stated"),
                                             ("12.31.2023", "2023-12-31", "day", "stated")]),
    ("On 03/04/2024 it began.", "en-US", [("03/04/2024", "2024-03-04", "day", "order-assumed")]),
    ("وقع الزلزال يوم ١١/٠٩/٢٠٢٣", "ar", [("١١/٠٩/٢٠٢٣", "2023-09-11", "day", "order-assumed")]),
    ("وقع الزلزال يوم 9 شتنبر 2023", "ar", [("9 شتنبر 2023", "2023-09-09", "day", "stated")]),
    ("يوم 5 جوان 2024 وفي 3 أوت", "ar", [("5 جوان 2024", "2024-06-05", "day", "stated"),
                                        ("3 أوت", "2023-08-03", "day", "publication-year")]),
    ("Version 1.2.2023.4 shipped on 30.02.2024.", "en", []),
    ("قتل في 14 آذار/مارس 2023 وفي 9 أغسطس (آب) 2023", "ar", [("14 آذار/مارس 2023", "2023-03-14", "day", "stated"),
                                                            ("9 أغسطس (آب) 2023", "2023-08-09", "day", "stated")]),
    ("منذ حزيران/يونيو 2022 وحتى 21 تشرين الأول/أكتوبر", "ar",
     [("حزيران/يونيو 2022", "2022-06", "month", "stated"),
      ("21 تشرين الأول/أكتوبر", "2023-10-21", "day", "publication-year")]),
    ("بين 3 كانون الثاني و5 شباط", "ar", [("3 كانون الثاني", "2024-01-03", "day", "publication-year"),
                                         ("5 شباط", "2024-02-05", "day", "publication-year")]),
    ("في 3 اذار 2023 و4 ايلول 2023 و5 إبريل 2023", "ar", [("3 اذار 2023", "2023-03-03", "day", "stated"),
                                                         ("4 ايلول 2023", "2023-09-04", "day", "stated"),
                                                         ("5 إبريل 2023", "2023-04-05", "day", "stated")]),
    ("في اليوم نفسه، وفي نفس اليوم، وفي اليوم التالي، وفي اليوم السابق", "ar", []),
    ("قالت الوزارة اليوم إن", "ar", [("اليوم", "2024-07-30", "day", "relative")]),
], ids=["en", "ar", "fr-no-year", "weekday", "numeric-ymd", "numeric-dmy", "numeric-unambiguous", "numeric-us",
        "numeric-arabic-digits", "maghrebi-month", "algerian-months", "not-dates", "month-pairs", "month-pair-alone",
        "levantine-fused-day", "without-hamza-and-egyptian", "the-story-s-day", "today"])
def test_dates_are_read_against_the_publication_date(text: str, language: str,
                                                     expected: list[tuple[str, ...]]) -> None:
    found = dates.find(text, language, "2024-07-30")
    assert [(text[d.start:d.end], d.value, d.precision, d.basis) for d in found] == expected


def test_a_date_in_numbers_is_never_proposed_as_counts() -> None:
    """"2023/09/11" was read as the counts 9 and 11, "11.09.2023" as 11,092,023."""
    for text in ("The quake struck on 2023/09/11 and killed 2,900 people.",
                 "The toll rose on 11.09.2023 to 2,946 dead."):
        found = read_paragraph(text, "en", "2023-09-12", Gazetteer([]), set(), set())
        assert [f["value"] for f in found["figures"]] in ([2900], [2946])
        assert [d["value"] for d in found["dates"]] == ["2023-09-11"]


def test_levantine_and_egyptian_dates_are_never_counts() -> None:
    """"14 آذار/مارس 2023" was read as the day 14 March of the publication year and the month March 2023."""
    text = "قُتل 7 جنود في 14 آذار/مارس 2023، وفي 2 كانون الثاني و9 أغسطس/آب وفي 5 أيار، ويوم الاثنين."
    found = read_paragraph(text, "ar", "2024-06-15", Gazetteer([]), set(), set())
    assert [f["value"] for f in found["figures"]] == [7]
    assert [d["value"] for d in found["dates"]] == ["2023-03-14", "2024-01-02", "2023-08-09", "2024-05-05",
                                                    "2024-06-10"]
    assert [f.value for f in figures.find("قتل جنديان يوم الاثنين", "ar")] == [2]   # Monday, not a second two


def test_a_weekday_needs_a_publication_date_to_mean_a_day() -> None:
    assert not [d for d in dates.find("It was hit on Sunday.", "en", None) if d.basis == "weekday"]


# --- quotations and their speakers --------------------------------------------------------------

def test_an_arabic_quotation_is_found_with_the_speaker_after_the_verb() -> None:
    text = "قال المتحدث: «خسرنا رجلين في المعركة الأخيرة»."
    quotes, names = speech.find(text, "ar", [])
    assert [(text[q.start:q.end], text[slice(*q.speaker)]) for q in quotes if q.speaker] == [
        ("خسرنا رجلين في المعركة الأخيرة", "المتحدث")]
    assert names == []


def test_a_short_arabic_quotation_without_a_verb_of_saying_is_a_name() -> None:
    text = "وصل مقاتلو «لوتس» إلى المدينة."
    quotes, names = speech.find(text, "ar", [])
    assert quotes == [] and [text[a:b] for a, b in names] == ["لوتس"]


# --- the verbatim quote finder ------------------------------------------------------------------

def test_a_quote_is_found_whatever_its_quotation_marks_and_spacing() -> None:
    paragraph = "He said “two  soldiers” died."
    found = verbatim.find_quote(paragraph, '"two soldiers"')
    assert found is not None
    start, end = found
    assert paragraph[start:end] == "“two  soldiers”"


def test_a_seed_s_direction_marks_need_not_be_quoted() -> None:
    """A record may not hold a direction control (the YAML loader refuses it), so a quote of a passage that
    has one (an RLM beside a number, common in Arabic web text) holds without it, and the passage found
    is the seed's own, marks included."""
    paragraph = "قال الجيش إن \u200f120\u200f جندياً قتلوا \u2067في الهجوم\u2069."
    found = verbatim.find_quote(paragraph, "إن 120 جندياً قتلوا في الهجوم")
    assert found is not None and paragraph[found[0]:found[1]] == "إن \u200f120\u200f جندياً قتلوا \u2067في الهجوم"
    assert verbatim.unmarked(paragraph) == "قال الجيش إن 120 جندياً قتلوا في الهجوم."


def test_a_quote_is_never_found_with_another_case_or_other_diacritics() -> None:
    assert verbatim.find_quote("Two soldiers died.", "two soldiers") is None
    assert verbatim.find_quote("قُتل جنديان", "قتل جنديان") is None
    assert verbatim.find_quote("anything", "") is None


@pytest.mark.parametrize("text, language, expected", [
    ("قتل 12 مدنيا و47 جنديًا", "ar", [("قتل 12 مدنيا", 12, None, None, "exactly"),
                                     ("47 جنديًا", 47, None, None, "exactly")]),
    ("أصيب و10 جنود", "ar", [("10 جنود", 10, None, None, "exactly")]),
    ("قتل ما بين 20 و30 مسلحا", "ar", [("بين 20 و30 مسلحا", None, 20, 30, "exactly")]),
    ("من 20 إلى 30 قتيلا", "ar", [("من 20 إلى 30 قتيلا", None, 20, 30, "exactly")]),
    ("une soixantaine de véhicules", "fr", [("une soixantaine de véhicules", 60, None, None, "about")]),
    ("de 20 à 30 morts", "fr", [("de 20 à 30 morts", None, 20, 30, "exactly")]),
    ("کم از کم پندرہ فوجی زخمی", "ur", [("کم از کم پندرہ فوجی زخمی", 15, None, None, "at-least")]),
    ("20 سے 30 افراد", "ur", [("20 سے 30 افراد", None, 20, 30, "exactly")]),
    ("The Wagner PMC lost hundreds and probably thousands of men", "en",
     [("hundreds", None, None, None, "hundreds"), ("thousands of men", None, None, None, "thousands")]),
], ids=["fused-digits", "fused-alone", "fused-range", "range-ar", "soixantaine", "range-fr", "urdu-words",
        "range-ur", "coordinated-vague"])
def test_fused_particles_ranges_and_approximate_quantities(text: str, language: str,
                                                          expected: list[tuple[object, ...]]) -> None:
    found = figures.find(text, language)
    assert [(text[f.start:f.end], f.value, f.low, f.high, f.qualifier) for f in found] == expected


@pytest.mark.parametrize("text, language", [
    ("the callsign Five Hundred led the unit", "en"), ("at 10:30 on Tuesday", "en"), ("40% of the voters", "en"),
    ("40 per cent of the voters", "en"), ("صوّت 40 في المئة من الناخبين", "ar"), ("the third attack", "en"),
])
def test_not_figures_callsigns_times_and_shares(text: str, language: str) -> None:
    assert figures.find(text, language) == []


@pytest.mark.parametrize("text, language", [
    ("أحيا السكان الذكرى الـ 18 لتأسيس المدينة", "ar"), ("في الذكرى الثالثة عشرة للهجوم", "ar"),
    ("جنگ کی 18 ویں برسی", "ur"),
    ("The quake measured 7 degrees on the Richter scale.", "en"), ("A quake of magnitude 6.8 struck.", "en"),
    ("Un séisme de magnitude 6,8 a frappé.", "fr"), ("ضرب زلزال بقوة 6.8 درجات على مقياس ريختر", "ar"),
    ("ریکٹر اسکیل پر 7.2 شدت کا زلزلہ", "ur"),
    ("It lay 70 km south, 18 metres deep, in 45 °C heat.", "en"), ("على بعد 70 كلم وعلى عمق 18 كيلومترًا", "ar"),
    ("شہر سے 70 کلومیٹر دور", "ur"), ("Le feu a parcouru plus de 1 200 hectares.", "fr"),
    ("ارتفعت بنسبة 30 بالمئة ثم 40 بالمائة", "ar"),
    ("Support rose from 10 to 20 per cent.", "en"),
    ("It began at 6 p.m. on Friday.", "en"), ("It began at 10.30 after a 6.8 quake.", "en"),
    ("L'explosion a eu lieu à 10 h 30.", "fr"), ("وقع الانفجار الساعة 11:11 صباحا", "ar"),
    ("عند الساعة العاشرة و11 دقيقة", "ar"), ("صبح 10 بجے", "ur"), ("رات 11 بج کر 11 منٹ پر", "ur"),
    ("a man aged 45 and a woman 31 years old", "en"), ("رجل يبلغ من العمر 45 عاما وامرأة (31 عامًا)", "ar"),
    ("پولیس نے 45 سالہ شخص کو دیکھا", "ur"), ("une femme de 31 ans et un homme âgé de 45 ans", "fr"),
    ("the town, a city of 40,000 people", "en"), ("in the north (120,000 inhabitants)", "en"),
    ("à Ravel (85 000 habitants)", "fr"), ("التي يبلغ عدد سكانها 40 ألف نسمة", "ar"),
    ("اسی دن پولیس پہنچی اور اسی طرح", "ur"), ("Two weeks later, two days earlier", "en"),
    ("deux jours plus tard, il y a trois jours", "fr"), ("قبل يومين", "ar"), ("تین دن پہلے", "ur"),
], ids=["anniversary-ar", "ordinal-feminine-ar", "ordinal-ur", "richter-en", "magnitude-en", "magnitude-fr",
        "magnitude-ar", "magnitude-ur", "units-en", "units-ar", "units-ur", "units-fr", "shares-ar", "change-of-share",
        "clock-en", "fractions-en", "minutes-fr", "clock-ar", "minutes-ar", "clock-ur", "minutes-ur", "age-en",
        "age-ar", "age-ur", "age-fr", "population-en", "inhabitants-en", "inhabitants-fr", "population-ar",
        "that-same-day-ur", "later-en", "later-fr", "ago-ar", "ago-ur"])
def test_measures_ordinals_ages_populations_and_points_in_time_are_not_counts(text: str, language: str) -> None:
    """Look-alikes of issue 23, each once read as a count."""
    assert figures.find(text, language) == []


@pytest.mark.parametrize("text, language, expected", [
    ("سجلت 12 إصابة وحالة وفاة واحدة", "ar", [("12 إصابة", 12, "wounded"), ("وفاة واحدة", 1, "killed")]),
    ("أصيب جنديان اثنان وقتل شرطي واحد", "ar", [("أصيب جنديان اثنان", 2, "wounded"),
                                               ("وقتل شرطي واحد", 1, "killed")]),
    ("The dead by province: Oukal (1,204), Tiznara (318).", "en", [("1,204", 1204, "killed"),
                                                                  ("318", 318, "killed")]),
    ("حصيلة القتلى حسب الأقاليم: أوكال (1204)، تيزنارة (318).", "ar", [("1204", 1204, "killed"),
                                                                     ("318", 318, "killed")]),
    ("12 habitants tués", "fr", [("12 habitants tués", 12, "killed")]),
    ("Près de 3 000 habitants ont été évacués.", "fr", [("Près de 3 000 habitants", 3000, None)]),
    ("اسی افراد زخمی ہوئے", "ur", [("اسی افراد زخمی", 80, "wounded")]),
    ("The ceasefire collapsed after 11 days.", "en", [("11 days", 11, None)]),
    ("Brigade 17 killed 5 soldiers.", "en", [("killed 5 soldiers", 5, "killed")]),
], ids=["one-after-its-noun", "two-after-a-dual", "list-en", "list-ar", "inhabitants-killed",
        "inhabitants-evacuated", "eighty-people",
        "a-duration", "brigade-killed"])
def test_counts_beside_the_look_alikes_are_still_counts(text: str, language: str,
                                                         expected: list[tuple[object, ...]]) -> None:
    found = figures.find(text, language)
    assert [(text[f.start:f.end], f.value, f.event) for f in found] == expected


@pytest.mark.parametrize("text, language", [
    ("It left 12 million cubic metres of mud, more than four times its capacity.", "en"),
    ("hundreds of kilometres of waterways", "en"), ("à une vingtaine de kilomètres à l'ouest", "fr"),
    ("بنحو 25 طنًّا من غاز الكلور وأمطار تجاوزت ٣٠٠ ملم", "ar"), ("کئی کلومیٹر تک", "ur"),
    ("said Marie-Ange Joseph, 34 ans, qui", "fr"), ("Le chauffeur, un Tunisien de 31 ans résidant à Nice", "fr"),
    ("Buzi, a district of some 200,000 residents", "en"), ("Goma, métropole de plus d'un million d'habitants", "fr"),
    ("ملک کی 49 لاکھ کی آبادی", "ur"), ("چھ منزلہ عمارت", "ur"),
    ("He declared three days of national mourning.", "en"), ("un deuil national de trois jours", "fr"),
    ("la prolongation de trois mois de l’état d’urgence", "fr"), ("پانچ روزہ سوگ اور تین روزہ دورہ", "ur"),
    ("just over three years after the collapse", "en"), ("six jours après l'attaque", "fr"),
    ("حملے کے دو روز بعد", "ur"), ("in the past two years", "en"), ("les trois derniers jours", "fr"),
    ("گذشتہ چار روز کے دوران", "ur"), ("گذشتہ 20 برسوں میں", "ur"),
    ("within 50 days", "en"), ("50 دن کے اندر", "ur"), ("sleeping for two nights", "en"),
    ("coupées du monde pendant trois jours", "fr"), ("several weeks", "en"), ("کئی گھنٹے پیدل چل کر", "ur"),
    ("۵ اعشاریہ ۹ شدت کا زلزلہ", "ur"), ("درجہ حرارت ۴۴ اعشاریہ ۸ ڈگری", "ur"),
    ("مزدور اس وقت سو رہے تھے", "ur"), ("قبل أسبوعين", "ar"),
], ids=["volume-and-multiplier-en", "vague-measure-en", "measure-after-de-fr", "measures-accusative-ar",
        "vague-measure-ur", "age-apposition-fr", "age-de-fr", "population-district-en", "population-elided-fr",
        "population-ur", "storeys-ur", "mourning-en", "mourning-fr", "emergency-fr", "n-day-ur", "years-after-en",
        "days-after-fr", "days-after-an-event-ur", "past-en", "derniers-fr", "past-ur", "past-years-ur",
        "within-en", "within-ur", "for-en", "pendant-fr", "vague-span-en", "vague-span-ur",
        "decimal-word-ur", "decimal-degrees-ur", "asleep-ur", "ago-a-dual-ar"])
def test_measures_frames_and_declared_periods_are_not_counts(text: str, language: str) -> None:
    """Look-alikes the development corpus showed (issue 23), each once read as a count."""
    assert figures.find(text, language) == []


@pytest.mark.parametrize("text, language, expected", [
    ("Les habitants de plus d'un million de personnes", "fr", [("plus d'un million de personnes", 1_000_000,
                                                                 "more-than")]),
    ("jusqu'à 300 morts, à 20 km", "fr", [("jusqu'à 300 morts", 300, "up-to")]),
    ("أدلى أكثر من مليون ناخب بأصواتهم", "ar", [("أكثر من مليون ناخب", 1_000_000, "more-than")]),
    ("نقل للصحفيين أن المدنيين فروا", "ar", []),
    ("وثلاثة من العاملين فيها", "ar", [("وثلاثة من العاملين", 3, "exactly")]),
    ("بعد انتشال جثتي عاملين آسيويين", "ar", [("جثتي", 2, "exactly")]),
    ("دمّر سيارة إسعاف واحدة", "ar", [("سيارة إسعاف واحدة", 1, "exactly")]),
    ("أطلقت مدمرتان أمريكيتان", "ar", [("مدمرتان", 2, "exactly")]),
    ("25 سیاح اور ایک مقامی ٹٹو بان", "ur", [("25 سیاح", 25, "exactly"), ("ایک", 1, "exactly")]),
    ("ڈیڑھ ہزار سے زیادہ زخمی", "ur", [("ڈیڑھ ہزار سے زیادہ زخمی", 1500, "more-than")]),
    ("تقریباً سو بین الاقوامی مبصرین", "ur", [("تقریباً سو", 100, "about")]),
    ("57 people were treated at hospitals in Larissa, six of them in intensive care", "en",
     [("57 people", 57, "exactly"), ("six", 6, "exactly")]),
    ("released after 43 days in captivity", "en", [("43 days", 43, "exactly")]),
    ("أفرج عنهم بعد 43 يومًا من الاحتجاز", "ar", [("43 يومًا", 43, "exactly")]),
    ("جنگ بندی 11 دن بعد ختم ہو گئی", "ur", [("11 دن", 11, "exactly")]),
    ("le premier depuis quatre mois", "fr", [("quatre mois", 4, "exactly")]),
], ids=["qualifier-elided-fr", "jusqu-a-fr", "a-magnitude-alone-ar", "sound-plurals-not-duals-ar",
        "plural-after-min-ar", "construct-dual-ar", "one-after-noun-and-adjective-ar", "dual-ship-ar",
        "one-after-and-ur", "one-and-a-half-ur", "hundred-with-qualifier-ur", "six-of-them-en",
        "length-of-captivity-en", "length-of-detention-ar", "after-11-days-ur", "since-four-months-fr"])
def test_counts_and_lengths_of_events_beside_those_look_alikes(text: str, language: str,
                                                              expected: list[tuple[object, ...]]) -> None:
    found = figures.find(text, language)
    assert [(text[f.start:f.end], f.value, f.qualifier) for f in found] == expected


def test_two_years_are_two_dates_and_an_abbreviated_month_needs_a_day() -> None:
    """"de 2008 à 2016" was a range of 2,008 to 2,016; "sept ponts" (seven bridges) was September."""
    found = read_paragraph("Maire de 2008 à 2016, il a vu les crues détruire sept ponts.", "fr", "2024-06-15",
                           Gazetteer([]), set(), set())
    assert [d["value"] for d in found["dates"]] == ["2008", "2016"]
    assert [(f["span"], f["value"]) for f in found["figures"]] == [("sept", 7)]
    assert [d.value for d in dates.find("le 5 sept 2023", "fr", None)] == ["2023-09-05"]


def test_a_short_quotation_nobody_says_is_a_name_or_a_scare_quote() -> None:
    text = "His callsign was “White”, a former officer said. Residents called it “the massacre”."
    quotes, names = speech.find(text, "en", [])
    assert quotes == [] and [text[a:b] for a, b in names] == ["White"]
    said = "“We will win,” the commander said."
    quotes, _ = speech.find(said, "en", [])
    assert [said[q.start:q.end] for q in quotes] == ["We will win,"]

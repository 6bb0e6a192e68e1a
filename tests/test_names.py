"""New names in Arabic-script text (Arabic, Urdu): what `candidates` proposes, with which record and kind,
and what it must leave alone. Each case states every span proposed for its sentence."""
from __future__ import annotations

from itertools import pairwise

import pytest

from generator.extract import speech
from generator.extract.arabic_names import article_names
from generator.extract.mentions import Candidate, Gazetteer, Name, candidates
from generator.factbase.records import ACTOR_KINDS, PLACE_KINDS
from generator.text import dates

Found = list[tuple[str, str, str | None]]


def proposed(text: str, language: str = "ar", gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Candidates as `briefing extract` gets them: known names first, short quoted names from `speech`."""
    gazetteer = gazetteer or Gazetteer([])
    cal = dates.calendar(language)
    calendar = set(cal.months) | set(cal.weekdays) if cal else set()
    mentions = gazetteer.find(text)
    _, quoted = speech.find(text, language, mentions)
    return candidates(text, language, gazetteer, mentions, set(), calendar, quoted)


def names(text: str, language: str = "ar", gazetteer: Gazetteer | None = None) -> Found:
    return [(text[c.start:c.end], c.record, c.kind) for c in proposed(text, language, gazetteer)]


PERSON = ("actor", "person")


# --- titles and roles ------------------------------------------------------------------------------

def test_a_name_after_a_title_is_a_person_and_a_role_without_a_name_is_nothing() -> None:
    text = "وقال العقيد سليمان داود، قائد فرق الإنقاذ، إن الفرق تعمل بلا توقف."
    assert names(text) == [("سليمان داود", *PERSON)]


def test_adjectives_of_a_title_are_not_part_of_the_name() -> None:
    text = "وصل الرئيس الفرنسي السابق إيمانويل ماكرون إلى بلدة تيساليت يوم الخميس."
    assert names(text) == [("إيمانويل ماكرون", *PERSON), ("تيساليت", "place", "town")]


def test_a_surname_with_the_article_and_a_title_of_two_words() -> None:
    assert names("قال الرئيس السيسي إن الحكومة ستواصل الإصلاحات.") == [("السيسي", *PERSON)]
    assert names("وصل وزير الخارجية الجزائري أحمد عطاف إلى باماكو.") == [("أحمد عطاف", *PERSON)]
    assert names("قالت الحاكمة المحلية روث أوكونجو إن الطرق مغلقة.") == [("روث أوكونجو", *PERSON)]
    assert names("استقبل الرئيس محمد ولد الشيخ الغزواني الوفد.") == [("محمد ولد الشيخ الغزواني", *PERSON)]


def test_a_leader_of_an_organisation_names_both() -> None:
    text = "قال قائد قوات الدعم السريع محمد حمدان دقلو إن رئيس مجلس السيادة عبد الفتاح البرهان رفض الاتفاق."
    assert names(text) == [("قوات الدعم السريع", "actor", "armed-forces"), ("محمد حمدان دقلو", *PERSON),
                           ("مجلس السيادة", "actor", "state-body"), ("عبد الفتاح البرهان", *PERSON)]


def test_a_title_followed_by_what_describes_someone_names_no_one() -> None:
    assert names("قال قائد ميداني متمرد إن مقاتليه انسحبوا.") == []
    assert names("تعهد الرئيس بإجراء انتخابات قبل نهاية العام.") == []
    assert names("لم يوضح المتحدث عدد الجنود الذين وصلوا.") == []


def test_a_spokesman_names_what_he_speaks_for_not_himself() -> None:
    assert names("وقال المتحدث باسم الجيش المالي إن الهجوم فشل.") == [("الجيش المالي", "actor", "armed-forces")]
    assert names("قال المتحدث باسم قيادة المنطقة الشرقية إن القتال توقف.") == [
        ("قيادة المنطقة الشرقية", "actor", "organisation")]
    assert names("وقال المتحدث باسم الحكومة إن الانتخابات ستجري في موعدها.") == []   # too general to be a name
    text = "نفى الناطق الرسمي باسم الجيش الوطني الليبي اللواء أحمد المسماري الاتهامات."
    assert names(text) == [("الجيش الوطني الليبي", "actor", "armed-forces"), ("أحمد المسماري", *PERSON)]


# --- organisations and places ------------------------------------------------------------------------

def test_an_organisation_runs_over_the_words_with_the_article_after_its_first_word() -> None:
    text = "أعلنت جبهة التحرير الوطني أن وزارة الدفاع رفضت الطلب."
    assert names(text) == [("جبهة التحرير الوطني", "actor", "armed-group"), ("وزارة الدفاع", "actor", "state-body")]
    # and stops at the common noun that begins what follows it
    assert names("هاجمت جماعة بوكو حرام القرية ليلا.") == [("جماعة بوكو حرام", "actor", "organisation")]


def test_the_particle_on_an_organisations_first_word_is_not_in_its_span() -> None:
    text = "وكانت الأمطار قد بدأت قبل أسبوع وفقا لهيئة الأرصاد الجوية."
    assert names(text) == [("هيئة الأرصاد الجوية", "actor", "state-body")]


def test_what_an_organisation_or_a_place_is_like_is_not_its_name() -> None:
    assert names("هاجمت جماعة مسلحة قوات حكومية قرب مدينة ساحلية.") == []
    assert names("قال مسؤول إن قوات الأمن اعتقلت عشرات المحتجين في مركز المدينة.") == []
    assert names("تبنت جماعة جهادية الهجوم على قرية نائية.") == []   # adjectives by their ending


def test_a_place_after_a_word_for_a_place() -> None:
    text = "انسحب المقاتلون من مدينة غاو إلى منطقة الساحل، وسقطت قذائف على بلدتي ناردو وبيترين."
    assert names(text) == [("غاو", "place", "city"), ("الساحل", "place", "area"), ("ناردو", "place", "town"),
                           ("بيترين", "place", "town")]
    # "إلمورا" begins with إل, not with the article
    assert names("سقطت طائرتان فوق العاصمة إلمورا ليلا.") == [("إلمورا", "place", "city")]


def test_an_organisation_named_for_what_it_does() -> None:
    text = "بحسب المفوضية السامية للأمم المتحدة لشؤون اللاجئين، عبر ثلاثمئة لاجئ الحدود."
    assert names(text) == [("المفوضية السامية للأمم المتحدة لشؤون اللاجئين", "actor", "state-body")]
    assert names("وقالت الحكومة إن المجلس العسكري عقد اجتماعا.") == []


# --- punctuation --------------------------------------------------------------------------------------

def test_quoted_names_take_their_kind_from_the_word_before() -> None:
    text = "وأكدت حركة «أنصار الدين» أن مقاتليها دخلوا مدينة «كيدال»."
    assert names(text) == [("أنصار الدين", "actor", "political-group"), ("كيدال", "place", "city")]
    text = "أغلق الجيش قواعده في \"كيدال\" و\"تيساليت\" لكنه بقي في \"غاو\"."
    assert names(text) == [("كيدال", "place", None), ("تيساليت", "place", None), ("غاو", "place", None)]


def test_a_quoted_name_inside_reported_speech_but_not_what_is_said() -> None:
    text = "قال قائد متمرد إن مقاتليه استولوا على مدرعات من «اللواء 17» قرب بلدة عوسج."
    assert names(text) == [("اللواء 17", "actor", "armed-forces"), ("عوسج", "place", "town")]
    assert names("وقالت «المفوضية العليا للانتخابات» إن المشاركة بلغت 62%.") == [
        ("المفوضية العليا للانتخابات", "actor", "state-body")]
    assert names("وقال مسؤول إن مقاتلين من «أنصار الدين» شاركوا في الهجوم.") == [("أنصار الدين", "unknown", None)]
    assert names("وقال المبعوث إن «السلام» بات في متناول اليد.") == []
    assert names("ورفع المتظاهرون شعار «لا للحرب» أمام البرلمان.") == []
    assert names("أصدرت الرئاسة عفوا عشية «عيد الاستقلال» عن السجناء.") == []


def test_a_longer_quoted_name_needs_a_word_that_says_what_it_is() -> None:
    text = "«جماعة نصرة الإسلام والمسلمين» تتبنى الهجوم على القافلة."
    assert names(text) == [("جماعة نصرة الإسلام والمسلمين", "actor", "organisation")]
    assert names("«الشعب يريد إسقاط النظام» هتف المتظاهرون.") == []


def test_a_unit_or_a_road_called_by_a_number() -> None:
    assert names("قتل 31 شخصا في تفجير على الطريق 9.") == [("الطريق 9", "place", "site")]
    assert names("انتخب المجلس لولاية 5 سنوات.") == []   # a count, not a name


def test_names_every_reader_knows() -> None:
    assert names("قالت الأمم المتحدة إن القتال توقف.") == [("الأمم المتحدة", "actor", "international-organisation")]
    assert names("ہلال احمر کے مطابق امداد پہنچا دی گئی۔", "ur") == [("ہلال احمر", "actor", "organisation")]


def test_a_transliteration_in_parentheses_marks_the_name_before_it() -> None:
    text = "أصدرت جبهة الإنقاذ (FSN) بيانا، والتقى الوفد بأحمد سالم (Ahmed Salem) في العاصمة."
    assert names(text) == [("جبهة الإنقاذ", "actor", "armed-group"), ("FSN", "actor", "armed-group"),
                           ("أحمد سالم", "unknown", None), ("Ahmed Salem", "unknown", None)]
    text = "أعلنت الحركة الوطنية لتحرير أزواد (MNLA) سيطرتها على المدينة، ثم انسحبت MNLA منها."
    found = proposed(text, "ar")
    assert [(text[c.start:c.end], c.kind) for c in found] == [
        ("الحركة الوطنية لتحرير أزواد", "political-group"), ("MNLA", "political-group"),
        ("MNLA", "political-group")]
    # the acronym, in parentheses and later alone, is the long name's alias
    assert [text[c.alias_of[0]:c.alias_of[1]] for c in found if c.alias_of] == ["الحركة الوطنية لتحرير أزواد"] * 2


# --- repetition ---------------------------------------------------------------------------------------

def test_words_written_twice_are_a_name() -> None:
    text = "هاجم مسلحو بوكو حرام القرية، وقال سكان إن مقاتلي بوكو حرام أحرقوا المنازل."
    assert names(text) == [("بوكو حرام", "unknown", None), ("بوكو حرام", "unknown", None)]
    text = "اتهم الجيش بوكو حرام بالهجوم، ونفت وبوكو حرام ذلك."
    assert names(text) == [("بوكو حرام", "unknown", None), ("بوكو حرام", "unknown", None)]   # و cut


def test_common_phrases_written_twice_are_not_names() -> None:
    assert names("دعا الوسطاء إلى وقف إطلاق النار، لكن وقف إطلاق النار انهار.") == []
    assert names("انتشرت القوات الروسية في مالي، ثم عادت القوات الروسية إلى قواعدها.") == []
    assert names("وصلت القوات الكاميرونية إلى الحدود، ثم انسحبت القوات الكاميرونية.") == []
    assert names("وأشار التقرير إلى أن حقوق الإنسان تدهورت، وأن حقوق الإنسان لم تعد أولوية.") == []


def test_words_written_twice_inside_a_longer_name_stay_part_of_it() -> None:
    text = "دعا «الاتحاد العام لعمال الموانئ» إلى الإضراب، وشارك عمال الموانئ فيه."
    assert names(text) == [("الاتحاد العام لعمال الموانئ", "actor", "organisation")]


# --- what is never a name -----------------------------------------------------------------------------

def test_numbers_months_weekdays_and_known_names_are_not_candidates() -> None:
    assert names("وصل الرئيس يوم الأحد 12 مارس إلى المدينة.") == []
    assert names("قال السفير الثلاثاء إن المحادثات مستمرة.") == []
    known = Gazetteer([Name("place", "gao", "غاو"), Name("actor", "fln", "جبهة التحرير الوطني")])
    text = "انسحب المقاتلون من مدينة غاو، وأعلنت جبهة التحرير الوطني مسؤوليتها."
    assert names(text, gazetteer=known) == []
    assert [(m.record, m.id) for m in known.find(text)] == [("place", "gao"), ("actor", "fln")]


def test_a_paragraph_without_names_proposes_none() -> None:
    text = ("لقي ما لا يقل عن 25 شخصا حتفهم في فيضانات اجتاحت مدينة ساحلية يوم الأحد، بحسب ما أعلنته السلطات "
            "المحلية. وأضاف أن الحكومة ستعمل على تحسين الأوضاع الاقتصادية خلال الأشهر المقبلة.")
    assert names(text) == []


# --- Urdu ---------------------------------------------------------------------------------------------

def test_urdu_titles_and_offices() -> None:
    text = "وزیر اعظم شہباز شریف نے کہا کہ صوبہ پنجاب میں سیلاب سے کئی دیہات متاثر ہوئے۔"
    assert names(text, "ur") == [("شہباز شریف", *PERSON), ("پنجاب", "place", "region")]
    text = "فوج کے ترجمان میجر جنرل احمد شریف چوہدری نے بتایا کہ علاقہ خالی کرا لیا گیا۔"
    assert names(text, "ur") == [("احمد شریف چوہدری", *PERSON)]
    text = "ترجمان دفتر خارجہ ممتاز زہرہ بلوچ نے بریفنگ میں بتایا۔"
    assert names(text, "ur") == [("دفتر خارجہ", "actor", "state-body"), ("ممتاز زہرہ بلوچ", *PERSON)]


def test_urdu_names_before_and_after_the_word_that_says_what_they_are() -> None:
    text = "محکمہ موسمیات کے مطابق ضلع سوات میں بارشوں کا سلسلہ شروع ہوا۔"
    assert names(text, "ur") == [("محکمہ موسمیات", "actor", "state-body"), ("سوات", "place", "area")]
    text = "منگل کو نیشنل لبریشن فرنٹ کے جنگجوؤں نے کاروش قصبے کے قریب حملہ کیا۔"
    assert names(text, "ur") == [("نیشنل لبریشن فرنٹ", "actor", "armed-group"), ("کاروش", "place", "town")]
    text = "شمالی شہر تمسار میں دھماکہ ہوا۔"   # the name after the word, not the adjective before it
    assert names(text, "ur") == [("تمسار", "place", "city")]
    text = "امید بلا سرحد نامی تنظیم کے دس کارکنوں کو رہا کر دیا گیا۔"
    assert names(text, "ur") == [("امید بلا سرحد", "actor", "organisation")]


def test_urdu_quoted_names_and_initials() -> None:
    text = "\"لشکر طیبہ\" پر پابندی عائد کر دی گئی اور \"لشکر طیبہ\" کے دفاتر بند کر دیے گئے۔"
    assert names(text, "ur") == [("لشکر طیبہ", "actor", "armed-group"), ("لشکر طیبہ", "actor", "armed-group")]
    text = "آئی ایس پی آر کے مطابق کارروائی جاری ہے۔"
    assert names(text, "ur") == [("آئی ایس پی آر", "unknown", None)]


def test_urdu_without_names_proposes_none() -> None:
    text = ("صوبائی حکام کے مطابق اتوار کو آنے والے سیلاب میں کم از کم 18 افراد ہلاک ہو گئے۔ ریسکیو حکام نے بتایا کہ "
            "تقریباً ۲۵۰۰ خاندانوں کو محفوظ مقامات پر منتقل کیا گیا ہے اور بچے گھر پہنچے۔")
    assert names(text, "ur") == []


def test_urdu_places_after_the_word_for_their_kind_in_its_other_forms() -> None:
    text = "افغانستان کے صوبے پکتیکا میں زلزلہ آیا جبکہ جنوبی ریاست کیرالہ سے 24 افراد تھے۔"
    assert names(text, "ur") == [("پکتیکا", "place", "region"), ("کیرالہ", "place", "region")]
    assert names("راولپنڈی کے قریب سیاحتی مقام مری میں برفباری ہوئی۔", "ur")[-1] == ("مری", "place", "site")
    assert names("کویت کے جنوبی علاقے منگف میں آگ لگی۔", "ur")[-1] == ("منگف", "place", "area")


def test_urdu_organisations_by_their_last_word_and_with_the_izafat() -> None:
    text = "فرنٹیئر کور کی پلاٹونیں طلب کر لی گئیں اور قومی سلامتی کمیٹی کا اجلاس ہوا۔"
    assert names(text, "ur") == [("فرنٹیئر کور", "actor", "armed-forces"), ("قومی سلامتی کمیٹی", "actor", "state-body")]
    assert names("عالمی ادارۂ صحت نے ادویات بھیجیں۔", "ur") == [("ادارۂ صحت", "actor", "organisation")]


def test_urdu_a_title_of_two_words_and_the_noun_of_a_compound_verb() -> None:
    text = "سپریم لیڈر آیت اللہ علی خامنہ ای نے نائب صدر کو قائم مقام صدر مقرر کر دیا۔"
    assert names(text, "ur") == [("علی خامنہ ای", *PERSON)]   # not "مقرر" (appointed)
    assert names("اس کے بعد آیت اوکال قصبے کے قریب زلزلہ آیا۔", "ur") == [("آیت اوکال", "place", "town")]


def test_urdu_common_words_written_twice_are_no_name() -> None:
    assert names("ہیلی کاپٹر حادثے کا شکار ہوا اور باقی ہیلی کاپٹر واپس آ گئے۔", "ur") == []


# --- quoted words, asides and aliases ---------------------------------------------------------------------

def test_quoted_words_of_no_stated_kind_are_a_name_only_as_a_source_or_another_name() -> None:
    assert names("وقال المسؤول للصحفيين إن الحصيلة «مرشحة للارتفاع» بعد سقوط صواريخ من طراز «توماهوك».") == []
    assert names("قُتل 58 مدنيًا، بحسب «المرصد السوري لحقوق الإنسان».") == [
        ("المرصد السوري لحقوق الإنسان", "actor", "organisation")]
    assert names("بحسب ما أعلنت «لجان مقاومة المدينة» في بيان.") == [("لجان مقاومة المدينة", "actor", "organisation")]
    assert names("وقال الدفاع المدني السوري، المعروف بـ«الخوذ البيضاء»، إن غارة أصابت مركزًا.") == [
        ("الدفاع المدني", "actor", "state-body"), ("الخوذ البيضاء", "unknown", None)]
    assert names("وقالت منظمة «أطباء بلا حدود» إن المستشفى امتلأ، بحسب إذاعة «موزاييك إف إم».") == [
        ("أطباء بلا حدود", "actor", "organisation"), ("موزاييك إف إم", "actor", "media-outlet")]


def test_a_person_named_beside_a_role_between_commas() -> None:
    assert names("وقال أحمد مهاط، رئيس بعثة المنظمة في اليمن، إن المستشفى امتلأ.") == [("أحمد مهاط", *PERSON)]
    text = "وقالت منسقة الأمم المتحدة في السودان، كليمنتين نكويتا-سلامي، إنها مصدومة."
    assert names(text) == [("الأمم المتحدة", "actor", "international-organisation"),
                           ("كليمنتين نكويتا-سلامي", *PERSON)]


def test_titles_with_a_rank_with_his_and_before_a_name_shaped_as_an_adjective() -> None:
    assert names("زار رئيسه الفريق أول عبد الفتاح البرهان يوم الخميس الجرحى.") == [("عبد الفتاح البرهان", *PERSON)]
    assert names("وقال مديره رامي عبد الرحمن إن طائرات أغارت على المدينة.") == [("رامي عبد الرحمن", *PERSON)]
    assert names("وقال العميد تركي المالكي إن الموقع لم يكن محميا.") == [("تركي المالكي", *PERSON)]
    assert names("قال أبو عبيدة إن المفاوضات توقفت.") == [("أبو عبيدة", *PERSON)]


def test_other_names_in_parentheses_and_after_known_as() -> None:
    assert names("أعلنت جماعة «أنصار الله» (الحوثيين) مسؤوليتها.") == [
        ("أنصار الله", "actor", "organisation"), ("الحوثيين", "actor", "organisation")]
    assert names("ويقطن البلدة، المعروفة أيضًا باسم بخديدا أو قره قوش، نحو 50 ألف نسمة.") == [
        ("بخديدا", "unknown", None), ("قره قوش", "unknown", None)]


def test_a_list_after_a_plural_word_for_places() -> None:
    assert names("نُقل الناس إلى مراكز إيواء في ولايات المصنعة والخابورة وصحم.") == [
        ("المصنعة", "place", "region"), ("الخابورة", "place", "region"), ("صحم", "place", "region")]


def test_an_organisations_word_before_what_describes_it_names_nothing() -> None:
    assert names("أدلى الناخبون بأصواتهم في 4500 مكتب تصويت، وقُصف مركز احتجاز احتياطي.") == []
    assert names("وتلاه انفجار ثانٍ حين تجمّع المسعفون والمارة في المكان.") == []


def test_a_month_is_not_read_into_a_word_with_a_particle() -> None:
    assert names("ونُقل نحو 30 مصابًا عبر معبر باب الهوى إلى المستشفيات.") == [("باب الهوى", "place", "site")]


def test_institutions_and_agencies_every_reader_knows() -> None:
    assert names("أعلن البنتاغون أن الضربات أصابت 20 طائرة، ودفع الدفاع المدني بعشرات الآليات.") == [
        ("البنتاغون", "actor", "state-body"), ("الدفاع المدني", "actor", "state-body")]


# --- names an article marks once and writes bare again ----------------------------------------------------

def test_a_name_marked_in_one_paragraph_is_found_bare_in_the_others() -> None:
    article = ["وقال رئيس الهيئة الفريق أسامة ربيع إن قرية ود النورة تعرضت لهجوم «قوات الدعم السريع».",
               "وأضاف ربيع أن مقاتلي الدعم السريع انسحبوا من ود النورة مساء."]
    cal = dates.calendar("ar")
    assert cal is not None
    echoes = article_names(article, "ar", Gazetteer([]), set(cal.months) | set(cal.weekdays))
    found = [(article[1][c.start:c.end], c.record, c.kind)
             for c in candidates(article[1], "ar", Gazetteer([]), [], set(), set(), [], echoes=echoes)]
    assert found == [("ربيع", *PERSON), ("الدعم السريع", "actor", "armed-forces"), ("ود النورة", "place", "village")]
    assert candidates(article[1], "ar", Gazetteer([]), [], set(), set(), []) == []   # not without the article


# --- the contract ---------------------------------------------------------------------------------------

CONTRACT = [
    ("ar", "قال قائد قوات الدعم السريع محمد حمدان دقلو إن «حركة أنصار الدين» انسحبت من مدينة غاو."),
    ("ar", "أصدرت جبهة الإنقاذ (FSN) بيانا، والتقى الوفد بأحمد سالم (Ahmed Salem) في العاصمة."),
    ("ar", "اتهم الجيش بوكو حرام بالهجوم، ونفت وبوكو حرام ذلك."),
    ("ur", "پاکستان تحریک انصاف کے رہنما اسد عمر نے کہا کہ کراچی شہر میں بارش ہوئی۔"),
]


@pytest.mark.parametrize("language, text", CONTRACT)
def test_spans_are_the_names_as_written_in_order_and_apart(language: str, text: str) -> None:
    found = proposed(text, language)
    assert found, text
    assert found == sorted(found, key=lambda c: (c.start, c.end))
    for before, after in pairwise(found):
        assert before.end <= after.start                     # no two candidates share a letter
    for c in found:
        span = text[c.start:c.end]
        assert span == span.strip() and span[0] not in "«»\"()" and span[-1] not in "«»\"()"
        assert c.record in ("actor", "place", "unknown")
        assert c.kind is None or c.kind in (ACTOR_KINDS if c.record == "actor" else PLACE_KINDS)
        assert c.record != "unknown" or c.kind is None


def test_latin_names_are_found_as_before() -> None:
    text = "Mayor Helen Carter said the Kenya Red Cross had sent teams."
    assert names(text, "en") == [("Helen Carter", *PERSON), ("Kenya Red Cross", "actor", "organisation")]


# --- names in Latin script, whole --------------------------------------------------------------------

def test_a_latin_name_keeps_its_connectors_and_particles() -> None:
    text = "Fighters of Jama'a Nusrat ul-Islam wa al-Muslimin attacked the Sons of the Valley near the river."
    assert names(text, "en") == [("Jama'a Nusrat ul-Islam wa al-Muslimin", "actor", "armed-group"),
                                 ("Sons of the Valley", "place", "area")]


def test_a_list_is_split_but_and_inside_an_organisation_is_kept() -> None:
    text = ("After the battles of Bakhmut and Soledar, the Justice and Equality Movement and the Rapid Support "
            "Forces met the Ministry of Foreign Affairs and International Cooperation.")
    assert [n for n, _, _ in names(text, "en")] == [
        "Bakhmut", "Soledar", "Justice and Equality Movement", "Rapid Support Forces",
        "Ministry of Foreign Affairs and International Cooperation"]


def test_an_acronym_in_parentheses_is_the_alias_of_the_name_before_it() -> None:
    text = "The Rapid Support Forces (RSF) shelled the city; the RSF denied it."
    found = proposed(text, "en")
    assert [(text[c.start:c.end], c.kind) for c in found] == [
        ("Rapid Support Forces", "armed-forces"), ("RSF", "armed-forces"), ("RSF", "armed-forces")]
    assert [text[c.alias_of[0]:c.alias_of[1]] for c in found if c.alias_of] == ["Rapid Support Forces"] * 2


def test_cues_tell_people_from_organisations() -> None:
    text = "Russian forces of PMC Wagner withdrew, and Mohamed Hamdan Dagalo said the army had lied."
    assert names(text, "en") == [("PMC Wagner", "actor", "private-military-company"),
                                 ("Mohamed Hamdan Dagalo", *PERSON)]


def test_a_single_capitalised_word_is_a_name_only_where_grammar_does_not_capitalise_it() -> None:
    text = "Police said Malian troops and Sudanese refugees arrived in Kassala on Monday. Later, the Army left."
    assert names(text, "en") == [("Kassala", "place", None)]


def test_french_names_in_sentence_case_run_to_the_verb() -> None:
    text = ("Le Programme alimentaire mondial a distribué des vivres, selon le ministère de l'Intérieur, "
            "et l'Union générale des dockers appelle à la grève.")
    assert [n for n, _, _ in names(text, "fr")] == [
        "Programme alimentaire mondial", "ministère de l'Intérieur", "Union générale des dockers"]


def test_capitals_of_grammar_headings_and_things_are_not_names() -> None:
    text = "He said: “nobody has spoken. Neither the Ministry of Defense nor anyone else.” The IED and the UAVs hit."
    assert [n for n, _, _ in names(text, "en")] == ["Ministry of Defense"]
    assert names("Russia’s Last Hope", "en") == []   # a title in title case


def test_a_title_inside_a_run_begins_a_person_and_a_building_keeps_its_possessive() -> None:
    text = "Minas Gerais Governor Romeu Zema visited St Sebastian's Church, then Kenya's Army Day parade."
    assert [(n, r) for n, r, _ in names(text, "en")] == [
        ("Minas Gerais", "unknown"), ("Romeu Zema", "actor"), ("St Sebastian's Church", "place"),
        ("Kenya", "unknown"), ("Army Day", "actor")]


def test_a_portfolio_belongs_to_the_title_not_the_name() -> None:
    text = "His fighters joined a corps directed by Deputy Defense Minister Yunus-Bek Yevkurov."
    assert names(text, "en") == [("Yunus-Bek Yevkurov", *PERSON)]

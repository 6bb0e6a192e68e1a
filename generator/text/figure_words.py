"""The words around numbers, one table per language: what qualifies a number ("at least", "ما لا يقل عن"),
what it counts ("soldiers", "جنود"), what happened to them ("killed"), and the words that make a number
something other than a count (a measure, an age, a population, an ordinal, a point in time). No library
knows these; `figures` reads them. A language without a table still gets every number, with no qualifier
rather than a wrong one.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    """The words around numbers in one language. Keys are phrases, written naturally; see `_phrase`."""

    qualifiers_before: dict[str, str] = field(default_factory=dict)
    qualifiers_after: dict[str, str] = field(default_factory=dict)
    # Words that stand for a number ("a dozen", Urdu "ڈیڑھ" one and a half) or for a vague quantity
    # ("dozens" -> qualifier dozens).
    numbers: dict[str, tuple[int | float, str]] = field(default_factory=dict)
    # The words for one where num2words spells none: a number only before a magnitude ("ایک لاکھ") or after
    # "and" and a count ("25 سیاح اور ایک مقامی"); alone, an article.
    ones: tuple[str, ...] = ()
    vague: dict[str, str] = field(default_factory=dict)
    # Counted nouns -> (unit of model.UNITS or "", event or ""): "bodies" -> people, killed.
    nouns: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Nouns of spans of time that no unit holds ("weeks", "nights", "ساعات"): counted nouns, and spans of
    # time as "days", "months" and "years" are, for the rules on spans of time below.
    periods: tuple[str, ...] = ()
    events: dict[str, str] = field(default_factory=dict)
    range_words: tuple[str, ...] = ()
    between: tuple[str, ...] = ()
    # Arabic duals: "انقلابين" is two coups. A form in -ين that `nouns` holds is the noun's plural ("مدنيين"),
    # not its dual.
    duals: tuple[str, ...] = ()
    demonyms: bool = False   # a capitalised plural after a number counts people: "50 Russians"
    # Verbs that make "from X to Y" a change (two figures: before and after), not a range.
    changes: tuple[str, ...] = ()
    magnitudes: dict[str, int] = field(default_factory=dict)   # where num2words cannot spell them
    # Words after which a bare number is a name's ("Route 9", "اللواء 17") or an ordinal's ("الذكرى الـ 18",
    # the 18th anniversary), and after it, or after it a bare number, a time ("6 بجے", "10 h 30").
    naming: tuple[str, ...] = ()
    clock: tuple[str, ...] = ()
    # Ordinal words and endings: a number beside one is part of an ordinal ("الثالث عشر", the thirteenth;
    # "18 ویں", the 18th). Arabic's feminine forms ("الثالثة عشرة") are derived.
    ordinals: tuple[str, ...] = ()
    # Words before a number, and after it (or after "of" after it), that make it a measure rather than a
    # count of people or things: a magnitude, an age, a distance, a volume, a temperature, a share, how many
    # live in a place ("magnitude 6.8", "aged 45", "a town of 40,000 people", "70 km", "12 million cubic
    # metres", "une vingtaine de kilomètres", "بقوة 6.8 درجات", "45 سالہ", "پانچ روزہ", five-day).
    measured_by: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    # Words before a number of years that make it an age, as French writes one after any noun ("un Tunisien
    # de 31 ans", "une femme de 31 ans"). A number of years set off by commas is an age in every language
    # ("Lula, 77 ans, a", "محمد، 25 عاما،").
    aged: tuple[str, ...] = ()
    # Nouns of those who live in a place: a number of them in parentheses is the place's population ("Taza
    # (120 000 habitants)"), while "3 000 habitants ont été évacués" counts people.
    inhabitants: tuple[str, ...] = ()
    # Words after a span of time, or before it, that make it say when rather than count: a point in time
    # ("two days later", "three years after the collapse", "دو دن پہلے", "il y a trois jours", "قبل ثلاثة
    # أيام"), a window that frames another figure ("in the past 20 years", "گذشتہ چار روز", "within 50
    # days"), how long a state held beside the event ("for two nights", "pendant trois jours"). Not "after"
    # and its kind before the span, nor "N days of": "collapsed after 11 days", "11 دن بعد", "43 days in
    # captivity" are the length of the event itself.
    when_after: tuple[str, ...] = ()
    when_before: tuple[str, ...] = ()
    # A word before a span of time and one after it that make it the distance from an event named just
    # before: Urdu "حملے کے دو روز بعد" (two days after the attack), where "11 دن بعد" alone says how long.
    anchored: tuple[tuple[str, str], ...] = ()
    # Periods an authority declares (mourning, a state of emergency, a curfew): a span of time beside one
    # ("three days of national mourning", "un deuil national de trois jours", "la prolongation de trois mois
    # de l'état d'urgence") is what was decreed, not a toll of the event.
    declared: tuple[str, ...] = ()
    # Number words that are as often another word (Urdu "اسی": eighty, and "that same"): a number only
    # before a counted noun that is no span of time ("اسی افراد", but "اسی دن", "اسی طرح").
    homographs: tuple[str, ...] = ()
    # Number words written after the noun they count, or after the noun and a word that qualifies it:
    # Arabic "شرطي واحد", "حالة وفاة واحدة", "سيارة إسعاف واحدة", "جنديان اثنان".
    numbers_after: dict[str, int] = field(default_factory=dict)
    # Words after a number that make it a count of people or things counted just before: "57 people were
    # treated, six of them in intensive care".
    partitive: tuple[str, ...] = ()
    # The word some languages write for the decimal point: Urdu "۵ اعشاریہ ۹" is 5.9.
    decimal_point: tuple[str, ...] = ()


_PEOPLE_EN = ("people", "persons", "men", "women", "children", "civilians", "soldiers", "troops", "fighters",
              "militants", "rebels", "mercenaries", "officers", "policemen", "police", "personnel", "members",
              "residents", "workers", "protesters", "migrants", "refugees", "guards", "jihadists",
              "insurgents", "contractors", "citizens", "crew", "staff", "villagers", "gunmen", "students",
              "pupils", "relatives", "sons", "daughters", "brothers", "sisters", "nephews", "nieces", "cousins",
              "passengers", "tourists", "pilgrims", "worshippers", "patients", "journalists", "employees")

LEXICON: dict[str, Lexicon] = {
    "en": Lexicon(
        qualifiers_before={"at least": "at-least", "no fewer than": "at-least", "no less than": "at-least",
                           "as many as": "as-many-as", "as much as": "as-many-as", "more than": "more-than",
                           "over": "more-than", "upwards of": "more-than", "in excess of": "more-than",
                           "up to": "up-to", "at most": "up-to", "no more than": "up-to", "fewer than": "fewer-than",
                           "less than": "fewer-than", "under": "fewer-than", "not as high as": "fewer-than",
                           "about": "about", "around": "about", "approximately": "about", "roughly": "about",
                           "nearly": "about", "almost": "about", "some": "about", "an estimated": "about",
                           "estimated": "about", "close to": "about", "only": "exactly", "exactly": "exactly"},
        qualifiers_after={"or more": "at-least", "or so": "about", "at least": "at-least"},
        numbers={"a dozen": (12, ""), "dozen": (12, ""), "half a million": (500_000, ""),
                 "half-a-million": (500_000, ""), "a hundred": (100, ""), "a thousand": (1000, ""),
                 "a million": (1_000_000, ""), "a billion": (1_000_000_000, "")},
        vague={"dozens": "dozens", "scores": "dozens", "hundreds": "hundreds", "thousands": "thousands",
               "tens of thousands": "thousands", "several": "several", "a number of": "some", "a few": "some",
               "some": "some"},
        nouns={**dict.fromkeys(_PEOPLE_EN, ("people", "")),
               "bodies": ("people", "killed"), "dead": ("people", "killed"), "casualties": ("people", "casualties"),
               "victims": ("people", ""), "prisoners": ("people", "captured"), "hostages": ("people", "captured"),
               "vehicles": ("vehicles", ""), "trucks": ("vehicles", ""), "tanks": ("vehicles", ""),
               "cars": ("vehicles", ""), "pickups": ("vehicles", ""), "aircraft": ("aircraft", ""),
               "planes": ("aircraft", ""), "helicopters": ("aircraft", ""), "drones": ("aircraft", ""),
               "jets": ("aircraft", ""), "bases": ("bases", ""), "attacks": ("attacks", ""),
               "assaults": ("attacks", ""), "strikes": ("attacks", ""), "countries": ("countries", ""),
               "nations": ("countries", ""), "groups": ("groups", ""), "dollars": ("usd", ""),
               "days": ("days", ""), "months": ("months", ""), "years": ("years", ""),
               "subscribers": ("subscribers", ""), "followers": ("subscribers", ""), "coups": ("coups", ""),
               **dict.fromkeys(("districts", "provinces", "villages", "towns", "houses", "homes", "buildings",
                                "schools", "hospitals", "fires"), ("", ""))},
        periods=("weeks", "week", "nights", "night"),
        events={"killed": "killed", "killing": "killed", "died": "killed", "dead": "killed", "die": "killed",
                "deaths": "killed", "wounded": "wounded", "injured": "wounded", "injuring": "wounded",
                "captured": "captured", "capturing": "captured", "abducted": "captured", "kidnapped": "captured",
                "taken prisoner": "captured", "missing": "missing", "arrested": "arrested",
                "detained": "arrested", "executed": "killed"},
        range_words=("to", "-", "–"), between=("between", "from"),
        naming=("route", "brigade", "division", "battalion", "flight", "highway", "road", "sector", "gate", "camp",
                "unit", "zone", "block", "lot", "no", "number", "resolution", "article"),
        clock=("o'clock", "am", "pm", "a.m", "p.m", "hours", "minutes", "gmt", "utc"),
        measured_by=("magnitude", "aged", "age", "ages", "age of", "town of", "city of", "village of",
                     "district of", "region of", "province of", "country of", "island of", "metropolis of",
                     "population of", "home to"),
        measures=("km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters",
                  "metre", "meter", "cm", "mm", "feet", "ft", "inches", "kg", "kilograms", "kilos", "tonnes",
                  "tons", "litres", "liters", "hectares", "acres", "degrees", "degree", "celsius", "fahrenheit",
                  "mph", "knots", "on the richter scale", "magnitude", "year old", "years old", "year-old",
                  "years of age", "percentage points", "cubic metres", "cubic meters", "square kilometres",
                  "square kilometers", "square miles",
                  # a multiplier: "more than four times its capacity"
                  "times its", "times their", "times the", "times as", "times more", "times higher",
                  "times larger", "times greater", "times bigger"),
        inhabitants=("inhabitants", "residents"),
        when_after=("later", "earlier", "ago", "afterwards", "previously", "after", "before"),
        when_before=("past", "last", "within", "for"),
        declared=("mourning", "state of emergency", "curfew"),
        partitive=("of them", "of whom", "of those"),
        demonyms=True, changes=("increase", "increased", "increasing", "raise", "raised", "boost", "expand",
                                "grow", "grew", "rise", "rose", "reduce", "reduced", "cut", "lower", "fell",
                                "drop", "dropped", "decrease", "decreased", "went")),
    "fr": Lexicon(
        qualifiers_before={"au moins": "at-least", "pas moins de": "at-least", "plus de": "more-than",
                           "jusqu'à": "up-to", "jusqu’à": "up-to", "moins de": "fewer-than", "près de": "about",
                           "environ": "about", "quelque": "about", "quelques": "about", "presque": "about",
                           "seulement": "exactly", "seuls": "exactly"},
        qualifiers_after={"au moins": "at-least", "environ": "about"},
        numbers={"une dizaine": (10, "about"), "une douzaine": (12, "about"), "une quinzaine": (15, "about"),
                 "une vingtaine": (20, "about"), "une trentaine": (30, "about"), "une quarantaine": (40, "about"),
                 "une cinquantaine": (50, "about"), "une soixantaine": (60, "about"), "une centaine": (100, "about"),
                 "un millier": (1000, "about")},
        vague={"des dizaines": "dozens", "dizaines": "dozens", "plusieurs dizaines": "dozens",
               "plusieurs centaines": "hundreds", "quelques centaines": "hundreds", "des centaines": "hundreds",
               "centaines": "hundreds", "des milliers": "thousands", "milliers": "thousands",
               "plusieurs": "several", "quelques": "some"},
        nouns={**dict.fromkeys(("personnes", "pompiers", "soldats", "militaires", "hommes", "femmes", "enfants",
                                "civils", "combattants", "policiers", "gendarmes", "habitants", "manifestants",
                                "mercenaires", "rebelles", "jihadistes", "djihadistes", "membres", "victimes",
                                "élèves", "étudiants", "proches", "fils", "filles", "frères", "sœurs", "passagers",
                                "touristes", "pèlerins", "fidèles", "patients", "journalistes", "employés"
                                ), ("people", "")),
               "morts": ("people", "killed"), "tués": ("people", "killed"), "blessés": ("people", "wounded"),
               "otages": ("people", "captured"), "prisonniers": ("people", "captured"),
               "corps": ("people", "killed"), "véhicules": ("vehicles", ""), "camions": ("vehicles", ""),
               "blindés": ("vehicles", ""), "avions": ("aircraft", ""), "hélicoptères": ("aircraft", ""),
               "drones": ("aircraft", ""), "bases": ("bases", ""), "attaques": ("attacks", ""),
               "pays": ("countries", ""), "groupes": ("groups", ""), "dollars": ("usd", ""),
               "jours": ("days", ""), "mois": ("months", ""), "ans": ("years", ""),
               "années": ("years", ""), "abonnés": ("subscribers", ""), "coups": ("coups", ""),
               **dict.fromkeys(("districts", "provinces", "villages", "maisons", "bâtiments", "écoles", "hôpitaux",
                                "incendies"), ("", ""))},
        periods=("semaines", "semaine", "nuits", "nuit"),
        events={"tués": "killed", "tuées": "killed", "tué": "killed", "morts": "killed", "mortes": "killed",
                "décédés": "killed", "péri": "killed", "blessés": "wounded", "blessées": "wounded",
                "capturés": "captured", "enlevés": "captured", "enlevées": "captured", "arrêtés": "arrested",
                "disparus": "missing"},
        range_words=("à", "-", "–"), between=("entre", "de"),
        naming=("route", "brigade", "division", "bataillon", "vol", "secteur", "camp", "porte", "zone", "n°",
                "numéro", "résolution", "article"),
        clock=("heures", "heure", "h", "minutes", "gmt"),
        measured_by=("magnitude", "magnitude de", "âgé de", "âgée de", "âgés de", "âgées de", "âge de",
                     "homme de", "femme de", "enfant de", "garçon de", "fille de", "fillette de", "adolescent de",
                     "adolescente de", "jeune de", "bébé de", "ville de", "commune de", "village de",
                     "localité de", "bourgade de", "métropole de", "agglomération de", "région de", "province de",
                     "district de", "île de", "pays de", "population de"),
        measures=("km", "kilomètres", "kilomètre", "mètres", "mètre", "cm", "mm", "kg", "kilos", "kilogrammes",
                  "tonnes", "litres", "hectares", "degrés", "degré", "sur l'échelle de richter",
                  "de magnitude", "points de pourcentage", "mètres cubes", "kilomètres carrés", "km2",
                  "fois plus", "fois moins", "fois la", "fois le", "fois sa", "fois son", "fois leur"),
        inhabitants=("habitants", "âmes"),
        aged=("de",),
        when_after=("plus tard", "plus tôt", "auparavant", "après", "avant", "derniers", "dernières"),
        when_before=("il y a", "pendant", "durant", "en l'espace de"),
        declared=("deuil", "état d'urgence", "couvre-feu"),
        partitive=("d'entre eux", "d'entre elles"),
        changes=("augmenter", "augmenté", "porter", "porté", "passer", "passé", "réduire", "réduit", "baisser",
                 "baissé")),
    "ar": Lexicon(
        qualifiers_before={"ما لا يقل عن": "at-least", "لا يقل عن": "at-least", "أكثر من": "more-than",
                           "ما يزيد على": "more-than", "ما يزيد عن": "more-than", "أقل من": "fewer-than",
                           "ما يصل إلى": "up-to", "نحو": "about", "حوالي": "about", "قرابة": "about",
                           "زهاء": "about", "ما يقرب من": "about", "نحوَ": "about"},
        qualifiers_after={"على الأقل": "at-least", "فقط": "exactly", "على الأكثر": "up-to"},
        # A magnitude alone is one of it: "أكثر من مليون ناخب", more than a million voters.
        numbers={"اثنان": (2, ""), "اثنين": (2, ""), "اثنتان": (2, ""), "اثنتين": (2, ""), "مئة": (100, ""),
                 "ألف": (1000, ""), "مليون": (1_000_000, ""), "مليار": (1_000_000_000, ""),
                 "ستة": (6, ""), "ست": (6, ""), "خمس": (5, ""), "ثلاث": (3, ""),
                 "أربع": (4, ""), "سبع": (7, ""), "ثماني": (8, ""), "تسع": (9, ""), "عشر": (10, "")},
        vague={"عشرات": "dozens", "مئات": "hundreds", "آلاف": "thousands", "عدة": "several",
               "عدد من": "some", "بضعة": "some", "بضع": "some"},
        nouns={**dict.fromkeys(("جندي", "جنود", "عسكري", "عسكريين", "عسكريون", "رجل", "رجال", "شخص", "أشخاص", "مقاتل",
                                "مقاتلين", "مقاتلون", "مدني", "مدنيين", "مرتزق", "مرتزقة", "عنصر", "عناصر", "مسلح",
                                "مسلحين", "فرد", "أفراد", "ضابط", "ضباط", "مواطن", "مواطنين", "عضو", "أعضاء", "عامل",
                                "عمال", "عاملا", "متظاهر", "متظاهرين", "لاجئ", "لاجئين", "طفل", "أطفال", "امرأة",
                                "نساء", "شرطي", "شرطيين", "مسلحا", "جنديا", "صحفي", "صحفيين", "عاملين", "ناخب",
                                "ناخبين", "طالب", "طلاب", "تلميذ", "تلاميذ", "أقارب", "راكب", "ركاب", "سائح", "سياح",
                                "حاج", "حجاج", "مصلين", "مريض", "مرضى", "موظف", "موظفين", "مهاجر", "مهاجرين"),
                               ("people", "")),
               **dict.fromkeys(("مرحلة", "مراحل", "قرية", "قرى", "مقعد", "مقاعد", "مقبرة", "مقابر", "سفينة", "سفن",
                                "مدمرة", "مدمرات", "منزل", "منازل", "مبنى", "مباني", "مدرسة", "مدارس"), ("", "")),
               "قتيل": ("people", "killed"), "قتلى": ("people", "killed"), "جثة": ("people", "killed"),
               "وفاة": ("people", "killed"), "وفيات": ("people", "killed"), "إصابة": ("people", "wounded"),
               "إصابات": ("people", "wounded"),
               "جثث": ("people", "killed"), "جريح": ("people", "wounded"), "جرحى": ("people", "wounded"),
               "أسير": ("people", "captured"), "أسرى": ("people", "captured"), "رهينة": ("people", "captured"),
               "رهائن": ("people", "captured"), "دولة": ("countries", ""), "دول": ("countries", ""),
               "بلد": ("countries", ""), "بلدان": ("countries", ""), "دولار": ("usd", ""),
               "مركبة": ("vehicles", ""), "مركبات": ("vehicles", ""), "سيارة": ("vehicles", ""),
               "سيارات": ("vehicles", ""), "آلية": ("vehicles", ""), "آليات": ("vehicles", ""),
               "طائرة": ("aircraft", ""), "طائرات": ("aircraft", ""), "قاعدة": ("bases", ""),
               "قواعد": ("bases", ""), "هجوم": ("attacks", ""), "هجمات": ("attacks", ""),
               "مجموعة": ("groups", ""), "مجموعات": ("groups", ""), "جماعة": ("groups", ""),
               "جماعات": ("groups", ""), "انقلاب": ("coups", ""), "انقلابات": ("coups", ""),
               "يوم": ("days", ""), "أيام": ("days", ""), "شهر": ("months", ""), "أشهر": ("months", ""),
               "شهور": ("months", ""), "سنة": ("years", ""), "سنوات": ("years", ""), "عام": ("years", ""),
               "أعوام": ("years", ""), "مشترك": ("subscribers", ""), "مشتركين": ("subscribers", "")},
        periods=("أسبوع", "أسابيع", "ساعة", "ساعات", "ليلة", "ليال", "ليالي"),
        events={"قتل": "killed", "مقتل": "killed", "قتلوا": "killed", "قتلى": "killed", "مصرع": "killed",
                "لقي": "killed", "لقوا": "killed", "حتفهم": "killed", "أصيب": "wounded", "أصيبوا": "wounded",
                "إصابة": "wounded", "جرح": "wounded", "أسر": "captured", "أسروا": "captured",
                "اختطاف": "captured", "خطف": "captured", "اعتقال": "arrested", "اعتقل": "arrested"},
        range_words=("إلى", "-", "–"), between=("بين", "من"),
        naming=("اللواء", "الكتيبة", "الفرقة", "الطريق", "طريق", "رقم", "الرحلة", "المخيم", "القطاع", "البوابة",
                "المنطقة", "القرار", "المادة", "الساعة", "الـ", "الذكرى", "ذكرى"),
        clock=("صباحا", "صباحًا", "مساء", "مساءً", "ظهرا", "ظهرًا", "بتوقيت", "دقيقة", "دقائق"),
        ordinals=("الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
                  "حادي", "ثاني", "ثالث"),
        measured_by=("بقوة", "بشدة", "قوته", "قوتها", "شدته", "شدتها", "عمر", "عمره", "عمرها", "عمرهم", "سن",
                     "عدد سكانها", "عدد سكانه", "سكانها", "يقطنها", "يسكنها"),
        measures=("كلم", "كم", "كيلومتر", "كيلومترات", "كيلومترا", "متر", "أمتار", "ميل", "أميال", "سنتيمتر",
                  "كيلوغرام", "كغ", "كلغ", "طن", "أطنان", "لتر", "هكتار", "هكتارات", "درجة", "درجات", "ملم", "مم",
                  "ملليمتر", "سم", "على مقياس ريختر", "نسمة", "أضعاف", "ضعف"),
        inhabitants=("ساكن",),
        when_before=("قبل", "لمدة", "طوال"),
        when_after=("الماضية", "الماضي", "الأخيرة"),
        declared=("حداد", "حالة الطوارئ", "حظر التجول", "حظر تجول"),
        partitive=("منهم", "منهن"),
        numbers_after={"واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2},
        changes=("زيادة", "رفع", "خفض", "تقليص", "ارتفع", "انخفض"),
        duals=("جندي", "رجل", "شخص", "انقلاب", "دولة", "هجوم", "يوم", "شهر", "عام", "قاعدة", "طائرة", "مركبة",
               "سيارة", "جثة", "ضابط", "طفل", "أسبوع", "مرحلة", "مدني", "عامل", "صحفي", "قرية", "ساعة",
               "مدمرة", "سفينة")),
    "ur": Lexicon(
        # num2words spells no Urdu: the cardinals a report uses most, as Urdu writes them
        numbers={w: (n, "") for n, w in ((2, "دو"), (3, "تین"), (4, "چار"), (5, "پانچ"), (6, "چھ"), (7, "سات"),
                                          (8, "آٹھ"), (9, "نو"), (10, "دس"), (11, "گیارہ"), (12, "بارہ"),
                                          (13, "تیرہ"), (14, "چودہ"), (15, "پندرہ"), (16, "سولہ"), (17, "سترہ"),
                                          (18, "اٹھارہ"), (19, "انیس"), (20, "بیس"), (25, "پچیس"), (30, "تیس"),
                                          (40, "چالیس"), (50, "پچاس"), (60, "ساٹھ"), (70, "ستر"), (80, "اسی"),
                                          (90, "نوے"), (100, "سو"), (1000, "ایک ہزار"), (100_000, "ایک لاکھ"),
                                          (200, "دو سو"), (300, "تین سو"), (500, "پانچ سو"))}
        | {"درجن بھر": (12, "about"), "درجن": (12, ""), "تینوں": (3, ""), "دونوں": (2, ""), "ڈیڑھ": (1.5, ""),
           "ڈھائی": (2.5, "")},
        ones=("ایک",),
        qualifiers_before={"کم از کم": "at-least", "تقریباً": "about", "تقریبا": "about", "قریب": "about",
                           "لگ بھگ": "about"},
        qualifiers_after={"سے زیادہ": "more-than", "سے زائد": "more-than", "سے کم": "fewer-than", "تک": "up-to"},
        vague={"درجنوں": "dozens", "سینکڑوں": "hundreds", "ہزاروں": "thousands", "کئی": "several"},
        nouns={**dict.fromkeys(("افراد", "لوگ", "لوگوں", "فوجی", "فوجیوں", "اہلکار", "اہلکاروں", "شہری", "شہریوں",
                                "جنگجو", "مزدور", "مزدوروں", "مرد", "خواتین", "بچے", "بچوں", "طلبہ", "طالب علم",
                                "رشتہ دار", "مسافر", "مسافروں", "سیاح", "سیاحوں", "زائرین", "مریض", "ملازمین",
                                "صحافی"), ("people", "")),
               "ممالک": ("countries", ""), "ملک": ("countries", ""), "ڈالر": ("usd", ""),
               "گاڑیاں": ("vehicles", ""), "گاڑیوں": ("vehicles", ""), "حملے": ("attacks", ""),
               "حملوں": ("attacks", ""), "دن": ("days", ""), "روز": ("days", ""), "مہینے": ("months", ""),
               "ماہ": ("months", ""), "سال": ("years", ""), "برس": ("years", ""), "برسوں": ("years", ""),
               "سالوں": ("years", ""), "ہلاکتیں": ("people", "killed"), "ہلاکتوں": ("people", "killed")},
        periods=("ہفتے", "ہفتوں", "گھنٹے", "گھنٹوں", "راتیں", "راتوں"),
        events={"ہلاک": "killed", "جاں بحق": "killed", "زخمی": "wounded", "گرفتار": "arrested",
                "اغوا": "captured"},
        range_words=("سے", "-", "–"),
        magnitudes={"ہزار": 1000, "لاکھ": 100_000, "کروڑ": 10_000_000},
        naming=("روٹ", "بریگیڈ", "ڈویژن", "نمبر", "سیکٹر", "کیمپ", "شام", "صبح", "رات", "دوپہر"),
        clock=("بجے", "بج", "منٹ"),
        measured_by=("ریکٹر اسکیل پر", "عمر", "آبادی"),
        measures=("کلومیٹر", "کلو میٹر", "میٹر", "میل", "کلوگرام", "کلو", "ٹن", "ڈگری", "ایکڑ", "فٹ", "شدت",
                  "کی شدت", "سالہ", "سال کی عمر", "برس کی عمر", "نفوس", "کی آبادی", "روزہ", "منزلہ", "گنا"),
        ordinals=("ویں", "واں"),
        inhabitants=("باشندے",),
        when_after=("پہلے", "قبل", "کے اندر"),
        when_before=("گذشتہ", "گزشتہ", "پچھلے"),
        anchored=(("کے", "بعد"),),
        declared=("سوگ", "ایمرجنسی", "کرفیو"),
        decimal_point=("اعشاریہ",),
        # "سو": a hundred, and "sleep" ("سو رہے تھے"); "اسی": eighty, and "that same"
        homographs=("اسی", "سو")),
}

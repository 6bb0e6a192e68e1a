"""Arabic-script text as the generator compares it: the one owner of its rules. The marks on letters
(harakat), the letters written either way (folded to one), the digits of the Arabic script, and the
prefixes written onto words (peeled).

Arabic writes the conjunctions و and ف, the prepositions ب، ل، ك and the article ال onto the word
("وبغداد", "لبغداد", "بالحكومة"), and spells the same word with or without hamza on alef, with ى or ي,
with ة or ه. A name in the fact base must still be found in all of these, so words are compared after
`normalise` and against every reading `bare_forms` allows. Spans reported to editors always stay the
original letters of the source: these functions only decide equality, they never rewrite text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Harakat, Quranic marks and superscript alef: marks on a letter, never part of a word's identity; nor is
# tatweel, the stroke that stretches a word. As character ranges, for every pattern that needs them
# (a word here and in `segment`, the near matches of `verbatim`).
MARK_RANGES = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
_MARKS = re.compile(f"[{MARK_RANGES}{TATWEEL}]")
# Tanwin (fathatan, dammatan, kasratan): the ending of an indefinite noun or an adverb ("ليلًا").
TANWIN = re.compile("[\u064b-\u064d]")

# Letters Arabic writes either way, folded to one: alef with hamza or madda, and alef wasla, to alef;
# alef maqsura to yeh; ta marbuta to heh. The base of both foldings below.
_LETTER_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
# The same letters as Urdu and Persian write them (yeh, heh forms, keheh).
_URDU_PERSIAN_FORMS = {"ی": "ي", "ۃ": "ه", "ہ": "ه", "ک": "ك"}
# Waw and yeh carrying hamza, read as their seat.
_HAMZA_SEATS = {"ؤ": "و", "ئ": "ي"}
# Matching names (`normalise`): an Arabic name also matches itself in Urdu or Persian text, while a
# hamza's seat still tells two names apart.
_NAME_FOLD = str.maketrans({**_LETTER_FORMS, **_URDU_PERSIAN_FORMS})
# Looser, for what only orders or points, never decides: alphabetical order (`sortable`) and the
# passage a mistyped quote nearly matches (`verbatim.nearest`) fold the seats of hamza too.
LOOSE_FOLD = str.maketrans({**_LETTER_FORMS, **_HAMZA_SEATS})

# The digits of the Arabic script: Arabic-Indic, and the extended forms Persian and Urdu write.
ARABIC_INDIC_DIGITS, EXTENDED_DIGITS, LATIN_DIGITS = "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "0123456789"
# Any digit of either script, as a character class's contents ("[" + DIGIT + "]").
DIGIT = (f"{LATIN_DIGITS[0]}-{LATIN_DIGITS[-1]}{ARABIC_INDIC_DIGITS[0]}-{ARABIC_INDIC_DIGITS[-1]}"
         f"{EXTENDED_DIGITS[0]}-{EXTENDED_DIGITS[-1]}")
# Every digit read as the Latin digit it is: "١٥" and "۱۵" are 15.
DIGIT_FOLD = str.maketrans(ARABIC_INDIC_DIGITS + EXTENDED_DIGITS, LATIN_DIGITS * 2)

# A word of Arabic script, with the marks that may sit on its letters.
WORD = re.compile(f"[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f{MARK_RANGES}{TATWEEL}]+")
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
_ARTICLE = "ال"


def is_arabic_script(text: str) -> bool:
    """Whether most letters of `text` are Arabic script (Arabic, Urdu, Persian, …)."""
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if WORD.fullmatch(ch))
    return bool(letters) and arabic * 2 > len(letters)


def normalise(word: str) -> str:
    """The word without diacritics and with alef, ya and ta marbuta variants folded."""
    return _MARKS.sub("", word).translate(_NAME_FOLD)


def latin_digits(text: str) -> str:
    """`text` with every Arabic-Indic and extended digit written as the Latin digit it is."""
    return text.translate(DIGIT_FOLD)


def sortable(text: str) -> str:
    """Arabic text as alphabetical order reads it: marks dropped, letter forms and hamza seats folded, and
    each word without its article ("القوات" files under ق). The article is found before the folding: "ألمانيا"
    begins with hamza on alef, not with "ال", and files under ا."""
    return " ".join(core(word).translate(LOOSE_FOLD) for word in _MARKS.sub("", text).split())


def core(word: str) -> str:
    """A normalised word without its article, so "الجزائر" and "جزائر" compare equal."""
    return word[len(_ARTICLE):] if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE) + 1 else word


@lru_cache(maxsize=1 << 16)  # words repeat: a source's thousands of tokens are a few hundred words
def bare_forms(word: str, prepositions: tuple[str, ...] = _PREPOSITIONS) -> frozenset[str]:
    """Every reading of a normalised word with its attached conjunction, preposition and article peeled.

    "وبغداد" gives {"وبغداد", "بغداد", …}; "للحكومه" gives {"للحكومه", "حكومه", …}. The word itself is
    always among them, so a name that really begins with و، ف، ب، ل or ك still matches.
    """
    forms = {word}
    for conj in _CONJUNCTIONS:
        if not word.startswith(conj):
            continue
        rest = word[len(conj):]
        for prep in prepositions:
            if not rest.startswith(prep):
                continue
            stem = rest[len(prep):]
            forms.add(stem)
            forms.add(core(stem))
        if rest.startswith("لل"):  # ل + ال, written with one alef dropped
            forms.add(rest[2:])
    return frozenset(f for f in forms if len(f) >= 2)


# The prepositions a name may carry written onto it, besides و and ف ("وبكييف", "للجيش"). Not ك: far
# more words begin with it than carry it as "like".
NAME_PREPOSITIONS = ("", "ب", "ل")


# Letters to Latin, for ids made from Arabic file names: a reading aid, not a transliteration standard.
_ROMAN = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "a", "و": "w", "ؤ": "w", "ي": "y", "ى": "a", "ئ": "y", "ء": "", "پ": "p", "چ": "ch", "ژ": "zh",
    "گ": "g", "ک": "k", "ی": "y"}) | str.maketrans(ARABIC_INDIC_DIGITS, LATIN_DIGITS)


def romanise(text: str) -> str:
    """Arabic-script letters spelled in Latin letters ("خبر عاجل" -> "khbr ajl"); the rest unchanged."""
    return _MARKS.sub("", text).translate(_ROMAN)


# The consonants of a name, by sound, the same in Latin letters and in the Arabic script's: what a name written
# in one keeps when written in the other ("Paktika" and «پکتیکا» are both PKTK). Vowels, and the letters that
# write them or breath (ا و ي ی ے ه ہ ھ ع ء, h w y), are left out; letters one script tells apart and the other
# does not share a class (ت ط ٹ are T; ك ک ق خ are K; س ص ث ش sh are S).
_SKELETON_ARABIC = str.maketrans({
    **dict.fromkeys("بپ", "B"), **dict.fromkeys("تطٹث", "T"), **dict.fromkeys("دڈضذ", "D"),
    **dict.fromkeys("كکقخ", "K"), **dict.fromkeys("گغ", "G"), **dict.fromkeys("جژ", "J"), "چ": "C",
    **dict.fromkeys("سصش", "S"), **dict.fromkeys("زظ", "Z"), "ف": "F", "م": "M", **dict.fromkeys("نں", "N"),
    "ل": "L", **dict.fromkeys("رڑ", "R"), **dict.fromkeys("اأإآٱوؤيئىیےهہھةعء", "")})
_LATIN_PAIRS = (("sh", "S"), ("ch", "C"), ("kh", "K"), ("gh", "G"), ("th", "T"), ("dh", "D"), ("ph", "F"),
                ("zh", "J"), ("ck", "K"), ("qu", "K"))
_SKELETON_LATIN = str.maketrans({**dict.fromkeys("bp", "B"), "t": "T", "d": "D", **dict.fromkeys("kqc", "K"),
                                 "g": "G", "j": "J", **dict.fromkeys("sç", "S"), **dict.fromkeys("zx", "Z"),
                                 **dict.fromkeys("fv", "F"), "m": "M", "n": "N", "l": "L", "r": "R",
                                 **dict.fromkeys("aeiouyhw'’-", "")})


def skeleton(name: str) -> str:
    """The consonants of a name, by sound, in either script; doubled ones once ("Kassala", «كسلا»: KSL)."""
    if is_arabic_script(name):
        letters = core(normalise(name.replace(" ", ""))) if name.startswith("ال") else normalise(name).replace(" ", "")
        out = letters.translate(_SKELETON_ARABIC)
    else:
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(ch))
        for pair, sound in _LATIN_PAIRS:
            folded = folded.replace(pair, sound)   # a capital: the table below leaves it as it is
        out = folded.replace(" ", "").translate(_SKELETON_LATIN)
    out = "".join(ch for ch in out if ch.isalpha() and ch.isupper())
    return "".join(ch for i, ch in enumerate(out) if i == 0 or ch != out[i - 1])


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) for every Arabic-script word of `text`, in order."""
    return [(m.start(), m.end(), normalise(m.group())) for m in WORD.finditer(text)]


# A name in Arabic-script text keeps its identity: its digits (of any script: "1" and "١" are one digit)
# and any Latin letters in it count, so "قيادة الوحدة 1" is not "قيادة الوحدة 2" nor "CSP-PSD" "CSP".
NAME_TOKEN = re.compile(WORD.pattern + f"|[{DIGIT}]+" + r"|[A-Za-z\u00c0-\u024f]+")


def name_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every word of a name's or a text's, for matching names: Arabic-script
    words normalised, digits as Latin digits, Latin words in lower case."""
    out = []
    for m in NAME_TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            token = latin_digits(token)
        elif token[0].isascii() or "\u00c0" <= token[0] <= "\u024f":
            token = token.lower()
        else:
            token = normalise(token)
        out.append((m.start(), m.end(), token))
    return out

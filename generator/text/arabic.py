"""Arabic-script words as a matcher sees them: spelling variants folded, attached prefixes peeled.

Arabic writes the conjunctions و and ف, the prepositions ب، ل، ك and the article ال onto the word
("وبغداد", "لبغداد", "بالحكومة"), and spells the same word with or without hamza on alef, with ى or ي,
with ة or ه. A name in the fact base must still be found in all of these, so words are compared after
`normalise` and against every reading `bare_forms` allows. Spans reported to editors always stay the
original letters of the source: these functions only decide equality, they never rewrite text.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Harakat, Quranic marks, superscript alef and tatweel: never part of a word's identity.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Alef with hamza or madda -> alef; alef maqsura and Persian/Urdu yeh -> yeh; ta marbuta and Urdu heh
# forms -> heh; keheh -> kaf. The last two let an Arabic name match the same name in Urdu or Persian text.
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ۃ": "ه",
                       "ہ": "ه", "ک": "ك"})
# A word of Arabic script, with the marks that may sit on its letters.
WORD = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u0610-\u061a\u064b-\u065f"
                  "\u0670\u06d6-\u06ed\u0640]+")
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
    return _MARKS.sub("", word).translate(_FOLD)


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
    "گ": "g", "ک": "k", "ی": "y", "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6",
    "٧": "7", "٨": "8", "٩": "9"})


def romanise(text: str) -> str:
    """Arabic-script letters spelled in Latin letters ("خبر عاجل" -> "khbr ajl"); the rest unchanged."""
    return _MARKS.sub("", text).translate(_ROMAN)


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) for every Arabic-script word of `text`, in order."""
    return [(m.start(), m.end(), normalise(m.group())) for m in WORD.finditer(text)]


# A name in Arabic-script text keeps its identity: its digits (of any script: "1" and "١" are one digit)
# and any Latin letters in it count, so "قيادة الوحدة 1" is not "قيادة الوحدة 2" nor "CSP-PSD" "CSP".
NAME_TOKEN = re.compile(WORD.pattern + r"|[0-9\u0660-\u0669\u06f0-\u06f9]+|[A-Za-z\u00c0-\u024f]+")
_DIGIT_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def name_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every word of a name's or a text's, for matching names: Arabic-script
    words normalised, digits as Latin digits, Latin words in lower case."""
    out = []
    for m in NAME_TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            token = token.translate(_DIGIT_FOLD)
        elif token[0].isascii() or "\u00c0" <= token[0] <= "\u024f":
            token = token.lower()
        else:
            token = normalise(token)
        out.append((m.start(), m.end(), token))
    return out

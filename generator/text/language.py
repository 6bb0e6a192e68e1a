"""The language of a text, as a BCP 47 code, for ingest (a new source's `language`) and extract.

`detect_language` decides by script and a few stopwords: it cannot tell French from Italian
in a short text, and within the Arabic script it relies on a handful of letters. lingua
(lingua-language-detector) scores character n-grams with models compiled into its wheel: no network,
no data to download, deterministic, and accurate on a sentence. It is restricted to the languages a
newsroom dossier meets, so that short texts are not scattered over a hundred candidates; outside that
set, and when lingua declines to decide, the script rules answer.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_URDU_LETTERS = set("ٹڈڑںےۓھ")
_PERSIAN_LETTERS = set("پچژگکی")
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "was", "with", "for", "on", "said", "by", "as"},
    "fr": {"le", "la", "les", "des", "et", "est", "une", "dans", "pour", "que", "qui", "du", "au", "sur"},
    "es": {"el", "los", "las", "del", "y", "es", "una", "en", "por", "que", "con", "para", "se", "su"},
    "de": {"der", "die", "das", "und", "ist", "ein", "eine", "nicht", "mit", "den", "von", "zu", "im", "sich"},
}


def detect_language(text: str) -> str:
    """A BCP 47 code for the text, from its script and, in Latin script, its commonest words.

    Deliberately simple: an editor confirms the language in the source file, and ingest never
    overwrites what an editor set.
    """
    arabic = latin = cyrillic = 0
    urdu = persian = 0
    for ch in text:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f":
            arabic += 1
            urdu += ch in _URDU_LETTERS
            persian += ch in _PERSIAN_LETTERS
        elif (ch.isalpha() and ch.isascii()) or "\u00c0" <= ch <= "\u024f":
            latin += 1
        elif "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
    if arabic >= max(latin, cyrillic) and arabic:
        if urdu > arabic * 0.01:
            return "ur"
        if persian > arabic * 0.02:
            return "fa"
        return "ar"
    if cyrillic > latin:
        return "ru"
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(sorted(scores), key=lambda lang: scores[lang])
    return best if scores[best] else "und"



# ISO 639-1 codes of the languages lingua chooses among. Urdu and Persian sit beside Arabic so that
# text in the Arabic script is not called Arabic just for its letters.
CANDIDATES = ("ar", "ur", "fa", "en", "fr", "es", "pt", "de", "it", "nl", "tr", "pl", "ro", "sw", "so", "id",
              "ru", "uk", "be", "bg", "sr", "mk", "kk", "he", "hi", "el", "hy", "ka", "zh", "ja", "ko")
# Below this much confidence lingua's answer is not taken over the script rules.
_MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector() -> Any:
    """lingua's detector, built once per process; its models load lazily, per language met."""
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a declared dependency
        return None
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str) -> str:
    """A BCP 47 code for `text` ("und" when it has no words to judge by)."""
    fallback = detect_language(text)
    detector = _detector()
    if detector is None or fallback == "und":
        return fallback
    values = detector.compute_language_confidence_values(text)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return fallback
    return values[0].language.iso_code_639_1.name.lower()

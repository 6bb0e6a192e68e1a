"""The language of a text, as a BCP 47 code, for ingest (a new source's `language`) and extract.

`sources.detect_language` decides by script and a few stopwords: it cannot tell French from Italian
in a short text, and within the Arabic script it relies on a handful of letters. lingua
(lingua-language-detector) scores character n-grams with models compiled into its wheel: no network,
no data to download, deterministic, and accurate on a sentence. It is restricted to the languages a
newsroom dossier meets, so that short texts are not scattered over a hundred candidates; outside that
set, and when lingua declines to decide, the script rules answer.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import sources

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
    fallback = sources.detect_language(text)
    detector = _detector()
    if detector is None or fallback == "und":
        return fallback
    values = detector.compute_language_confidence_values(text)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return fallback
    return values[0].language.iso_code_639_1.name.lower()

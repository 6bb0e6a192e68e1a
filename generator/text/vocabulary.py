"""The most frequent words of each language extract has rules for, from wordfreq's lists (built by
`scripts/build_vocabulary.py` into `generator/data/vocabulary.json`; README, "Place data").

A gazetteer names a town after nearly every common word («الأمن», «يوما», «شام», «بیان»); a place whose name
is one of a language's five thousand most frequent words is proposed only where the place is large or the text
announces it. Words are kept as extract compares them: Arabic-script words folded (`arabic.normalise`, the
article cut), others case folded.
"""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from generator.errors import BriefingError
from generator.shipped import REINSTALL
from generator.text import arabic

DATA = "vocabulary.json"


@cache
def _data() -> dict[str, dict[str, list[str]]]:
    path = files("generator") / "data" / DATA
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"words": dict(data["words"]), "homonyms": dict(data.get("homonyms", {}))}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BriefingError(f"the installed generator's word lists are missing or damaged ({path}: {error}); "
                            f"{REINSTALL}") from error


def fold(word: str) -> str:
    """A word as the lists are compared: Arabic script folded and without its article, else case folded."""
    return arabic.core(arabic.normalise(word)) if arabic.is_arabic_script(word) else word.casefold()


@cache
def common(language: str) -> frozenset[str]:
    """The language's most frequent words, folded; empty for a language without a list."""
    return frozenset(fold(w) for w in _data()["words"].get(language.split("-")[0], []))


def homonym(word: str, language: str) -> bool:
    """A country's name that the language writes more often for something else (Urdu «شام», the evening): a
    place only where the text announces one. The list is in the data file, beside the words."""
    return fold(word) in _homonyms(language.split("-")[0])


@cache
def _homonyms(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _data().get("homonyms", {}).get(language, []))

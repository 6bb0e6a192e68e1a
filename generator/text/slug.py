"""Ids made from text: a seed's file name, a name promoted to a record.

An id is a slug (`[a-z0-9][a-z0-9-]*`, no longer than the schema allows). Accents are dropped ("Été" ->
"ete"), Arabic letters spelled in Latin ones; text in another script gets an id made from it, so two
such texts never share one.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata

from generator.text import arabic

# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
                                "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "ı": "i"})


def slug(text: str, what: str, longest: int) -> str:
    """`text` as an id of at most `longest` characters (the schema's `longest`); where letters were lost,
    `what` ("source", "name") and a mark of the text keep it its own."""
    latin = unicodedata.normalize("NFKD", arabic.romanise(text).translate(_LATIN_LETTERS))
    latin = "".join(ch for ch in latin if not unicodedata.combining(ch))
    made = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    mark = hashlib.sha256(os.fsencode(text)).hexdigest()[:8]
    if not made or any(ch.isalpha() and not ch.isascii() for ch in latin):  # letters the slug lost
        made = "-".join(filter(None, [made, what, mark]))
    if len(made) > longest:  # cut, and kept its own by the mark
        made = f"{made[:longest - len(mark) - 1].rstrip('-')}-{mark}"
    return made

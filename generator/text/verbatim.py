"""Whether a quote occurs verbatim in a paragraph: the one place that decides if a citation holds.

Ingest, check, extract and the pages all call it, so a citation that passes the check is the one
the page highlights. Only typographic quotes and runs of spaces are folded: never case, never
diacritics.
"""
from __future__ import annotations

import functools
import unicodedata

from generator.text.seedtext import Paragraph

# Curly and straight quotes are folded; nothing else (never case, never diacritics).
_QUOTE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})

@functools.lru_cache(maxsize=512)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """Fold text for quote comparison and keep, for every folded character, its index in `text`.
    Cached: extraction and checking look up many quotes in the same paragraph."""
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            index.append(i - 1)
            pending_space = False
        for piece in unicodedata.normalize("NFC", ch).translate(_QUOTE_FOLD):
            out.append(piece)
            index.append(i)
    return "".join(out), tuple(index)


def fold_text(text: str) -> str:
    return fold(unicodedata.normalize("NFC", text))[0]


def find_quote(paragraph: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` occurs in `paragraph` (start, end in the paragraph's own text), or None."""
    needle = fold_text(quote)
    if not needle:
        return None
    hay, index = fold(paragraph)
    at = hay.find(needle)
    if at < 0:
        return None
    return index[at], index[at + len(needle) - 1] + 1


def paragraphs_containing(paragraphs: list[Paragraph], quote: str) -> list[str]:
    """Ids of every paragraph where the quote occurs, used to say where a misplaced quote really is."""
    return [p.id for p in paragraphs if find_quote(p.text, quote) is not None]

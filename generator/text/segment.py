"""Sentences, words and quotation marks of a paragraph, as offsets into its own text.

Every finder of `extract` works on these offsets, so that whatever it proposes is cut from the
paragraph exactly as written: a span is always `text[start:end]`, never a retyped or normalised copy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.text.arabic import MARK_RANGES

# A word: letters, digits and combining marks, joined across inner apostrophes, hyphens and the
# separators of a number ("Kenya’s", "half-a-million", "2,000", "2.5", "2 000" with a no-break space).
_LETTERS = rf"[\w{MARK_RANGES}]+"
WORD = re.compile(rf"{_LETTERS}(?:(?:[-’'.,\u066b\u066c]|(?<=\d)[\u202f\u00a0](?=\d)){_LETTERS})*")
_SENTENCE_END = re.compile(r"[.!?؟۔…]+[\"”’»)\]]*(?=\s+|$)")
# A line of a document that ends like this closes a sentence (or introduces a list): where a wrapped paragraph
# can end, for the readers of text seeds and PDFs.
LINE_CLOSES = (".", "!", "?", "…", "؟", "۔", ":", '"', "”", "»", ")")
# Words after which a full stop does not end the sentence.
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "no", "vs", "etc",
                  "u.s", "u.k", "u.n", "m", "mme", "jr", "sr", "prof", "rep", "sen", "gov"}
# Opening mark -> closing mark of a quotation.
QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“"}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of `text[start:end]`, with offsets in `text`; a trailing separator is not part of a word."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, stop)]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span `text[start:end]` without the spaces at its ends: what lies inside quotation marks or
    parentheses, as a finder proposes it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quotations(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotation marks of each quotation, in order; unclosed ones are skipped."""
    found: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        ch = text[at]
        closing = QUOTE_PAIRS.get(ch)
        if closing is None:
            at += 1
            continue
        end = text.find(closing, at + 1)
        if end < 0:
            at += 1
            continue
        found.append((at, end))
        at = end + 1
    return found


@lru_cache(maxsize=256)   # every finder of extract asks for a paragraph's sentences
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; never split inside a quotation or after an abbreviation."""
    inside = quotations(text)
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if any(open_ < m.start() < close for open_, close in inside):
            continue
        before = text[start:m.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if m.group().startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        bounds.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return tuple(bounds)


_OPENING = re.compile(r"[:“«\"(—–]\s*(?=\w)")


@lru_cache(maxsize=256)
def grammatical_capitals(text: str) -> frozenset[int]:
    """Offsets where grammar capitalises a word, whatever it is: the first word of a sentence, also of one
    quoted inside another ("… on this issue. Neither the …" in a quotation), of a quotation and after a colon."""
    starts = {s for s, _ in sentences(text)}
    for m in _SENTENCE_END.finditer(text):
        before = text[:m.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if not (m.group().startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()))):
            rest = len(text) - len(text[m.end():].lstrip())
            starts.add(rest)
    starts.update(m.end() for m in _OPENING.finditer(text))
    return frozenset(starts)


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence that holds `offset`."""
    for start, end in sentences(text):
        if start <= offset < end:
            return start, end
    return 0, len(text)

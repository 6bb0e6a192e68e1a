"""Whether a quote occurs verbatim in a paragraph: the one place that decides if a citation holds.

Ingest, check, extract and the pages all call it, so a citation that passes the check is the one
the page highlights. Only typographic quotes and runs of spaces are folded: never case, never
diacritics.
"""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.text import arabic
from generator.text.escape import DIRECTION_CONTROLS
from generator.text.seedtext import Paragraph

# Curly and straight quotes are folded; nothing else (never case, never diacritics).
_QUOTE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
# Direction controls (a seed's RLM around a number, say) are left out: a record may not hold them (the YAML
# loader refuses them), so a quote is written without them and still holds.
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")

# Text that folds to itself: single spaces between words, no other space, no typographic quote, no
# direction control.
_PLAIN = re.compile(f"(?:[^\\s\u2018-\u201f{DIRECTION_CONTROLS}]+(?: [^\\s\u2018-\u201f{DIRECTION_CONTROLS}]+)*)?")


def unmarked(passage: str) -> str:
    """A seed's passage as a record quotes it: without its direction controls."""
    return _DIRECTION.sub("", passage)


@functools.lru_cache(maxsize=512)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """Fold text for quote comparison and keep, for every folded character, its index in `text`.
    Cached: extraction and checking look up many quotes in the same paragraph."""
    if _PLAIN.fullmatch(text) and unicodedata.is_normalized("NFC", text):
        return text, tuple(range(len(text)))   # nothing to fold: most paragraphs, at C speed
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if _DIRECTION.match(ch):
            continue
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


@functools.lru_cache(maxsize=1 << 17)   # check, then each language's pages, ask for the same passages
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


# --- the nearest passage, for a quote that is not verbatim ---------------------------------------

# Folded away only to find what a quote nearly matches, never to accept it: Arabic marks and tatweel
# (and the joiners and direction marks), Arabic letter forms and the seats of hamza (`arabic.LOOSE_FOLD`),
# typographic quotes and dashes, case.
_LOOSE = arabic.LOOSE_FOLD | str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                                           "«": '"', "»": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_MARK = re.compile(f"[{arabic.MARK_RANGES}{arabic.TATWEEL}\u200c-\u200f]")
# A passage is "near" when this share of it matches the quote.
NEAR = 0.8


@dataclass(frozen=True)
class Near:
    """Where a quote nearly occurs: the paragraph, the passage as the source writes it, and how alike."""

    paragraph: str
    passage: str
    ratio: float

    def differences(self, quote: str, limit: int = 3) -> list[str]:
        """What differs, word by word ("'Russains' in the quote, 'Russians' in the source"), and, where two
        words differ only by marks or letter forms, the characters themselves."""
        a, b = quote.split(), self.passage.split()
        out = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            theirs, ours = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            if theirs and ours and _loose(theirs)[0] == _loose(ours)[0]:
                chars = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False).get_opcodes()
                out += [f"{_shown(theirs[c1:c2])} in the quote, {_shown(ours[d1:d2])} in the source (in {ours!r})"
                        for cop, c1, c2, d1, d2 in chars if cop != "equal"]
            else:
                out.append(f"{_shown(theirs)} in the quote, {_shown(ours)} in the source")
        return out[:limit] + ([f"and {len(out) - limit} more"] if len(out) > limit else [])


def _shown(text: str) -> str:
    if not text:
        return "nothing"
    if all(unicodedata.combining(ch) or _MARK.match(ch) or ch.isspace() for ch in text):
        return " + ".join(unicodedata.name(ch, f"U+{ord(ch):04X}").lower() for ch in text)
    return repr(text)


def _loose(text: str) -> tuple[str, list[int]]:
    """The text folded loosely, with the index in `text` of each kept character."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(unicodedata.normalize("NFC", text)):
        if _MARK.match(ch):
            continue
        ch = ch.translate(_LOOSE).casefold()
        if ch.isspace():
            if not out or out[-1] == " ":
                continue
            ch = " "
        out.extend(ch)
        index.extend([i] * len(ch))
    return "".join(out), index


def nearest(paragraphs: list[Paragraph], quote: str, first: str | None = None) -> Near | None:
    """The passage that the quote most nearly matches, in the paragraph `first` if it has one near
    enough, else anywhere in the source; None when nothing is near."""
    needle, _ = _loose(quote)
    if len(needle) < 4:
        return None
    best: Near | None = None
    ordered = sorted(paragraphs, key=lambda p: p.id != first)
    for paragraph in ordered:
        hay, index = _loose(paragraph.text)
        found = _closest_window(hay, needle)
        if found is None:
            continue
        start, end, ratio = found
        while end - start > 1 and not hay[end - 1].isalnum() and hay[end - 1] != needle[-1]:
            end -= 1   # punctuation the quote does not end with: "away." for "away"
        while end - start > 1 and not hay[start].isalnum() and hay[start] != needle[0]:
            start += 1
        original = unicodedata.normalize("NFC", paragraph.text)
        near = Near(paragraph.id, original[index[start]:index[end - 1] + 1], ratio)
        if paragraph.id == first and ratio >= NEAR:
            return near
        if best is None or ratio > best.ratio:
            best = near
    return best if best is not None and best.ratio >= NEAR else None


def _closest_window(hay: str, needle: str) -> tuple[int, int, float] | None:
    """(start, end, ratio) of the stretch of `hay` most like `needle`, trimmed to whole words."""
    if not hay:
        return None
    at = hay.find(needle)
    if at >= 0:
        return at, at + len(needle), 1.0
    matcher = difflib.SequenceMatcher(a=hay, b=needle, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    best: tuple[int, int, float] | None = None
    for block in sorted(blocks, key=lambda b: -b.size)[:5]:
        start = max(0, block.a - block.b)
        for width in {len(needle) - 2, len(needle) - 1, len(needle), len(needle) + 1, len(needle) + 2}:
            end = min(len(hay), start + max(width, 1))
            s, e = _to_words(hay, start, end)
            ratio = difflib.SequenceMatcher(a=hay[s:e], b=needle, autojunk=False).ratio()
            if best is None or ratio > best[2]:
                best = (s, e, ratio)
    return best


def _to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a stretch to the word boundaries around it, so the passage shown is whole words."""
    while start > 0 and not text[start - 1].isspace() and not text[start].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace() and not text[end - 1].isspace():
        end += 1
    return start, max(end, start + 1)

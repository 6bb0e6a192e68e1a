"""The word-level change between two texts, as `diff` shows a long changed value, in time proportional
to their length however long they are: comparing words alone costs the product of the two lengths
(60,000 words took a minute, a megabyte never ended)."""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

_WORDS = re.compile(r"^\s+|\S+\s*")  # a word with the space after it: a changed phrase is one run
# Coarser pieces a long text is split into before its words are compared: lines, then sentences.
_PIECES = (re.compile(r"[^\n]*\n|[^\n]+"), re.compile(r"[^.!?\u061f]+[.!?\u061f]*\s*|[.!?\u061f]+\s*"))
# Comparing words costs up to the product of the two sides' lengths (a text of one repeated word is the
# worst case): a changed stretch is compared word by word only up to this many words a side. A longer
# one is first split into lines, then sentences, and the changed ones compared; one that still has more
# words (a sentence of thousands) is shown removed and added whole, and the report says so.
WORD_DIFF_WORDS = 1000
# Lines or sentences are compared exactly up to this many pairs of equal pieces (see `_pieces`).
PIECE_PAIRS = 200_000


@dataclass(frozen=True)
class WordDiff:
    """(op, text) runs from an old text to a new one: "=" kept, "-" removed, "+" added; `whole` counts
    the stretches too long to compare word by word (`WORD_DIFF_WORDS`), shown removed and added whole."""
    runs: tuple[tuple[str, str], ...]
    whole: int = 0

    def note(self) -> str | None:
        """What the reader is told when a stretch was shown whole rather than word by word."""
        if not self.whole:
            return None
        return (f"{self.whole} changed stretch(es) of more than {WORD_DIFF_WORDS:,} words shown removed and added "
                "whole, not word by word (a longer stretch is compared line by line or sentence by sentence, and "
                "none of these lines or sentences is found on both sides); see git diff of the file")


def word_diff(old: str, new: str) -> WordDiff:
    """The word-level change from `old` to `new`, in time proportional to their length: see `WORD_DIFF_WORDS`."""
    runs: list[tuple[str, str]] = []
    whole = _compare(old, new, 0, runs)
    merged: list[tuple[str, str]] = []
    for op, text in runs:   # stretches compared apart can leave two runs of one kind side by side
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return WordDiff(tuple(merged), whole)


def _compare(old: str, new: str, level: int, runs: list[tuple[str, str]]) -> int:
    """Append the runs from `old` to `new` to `runs`: word by word when both are short enough, else
    piece by piece at `level` (lines, then sentences) with the changed pieces compared again. Returns
    how many stretches were shown whole."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    if len(a) <= WORD_DIFF_WORDS and len(b) <= WORD_DIFF_WORDS:
        return _runs(a, b, runs)
    while level < len(_PIECES):
        a, b = _PIECES[level].findall(old), _PIECES[level].findall(new)
        level += 1
        if len(a) > 1 or len(b) > 1:
            return _pieces(a, b, runs, partial(_compare, level=level, runs=runs))
    runs += [(op, text) for op, text in (("-", old), ("+", new)) if text]
    return 1


def _runs(a: list[str], b: list[str], runs: list[tuple[str, str]],
          again: Callable[[str, str], int] | None = None) -> int:
    """Append the runs of `a` against `b`, compared exactly; a replaced stretch goes to `again` when given."""
    whole = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        was, now = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            runs.append(("=", was))
        elif op == "replace" and again is not None:
            whole += again(was, now)
        else:
            runs += [(sign, text) for sign, text in (("-", was), ("+", now)) if text]
    return whole


def _pieces(a: list[str], b: list[str], runs: list[tuple[str, str]], again: Callable[[str, str], int]) -> int:
    """Append the runs of pieces `a` against `b`. Compared exactly while they hold few pairs of equal
    pieces (`PIECE_PAIRS`: what one pass of difflib visits); past that (a long text with many blank or
    repeated lines), pieces found once on each side and in the same order anchor the comparison (as a
    patience diff does), and what lies between two anchors is compared again, in time near linear."""
    counts = Counter(b)
    if sum(counts[piece] for piece in a) <= PIECE_PAIRS:
        return _runs(a, b, runs, again)
    once_in_a = Counter(a)
    where_in_b = {piece: j for j, piece in enumerate(b) if counts[piece] == 1}
    pairs = [(i, where_in_b[piece]) for i, piece in enumerate(a) if once_in_a[piece] == 1 and piece in where_in_b]
    whole, i0, j0 = 0, 0, 0
    for i, j in [*_in_order(pairs), (len(a), len(b))]:
        was, now = "".join(a[i0:i]), "".join(b[j0:j])
        if was == now:
            runs.append(("=", was))
        elif was and now:
            whole += again(was, now)
        else:
            runs += [(sign, text) for sign, text in (("-", was), ("+", now)) if text]
        if i < len(a):
            runs.append(("=", a[i]))
        i0, j0 = i + 1, j + 1
    return whole


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (in order of their first index) whose second indexes rise too."""
    tails: list[int] = []                 # tails[k]: the smallest second index ending a run of k + 1
    ends: list[int] = []                  # the pair at tails[k]
    before: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        before[n] = ends[k - 1] if k else -1
        tails[k:k + 1], ends[k:k + 1] = [j], [n]
    chosen, n = [], ends[-1] if ends else -1
    while n >= 0:
        chosen.append(pairs[n])
        n = before[n]
    return chosen[::-1]

"""Scoring extract against the labelled corpus in tests/fixtures/corpus/: precision and recall of the
figures and the candidate names it proposes, per language. Used by tests/test_corpus.py and printed by
`python tests/corpus.py`."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.extract.mentions import Gazetteer
from generator.extract.propose import read_paragraph
from generator.text import dates

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
PUBLISHED = "2024-06-15"
MONEY = {"usd", "eur", "gbp"}


@dataclass
class Score:
    found: int = 0      # proposals
    right: int = 0      # proposals that match a label
    labels: int = 0
    recalled: int = 0   # labels that a proposal matches

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.labels if self.labels else 1.0


def _spans(text: str, spans: list[str]) -> list[tuple[int, int]]:
    """Where each proposed span stands, taking repeated spans in turn."""
    out: list[tuple[int, int]] = []
    cursor: dict[str, int] = {}
    for span in spans:
        whole = re.compile(r"(?<!\w)" + re.escape(span) + r"(?!\w)")
        found = whole.search(text, cursor.get(span, 0)) or whole.search(text)
        at = found.start() if found else text.find(span)
        cursor[span] = at + 1
        out.append((at, at + len(span)))
    return out


def _label_span(text: str, label: dict[str, Any]) -> tuple[int, int]:
    at = label.get("at", text.find(label["span"]))
    return at, at + len(label["span"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_figure(proposed: dict[str, Any], label: dict[str, Any]) -> bool:
    if "low" in label:
        return (proposed.get("low"), proposed.get("high")) == (label["low"], label["high"])
    if "value" in label:
        return proposed.get("value") == label["value"]
    return proposed.get("value") is None and proposed.get("qualifier") == label.get("qualifier")


def score(language: str) -> tuple[Score, Score]:
    """(figures, names) of one language's corpus."""
    data = yaml.safe_load((CORPUS / f"{language}.yaml").read_text(encoding="utf-8"))
    cal = dates.calendar(language)
    calendar = set(cal.months) | set(cal.weekdays) if cal else set()
    figures, names = Score(), Score()
    for passage in data["passages"]:
        text = str(passage["text"])
        common = {w.lower() for w in text.split() if w.islower()}
        found = read_paragraph(text, language, PUBLISHED, Gazetteer([]), common, calendar)
        proposed = [f for f in found["figures"] if f.get("unit") not in MONEY]
        where = _spans(text, [f["span"] for f in proposed])
        gold = [(g, _label_span(text, g)) for g in passage.get("figures") or []]
        figures.found += len(proposed)
        figures.labels += len(gold)
        placed = list(zip(proposed, where, strict=True))
        figures.right += sum(any(_overlap(at, g_at) and _same_figure(p, g) for g, g_at in gold) for p, at in placed)
        figures.recalled += sum(any(_overlap(at, g_at) and _same_figure(p, g) for p, at in placed) for g, g_at in gold)
        cands = _spans(text, [n["span"] for n in found["names"]])
        gold_names = [_label_span(text, g) for g in passage.get("names") or []]
        names.found += len(cands)
        names.labels += len(gold_names)
        names.right += sum(any(_overlap(c, g) for g in gold_names) for c in cands)
        names.recalled += sum(any(_overlap(c, g) for c in cands) for g in gold_names)
    return figures, names


def report() -> dict[str, tuple[Score, Score]]:
    results = {lang: score(lang) for lang in ("en", "fr", "ar", "ur") if (CORPUS / f"{lang}.yaml").is_file()}
    for lang, (f, n) in results.items():
        print(f"{lang}: figures precision {f.precision:.1%} recall {f.recall:.1%} ({f.labels} labelled); "
              f"names precision {n.precision:.1%} recall {n.recall:.1%} ({n.labels} labelled)")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent.parent))
    report()

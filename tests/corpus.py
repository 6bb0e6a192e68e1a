"""Scoring extract against the labelled corpora in tests/fixtures/: precision and recall of the figures,
names and places it proposes, per language. Used by tests/test_corpus.py and printed by
`python tests/corpus.py`.

Two corpora: `corpus/` (in-sample: the readers were tuned on it) and `heldout/` (written by someone who had
not seen the extractor, frozen by its hash before any tuning; tests/test_corpus.py says so). Passages of one
article are read as extract reads one source: the words it writes in lowercase, the countries it names and the
names it marks (which the Arabic script writes bare elsewhere) are the whole article's.

- names: a proposal is right when it overlaps a labelled name; a label is recalled when a proposal overlaps it.
- places: a labelled place is recalled when a proposal of a place overlaps it, and located when that proposal's
  coordinates are within 25 km of the label's, or, for a proposal of a region or a country, when it is that
  country and, for a region, within 250 km (a region's or country's "where" is an area, the label's point a
  rough centre).
- figures: a proposal is right when it overlaps a label of the same value; clean when it overlaps no look-alike
  (`not_figures`: a date, time, magnitude, population, …). Money is scored in neither.
"""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.extract.mentions import Gazetteer
from generator.extract.places import world_places
from generator.extract.propose import article_echoes, read_paragraph
from generator.text import dates

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
DEV = FIXTURES / "dev"          # in-sample too: written blind to the extractor, then tuned on
HELDOUT = FIXTURES / "heldout"
HELDOUT2 = FIXTURES / "heldout2"   # a second one, written late and scored once: see tests/test_corpus.py
PUBLISHED = "2024-06-15"
MONEY = {"usd", "eur", "gbp"}
LANGUAGES = ("en", "fr", "ar", "ur")


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


@dataclass
class Places:
    labels: int = 0
    recalled: int = 0
    located: int = 0    # recalled with coordinates where the place is
    misplaced: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.labels if self.labels else 1.0

    @property
    def located_share(self) -> float:
        return self.located / self.recalled if self.recalled else 1.0


@dataclass
class Scores:
    figures: Score
    names: Score
    places: Places
    clean: int = 0      # figure proposals that are no look-alike

    @property
    def clean_share(self) -> float:
        return self.clean / self.figures.found if self.figures.found else 1.0


def _spans(text: str, spans: list[str]) -> list[tuple[int, int]]:
    """Where each proposed span stands, taking repeated spans in turn: as a whole word, or in the Arabic script
    after the particles written onto it («وأربيل» holds the span «أربيل»)."""
    out: list[tuple[int, int]] = []
    cursor: dict[str, int] = {}
    for span in spans:
        whole = re.compile(r"(?:(?<!\w)|(?<=[وفبلك]))" + re.escape(span) + r"(?!\w)")
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


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _located(proposal: dict[str, Any], label: dict[str, Any]) -> bool:
    place = proposal.get("place")
    if not place or "lat" not in label:
        return False
    point = place["coordinates"]
    km = _km(point["lat"], point["lon"], float(label["lat"]), float(label["lon"]))
    if km <= 25:
        return True
    same_country = place["country"] == label.get("country")
    return same_country and (point["precision"] == "country" or (point["precision"] == "region" and km <= 250))


def load(folder: Path, language: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((folder / f"{language}.yaml").read_text(encoding="utf-8"))
    return list(data["passages"])


def score(language: str, folder: Path = CORPUS) -> Scores:
    """The scores of one language's corpus in `folder`."""
    passages = load(folder, language)
    cal = dates.calendar(language)
    calendar = set(cal.months) | set(cal.weekdays) if cal else set()
    world = world_places()
    articles: dict[str, list[str]] = {}
    for passage in passages:
        articles.setdefault(str(passage.get("article", passage["id"])), []).append(str(passage["text"]))
    commons = {a: {w.lower() for t in texts for w in t.split() if w.islower()} for a, texts in articles.items()}
    contexts = {a: world.countries(texts, language) for a, texts in articles.items()}
    echoes = {a: article_echoes(texts, language, Gazetteer([]), calendar) for a, texts in articles.items()}
    out = Scores(Score(), Score(), Places())
    for passage in passages:
        text, article = str(passage["text"]), str(passage.get("article", passage["id"]))
        found = read_paragraph(text, language, str(passage.get("published", PUBLISHED)), Gazetteer([]),
                               commons[article], calendar, world, contexts[article], echoes[article])
        _score_figures(out, text, passage, [f for f in found["figures"] if f.get("unit") not in MONEY])
        _score_names(out, text, passage, found["names"])
    return out


def _in_sentence(text: str, figure: dict[str, Any], fallback: tuple[int, int]) -> tuple[int, int]:
    """A figure's span inside the sentence it was proposed with: of two "two" in a passage, the right one."""
    words = figure.get("sentence", "\0")
    sentence = text.find(words)
    if sentence < 0 or fallback[0] in range(sentence, sentence + len(words)):
        return fallback   # the place found by the span alone already lies in its sentence
    at = text.find(figure["span"], sentence, sentence + len(words))
    return (at, at + len(figure["span"])) if at >= 0 else fallback


def _score_figures(out: Scores, text: str, passage: dict[str, Any], proposed: list[dict[str, Any]]) -> None:
    where = [_in_sentence(text, f, at) for f, at in zip(proposed, _spans(text, [f["span"] for f in proposed]),
                                                         strict=True)]
    gold = [(g, _label_span(text, g)) for g in passage.get("figures") or []]
    lookalikes = [(text.find(s), text.find(s) + len(s)) for s in passage.get("not_figures") or [] if s in text]
    placed = list(zip(proposed, where, strict=True))
    out.figures.found += len(proposed)
    out.figures.labels += len(gold)
    out.figures.right += sum(any(_overlap(at, g_at) and _same_figure(p, g) for g, g_at in gold) for p, at in placed)
    out.figures.recalled += sum(any(_overlap(at, g_at) and _same_figure(p, g) for p, at in placed)
                                for g, g_at in gold)
    # a proposal that is also a labelled count is clean, even where a look-alike's words surround it
    out.clean += sum(any(_overlap(at, g_at) for _, g_at in gold) or not any(_overlap(at, lk) for lk in lookalikes)
                     for _, at in placed)


def _score_names(out: Scores, text: str, passage: dict[str, Any], names: list[dict[str, Any]]) -> None:
    cands = list(zip(names, _spans(text, [n["span"] for n in names]), strict=True))
    gold = [(g, _label_span(text, g)) for g in passage.get("names") or []]
    out.names.found += len(cands)
    out.names.labels += len(gold)
    out.names.right += sum(any(_overlap(c, g_at) for _, g_at in gold) for _, c in cands)
    out.names.recalled += sum(any(_overlap(c, g_at) for _, c in cands) for _, g_at in gold)
    for label, at in gold:
        if label.get("kind") != "place":
            continue
        out.places.labels += 1
        hits = [n for n, c in cands if _overlap(c, at) and n.get("record") == "place"]
        if hits:
            out.places.recalled += 1
            if any(_located(n, label) for n in hits):
                out.places.located += 1
            else:
                out.places.misplaced.append(label["span"])


def report(folder: Path = CORPUS) -> dict[str, Scores]:
    results = {lang: score(lang, folder) for lang in LANGUAGES if (folder / f"{lang}.yaml").is_file()}
    print(f"{folder.name}:")
    for lang, s in results.items():
        print(f"  {lang}: names P {s.names.precision:.1%} R {s.names.recall:.1%} ({s.names.labels}); "
              f"places R {s.places.recall:.1%} located {s.places.located_share:.1%} ({s.places.labels}); "
              f"figures P {s.figures.precision:.1%} R {s.figures.recall:.1%} clean {s.clean_share:.1%} "
              f"({s.figures.labels})")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent.parent))
    # The held-out corpora are printed only when asked for: scores looked at while tuning are not held out.
    report(CORPUS)
    report(DEV)
    if "--held-out" in sys.argv:
        report(HELDOUT)
        if HELDOUT2.is_dir():
            report(HELDOUT2)

"""The fact base as types: what `load` builds, `check` verifies and `render` lays out. No I/O here.

Every user-visible text is a `LangText` (language code -> text). Positions (`Loc`) travel with
records so that a problem found late, in `check`, still names the file and line.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.text.seedtext import Paragraph

T = TypeVar("T")

LangText = dict[str, str]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REVIEW_STATES = ("draft", "reviewed", "published")
# Admiralty / NATO source reliability and information credibility scales.
RELIABILITY = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
CREDIBILITY = {
    "1": "confirmed by other sources", "2": "probably true", "3": "possibly true",
    "4": "doubtful", "5": "improbable", "6": "truth cannot be judged",
}
QUALIFIERS = ("exactly", "about", "at-least", "more-than", "as-many-as", "up-to", "fewer-than", "dozens",
              "several", "some", "hundreds", "thousands")
# Qualifiers that may stand without a number ("some were captured").
VAGUE = ("dozens", "several", "some", "hundreds", "thousands")
UNITS = ("people", "vehicles", "aircraft", "bases", "attacks", "countries", "groups", "usd", "days", "months",
         "years", "subscribers", "coups")


@dataclass(frozen=True)
class Loc:
    """Where a record or value was written, and where each of its keys stands."""

    path: str
    line: int = 1
    col: int = 1
    keys: tuple[tuple[str, int, int], ...] = field(default=(), compare=False, repr=False)

    def at(self, key: str) -> Loc:
        """The position of one key of the record (the record's own where the key is not written)."""
        for name, line, col in self.keys:
            if name == key:
                return Loc(self.path, line, col)
        return Loc(self.path, self.line, self.col)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; `value` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

    value: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if len(self.value) >= 7 else None

    @property
    def day(self) -> int | None:
        return int(self.value[8:10]) if len(self.value) == 10 else None

    def __str__(self) -> str:
        return self.value


@dataclass
class Review:
    """Where a record stands: a draft, or reviewed (or published) by a listed reviewer on a day. `_line`
    and `_col` are those of its `status`, where problems with the review are reported (private: the
    exports leave them out)."""

    status: str = "draft"
    by: str | None = None
    on: PartialDate | None = None
    _line: int = 0
    _col: int = 0

    @property
    def at(self) -> tuple[int, int]:
        return self._line, self._col


@dataclass
class Reviewer:
    """Someone the dossier lets review: the id records name in `review.by`, the name pages show, and
    the SSH public keys their review commits are signed with (`check --signatures`)."""

    id: str
    name: LangText
    keys: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    """A grade on one of the two scales above, with a reason a reader can check."""

    grade: str
    reason: LangText = field(default_factory=dict)


@dataclass
class Citation:
    source: str
    paragraph: str
    quote: str
    translation: LangText
    loc: Loc


@dataclass
class Source:
    id: str
    file: str
    sha256: str
    language: str
    title: LangText
    publisher: LangText
    published: PartialDate | None
    dating: LangText
    url: str | None
    kind: str | None
    description: LangText
    reliability: Evaluation | None
    review: Review
    loc: Loc
    paragraphs: list[Paragraph] = field(default_factory=list)
    text_sha256: str | None = None

    @property
    def published_day(self) -> str | None:
        """The publication date when known to the day: what "on Sunday" or "yesterday" is read against."""
        return self.published.value if self.published and self.published.precision == "day" else None

    def paragraph(self, pid: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == pid), None)


@dataclass
class Relation:
    type: str
    target: str
    citations: list[Citation]
    loc: Loc


@dataclass
class Actor:
    id: str
    kind: str
    name: LangText
    aliases: dict[str, list[str]]
    description: LangText
    relations: list[Relation]
    citations: list[Citation]
    review: Review
    loc: Loc
    short: LangText = field(default_factory=dict)  # for a tight space (a chart label), where a language has one


@dataclass
class Coordinates:
    lat: float
    lon: float
    precision: str


@dataclass
class Place:
    id: str
    kind: str
    name: LangText
    aliases: dict[str, list[str]]
    description: LangText
    coordinates: Coordinates | None
    within: str | None
    citations: list[Citation]
    review: Review
    loc: Loc


@dataclass
class Figure:
    """A claimed number: `value` with its qualifier, or an explicit `low`–`high` range."""

    party: str | None
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    unit: str = "people"

    @property
    def numberless(self) -> bool:
        """A vague quantity with no number at all: "dozens", "some"."""
        return self.value is None and self.low is None and self.high is None

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        """The lowest and highest number the claim allows, None where it is open."""
        if self.low is not None or self.high is not None:
            return self.low, self.high
        v = self.value
        if v is None:
            return None, None
        if self.qualifier == "at-least":
            return v, None
        if self.qualifier == "more-than":
            return v + 1, None
        if self.qualifier in ("as-many-as", "up-to"):
            return None, v
        if self.qualifier == "fewer-than":
            return None, v - 1
        return v, v


@dataclass(frozen=True)
class Period:
    """A claimed span of time, each end as precise as the claim states it."""

    start: PartialDate
    end: PartialDate | None


@dataclass
class Claim:
    """One assertion by one claimant. What it asserts may be structured, so that claims on the
    same topic can be compared: a `figure`, a `period`, or an `answer` (the actor it names)."""

    id: str
    incident: str
    claimant: str
    asserted: PartialDate | None
    topic: str
    text: LangText
    figure: Figure | None
    citations: list[Citation]
    credibility: Evaluation | None
    review: Review
    loc: Loc
    period: Period | None = None
    answer: str | None = None
    derived: LangText = field(default_factory=dict)   # the editor's reading, where the text does not state it
    revises: str | None = None   # the claimant's earlier claim of the same quantity that this one updates

    @property
    def same_quantity(self) -> tuple[str, str, str, str, str] | None:
        """What the claim gives a value of: its incident, topic, kind of value, and for a figure the party
        and unit counted. Claims of one quantity are compared; a claim revises one of its own quantity."""
        value = self.comparable
        if value is None:
            return None
        party = self.figure.party or "" if self.figure else ""
        unit = self.figure.unit if self.figure else ""
        return self.incident, self.topic, value[0], party, unit

    def contradicts(self, other: Claim) -> bool:
        """Whether the two cannot both be true: figures whose ranges do not meet ("50" and "more than 80";
        not "50" and "at least 20"), different periods, different actors named. A figure without a number
        contradicts nothing."""
        mine, theirs = self.comparable, other.comparable
        if mine is None or theirs is None or mine[0] != theirs[0]:
            return False
        if mine[0] != "figure" or self.figure is None or other.figure is None:
            return mine[1] != theirs[1]
        ranges = (self.figure.bounds, other.figure.bounds)
        if (None, None) in ranges:
            return False
        lows = [low for low, _ in ranges if low is not None]
        highs = [high for _, high in ranges if high is not None]
        return bool(lows and highs) and max(lows) > min(highs)

    @property
    def comparable(self) -> tuple[str, object] | None:
        """The structured value other claims on the topic are compared with, if any."""
        if self.figure is not None:
            return ("figure", self.figure.bounds)
        if self.period is not None:
            return ("period", (self.period.start, self.period.end))
        if self.answer is not None:
            return ("answer", self.answer)
        return None


@dataclass
class Participant:
    actor: str
    side: LangText


@dataclass
class Passage:
    """A paragraph of an incident summary or a briefing: text, and what supports it."""

    text: LangText
    claims: list[str]
    citations: list[Citation]
    loc: Loc


@dataclass
class Incident:
    id: str
    title: LangText
    start: PartialDate
    end: PartialDate | None
    place: str | None
    participants: list[Participant]
    summary: list[Passage]
    claims: list[Claim]
    review: Review
    loc: Loc


@dataclass
class Section:
    id: str
    heading: LangText
    paragraphs: list[Passage]


@dataclass
class Briefing:
    id: str
    title: LangText
    date: PartialDate
    summary: LangText
    incidents: list[str]
    key_points: list[Passage]
    sections: list[Section]
    review: Review
    loc: Loc


@dataclass
class TimelineEvent:
    id: str
    date: PartialDate
    incident: str | None
    text: LangText
    citations: list[Citation]
    loc: Loc
    review: Review = field(default_factory=Review)


@dataclass(frozen=True, order=True)
class Owner:
    """The record a citation belongs to; `parent` is a claim's incident."""

    kind: str
    id: str
    parent: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


@dataclass
class Dossier:
    """The whole validated fact base, in memory, every collection in id order (as `load` makes it) for
    deterministic output."""

    title: LangText
    description: LangText
    languages: list[str]
    topics: dict[str, LangText] = field(default_factory=dict)
    site_url: str | None = None
    reviewers: dict[str, Reviewer] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)

    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    # A dossier is complete when `load` (or `publish`, which makes a new one) returns it, and is only read
    # from then on: what is derived from it is computed once, on first use, and kept.
    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, once per dossier: the indexes pages read tens of thousands of times per build."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return, unused-ignore]

    @property
    def claims(self) -> dict[str, Claim]:
        """Every claim by id."""
        return self.memo("claims", lambda: {c.id: c for inc in self.incidents.values() for c in inc.claims})

    @property
    def events(self) -> dict[str, TimelineEvent]:
        """Every timeline event by id."""
        return self.memo("events", lambda: {e.id: e for e in self.timeline})

    def records(self, kind: str) -> dict[str, Any]:
        """The records of one kind by id: source, actor, place, incident, briefing, claim or event."""
        if kind == "claim":
            return self.claims
        if kind == "event":
            return self.events
        kinds: dict[str, dict[str, Any]] = {"source": self.sources, "actor": self.actors, "place": self.places,
                                            "incident": self.incidents, "briefing": self.briefings}
        return kinds[kind]

    def reviewables(self) -> Iterator[tuple[Owner, Any]]:
        """Every record that carries a review of its own, with its owner: sources, actors, places,
        incidents and their claims, briefings, timeline events."""
        for kind, records in (("source", self.sources), ("actor", self.actors), ("place", self.places)):
            for record in records.values():
                yield Owner(kind, record.id), record
        for inc in self.incidents.values():
            yield Owner("incident", inc.id), inc
            for claim in inc.claims:
                yield Owner("claim", claim.id, inc.id), claim
        for b in self.briefings.values():
            yield Owner("briefing", b.id), b
        for event in self.timeline:
            yield Owner("event", event.id), event

    def citations(self) -> Iterator[tuple[Owner, Citation]]:
        """Every citation in the dossier with the record that makes it."""
        for owner, _status, citation in self.citations_with_status():
            yield owner, citation

    def citations_with_status(self) -> Iterator[tuple[Owner, str, Citation]]:
        """Every citation with its record and that record's review status (which sets how strict checks are)."""
        for actor in self.actors.values():
            for c in actor.citations + [c for rel in actor.relations for c in rel.citations]:
                yield Owner("actor", actor.id), actor.review.status, c
        for place in self.places.values():
            for c in place.citations:
                yield Owner("place", place.id), place.review.status, c
        for inc in self.incidents.values():
            for c in (c for passage in inc.summary for c in passage.citations):
                yield Owner("incident", inc.id), inc.review.status, c
            for claim in inc.claims:
                for c in claim.citations:
                    yield Owner("claim", claim.id, inc.id), claim.review.status, c
        for b in self.briefings.values():
            for passage in b.key_points + [p for s in b.sections for p in s.paragraphs]:
                for c in passage.citations:
                    yield Owner("briefing", b.id), b.review.status, c
        for event in self.timeline:
            for c in event.citations:
                yield Owner("event", event.id), event.review.status, c


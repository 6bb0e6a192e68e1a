"""The schema of every record kind in `content/`, and how each becomes a model object.

One table per kind, read top to bottom like the documentation an editor needs: the key, what
it holds, whether it is required.
"""
from __future__ import annotations

import re
from typing import Any

from generator.factbase import model
from generator.factbase.schema import (
    URL,
    Context,
    Date,
    Enum,
    F,
    LangMap,
    Language,
    ListOf,
    MapOf,
    Number,
    Obj,
    Ref,
    Slug,
    Text,
)
from generator.factbase.yamlio import Map
from generator.layout import RECORD_FOLDERS, SCHEMAS

ACTOR_KINDS = ("person", "armed-group", "state", "state-body", "armed-forces", "intelligence-agency",
               "private-military-company", "political-group", "media-outlet", "social-media-channel",
               "research-group", "international-organisation", "organisation", "group-of-people",
               "group-of-states", "publication")  # publication: a report or document quoted by name, authors unnamed
PLACE_KINDS = ("country", "region", "city", "town", "village", "site", "military-base", "border-area",
               "continent", "area")
RELATION_TYPES = ("part-of", "affiliated-with", "commanded-by", "spokesperson-of", "directs", "successor-of",
                  "member-of", "allied-with", "works-for", "leads", "represents", "operates", "opposes")
SOURCE_KINDS = ("news-report", "news-report-relaying-social-media", "exclusive-photo", "official-statement",
                "social-media-post", "analysis", "press-agency-report", "other")
COORDINATE_PRECISION = ("exact", "settlement", "area", "region", "country")
# Pages format figures as decimals with grouping; beyond a few hundred trillion no count is plausible
# and the number formatter gives up.
MAX_FIGURE = 10 ** 15 - 1
# Anchors a briefing page gives its own parts; a section with one of these ids would share it.
RESERVED_SECTION_IDS = ("key-points", "sources")


def _loc(values: dict[str, Any], ctx: Context) -> model.Loc:
    return model.Loc(ctx.path, values["_line"], values["_col"], values.get("_keys", ()))


def _in_order(values: dict[str, Any], node: Map, ctx: Context) -> None:
    """A span that ends before it starts is a typo or swapped keys; report it at 'end'.

    Dates compare at the coarser precision of the two: a span may end in "2023-05" having started on
    2023-05-01.
    """
    start, end = values["start"], values["end"]
    if start is None or end is None:
        return
    common = min(len(start.value), len(end.value))
    if end.value[:common] < start.value[:common]:
        ctx.error(node["end"], f"'end' ({end}) is before 'start' ({start}); swap them or correct one",
                  "date-order")


def _langlist() -> LangMap:
    return LangMap("other names, per language", ListOf(Text()), complete=False)


def _signed(values: dict[str, Any], node: Map, ctx: Context) -> None:
    """A review a reader can rely on says who made it and when: without both it publishes nothing."""
    if values["status"] in ("reviewed", "published"):
        missing = [key for key in ("by", "on") if values[key] is None]
        if missing:
            ctx.error(node["status"], f"a {values['status']} record says who reviewed it and when: add "
                      f"{' and '.join(repr(k) for k in missing)} under 'review' (or run 'briefing review')",
                      "review-unsigned")


REVIEW = Obj({
    "status": F(Enum(model.REVIEW_STATES, "draft, then reviewed, then published"), required=True),
    "by": F(Ref("reviewer", "who reviewed it: one of the reviewers listed in content/dossier.yaml")),
    "on": F(Date("when it was reviewed")),
}, lambda v, ctx: model.Review(v["status"], v["by"], v["on"], *_status_at(v)), rule=_signed)


def _status_at(values: dict[str, Any]) -> tuple[int, int]:
    """Where the review's `status` stands: problems with the review are reported there."""
    return next(((line, col) for key, line, col in values["_keys"] if key == "status"),
                (values["_line"], values["_col"]))


# An SSH public key as `ssh-keygen` writes it and git's allowed-signers file takes it: type, key, comment.
SSH_KEY = re.compile(r"^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|"
                     r"sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}(?: [^\n]*)?$")

REVIEWER = Obj({
    "name": F(LangMap("the reviewer's name (or the desk's) as pages show it"), required=True),
    "keys": F(ListOf(Text("an SSH public key this reviewer signs commits with, as in ~/.ssh/id_ed25519.pub",
                          SSH_KEY, "paste a public key line, e.g. 'ssh-ed25519 AAAA… name@example.org'"),
                     unique=True), default=list),
}, description="someone who may review: records name them in review.by")


def evaluation(scale: dict[str, str], what: str) -> Obj:
    return Obj({
        "grade": F(Enum(tuple(scale), f"{what}: " + "; ".join(f"{k} {v}" for k, v in scale.items())),
                   required=True),
        "reason": F(LangMap("why this grade, in one line a reader can check"), required=True),
    }, lambda v, ctx: model.Evaluation(v["grade"], v["reason"]))


CITATION = Obj({
    "source": F(Ref("source"), required=True),
    "paragraph": F(Text("paragraph id of the source, p1, p2, …", re.compile(r"^p[1-9]\d*$"),
                        "write a paragraph id such as 'p3'"), required=True),
    "quote": F(Text("the exact words of the source, in its own language"), required=True),
    "translation": F(LangMap("the quote translated into the dossier's other languages", complete=False),
                     default=dict),
}, lambda v, ctx: model.Citation(v["source"], v["paragraph"], v["quote"], v["translation"], _loc(v, ctx)))

CITATIONS = ListOf(CITATION)

SOURCE = Obj({
    "id": F(Slug("equals the file name"), required=True),
    "file": F(Text("the file under seeds/"), required=True),
    "sha256": F(Text("hash of the normalised text, written by ingest",
                     re.compile(r"^[0-9a-f]{64}$"), "64 lowercase hex digits"), required=True),
    "language": F(Language("BCP 47 code of the text, e.g. en, ar", known=True), required=True),
    "title": F(LangMap("the title, in the source's language and translated"), required=True),
    "publisher": F(LangMap("who published it"), default=dict),
    "published": F(Date("publication date")),
    "dating": F(LangMap("for an undated source: the evidence of when it was written"), default=dict),
    "url": F(Text("the original address", URL, "a full http(s) address")),
    "kind": F(Enum(SOURCE_KINDS, "what sort of document this is")),
    "description": F(LangMap("what this source is, so readers can weigh it"), default=dict),
    "reliability": F(evaluation(model.RELIABILITY, "source reliability")),
    "review": F(REVIEW, default=model.Review),
}, lambda v, ctx: model.Source(
    v["id"], v["file"], v["sha256"], v["language"], v["title"], v["publisher"], v["published"], v["dating"],
    v["url"], v["kind"], v["description"], v["reliability"], v["review"], _loc(v, ctx)))

RELATION = Obj({
    "type": F(Enum(RELATION_TYPES), required=True),
    "target": F(Ref("actor"), required=True),
    "citations": F(ListOf(CITATION, min_items=1), required=True),
}, lambda v, ctx: model.Relation(v["type"], v["target"], v["citations"], _loc(v, ctx)))

ACTOR = Obj({
    "id": F(Slug("equals the file name"), required=True),
    "kind": F(Enum(ACTOR_KINDS), required=True),
    "name": F(LangMap("the name readers see"), required=True),
    "aliases": F(_langlist(), default=dict),
    "short": F(LangMap("a short form of the name, for a chart or a map where the whole name does not fit "
                       "(optional, per language; without it the name wraps)", complete=False), default=dict),
    "description": F(LangMap("one or two sentences, drawn only from the sources"), required=True),
    "relations": F(ListOf(RELATION), default=list),
    "citations": F(ListOf(CITATION, min_items=1), required=True),
    "review": F(REVIEW, default=model.Review),
}, lambda v, ctx: model.Actor(v["id"], v["kind"], v["name"], v["aliases"], v["description"], v["relations"],
                              v["citations"], v["review"], _loc(v, ctx), v["short"]))

COORDINATES = Obj({
    "lat": F(Number("latitude", integer=False, low=-90, high=90), required=True),
    "lon": F(Number("longitude", integer=False, low=-180, high=180), required=True),
    "precision": F(Enum(COORDINATE_PRECISION), required=True),
}, lambda v, ctx: model.Coordinates(v["lat"], v["lon"], v["precision"]))

PLACE = Obj({
    "id": F(Slug("equals the file name"), required=True),
    "kind": F(Enum(PLACE_KINDS), required=True),
    "name": F(LangMap("the name readers see"), required=True),
    "aliases": F(_langlist(), default=dict),
    "description": F(LangMap("one sentence"), default=dict),
    "coordinates": F(COORDINATES),
    "within": F(Ref("place", "the place this one lies within")),
    "citations": F(ListOf(CITATION, min_items=1), required=True),
    "review": F(REVIEW, default=model.Review),
}, lambda v, ctx: model.Place(v["id"], v["kind"], v["name"], v["aliases"], v["description"], v["coordinates"],
                              v["within"], v["citations"], v["review"], _loc(v, ctx)))

FIGURE = Obj({
    "party": F(Ref("actor", "whose people or things are counted")),
    "value": F(Number("the number as claimed", low=0, high=MAX_FIGURE)),
    "low": F(Number("lowest number of a stated range", low=0, high=MAX_FIGURE)),
    "high": F(Number("highest number of a stated range", low=0, high=MAX_FIGURE)),
    "qualifier": F(Enum(model.QUALIFIERS, "how the number was put"), default="exactly"),
    "unit": F(Enum(model.UNITS, "what is counted"), default="people"),
}, lambda v, ctx: model.Figure(v["party"], v["value"], v["low"], v["high"], v["qualifier"], v["unit"]))

PERIOD = Obj({
    "start": F(Date("first day as claimed"), required=True),
    "end": F(Date("last day as claimed")),
}, lambda v, ctx: model.Period(v["start"], v["end"]), rule=_in_order)

CLAIM = Obj({
    "id": F(Slug("unique across the dossier"), required=True),
    "claimant": F(Ref("actor", "who asserts it"), required=True),
    "asserted": F(Date("when it was asserted")),
    "topic": F(Slug("what is claimed, e.g. killed, captured, responsibility; claims on one topic are "
                    "compared"), required=True),
    "text": F(LangMap("what the claim says"), required=True),
    "figure": F(FIGURE),
    "period": F(PERIOD),
    "answer": F(Ref("actor", "the actor the claim names, e.g. who did it or whom someone represents")),
    "derived": F(LangMap("how the editor read the figure or period from the text, where the text does not state "
                         "it as such (a date worked out from 'Sunday', 'dozens' read as at least 24)")),
    "revises": F(Ref("claim", "the same claimant's earlier claim of the same figure, date or actor that this one "
                         "updates (a toll that rose): the earlier is kept, shown as superseded, and never counted as "
                         "a disagreement")),
    "citations": F(ListOf(CITATION, min_items=1), required=True),
    "credibility": F(evaluation(model.CREDIBILITY, "information credibility")),
    "review": F(REVIEW, default=model.Review),
}, lambda v, ctx: model.Claim(v["id"], "", v["claimant"], v["asserted"], v["topic"], v["text"], v["figure"],
                              v["citations"], v["credibility"], v["review"], _loc(v, ctx), v["period"],
                              v["answer"], v["derived"] or {}, v["revises"]))

PASSAGE = Obj({
    "text": F(LangMap("the paragraph"), required=True),
    "claims": F(ListOf(Ref("claim")), default=list),
    "citations": F(CITATIONS, default=list),
}, lambda v, ctx: model.Passage(v["text"], v["claims"], v["citations"], _loc(v, ctx)))

PARTICIPANT = Obj({
    "actor": F(Ref("actor"), required=True),
    "side": F(LangMap("the side it fought on or its role"), required=True),
}, lambda v, ctx: model.Participant(v["actor"], v["side"]))

INCIDENT = Obj({
    "id": F(Slug("equals the file name"), required=True),
    "title": F(LangMap(), required=True),
    "start": F(Date("first day"), required=True),
    "end": F(Date("last day")),
    "place": F(Ref("place")),
    "participants": F(ListOf(PARTICIPANT), default=list),
    "summary": F(ListOf(PASSAGE, min_items=1), required=True),
    "claims": F(ListOf(CLAIM), default=list),
    "review": F(REVIEW, default=model.Review),
}, lambda v, ctx: model.Incident(v["id"], v["title"], v["start"], v["end"], v["place"], v["participants"],
                                 v["summary"], v["claims"], v["review"], _loc(v, ctx)), rule=_in_order)

SECTION = Obj({
    "id": F(Slug("the heading's anchor, unique in the briefing", reserved=RESERVED_SECTION_IDS), required=True),
    "heading": F(LangMap(), required=True),
    "paragraphs": F(ListOf(PASSAGE, min_items=1), required=True),
}, lambda v, ctx: model.Section(v["id"], v["heading"], v["paragraphs"]))

BRIEFING = Obj({
    "id": F(Slug("equals the file name"), required=True),
    "title": F(LangMap(), required=True),
    "date": F(Date("date of the briefing"), required=True),
    "summary": F(LangMap("one sentence for lists and the PDF cover"), default=dict),
    "incidents": F(ListOf(Ref("incident")), default=list),
    "key_points": F(ListOf(PASSAGE, min_items=1), required=True),
    "sections": F(ListOf(SECTION, unique="id"), default=list),
    "review": F(REVIEW, default=model.Review),
}, lambda v, ctx: model.Briefing(v["id"], v["title"], v["date"], v["summary"], v["incidents"], v["key_points"],
                                 v["sections"], v["review"], _loc(v, ctx)))

EVENT = Obj({
    "id": F(Slug("unique within the timeline"), required=True),
    "date": F(Date(), required=True),
    "incident": F(Ref("incident")),
    "text": F(LangMap(), required=True),
    "citations": F(ListOf(CITATION, min_items=1), required=True),
    "review": F(REVIEW, default=model.Review),
}, lambda v, ctx: model.TimelineEvent(v["id"], v["date"], v["incident"], v["text"], v["citations"],
                                      _loc(v, ctx), v["review"]))

TIMELINE = Obj({"events": F(ListOf(EVENT, unique="id"), default=list)}, lambda v, ctx: v["events"])

DOSSIER = Obj({
    "title": F(LangMap("the dossier's name, shown on every page"), required=True),
    "description": F(LangMap("one paragraph for the home page"), default=dict),
    "languages": F(ListOf(Language("a BCP 47 code; the first is the site's root language"), min_items=1,
                          unique=True),
                   default=lambda: ["en", "ar"]),
    "topics": F(MapOf(LangMap("how the topic is named on pages")), default=dict),
    "site_url": F(Text("where the site will be published, such as https://example.org/briefing/; gives every "
                       "page its canonical address and fills the sitemap", URL, "a full http(s) address")),
    "reviewers": F(MapOf(REVIEWER, "who may review: a record's review.by names one of them"), default=dict),
}, lambda v, ctx: v)

# Kind name -> (folder under content/, schema); one record per file, file name = id.
KINDS: dict[str, tuple[str, Obj]] = {kind: (RECORD_FOLDERS[kind], spec) for kind, spec in (
    ("source", SOURCE), ("actor", ACTOR), ("place", PLACE), ("incident", INCIDENT), ("briefing", BRIEFING))}

# First line of every record file: editors' YAML language servers then offer completion and live errors.
SCHEMA_HEADER = f"# yaml-language-server: $schema=../{SCHEMAS}/{{kind}}.schema.json\n"

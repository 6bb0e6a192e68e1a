"""What a source says, made a record without retyping it: a proposed name an actor or a place, a figure,
date or quotation a claim, any proposal an alias or a citation of a record that exists.

Everything is taken from the proposal and the gazetteer: the name as the source spells it, a place's
coordinates and its names in the dossier's languages where the gazetteer has them. What neither gives
(a translation, a description) is left for an editor and said (`Written.todo`), never invented.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.edit.document import Document, EditError, State, Written, structure
from generator.edit.records import Located, find, node_of, written
from generator.edit.values import Assignment, Values, apply, assignments
from generator.extract.propose import KINDS, proposals_file
from generator.factbase import model
from generator.factbase.records import ACTOR_KINDS, COORDINATE_PRECISION, PLACE_KINDS
from generator.factbase.schema import MAX_SLUG
from generator.factbase.yamlio import Map, plain, read
from generator.layout import CONTENT, PROPOSALS, Layout
from generator.text import verbatim
from generator.text.slug import slug

CLAIMS_FROM = ("figures", "dates", "quotes")
# Topics a figure's event names directly ("killed" figures go under the topic `killed`), with the labels a
# dossier gets for them when it has none yet: in every interface language.
EVENT_TOPICS = {
    "killed": {"en": "Killed", "ar": "القتلى"},
    "wounded": {"en": "Wounded", "ar": "الجرحى"},
    "captured": {"en": "Captured", "ar": "الأسرى"},
    "missing": {"en": "Missing", "ar": "المفقودون"},
    "arrested": {"en": "Arrested", "ar": "المعتقلون"},
}


def proposals(root: Path, source_id: str) -> list[dict[str, Any]]:
    """Every proposal of a source, each with its `kind` (names, figures, dates, quotes, mentions); a name's
    own kind (person, city, …) is its `name_kind`."""
    return [{**item, "kind": kind, **({"name_kind": item["kind"]} if "kind" in item else {})}
            for kind, item in _read_proposals(root, source_id)]


def _read_proposals(root: Path, source_id: str) -> list[tuple[str, dict[str, Any]]]:
    if not model.SLUG.match(source_id):
        raise EditError(f"{source_id!r} is not a source id")
    path = proposals_file(root, source_id)
    rel = f"{CONTENT}/{PROPOSALS}/{path.name}"
    if not path.is_file():
        raise EditError(f"{rel} does not exist; run 'briefing extract --source {source_id}' first")
    node, problems = read(path, within=root)
    if problems or not isinstance(node, Map):
        raise EditError(f"{rel} cannot be read; run 'briefing extract --source {source_id}' to rewrite it")
    return [(kind, plain(item)) for kind in KINDS for item in node.get(kind) or [] if isinstance(item, Map)]


def _proposal(state: State, source: model.Source, proposal_id: str) -> tuple[str, dict[str, Any]]:
    """The proposal, checked to still hold in the source as it is now."""
    for kind, proposal in _read_proposals(state.root, source.id):
        if proposal.get("id") == proposal_id:
            paragraph = source.paragraph(str(proposal.get("paragraph")))
            if paragraph is None or verbatim.find_quote(paragraph.text, str(proposal.get("span"))) is None:
                raise EditError(f"{proposal_id} no longer matches seeds/{source.file}; run 'briefing extract "
                                f"--source {source.id}' and pick the proposal again")
            return kind, proposal
    raise EditError(f"no proposal {proposal_id!r} for {source.id}; see content/{PROPOSALS}/{source.id}.yaml "
                    "(ids such as name-p2-1, fig-p6-1, date-p6-1, quote-p10-1)")


def _source(state: State, source_id: str) -> model.Source:
    source = state.dossier.sources.get(source_id)
    if source is None:
        known = ", ".join(sorted(state.dossier.sources)) or "none; run 'briefing ingest'"
        raise EditError(f"no source {source_id!r} (known: {known})")
    return source


def _cited(source: model.Source, proposal: dict[str, Any], whole_sentence: bool) -> dict[str, str]:
    """The citation of a proposal: its sentence where that is in the paragraph as it stands (a figure is
    read in its sentence), else its span."""
    paragraph = source.paragraph(str(proposal["paragraph"]))
    quote = str(proposal["span"])
    sentence = str(proposal.get("sentence") or "")
    if whole_sentence and sentence and paragraph is not None and verbatim.find_quote(paragraph.text, sentence):
        quote = sentence
    return {"source": source.id, "paragraph": str(proposal["paragraph"]), "quote": quote}


# --- names -----------------------------------------------------------------------------------

def promote_name(root: Path, source_id: str, proposal_id: str, as_kind: str, ident: str | None = None,
                 values: Values = (), expected: Mapping[str, str] | None = None) -> Written:
    """Make a proposed name an actor or a place, citing where the source names it."""
    if as_kind not in ("actor", "place"):
        raise EditError(f"a name becomes an actor or a place, not {as_kind!r}")
    state = State.read(root)
    source = _source(state, source_id)
    kind, proposal = _proposal(state, source, proposal_id)
    if kind != "names":
        raise EditError(f"{proposal_id} is one of the {kind}; a name (name-p…) becomes an {as_kind}, a figure, date "
                        "or quote a claim: briefing promote SOURCE PROPOSAL --incident ID --claimant ACTOR")
    span = str(proposal["span"])
    place = proposal.get("place") if as_kind == "place" else None
    ident = ident or slug(str((place or {}).get("name", {}).get("en") or span), "name", MAX_SLUG)
    if ident in state.dossier.records(as_kind):
        raise EditError(f"{ident!r} is an {as_kind} already; add this name to it (briefing promote {source_id} "
                        f"{proposal_id} --alias-of {ident}) or choose another --id")
    record: dict[str, Any] = {"id": ident, "citations": [_cited(source, proposal, False)],
                              "review": {"status": "draft"}}
    notes: list[str] = []
    if as_kind == "actor":
        record.update(name={source.language: span}, description={})
        if proposal.get("kind") in ACTOR_KINDS and proposal.get("record") == "actor":
            record["kind"] = proposal["kind"]
    else:
        record.update(_place(state, source, span, proposal, notes))
    doc = Document.new(state, Layout(root).kind_dir(as_kind) / f"{ident}.yaml", as_kind, record)
    for change in assignments(values):
        apply(doc.data, doc.spec, change)
    if not doc.data.get("kind"):
        raise EditError(f"say what kind of {as_kind} {span!r} is: kind=… (one of "
                        f"{', '.join(ACTOR_KINDS if as_kind == 'actor' else PLACE_KINDS)})")
    done = written(state, [doc], [Located(as_kind, ident, doc.path, 1)], expected)[0]
    return replace(done, todo=done.todo + tuple(notes))


def _place(state: State, source: model.Source, span: str, proposal: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """A place's fields from the gazetteer's entry in the proposal: names in the dossier's languages, the
    spelling of the source as an alias where it differs, coordinates, and the place it lies within where
    the dossier has that place already."""
    found = proposal.get("place") or {}
    known = found.get("name") or {}
    lang = source.language
    names = {code: str(known[code]) for code in state.dossier.languages if code in known}
    names.setdefault(lang, span)
    out: dict[str, Any] = {"name": names}
    if span.casefold() not in {n.casefold() for n in names.values()}:
        out["aliases"] = {lang: [span]}
    kind = proposal.get("kind")
    out["kind"] = kind if kind in PLACE_KINDS else "area" if found else None
    point = found.get("coordinates") or {}
    if "lat" in point and "lon" in point:
        precision = point.get("precision") if point.get("precision") in COORDINATE_PRECISION else "area"
        out["coordinates"] = {"lat": float(point["lat"]), "lon": float(point["lon"]), "precision": precision}
    else:
        notes.append("coordinates: the gazetteer does not know this place; set coordinates.lat, coordinates.lon "
                     "and coordinates.precision")
    if found.get("unsure"):
        notes.append("the gazetteer found more than one place of this name: check the coordinates")
    within = _within(state.dossier, found)
    if within:
        out["within"] = within
    elif found.get("within") or (found.get("country") and found.get("country") != found.get("gazetteer")):
        notes.append("within: the place it lies within has no record yet; make it, then set within=ID")
    return {k: v for k, v in out.items() if v is not None}


def _within(dossier: model.Dossier, found: dict[str, Any]) -> str | None:
    """The dossier's place that the gazetteer says this one lies within: its region, else its country,
    recognised by name in any language."""
    wanted = [{str(n).casefold() for n in ((found.get("within") or {}).get("name") or {}).values()}]
    country = found.get("country")
    if country and country != found.get("gazetteer"):
        from generator.text.world import world
        entry = world().by_key(str(country))
        if entry is not None:
            wanted.append({entry.name.casefold(), *(n.casefold() for n in entry.names.values())})
    for names in wanted:
        for place in dossier.places.values():
            spelled = {*place.name.values(), *(a for each in place.aliases.values() for a in each)}
            if names & {s.casefold() for s in spelled}:
                return place.id
    return None


# --- claims ----------------------------------------------------------------------------------

def promote(root: Path, source_id: str, proposal_id: str, incident: str, claim_id: str | None = None,
            claimant: str | None = None, topic: str | None = None, party: str | None = None,
            asserted: str | None = None, values: Values = (), expected: Mapping[str, str] | None = None) -> Written:
    """Make a figure, date or quotation a draft claim of `incident`: who asserts it, when (the source's
    publication day unless `asserted` says otherwise), what it says in the source's own sentence (the other
    languages left to translate), cited verbatim."""
    state = State.read(root)
    dossier = state.dossier
    source = _source(state, source_id)
    kind, proposal = _proposal(state, source, proposal_id)
    if kind not in CLAIMS_FROM:
        raise EditError(f"{proposal_id} is one of the {kind}; a name becomes an actor or a place: briefing promote "
                        f"{source_id} {proposal_id} --as actor|place")
    claimant = claimant or (str(proposal["speaker_actor"]) if "speaker_actor" in proposal else None)
    if claimant is None:
        raise EditError("say who asserts the claim with --claimant ACTOR-ID")
    _refuse_unknown(state, incident, claimant, party)
    topic = topic or (proposal.get("event") if proposal.get("event") in EVENT_TOPICS else None)
    if topic is None:
        known = ", ".join(sorted(dossier.topics)) or "none yet"
        raise EditError(f"say what the claim is about with --topic (one of: {known}; or a new one, such as "
                        f"{', '.join(EVENT_TOPICS)})")
    claim_id = claim_id or _claim_id(dossier, claimant, topic, proposal)
    if not model.SLUG.match(claim_id):
        raise EditError(f"claim id {claim_id!r} is not valid: use lowercase letters, digits and hyphens")
    if claim_id in dossier.claims or claim_id in state.loaded.partial.get("claim", set()):
        raise EditError(f"claim id {claim_id!r} is already used; choose another --id")
    docs = [_incident_doc(state, incident)]
    topic_doc = _topic_doc(state, topic)
    if topic_doc is not None:
        docs.append(topic_doc)
    claim = _claim(kind, proposal, source, claim_id, claimant, topic, party or proposal.get("party"), dossier)
    if asserted or source.published:
        claim["asserted"] = asserted or source.published.value  # type: ignore[union-attr]
    claims = docs[0].data.get("claims")
    if not isinstance(claims, list):
        claims = docs[0].data["claims"] = structure({"claims": []})["claims"]
    claims.append(structure(claim))
    located = Located("claim", claim_id, docs[0].path, 1)
    node, spec = node_of(docs[0], located)
    for change in assignments(values):
        apply(node, spec, change)
    done = written(state, docs, [located], expected)[0]
    undated = () if "asserted" in node else ("asserted: the source is undated; set asserted=YYYY-MM-DD",)
    return replace(done, todo=done.todo + undated)


def _refuse_unknown(state: State, incident: str, claimant: str, party: str | None) -> None:
    dossier = state.dossier
    path = Layout(state.root).kind_dir("incident") / f"{incident}.yaml"
    if incident not in dossier.incidents and model.SLUG.match(incident) and path.is_file():   # there, but broken
        rel = state.rel(path)
        raise EditError(f"{rel} has problems (listed with this message); fix them, then promote",
                        [p for p in state.problems.errors if p.path == rel])
    if incident not in dossier.incidents:
        known = ", ".join(sorted(dossier.incidents)) or "none yet"
        raise EditError(f"no incident {incident!r} (known: {known}); make it first: briefing new incident {incident} "
                        "--date YYYY-MM-DD --title en='…'")
    for what, ident in (("claimant", claimant), ("party", party)):
        if ident is not None and ident not in dossier.actors:
            raise EditError(f"no actor {ident!r} for the {what}; make it from a name the source gives: briefing "
                            "promote SOURCE NAME-ID --as actor")


def _incident_doc(state: State, incident: str) -> Document:
    return Document.open(state, find(state, f"incident:{incident}").path)


def _topic_doc(state: State, topic: str) -> Document | None:
    """content/dossier.yaml with a label for a topic it lacks, where the topic is one whose labels are known."""
    if topic in state.dossier.topics:
        return None
    if not model.SLUG.match(topic):
        raise EditError(f"topic {topic!r} is not valid: use lowercase letters, digits and hyphens")
    labels = EVENT_TOPICS.get(topic)
    if labels is None:
        raise EditError(f"topic {topic!r} has no label yet; give it one in every language first: briefing set "
                        f"dossier topics.{topic}.en='…' topics.{topic}.ar='…'")
    doc = Document.open(state, find(state, "dossier").path)
    for lang, label in labels.items():
        if lang in state.dossier.languages:
            apply(doc.data, doc.spec, Assignment(f"topics.{topic}.{lang}", "=", label))
    return doc


def _claim_id(dossier: model.Dossier, claimant: str, topic: str, proposal: dict[str, Any]) -> str:
    """claimant-topic-figure, as editors name claims ("army-killed-47"), made unique with a number."""
    figure = proposal.get("value") if proposal.get("kind", "") != "dates" else None
    parts = [claimant[:40].rstrip("-"), topic, re.sub(r"[^0-9]+", "-", str(figure or "")).strip("-")]
    base = "-".join(p for p in parts if p)
    ident, number = base, 2
    while ident in dossier.claims:
        ident, number = f"{base}-{number}", number + 1
    return ident


def _claim(kind: str, proposal: dict[str, Any], source: model.Source, claim_id: str, claimant: str, topic: str,
           party: str | None, dossier: model.Dossier) -> dict[str, Any]:
    claim: dict[str, Any] = {"id": claim_id, "claimant": claimant, "topic": topic,
                             "text": {source.language: str(proposal.get("sentence") or proposal["span"])}}
    if kind == "figures":
        figure: dict[str, Any] = {}
        if party and party in dossier.actors:
            figure["party"] = party
        for key in ("value", "low", "high"):
            if key in proposal:
                number = float(proposal[key])
                if not number.is_integer():
                    raise EditError(f"the figure {proposal[key]} is not a whole number; a claim counts whole things")
                figure[key] = int(number)
        if "qualifier" in proposal:
            figure["qualifier"] = proposal["qualifier"]
        if proposal.get("unit") in model.UNITS:
            figure["unit"] = proposal["unit"]
        claim["figure"] = figure
    elif kind == "dates":
        if str(proposal["value"]).startswith("--"):
            raise EditError("the year of this date is unknown (the source is undated); write the claim's period "
                            "with 'briefing set CLAIM period.start=YYYY-MM-DD'")
        claim["period"] = {"start": proposal["value"], **({"end": proposal["until"]} if "until" in proposal else {})}
    claim["citations"] = [_cited(source, proposal, kind != "quotes")]
    # No credibility grade: only an editor can give one, and `briefing check` asks for it (ungraded).
    claim["review"] = {"status": "draft"}
    return claim


# --- adding to what exists -----------------------------------------------------------------------

def attach(root: Path, record_id: str, source_id: str, proposal_id: str, how: str,
           expected: Mapping[str, str] | None = None) -> Written:
    """Add a proposal to a record that exists: its span as an alias (in the source's language), or its
    passage as a citation."""
    if how not in ("alias", "citation"):
        raise EditError(f"a proposal is added as an alias or a citation, not {how!r}")
    state = State.read(root)
    source = _source(state, source_id)
    kind, proposal = _proposal(state, source, proposal_id)
    located = find(state, record_id)
    doc = Document.open(state, located.path)
    node, spec = node_of(doc, located)
    if how == "alias":
        if located.kind not in ("actor", "place"):
            raise EditError(f"{record_id} is a {located.kind}; only an actor or a place has aliases")
        span = str(proposal["span"])
        names = dict(node.get("name") or {})
        if span not in names.values():
            apply(node, spec, Assignment(f"aliases.{source.language}", "+=", span))
    else:
        if "citations" not in getattr(spec, "fields", {}):
            raise EditError(f"{record_id} is a {located.kind}, which cites through its claims; add the proposal to "
                            "a claim, an actor, a place or a timeline event")
        citations = node.get("citations")
        if not isinstance(citations, list):
            citations = node["citations"] = structure({"c": []})["c"]
        citations.append(structure(_cited(source, proposal, kind in ("figures", "dates"))))
    return written(state, [doc], [located], expected)[0]

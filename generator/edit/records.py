"""Finding a record by its id, making one, setting its fields, signing its review.

A record is named by its id alone (`harbour-authority`, a claim's id, a timeline event's id), or by
kind and id (`place:harbour`) where two kinds share it; `dossier` is content/dossier.yaml. The file is
never taken from the caller: an id leads to it, so no edit can reach outside the dossier.
"""
from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.edit.document import Document, EditError, State, Written, commit, structure
from generator.edit.values import Values, apply, assignments
from generator.factbase import model
from generator.factbase.records import CLAIM, EVENT
from generator.factbase.schema import MAX_SLUG, Spec
from generator.factbase.yamlio import parse
from generator.layout import RECORD_FOLDERS, Layout

# What `new` makes; a claim is made by `promote`, from what a source says.
NEW_KINDS = ("incident", "briefing", "actor", "place", "event")
_LOOKED_UP = ("source", "actor", "place", "incident", "briefing", "claim", "event")
_INSIDE = {"claim": ("claims", CLAIM), "event": ("events", EVENT)}   # kinds kept in a list of another file
DOSSIER = "dossier"


@dataclass(frozen=True)
class Located:
    kind: str      # source, actor, place, incident, briefing, claim, event, or dossier
    ident: str
    path: Path
    line: int


def locate(root: Path, ident: str) -> Located:
    """Which file holds the record, claim or timeline event `ident`, and on which line it starts."""
    return find(State.read(root), ident)


def find(state: State, ident: str) -> Located:
    layout = Layout(state.root)
    if ident == DOSSIER:
        return Located(DOSSIER, DOSSIER, layout.dossier_file, 1)
    kind, _, name = ident.rpartition(":")
    if kind and kind not in _LOOKED_UP:
        raise EditError(f"{kind!r} is not a kind of record; use one of {', '.join(_LOOKED_UP)} before the colon")
    dossier = state.dossier
    found = []
    for each in _LOOKED_UP:
        record = dossier.records(each).get(name) if not kind or kind == each else None
        if record is not None:
            found.append(Located(each, name, state.root / record.loc.path, record.loc.line))
        elif each in RECORD_FOLDERS and (not kind or kind == each) and name in state.loaded.partial.get(each, ()):
            found.append(Located(each, name, layout.kind_dir(each) / f"{name}.yaml", 1))  # a record with problems
    if len(found) > 1:
        kinds = " and ".join(f"a {f.kind}" for f in found)
        raise EditError(f"{name!r} is the id of {kinds}; say which, e.g. {found[0].kind}:{name}")
    if not found:
        everything = sorted({i for each in _LOOKED_UP for i in dossier.records(each)})
        near = difflib.get_close_matches(name, everything, n=1, cutoff=0.6)
        raise EditError(f"no record, claim or timeline event {name!r} in this dossier"
                        + (f"; did you mean {near[0]!r}?" if near else "; 'briefing status' lists them"))
    return found[0]


def node_of(doc: Document, located: Located) -> tuple[Any, Spec | None]:
    """The map in `doc` that holds the located record, and its schema."""
    if located.kind not in _INSIDE:
        return doc.data, doc.spec
    key, spec = _INSIDE[located.kind]
    for item in doc.data.get(key) or []:
        if isinstance(item, dict) and str(item.get("id")) == located.ident:
            return item, spec
    raise EditError(f"{doc.rel} no longer holds {located.kind} {located.ident!r}; run the command again")


def line_of(text: str, located: Located) -> int:
    """Where the record starts in the text written."""
    node, _ = parse(text)
    if located.kind in _INSIDE and isinstance(node, dict):
        for item in node.get(_INSIDE[located.kind][0]) or []:
            if isinstance(item, dict) and item.get("id") == located.ident:
                return int(getattr(item, "line", 1))
    return 1


def written(state: State, docs: Sequence[Document], records: Iterable[Located],
            expected: Mapping[str, str] | None) -> list[Written]:
    """Commit `docs` and say, for each record, where it now starts and what is left to do in its file."""
    warnings = commit(state, docs, expected)
    out = []
    for located in records:
        doc = next(d for d in docs if d.path == located.path)
        todo = tuple(f"{p.path}:{p.line}: {p.message}" for p in warnings if p.path == doc.rel)
        out.append(Written(located.path, located.ident, line_of(doc.text(), located), todo))
    return out


def set_values(root: Path, ident: str, values: Values,
               expected: Mapping[str, str] | None = None) -> Written:
    """Set fields of one record (dotted keys, see `edit.values`)."""
    state = State.read(root)
    located = find(state, ident)
    doc = Document.open(state, located.path)
    node, spec = node_of(doc, located)
    changes = assignments(values)
    if not changes:
        raise EditError("say what to set: KEY=VALUE, e.g. publisher.en=Reuters")
    for change in changes:
        if located.kind != DOSSIER and change.key == "id":
            raise EditError("an id is also the file's name and is used by other records; it is not changed here")
        apply(node, spec, change)
    return written(state, [doc], [located], expected)[0]


def _slug_ok(ident: str) -> None:
    if not model.SLUG.match(ident) or len(ident) > MAX_SLUG:
        raise EditError(f"{ident!r} is not a valid id: use lowercase letters, digits and hyphens "
                        f"(at most {MAX_SLUG}), e.g. harbour-strike-2024")


def _blank(kind: str, ident: str) -> dict[str, Any]:
    """A new record with what its schema requires, empty where only an editor can fill it (check then says
    what is missing: a translation, a summary), never invented."""
    draft = {"status": "draft"}
    if kind == "incident":
        return {"id": ident, "title": {}, "summary": [{"text": {}}], "claims": [], "review": draft}
    if kind == "briefing":
        return {"id": ident, "title": {}, "key_points": [], "review": draft}
    if kind == "event":
        return {"id": ident, "text": {}, "review": draft}
    record = {"id": ident, "name": {}, "review": draft}
    return {**record, "description": {}} if kind == "actor" else record


def new(root: Path, kind: str, ident: str, values: Values = (),
        expected: Mapping[str, str] | None = None, claims: Sequence[str] = ()) -> Written:
    """Make a new incident, briefing, actor, place or timeline event. A briefing gets a key point per claim
    in `claims`, with the claim's own text, and the incidents those claims belong to."""
    if kind not in NEW_KINDS:
        raise EditError(f"cannot make a {kind!r}; 'new' makes {', '.join(NEW_KINDS)} (a claim: 'briefing promote')")
    _slug_ok(ident)
    state = State.read(root)
    dossier = state.dossier
    changes = assignments(values)
    record = _blank(kind, ident)
    if kind == "briefing":
        record.update(_key_points(dossier, claims))
    elif claims:
        raise EditError("key points from claims are for a briefing only")
    layout = Layout(root)
    if kind == "event":
        if ident in dossier.events:
            raise EditError(f"the timeline has an event {ident!r} already; choose another id")
        path = layout.timeline_file
        doc = Document.open(state, path) if path.exists() else Document.new(state, path, "timeline", {"events": []})
        if doc.data.get("events") is None:
            doc.data["events"] = []
        doc.data["events"].append(structure(record))
        node = doc.data["events"][-1]
        located = Located("event", ident, path, 1)
        spec: Spec | None = EVENT
    else:
        path = layout.kind_dir(kind) / f"{ident}.yaml"
        if ident in dossier.records(kind) or path.exists():
            raise EditError(f"there is a {kind} {ident!r} already ({state.rel(path)}); choose another id")
        doc = Document.new(state, path, kind, record)
        node, spec, located = doc.data, doc.spec, Located(kind, ident, path, 1)
    for change in changes:
        apply(node, spec, change)
    _needs(kind, node)
    return written(state, [doc], [located], expected)[0]


def _needs(kind: str, node: Mapping[str, Any]) -> None:
    """What a new record cannot be made without, asked for in words before check would say it in its own."""
    if kind in ("actor", "place", "event") and not node.get("citations"):
        what = "name" if kind != "event" else "text"
        raise EditError(f"a new {kind} cites where a source says it: add --cite SOURCE PARAGRAPH 'exact words' "
                        f"(or make it from a proposal: briefing promote SOURCE NAME-ID --as actor|place); its "
                        f"{what} is then yours to write")
    if kind in ("actor", "place") and not node.get("kind"):
        raise EditError(f"say what kind of {kind} it is: kind=… (see 'briefing new --help')")
    wanted = {"incident": "start", "briefing": "date", "event": "date"}.get(kind)
    if wanted and not node.get(wanted):
        raise EditError(f"a new {kind} needs its date: --date YYYY-MM-DD (or YYYY-MM, YYYY)")


def _key_points(dossier: model.Dossier, claims: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"key_points": [], "incidents": []}
    for ident in claims:
        claim = dossier.claims.get(ident)
        if claim is None:
            raise EditError(f"no claim {ident!r}; 'briefing status' lists the claims")
        out["key_points"].append({"text": dict(claim.text), "claims": [ident]})
        if claim.incident not in out["incidents"]:
            out["incidents"].append(claim.incident)
    if not out["key_points"]:
        out["key_points"] = [{"text": {}}]
    return out


# --- review ---------------------------------------------------------------------------------

def today() -> str:
    """The editor's own day (in the machine's time zone): a review's date unless one is given."""
    return datetime.datetime.now().astimezone().date().isoformat()


def review(root: Path, by: str, ids: Sequence[str] | None, on: str | None = None,
           expected: Mapping[str, str] | None = None) -> list[Written]:
    """Sign the review of records (every draft when `ids` is None): reviewed, by whom, on which day. A
    record that is not ready (a translation missing, a draft it leans on) is refused with the reason,
    and then nothing is signed."""
    state = State.read(root)
    reviewers = state.dossier.reviewers
    if by not in reviewers:
        known = ", ".join(reviewers) or "none yet"
        raise EditError(f"{by!r} is not a reviewer of this dossier (known: {known}); add one with: briefing set "
                        f"dossier reviewers.{by}.name.en='Full Name' reviewers.{by}.name.ar='الاسم'")
    day = on or today()
    targets = _drafts(state) if ids is None else [t for ident in ids for t in _named(state, ident)]
    if not targets:
        raise EditError("there is nothing in draft to review" if ids is None else "name a record to review")
    return _sign(state, targets, {"status": "reviewed", "by": by, "on": day}, expected)


def unreview(root: Path, ids: Sequence[str], expected: Mapping[str, str] | None = None) -> list[Written]:
    """Send records back to draft: they leave the published site at the next build."""
    state = State.read(root)
    targets = [t for ident in ids for t in _named(state, ident)]
    if not targets:
        raise EditError("name a record to send back to draft")
    return _sign(state, targets, {"status": "draft"}, expected)


def _sign(state: State, targets: list[Located], review_: dict[str, str],
          expected: Mapping[str, str] | None) -> list[Written]:
    from ruamel.yaml.comments import CommentedMap
    docs: dict[Path, Document] = {}
    for located in dict.fromkeys(targets):
        doc = docs.get(located.path) or docs.setdefault(located.path, Document.open(state, located.path))
        node, _ = node_of(doc, located)
        node["review"] = CommentedMap(review_)
    return written(state, list(docs.values()), list(dict.fromkeys(targets)), expected)


def _named(state: State, ident: str) -> list[Located]:
    """The record an id names; a record file's path (content/…/x.yaml) names every record in it."""
    if ident.endswith((".yaml", ".yml")):
        wanted = Path(ident).as_posix().removeprefix("./")
        found = [t for t in _every(state) if state.rel(t.path) == wanted]
        if not found:
            raise EditError(f"{ident} holds no record of this dossier (give its path from the dossier's folder, "
                            "e.g. content/incidents/harbour-strike.yaml)")
        return found
    return [find(state, ident)]


def _every(state: State) -> list[Located]:
    dossier = state.dossier
    return [Located(kind, ident, state.root / record.loc.path, record.loc.line)
            for kind in _LOOKED_UP for ident, record in dossier.records(kind).items()]


def _drafts(state: State) -> list[Located]:
    dossier = state.dossier
    return [t for t in _every(state) if dossier.records(t.kind)[t.ident].review.status == "draft"]

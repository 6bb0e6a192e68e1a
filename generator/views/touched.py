"""Which pages an edit touches: what the preview renders first, so that the page an editor is working on
shows a saved change in about a second whatever the size of the dossier.

An edit is known by the files it changed (paths relative to the dossier, as the preview's polling sees
them). The records read from those files that differ from the dossier before the edit lead to their pages:
the record's own page (a claim: its incident's), the pages of the sources it cites (their passages and
"cited by" lists), and the briefings that cite its claims. This is an order of work, not a proof: the
preview builds the whole site right after (`build.Preview`), so a page missed here is only late.
"""
from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from generator.factbase import model
from generator.layout import SEEDS
from generator.views import addresses

# Past this many pages an edit is no longer "one record": the whole site is built at once instead.
MOST = 24


def records_in(dossier: model.Dossier, files: Collection[str]) -> Iterator[Any]:
    """The records read from `files` (a source also when its seed is among them), an incident with its
    claims; the timeline's events when the timeline file is."""
    seeds = {path.removeprefix(f"{SEEDS}/") for path in files if path.startswith(f"{SEEDS}/")}
    for kind in ("source", "actor", "place", "incident", "briefing"):
        for record in dossier.records(kind).values():
            if record.loc.path in files or (kind == "source" and record.file in seeds):
                yield record
    for event in dossier.timeline:
        if event.loc.path in files:
            yield event


def changed(before: model.Dossier | None, after: model.Dossier, files: Collection[str]) -> list[Any]:
    """The records of `files` that an edit made new or different (all of them when there is no `before`)."""
    out = []
    for record in records_in(after, files):
        kind = addresses.kind_of(record)
        if before is None or before.records(kind).get(record.id) != record:
            out.append(record)
    return out


def pages(before: model.Dossier | None, after: model.Dossier, files: Collection[str]) -> list[str] | None:
    """The pages (paths under docs/) an edit of `files` touches, the edited records' own pages first; None
    when they are more than `MOST`, or when a file holds no record of `after` (the dossier's own file, a record
    deleted, a proposal): the preview then builds everything at once."""
    if set(files) - _holding(after, files):
        return None
    edited = changed(before, after, files)
    claims = [claim for record in edited if isinstance(record, model.Incident) for claim in record.claims
              if before is None or before.claims.get(claim.id) != claim]   # of an incident, those edited
    cited = [addresses.page_of("source", citation.source)
             for citation in [c for r in edited for c in _citations(r)] + [c for k in claims for c in k.citations]]
    ids = {claim.id for claim in claims}
    citing = [addresses.page_of("briefing", b.id) for b in after.briefings.values()
              if ids & {k for p in _passages(b) for k in p.claims}]
    found = list(dict.fromkeys([addresses.home(after, r).page for r in edited] + cited + citing))
    existing = {page.path for page in addresses.pages(after)}
    found = [page for page in found if page in existing]
    return found if len(found) <= MOST else None


def _holding(dossier: model.Dossier, files: Collection[str]) -> set[str]:
    """Those of `files` that hold a record of `dossier`, or a seed of one of its sources."""
    held = set()
    for record in records_in(dossier, files):
        held.add(record.loc.path)
        if isinstance(record, model.Source):
            held.add(f"{SEEDS}/{record.file}")
    return held


def _citations(record: Any) -> list[model.Citation]:
    if isinstance(record, model.Actor):
        return record.citations + [c for rel in record.relations for c in rel.citations]
    if isinstance(record, model.Briefing):
        return [c for p in _passages(record) for c in p.citations]
    if isinstance(record, model.Incident):
        return [c for p in record.summary for c in p.citations]
    return list(getattr(record, "citations", []))


def _passages(briefing: model.Briefing) -> list[model.Passage]:
    return briefing.key_points + [p for s in briefing.sections for p in s.paragraphs]

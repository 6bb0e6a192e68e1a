"""Cross-references of a dossier: what cites each source paragraph, and where each actor appears
(records placed where `views.addresses` says they live). Pure functions of the model; pages only look them up.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cached_property, lru_cache

from generator.factbase import model
from generator.text.names import NameMatcher, longest_first
from generator.views.addresses import Target, target


class CrossIndex:
    """Computed once per build and shared by every page."""

    def __init__(self, dossier: model.Dossier) -> None:
        self.dossier = dossier

    @cached_property
    def cited_by(self) -> dict[tuple[str, str], list[Target]]:
        """(source id, paragraph id) -> the records citing that paragraph, each once, in a stable order."""
        found: dict[tuple[str, str], set[Target]] = defaultdict(set)
        for owner, cit in self.dossier.citations():
            found[(cit.source, cit.paragraph)].add(target(self.dossier, owner))
        return {key: sorted(value, key=_order) for key, value in found.items()}

    @cached_property
    def passages_at(self) -> dict[tuple[str, str], list[model.Citation]]:
        """(source id, paragraph id) -> one citation per quote cited from that paragraph, by quote, the first
        that gives translations most fully: what the source page shows beside the quoted words."""
        found: dict[tuple[str, str], dict[str, model.Citation]] = defaultdict(dict)
        for _owner, cit in self.dossier.citations():
            kept = found[(cit.source, cit.paragraph)].get(cit.quote)
            if kept is None or len(cit.translation) > len(kept.translation):
                found[(cit.source, cit.paragraph)][cit.quote] = cit
        return {key: [value[q] for q in sorted(value)] for key, value in found.items()}

    @cached_property
    def appears_in(self) -> dict[str, list[Target]]:
        """Actor id -> every claim, incident, briefing and source it appears in."""
        d = self.dossier
        found: dict[str, set[Target]] = defaultdict(set)
        claims_of: dict[str, set[str]] = defaultdict(set)
        for incident in d.incidents.values():
            for part in incident.participants:
                found[part.actor].add(target(d, model.Owner("incident", incident.id)))
            for claim in incident.claims:
                named = {claim.claimant, claim.answer or "", claim.figure.party or "" if claim.figure else ""}
                for actor in named - {""}:
                    claims_of[actor].add(claim.id)
                    found[actor].add(target(d, model.Owner("claim", claim.id, incident.id)))
                    found[actor].add(target(d, model.Owner("incident", incident.id)))
                    for cit in claim.citations:
                        found[actor].add(target(d, model.Owner("source", cit.source)))
        for record in d.actors.values():
            for cit in record.citations + [c for rel in record.relations for c in rel.citations]:
                found[record.id].add(target(d, model.Owner("source", cit.source)))
        actors = list(d.actors.values())
        for briefing in d.briefings.values():
            passages = briefing.key_points + [p for s in briefing.sections for p in s.paragraphs]
            cited = {k for p in passages for k in p.claims}
            texts = [t for p in passages for t in p.text.items()]
            in_text = set().union(*(actors_named(text, lang, actors) for lang, text in texts))
            for record in actors:
                if cited & claims_of[record.id] or record.id in in_text:
                    found[record.id].add(target(d, model.Owner("briefing", briefing.id)))
        return {key: sorted(value, key=_order) for key, value in found.items()}

    def complete(self) -> CrossIndex:
        """Every index worked out now, once, rather than by each language's pages (or worker) on first use."""
        _ = self.cited_by, self.passages_at, self.appears_in
        return self


_KIND_ORDER = {"briefing": 0, "incident": 1, "claim": 2, "event": 3, "actor": 4, "place": 5, "source": 6}


def _order(t: Target) -> tuple[int, str, str]:
    return _KIND_ORDER.get(t.kind, 9), t.page, t.anchor


def names(actor: model.Actor | model.Place, lang: str) -> list[str]:
    """Every name of a record in one language, longest first (so 'Harbour Authority' wins over 'Harbour')."""
    out = [actor.name[lang]] if lang in actor.name else []
    out += actor.aliases.get(lang, [])
    return sorted({n for n in out if n.strip()}, key=lambda n: (-len(n), n))


def actors_named(text: str, lang: str, actors: list[model.Actor]) -> set[str]:
    """The actors a text names, matched as the glossary links them, so a name inside a longer one
    ("CSP" in "CSP-PSD") is not counted for another actor."""
    return {ident for _, _, ident in _mentions(text, lang, actors)}


def first_mentions(text: str, lang: str, actors: list[model.Actor], skip: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of the first whole-word mention of each actor not in `skip`.

    Every name of every actor claims its place in the text first, longest names first, so a name
    inside a longer one ("Kyiv" in "Kyiv Post") is never taken for another actor, even when the
    longer one was already linked earlier on the page.
    """
    first: dict[str, tuple[int, int, str]] = {}
    for start, end, ident in _mentions(text, lang, actors):
        if ident not in skip:
            first.setdefault(ident, (start, end, ident))
    return sorted(first.values())


def _mentions(text: str, lang: str, actors: list[model.Actor]) -> list[tuple[int, int, str]]:
    """Every mention of the actors in the text, all their names matched together, longest first."""
    key = (lang, id(actors))
    matcher = _matchers.get(key)
    if matcher is None:
        if len(_matchers) > 64:  # a preview rebuilds for hours: keep the latest few
            _matchers.clear()
        entries = tuple(sorted((name, actor.id) for actor in actors for name in names(actor, lang)))
        matcher = _matchers[key] = (_matcher(entries), actors)
    return [(start, end, str(ident)) for start, end, ident in longest_first(matcher[0].find(text))]


# The matcher of a list of actors, by the identity of the list it was built from (kept with it, so the
# id cannot be reused by another list while the entry lives; callers pass one list for a whole build):
# working out every name of every actor again for each text of each page was a build's largest cost
# after MkDocs.
_matchers: dict[tuple[str, int], tuple[NameMatcher, list[model.Actor]]] = {}


@lru_cache(maxsize=4096)
def _matcher(entries: tuple[tuple[str, str], ...]) -> NameMatcher:
    """The shared name matcher (`text.names`) for a set of (name, actor id), built once per set."""
    return NameMatcher(entries)

"""Two claims of one statement made one: a statement relayed by two outlets is one claim with both
citations, so that it counts once in ranges and charts (`check` warns of such a pair: relayed-claim)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.edit.document import Document, EditError, State, Written
from generator.edit.records import find, node_of, written


def merge(root: Path, keep: str, other: str, expected: Mapping[str, str] | None = None) -> Written:
    """Move `other`'s citations to `keep`, remove `other`, and point whatever named it (a briefing's key point,
    a revision) at `keep`."""
    state = State.read(root)
    dossier = state.dossier
    kept, gone = dossier.claims.get(keep), dossier.claims.get(other)
    for ident, claim in ((keep, kept), (other, gone)):
        if claim is None:
            raise EditError(f"no claim {ident!r}; 'briefing status' lists the claims")
    assert kept is not None and gone is not None
    if keep == other:
        raise EditError("name two different claims: the one to keep, then the one merged into it")
    if kept.claimant != gone.claimant or kept.same_quantity != gone.same_quantity or kept.comparable != gone.comparable:
        raise EditError(f"{keep} and {other} do not say the same thing (claimant, quantity and value): they are two "
                        "claims, not one statement relayed twice")
    target, source = find(state, f"claim:{keep}"), find(state, f"claim:{other}")
    docs: dict[Path, Document] = {target.path: Document.open(state, target.path)}
    docs.setdefault(source.path, Document.open(state, source.path))
    node, _ = node_of(docs[target.path], target)
    citations = node["citations"]
    seen = [(str(c.get("source")), str(c.get("paragraph")), str(c.get("quote"))) for c in citations]
    gone_node, _ = node_of(docs[source.path], source)
    for citation in gone_node.get("citations") or []:
        if (str(citation.get("source")), str(citation.get("paragraph")), str(citation.get("quote"))) not in seen:
            citations.append(citation)
    claims = docs[source.path].data["claims"]
    claims.pop(next(i for i, c in enumerate(claims) if isinstance(c, dict) and str(c.get("id")) == other))
    for rel in sorted({ref[0] for ref in state.loaded.refs if ref[1] == "claim" and ref[2] == other}):
        path = root / rel
        doc = docs.get(path) or docs.setdefault(path, Document.open(state, path))
        _repoint(doc.data, other, keep)
    for doc in docs.values():
        _repoint(doc.data, other, keep)
    return written(state, list(docs.values()), [target], expected)[0]


def _repoint(node: Any, old: str, new: str) -> None:
    """Every mention of claim `old` under `node` (a passage's `claims`, a `revises`) made `new`."""
    if isinstance(node, dict):
        if node.get("revises") == old:
            node["revises"] = new
        cited = node.get("claims")
        if isinstance(cited, list) and any(item == old for item in cited):
            for index in reversed(range(len(cited))):
                if cited[index] == old:
                    if new in cited:
                        del cited[index]
                    else:
                        cited[index] = new
        for value in node.values():
            _repoint(value, old, new)
    elif isinstance(node, list):
        for item in node:
            _repoint(item, old, new)

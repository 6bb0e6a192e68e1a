"""`briefing check --signatures`: a reviewed record's review holds only if the commit that last changed
the record is signed by a key of the reviewer it names, as the dossier listed them before that commit.

The list is read as it stood in the commit's first parent, so a commit cannot admit its own signer; a
record changed since the last commit, or by an unsigned commit, is back awaiting review. git does the
cryptography (SSH signatures, git 2.34 or later, checked against an allowed-signers file made from
`reviewers:` in content/dossier.yaml); only status "G", a good signature by a listed key, counts.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import gitrepo
from generator.errors import BriefingError, Problems
from generator.factbase import model, publish, yamlio
from generator.layout import CONTENT, DOSSIER_FILE

CODE = "review-signature"
_WHAT_TO_DO = ("review it again and commit the change signed by its reviewer (git commit -S; CONTRIBUTING.md, "
               "\"Signing your reviews\")")


def _parts(data: Any) -> dict[tuple[str, Any], Any]:
    """Every record's own part of a file's data, by (kind, id), worked out once per version of the file:
    each claim and event by its id, and the record the file is ("file") without its claims, which have
    reviews of their own."""
    if not isinstance(data, dict):
        return {}
    parts: dict[tuple[str, Any], Any] = {("file", ""): {k: v for k, v in data.items() if k != "claims"}}
    for kind, key in (("claim", "claims"), ("event", "events")):
        items = data.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                parts.setdefault((kind, item.get("id")), item)
    return parts


def _key(owner: model.Owner) -> tuple[str, Any]:
    """Where a record's own part is among its file's `_parts`."""
    return (owner.kind, owner.id) if owner.kind in ("claim", "event") else ("file", "")


def _data(text: bytes | None) -> Any:
    """A record file's data, as plain values; None where there is no file or it does not parse."""
    if text is None:
        return None
    node, problems = yamlio.parse_bytes(text)
    return None if problems else yamlio.plain(node)


@dataclass
class _History:
    """One file's commits, newest first, and its records' own parts at each of them, read once."""

    top: Path
    path: str                                  # from the top of the work tree
    commits: list[gitrepo.Logged]
    working: dict[tuple[str, Any], Any]        # the parts as the file stands in the work tree
    parts: dict[str, dict[tuple[str, Any], Any]] = field(default_factory=dict)

    def at(self, index: int) -> dict[tuple[str, Any], Any]:
        if index >= len(self.commits):
            return {}
        rev = self.commits[index].hash
        if rev not in self.parts:
            self.parts[rev] = _parts(_data(gitrepo.show(self.top, rev, self.path)))
        return self.parts[rev]

    def last_change(self, owner: model.Owner) -> gitrepo.Logged | None:
        """The newest commit after which the record's own data is as it is at HEAD."""
        key = _key(owner)
        for i, logged in enumerate(self.commits):
            if self.at(i).get(key) != self.at(i + 1).get(key):
                return logged
        return None


def _allowed_signers(top: Path, prefix: str, parent: str | None, only: str | None, folder: Path) -> Path:
    """An allowed-signers file of the reviewers content/dossier.yaml listed at `parent` (none before a
    first commit), or of the one reviewer `only`: one line per key, the reviewer's id as its principal."""
    lines: list[str] = []
    data = _data(gitrepo.show(top, parent, f"{prefix}{CONTENT}/{DOSSIER_FILE}")) if parent else None
    reviewers = data.get("reviewers") if isinstance(data, dict) else None
    for ident, entry in sorted(reviewers.items()) if isinstance(reviewers, dict) else []:
        keys = entry.get("keys") if isinstance(entry, dict) else None
        for key in keys if isinstance(keys, list) else []:
            kind, _, rest = str(key).partition(" ")
            blob = rest.split(" ", 1)[0]
            if model.SLUG.match(str(ident)) and kind and blob and "\n" not in key and only in (None, ident):
                lines.append(f'{ident} namespaces="git" {kind} {blob}')
    path = folder / f"allowed-{parent or 'none'}-{only or 'all'}"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def verify(root: Path, dossier: model.Dossier) -> Problems:
    """A problem at the review of every reviewed or published record whose last change is not signed
    by its reviewer; nothing for drafts."""
    problems = Problems(root)
    found = gitrepo.dossier_prefix(root)
    if found is None:
        raise BriefingError(f"{root} is not in a git repository (or git is not installed): --signatures "
                            "verifies the commits that changed each reviewed record; run it in a clone")
    top, prefix = found
    histories: dict[str, _History] = {}
    signatures: dict[tuple[str, str | None], gitrepo.Signature] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-signers-") as folder:
        def signed(commit: gitrepo.Logged, by: str | None) -> gitrepo.Signature:
            """The commit's signature checked against the keys of `by` alone, or of every reviewer (None)."""
            parent = commit.parents[0] if commit.parents else None
            if (commit.hash, by) not in signatures:
                signers = _allowed_signers(top, prefix, parent, by, Path(folder))
                signatures[(commit.hash, by)] = gitrepo.signature(top, commit.hash, signers)
            return signatures[(commit.hash, by)]

        for owner, record in dossier.reviewables():
            if not publish.is_public(record):
                continue
            path = record.loc.path
            if path not in histories:
                on_disk, _ = yamlio.read_bytes(root / path, root)   # a link out of the dossier is not read
                histories[path] = _History(top, prefix + path, gitrepo.log(top, prefix + path) or [],
                                           _parts(_data(on_disk)))
            _verify_one(owner, record, histories[path], signed, problems)
    return problems


def _verify_one(owner: model.Owner, record: Any, history: _History,
                signed: Callable[[gitrepo.Logged, str | None], gitrepo.Signature], problems: Problems) -> None:
    review: model.Review = record.review
    by = review.by or "its reviewer"
    path = record.loc.path

    def error(message: str) -> None:
        problems.error(path, *review.at, f"{owner}: {message}; {_WHAT_TO_DO}", CODE)

    if history.working.get(_key(owner)) != history.at(0).get(_key(owner)):
        error(f"changed since the last commit, so its review by {by} is not signed yet")
        return
    commit = history.last_change(owner)
    if commit is None:
        error("not in any commit yet, so its review is not signed")
        return
    where = f"commit {commit.short} ({commit.day})"
    if not commit.parents:
        error(f"last changed by {where}, the first commit, before which no reviewer was listed (a commit "
              "cannot admit its own signer)")
        return
    if signed(commit, review.by).status == "G":
        return
    sig = signed(commit, None)   # whose key it is, if it is any listed reviewer's
    if sig.status == "N":
        error(f"last changed by {where}, which is not signed")
    elif sig.status == "G":
        error(f"last changed by {where}, signed by {sig.signer}, not by {by}, whom the review names")
    elif sig.status == "U":
        error(f"last changed by {where}, signed by a key that content/dossier.yaml did not list for {by} "
              f"before that commit ({sig.key or 'unknown key'})")
    elif sig.status != "G":
        error(f"last changed by {where}, whose signature does not verify (git says {sig.status!r}: a bad, "
              "expired or revoked signature, or one git cannot check)")

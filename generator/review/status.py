"""Where a dossier stands: what is a draft, what a published build leaves out and why, what lacks a
translation, and which drafts are ready for a reviewer.

`check` says what is wrong; this says what is unfinished. Both read the same rules: what is left out comes
from `factbase.publish.left_out` (the rule `published` applies), what lacks a translation from check's own
`translation` problems. The command line prints it and the desk shows the same lists.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import BriefingError, Problem, Problems
from generator.factbase import check, model, publish


@dataclass(frozen=True)
class Entry:
    """One record (or one text of it) in a list: what it is, where (path relative to the dossier, 1-based
    line), and why it is listed, in words. An untranslated text also names its field and languages."""

    kind: str
    id: str
    path: str
    line: int
    reason: str
    field: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Status:
    drafts: list[Entry] = field(default_factory=list)          # every record whose own review is draft
    awaiting_review: list[Entry] = field(default_factory=list)  # the drafts check finds nothing wrong with
    unpublished: list[Entry] = field(default_factory=list)     # what a published build leaves out, and why
    untranslated: list[Entry] = field(default_factory=list)    # a text lacking a dossier language

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_KEY = re.compile(r"\s*(?:-\s+)?([\w.-]+)\s*:")


def status(root: Path) -> Status:
    """The dossier's status; a dossier that cannot be read is a `BriefingError` with check's problems."""
    dossier, problems = check.run(root)
    if dossier is None:
        raise BriefingError("the dossier cannot be read, so its status is unknown; fix the problems above "
                            "('briefing check')", problems.errors)
    return of_checked(root, dossier, problems)


def of_checked(root: Path, dossier: model.Dossier, problems: Problems) -> Status:
    """The status of a dossier checked already (the desk's home page shows check's problems beside it)."""
    owners = _Owners(dossier)
    findings: dict[tuple[str, str], list[Problem]] = {}   # what check finds in each record, but notes
    for problem in problems.sorted():
        if problem.severity != "info" and problem.code != "unpublished":
            findings.setdefault(owners.at(problem.path, problem.line), []).append(problem)
    untranslated = [_untranslated(root, dossier, owner, problem) for owner, found in findings.items()
                    for problem in found if problem.code == "translation"]
    drafts = _drafts(dossier, findings)
    unpublished = [Entry(out.kind, out.id, out.loc.path, out.loc.line,
                         out.reason + (f"; it takes {', '.join(out.takes)} with it" if out.takes else ""))
                   for out in publish.left_out(dossier)]
    ready = [entry for entry in drafts if not findings.get((entry.kind, entry.id))]
    return Status(drafts, ready, unpublished, sorted(untranslated, key=lambda e: (e.path, e.line)))


def _untranslated(root: Path, dossier: model.Dossier, owner: tuple[str, str], problem: Problem) -> Entry:
    """Check's `translation` problem as an entry: the field written on its line, the languages it names."""
    languages = tuple(lang for lang in dossier.languages
                      if re.search(rf"(?<![\w-]){re.escape(lang)}(?![\w-])", problem.message))
    return Entry(*owner, problem.path, problem.line, problem.message, _field(root / problem.path, problem.line),
                 languages)


def _drafts(dossier: model.Dossier, findings: dict[tuple[str, str], list[Problem]]) -> list[Entry]:
    """Every draft, at its review's line, with what stands between it and a reviewer's signature: what check
    finds in it, or the drafts it leans on (signed alone, it would be refused)."""
    leaning: dict[str, list[str]] = {}   # "claim x" -> the drafts it could not be signed without
    for _, record, draft in publish.leaning_on_drafts(dossier, of=lambda r: not publish.is_public(r)):
        leaning.setdefault(record, []).append(draft)
    drafts = []
    for owner, record in dossier.reviewables():
        if publish.is_public(record):
            continue
        found = findings.get((owner.kind, owner.id), [])
        needs = list(dict.fromkeys(leaning.get(str(owner), [])))
        if found:
            reason = (f"draft; check finds {len(found)} problem(s) in it to fix before review (first, line "
                      f"{found[0].line}: {found[0].message})")
        elif needs:
            reason = (f"draft, ready once {', '.join(needs)} (a draft it leans on) is: 'briefing review --by WHO "
                      f"{owner.id} {' '.join(n.split(' ', 1)[1] for n in needs)}' would sign them together")
        else:
            reason = f"draft, ready for a reviewer: 'briefing review --by WHO {owner.id}' would sign it"
        drafts.append(Entry(owner.kind, owner.id, record.loc.path, record.review.at[0] or record.loc.line, reason))
    return drafts


class _Owners:
    """Which record a line of a file belongs to: the one that starts last at or before it (a claim inside
    its incident's file, an event in the timeline)."""

    def __init__(self, dossier: model.Dossier) -> None:
        self.starts: dict[str, list[tuple[int, str, str]]] = {}
        for owner, record in dossier.reviewables():
            self.starts.setdefault(record.loc.path, []).append((record.loc.line, owner.kind, owner.id))
        for starts in self.starts.values():
            starts.sort()

    def at(self, path: str, line: int) -> tuple[str, str]:
        starts = self.starts.get(path, [])
        index = bisect.bisect_right(starts, (line, "\uffff", "\uffff"))   # a timeline holds hundreds of events
        if index:
            return starts[index - 1][1:]
        return ("dossier", "dossier") if path.endswith("dossier.yaml") else ("file", path)


def _field(path: Path, line: int) -> str:
    """The key written on a line of a record: the field a problem there is about (a citation's, `quote`)."""
    try:
        text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return ""
    key = _KEY.match(text)
    if key is None:
        return ""
    return "quote" if key.group(1) == "source" else key.group(1)


# --- as text ----------------------------------------------------------------------------------------

def as_text(state: Status) -> list[str]:
    """Lines for people: each list under a heading with its count, each entry `path:line:` first, so that an
    editor's terminal or editor opens it with a click. The drafts ready for a reviewer are counted among the
    drafts, and say so, rather than listed twice."""
    lines: list[str] = []
    for heading, entries in ((f"Drafts: {len(state.drafts)} ({len(state.awaiting_review)} ready for a reviewer)",
                              state.drafts),
                             (f"Left out of the published site: {len(state.unpublished)}", state.unpublished),
                             (f"Untranslated: {len(state.untranslated)}", state.untranslated)):
        lines.append(heading)
        for e in entries:
            what = f"{e.field} lacks {', '.join(e.languages)}" if e.field and e.languages else e.reason
            lines.append(f"  {e.path}:{e.line}: {e.kind} {e.id}: {what}")
    return lines

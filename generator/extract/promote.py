"""`briefing promote`: turn one machine proposal into a draft claim, so nobody retypes it.

A figure becomes a claim with that figure, a date a claim with that period, a quotation a claim
that quotes it; each cites the proposal's span, verbatim, in its paragraph. The claim is appended to
the incident's `claims:` list as a block of YAML text, never by re-dumping the file: the editor's
comments, order and layout stay as they were. It is a draft with the source's language only; the
check then asks, as a warning, for the translations an editor must add.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import BriefingError
from generator.extract.propose import KINDS, proposals_file
from generator.factbase import model
from generator.factbase.load import Loaded, load
from generator.factbase.yamlio import Map, Seq, dump, parse, plain, read
from generator.files import write_atomic
from generator.layout import CONTENT, PROPOSALS, RECORD_FOLDERS, Layout
from generator.text import verbatim

# Claim topics a figure's event names directly ("killed" figures go under the topic `killed`).
_EVENT_TOPICS = ("killed", "wounded", "captured", "missing", "arrested")
PROMOTABLE = ("figures", "dates", "quotes")


@dataclass
class Promoted:
    path: Path
    claim: str
    line: int      # where the claim starts in the incident file


def promote(root: Path, source_id: str, proposal_id: str, incident_id: str, claim_id: str,
            claimant: str | None = None, topic: str | None = None, party: str | None = None) -> Promoted:
    """Append the claim made from proposal `proposal_id` of `source_id` to incident `incident_id`."""
    loaded = load(root)
    dossier = _dossier(loaded)
    source = dossier.sources.get(source_id)
    if source is None:
        raise BriefingError(f"no source {source_id!r}; known: {', '.join(sorted(dossier.sources)) or 'none'}")
    kind, proposal = _proposal(root, source, proposal_id)
    claimant = claimant or (str(proposal["speaker_actor"]) if "speaker_actor" in proposal else None)
    _refuse_unknown(dossier, loaded, incident_id, claim_id, claimant, party)
    assert claimant is not None
    topic = topic or _topic(kind, proposal)
    if topic is None:
        raise BriefingError(f"say what the claim is about with --topic (one of: {', '.join(sorted(dossier.topics))})")
    if topic not in dossier.topics:
        raise BriefingError(f"topic {topic!r} has no label; use one of: {', '.join(sorted(dossier.topics))}, or "
                            "add it under 'topics' in content/dossier.yaml first")
    claim = _claim(kind, proposal, source, claim_id, claimant, topic, party, dossier)
    path = Layout(root).kind_dir("incident") / f"{incident_id}.yaml"
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"  # a file written on Windows keeps its line endings
    updated, line = append_claim(raw.replace("\r\n", "\n"), claim, path)
    write_atomic(path, updated.replace("\n", newline))
    return Promoted(path, claim_id, line)


def _dossier(loaded: Loaded) -> model.Dossier:
    if loaded.dossier is None:
        raise BriefingError("cannot read the dossier; fix the problems above first", loaded.problems.errors)
    return loaded.dossier


def _proposal(root: Path, source: model.Source, proposal_id: str) -> tuple[str, dict[str, Any]]:
    """The proposal, checked to still hold in the source as it is now."""
    path = proposals_file(root, source.id)
    rel = f"{CONTENT}/{PROPOSALS}/{path.name}"
    if not path.is_file():
        raise BriefingError(f"{rel} does not exist; run 'briefing extract --source {source.id}' first")
    node, problems = read(path)
    if problems or not isinstance(node, Map):
        raise BriefingError(f"{rel} cannot be read; run 'briefing extract --source {source.id}' to rewrite it")
    for kind in KINDS:
        for item in node.get(kind) or []:
            if isinstance(item, Map) and item.get("id") == proposal_id:
                if kind not in PROMOTABLE:
                    raise BriefingError(f"{proposal_id} is one of the {kind} in {rel}; only figures, dates and "
                                        "quotes become claims")
                proposal = plain(item)
                paragraph = source.paragraph(str(proposal.get("paragraph")))
                if paragraph is None or verbatim.find_quote(paragraph.text, str(proposal.get("span"))) is None:
                    raise BriefingError(f"{proposal_id} no longer matches seeds/{source.file}; run 'briefing "
                                        f"extract --source {source.id}' and pick the proposal again")
                return kind, proposal
    raise BriefingError(f"no proposal {proposal_id!r} in {rel}; its figures, dates and quotes have ids such as "
                        "fig-p6-1, date-p6-1, quote-p10-1")


def _refuse_unknown(dossier: model.Dossier, loaded: Loaded, incident: str, claim_id: str, claimant: str | None,
                    party: str | None) -> None:
    if incident not in dossier.incidents:
        rel = f"{CONTENT}/{RECORD_FOLDERS['incident']}/{incident}.yaml"   # as load names it
        mine = [p for p in loaded.problems.errors if p.path == rel]
        if mine:
            raise BriefingError(f"{rel} has problems (listed above); fix them, then promote", mine)
        known = ", ".join(sorted(dossier.incidents)) or "none"
        raise BriefingError(f"no incident {incident!r} in content/incidents/ (known: {known})")
    if claimant is None:
        raise BriefingError("say who asserts the claim with --claimant ACTOR-ID")
    for what, ident in (("claimant", claimant), ("party", party)):
        if ident is not None and ident not in dossier.actors:
            raise BriefingError(f"unknown actor {ident!r} for {what}; define it in content/actors/ or fix the id")
    if not model.SLUG.match(claim_id):
        raise BriefingError(f"claim id {claim_id!r} is not valid: use lowercase letters, digits and hyphens")
    taken = dossier.claims.get(claim_id)
    if taken is not None or claim_id in loaded.partial.get("claim", set()):
        where = f" at {taken.loc.path}:{taken.loc.line}" if taken else ""
        raise BriefingError(f"claim id {claim_id!r} is already used{where}; choose another --id")


def _topic(kind: str, proposal: dict[str, Any]) -> str | None:
    event = proposal.get("event")
    return event if kind == "figures" and event in _EVENT_TOPICS else None


def _claim(kind: str, proposal: dict[str, Any], source: model.Source, claim_id: str, claimant: str, topic: str,
           party: str | None, dossier: model.Dossier) -> dict[str, Any]:
    lang = source.language
    span = str(proposal["span"])
    claim: dict[str, Any] = {"id": claim_id, "claimant": claimant, "topic": topic}
    claim["text"] = {lang: str(proposal.get("sentence") or span)}
    if kind == "figures":
        figure: dict[str, Any] = {}
        party = party or proposal.get("party")
        if party and party in dossier.actors:
            figure["party"] = party
        for key in ("value", "low", "high"):
            if key in proposal:
                number = float(proposal[key])
                if not number.is_integer():
                    raise BriefingError(f"the figure {proposal[key]} is not a whole number; write this claim by hand")
                figure[key] = int(number)
        if "qualifier" in proposal:
            figure["qualifier"] = proposal["qualifier"]
        if proposal.get("unit") in model.UNITS:
            figure["unit"] = proposal["unit"]
        claim["figure"] = figure
    elif kind == "dates":
        if str(proposal["value"]).startswith("--"):
            raise BriefingError("the year of this date is unknown (the source is undated); write the claim by hand")
        claim["period"] = {"start": proposal["value"], **({"end": proposal["until"]} if "until" in proposal else {})}
    claim["citations"] = [{"source": source.id, "paragraph": proposal["paragraph"], "quote": span}]
    # No credibility grade: only an editor can give one, and `briefing check` asks for it (ungraded).
    claim["review"] = {"status": "draft"}
    return claim


# --- editing the incident file as text -------------------------------------------------------------

def append_claim(text: str, claim: dict[str, Any], path: Path) -> tuple[str, int]:
    """`text` with `claim` appended to its top-level `claims:` list, and the line the claim starts on.

    Only lines are inserted (or `claims: []` opened up): every other byte of the file stays as written.
    """
    node, problems = parse(text)
    if problems or not isinstance(node, Map):
        raise BriefingError(f"{path.name} has YAML problems; run 'briefing check' and fix them first")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    claims = node.get("claims")
    block = dump([claim]).rstrip("\n").split("\n")
    if "claims" not in node.key_marks:
        at = len(lines)
        insert, indent = ["claims:"], 0
    elif isinstance(claims, Seq) and claims and _flow(lines, claims.line):
        raise BriefingError(f"the claims of {path.name} are written inline ([...]); write them one per line first")
    else:
        key_line = node.key_marks["claims"][0]
        if not isinstance(claims, Seq) or not claims:
            lines[key_line - 1] = lines[key_line - 1].split(":", 1)[0] + ":"
            indent = 0
        else:
            indent = claims.col - 1
        at = _end_of_block(lines, key_line, node)
        insert = []
    insert += [" " * indent + line for line in block]
    lines[at:at] = insert
    checked, problems = parse("\n".join(lines) + "\n")
    if problems or not isinstance(checked, Map) or not isinstance(checked.get("claims"), Seq) \
            or checked["claims"][-1].get("id") != claim["id"]:
        raise BriefingError(f"could not append the claim to {path.name} without breaking it; add it by hand")
    first = at + 1 + (1 if insert and insert[0] == "claims:" else 0)
    return "\n".join(lines) + "\n", first


def _flow(lines: list[str], line: int) -> bool:
    return lines[line - 1].lstrip().startswith("[")


def _end_of_block(lines: list[str], key_line: int, node: Map) -> int:
    """The index of the line after the `claims:` block, before comments and blank lines that lead to the next key."""
    later = sorted(mark[0] for key, mark in node.key_marks.items() if mark[0] > key_line)
    end = (later[0] - 1) if later else len(lines)
    while end > key_line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")) \
            and not lines[end - 1].startswith(" "):
        end -= 1
    return end

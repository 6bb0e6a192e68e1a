"""Cross-record checks on a loaded dossier: references, duplicates, citations, disagreements.

`load` proves each file on its own; this proves the files together, and is the one gate
between a typo and a published falsehood. It reports, it never changes anything.
"""
from __future__ import annotations

import datetime
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from generator import gitrepo, shipped
from generator.errors import Problems
from generator.factbase import agreement, model, publish, revisions
from generator.factbase.load import UNREAD_KINDS, Loaded, load, seed_files
from generator.layout import CONTENT, RECORD_FOLDERS, Layout
from generator.text import seedtext, verbatim
from generator.text.seedtext import Paragraph

# A reviewed record leaning on a draft: it stops a published build, not a preview of drafts.
DRAFT_REFERENCE = "draft-reference"

# A record kept in a file of its own, whose order among its files `check` may need.
_Filed = TypeVar("_Filed", model.Source, model.Incident)

_KIND_LABEL = {"source": "source", "actor": "actor", "place": "place", "incident": "incident",
               "claim": "claim", "briefing": "briefing"}


def check(loaded: Loaded) -> Problems:
    """All problems of a loaded dossier: those from loading plus the cross-record ones."""
    problems = Problems(loaded.problems.root)
    problems.extend(loaded.problems)
    dossier = loaded.dossier
    if dossier is None:
        return problems
    _check_languages(dossier, problems)
    _check_unique(dossier, problems)
    _check_refs(dossier, loaded.refs, loaded.partial, problems)
    _check_sources(dossier, problems)
    _check_unregistered_seeds(dossier, seed_files(Layout(problems.root), problems), problems)
    _check_proposals(dossier, problems)
    _check_citations(dossier, problems)
    _check_topics(dossier, problems)
    _check_claim_values(dossier, problems)
    _check_values_against_quotes(dossier, problems)
    _check_structure(dossier, problems)
    _check_grades(dossier, problems)
    _check_drafts(dossier, problems)
    _check_unpublished(dossier, problems)
    _check_review_dates(dossier, problems)
    _check_revisions(dossier, problems)
    _report_disagreements(dossier, problems)
    return problems


def _check_review_dates(dossier: model.Dossier, problems: Problems, today: str | None = None) -> None:
    """A review is dated no later than today and no earlier than the record's file entered the history:
    a review dated 2099, or 1900, is a review nobody made on that day."""
    # The latest "today" anywhere (UTC+14): a review written today in any time zone is never in the future.
    today = today or datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=14))).date().isoformat()
    first = gitrepo.first_added(problems.root, CONTENT)
    for owner, record in dossier.reviewables():
        review: model.Review = record.review
        loc: model.Loc = record.loc
        if review.on is None or not publish.is_public(record):
            continue
        on = review.on.value
        if on > today[:len(on)]:
            problems.error(loc.path, *review.at, f"{owner} is reviewed on {on}, a day still to come (today is "
                           f"{today}); date the review the day it was made", "review-date")
        elif loc.path in first and on < first[loc.path][:len(on)]:
            problems.error(loc.path, *review.at, f"{owner} is reviewed on {on}, before {loc.path} entered the "
                           f"dossier's history ({first[loc.path]}); date the review the day it was made",
                           "review-date")


def _check_topics(dossier: model.Dossier, problems: Problems) -> None:
    for claim in (c for inc in dossier.incidents.values() for c in inc.claims):
        if claim.topic not in dossier.topics:
            problems.warning(claim.loc.path, claim.loc.line, claim.loc.col,
                             f"topic {claim.topic!r} has no label; add it under 'topics' in content/dossier.yaml",
                             "topic-label")


def run(root: Path) -> tuple[model.Dossier | None, Problems]:
    loaded = load(root)
    return loaded.dossier, check(loaded)


def _check_languages(dossier: model.Dossier, problems: Problems) -> None:
    for lang in dossier.languages:
        if lang not in shipped.INTERFACE_LANGUAGES:
            problems.error(Layout(problems.root).dossier_file, 1, 1, f"language {lang!r} has no interface strings; "
                           f"supported: {', '.join(shipped.INTERFACE_LANGUAGES)}", "language")


def _in_file_order(records: Iterable[_Filed]) -> list[_Filed]:
    """Records as an editor meets them, file by file: of two that clash, the one in the later file is
    the one reported."""
    return sorted(records, key=lambda r: r.loc.path)


def _check_unique(dossier: model.Dossier, problems: Problems) -> None:
    seen: dict[str, model.Loc] = {}
    for claim in (c for inc in _in_file_order(dossier.incidents.values()) for c in inc.claims):
        if claim.id in seen:
            first = seen[claim.id]
            problems.error(claim.loc.path, claim.loc.line, claim.loc.col,
                           f"claim id {claim.id!r} is already used at {first.path}:{first.line}; "
                           "give this claim its own id", "duplicate-id")
        else:
            seen[claim.id] = claim.loc
    # Ids unique within one file (timeline events, a briefing's sections) are checked as the file is read.


def _check_refs(dossier: model.Dossier, refs: list[tuple[str, str, str, int, int]],
                partial: dict[str, set[str]], problems: Problems) -> None:
    known: dict[str, dict[str, object]] = {kind: dossier.records(kind) for kind in _KIND_LABEL}
    known["reviewer"] = dict(dossier.reviewers)   # a review names someone the dossier lets review
    for path, kind, ident, line, col in refs:
        if kind in partial.get(UNREAD_KINDS, set()):  # its folder could not be opened: reported once, there
            continue
        if ident not in known[kind] and ident not in partial.get(kind, set()):
            near = difflib.get_close_matches(ident, sorted(set(known[kind]) | partial.get(kind, set())), n=1,
                                             cutoff=0.6)
            hint = f"did you mean {near[0]!r}? Or define it" if near else "define it"
            if kind == "reviewer":
                where, code = "under 'reviewers' in content/dossier.yaml, in a commit of its own,", "unknown-reviewer"
            else:
                where, code = f"in content/{RECORD_FOLDERS['incident' if kind == 'claim' else kind]}/", "unknown-ref"
            problems.error(path, line, col, f"unknown {_KIND_LABEL.get(kind, kind)} {ident!r}; {hint} {where} or "
                           "fix the id", code)


def _check_sources(dossier: model.Dossier, problems: Problems) -> None:
    by_file: dict[str, str] = {}
    for source in _in_file_order(dossier.sources.values()):
        _check_source_fields(source, problems)
        if source.file in by_file:
            problems.error(source.loc.path, source.loc.line, source.loc.col,
                           f"seeds/{source.file} already has the source record {by_file[source.file]!r}; "
                           "one document, one source record", "duplicate-source")
        by_file.setdefault(source.file, source.id)
        if source.text_sha256 and source.text_sha256 != source.sha256:
            problems.warning(source.loc.path, source.loc.line, source.loc.col,
                             f"the text of seeds/{source.file} changed since it was ingested (sha256 differs); "
                             "every citation of it was re-verified below; run 'briefing ingest' to record the "
                             "new hash", "source-changed")


def _check_source_fields(source: model.Source, problems: Problems) -> None:
    """What CONTRIBUTING asks of every source: who published it, when (or why it is undated), and how
    reliable it is. An error once the source is reviewed, a warning before."""
    missing = [what for what, present in (
        ("a publisher ('publisher')", bool(source.publisher)),
        ("a publication date ('published', or 'dating' saying why there is none)",
         source.published is not None or bool(source.dating)),
        ("a reliability grade ('reliability')", source.reliability is not None)) if not present]
    if missing:
        severity = "error" if publish.is_public(source) else "warning"
        problems.add(source.loc.path, source.loc.line, source.loc.col, severity,
                     f"source {source.id!r} lacks {' and '.join(missing)}; add it as CONTRIBUTING says",
                     "source-incomplete")


def _nearest_hint(source: model.Source, paragraph: Paragraph, quote: str) -> str:
    """What a quote nearly matches, and how it differs, so the editor can see the mistake."""
    near = verbatim.nearest(source.paragraphs, quote, paragraph.id)
    if near is None:
        return ": copy it verbatim from the source"
    where = "there" if near.paragraph == paragraph.id else f"in {near.paragraph}"
    return (f"; the nearest passage, {where}, is “{near.passage}”, which differs: "
            f"{'; '.join(near.differences(quote))}; copy it verbatim")


def _check_unregistered_seeds(dossier: model.Dossier, seeds: list[Path], problems: Problems) -> None:
    """A document dropped into seeds/ is not in the briefing until a source record reads it."""
    registered = {s.file for s in dossier.sources.values()}
    for path in seeds:
        if path.name in registered:  # read, or refused, by load
            continue
        refused = seedtext.outside_seeds(path, path.parent)
        if refused:  # ingesting it would not help: it is refused unread, registered or not
            problems.error(path, 1, 1, f"not read: {refused}", "seed-link")
        elif path.suffix.lower() in seedtext.SEED_SUFFIXES:
            problems.warning(path, 1, 1, "no source record reads this document yet; run 'briefing ingest'",
                             "seed-unregistered")


_PROPOSED_HASH = re.compile(r"^sha256:\s*['\"]?([0-9a-f]{64})", re.MULTILINE)


def _check_proposals(dossier: model.Dossier, problems: Problems) -> None:
    """Proposals made from an older text of a source would send editors to the wrong words."""
    folder = Layout(problems.root).proposals
    for source in dossier.sources.values():
        path = folder / f"{source.id}.yaml"
        if not path.is_file() or not source.text_sha256:
            continue
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        found = _PROPOSED_HASH.search(head)
        if found and found.group(1) != source.text_sha256:
            problems.warning(path, 1, 1, f"these proposals were made from an older text of seeds/{source.file}; "
                             f"run 'briefing extract --source {source.id}'", "stale-proposals")


def _check_citations(dossier: model.Dossier, problems: Problems) -> None:
    for _owner, status, cit in dossier.citations_with_status():
        source = dossier.sources.get(cit.source)
        if source is None or not source.paragraphs:
            continue  # unknown source or unreadable seed: already reported
        where = (cit.loc.path, cit.loc.line, cit.loc.col)
        paragraph = source.paragraph(cit.paragraph)
        at_paragraph = cit.loc.at("paragraph")
        if paragraph is None:
            problems.error(at_paragraph.path, at_paragraph.line, at_paragraph.col,
                           f"source {source.id!r} has no paragraph {cit.paragraph!r} (it has p1 to "
                           f"p{len(source.paragraphs)})", "no-paragraph")
            continue
        if verbatim.find_quote(paragraph.text, cit.quote) is None:
            at = cit.loc.at("quote")
            elsewhere = verbatim.paragraphs_containing(source.paragraphs, cit.quote)
            if elsewhere:
                problems.error(at_paragraph.path, at_paragraph.line, at_paragraph.col,
                               f"quote not found in {source.id} {cit.paragraph}; found "
                               f"in {', '.join(elsewhere)}: change 'paragraph'", "quote-elsewhere")
            else:
                problems.error(at.path, at.line, at.col, f"quote not found in {source.id} {cit.paragraph}"
                               f"{_nearest_hint(source, paragraph, cit.quote)}", "quote-not-found")
        for lang in dossier.languages:
            if lang != source.language.split("-")[0] and lang not in cit.translation:
                severity = "error" if status in ("reviewed", "published") else "warning"
                problems.add(*where, severity, f"the quote has no {lang} translation; add translation.{lang}",
                             "translation")


def disagreements(dossier: model.Dossier) -> list[list[model.Claim]]:
    """Groups of claims about the same thing, two of which cannot both be true (`Claim.contradicts`).

    The same thing is one incident and topic, and for figures the same party counted: casualty
    figures, claimed dates and named actors (who did it, whom someone speaks for) alike. Pages
    show these groups side by side; nobody has to remember that the sources disagree.
    """
    groups: dict[tuple[str, str, str, str, str], list[model.Claim]] = defaultdict(list)
    for incident in dossier.incidents.values():
        # what each claimant says now: a figure it revised since is its history, not a disagreement
        for claim in revisions.current(dossier, incident.claims):
            quantity = claim.same_quantity
            if quantity is not None:
                groups[quantity].append(claim)
    found = []
    for key in sorted(groups):
        claims = groups[key]
        # "some were captured" states no number: it cannot contradict one, but it is shown beside it; "at
        # least 20" and "50" can both be true, "50" and "more than 80" cannot
        if any(a.contradicts(b) for i, a in enumerate(claims) for b in claims[i + 1:]):
            found.append(claims)
    return found


def _check_drafts(dossier: model.Dossier, problems: Problems) -> None:
    """A reviewed record cannot be published while something it stands on is still a draft."""
    for loc, record, draft in publish.leaning_on_drafts(dossier):
        problems.error(loc.path, loc.line, loc.col, f"{record} is reviewed but leans on {draft}, which is a draft: "
                       f"review {draft} too, or set {record} back to draft", DRAFT_REFERENCE)


def _check_unpublished(dossier: model.Dossier, problems: Problems) -> None:
    """Say, once per record, what a published build leaves out for want of review. A warning where nobody
    said so (no `review:` at all) or where reviewed records go with a draft incident; a note where the
    record's own review says draft, which is the editor's word (`briefing status` lists them all)."""
    for out in publish.left_out(dossier):
        if out.cause not in (publish.DRAFT, publish.NO_REVIEW):
            continue   # a record that goes with its incident is counted there; leaning on a draft is an error
        taken = f", and takes {_count(out.takes)} with it" if out.takes else ""
        reviewed = [t for t in out.takes if publish.is_public(_record(dossier, t))]
        message = (f"{out.kind} {out.id} is left out of the published site: {out.reason}{taken}; sign its review "
                   "when it is ready ('briefing status' lists what awaits review)")
        if reviewed:
            message += f" ({', '.join(reviewed)} reviewed already)"
        severity = "warning" if out.cause == publish.NO_REVIEW or reviewed else "info"
        problems.add(out.loc.path, out.loc.line, out.loc.col, severity, message, "unpublished")


def _count(taken: tuple[str, ...]) -> str:
    claims = sum(t.startswith("claim ") for t in taken)
    events = len(taken) - claims
    return " and ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((claims, "claim"), (events, "event"))
                        if n)


def _record(dossier: model.Dossier, label: str) -> Any:
    kind, ident = label.split(" ", 1)
    return dossier.records(kind)[ident]


def _check_values_against_quotes(dossier: model.Dossier, problems: Problems) -> None:
    """Every claimed figure is stated by one of its own quotes, in any script or words, with a qualifier
    that does not contradict it, and every claimed period is given by them; the editors' own reading says
    so under 'derived'. An error once reviewed."""
    for claim in (c for inc in dossier.incidents.values() for c in inc.claims):
        if claim.derived:
            continue
        if claim.figure is not None:
            verdict = agreement.judge(claim.figure, agreement.stated_in(claim, dossier))
            said = f"its quotes state {', '.join(verdict.said)}" if verdict.said else "its quotes state no figure"
            claimed = f"claim {claim.id!r} gives the figure {agreement.describe(claim.figure)}, but {said}"
            _report_value(problems, claim, "figure", verdict.outcome, (
                (f"{claimed}; correct the figure, cite the passage that states it, or say under 'derived' how the "
                 "editors read it"), "figure-quote"), (
                (f"{claimed}: the number is stated, its qualifier differs; make them agree, or say why under "
                 "'derived'"), "figure-qualifier"))
        if claim.period is not None:
            verdict = agreement.period_verdict(claim, dossier)
            said = f"its quotes give {', '.join(verdict.said)}" if verdict.said else "its quotes give no date"
            _report_value(problems, claim, "period", verdict.outcome, (
                (f"claim {claim.id!r} gives the period {claim.period.start}–{claim.period.end or ''}, but {said}; "
                 "correct the period, cite the passage that gives it, or say under 'derived' how the editors "
                 "worked it out"), "period-quote"), (
                (f"claim {claim.id!r}: its quotes let one work the period out ({said}) but do not state it; say "
                 "how under 'derived', so that the page shows it"), "period-derived"))


def _report_value(problems: Problems, claim: model.Claim, key: str, outcome: str, missing: tuple[str, str],
                  partly: tuple[str, str]) -> None:
    """At the value's own line: what no quote states (an error once reviewed), or states only in part."""
    if outcome == "agrees":
        return
    at = claim.loc.at(key)
    if outcome == "missing":
        severity = "error" if publish.is_public(claim) else "warning"
        problems.add(at.path, at.line, at.col, severity, *missing)
    else:
        problems.warning(at.path, at.line, at.col, *partly)


def _check_grades(dossier: model.Dossier, problems: Problems) -> None:
    """Readers weigh sources and claims by their grades: an ungraded one is flagged, an error once reviewed."""
    records: list[tuple[str, object, model.Review, model.Loc]] = []
    records += [("source", s.reliability, s.review, s.loc) for s in dossier.sources.values()]
    records += [("claim", c.credibility, c.review, c.loc) for inc in dossier.incidents.values() for c in inc.claims]
    for what, grade, review, loc in records:
        if grade is None:
            severity = "error" if review.status in ("reviewed", "published") else "warning"
            scale = "reliability (A-F)" if what == "source" else "credibility (1-6)"
            problems.add(loc.path, loc.line, loc.col, severity, f"this {what} has no {scale} grade; add one "
                         "with a reason in every language", "ungraded")


def _check_structure(dossier: model.Dossier, problems: Problems) -> None:
    """Links that are well formed but say nothing true: an actor related to itself, a place inside
    itself, and a briefing that cites a claim of an incident it does not cover (its PDF would quote
    the claim without the table that shows it beside the others)."""
    for actor in dossier.actors.values():
        for rel in actor.relations:
            if rel.target == actor.id:
                problems.error(rel.loc.path, rel.loc.line, rel.loc.col, f"{actor.id!r} {rel.type} itself; name "
                               "another actor as 'target' or remove the relation", "self-relation")
    for place in dossier.places.values():
        seen, at = [place.id], place.within
        while at in dossier.places and at not in seen:
            seen.append(at)
            at = dossier.places[at].within
        if at == place.id:
            chain = " in ".join([*seen, place.id])
            problems.error(place.loc.path, place.loc.line, place.loc.col, f"'within' goes round in a circle "
                           f"({chain}); a place cannot lie inside itself", "within-cycle")
    claims = dossier.claims
    for briefing in dossier.briefings.values():
        passages = briefing.key_points + [p for s in briefing.sections for p in s.paragraphs]
        for passage in passages:
            for ident in passage.claims:
                claim = claims.get(ident)
                if claim is not None and claim.incident not in briefing.incidents:
                    problems.warning(passage.loc.path, passage.loc.line, passage.loc.col,
                                     f"claim {ident!r} belongs to incident {claim.incident!r}, which this "
                                     "briefing does not list under 'incidents'; add it there", "claim-incident")


def _check_claim_values(dossier: model.Dossier, problems: Problems) -> None:
    for claim in (c for inc in dossier.incidents.values() for c in inc.claims):
        given = [name for name in ("figure", "period", "answer") if getattr(claim, name) is not None]
        if len(given) > 1:
            problems.error(claim.loc.path, claim.loc.line, claim.loc.col,
                           f"claim {claim.id!r} has {' and '.join(given)}; a claim states one kind of value",
                           "claim-value")
        f = claim.figure
        if f and f.numberless and f.qualifier not in model.VAGUE:
            problems.error(claim.loc.path, claim.loc.line, claim.loc.col,
                           f"claim {claim.id!r}: a figure needs 'value', or 'low' and/or 'high', or a "
                           f"qualifier that stands alone ({', '.join(model.VAGUE)})", "figure")
        if f and f.low is not None and f.high is not None and f.low > f.high:
            problems.error(claim.loc.path, claim.loc.line, claim.loc.col,
                           f"claim {claim.id!r}: figure low is above high", "figure")


def _check_revisions(dossier: model.Dossier, problems: Problems) -> None:
    """A chain of revisions holds together; two claims of one statement are a relay to merge; a claimant's
    figures of different days that nothing links are most often a toll that changed."""
    for claim in dossier.claims.values():
        at = claim.loc.at("revises")
        for message in revisions.chain_problems(dossier, claim):
            problems.error(at.path, at.line, at.col, f"revises {claim.revises}: {message}", "revision")
    for relay in revisions.relays(dossier):
        first, again = relay.first, relay.again
        problems.warning(again.loc.path, again.loc.line, again.loc.col,
                         f"{again.id} and {first.id} are one statement of {first.claimant} (the same value, the same "
                         f"day), relayed by different sources: make them one claim with both citations "
                         f"('briefing merge {first.id} {again.id}')", "relayed-claim")
    for earlier, later in revisions.likely_revisions(dossier):
        problems.info(later.loc.path, later.loc.line, later.loc.col,
                      f"{later.id} and {earlier.id} are {later.claimant}'s figures of different days: if the later "
                      f"updates the earlier, say so ('briefing set {later.id} revises={earlier.id}'), and they are "
                      "shown as one figure that changed, not as a disagreement", "revision-likely")


def _report_disagreements(dossier: model.Dossier, problems: Problems) -> None:
    for group in disagreements(dossier):
        first = group[0]
        others = ", ".join(c.id for c in group[1:])
        problems.info(first.loc.path, first.loc.line, first.loc.col,
                      f"claims disagree on {first.topic}: {first.id} and {others}; shown side by side",
                      "disagreement")

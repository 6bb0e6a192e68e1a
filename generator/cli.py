"""The `briefing` command: a thin layer over the library. Each command's docstring is its --help."""
from __future__ import annotations

import argparse
import gc
import inspect
import os
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from generator import shipped
from generator.errors import BriefingError, Problems
from generator.layout import Layout
from generator.text.escape import COMMENT_LIMIT, json_text, terminal

Command = Callable[[argparse.Namespace], int]
# What adds a command's own arguments to its parser; what it returns is not used (a lambda may return a tuple).
Setup = Callable[[argparse.ArgumentParser], object]
COMMANDS: dict[str, tuple[Command, Setup]] = {}


def command(setup: Setup = lambda p: None) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[fn.__name__.removeprefix("cmd_").replace("_", "-")] = (fn, setup)
        return fn
    return register


def say(text: object, file: TextIO | None = None) -> None:
    """Print one line that may hold data (a path, an id, a message quoting a value) as a terminal or a CI
    log must show it: every control character as an escape, never a line of its own."""
    print(terminal(text), file=file or sys.stdout)


def _print_problems(problems: Problems, fmt: str = "text", strict: bool = False, quiet_info: bool = True) -> int:
    items = problems.sorted()
    if strict:
        items = [p if p.severity != "warning" else type(p)(p.path, p.line, p.col, "error", p.message, p.code)
                 for p in items]
    errors = sum(p.severity == "error" for p in items)
    warnings = sum(p.severity == "warning" for p in items)
    infos = sum(p.severity == "info" for p in items)
    if fmt == "json":
        sys.stdout.write(json_text({"problems": [p.__dict__ for p in items],
                                    "errors": errors, "warnings": warnings, "info": infos}))
    elif fmt in ("github", "sarif"):
        from generator.review import annotate
        shown = [p for p in items if p.severity != "info" or not quiet_info]
        here = os.path.relpath(problems.root, Path.cwd()) if problems.root else "."
        prefix = "" if here == "." else here.replace(os.sep, "/") + "/"
        sys.stdout.write(annotate.github(shown, prefix) if fmt == "github" else
                         annotate.sarif(shown, shipped.version(), prefix))
    else:   # one stream, so that 'briefing check > log' keeps everything, in order
        for p in items:
            if p.severity == "info" and quiet_info:
                continue
            say(p)
        hidden = ": run 'briefing check --notes' to list them" if infos and quiet_info else ""
        print(f"{errors} error(s), {warnings} warning(s), {infos} note(s){hidden}")
    return 1 if errors else 0


def _folder(text: str) -> Path:
    """A folder named on the command line; an empty name is refused, not taken for the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty folder name; name the folder, e.g. 'briefing init port-strike' "
                                         "('.' for the current one)")
    return Path(text)


@command(lambda p: (p.add_argument("directory", type=_folder, help="the folder to create"),))
def cmd_init(args: argparse.Namespace) -> int:
    """Create a new, empty dossier that builds; in a folder that has files already, only what is missing.

    Example:
      briefing init ~/dossiers/port-strike && cd ~/dossiers/port-strike && briefing build
    """
    from generator.scaffold import init
    started = init(args.directory)
    if started.kept:
        say(f"kept the files already there: {', '.join(started.kept)} (init writes only what is missing)")
    if started.gitignore_lacks:
        say(f".gitignore does not ignore {', '.join(started.gitignore_lacks)}: add these lines to it, or a "
              "build's output will be committed")
    if started.wheel:
        say(f"wrote {started.wheel}, the wheel of this tool that the CI workflow installs (checked by its "
              "sha256): commit it with the rest")
    say(f"created dossier in {started.root}; put documents in {started.root / 'seeds'} and run 'briefing ingest'")
    return 0


@command()
def cmd_ingest(args: argparse.Namespace) -> int:
    """Read seeds/ and create a source record in content/sources/ for each new document.

    Existing records are never overwritten; only the sha256 line of a record whose seed text
    changed is updated.

    Example:
      cp ~/Downloads/article.txt seeds/ && briefing ingest
    """
    from generator.extract.ingest import ingest
    report = ingest(args.root)
    for ident in report.created:
        say(f"created content/sources/{ident}.yaml")
    for ident in report.rehashed:
        say(f"text changed, sha256 updated: content/sources/{ident}.yaml")
    assert report.problems is not None
    code = _print_problems(report.problems) if report.problems.items else 0
    print(f"{len(report.created)} created, {len(report.rehashed)} updated, {len(report.unchanged)} unchanged")
    return code


@command(lambda p: (p.add_argument("--source", metavar="ID", help="only this source (its id)"),))
def cmd_extract(args: argparse.Namespace) -> int:
    """Propose what the sources say: write content/proposals/<source>.yaml for every source.

    Proposes known actors and places mentioned, names that may need a record, figures, dates and
    quotations, each with its paragraph and exact span. Never touches curated files.

    Example:
      briefing extract --source harbour-en && less content/proposals/harbour-en.yaml
    """
    from generator.extract.propose import extract
    from generator.progress import Bar
    report = extract(args.root, args.source, progress=Bar())
    for ident in report.written:
        say(f"wrote content/proposals/{ident}.yaml")
    for ident in report.removed:
        say(f"removed content/proposals/{ident}.yaml (its source is gone)")
    assert report.problems is not None
    code = _print_problems(report.problems) if report.skipped else 0
    print(f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.skipped)} skipped")
    return code


def _written(root: Path, done: object) -> None:
    """Say what an edit wrote, where (from the dossier's folder, as problems are), and what is left for an
    editor to do there."""
    from generator.edit import Written
    for item in done if isinstance(done, list) else [done]:
        assert isinstance(item, Written)
        say(f"wrote {item.ident} at {item.path.relative_to(root).as_posix()}:{item.line}")
        for todo in item.todo:
            say(f"  to do: {todo}")


def _assignment(text: str) -> object:
    from generator.edit import EditError, parse_assignment
    try:
        return parse_assignment(text)
    except EditError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _lang_text(text: str) -> tuple[str, str]:
    lang, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
        raise argparse.ArgumentTypeError(f"{text!r}: write LANG=TEXT, e.g. en='Harbour strike' or ar='إضراب الميناء'")
    return lang, value


def _new_args(p: argparse.ArgumentParser) -> None:
    from generator.edit import NEW_KINDS
    p.add_argument("kind", choices=NEW_KINDS, help="what to make")
    p.add_argument("ident", metavar="ID", help="its id: lowercase letters, digits, hyphens")
    p.add_argument("values", nargs="*", type=_assignment, metavar="KEY=VALUE", help="any other field (as in 'set')")
    p.add_argument("--title", type=_lang_text, action="append", default=[], metavar="LANG=TEXT",
                   help="the title (incident, briefing), name (actor, place) or text (event), per language")
    p.add_argument("--date", help="the first day (an incident), the date (a briefing, an event): YYYY-MM-DD, YYYY-MM "
                                  "or YYYY")
    p.add_argument("--place", metavar="ID", help="where an incident happened (a place id)")
    p.add_argument("--incident", metavar="ID", help="the incident a timeline event belongs to")
    p.add_argument("--kind", dest="record_kind", metavar="KIND", help="an actor's or a place's kind, e.g. armed-group")
    p.add_argument("--claim", action="append", default=[], metavar="ID",
                   help="a briefing: a key point with this claim's text, citing it (repeat for more)")
    p.add_argument("--cite", nargs=3, action="append", metavar=("SOURCE", "PARAGRAPH", "QUOTE"),
                   help="an actor, place or event: where a source says it, word for word (repeatable)")


_TITLE_KEY = {"incident": "title", "briefing": "title", "actor": "name", "place": "name", "event": "text"}
_DATE_KEY = {"incident": "start", "briefing": "date", "event": "date"}


@command(_new_args)
def cmd_new(args: argparse.Namespace) -> int:
    """Make a new incident, briefing, actor, place or timeline event, as a draft.

    What only an editor can write (a translation, a summary) is left empty and listed as to do;
    'briefing status' lists it again until it is done.

    Example:
      briefing new incident harbour-strike --date 2024-03-02 --place harbour --title en='Harbour strike' \
        --title ar='إضراب الميناء'
      briefing new briefing harbour-week --date 2024-03-09 --title en='The week at the harbour' --claim union-400
      briefing new event strike-begins --date 2024-03-02 --incident harbour-strike --title en='The strike begins' \
        --cite harbour-en p2 'walked off the job on Saturday'
    """
    from generator.edit import Assignment, new
    values: list[Assignment] = [Assignment(f"{_TITLE_KEY[args.kind]}.{lang}", "=", text) for lang, text in args.title]
    given = {"place": args.place, "incident": args.incident, "kind": args.record_kind,
             _DATE_KEY.get(args.kind, "date"): args.date}
    values += [Assignment(key, "=", value) for key, value in given.items() if value]
    values += [Assignment(f"citations.{n}.{key}", "=", value) for n, cite in enumerate(args.cite or [], start=1)
               for key, value in zip(("source", "paragraph", "quote"), cite, strict=True)]
    _written(args.root, new(args.root, args.kind, args.ident, values + args.values, claims=args.claim))
    return 0


def _promote_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="the source id")
    p.add_argument("proposal", help="a proposal id from content/proposals/SOURCE.yaml: a name (name-p4-1) with --as, "
                                    "a figure, date or quote (fig-p6-1) with --incident")
    p.add_argument("values", nargs="*", type=_assignment, metavar="KEY=VALUE",
                   help="fields to set on what is made, as in 'set' (e.g. kind=armed-group name.ar=…)")
    p.add_argument("--as", dest="as_kind", choices=("actor", "place"), help="a name: make it an actor or a place")
    p.add_argument("--alias-of", metavar="ID", help="a name: add it to this actor or place as an alias")
    p.add_argument("--cite-in", metavar="ID", help="add the proposal's passage to this record's citations")
    p.add_argument("--incident", help="a figure, date or quote: the incident that gets the claim")
    p.add_argument("--id", dest="ident", help="the new record's or claim's id (one is made from the proposal)")
    p.add_argument("--claimant", help="who asserts the claim (an actor id); a quote's speaker by default")
    p.add_argument("--topic", help="what the claim is about; a killed/captured figure's own by default")
    p.add_argument("--party", help="whose people or things a figure counts (an actor id)")
    p.add_argument("--asserted", metavar="DATE", help="when the claim was made (default: the source's publication day)")


@command(_promote_args)
def cmd_promote(args: argparse.Namespace) -> int:
    """Make a proposal a record, citing its passage: nothing is retyped.

    A name becomes an actor or a place (--as), with a place's coordinates and names in the
    dossier's languages from the gazetteer; a figure, date or quotation becomes a draft claim of
    an incident (--incident), asserted on the source's publication day. Or add a proposal to a
    record that exists: --alias-of, --cite-in.

    Example:
      briefing promote harbour-en name-p2-1 --as actor kind=armed-group
      briefing promote harbour-en name-p1-3 --as place
      briefing promote harbour-en fig-p2-1 --incident harbour-strike --claimant dockworkers-union --topic strikers
      briefing promote harbour-ar name-p3-2 --alias-of dockworkers-union
    """
    from generator import edit
    chosen = [flag for flag, value in (("--as", args.as_kind), ("--alias-of", args.alias_of),
                                       ("--cite-in", args.cite_in), ("--incident", args.incident)) if value]
    if len(chosen) != 1:
        raise BriefingError("say what the proposal becomes, with one of --as actor|place, --alias-of ID, --cite-in "
                            f"ID, --incident ID{' (not ' + ' and '.join(chosen) + ' together)' if chosen else ''}")
    if args.as_kind:
        done = edit.promote_name(args.root, args.source, args.proposal, args.as_kind, args.ident, args.values)
    elif args.alias_of or args.cite_in:
        done = edit.attach(args.root, args.alias_of or args.cite_in, args.source, args.proposal,
                           "alias" if args.alias_of else "citation")
    else:
        done = edit.promote(args.root, args.source, args.proposal, args.incident, args.ident, args.claimant,
                            args.topic, args.party, args.asserted, args.values)
    _written(args.root, done)
    return 0


def _set_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ident", metavar="ID", help="a record, claim or timeline event id (kind:id where two kinds share "
                                               "it; 'dossier' for content/dossier.yaml)")
    p.add_argument("values", nargs="+", type=_assignment, metavar="KEY=VALUE",
                   help="dotted keys; lists counted from 1; KEY+=VALUE adds to a list, KEY-=VALUE takes out, KEY= "
                        "removes")


@command(_set_args)
def cmd_set(args: argparse.Namespace) -> int:
    """Set fields of a record; the file keeps its comments and canonical form.

    Example:
      briefing set harbour-en publisher.en=Reuters publisher.ar=رويترز reliability.grade=B \
        reliability.reason.en='Wire service' reliability.reason.ar='وكالة أنباء'
      briefing set union-400 text.ar='قالت النقابة إن 400 عامل أضربوا' credibility.grade=2
      briefing set dockworkers-union aliases.en+=ITF
      briefing set dossier reviewers.amina.name.en='Amina K.' reviewers.amina.name.ar='أمينة ك.'
    """
    from generator.edit import set_values
    _written(args.root, set_values(args.root, args.ident, args.values))
    return 0


def _merge_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("keep", metavar="CLAIM", help="the claim to keep")
    p.add_argument("other", metavar="RELAYED", help="the claim of the same statement, merged into it and removed")


@command(_merge_args)
def cmd_merge(args: argparse.Namespace) -> int:
    """Make two claims of one statement (relayed by two outlets) one claim with both citations.

    What named the second (a briefing's key point, a revision) names the first after it. check
    suggests the pairs (relayed-claim).

    Example:
      briefing merge union-400 union-400-reuters
    """
    from generator.edit import merge
    _written(args.root, merge(args.root, args.keep, args.other))
    return 0


def _review_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="*", metavar="ID", help="records to sign (a file's path: every record in it)")
    p.add_argument("--by", metavar="WHO", help="the reviewer, one of content/dossier.yaml's reviewers")
    p.add_argument("--all", action="store_true", help="every record still in draft")
    p.add_argument("--on", metavar="DATE", help="the day of the review (default: today)")
    p.add_argument("--undo", action="store_true", help="send the records back to draft instead")


@command(_review_args)
def cmd_review(args: argparse.Namespace) -> int:
    """Sign records as reviewed (who and when), or send them back to draft with --undo.

    A record not ready for readers (a translation missing, a draft it leans on) is refused with
    the reason, and then nothing is signed. Only reviewed records are published.

    Example:
      briefing review --by editorial-desk union-400 harbour-strike
      briefing review --by editorial-desk --all
      briefing review --undo union-400
    """
    from generator import edit
    if args.undo:
        if args.all or args.by or not args.ids:
            raise BriefingError("--undo takes the ids of the records to send back to draft, and no --by or --all")
        _written(args.root, edit.unreview(args.root, args.ids))
        return 0
    if not args.by:
        raise BriefingError("say who reviews with --by WHO (a reviewer of content/dossier.yaml)")
    if args.all == bool(args.ids):
        raise BriefingError("name the records to sign, or --all for every draft (not both)")
    _written(args.root, edit.review(args.root, args.by, None if args.all else args.ids, args.on))
    return 0


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                   help="text for people, json for tools, github for annotations on a pull request's lines, "
                        "sarif (2.1.0) for code-scanning tools")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--notes", action="store_true", help="also print notes, such as disagreeing claims")
    p.add_argument("--signatures", action="store_true",
                   help="also verify, with git, that the commit which last changed each reviewed record is signed "
                        "by a key of the reviewer it names, as content/dossier.yaml listed them before that commit")


@command(_check_args)
def cmd_check(args: argparse.Namespace) -> int:
    """Validate the whole dossier and list every problem as path:line:col: severity: message [code].

    Exits 1 when there is an error.

    Example:
      briefing check --strict
      briefing check --strict --format github          # in a CI workflow: problems on the changed lines
      briefing check --format sarif > briefing.sarif   # for code scanning
      briefing check --signatures                      # every review signed by its reviewer, in git
    """
    from generator.factbase.check import run
    dossier, problems = run(args.root)
    if args.signatures and dossier is not None:
        from generator.review import signatures
        problems.extend(signatures.verify(args.root, dossier))
    return _print_problems(problems, args.format, args.strict, quiet_info=not args.notes)


@command(lambda p: (p.add_argument("--format", choices=("text", "json"), default="text",
                                   help="text for people (grouped, with counts, path:line first), json for tools "
                                        "and the desk"),))
def cmd_status(args: argparse.Namespace) -> int:
    """Say what is unfinished: drafts (and which are ready for a reviewer), what a published build leaves
    out and why, and which texts lack a dossier language.

    Example:
      briefing status
      briefing status --format json | jq '.unpublished[] | .id'
    """
    from generator.review.status import as_text, status
    state = status(args.root)
    if args.format == "json":
        sys.stdout.write(json_text(state.as_dict()))
    else:
        for line in as_text(state):
            say(line)
    return 0


def _build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="refuse to build when check finds warnings")
    p.add_argument("--timings", action="store_true", help="also print the seconds each stage took")
    p.add_argument("--drafts", action="store_true",
                   help="a preview: include records still in draft, each marked as such (never publish it)")


@command(_build_args)
def cmd_build(args: argparse.Namespace) -> int:
    """Check, render both languages, run MkDocs, write the PDFs and exports into site/.

    Only reviewed and published records appear; --drafts adds the drafts, marked, for a preview.
    A failed build leaves the previous site/ as it was.

    Example:
      briefing build && python -m http.server -d site
      briefing build --drafts     # preview what is not yet reviewed
    """
    from generator.build import build
    from generator.progress import Stages
    result = build(args.root, strict=args.strict, drafts=args.drafts, stages=Stages("build"))
    _print_problems(result.problems)
    say(f"built {result.site} ({result.pages} pages, {len(result.pdfs)} PDFs)")
    if args.timings:
        print("  ".join(f"{stage} {seconds:.2f} s" for stage, seconds in result.timings.items()))
    return 0


def _pdf_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("briefing", nargs="?", help="only this briefing (its id)")
    p.add_argument("--lang", help="only this language, e.g. ar")
    p.add_argument("--out", type=Path, help="folder for the PDFs (default: site/pdf)")
    p.add_argument("--drafts", action="store_true", help="also print briefings in draft, watermarked")


@command(_pdf_args)
def cmd_pdf(args: argparse.Namespace) -> int:
    """Write the briefing PDFs, site/pdf/<briefing>.<lang>.pdf, without rebuilding the site.

    All briefings in every language by default, two at a time; each file appears whole or not at all.

    Example:
      briefing pdf port-strike --lang ar
    """
    from generator.build import pdfs_only
    written = pdfs_only(args.root, args.briefing, args.lang, args.out, drafts=args.drafts)
    for path in written:
        say(f"wrote {path}")
    return 0


@command(lambda p: (p.add_argument("--out", type=Path, help="folder (default: content/schemas)"),))
def cmd_schema(args: argparse.Namespace) -> int:
    """Write a JSON Schema file per record kind, for completion and live errors in editors.

    Example:
      briefing schema && code content/actors/harbour-authority.yaml
    """
    from generator.factbase.jsonschema import write_schemas
    for path in write_schemas(args.root, args.out):
        say(f"wrote {path}")
    return 0


@command(lambda p: (p.add_argument("--check", action="store_true",
                                   help="change nothing; list the files that are not canonical and exit 1"),))
def cmd_fmt(args: argparse.Namespace) -> int:
    """Rewrite content/ YAML in canonical form (key order, indentation, quoting), keeping comments.

    Run it before committing, so that a review diff shows only real changes.

    Example:
      briefing fmt --check || briefing fmt
    """
    from generator.review.fmt import fmt
    report = fmt(args.root, check_only=args.check)
    for path in report.changed:
        line = report.first_change[path]
        say(f"{'would reformat' if args.check else 'reformatted'} {path.relative_to(args.root)} (from line {line})")
    assert report.problems is not None
    code = _print_problems(report.problems) if report.problems.items else 0
    return 1 if (args.check and report.changed) or code else 0


def _max_chars(text: str) -> int:
    """A comment's bound: 0 (none), or room for at least the heading and the note that says it is cut."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number != 0 and number < 1000:
        raise argparse.ArgumentTypeError(f"{text!r}: give 0 (no bound) or a number of characters from 1000 up")
    return number


def _address(text: str) -> str:
    """The full diff's address, linked from a comment that is cut: an http(s) URL that Markdown cannot
    misread (no space, bracket, parenthesis or angle bracket)."""
    if not re.fullmatch(r"https?://[^\s<>()\[\]`\\]+", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) address without spaces or brackets")
    return text


def _diff_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="REV", help="the earlier git revision (commit, branch, tag)")
    p.add_argument("new", metavar="REV2", nargs="?", help="the later revision (default: the working tree)")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="text for a terminal, markdown for a pull-request comment, json for tools")
    p.add_argument("--max-chars", type=_max_chars, default=COMMENT_LIMIT, metavar="N",
                   help=f"markdown: end the comment at a whole line before N characters, saying how many changes "
                        f"it left out (default {COMMENT_LIMIT}: GitHub refuses comments over 65536; 0: "
                        "no bound)")
    p.add_argument("--full-diff-url", type=_address, metavar="URL",
                   help="markdown: where the full diff is (a workflow artifact), linked when the comment is cut")


@command(_diff_args)
def cmd_diff(args: argparse.Namespace) -> int:
    """List the fact-level changes between two git revisions: records and claims added, removed, changed.

    Every changed field is shown old and new in full, with its file and line in the newer revision,
    and the changed paragraphs of a source's seed; a text whose other language did not change with it
    is flagged as a translation to check. A Markdown comment ends, at a whole line, before
    --max-chars and says how many changes it left out.

    Example:
      briefing diff main            # what this branch changes, for the reviewer
      briefing diff HEAD~3 HEAD
      briefing diff origin/main HEAD --format markdown > comment.md
    """
    from generator.review import report
    from generator.review.diff import diff
    changes, warnings = diff(args.root, args.old, args.new)
    for problem in warnings:
        say(problem, file=sys.stderr)
    if args.format == "markdown":
        sys.stdout.write(report.markdown(changes, args.old, args.new, args.max_chars, args.full_diff_url))
    elif args.format == "json":
        sys.stdout.write(report.as_json(changes, args.old, args.new))
    else:
        sys.stdout.write(report.text(changes))
    return 0


def _port(text: str) -> int:
    """A TCP port number, refused before the first build rather than after it."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return number


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=_port, default=8000, help="port on localhost (0: any free port)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: this machine only); requests are answered only when "
                        "addressed to it or to localhost, with the preview's own port")
    p.add_argument("--timings", action="store_true", help="also print the seconds each stage of each build took")


@command(_serve_args)
def cmd_serve(args: argparse.Namespace) -> int:
    """Preview both languages on localhost, rebuilding when content/, seeds/ or templates/ change.

    After a save, the pages the edit touches are rendered and served first (about a second, whatever the
    size of the dossier); every other page, the search index and the PDFs follow behind them, and the next
    save stops whatever of that is left. A rebuild that fails prints its problems and keeps serving the last
    good site. A page open in a browser reloads itself when a build changed it (only the preview adds that
    script; the files in site/ never carry it).

    The editor's desk is at /desk/ (and /desk/ar/): the sources with what extract proposes marked, forms
    that make actors, places, incidents and claims from them, every record's fields, reviews, the changes
    since the last commit and a commit. It answers only on this machine: with a --host other than a
    loopback address the desk is off.

    Example:
      briefing serve --port 8000   # then open http://127.0.0.1:8000/, /ar/ and /desk/
      briefing serve --timings     # and print the seconds each build's stages took
    """
    from generator.serve import serve
    signal.signal(signal.SIGTERM, _interrupted)   # stopped as by Ctrl-C: the work behind the pages is ended too
    serve(args.root, args.host, args.port, timings=args.timings)
    return 0


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefing", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn source documents into a cited, bilingual briefing site.",
        epilog="Example:\n  briefing ingest && briefing check && briefing build")
    top.add_argument("--root", type=Path, default=Path("."), help="the dossier folder (default: here)")
    top.add_argument("--version", action="version", version=f"briefing {shipped.version()}")
    subs = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, (fn, setup) in COMMANDS.items():
        doc = inspect.cleandoc(fn.__doc__ or "")
        first = doc.splitlines()[0] if doc else ""
        sub = subs.add_parser(name, help=first, description=doc,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.add_argument("--root", type=Path, default=argparse.SUPPRESS,
                         help="the dossier folder (default: here)")
        setup(sub)
        sub.set_defaults(func=fn)
    return top


def _require_dossier(root: Path) -> None:
    """Stop before a command creates folders in, or silently reads nothing from, a wrong --root."""
    if not root.exists():
        raise BriefingError(f"{root} does not exist; pass --root the dossier's folder, or run "
                            f"'briefing init {root}' to start a dossier there")
    if not root.is_dir():
        raise BriefingError(f"{root} is not a folder; pass --root the dossier's folder")
    layout = Layout(root)
    from generator.factbase.load import link_out
    outside = link_out(layout.content, root)
    if outside is not None:   # every command would read or write what the link leads to
        raise BriefingError(f"{layout.content}: {outside}")
    try:
        present = layout.dossier_file.is_file()
    except OSError as exc:  # content/ cannot be searched
        from generator.factbase.load import unreadable_folder
        raise BriefingError(f"{layout.content}: {unreadable_folder(exc)}") from None
    if not present:
        raise BriefingError(f"no dossier in {root} (content/dossier.yaml is missing); run 'briefing init DIR' to "
                            "start one, or pass --root the dossier's folder")


# A dossier loaded is a few hundred thousand objects that live until the command ends; with Python's
# default thresholds the collector walks them again and again while they are made (a third of a
# `check` of 1,000 sources). Collections still run, a hundred times less often.
GC_THRESHOLDS = (50_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    args = parser().parse_args(argv)
    if not getattr(args, "func", None):
        parser().print_help()
        return 2
    args.root = args.root.resolve()
    try:
        if args.func not in (cmd_init, cmd_check):  # check lists a missing dossier among its problems
            _require_dossier(args.root)
        return args.func(args)
    except BriefingError as exc:
        for problem in exc.problems:   # with the problems of a command that finished (_print_problems)
            say(problem)
        sys.stdout.flush()   # the problems before the line that ends the command, on a terminal too
        print(terminal(f"briefing: {exc.message}", lines=True), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("briefing: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # "briefing check --format json | head": the reader stopped listening
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no second error at exit
        return 141
    except Exception as exc:  # a bug of ours: say so in one line; BRIEFING_DEBUG=1 shows the traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        say(f"briefing: internal error ({type(exc).__name__}: {exc}); nothing was replaced. Please report "
            "it with the output of the same command run with BRIEFING_DEBUG=1", file=sys.stderr)
        return 3

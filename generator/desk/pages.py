"""What each desk page shows, gathered from the dossier and the editing library, and laid out by the
templates beside this module (Jinja2, every value escaped). No rule of its own: lists come from
`review.status` and `factbase.check`, proposals and record files from `edit`, changes from `review.diff`."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from generator import edit, gitrepo
from generator.desk.guards import Refused
from generator.errors import BriefingError
from generator.factbase import check, model, revisions, yamlio
from generator.factbase.load import load
from generator.factbase.records import CLAIM, EVENT, KINDS
from generator.factbase.schema import Enum, LangMap, ListOf, MapOf, Obj, Spec
from generator.layout import Layout
from generator.review import report
from generator.review.diff import diff
from generator.review.status import Entry as StatusEntry
from generator.review.status import Status, of_checked
from generator.text.verbatim import find_quote
from generator.views import i18n

HERE = Path(str(files("generator.desk")))
NAME_KINDS = ("actor", "place")
MARKED = ("names", "figures", "dates", "quotes")   # what can become a record or a claim (not known names)
KIND_LABELS = {"names": "Name", "figures": "Figure", "dates": "Date", "quotes": "Quote", "source": "Source",
               "actor": "Actor", "place": "Place", "incident": "Incident", "briefing": "Briefing",
               "claim": "Claim", "event": "Timeline event"}
RECORD_KINDS = ("source", "actor", "place", "incident", "briefing", "claim", "event")
STATUS_LABELS = {"draft": "status:draft", "reviewed": "status:reviewed", "published": "status:published"}
SHOWN_APART = ("id", "kind", "paragraph", "span", "sentence", "place")   # "place": in the new place's form


@dataclass(frozen=True)
class Mark:
    """A run of a paragraph: plain text, or the span of a proposal (then `proposal` is its id)."""

    text: str
    proposal: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Entry:
    """One line of a list on the home page, leading to a record where there is one."""

    label: str
    record: str
    where: str
    reason: str


@dataclass(frozen=True)
class FieldRow:
    """One field of a record as `set` takes it: its dotted key, its value, the language and direction."""

    key: str
    value: str
    lang: str = ""
    dir: str = "auto"
    choices: tuple[str, ...] = ()   # the values the schema allows, where it names them


@dataclass
class Page:
    """What every desk page needs: its language, its address, the other language's, the session token."""

    lang: str
    path: str    # the page's own address below /desk/ (or /desk/ar/), e.g. "source/harbour-en"
    token: str
    extra: dict[str, Any] = field(default_factory=dict)
    seen: str = ""   # the files as this page found them (`Desk.remember`): a change sent from it is refused
                     # for a file that changed since

    @property
    def base(self) -> str:
        return "/desk/" if self.lang == "en" else f"/desk/{self.lang}/"

    @property
    def switch(self) -> tuple[str, str]:
        """The same page in the other interface language: its address and the language's own name."""
        other = "ar" if self.lang == "en" else "en"
        prefix = "/desk/" if other == "en" else f"/desk/{other}/"
        return prefix + self.path, other

    def _(self, message: str) -> str:
        return i18n.gettext_for(self.lang, message)

    def date(self, value: str | None) -> str:
        return i18n.format_partial_date(model.PartialDate(value) if value else None, self.lang)

    def number(self, value: float) -> str:
        return i18n.format_number(value, self.lang)

    def dir(self, lang: str) -> str:
        return i18n.direction(lang)

    def pick(self, text: Mapping[str, str]) -> str:
        return i18n.pick(dict(text), self.lang)[0]

    def country(self, code: str) -> str:
        """A country's name in the interface's language, as the site's maps name it; the code if CLDR has none."""
        return i18n.country_name(code, self.lang) or code

    def kind_label(self, kind: str) -> str:
        """A proposal's or a record's kind in words of the interface."""
        return self._(KIND_LABELS.get(kind, kind))

    def status_label(self, status: str) -> str:
        return self._(STATUS_LABELS.get(status, status))


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, page: Page, **values: Any) -> bytes:
    return _ENV.get_template(template).render(p=page, **values).encode("utf-8")


def dossier_of(root: Path) -> model.Dossier:
    """The dossier as load reads it (links out of content/ refused there); unusable: a clear error."""
    loaded = load(root)
    if loaded.dossier is None:
        raise BriefingError("content/dossier.yaml cannot be read; fix it (briefing check says where)",
                            loaded.problems.sorted())
    return loaded.dossier


def home(root: Path, lang: str) -> dict[str, Any]:
    """The sources, and `briefing status`'s lists and check's problems, each entry leading to its record. A
    dossier that cannot be read still shows check's problems, which say why."""
    dossier, problems = check.run(root)
    lists = of_checked(root, dossier, problems) if dossier is not None else Status()
    return {"sources": list(dossier.sources.values()) if dossier else [],
            "reviewers": choices(dossier, lang)["reviewers"] if dossier else [],
            "today": edit.today(),
            "awaiting": [_entry(e) for e in lists.awaiting_review],
            "untranslated": [_entry(e) for e in lists.untranslated],
            "unpublished": [_entry(e) for e in lists.unpublished],
            "problems": [Entry(f"{p.severity}: {p.message}", _record_of(p.path), f"{p.path}:{p.line}", p.code)
                         for p in problems.sorted() if p.severity != "info"]}


def _entry(item: StatusEntry) -> Entry:
    what = f"{item.kind} {item.id}" + (f" ({item.field})" if item.field else "")
    return Entry(what, f"{item.kind}:{item.id}" if item.kind in RECORD_KINDS else "", f"{item.path}:{item.line}",
                 item.reason)


RECORD_FILE = re.compile(r"content/(source|actor|place|incident|briefing)s/([a-z0-9][a-z0-9-]*)\.yaml\Z")


def _record_of(path: str) -> str:
    """The record a problem's file holds (`kind:id`), where the file is one record's."""
    found = RECORD_FILE.match(path)
    return f"{found.group(1)}:{found.group(2)}" if found else ""


def source(root: Path, dossier: model.Dossier, ident: str) -> dict[str, Any]:
    """A source's paragraphs with each proposal's span marked, and the proposals by id."""
    record = dossier.sources.get(ident)
    if record is None:
        raise Refused(404, f"no source {ident!r} in this dossier; the home page lists them")
    try:
        proposals = {p["id"]: p for p in edit.proposals(root, ident) if p["kind"] in MARKED}
    except edit.EditError:   # not extracted yet: the text alone, and the page says to run extract
        proposals = {}
    paragraphs = [(para.id, list(_marked(para.text, [p for p in proposals.values() if p["paragraph"] == para.id])))
                  for para in record.paragraphs]
    return {"source": record, "paragraphs": paragraphs, "proposals": proposals, "details": details}


def details(proposal: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """What a proposal says beyond its span and place in the text (value, qualifier, speaker)."""
    return [(k, v) for k, v in proposal.items() if k not in SHOWN_APART]


def _marked(text: str, proposals: list[dict[str, Any]]) -> Iterator[Mark]:
    """The paragraph cut into runs, each proposal's span a run of its own where it does not overlap an
    earlier one (the first found wins: the others stay in the list below the text)."""
    found = [(at, p) for p in proposals if (at := find_quote(text, str(p.get("span", "")))) is not None]
    spans = sorted(found, key=lambda pair: pair[0])
    pos = 0
    for (start, end), proposal in spans:
        if start < pos:
            continue
        if start > pos:
            yield Mark(text[pos:start])
        yield Mark(text[start:end], proposal["id"], proposal["kind"])
        pos = end
    if pos < len(text):
        yield Mark(text[pos:])


def suggested_id(*parts: str) -> str:
    """An id from Latin text (lowercase, hyphens); what has no Latin letters gives nothing."""
    words = re.findall(r"[a-z0-9]+", " ".join(parts).lower())
    return "-".join(words)[:80].strip("-")


def choices(dossier: model.Dossier, lang: str) -> dict[str, list[tuple[str, str]]]:
    """What the forms' lists offer, labelled in the page's language: every record a claim or a name may
    point at, the topics and the reviewers."""
    def label(text: Mapping[str, str]) -> str:
        return i18n.pick(dict(text), lang)[0]
    return {"incidents": [(r.id, label(r.title)) for r in dossier.incidents.values()],
            "actors": [(r.id, label(r.name)) for r in dossier.actors.values()],
            "places": [(r.id, label(r.name)) for r in dossier.places.values()],
            "topics": [(k, label(v)) for k, v in {**edit.EVENT_TOPICS, **dossier.topics}.items()],
            "reviewers": [(k, label(r.name)) for k, r in dossier.reviewers.items()]}


def record(root: Path, dossier: model.Dossier, ident: str) -> dict[str, Any]:
    """A record's fields as `set` takes them, read from its file; lists and nested records are shown, not
    edited here (their file and line say where they are)."""
    where = edit.locate(root, ident)
    path = where.path if where.path.is_absolute() else root / where.path
    data, problems = yamlio.read(path, within=Layout(root).content)
    if problems or data is None:
        raise BriefingError(f"{_rel(root, path)}:{problems[0].line if problems else 1}: cannot be read "
                            f"({problems[0].message if problems else 'empty'}); fix it or run briefing check")
    node = _find(data, ident.rpartition(":")[2], where.kind)
    return {"kind": where.kind, "ident": ident, "where": f"{_rel(root, path)}:{where.line}",
            "rel": _rel(root, path), "version": edit.version(root, _rel(root, path)),
            "fields": list(_rows(SPECS.get(where.kind), node, dossier.languages)),
            "status": (node.get("review") or {}).get("status", "draft") if isinstance(node, dict) else "draft",
            "today": edit.today(), "relayed": _relayed(dossier, where.kind, where.ident)}


def _relayed(dossier: model.Dossier, kind: str, ident: str) -> list[str]:
    """The claims that state what this claim states (check's relayed-claim), to merge into it."""
    if kind != "claim":
        return []
    return sorted({r.again.id if r.first.id == ident else r.first.id for r in revisions.relays(dossier)
                   if ident in (r.first.id, r.again.id)})


def _rel(root: Path, path: Path) -> str:
    """A path as the editor reads it, relative to the dossier (links are not resolved: one leading out is
    refused by the reader, and named where it stands)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.absolute().relative_to(root.absolute()).as_posix()


def _find(data: Any, ident: str, kind: str) -> Any:
    """The record inside its file: the whole file, or the claim or event of that id inside it."""
    if kind in ("claim", "event"):
        items = data.get("claims" if kind == "claim" else "events", []) if isinstance(data, dict) else data
        for item in items or []:
            if isinstance(item, dict) and item.get("id") == ident:
                return item
    return data


SPECS: dict[str, Spec] = {**{kind: spec for kind, (_folder, spec) in KINDS.items()}, "claim": CLAIM, "event": EVENT}
NOT_FIELDS = ("id", "review", "claims")   # the id names the file; reviews and claims have forms of their own


def _rows(spec: Spec | None, node: Any, languages: list[str], prefix: str = "") -> Iterator[FieldRow]:
    """Every field the schema allows a record, under the dotted key `set` takes, with its value where the
    file has one: a text in each dossier language (those missing, empty, to fill), a list's items by their
    place counted from 1 (`citations.1.quote`). What the schema does not know is listed from the file."""
    if isinstance(spec, Obj):
        data = node if isinstance(node, dict) else {}
        for key, f in spec.fields.items():
            if not (prefix == "" and key in NOT_FIELDS):
                yield from _rows(f.spec, data.get(key), languages, f"{prefix}{key}.")
        for key, value in data.items():
            if key not in spec.fields and not (prefix == "" and key in NOT_FIELDS):
                yield from _rows(None, value, languages, f"{prefix}{key}.")
    elif isinstance(spec, LangMap) and (node is None or isinstance(node, dict)):
        data = node or {}
        for lang in [*languages, *(k for k in data if k not in languages)]:
            value = data.get(lang)
            yield FieldRow(f"{prefix}{lang}", "" if value is None else str(value), lang, i18n.direction(lang))
    elif isinstance(spec, ListOf) and isinstance(node, list):
        for number, item in enumerate(node, 1):
            yield from _rows(spec.item, item, languages, f"{prefix}{number}.")
    elif isinstance(node, dict | list):
        item = spec.item if isinstance(spec, MapOf | ListOf) else None
        pairs = node.items() if isinstance(node, dict) else ((str(n), v) for n, v in enumerate(node, 1))
        for key, value in pairs:
            yield from _rows(item, value, languages, f"{prefix}{key}.")
    elif not isinstance(spec, ListOf | MapOf):
        yield FieldRow(prefix.rstrip("."), "" if node is None else str(node),
                       choices=spec.values if isinstance(spec, Enum) else ())


def changes(root: Path) -> dict[str, Any]:
    """The dossier's changes since the last commit, as `briefing diff HEAD` prints them; before the first
    commit, everything is new and there is nothing to compare with."""
    if gitrepo.head(root) is None:
        return {"text": "", "count": -1, "warnings": []}
    found, warnings = diff(root, "HEAD")
    return {"text": report.text(found), "count": len(found), "warnings": [str(w) for w in warnings]}

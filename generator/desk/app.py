"""The desk's requests: GET shows a page, POST makes one change through `generator.edit`, and nothing
else is answered. `serve` hands over every request under /desk/ (after its own Host check) and writes
out the `Response`; the desk never sees a socket, and never a path from the request: records are named
by id (`guards.slug`), pages by a fixed list."""
from __future__ import annotations

import secrets
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

from generator import edit, gitrepo
from generator.desk import guards, pages
from generator.desk.guards import Refused, slug
from generator.errors import BriefingError
from generator.layout import Layout
from generator.review.fmt import content_files

LANGUAGES = ("en", "ar")
STATIC = {"desk.css": "text/css; charset=utf-8", "desk.js": "text/javascript; charset=utf-8"}
NEW_KINDS = ("incident", "briefing", "actor", "place", "event")
KEPT_RESULTS = 50
KEPT_PAGES = 500
HEADERS = {
    # Nothing from elsewhere, no framing by another page (a click there could land on a desk button),
    # and a Referer for our own pages only, which the Origin check reads when a browser sends no Origin.
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    """What the desk reads of a request: the method, its address below /desk/, the headers and the Host
    serve accepted, and the body (read only for a POST, bounded by `guards.read_form`)."""

    method: str
    target: str
    headers: Message
    host: str
    body: guards.Body


class Desk:
    """One desk per `serve`: its dossier, its session token, and a lock that serve's rebuilds share, so that
    a change is never written while a build reads the files (and the record cache has one user at a time).
    A page shown takes it as `reading` (serve's `Turns.patient`: it waits for a build behind the pages rather
    than stop it, or an editor reading the desk would keep the site from ever being finished)."""

    def __init__(self, root: Path, listening: str, lock: AbstractContextManager[object] | None = None,
                 token: str | None = None, reading: AbstractContextManager[object] | None = None) -> None:
        self.root = root
        self.local = guards.is_loopback(listening)
        self.token = token or guards.new_token()
        self.lock: AbstractContextManager[object] = lock or threading.Lock()
        self.reading: AbstractContextManager[object] = reading or self.lock
        # What the last changes wrote, each shown at its own address after the POST (post, redirect, get): a
        # reload or the back button then shows the result again instead of sending the change twice.
        self.results: OrderedDict[str, bytes] = OrderedDict()
        # The record files as each page shown found them (time and size), by a key its forms carry: a change
        # sent from a page is refused for a file that changed after the page was made (`edit.Stale`).
        self.seen: OrderedDict[str, dict[str, tuple[int, int]]] = OrderedDict()

    def handle(self, request: Request) -> Response:
        """The answer to one request; whatever fails becomes a page that says so, never a traceback."""
        lang, rest, query = _split(request.target)
        page = pages.Page(lang, rest, self.token)
        try:
            if not self.local:
                raise Refused(403, "the desk answers only while serve listens on this machine alone "
                              "(127.0.0.1); restart serve without --host to edit")
            if rest.startswith("static/"):
                return self._static(rest.removeprefix("static/"))
            if request.method == "POST":
                page.path = ""   # the answer's language switch leads to the desk's home, not to a change
                with self.lock:
                    return self._change(request, page, rest)
            if request.method not in ("GET", "HEAD"):
                raise Refused(405, "the desk answers GET and POST only")
            if rest.startswith("do/"):
                raise Refused(405, "a change is sent from the desk's own form (POST); this address only takes that")
            with self.reading:
                page.seen = self._remember()
                return self._show(page, rest, query)
        except Refused as exc:
            return _error(page, exc.status, exc.message)
        except edit.Stale as exc:
            return _error(page, 409, exc.message)
        except BriefingError as exc:
            return _error(page, 422, exc.message, [str(p) for p in exc.problems])

    def _remember(self) -> str:
        key = secrets.token_urlsafe(12)
        self.seen[key] = _stamps(self.root)
        while len(self.seen) > KEPT_PAGES:
            self.seen.popitem(last=False)
        return key

    def _changed_since(self, form: dict[str, str]) -> None:
        """Every file changed since the page the form came from was made, as a version no file has: the
        edit is refused (409) if it would write one of them."""
        then = self.seen.get(form.get("seen", ""))
        if then is None:
            return
        now = _stamps(self.root)
        for rel in sorted(set(then) | set(now)):
            if then.get(rel) != now.get(rel):
                form.setdefault(f"expected:{rel}", "changed since the page was shown")

    def _static(self, name: str) -> Response:
        if name not in STATIC:
            raise Refused(404, "no such file")
        return Response(200, (pages.HERE / "static" / name).read_bytes(), STATIC[name])

    def _show(self, page: pages.Page, rest: str, query: Mapping[str, str]) -> Response:
        root = self.root
        if rest == "":
            return _ok(pages.render("home.html.j2", page, **pages.home(root, page.lang)))
        if rest == "changes":
            return _ok(pages.render("changes.html.j2", page, **pages.changes(root)))
        if rest.startswith("done/"):
            result = self.results.get(rest.removeprefix("done/"))
            if result is None:
                raise Refused(404, "this result is no longer kept (the desk keeps the last few); the change itself "
                              "was made: see the home page")
            return _ok(result)
        kind, _, ident = rest.partition("/")
        if kind not in ("source", "record") or not ident:
            raise Refused(404, "no such page")
        dossier = pages.dossier_of(root)
        lists = pages.choices(dossier, page.lang)
        if kind == "record":
            shown = pages.record(root, dossier, guards.record_id(ident))
            return _ok(pages.render("record.html.j2", page, choices=lists, **shown))
        shown = pages.source(root, dossier, slug(ident, "source"))
        chosen = shown["proposals"].get(slug(query["proposal"], "proposal")) if query.get("proposal") else None
        return _ok(pages.render("source.html.j2", page, choices=lists, chosen=chosen, languages=dossier.languages,
                                suggest=pages.suggested_id, **shown))

    def _change(self, request: Request, page: pages.Page, rest: str) -> Response:
        form = guards.read_form(request.headers, request.body)
        guards.check_change(request.headers, request.host, form, self.token)
        self._changed_since(form)
        action = rest.removeprefix("do/")
        if action not in ACTIONS:
            raise Refused(404, "no such change")
        done = ACTIONS[action](self.root, form)
        written = [] if isinstance(done, str) else done if isinstance(done, list) else [done]
        key = secrets.token_urlsafe(12)
        self.results[key] = pages.render("done.html.j2", page, written=[(_rel(self.root, w.path), w) for w in written],
                                         committed=done if isinstance(done, str) else "", back=_back(form))
        while len(self.results) > KEPT_RESULTS:
            self.results.popitem(last=False)
        where = f"/desk/{'' if page.lang == 'en' else page.lang + '/'}done/{key}"
        return Response(303, b"", headers={**HEADERS, "Location": where})


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every record file an edit may write."""
    stamps = {}
    for path in content_files(Layout(root)):
        try:
            info = path.stat()
        except OSError:
            continue
        stamps[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return stamps


def _split(target: str) -> tuple[str, str, dict[str, str]]:
    """The interface language, the page's address below it, and the query's fields."""
    parts = urllib.parse.urlsplit(target)
    rest = urllib.parse.unquote(parts.path).removeprefix("/desk").lstrip("/")
    lang = "en"
    first, _, after = rest.partition("/")
    if first in LANGUAGES and first != "en":
        lang, rest = first, after
    query = dict(urllib.parse.parse_qsl(parts.query))   # bounded by the request line's own limit
    return lang, rest.rstrip("/"), query


def _ok(body: bytes) -> Response:
    return Response(200, body, headers=dict(HEADERS))


def _error(page: pages.Page, status: int, message: str, problems: list[str] | None = None) -> Response:
    return Response(status, pages.render("error.html.j2", page, status=status, message=message,
                                         problems=problems or []), headers=dict(HEADERS))


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _back(form: Mapping[str, str]) -> tuple[str, str] | None:
    """The source form a change was made from (an inline "new" form, a promotion), to go back to it."""
    source, proposal = form.get("back_source", ""), form.get("back_proposal", "")
    if not source:
        return None
    return slug(source, "source"), slug(proposal, "proposal") if proposal else ""


def _values(form: Mapping[str, str]) -> dict[str, str]:
    """The record's fields in a form, named `v:<dotted key>`; an empty one is left out (not set)."""
    return {k[2:]: v.strip() for k, v in form.items() if k.startswith("v:") and v.strip()}


def _required(form: Mapping[str, str], name: str) -> str:
    value = form.get(name, "").strip()
    if not value:
        raise Refused(400, f"the form lacks {name}; fill it in and send it again")
    return value


def _optional_slug(form: Mapping[str, str], name: str) -> str | None:
    value = form.get(name, "").strip()
    return slug(value, name) if value else None


def _choice(form: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = _required(form, name)
    if value not in allowed:
        raise Refused(400, f"{name} must be one of {', '.join(allowed)}")
    return value


def _expected(form: Mapping[str, str]) -> dict[str, str] | None:
    """The file versions the form was made from (`expected:<path>`), for `edit` to refuse a stale write."""
    found = {k.removeprefix("expected:"): v for k, v in form.items() if k.startswith("expected:")}
    return found or None


def _new(root: Path, form: Mapping[str, str]) -> Any:
    return edit.new(root, _choice(form, "kind", NEW_KINDS), slug(_required(form, "id")), _values(form),
                    expected=_expected(form))


def _name(root: Path, form: Mapping[str, str]) -> Any:
    return edit.promote_name(root, slug(_required(form, "source"), "source"),
                             slug(_required(form, "proposal"), "proposal"), _choice(form, "as", pages.NAME_KINDS),
                             _optional_slug(form, "id"), _values(form), expected=_expected(form))


def _attach(root: Path, form: Mapping[str, str]) -> Any:
    return edit.attach(root, guards.record_id(_required(form, "record")), slug(_required(form, "source"), "source"),
                       slug(_required(form, "proposal"), "proposal"), _choice(form, "how", ("alias", "citation")),
                       expected=_expected(form))


def _claim(root: Path, form: Mapping[str, str]) -> Any:
    return edit.promote(root, slug(_required(form, "source"), "source"), slug(_required(form, "proposal"), "proposal"),
                        slug(_required(form, "incident"), "incident"), slug(_required(form, "claim"), "claim id"),
                        claimant=_optional_slug(form, "claimant"), topic=_optional_slug(form, "topic"),
                        party=_optional_slug(form, "party"), asserted=form.get("asserted", "").strip() or None,
                        values=_values(form), expected=_expected(form))


def _set(root: Path, form: Mapping[str, str]) -> Any:
    """Only the fields the editor changed are set: the form carries each field's value as shown (`was:`)."""
    changed = {k: v for k, v in ((k[2:], v.strip()) for k, v in form.items() if k.startswith("v:"))
               if form.get(f"was:{k}", "").strip() != v}
    if form.get("add_key", "").strip():
        changed[form["add_key"].strip()] = form.get("add_value", "").strip()
    if not changed:
        raise Refused(400, "nothing was changed in the form")
    return edit.set_values(root, guards.record_id(_required(form, "id")), changed, expected=_expected(form))


def _review(root: Path, form: Mapping[str, str]) -> Any:
    """One record's review (`id`), or those listed as awaiting it on the home page (`ids`, space-separated)."""
    ids = [guards.record_id(i) for i in (form.get("ids") or _required(form, "id")).split()]
    return edit.review(root, slug(_required(form, "by"), "reviewer"), ids, on=form.get("on", "").strip() or None,
                       expected=_expected(form))


def _unreview(root: Path, form: Mapping[str, str]) -> Any:
    return edit.unreview(root, [guards.record_id(_required(form, "id"))], expected=_expected(form))


def _merge(root: Path, form: Mapping[str, str]) -> Any:
    return edit.merge(root, slug(_required(form, "keep"), "claim"), slug(_required(form, "other"), "claim"),
                      expected=_expected(form))


def _commit(root: Path, form: Mapping[str, str]) -> Any:
    layout = Layout(root)
    return gitrepo.commit_folders(root, _required(form, "message"), (layout.content, layout.seeds))


ACTIONS: dict[str, Callable[[Path, Mapping[str, str]], Any]] = {
    "new": _new, "name": _name, "attach": _attach, "claim": _claim, "set": _set, "review": _review,
    "unreview": _unreview, "merge": _merge, "commit": _commit,
}


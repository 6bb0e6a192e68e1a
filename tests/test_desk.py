"""The editor's desk at /desk/ of `briefing serve`: real HTTP to a real `serve` running in a thread, over a
copy of the small dossier with its proposals extracted and its history in git.

Each guard of the desk has a test here that fails when the guard is taken away: the Host, the token, the
origin, the bound on a body, no change by GET, no path out of the dossier, everything shown escaped, no
desk while serve listens beyond this machine, no traceback ever."""
from __future__ import annotations

import contextlib
import hashlib
import http.client
import io
import re
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from conftest import commit_all, find

from generator.desk.app import Desk, Request
from generator.desk.guards import MAX_BODY
from generator.extract.propose import extract
from generator.serve import serve

pytestmark = pytest.mark.slow


class Output(io.StringIO):
    """serve's terminal: what it printed, waited on line by line."""

    def wait_for(self, pattern: str, seconds: float = 120) -> re.Match[str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = re.search(pattern, self.getvalue())
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} in: {self.getvalue()}")


@dataclass
class Answer:
    status: int
    text: str
    headers: http.client.HTTPMessage


@dataclass
class Served:
    """A served dossier and a way to talk to it as a browser on this machine would."""

    root: Path
    port: int
    out: Output

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                host: str | None = None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host or self.host)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            if body is not None and "Content-Length" not in (headers or {}):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            if body is not None:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):   # refused before it was read
                    conn.send(body)
            response = conn.getresponse()
            return Answer(response.status, response.read().decode("utf-8"), response.headers)
        finally:
            conn.close()

    def get(self, path: str, host: str | None = None) -> Answer:
        return self.request("GET", path, host=host)

    def token(self) -> str:
        """The session's token, as the desk's own page holds it."""
        return find(r'name="token" value="([^"]+)"', self.get("/desk/record/dockworkers-union").text).group(1)

    def post(self, path: str, fields: dict[str, str], token: str | None = "", origin: str | None = "own",
             referer: str | None = None) -> Answer:
        if token == "":
            token = self.token()
        if token is not None:
            fields = {"token": token, **fields}
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin is not None:
            headers["Origin"] = f"http://{self.host}" if origin == "own" else origin
        if referer is not None:
            headers["Referer"] = referer
        answer = self.request("POST", path, urllib.parse.urlencode(fields).encode(), headers)
        if answer.status == 303:   # as a browser does: the result is shown at its own address
            location = answer.headers["Location"]
            assert location.startswith("/desk/") and "done/" in location, location
            return self.get(location)
        return answer


def content_digest(root: Path) -> str:
    """Every file of content/ and seeds/, by name and bytes: what a refused request must leave alone."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in ("content", "seeds") for p in (root / folder).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@contextlib.contextmanager
def serving(root: Path) -> Iterator[tuple[int, Output]]:
    """`briefing serve` on the dossier at `root`, in a thread, on a port of the system's choice; at the end,
    stopped, and what it printed holds no traceback."""
    out = Output()
    stopping = threading.Event()
    thread = threading.Thread(target=serve, kwargs={"root": root, "port": 0, "interval": 0.2, "out": out,
                                                    "stop": stopping.is_set}, daemon=True)
    thread.start()
    port = int(out.wait_for(r"serving http://127\.0\.0\.1:(\d+)/").group(1))
    try:
        yield port, out
    finally:
        stopping.set()
        thread.join(timeout=60)
        assert "Traceback" not in out.getvalue()


def as_git_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """The git user the desk commits as, whatever this machine's configuration says."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Desk Editor")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "editor@example.org")


@pytest.fixture
def desk(mini: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    as_git_user(monkeypatch)
    extract(mini)
    commit_all(mini)
    with serving(mini) as (port, out):
        yield Served(mini, port, out)


# --- the guards ---------------------------------------------------------------------------------

def test_a_change_answers_with_its_result_elsewhere_so_a_reload_sends_nothing_again(desk: Served) -> None:
    """Post, redirect, get: the browser's address after a save is the result's, which only shows it."""
    change = {"token": desk.token(), "id": "dockworkers-union", "v:name.en": "Changed",
              "was:name.en": "Dockworkers' Union"}
    answer = desk.request("POST", "/desk/ar/do/set", urllib.parse.urlencode(change).encode(),
                          {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{desk.host}"})
    assert answer.status == 303 and answer.headers["Location"].startswith("/desk/ar/done/")
    after = content_digest(desk.root)
    for _ in range(2):   # a reload
        shown = desk.get(answer.headers["Location"])
        assert shown.status == 200 and "dockworkers-union" in shown.text and 'dir="rtl"' in shown.text
    assert content_digest(desk.root) == after
    assert desk.get("/desk/done/not-a-result").status == 404


def test_the_desk_answers_only_at_its_own_host_and_port(desk: Served) -> None:
    assert desk.get("/desk/").status == 200
    assert desk.get("/desk/", host=f"localhost:{desk.port}").status == 200
    for foreign in ("evil.example", f"evil.example:{desk.port}", "127.0.0.1:1", f"127.0.0.1.evil.example:{desk.port}"):
        refused = desk.get("/desk/", host=foreign)
        assert refused.status == 400 and "Editor" not in refused.text, foreign
        assert desk.request("POST", "/desk/do/set", b"", host=foreign).status == 400


def test_a_change_without_the_session_token_is_refused_and_writes_nothing(desk: Served) -> None:
    before = content_digest(desk.root)
    change = {"id": "dockworkers-union", "v:name.en": "Changed", "was:name.en": "Dockworkers' Union"}
    assert desk.post("/desk/do/set", change, token=None).status == 403
    assert desk.post("/desk/do/set", change, token="not-the-token").status == 403
    assert desk.post("/desk/do/set", change, token=desk.token()[:-1]).status == 403
    assert content_digest(desk.root) == before
    done = desk.post("/desk/do/set", change)
    assert done.status == 200, done.text
    assert "name:\n  en: Changed" in (desk.root / "content/actors/dockworkers-union.yaml").read_text(encoding="utf-8")


def test_a_change_from_another_origin_or_none_is_refused(desk: Served) -> None:
    before = content_digest(desk.root)
    change = {"id": "dockworkers-union", "v:name.en": "Changed", "was:name.en": "Dockworkers' Union"}
    for origin, referer in (("http://evil.example", None), (f"http://localhost.evil.example:{desk.port}", None),
                            ("null", None), (None, None), (None, "http://evil.example/desk/"),
                            (f"https://{desk.host}", None)):
        answer = desk.post("/desk/do/set", change, origin=origin, referer=referer)
        assert answer.status == 403, (origin, referer)
    assert content_digest(desk.root) == before
    # A browser that sends no Origin still sends the Referer of the desk's own page.
    answer = desk.post("/desk/do/set", change, origin=None, referer=f"http://{desk.host}/desk/record/dockworkers-union")
    assert answer.status == 200, answer.text


def test_a_body_past_the_bound_is_refused_unread(desk: Served) -> None:
    before = content_digest(desk.root)
    token = desk.token()
    big = urllib.parse.urlencode({"token": token, "id": "dockworkers-union", "v:description.en": "x" * MAX_BODY})
    answer = desk.request("POST", "/desk/do/set", big.encode(), {"Content-Type": "application/x-www-form-urlencoded",
                                                                   "Origin": f"http://{desk.host}"})
    assert answer.status == 413
    unsized = desk.request("POST", "/desk/do/set", None, {"Origin": f"http://{desk.host}"})
    assert unsized.status == 411
    assert content_digest(desk.root) == before
    assert desk.get("/desk/").status == 200   # the desk still answers


def test_a_get_changes_nothing(desk: Served) -> None:
    token = desk.token()
    before = content_digest(desk.root)
    query = urllib.parse.urlencode({"token": token, "id": "dockworkers-union", "v:name.en": "Changed"})
    for action in ("set", "review", "new", "commit"):
        assert desk.get(f"/desk/do/{action}?{query}").status == 405
    for page in ("/desk/", "/desk/ar/", "/desk/changes", "/desk/source/harbour-en?proposal=fig-p2-1",
                 "/desk/record/dockworkers-union", "/desk/ar/record/incident:harbour-strike"):
        assert desk.get(page).status == 200, page
    assert content_digest(desk.root) == before


def test_the_desk_reaches_nothing_outside_the_dossier(desk: Served, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nkind: person\nname: {en: hunter2-do-not-show}\n", encoding="utf-8")
    (desk.root / "content" / "actors" / "secret.yaml").symlink_to(secret)
    # A path is never an id: refused as such (400) before the dossier is read. A link out of content/ is
    # not followed: the library and load refuse it (an id that is a slug reaches them).
    for path, status in (("/desk/record/..%2F..%2Fsecret", 400), ("/desk/record/%2Fetc%2Fpasswd", 400),
                         ("/desk/source/%2Fetc%2Fpasswd", 400), ("/desk/record/secret", 422),
                         ("/desk/record/actor:secret", 422), ("/desk/source/secret", 404),
                         ("/desk/static/..%2F..%2F__init__.py", 400), ("/desk/static/pages.py", 404),
                         ("/desk/", 200)):
        answer = desk.get(path)
        assert "hunter2" not in answer.text and "root:" not in answer.text, path
        assert answer.status == status, path
    token = desk.token()
    for ident, status in (("../../secret", 400), ("/etc/passwd", 400), ("secret", 422)):
        answer = desk.post("/desk/do/set", {"id": ident, "v:name.en": "x"}, token=token)
        assert answer.status == status and "hunter2" not in answer.text, ident
    assert "hunter2-do-not-show" in secret.read_text(encoding="utf-8")
    assert secret.read_text(encoding="utf-8").count("\n") == 3


def test_everything_shown_is_escaped(desk: Served) -> None:
    page = desk.get("/desk/source/harbour-en").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert desk.get("/desk/record/harbour-en").status == 200
    answer = desk.get("/desk/record/%3Cscript%3E")
    assert answer.status == 400 and "<script>" not in answer.text


def test_pages_forbid_framing_and_other_origins(desk: Served) -> None:
    headers = desk.get("/desk/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_the_desk_is_off_while_serve_listens_beyond_this_machine(mini: Path) -> None:
    for listening, status in (("0.0.0.0", 403), ("192.0.2.7", 403), ("::", 403), ("127.0.0.1", 200),
                              ("localhost", 200), ("::1", 200)):
        answer = Desk(mini, listening).handle(Request("GET", "/desk/", Message(), "127.0.0.1:8000", io.BytesIO()))
        assert answer.status == status, listening
        if status == 403:
            assert b"restart serve without --host" in answer.body


def test_serve_says_where_the_desk_is(desk: Served) -> None:
    assert re.search(rf"desk: http://127\.0\.0\.1:{desk.port}/desk/ \(English\)", desk.out.getvalue())


# --- the pages and the changes they make --------------------------------------------------------

def test_home_lists_the_sources_and_the_checks_problems_in_both_languages(desk: Served) -> None:
    english = desk.get("/desk/").text
    assert '<html lang="en" dir="ltr">' in english
    assert 'href="/desk/source/harbour-en"' in english and 'href="/desk/source/harbour-ar"' in english
    arabic = desk.get("/desk/ar/").text
    assert '<html lang="ar" dir="rtl">' in arabic
    assert 'href="/desk/ar/source/harbour-en"' in arabic and "المصادر" in arabic


def test_a_figure_becomes_a_claim_and_the_page_says_what_was_written(desk: Served) -> None:
    form = desk.get("/desk/source/harbour-en?proposal=fig-p2-1").text
    token = find(r'name="token" value="([^"]+)"', form).group(1)
    assert 'name="v:text.en" lang="en" dir="ltr"' in form and 'name="v:text.ar" lang="ar" dir="rtl"' in form
    assert "The union said that &#34;at least 400 members&#34; joined the strike." in form
    assert 'value="2023-05-02"' in form   # asserted: the source's publication day
    done = desk.post("/desk/ar/do/claim", {
        "source": "harbour-en", "proposal": "fig-p2-1", "incident": "harbour-strike", "claimant": "dockworkers-union",
        "claim": "union-at-least-400", "topic": "strikers", "asserted": "2023-05-02",
        "back_source": "harbour-en", "back_proposal": "fig-p2-1",
        "v:text.en": "The union said at least 400 members joined the strike."}, token=token)
    assert done.status == 200, done.text
    assert re.search(r"content/incidents/harbour-strike\.yaml:\d+", done.text)
    assert 'href="/desk/ar/source/harbour-en?proposal=fig-p2-1#form"' in done.text
    incident = (desk.root / "content/incidents/harbour-strike.yaml").read_text(encoding="utf-8")
    assert "id: union-at-least-400" in incident
    assert "union-at-least-400" in desk.get("/desk/record/claim:union-at-least-400").text
    home = desk.get("/desk/").text   # the new draft, untranslated, is listed and leads to the record
    untranslated = home.split('id="untranslated"')[1].split("<h2")[0]
    assert 'href="/desk/record/claim:union-at-least-400"' in untranslated


def test_a_claim_from_a_page_made_before_its_incident_changed_is_refused(desk: Served) -> None:
    """The source page's forms carry when the page was made: an incident changed since is not written over."""
    form = desk.get("/desk/source/harbour-en?proposal=fig-p2-1").text
    token, seen = (find(rf'name="{name}" value="([^"]+)"', form).group(1) for name in ("token", "seen"))
    path = desk.root / "content/incidents/harbour-strike.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# an editor's note, written meanwhile\n", encoding="utf-8")
    before = content_digest(desk.root)
    claim = {"source": "harbour-en", "proposal": "fig-p2-1", "incident": "harbour-strike",
             "claimant": "dockworkers-union", "claim": "union-at-least-400", "topic": "strikers",
             "v:text.en": "The union said at least 400 members joined the strike."}
    answer = desk.post("/desk/do/claim", {**claim, "seen": seen}, token=token)
    assert answer.status == 409 and "content/incidents/harbour-strike.yaml changed on disk" in answer.text
    assert content_digest(desk.root) == before
    fresh = find(r'name="seen" value="([^"]+)"', desk.get("/desk/source/harbour-en?proposal=fig-p2-1").text).group(1)
    assert desk.post("/desk/do/claim", {**claim, "seen": fresh}, token=token).status == 200


def test_a_stale_form_is_refused_and_says_so(desk: Served) -> None:
    page = desk.get("/desk/record/dockworkers-union").text
    version_field = find(r'name="(expected:[^"]+)" value="([0-9a-f]*)"', page)
    path = desk.root / "content/actors/dockworkers-union.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
    answer = desk.post("/desk/do/set", {"id": "dockworkers-union", "v:name.en": "Changed",
                                        "was:name.en": "Dockworkers' Union",
                                        version_field.group(1): version_field.group(2)})
    assert answer.status == 409
    assert "Changed" not in path.read_text(encoding="utf-8")


def test_make_an_actor_sign_its_review_send_it_back_and_commit(desk: Served) -> None:
    made = desk.post("/desk/do/new", {"kind": "actor", "id": "port-police", "v:kind": "state-body",
                                      "v:name.en": "Port police", "v:name.ar": "شرطة الميناء",
                                      "v:description.en": "The harbour's police.", "v:description.ar": "شرطة المرفأ.",
                                      "v:citations.1.source": "harbour-en", "v:citations.1.paragraph": "p2",
                                      "v:citations.1.quote": "The harbour authority"})
    assert made.status == 200, made.text
    police = desk.root / "content/actors/port-police.yaml"
    assert "content/actors/port-police.yaml:1" in made.text
    record = desk.get("/desk/ar/record/port-police").text
    assert 'name="v:name.ar" value="شرطة الميناء" lang="ar" dir="rtl"' in record
    refused = desk.post("/desk/do/review", {"id": "port-police", "by": "test-editor", "on": "2026-12-01"})
    assert refused.status == 422 and "translation.ar" in refused.text
    translated = desk.post("/desk/do/set", {"id": "port-police", "add_key": "citations.1.translation.ar",
                                            "add_value": "سلطة الميناء"})
    assert translated.status == 200, translated.text
    signed = desk.post("/desk/do/review", {"id": "port-police", "by": "test-editor", "on": "2026-12-01"})
    assert signed.status == 200, signed.text
    assert "by: test-editor" in police.read_text(encoding="utf-8")
    back = desk.post("/desk/do/unreview", {"id": "port-police"})
    assert back.status == 200, back.text
    assert "status: draft" in police.read_text(encoding="utf-8")
    changes = desk.get("/desk/changes").text
    assert "port-police" in changes and 'action="/desk/do/commit"' in changes
    committed = desk.post("/desk/do/commit", {"message": "Port police"})
    assert committed.status == 200, committed.text
    log = subprocess.run(["git", "-C", str(desk.root), "log", "-1", "--format=%an|%s", "--name-only"],
                         capture_output=True, text=True, check=True)
    assert [line for line in log.stdout.splitlines() if line] == ["Desk Editor|Port police",
                                                                  "content/actors/port-police.yaml"]
    assert desk.post("/desk/do/commit", {"message": "again"}).status == 422   # nothing left to commit


def test_the_first_commit_of_a_new_dossier(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    as_git_user(monkeypatch)
    subprocess.run(["git", "-C", str(mini), "init", "-q"], check=True)
    with serving(mini) as (port, out):
        served = Served(mini, port, out)
        page = served.get("/desk/changes").text
        assert "Nothing has been committed yet" in page and 'action="/desk/do/commit"' in page
        assert served.post("/desk/do/commit", {"message": "The dossier"}).status == 200
        assert "0 added, 0 removed, 0 changed" in served.get("/desk/changes").text
    log = subprocess.run(["git", "-C", str(mini), "log", "--format=%s"], capture_output=True, text=True, check=True)
    assert log.stdout == "The dossier\n"


def test_a_source_not_yet_extracted_shows_its_text_and_says_what_to_run(desk: Served) -> None:
    (desk.root / "content" / "proposals" / "harbour-ar.yaml").unlink()
    page = desk.get("/desk/ar/source/harbour-ar")
    assert page.status == 200
    assert 'id="p1"' in page.text and "briefing extract" in page.text and 'class="proposal' not in page.text
    assert desk.get("/desk/source/no-such-source").status == 404


def test_a_relayed_statement_is_merged_at_the_desk(desk: Served) -> None:
    from test_revisions import with_claims
    with_claims(desk.root, {"id": "union-400-again"})
    page = desk.get("/desk/record/claim:union-400").text
    assert 'action="/desk/do/merge"' in page and '<option value="union-400-again">' in page
    done = desk.post("/desk/do/merge", {"keep": "union-400", "other": "union-400-again"})
    assert done.status == 200, done.text
    assert "union-400-again" not in (desk.root / "content/incidents/harbour-strike.yaml").read_text(encoding="utf-8")
    assert "do/merge" not in desk.get("/desk/record/claim:union-400").text   # nothing left to merge

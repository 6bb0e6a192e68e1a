"""What the desk refuses before it does anything: each rule here keeps a page elsewhere, or another
machine, from reading or changing the dossier through the editor's browser.

- It answers only while the preview listens on a loopback address: on any other, anyone on the network
  could edit (serve's Host check, `serve.allowed_hosts`, already holds the name and port).
- A change is a POST carrying the session's token (made when serve starts, compared in constant time) and
  an Origin, or else a Referer, of the desk's own address: a page elsewhere can make the browser send a
  form here, but can neither read the token nor forge the Origin.
- A body is bounded before it is read; a record is named by its id, a slug, never by a path.
"""
from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import urllib.parse
from collections.abc import Mapping
from email.message import Message
from typing import Protocol

MAX_BODY = 256 * 1024
MAX_FIELDS = 2000
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,199}\Z")
# A proposal's id as extract writes it (fig-p2-1, name-p4-1): a slug too.
PROPOSAL = SLUG


class Body(Protocol):
    """Where a request's body is read from (the socket's file, or bytes in a test)."""

    def read(self, size: int = -1, /) -> bytes: ...


class Refused(Exception):
    """A request the desk will not act on: the status to answer and why, in words for the editor."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def new_token() -> str:
    """The session's token: 256 random bits, made once when serve starts, shown only in the desk's pages."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    """Whether an address to listen on reaches this machine alone (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same_origin(headers: Message, host: str) -> bool:
    """The request came from a page of the desk's own address: its Origin says so, or, when a browser
    sends none, its Referer does. `host` is the Host header serve already accepted."""
    own = f"http://{host}".lower()
    origin = headers.get("Origin")
    if origin is not None:
        return origin.strip().lower() == own
    referer = headers.get("Referer")
    if referer is None:
        return False
    parts = urllib.parse.urlsplit(referer.strip())
    return f"{parts.scheme}://{parts.netloc}".lower() == own


def token_matches(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def read_form(headers: Message, body: Body) -> dict[str, str]:
    """The fields of a POSTed form, its length checked before a byte is read: a body past MAX_BODY is
    refused unread (413), as is one of unknown length (411) or of another type (415)."""
    length_text = headers.get("Content-Length")
    if length_text is None or not length_text.strip().isdigit():
        raise Refused(411, "a change must say its length (Content-Length)")
    length = int(length_text)
    if length > MAX_BODY:
        raise Refused(413, f"the form is larger than {MAX_BODY // 1024} KiB; send less text at once")
    kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise Refused(415, "a change is sent as a form (application/x-www-form-urlencoded)")
    data = body.read(length)
    try:
        pairs = urllib.parse.parse_qsl(data.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                                       max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "the form is not UTF-8 text, or has too many fields") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        form.setdefault(key, value)
    return form


def check_change(headers: Message, host: str, form: Mapping[str, str], token: str) -> None:
    """Every change passes here first: from the desk's own pages, with the session's token."""
    if not same_origin(headers, host):
        raise Refused(403, "this change does not come from the desk's own page; open the desk and send it from there")
    if not token_matches(form.get("token", ""), token):
        raise Refused(403, "this form is from another session of the desk (serve was restarted); reload the page "
                      "and send it again")


RECORD = re.compile(r"(?:(?:source|actor|place|incident|briefing|claim|event):)?[a-z0-9][a-z0-9-]{0,199}\Z")


def record_id(value: str) -> str:
    """A record's id from a request, `kind:id` where two kinds share it (an incident and its briefing)."""
    if not RECORD.match(value):
        raise Refused(400, f"{value[:60]!r} is not a record's id (lowercase letters, digits and hyphens)")
    return value


def slug(value: str, what: str = "id") -> str:
    """An id from a request: a slug or nothing, so that it can never name a path."""
    if not SLUG.match(value):
        raise Refused(400, f"{what} {value[:60]!r} is not an id (lowercase letters, digits and hyphens)")
    return value

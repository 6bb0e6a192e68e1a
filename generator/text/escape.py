"""Escaping text from sources and YAML for the places it lands, one function per place: Markdown pages
and HTML; and what `check` and `diff` print for a reviewer: a terminal or a log, GitHub workflow
commands, SARIF, JSON, a pull-request comment.

Python-Markdown passes raw `<script>`, `onerror=` and `javascript:` links through, and Jinja2's
autoescape knows nothing of Markdown, so every text that is data is turned into character
references here before it enters a page. `Markup` marks what is already safe.

What a reviewer reads of a contributor's pull request is written by the contributor: a control
character (`ESC [2J` clears the screen, `ESC [8m` hides what follows), a direction control (`U+202E`
shows "021" for "120") or a line break in a file name (`::error::`, `::add-mask::` in a workflow's log)
would act on the reviewer's screen instead of showing. Here every such character is shown as an
escape a reader sees (`\\x1b`, `\\u202e`), on the one line it belongs to.
"""
from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup
from markupsafe import escape as _html

# Every ASCII character that means something to Markdown, its extensions, or HTML.
_SPACE = re.compile(r"\s+")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MD_SPECIAL = frozenset("\\`*_{}[]()<>#+-.!|~^:&\"'=$%@/;?")
_MD_REFERENCES = str.maketrans({ch: f"&#{ord(ch)};" for ch in _MD_SPECIAL})


def md(text: object) -> Markup:
    """Text as inert Markdown: it renders as exactly these characters, on one line."""
    if isinstance(text, Markup):
        return text
    return Markup(_SPACE.sub(" ", str(text)).translate(_MD_REFERENCES))


def html(text: object) -> Markup:
    """Text for HTML, in an element or a quoted attribute."""
    return _html(text)


def md_block_html(text: object) -> Markup:
    """Text inside a raw HTML block of a Markdown page: HTML-escaped, and Markdown never runs there."""
    return _html(_SPACE.sub(" ", str(text)))


def anchor(value: object) -> Markup:
    """An id for `{#id}` or `id="…"`: ids are slugs by schema; anything else is refused loudly."""
    text = str(value)
    if not _ID.match(text):
        raise ValueError(f"not a valid anchor id: {text!r}")
    return Markup(text)


def finalize(value: object) -> object:
    """Jinja `finalize` for Markdown templates: anything not marked safe is escaped for Markdown."""
    if value is None:
        return ""
    if isinstance(value, (Markup, int)):
        return value
    return md(value)


# --- characters that act instead of showing ---------------------------------------------------

# The bidirectional controls: embeddings and overrides, isolates, and the marks LRM, RLM and ALM. The
# generator isolates every text itself; in data they only change the order in which a reader sees it.
DIRECTION_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Every character a terminal, a log or a browser may act on rather than show: C0 controls (the tab is
# harmless), DEL, C1 controls (U+009B is a terminal's CSI by itself), the direction controls, the line and
# paragraph separators, and what is no character (lone surrogates, U+FFFE, U+FFFF: they cannot even be
# written as UTF-8).
_ACTING = f"\x00-\x08\x0b-\x1f\x7f-\x9f{DIRECTION_CONTROLS}\u2028\u2029\ud800-\udfff\ufffe\uffff"
ACTING = re.compile(f"[\n{_ACTING}]")
_ACTING_BUT_LINE_FEED = re.compile(f"[{_ACTING}]")


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def terminal(text: object, lines: bool = False) -> str:
    """Text for a terminal or a log, on one line: every character in `ACTING` written as the escape a
    reader sees (`\\x1b`, `\\u202e`, `\\n`). `lines` keeps line feeds, for a message of several lines
    whose breaks are ours (each line still carries data only as escapes)."""
    return (_ACTING_BUT_LINE_FEED if lines else ACTING).sub(_visible, str(text))


def sarif(text: object) -> str:
    """A SARIF text field (a message, a location): JSON keeps the structure, and the text is shown by a
    code-scanning page as it is, so the terminal's rules apply."""
    return terminal(text)


def workflow_message(text: object) -> str:
    """The message of a GitHub workflow command (`::error …::message`), escaped as GitHub's toolkit does
    (`%`, CR and LF), after the terminal's rules: the runner reads every line of a step's output that
    starts with `::` as a command, so data must never start a line of its own."""
    return terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: object) -> str:
    """A property of a GitHub workflow command (`file=…,title=…`): also `:` and `,`, which end one."""
    return workflow_message(text).replace(":", "%3A").replace(",", "%2C")


def json_text(value: Any) -> str:
    """JSON for tools that may well be read on a terminal: the values exact, every acting character in
    a string written as a `\\uXXXX` escape (JSON escapes C0 itself; C1, direction controls and lone
    surrogates it would write as they are, and a lone surrogate cannot be written as UTF-8)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _ACTING_BUT_LINE_FEED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


# --- a pull-request comment -------------------------------------------------------------------

# GitHub refuses a comment longer than 65,536 characters; the default bound of one leaves room for line
# ends counted twice (a comment edited on the web is kept with CR LF).
COMMENT_LIMIT = 60_000


def comment_length(text: str) -> int:
    """A comment's length as GitHub's page and the workflow's script count it: UTF-16 code units, never
    fewer than the characters."""
    return len(text.encode("utf-16-le")) // 2


# GitHub decodes character references before it looks for mentions and references, so `&#64;org/team`
# notifies a team as `@org/team` does. `@` and `#` become their fullwidth forms instead: they read as the
# same sign, copy as a visible character (a zero-width joiner would travel unseen into whatever a reviewer
# copies), and GitHub links neither. `GH-123` keeps its look with a non-breaking hyphen.
_UNLINKED = str.maketrans({"@": "\uff20", "#": "\uff03"})
_GH_REFERENCE = re.compile(r"(?i)(gh)-(?=\d)")


def comment_text(text: object) -> str:
    """Data as inert text of a GitHub comment, inline, in a table cell or a heading: no control
    character, no line break, no Markdown or HTML (`<`, `>`, `&`, `|`, backticks as character
    references), and no mention or issue reference GitHub would link or notify."""
    shown = _GH_REFERENCE.sub("\\1\u2011", terminal(text).translate(_UNLINKED))
    return str(md(shown))


def comment_code(text: object) -> str:
    """An id, a key, a path or a revision in a comment, set as code: `<code>` around `comment_text`,
    which holds any character (a backtick or `|` would end a Markdown code span or a table cell)."""
    return f"<code>{comment_text(text)}</code>"

"""Escaping text from sources and YAML for the places it lands: Markdown pages and HTML.

Python-Markdown passes raw `<script>`, `onerror=` and `javascript:` links through, and Jinja2's
autoescape knows nothing of Markdown, so every text that is data is turned into character
references here before it enters a page. `Markup` marks what is already safe.
"""
from __future__ import annotations

import re

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

"""Escaping text from sources and YAML for the places it lands: Markdown pages and HTML.

Python-Markdown passes raw `<script>`, `onerror=` and `javascript:` links through, and Jinja2's
autoescape knows nothing of Markdown, so every text that is data is turned into character
references here before it enters a page. `Markup` marks what is already safe.
"""
from __future__ import annotations

from markupsafe import Markup
from markupsafe import escape as _html

# Every ASCII character that means something to Markdown, its extensions, or HTML.
_MD_SPECIAL = frozenset("\\`*_{}[]()<>#+-.!|~^:&\"'=$%@/;?")


def md(text: object) -> Markup:
    """Text as inert Markdown: it renders as exactly these characters, on one line."""
    if isinstance(text, Markup):
        return text
    value = " ".join(str(text).split())
    return Markup("".join(f"&#{ord(ch)};" if ch in _MD_SPECIAL else ch for ch in value))


def html(text: object) -> Markup:
    """Text for HTML, in an element or a quoted attribute."""
    return _html(text)


def md_block_html(text: object) -> Markup:
    """Text inside a raw HTML block of a Markdown page: HTML-escaped, and Markdown never runs there."""
    return _html(" ".join(str(text).split()))


def finalize(value: object) -> object:
    """Jinja `finalize` for Markdown templates: anything not marked safe is escaped for Markdown."""
    if value is None:
        return ""
    if isinstance(value, (Markup, int)):
        return value
    return md(value)

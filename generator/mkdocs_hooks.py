"""MkDocs hooks, loaded by each language's build: titles are text, so they are escaped for the theme.

Material prints the site name raw in the header, and a page's title (the text of its first heading,
character references kept) raw in some places, escaped in others and through `striptags`, which
decodes the references again, in <title>: a title that reads `a </title><script>` would become
markup there. Both are turned here into `Markup` holding the text escaped exactly once, so they
print as text everywhere; Jinja's `| e` leaves `Markup` alone.
"""
from __future__ import annotations

from typing import Any

from html import unescape

from markupsafe import escape


def on_config(config: Any) -> Any:
    config["site_name"] = escape(config["site_name"])
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Runs for every page before any template is rendered, so a page's neighbours (the footer's
    previous and next links) are escaped too. The front-matter title is what <title> prints as is."""
    if page.title:
        page.title = escape(unescape(str(page.title)))
        page.meta["title"] = page.title
    return html

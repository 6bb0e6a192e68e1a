"""MkDocs hooks, loaded by each language's build: the Markdown the pages are written in is always
understood, and titles are text, so they are escaped for the theme.

The pages use ids and classes on blocks, Markdown inside HTML, footnotes, tables and heading ids; a
dossier's own mkdocs.yml may list other extensions, so the ones the pages need are added to its list.

Material prints the site name raw in the header, and a page's title (the text of its first heading,
character references kept) raw in some places, escaped in others and through `striptags`, which
decodes the references again, in <title>: a title that reads `a </title><script>` would become
markup there. Both are turned here into `Markup` holding the text escaped exactly once, so they
print as text everywhere; Jinja's `| e` leaves `Markup` alone.
"""
from __future__ import annotations

from html import unescape
from typing import Any

from markupsafe import escape

# The Markdown extensions every generated page relies on.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "footnotes", "tables", "toc")


def on_config(config: Any) -> Any:
    config["site_name"] = escape(config["site_name"])
    for name in REQUIRED_EXTENSIONS:
        if name not in config["markdown_extensions"]:
            config["markdown_extensions"].append(name)
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Runs for every page before any template is rendered, so a page's neighbours (the footer's
    previous and next links) are escaped too. The front-matter title is what <title> prints as is."""
    if page.title:
        page.title = escape(unescape(str(page.title)))
        page.meta["title"] = page.title
    return html

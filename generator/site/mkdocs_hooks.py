"""MkDocs hooks, loaded by each language's build: the Markdown the pages are written in is always
understood, and titles are text, so they are escaped for the theme.

The pages use ids and classes on blocks, Markdown inside HTML, footnotes, tables and heading ids; a
dossier's own mkdocs.yml may list other extensions, so the ones the pages need are added to its list.

Material prints the site name raw in the header, and a page's title (the text of its first heading,
character references kept) raw in some places, escaped in others and through `striptags`, which
decodes the references again, in <title>: a title that reads `a </title><script>` would become
markup there. Both are turned here into `Markup` holding the text escaped exactly once, so they
print as text everywhere; Jinja's `| e` leaves `Markup` alone.

The theme's templates, a dossier's overrides among them, render in Jinja's sandbox (`on_env`), as
every template of the generator does.
"""
from __future__ import annotations

import json
import logging
import os
import re
from html import escape as html_escape
from html import unescape
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from generator.layout import PAGES_EDITED, PAGES_FILE, TEMPLATES
from generator.site import mkdocs_kept, search
from generator.views import i18n
from generator.views.templates import OVERRIDES, sandboxed

# The Markdown extensions every generated page relies on.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "footnotes", "tables", "toc")


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; ours keeps every page's HTML exact, and the
    warning would fail `--strict`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


def on_config(config: Any) -> Any:
    if os.environ.get("BRIEFING_DIRTY") == "1":
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())
        _write_by_replacing(config["site_dir"])
    config["site_name"] = escape(config["site_name"])
    for name in REQUIRED_EXTENSIONS:
        if name not in config["markdown_extensions"]:
            config["markdown_extensions"].append(name)
    return config


@event_priority(-100)  # last: after any plugin has added its filters or globals
def on_env(env: Any, config: Any, files: Any) -> Any:
    """The theme's environment, sandboxed: a dossier's override (`templates/overrides/`, merged into the
    theme's `custom_dir`) is a template from whoever wrote the dossier, and may do no more than a page
    template. A failing one is named as the editor knows it."""
    custom = config["theme"].custom_dir

    def shown(name: str) -> str:
        path, folder = Path(name).resolve(), Path(custom).resolve()
        return f"{TEMPLATES}/{OVERRIDES}/{path.relative_to(folder).as_posix()}" if path.is_relative_to(folder) \
            else name

    safe = sandboxed(env, shown if custom else str)
    safe.bytecode_cache = mkdocs_kept.COMPILED   # for the next build in this process (the preview's MkDocs)
    return safe


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Runs for every page before any template is rendered, so a page's neighbours (the footer's
    previous and next links) are escaped too. The front-matter title is what <title> prints as is."""
    if page.title:
        page.title = escape(unescape(str(page.title)))
        page.meta["title"] = page.title
    return html


def _write_by_replacing(site_dir: str) -> None:
    """Every file opened for writing in `site_dir` (by MkDocs, the theme or any plugin) becomes a file of
    its own first, if it has other names. The previous site's files are hard links to the ones a dirty
    build writes over (`files.link_tree`): written where they stand, they would change the published
    site while it is being rebuilt, and stay changed if the build then fails. A file opened to be
    written anew is unlinked; one opened to be added to or changed in part is copied first."""
    import builtins
    import io
    import shutil

    inside = os.path.join(os.path.abspath(site_dir), "")
    original = builtins.open

    def open_unshared(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, int) and any(c in mode for c in "wax+"):
            path = os.path.abspath(os.fsdecode(file))
            try:
                shared = path.startswith(inside) and os.lstat(path).st_nlink > 1
            except OSError:
                shared = False
            if shared and "w" in mode:
                os.unlink(path)
            elif shared:
                own = f"{path}.own"
                shutil.copy2(path, own)
                os.replace(own, path)
        return original(file, mode, *args, **kwargs)

    builtins.open = io.open = open_unshared


# --- What used to be a pass over the finished site, done per page as MkDocs writes it ------------------

_HTML_TAG = re.compile(r"<html lang=\"([^\"]+)\"(?! dir=)")
_ARTICLE = '<article class="md-content__inner md-typeset">'


def finish_html(output: str, lang: str) -> str:
    """Material sets `dir` on <body> only, but screen readers and tools look at <html>: it goes there too."""
    return _HTML_TAG.sub(lambda m: f'<html lang="{m.group(1)}" dir="{i18n.direction(lang)}"', output, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """A page's article is what search indexes (`site.search.BODY`): not its header, navigation or footer, and
    not the theme's own pages (404.html), which have no article so marked."""
    marked = output.replace(_ARTICLE, _ARTICLE[:-1] + f" {search.BODY}>", 1)
    return finish_html(marked, config["theme"]["language"])


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The theme's own pages (404.html) get the same fixes; the sitemap has no <html> and is left as is."""
    if not template_name.endswith(".html"):
        return output
    if template_name == "404.html":
        output = relocatable_error_page(output, urlsplit(config["site_url"] or "/").path, config["extra"]["root"])
    return finish_html(output, config["theme"]["language"])


_ROOTED = '(href|src)="{}'
_HEAD = re.compile(r"<head>")


def relocatable_error_page(output: str, written_from: str, root: str) -> str:
    """A 404 page that works wherever it is shown: a server shows it for a missing address at any depth, and a
    reader opens it from disk. MkDocs writes its links from `written_from`, the path of the site address (or
    "/", which for a language at /ar/ is the other language's root). Here every one of them becomes relative to
    the language's own root, and a `<base>` names that root (`root`, "/ar/") for a server; opened from disk
    (file:), a first script removes the `<base>`, so the same links resolve beside the file itself."""
    rooted = re.compile(_ROOTED.format(re.escape(written_from)))
    output = rooted.sub(lambda m: f'{m.group(1)}="', output)
    output = output.replace(f'"base": "{written_from}"', f'"base": "{root}"', 1)
    base = (f'<base href="{html_escape(root, quote=True)}">'
            '<script>if (location.protocol === "file:") document.querySelector("base").remove()</script>')
    return _HEAD.sub(lambda m: m.group(0) + base, output, count=1)


# --- An incremental build: MkDocs' --dirty mode ---------------------------------------------------------
# Under `--dirty` MkDocs renders only the pages whose Markdown is newer than their HTML. The list of every
# page is kept between builds (in the file BRIEFING_PAGE_LIST names), so a dirty build removes the HTML of
# the pages that are gone, and the site comes out as a full build writes it. The search index is made from
# the finished site after MkDocs (`site.search`), so no part of it lives here.

_pages: list[str] = []                      # every page's URL, in the order MkDocs builds them


def _state_file() -> Path | None:
    named = os.environ.get("BRIEFING_PAGE_LIST")
    return Path(named) if named else None


class _Page(File):
    """A page whose Markdown comes from the project's pages file, not from a file of its own. In a dirty
    build it is rendered again only if its Markdown differs from what the last build rendered (or its
    HTML is missing), as MkDocs does for a file newer than its HTML."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def _walk_order(path: str) -> tuple[tuple[int, object], ...]:
    """The order in which MkDocs lists the files of a folder tree: a folder's own files first, `index`
    before the others, then its subfolders, each sorted by name."""
    *folders, name = path.split("/")
    return (*((1, folder) for folder in folders), (0, (os.path.splitext(name)[0] != "index", name)))


_built: dict[str, str] = {}   # each page's digest, as this run renders it (kept for the next dirty build)


def _add_pages(files: Any, config: Any) -> None:
    """Every page of the project's pages file (`PAGES_FILE`), in the order MkDocs would have found them
    as files."""
    named = Path(config["config_file_path"]).with_name(PAGES_FILE)
    if not named.is_file():
        return
    pages, digests = mkdocs_kept.pages_file(named)
    edited = named.with_name(PAGES_EDITED)   # a preview's pages of an edit, over the others
    if edited.is_file():
        over = json.loads(edited.read_text(encoding="utf-8"))
        pages.update(over)
        digests.update({path: mkdocs_kept.digest(text) for path, text in over.items()})
    before: dict[str, str] = {}
    kept = os.environ.get("BRIEFING_BUILT_PAGES")
    if os.environ.get("BRIEFING_DIRTY") == "1" and kept and os.path.isfile(kept):
        before = json.loads(Path(kept).read_text(encoding="utf-8"))
    _built.clear()
    for path in sorted(pages, key=_walk_order):
        # MkDocs annotates generated() as giving a File; it gives an instance of the class it is called on
        page = cast(_Page, _Page.generated(config, path, content=pages[path]))
        _built[path] = digests[path]
        page.changed = before.get(path) != _built[path]
        files.append(page)


# Material's own search: lunr and the worker that runs it. The site searches with Pagefind (`site.search`), and
# Material starts its worker only for its own search field, which the header's (`partials/search.html`) replaces:
# 1.2 MB of files in every language's site that no page asks for.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def on_files(files: Any, config: Any) -> Any:
    for unused in [file for file in files if file.src_uri.startswith(_UNUSED_THEME_FILES)]:
        files.remove(unused)
    _add_pages(files, config)
    _pages[:] = [file.url for file in files.documentation_pages()]
    return files


def on_post_build(config: Any) -> None:
    state = _state_file()
    if state is None:
        return
    if os.environ.get("BRIEFING_DIRTY") == "1":
        kept = json.loads(state.read_text(encoding="utf-8"))
        for gone in sorted(set(kept) - set(_pages)):
            target = Path(config["site_dir"]) / gone
            if target.is_file():
                target.unlink()
    for path, text in ((state, json.dumps(_pages, ensure_ascii=False)),
                       (Path(os.environ["BRIEFING_BUILT_PAGES"]), json.dumps(_built, sort_keys=True))):
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)

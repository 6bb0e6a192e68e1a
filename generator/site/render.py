"""Render a checked `Dossier` into Markdown pages for one language, through the Jinja2 templates.

Templates only lay out: everything they show comes from the model or from the small helpers of
`SiteContext` (language pick, dates, links relative to the page, numbered footnotes); the list of
pages is `views.addresses.pages`. Every text
that is data is escaped for Markdown by the environment's `finalize`, so a quote containing
`<script>` or `[link](javascript:…)` prints as those characters.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from typing import Any, TypeVar

import jinja2

from generator.factbase import model
from generator.parallel import fork_each, fork_map
from generator.review.history import History
from generator.site.context import SiteContext
from generator.site.xref import CrossIndex
from generator.text.escape import anchor, finalize
from generator.views import addresses
from generator.views.templates import PAGES, Templates, template_errors
from generator.views.templates import environment as jinja_environment


@functools.lru_cache(maxsize=8)
def environment(templates: Templates) -> jinja2.Environment:
    """One per set of template folders, kept: compiling the page templates costs as much as filling them in
    for a small dossier, and the preview renders again every few seconds. Jinja still reloads a template
    whose file changed (an edit to a dossier's own template)."""
    env = jinja_environment(
        templates.loader(PAGES), autoescape=False, finalize=finalize,
        # Markdown's heading ids are written `{#id}`, which is Jinja's comment syntax by default.
        comment_start_string="{##", comment_end_string="##}",
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["id"] = anchor
    return env


def render(dossier: model.Dossier, templates: Templates, lang: str, index: Any = None,
           history: History | None = None, only: Collection[str] | None = None) -> dict[str, str]:
    """The Markdown pages of one language, all of them or `only` those: {path under docs/: text}.

    `index` (a CrossIndex) may be shared by the languages of one build: it depends on no language.
    """
    env = environment(templates)
    result: dict[str, str] = {}
    index = index or CrossIndex(dossier)
    for page in addresses.pages(dossier):
        if only is not None and page.path not in only:
            continue
        ctx = SiteContext(dossier, lang, page.path, index=index, repo_history=history or History())
        with template_errors(PAGES):
            result[page.path] = env.get_template(page.template).render(p=ctx, d=dossier, lang=lang, **page.variables)
    return result


Written = TypeVar("Written")


def render_languages(dossier: model.Dossier, templates: Templates, index: Any, history: History | None,
                     then: Callable[[str, dict[str, str]], Written],
                     stop: Callable[[], bool] | None = None) -> dict[str, Written]:
    """Every language's pages, the languages at the same time on a machine with more than one core: the
    pages of one language depend on nothing another renders. {lang: what `then(lang, pages)` returned},
    run where the pages were rendered, so that they are written out there instead of sent back to this
    process first. With `stop` (a preview's), each language in a child that is ended as soon as `stop` says
    so (`parallel.fork_each`)."""
    index = index or CrossIndex(dossier)
    if stop is None:
        index.complete()          # before the fork: workers inherit it (a preview's may be stopped: each its own)
    env = environment(templates)  # and the templates, compiled once
    for template in sorted({page.template for page in addresses.pages(dossier)}):
        with template_errors(PAGES):
            env.get_template(template)
    langs = dossier.languages

    def one(lang: str) -> Written:
        return then(lang, render(dossier, templates, lang, index, history))

    return dict(zip(langs, fork_map(one, langs) if stop is None else fork_each(one, langs, stop), strict=True))

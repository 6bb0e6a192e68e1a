"""The site's search: a static index in chunks, made from the built HTML after MkDocs, per language.

Material's search had every reader download each language's whole index before the first result (16.8 MB in
Arabic at 1,000 sources). Pagefind (`pagefind-bin`, its binary inside the wheel) reads the finished pages and
writes an index cut in small chunks; a search fetches the chunks of the words typed and the excerpts of the
results shown, so what a reader fetches grows with the results, not with the site. It keeps one index per
`<html lang>`, and a page searches its own language's.

Arabic: Pagefind's Arabic build stems with Snowball's Arabic stemmer, which removes the article, the attached
particles (و ف ب ك ل) and suffixes, folds the hamza seats of alef (أ إ آ → ا) and reads Eastern Arabic digits, in
the index and in the query alike; so no folding of ours is added (the browser tests hold every form found).

The index is made in the staging folder, so a failure leaves the previous site; the same pages give the same
bytes, so an incremental build's index is a cold build's.
"""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.errors import BriefingError, Superseded
from generator.files import link_tree, mentions_no_space, no_space
from generator.parallel import LOOK, behind
from generator.views import i18n

# The folder at the site's root that holds the index and the script that reads it.
BUNDLE = "search"
# What of Pagefind's output the pages use: its search script, worker and WebAssembly, and the index. Its own
# interfaces (we show the results in Material's header, in our words) are left out of the site.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# The attribute that marks what of a page is indexed (the article, not the header, navigation or footer).
BODY = "data-pagefind-body"


def executable() -> Path:
    """Pagefind's binary, as the `pagefind-bin` wheel installs it: nothing is downloaded at build time."""
    try:
        import pagefind_bin
        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        raise BriefingError("Pagefind, which makes the site's search index, is not installed: reinstall briefing "
                            "(pip install briefing-desk, or make install in a checkout)") from None


def make_index(site: Path, stop: Callable[[], bool] | None = None) -> None:
    """Index every page of `site` (a staging folder) into `site/BUNDLE/`. Pagefind runs in an empty folder with
    none of its own settings from the environment, so nothing of the dossier or the user's shell changes the
    index. With `stop` (a preview's), Pagefind is ended as soon as it says so, and `Superseded` raised."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    args = [str(executable()), "--site", str(site.resolve()), "--output-subdir", BUNDLE, "--keep-index-url",
            "--silent"]
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as empty, \
            tempfile.TemporaryFile() as said_file:
        proc = subprocess.Popen(args, cwd=empty, env=env, stdout=said_file, stderr=subprocess.STDOUT,
                                preexec_fn=None if stop is None else behind)  # noqa: PLW1509 (os.nice only)
        while proc.poll() is None:
            try:
                proc.wait(timeout=LOOK)
            except subprocess.TimeoutExpired:
                if stop is not None and stop():
                    proc.kill()
                    proc.wait()
                    raise Superseded from None
        said_file.seek(0)
        said = said_file.read().decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        if mentions_no_space(said):
            raise no_space(site / BUNDLE)
        raise BriefingError(f"Pagefind could not index the site: the previous site/ is unchanged.\n{said[-2000:]}")
    for name in _UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)
    _in_order(site / BUNDLE / "pagefind-entry.json")


def stand_in(site: Path, staging: Path) -> None:
    """The preview's pages go up before their index is made: the index of the site they replace stands in."""
    if (site / BUNDLE).is_dir():
        link_tree(site / BUNDLE, staging / BUNDLE)


def _in_order(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in whatever order its hash map gives: two builds of the
    same pages differed there alone. Sorted, the same pages give the same bytes (the script reads it as JSON)."""
    listed = json.loads(entry.read_text(encoding="utf-8"))
    listed["languages"] = dict(sorted(listed["languages"].items()))
    entry.write_text(json.dumps(listed, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def interface(lang: str, to_root: str) -> dict[str, object]:
    """What the search field needs (`overrides/partials/search.html`): where the index is from the language's
    root (`to_root`: from there to the site's root), and its words in the page's language."""
    _ = lambda m: i18n.gettext_for(lang, m)  # noqa: E731
    return {"root": to_root, "bundle": f"{to_root}{BUNDLE}/",
            "words": {"label": _("Search"), "placeholder": _("Search this site"),
                      "none": _("Nothing found for this search."),
                      "failed": _("Search could not load. Reload the page to try again."),
                      "served": _("Search works when the site is served, not opened as a file: run "
                                  "'briefing serve' in the dossier, or put the site/ folder on a web server.")}}

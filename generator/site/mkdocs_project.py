"""Run MkDocs Material once per language over the Markdown that `render` produced.

One MkDocs project per language (English at /, the others at /<lang>/); Material sets `dir="rtl"` itself
from the bare locale `ar`. The generator talks to MkDocs only through its command line (in a process of its
own, or, for the preview, run again and again in one kept for the purpose: `mkdocs_worker`), so nothing
before `mkdocs build` depends on its internals.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import BriefingError
from generator.factbase.yamlio import dump
from generator.files import mentions_no_space, no_space, write_atomic
from generator.layout import DOCS, MKDOCS_CONFIG, PAGES_EDITED, PAGES_FILE, Layout, MkDocsOutput
from generator.site import search, webfonts
from generator.views import addresses, i18n
from generator.views.templates import ASSETS, OVERRIDES, Templates


def nav(lang: str) -> list[dict[str, str]]:
    """A short navigation of index pages only: build time grows with the square of nav entries."""
    _ = lambda m: i18n.gettext_for(lang, m)  # noqa: E731
    return [{_(label): addresses.listing(name)} for name, label in addresses.NAV]


def prefix(lang: str, default: str) -> str:
    """Where a language's site lives relative to the English root."""
    return "" if lang == default else f"{lang}/"


def config(layout: Layout, overrides: Path, lang: str, languages: list[str], site_name: str,
           site_url: str | None = None) -> dict[str, object]:
    default = languages[0]
    back = "" if lang == default else "../"
    published = {"site_url": site_url.rstrip("/") + "/" + prefix(lang, default)} if site_url else {}
    return {
        **published,
        "INHERIT": str(layout.base_config.resolve()),   # the dossier's mkdocs.yml as read (`mkdocs_config`)
        "site_name": site_name,
        "docs_dir": DOCS,
        "theme": {"name": "material", "language": lang, "custom_dir": str(overrides.resolve())},
        "extra": {"alternate": [{"name": i18n.LANGUAGE_NAMES.get(other, other), "lang": other,
                                 "link": back + prefix(other, default)} for other in languages],
                  "generator": False,
                  "credits": data_credits(lang),
                  "not_found": not_found(lang),
                  # where the language's site lives on a server: the 404 page's links start there
                  "root": urlsplit(str(published["site_url"])).path if published else "/" + prefix(lang, default),
                  # the search field's words and where the index is (made after MkDocs: `site.search`)
                  "search": search.interface(lang, back)},
        "extra_css": [f"{ASSETS}/fonts.css", f"{ASSETS}/briefing.css", f"{ASSETS}/search.css"],
        "extra_javascript": [f"{ASSETS}/javascripts/search.js"],
        # no plugin: the search index is made after MkDocs; pages link to files, so the site works opened from
        # disk and can travel as a zip file
        "use_directory_urls": False,
        "plugins": [],
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],
        "nav": nav(lang),
    }


def not_found(lang: str) -> dict[str, str]:
    """The 404 page's words, in the language of the site it belongs to (`overrides/404.html`)."""
    _ = lambda m: i18n.gettext_for(lang, m)  # noqa: E731
    return {"title": _("Page not found"), "text": _("There is no page at this address."),
            "home": _("Go to the home page")}


def data_credits(lang: str) -> list[dict[str, str]]:
    """The data the site shows and the licences that ask to be named, for every page's footer: GeoNames, whose
    places and coordinates `extract` proposes (CC BY 4.0 asks for the attribution), and Natural Earth, whose
    outlines the maps draw (public domain, credited all the same)."""
    _ = lambda m: i18n.gettext_for(lang, m)  # noqa: E731
    return [{"what": _("Place data"), "name": "GeoNames", "url": "https://www.geonames.org/",
             "licence": "CC BY 4.0", "licence_url": "https://creativecommons.org/licenses/by/4.0/"},
            {"what": _("Map outlines"), "name": "Natural Earth", "url": "https://www.naturalearthdata.com/",
             "licence": _("public domain"), "licence_url": ""}]


def write_docs(docs: Path, pages: dict[str, str], assets: dict[str, Path], generated: dict[str, bytes]) -> int:
    """Write the pages (one file, `PAGES_FILE`) and the assets (into docs/), touching only what changed;
    drop stale files."""
    changed = int(write_atomic(docs.parent / PAGES_FILE, json.dumps(pages, ensure_ascii=False, sort_keys=True)))
    edited = docs.parent / PAGES_EDITED
    if edited.exists():   # the pages a preview rendered first are all in the pages file now
        edited.unlink()
        changed += 1
    wanted: dict[str, str | bytes] = {f"{ASSETS}/{rel}": path.read_bytes() for rel, path in assets.items()}
    wanted.update({f"{ASSETS}/{name}": data for name, data in generated.items()})
    return changed + mirror(docs, wanted)


def mirror(folder: Path, wanted: dict[str, str | bytes]) -> int:
    """Make `folder` hold exactly `wanted` ({relative path: content}), writing only what changed."""
    changed = 0
    for rel, text in sorted(wanted.items()):
        changed += write_atomic(folder / rel, text)
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def theme_overrides(layout: Layout, templates: Templates) -> Path:
    """The theme's `custom_dir`: the shipped overrides with the dossier's own files over them, in one
    folder, since MkDocs takes one."""
    folder = layout.theme_overrides
    mirror(folder, {rel: path.read_bytes() for rel, path in templates.files(OVERRIDES).items()})
    return folder


@dataclass(frozen=True)
class Shared:
    """What every language's project takes alike, made once per build before the languages part ways
    (two processes writing one folder would undo each other's files)."""

    overrides: Path                # the theme's custom_dir
    assets: dict[str, Path]        # files under docs/assets/, by their path there
    generated: dict[str, bytes]    # the web fonts and their stylesheet

    @classmethod
    def make(cls, layout: Layout, templates: Templates, config: str) -> Shared:
        """`config`: the dossier's mkdocs.yml as read (`mkdocs_config.text`), which every language inherits."""
        write_atomic(layout.base_config, config)
        return cls(theme_overrides(layout, templates), templates.files(ASSETS),
                   webfonts.assets(webfonts.cache_dir(layout.fonts)))


def prepare(layout: Layout, shared: Shared, lang: str, languages: list[str], site_name: str,
            pages: dict[str, str], site_url: str | None = None) -> Path:
    """Write one language's MkDocs project; returns its config file."""
    project = layout.project(lang)
    write_docs(project / DOCS, pages, shared.assets, shared.generated)
    cfg = project / MKDOCS_CONFIG
    write_atomic(cfg, dump(config(layout, shared.overrides, lang, languages, site_name, site_url)))
    return cfg


def amend(layout: Layout, lang: str, languages: list[str], site_name: str, pages: dict[str, str], frame: str,
          site_url: str | None = None) -> Path | None:
    """A preview's first build after an edit: `pages`, and those of earlier such builds, put over the pages
    of a language's project as the last build of every page left it (`PAGES_EDITED`, read by the hooks), so
    that MkDocs renders just them; the project's config file. None, and nothing written, when MkDocs would
    render more than the changed pages: a configuration this dossier no longer gives (a new title, a language
    added), or an output made with another `frame` (`run_mkdocs`)."""
    project = layout.project(lang)
    cfg, edited = project / MKDOCS_CONFIG, project / PAGES_EDITED
    wanted = dump(config(layout, layout.theme_overrides, lang, languages, site_name, site_url))
    try:
        if not (project / PAGES_FILE).is_file() or cfg.read_text(encoding="utf-8") != wanted:
            return None
        before = json.loads(edited.read_text(encoding="utf-8")) if edited.is_file() else {}
    except (OSError, ValueError):
        return None
    if not _incremental(cfg, layout.mkdocs_output(lang), frame)[0]:
        return None
    write_atomic(edited, json.dumps({**before, **pages}, ensure_ascii=False, sort_keys=True))
    return cfg


def _incremental(cfg: Path, output: MkDocsOutput, frame: str) -> tuple[bool, str]:
    """Whether MkDocs may build only the pages whose Markdown changed (`--dirty`): what the last build left in
    `output` was made with the same frame (`fingerprint.of_frame` and the language's config file); and the
    frame, with the config file's digest, to keep once this build is done."""
    frame += ";" + hashlib.sha256(cfg.read_bytes()).hexdigest()
    out, key = output.site, output.frame
    return (out.is_dir() and output.listed.is_file() and output.pages.is_file() and key.is_file() and
            key.read_text(encoding="utf-8") == frame), frame


def run_mkdocs(cfg: Path, output: MkDocsOutput, epoch: int, frame: str, workers: Workers | None = None) -> None:
    """`mkdocs build --strict` into `out`; its warnings become a clear error. With `workers` (the
    preview's), the language's MkDocs kept running builds it; otherwise a process of its own.

    When `out` holds what a build of the same frame (`frame`: the configuration, theme, assets and
    tools, see `fingerprint.of_frame`) left, MkDocs runs `--dirty`: only pages whose Markdown changed
    are rendered again, and the hooks remove the pages that are gone. Anything else is a full build.
    """
    out, key, state, built = output.site, output.frame, output.listed, output.pages
    dirty, frame = _incremental(cfg, output, frame)
    key.unlink(missing_ok=True)  # a build that stops half-way must not be taken for a finished one
    if not dirty:
        shutil.rmtree(out, ignore_errors=True)
        state.unlink(missing_ok=True)
        built.unlink(missing_ok=True)
    env = {"SOURCE_DATE_EPOCH": str(epoch), "BRIEFING_PAGE_LIST": str(state), "BRIEFING_BUILT_PAGES": str(built),
           "BRIEFING_DIRTY": "1" if dirty else "0"}
    args = ["build", "--strict", "--quiet", "-f", str(cfg), "-d", str(out)] + (["--dirty"] if dirty else [])
    if workers is not None:
        ok, said = workers.run(cfg.parent.name, args, env)
    else:
        # -P: the working folder (a dossier's, where a module could be named as a Markdown extension) is not
        # where Python looks for modules
        proc = subprocess.run([sys.executable, "-P", "-m", "mkdocs", *args], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONHASHSEED="0", **env), check=False)
        ok, said = proc.returncode == 0, proc.stderr + proc.stdout
    if not ok:
        if mentions_no_space(said):
            raise no_space(out)
        raise BriefingError(f"MkDocs could not build {cfg.parent.name}: the previous site/ is unchanged.\n"
                            f"{mkdocs_complaint(said)}")
    write_atomic(key, frame)


class Workers:
    """MkDocs kept running between builds, one process per language (`generator.site.mkdocs_worker`), for
    the preview: a one-page edit then costs MkDocs' rendering of that page, not a Python and a theme started
    again. Each process serves one build at a time; one that dies is started again by the next build."""

    def __init__(self) -> None:
        self._running: dict[str, subprocess.Popen[str]] = {}
        self._guard = threading.Lock()

    def run(self, name: str, args: list[str], env: dict[str, str]) -> tuple[bool, str]:
        """Whether the build of project `name` went through, and what MkDocs said."""
        with self._guard:
            proc = self._running.get(name)
            if proc is None or proc.poll() is not None:
                proc = self._running[name] = subprocess.Popen(
                    [sys.executable, "-P", "-m", "generator.site.mkdocs_worker"], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                    env=dict(os.environ, PYTHONHASHSEED="0"))
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps({"args": args, "env": env}) + "\n")
            proc.stdin.flush()
            answer = proc.stdout.readline()
        except OSError:
            answer = ""
        if not answer:   # it died mid-build (killed, out of memory): the next build starts another
            proc.kill()
            return False, "Error: the MkDocs process stopped during the build; the next build starts it again"
        said = json.loads(answer)
        return bool(said["ok"]), str(said["output"])

    def close(self) -> None:
        with self._guard:
            for proc in self._running.values():
                if proc.stdin is not None:
                    proc.stdin.close()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            self._running.clear()


def mkdocs_complaint(output: str) -> str:
    """What MkDocs said went wrong, without its banners and without a traceback's frames: the
    ERROR and WARNING lines, and a traceback's last line (the exception itself)."""
    lines = [line.rstrip() for line in _ANSI.sub("", output).splitlines() if line.strip()]
    said = [line for line in lines if line.startswith(("ERROR", "WARNING", "Error", "Aborted"))]
    if any(line.startswith("Traceback") for line in lines) and not any(lines[-1].partition(": ")[2] in line
                                                                        for line in said):
        said.append(lines[-1])   # the exception itself, unless an ERROR line said it already
    said = list(dict.fromkeys(said)) or [lines[-1] if lines else "(MkDocs printed nothing)"]
    shown = [line if len(line) <= _MAX_LINE else line[:_MAX_LINE] + " …" for line in said[:_MAX_LINES]]
    if len(said) > _MAX_LINES:
        shown.append(f"… and {len(said) - _MAX_LINES} more")
    return "\n".join(shown)


# What of MkDocs' complaint is shown: enough to act on, never a page of repeats of one failure.
_MAX_LINES = 10
_MAX_LINE = 300


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build_languages(configs: dict[str, Path], layout: Layout, epoch: int, frame: str,
                    workers: Workers | None = None) -> dict[str, Path]:
    """Build every language, in parallel; returns each language's output folder."""
    outs = {lang: layout.mkdocs_output(lang) for lang in configs}
    with ThreadPoolExecutor(max_workers=min(2, len(configs))) as pool:
        futures = [pool.submit(run_mkdocs, configs[lang], outs[lang], epoch, frame, workers) for lang in configs]
        for future in futures:
            future.result()
    return {lang: out.site for lang, out in outs.items()}

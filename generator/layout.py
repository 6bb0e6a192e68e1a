"""Where a dossier keeps its parts, and where a build keeps its own under `.build/`.

Every folder and file name of a dossier is spelled here and nowhere else: a stage asks a `Layout`
for a path instead of putting one together, so that moving a folder is one edit, and a test
(`tests/test_architecture.py`) finds a name spelled anywhere else.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The parts an editor sees, at the top of a dossier.
CONTENT, SEEDS, TEMPLATES, SITE = "content", "seeds", "templates", "site"
MKDOCS_CONFIG = "mkdocs.yml"
# The site a build replaced, kept until the new one is in place (a hidden folder beside site/).
OLD_SITE = f".{SITE}.old"
# Under content/: the two files of the dossier as a whole, a folder per kind of record (one record
# per file, file name = id), machine-made proposals and the JSON schemas for editors.
DOSSIER_FILE, TIMELINE_FILE = "dossier.yaml", "timeline.yaml"
RECORD_FOLDERS = {"source": "sources", "actor": "actors", "place": "places", "incident": "incidents",
                  "briefing": "briefings"}
PROPOSALS, SCHEMAS = "proposals", "schemas"
# What `init` writes beside them for review in git: the ignore rules, the pre-commit hooks, the CI
# workflow, and the folder of the tool's wheel that workflow installs (checked against its hash).
GITIGNORE, PRE_COMMIT_CONFIG, WORKFLOW = ".gitignore", ".pre-commit-config.yaml", ".github/workflows/briefing.yml"
TOOL = ".briefing/tool"
# What builds keep between runs: never committed, and safe to delete (the next build is a full one).
BUILD = ".build"
# In one language's MkDocs project (`.build/<lang>/`): the Markdown of every page, in one file beside
# its mkdocs.yml ({path under docs/: text}), and the folder of its assets. The hooks hand each page to
# MkDocs from that file (`mkdocs_hooks.on_files`), so that a build does not make a file per page before
# MkDocs makes one per page again.
PAGES_FILE, DOCS = "pages.json", "docs"
# Beside it, the pages a preview rendered first after an edit, over those of the pages file, until the next
# build of every page (`mkdocs_project.amend`).
PAGES_EDITED = "pages-edited.json"


def user_cache() -> Path | None:
    """This user's cache folder for the tool, shared by every dossier (`$XDG_CACHE_HOME/briefing`, else
    `~/.cache/briefing`); None when neither names an absolute path. A relative XDG_CACHE_HOME is ignored,
    as the XDG base directory specification says: it would put the cache, the parse cache's signing key
    among it, inside whatever folder the command runs in, often the dossier, where `git add -A` commits it."""
    for base in (os.environ.get("XDG_CACHE_HOME", ""), os.path.join(os.path.expanduser("~"), ".cache")):
        if os.path.isabs(base):
            return Path(base) / "briefing"
    return None


@dataclass(frozen=True)
class MkDocsOutput:
    """What MkDocs made of one language, and what a dirty build of it needs from the last one."""

    site: Path      # the HTML, hard-linked into the new site
    frame: Path     # the frame (`fingerprint.of_frame`) the HTML was made with
    listed: Path    # every page's URL, as the last build listed them
    pages: Path     # every page's Markdown digest


@dataclass
class Layout:
    """Where a dossier keeps its parts; every stage takes one of these instead of guessing paths."""

    root: Path

    # --- the dossier -------------------------------------------------------------------------
    @property
    def content(self) -> Path:
        return self.root / CONTENT

    @property
    def seeds(self) -> Path:
        return self.root / SEEDS

    @property
    def site(self) -> Path:
        return self.root / SITE

    @property
    def old_site(self) -> Path:
        return self.root / OLD_SITE

    @property
    def templates(self) -> Path:
        return self.root / TEMPLATES

    @property
    def mkdocs_config(self) -> Path:
        """The dossier's own mkdocs.yml, which every language's configuration inherits."""
        return self.root / MKDOCS_CONFIG

    @property
    def watched(self) -> tuple[Path, ...]:
        """Everything a site is made from that an editor changes: what a preview watches."""
        return self.content, self.seeds, self.templates, self.mkdocs_config

    @property
    def dossier_file(self) -> Path:
        return self.content / DOSSIER_FILE

    @property
    def timeline_file(self) -> Path:
        return self.content / TIMELINE_FILE

    def kind_dir(self, kind: str) -> Path:
        """The folder of one kind of record (source, actor, place, incident, briefing)."""
        return self.content / RECORD_FOLDERS[kind]

    @property
    def proposals(self) -> Path:
        return self.content / PROPOSALS

    @property
    def schemas(self) -> Path:
        return self.content / SCHEMAS

    # --- the wiring for review in git ---------------------------------------------------------
    @property
    def gitignore(self) -> Path:
        return self.root / GITIGNORE

    @property
    def pre_commit_config(self) -> Path:
        return self.root / PRE_COMMIT_CONFIG

    @property
    def workflow(self) -> Path:
        return self.root / WORKFLOW

    @property
    def tool(self) -> Path:
        return self.root / TOOL

    # --- what builds keep --------------------------------------------------------------------
    @property
    def build(self) -> Path:
        return self.root / BUILD

    @property
    def lock(self) -> Path:
        """Held by the build under way, so that a preview and a manual build never overlap."""
        return self.build / "lock"

    @property
    def staging(self) -> Path:
        """The new site, assembled here and swapped into site/ only when all of it worked."""
        return self.build / "staging"

    @property
    def exports(self) -> Path:
        """The exports, written while the dossier is checked, moved into the new site."""
        return self.build / "data"

    @property
    def mkdocs_out(self) -> Path:
        """MkDocs' output of every language: the state a dirty build renders only changed pages into."""
        return self.build / "out"

    def mkdocs_output(self, lang: str) -> MkDocsOutput:
        out = self.mkdocs_out / lang
        return MkDocsOutput(out, out.with_name(f"{lang}.frame"), out.with_name(f"{lang}.listed.json"),
                            out.with_name(f"{lang}.pages.json"))

    @property
    def base_config(self) -> Path:
        """The dossier's mkdocs.yml as read and checked (`site.mkdocs_config`): what every language's
        configuration inherits, in place of the file itself."""
        return self.build / "mkdocs-base.yml"

    def project(self, lang: str) -> Path:
        """One language's MkDocs project: its mkdocs.yml, `PAGES_FILE` and `DOCS`."""
        return self.build / lang

    @property
    def theme_overrides(self) -> Path:
        """The theme's custom_dir: the shipped overrides with the dossier's own over them."""
        return self.build / "overrides"

    @property
    def fonts(self) -> Path:
        """The packed web fonts, where this user's cache folder cannot be written."""
        return self.build / "fonts"

    @property
    def pdf_cache(self) -> Path:
        return self.build / "pdf-cache"

    @property
    def pdf_scratch(self) -> Path:
        """Where the preview makes the PDFs it shows after the pages, before they go into `pdf_cache`."""
        return self.build / "pdf-later"

    @property
    def parse_cache(self) -> Path:
        return self.build / "parse-cache"

    @property
    def seed_text_cache(self) -> Path:
        """The text of each document seed (PDF, web page, Word), by its bytes (`factbase.cache`)."""
        return self.build / "seed-text"

    @property
    def fingerprint(self) -> Path:
        """What the last finished build was made from, and the site it left."""
        return self.build / "fingerprint.json"

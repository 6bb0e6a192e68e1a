"""Whether a build can be skipped: a fingerprint of everything a site is made from (the dossier's files,
its templates, the git commit its pages' history comes from, the generator's own code and version, the
build's options), kept with a fingerprint of the site that build wrote. When both still match, the
site is exactly what a new build would write, so a rebuild with nothing changed does almost nothing.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
from dataclasses import dataclass
from pathlib import Path

from generator import gitrepo, shipped
from generator.files import write_atomic
from generator.layout import Layout
from generator.views import addresses
from generator.views.templates import Templates

_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Previous:
    pages: int
    pdfs: list[str]


def _tree(digest: hashlib._Hash, folder: Path, base: Path) -> None:
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(os.fsencode(path.relative_to(base).as_posix()) + b"\0" + path.read_bytes() + b"\0")


def _tools() -> str:
    """The versions of what turns the pages into a site: another MkDocs or WeasyPrint, another site."""
    found = []
    for name in ("mkdocs", "mkdocs-material", "weasyprint", "jinja2", "markdown", "babel", "fonttools"):
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return ";".join(found)


def frame(templates: Templates, config: str) -> str:
    """What shapes every page alike: the base configuration (`config`, the dossier's mkdocs.yml as read:
    `site.mkdocs_config.text`), the templates, the generator, the tools."""
    digest = hashlib.sha256(f"version={shipped.version()};{_tools()}".encode())
    digest.update(config.encode("utf-8"))
    for folder in templates.folders:
        _tree(digest, folder, folder)
    _tree(digest, _PACKAGE, _PACKAGE)   # the generator's own code and catalogues
    return digest.hexdigest()


def of_inputs(root: Path, framed: str, drafts: bool) -> str:
    """The fingerprint of what a build of `root` reads; `framed` is its `frame`."""
    digest = hashlib.sha256(f"drafts={drafts};frame={framed};".encode())
    layout = Layout(root)
    for folder in (layout.content, layout.seeds):
        _tree(digest, folder, root)
    head = gitrepo.head(root)
    digest.update(head.encode() if head is not None else b"no git")
    return digest.hexdigest()


def of_frame(framed: str, epoch: int) -> str:
    """The fingerprint of what every page's HTML depends on besides its own Markdown (the `frame`, and the
    content's date): while it holds, MkDocs need render again only the pages whose Markdown changed (the
    language's own configuration is added by `mkdocs_project.run_mkdocs`)."""
    return hashlib.sha256(f"epoch={epoch};frame={framed}".encode()).hexdigest()


# What of a site does not come from MkDocs' output (and shares no file with it): the PDFs, which
# `briefing pdf` writes again in place of the old ones, and the exports.
_NOT_FROM_MKDOCS = (addresses.PDF_FOLDER, addresses.DATA_FOLDER)


def _of_site(site: Path) -> tuple[str, str]:
    """The site as it stands, every file's path, size and time of last change: the whole of it, and what
    of it comes from MkDocs (all but `_NOT_FROM_MKDOCS`), in one walk."""
    whole, from_mkdocs = hashlib.sha256(), hashlib.sha256()
    for path in sorted(site.rglob("*")) if site.is_dir() else []:
        info = path.lstat()
        rel = path.relative_to(site)
        line = f"{rel.as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\0".encode()
        whole.update(line)
        if rel.parts[0] not in _NOT_FROM_MKDOCS:
            from_mkdocs.update(line)
    return whole.hexdigest(), from_mkdocs.hexdigest()


def _kept(layout: Layout) -> dict[str, object]:
    try:
        kept = json.loads(layout.fingerprint.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def previous(layout: Layout, inputs: str) -> Previous | None:
    """What the last build wrote, if it was made from the same inputs and the site is still as it left it."""
    kept = _kept(layout)
    if kept.get("inputs") != inputs or kept.get("site") != _of_site(layout.site)[0]:
        return None
    return Previous(int(kept["pages"]), list(kept["pdfs"]))  # type: ignore[call-overload]


def site_as_left(layout: Layout) -> bool:
    """Whether what the site has from MkDocs is as the last build left it. Those files share their bytes
    with MkDocs' output (`Layout.mkdocs_out`, hard links): one changed in place would change that output
    too, which the next build renders only the changed pages into."""
    return _kept(layout).get("from_mkdocs") == _of_site(layout.site)[1]


def forget(layout: Layout) -> None:
    """Before a site is replaced: a build interrupted from here on must not be taken for a finished one."""
    with contextlib.suppress(OSError):
        os.unlink(layout.fingerprint)


def remember(layout: Layout, inputs: str, pages: int, pdfs: list[str]) -> None:
    whole, from_mkdocs = _of_site(layout.site)
    write_atomic(layout.fingerprint, json.dumps({"inputs": inputs, "site": whole, "from_mkdocs": from_mkdocs,
                                           "pages": pages, "pdfs": pdfs}, indent=1) + "\n")

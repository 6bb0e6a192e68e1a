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
import stat
from collections.abc import Iterator
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
    """Every file under `folder`: its path from `base` and the digest of its bytes."""
    top, skip = os.fspath(folder), len(os.fspath(base)) + 1
    for path, info in _files(top):
        if "__pycache__" not in path:
            digest.update(os.fsencode(path[skip:].replace(os.sep, "/")) + b"\0" + _digest(path, info) + b"\0")


def _files(folder: str) -> list[tuple[str, os.stat_result]]:
    """The regular files under `folder` (links followed, as reading them does), in path order; paths as strings,
    as a large dossier has thousands."""
    found: list[tuple[str, os.stat_result]] = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            path = os.path.join(top, name)
            with contextlib.suppress(OSError):
                info = os.stat(path)
                if stat.S_ISREG(info.st_mode):
                    found.append((path, info))
    return sorted(found, key=lambda item: item[0])


# The digest of each file read, by path, kept with what its status said then (device, inode, size, times of
# change): a preview fingerprints the dossier and the generator after every edit, and reading 20 MB of
# unchanged files each time was a fifth of a large dossier's first pages.
_digests: dict[str, tuple[tuple[int, ...], bytes]] = {}


def _digest(path: str, info: os.stat_result) -> bytes:
    seen = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    kept = _digests.get(path)
    if kept is not None and kept[0] == seen:
        return kept[1]
    with open(path, "rb") as handle:
        made = hashlib.sha256(handle.read()).digest()
    _digests[path] = (seen, made)
    return made


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
    for rel, info in sorted(_entries(str(site), "")):
        line = f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\0".encode()
        whole.update(line)
        if rel.split("/", 1)[0] not in _NOT_FROM_MKDOCS:
            from_mkdocs.update(line)
    return whole.hexdigest(), from_mkdocs.hexdigest()


def _entries(folder: str, rel: str) -> Iterator[tuple[str, os.stat_result]]:
    """Every entry under `folder`, files, folders and links alike (links not followed), by its path from the
    top: in strings, not `Path`s, as a site has thousands of them."""
    try:
        listed = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in listed:
        path = f"{rel}{entry.name}"
        yield path, entry.stat(follow_symlinks=False)
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(entry.path, path + "/")


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

"""What MkDocs' builds in one process keep for the next: the preview's MkDocs (`mkdocs_worker`) builds again after
every edit, and most of a small edit's build went to compiling the theme's templates and reading the project's
pages file again. MkDocs loads the hooks module anew for each build, so what is kept lives here, a module
imported as any other; in a process that builds once, it is only unused.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import jinja2


class Compiled(jinja2.BytecodeCache):
    """Templates compiled, in memory, by their name, file, source and the settings of the environment that
    compiled them (a template compiled for another environment, outside the sandbox above all, is never
    reused); Jinja compiles again any template whose source changed (a dossier's override edited)."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        settings = repr((type(environment).__qualname__, environment.block_start_string,
                         environment.variable_start_string, environment.comment_start_string,
                         environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
                         environment.lstrip_blocks, environment.newline_sequence,
                         environment.keep_trailing_newline, sorted(environment.extensions), environment.optimized,
                         _named(environment.autoescape), _named(environment.finalize),
                         _named(environment.undefined), environment.is_async))
        key = hashlib.sha256(f"{settings}\0{name}\0{filename}".encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self._kept.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


def _named(value: Any) -> str:
    """A setting that may be a function or a class, by its module and name (its repr carries an address)."""
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


COMPILED = Compiled()

# Each pages file as last read, with each page's digest, by the file's path, kept with its status then.
_pages: dict[Path, tuple[tuple[int, ...], dict[str, str], dict[str, str]]] = {}


def pages_file(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The pages of a project's pages file ({path under docs/: Markdown}) and the digest of each, read again
    only when the file changed; copies, the caller's to change."""
    info = os.stat(path)
    seen = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    kept = _pages.get(path)
    if kept is None or kept[0] != seen:
        pages = json.loads(path.read_text(encoding="utf-8"))
        kept = _pages[path] = (seen, pages, {page: digest(text) for page, text in pages.items()})
    return dict(kept[1]), dict(kept[2])


def digest(text: str) -> str:
    """A page's Markdown, digested: what a dirty build compares with the last build's (`mkdocs_hooks`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

"""`briefing init`: a new, empty dossier that builds, on any subject.

The folder may already hold the user's own files (a repository's `.gitignore`, its pre-commit hooks,
its CI): `init` writes only the files that are missing and says which it kept, so running it in a
repository never replaces what is there. A folder that already holds a dossier is refused.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator import shipped
from generator.errors import BriefingError
from generator.factbase.jsonschema import write_schemas
from generator.files import write_atomic
from generator.layout import BUILD, OLD_SITE, RECORD_FOLDERS, SCHEMAS, SITE, Layout

# First line of the files directly in content/: editors' YAML language servers then check them as they type.
_HEADER = f"# yaml-language-server: $schema={SCHEMAS}/{{kind}}.schema.json\n"

DOSSIER_YAML = _HEADER.format(kind="dossier") + """\
title:
  en: New dossier
  ar: ملف جديد
description:
  en: Replace this with one paragraph on what the dossier covers.
  ar: اكتب هنا فقرة واحدة تصف موضوع هذا الملف.
languages: [en, ar]
topics: {}
# Where the site will be published, once known: pages then name their own address and sitemap.xml lists them.
# site_url: https://example.org/briefing/
"""

IGNORED = (".venv/", f"{SITE}/", f"{BUILD}/", f"{OLD_SITE}/")
GITIGNORE = "".join(f"{line}\n" for line in IGNORED)


@dataclass(frozen=True)
class Started:
    """What `init` did: the dossier's folder, the files already there that it left as they were, and
    the lines a kept `.gitignore` lacks (without them a build's output would be committed)."""

    root: Path
    kept: tuple[str, ...]
    gitignore_lacks: tuple[str, ...]


def init(directory: Path) -> Started:
    """Create the folders, a dossier.yaml, the shared mkdocs.yml, the JSON schemas, and the wiring for
    review in git: a pre-commit configuration and a CI workflow for pull requests and publication."""
    layout = Layout(directory.resolve())
    target = layout.root
    if layout.content.exists() or layout.mkdocs_config.exists():
        raise BriefingError(f"{target} already holds a dossier; choose an empty folder")
    if target.exists() and not target.is_dir():
        raise BriefingError(f"{target} is a file; choose a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot create {target} ({exc.strerror}); choose a folder you may write to") from None
    wiring = shipped.dossier_files()
    planned: dict[Path, str | bytes] = {
        **{folder / ".gitkeep": "" for folder in [layout.kind_dir(kind) for kind in RECORD_FOLDERS] + [layout.seeds]},
        layout.dossier_file: DOSSIER_YAML,
        layout.timeline_file: _HEADER.format(kind="timeline") + "events: []\n",
        layout.mkdocs_config: shipped.base_config().read_bytes(),
        layout.gitignore: GITIGNORE,
        layout.pre_commit_config: (wiring / "pre-commit-config.yaml").read_text(encoding="utf-8"),
        layout.workflow: (wiring / "github" / "briefing.yml").read_text(encoding="utf-8").replace(
            "@VERSION@", shipped.version().split(" ")[0]),
    }
    kept = [path for path in planned if os.path.lexists(path)]
    for path in planned:
        _refuse_link_out(path, target)
    for path, body in planned.items():
        if path not in kept:
            write_atomic(path, body)
    write_schemas(target)
    return Started(target, tuple(path.relative_to(target).as_posix() for path in kept if path.name != ".gitkeep"),
                   _lacking(layout.gitignore) if layout.gitignore in kept else ())


def _refuse_link_out(path: Path, root: Path) -> None:
    """A folder of the new dossier that is a link out of it (`.github` leading elsewhere): init writes only
    inside the folder it was given."""
    try:
        path.parent.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link that loops
        raise BriefingError(f"{path.parent} leads out of {root} (a link); init writes only inside the dossier: "
                            "remove the link or choose another folder") from None


def _lacking(gitignore: Path) -> tuple[str, ...]:
    """The lines of a new dossier's .gitignore that the user's own does not have."""
    try:
        have = {line.strip() for line in gitignore.read_text(encoding="utf-8", errors="replace").splitlines()}
    except OSError:
        return IGNORED
    return tuple(line for line in IGNORED if line not in have and line.rstrip("/") not in have)

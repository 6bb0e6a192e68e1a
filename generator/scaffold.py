"""`briefing init`: a new, empty dossier that builds, on any subject.

The folder may already hold the user's own files (a repository's `.gitignore`, its pre-commit hooks,
its CI): `init` writes only the files that are missing and says which it kept, so running it in a
repository never replaces what is there. A folder that already holds a dossier is refused.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator import shipped, toolwheel
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
# Who may review: a record's review names one of them (review.by). Each signs review commits with an SSH key
# listed here; 'briefing check --signatures' verifies it (CONTRIBUTING.md, "Signing your reviews").
reviewers:
  editorial-desk:
    name:
      en: the editorial desk
      ar: هيئة التحرير
    # keys:
    #   - ssh-ed25519 AAAA… desk@example.org
"""

IGNORED = (".venv/", f"{SITE}/", f"{BUILD}/", f"{OLD_SITE}/")
GITIGNORE = "".join(f"{line}\n" for line in IGNORED)


@dataclass(frozen=True)
class Started:
    """What `init` did: the dossier's folder, the files already there that it left as they were, the
    lines a kept `.gitignore` lacks (without them a build's output would be committed), and the wheel of
    the tool it wrote for the workflow."""

    root: Path
    kept: tuple[str, ...]
    gitignore_lacks: tuple[str, ...]
    wheel: str | None   # the tool's wheel the new workflow installs, under the root; None with the user's own


def init(directory: Path) -> Started:
    """Create the folders, a dossier.yaml, the shared mkdocs.yml, the JSON schemas, and the wiring for
    review in git: a pre-commit configuration and a CI workflow for pull requests and publication."""
    layout = Layout(directory.resolve())
    target = layout.root
    if layout.content.exists() or layout.mkdocs_config.exists():
        raise BriefingError(f"{target} already holds a dossier; choose an empty folder")
    if target.exists() and not target.is_dir():
        raise BriefingError(f"{target} is a file; choose a folder")
    wiring = shipped.dossier_files()
    planned: dict[Path, str | bytes] = {
        **{folder / ".gitkeep": "" for folder in [layout.kind_dir(kind) for kind in RECORD_FOLDERS] + [layout.seeds]},
        layout.dossier_file: DOSSIER_YAML,
        layout.timeline_file: _HEADER.format(kind="timeline") + "events: []\n",
        layout.mkdocs_config: shipped.base_config().read_bytes(),
        layout.gitignore: GITIGNORE,
        layout.pre_commit_config: (wiring / "pre-commit-config.yaml").read_text(encoding="utf-8"),
    }
    if not os.path.lexists(layout.workflow):  # the user's own workflow installs what it installs
        planned.update(_pinned_workflow(layout, (wiring / "github" / "briefing.yml").read_text(encoding="utf-8")))
    kept = [path for path in dict.fromkeys([*planned, layout.workflow])
            if os.path.lexists(path) and path.parent != layout.tool]
    for path in planned:
        _refuse_link_out(path, target)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot create {target} ({exc.strerror}); choose a folder you may write to") from None
    for path, body in planned.items():
        if path not in kept:
            write_atomic(path, body)
    write_schemas(target)
    wheel = next((path.relative_to(target).as_posix() for path in planned if path.parent == layout.tool), None)
    return Started(target, tuple(path.relative_to(target).as_posix() for path in kept if path.name != ".gitkeep"),
                   _lacking(layout.gitignore) if layout.gitignore in kept else (), wheel)


def _pinned_workflow(layout: Layout, template: str) -> dict[Path, str | bytes]:
    """The CI workflow, with the wheel of the running tool it installs and that wheel's sha256: the job
    runs exactly this tool, never one looked up by name on a package index. `.briefing/tool/` is the tool's
    own folder, so the wheel is written even over a file of that name, and the hash is always its own."""
    wheel = toolwheel.running()
    kept = layout.tool / wheel.name
    workflow = template.replace("@WHEEL@", kept.relative_to(layout.root).as_posix()).replace("@SHA256@", wheel.sha256)
    return {kept: wheel.data, layout.workflow: workflow}


def _refuse_link_out(path: Path, root: Path) -> None:
    """A folder of the new dossier that is a link out of it (`.github` leading elsewhere): init writes only
    inside the folder it was given."""
    try:
        path.parent.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link that loops
        raise BriefingError(f"{path.parent} leads out of {root} (a link); init writes only inside the dossier: "
                            "remove the link or choose another folder") from None


def _lacking(gitignore: Path) -> tuple[str, ...]:
    """The lines of a new dossier's .gitignore that the user's own does not have (nothing said of one that is
    not a regular file: a pipe or a device there would never be read to its end)."""
    if not gitignore.is_file():
        return ()
    try:
        have = {line.strip() for line in gitignore.read_text(encoding="utf-8", errors="replace").splitlines()}
    except OSError:
        return IGNORED
    return tuple(line for line in IGNORED if line not in have and line.rstrip("/") not in have)

"""`briefing init`: a new, empty dossier that builds, on any subject."""
from __future__ import annotations

import shutil
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

GITIGNORE = f".venv/\n{SITE}/\n{BUILD}/\n{OLD_SITE}/\n"


def init(directory: Path) -> Path:
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
    for folder in [layout.kind_dir(kind) for kind in RECORD_FOLDERS] + [layout.seeds]:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitkeep").touch()
    write_atomic(layout.dossier_file, DOSSIER_YAML)
    write_atomic(layout.timeline_file, _HEADER.format(kind="timeline") + "events: []\n")
    shutil.copyfile(shipped.base_config(), layout.mkdocs_config)
    write_atomic(target / ".gitignore", GITIGNORE)
    wiring = shipped.dossier_files()
    write_atomic(target / ".pre-commit-config.yaml", (wiring / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    workflow = (wiring / "github" / "briefing.yml").read_text(encoding="utf-8")
    write_atomic(target / ".github" / "workflows" / "briefing.yml",
                 workflow.replace("@VERSION@", shipped.version().split(" ")[0]))
    write_schemas(target)
    return target

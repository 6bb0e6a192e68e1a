"""`briefing init`: a new, empty dossier that builds, on any subject."""
from __future__ import annotations

import shutil
from pathlib import Path

from generator import shipped
from generator.errors import BriefingError
from generator.factbase.jsonschema import write_schemas
from generator.factbase.records import KINDS
from generator.files import write_atomic

DOSSIER_YAML = """\
# yaml-language-server: $schema=schemas/dossier.schema.json
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

GITIGNORE = ".venv/\nsite/\n.build/\n.site.old/\n"


def init(directory: Path) -> Path:
    """Create the folders, a dossier.yaml, the shared mkdocs.yml, the JSON schemas, and the wiring for
    review in git: a pre-commit configuration and a CI workflow for pull requests and publication."""
    target = directory.resolve()
    if (target / "content").exists() or (target / "mkdocs.yml").exists():
        raise BriefingError(f"{target} already holds a dossier; choose an empty folder")
    if target.exists() and not target.is_dir():
        raise BriefingError(f"{target} is a file; choose a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot create {target} ({exc.strerror}); choose a folder you may write to") from None
    for folder, _spec in KINDS.values():
        (target / "content" / folder).mkdir(parents=True, exist_ok=True)
        (target / "content" / folder / ".gitkeep").touch()
    (target / "seeds").mkdir(parents=True, exist_ok=True)
    (target / "seeds" / ".gitkeep").touch()
    write_atomic(target / "content" / "dossier.yaml", DOSSIER_YAML)
    write_atomic(target / "content" / "timeline.yaml",
                 "# yaml-language-server: $schema=schemas/timeline.schema.json\nevents: []\n")
    shutil.copyfile(shipped.base_config(), target / "mkdocs.yml")
    write_atomic(target / ".gitignore", GITIGNORE)
    wiring = shipped.dossier_files()
    write_atomic(target / ".pre-commit-config.yaml", (wiring / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    workflow = (wiring / "github" / "briefing.yml").read_text(encoding="utf-8")
    write_atomic(target / ".github" / "workflows" / "briefing.yml",
                 workflow.replace("@VERSION@", shipped.version().split(" ")[0]))
    write_schemas(target)
    return target

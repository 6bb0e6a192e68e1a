"""What every dossier gets from the installed package: the default templates, the base MkDocs
configuration, the interface strings of each language and the outlines of the locator maps.

The repository's top-level `templates/` and `mkdocs.yml` are the one source: `generator/defaults/`
holds links to them, which building a wheel turns into copies, so an editable install and an
installed one find the same files through `importlib.resources`.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from generator.errors import BriefingError

# The languages with interface strings under generator/locale/ (a test keeps the two in step).
INTERFACE_LANGUAGES = ("en", "ar")
# The distribution's name (pyproject.toml): the command is `briefing`, but on the package index that name is
# another project's. Never install the tool by either name from an index: a new dossier's workflow installs
# the wheel `init` kept in it, by its hash (`toolwheel`).
DISTRIBUTION = "briefing-desk"
# How a damaged installation is put right, said wherever one is found.
REINSTALL = "reinstall the tool ('pip install .' in its clone, or 'make site' there)"


def _folder(name: str) -> Path:
    """A folder of package data as a real path: MkDocs and Jinja2 read files, not resources."""
    found = files("generator") / name
    path = Path(str(found))
    if not path.is_dir():
        raise BriefingError(f"the installed generator has no {name}/ ({path}); {REINSTALL}")
    return path


def defaults() -> Path:
    """The default templates/ and mkdocs.yml, as shipped."""
    return _folder("defaults")


def templates() -> Path:
    return defaults() / "templates"


def base_config() -> Path:
    return defaults() / "mkdocs.yml"


def dossier_files() -> Path:
    """What `init` writes beside the content: the pre-commit configuration and the CI workflow."""
    return defaults() / "dossier"


def version() -> str:
    """The installed distribution's version: the one pip, a bug report and a new dossier's CI name."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def locale() -> Path:
    """Gettext catalogues, one folder per interface language."""
    return _folder("locale")


@lru_cache(maxsize=1)
def outlines() -> dict:
    """The country outlines of the locator maps (Natural Earth, derived by scripts/derive_outlines.py)."""
    path = files("generator") / "data" / "outlines.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BriefingError(f"the installed generator's map data is missing or damaged ({path}: {error}); "
                            f"{REINSTALL}") from error


@cache
@cache   # the installed code does not change while a command runs; a thousand sources ask
def code_hash(*parts: str, data: tuple[str, ...] = ()) -> str:
    """A hash of the generator's own source in these sub-packages or modules ("factbase", "errors.py"), and of
    these files of its shipped data ("vocabulary.json"): what a kept result (a parsed record, a source's
    proposals) was made by, so new code or data makes it anew."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for part in parts:
        for path in sorted((package / part).glob("*.py")) if (package / part).is_dir() else [package / part]:
            digest.update(f"{part}/{path.name}".encode() + b"\0" + path.read_bytes())
    for name in data:
        digest.update(name.encode() + b"\0" + (package / "data" / name).read_bytes())
    return digest.hexdigest()

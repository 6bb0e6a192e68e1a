"""The running tool as a wheel, so that a dossier's CI installs exactly the tool that made the dossier.

A workflow that installs the tool by name from a package index runs whatever anyone published under that
name (`briefing` there is another project's). So `init` keeps a wheel of the tool that is running in the
dossier (`.briefing/tool/`), and the workflow it writes checks the file's sha256 before installing it.

The wheel comes from where the running code comes from:

- an installation from a wheel (`pip install .`, pipx): the installed files are the wheel's, each listed with
  its hash in the installation's RECORD; the wheel is put together again from them, every file checked
  against its hash first, with nothing to build and no network. The scripts pip made, the compiled
  bytecode and pip's own notes (INSTALLER, REQUESTED, direct_url.json) were never in the wheel and are left
  out; the files and their order are fixed and every date is 1980, so the same installation always gives
  the same bytes.
- a source checkout (`make install` is an editable install, whose RECORD lists no file of the package):
  pip builds the wheel from a copy of the checkout, as `pip install .` would, offline and with the
  setuptools of the same environment (`--no-build-isolation --no-index`), dated by SOURCE_DATE_EPOCH so
  that the same sources give the same bytes.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import importlib.metadata
import io
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefingError
from generator.layout import BUILD, OLD_SITE, SITE
from generator.shipped import DISTRIBUTION, REINSTALL

_PACKAGE = Path(__file__).resolve().parent
# What a wheel is never built from, at the top of a checkout (generator/site/ is source) and anywhere in it.
NOT_SOURCE_AT_TOP = {".git", ".venv", "node_modules", SITE, BUILD, OLD_SITE, "build", ".mypy_cache", ".ruff_cache"}
NOT_SOURCE = shutil.ignore_patterns("*.egg-info", "__pycache__", ".pytest_cache")
# What pip adds to an installation's .dist-info that the wheel did not hold (and RECORD, which is remade).
_INSTALLER_NOTES = {"INSTALLER", "REQUESTED", "direct_url.json", "RECORD", "RECORD.jws", "RECORD.p7s"}
_EPOCH = (1980, 1, 1, 0, 0, 0)   # the earliest date a zip can hold: every file gets it


@dataclass(frozen=True)
class Wheel:
    name: str    # the file name, as pip requires it (briefing_desk-0.1.0-py3-none-any.whl)
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def running() -> Wheel:
    """The wheel of the tool that is running: from the checkout it runs from, or from its installation."""
    checkout = _PACKAGE.parent
    if _is_our_checkout(checkout):
        return from_checkout(checkout)
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise BriefingError(f"the running tool is neither installed ({DISTRIBUTION}) nor run from its checkout, so "
                            f"there is no wheel of it for the dossier's CI to install; {REINSTALL}") from None
    if Path(str(dist.locate_file("generator/__init__.py"))).resolve() != _PACKAGE / "__init__.py":
        raise BriefingError(f"the running tool ({_PACKAGE}) is not the installed {DISTRIBUTION}, so there is no "
                            f"wheel of it for the dossier's CI to install; {REINSTALL}")
    return from_installation(dist)


def _is_our_checkout(folder: Path) -> bool:
    try:
        with (folder / "pyproject.toml").open("rb") as handle:
            return bool(tomllib.load(handle).get("project", {}).get("name") == DISTRIBUTION)
    except (OSError, tomllib.TOMLDecodeError):
        return False


def not_source(checkout: Path) -> Callable[[str, list[str]], set[str]]:
    """What `shutil.copytree` leaves out of a copy of `checkout` that a wheel is built from."""

    def ignored(folder: str, names: list[str]) -> set[str]:
        found = set(NOT_SOURCE(folder, names))
        return found | (NOT_SOURCE_AT_TOP & set(names) if Path(folder) == checkout else set())
    return ignored


def from_checkout(checkout: Path) -> Wheel:
    """The wheel pip builds from a copy of `checkout` (the checkout itself is left as it was: no build/ in it)."""
    with tempfile.TemporaryDirectory(prefix="briefing-wheel-") as work:
        source, out = Path(work) / "source", Path(work) / "wheel"
        shutil.copytree(checkout, source, symlinks=True, ignore=not_source(checkout))
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                               "--no-index", "--wheel-dir", str(out), str(source)], capture_output=True, text=True,
                              check=False, env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})
        built = sorted(out.glob("*.whl")) if done.returncode == 0 else []
        if len(built) != 1:
            said = (done.stderr or done.stdout).strip().splitlines()
            raise BriefingError(f"cannot build a wheel of the tool from {checkout} ({said[-1] if said else 'no wheel'})"
                                "; install pip and setuptools>=77 in the tool's environment ('make install' does)")
        return Wheel(built[0].name, built[0].read_bytes())


def from_installation(dist: importlib.metadata.Distribution) -> Wheel:
    """The wheel an installation was made from, put together again from its files as RECORD lists them."""
    files = dist.files or []
    info = next((f.parent for f in files if f.name == "METADATA" and f.parent.name.endswith(".dist-info")), None)
    if info is None:
        raise BriefingError(f"the installed {DISTRIBUTION} lists no metadata of its own; {REINSTALL}")
    kept: dict[str, bytes] = {}
    for entry in files:
        name = entry.as_posix()
        if (name.startswith("../") or os.path.isabs(name) or "__pycache__" in entry.parts or name.endswith(".pyc")
                or (entry.parent == info and entry.name in _INSTALLER_NOTES)):
            continue
        data = Path(str(dist.locate_file(entry))).read_bytes()
        if entry.hash is None or entry.hash.mode != "sha256" or _digest(data) != entry.hash.value:
            raise BriefingError(f"the installed {DISTRIBUTION} was changed after it was installed ({name}), so it "
                                f"is not the wheel it came from; {REINSTALL}")
        kept[name] = data
    info_name = info.as_posix()
    tags = [line.split(":", 1)[1].strip() for line in kept[f"{info_name}/WHEEL"].decode().splitlines()
            if line.startswith("Tag:")]
    wheel_name = f"{info_name.removesuffix('.dist-info')}-{_compressed(tags)}.whl"
    order = sorted(n for n in kept if not n.startswith(info_name + "/")) + \
        sorted(n for n in kept if n.startswith(info_name + "/"))
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name in order:
        writer.writerow([name, f"sha256={_digest(kept[name])}", len(kept[name])])
    writer.writerow([f"{info_name}/RECORD", "", ""])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [*((n, kept[n]) for n in order), (f"{info_name}/RECORD", record.getvalue().encode())]:
            member = zipfile.ZipInfo(name, date_time=_EPOCH)
            member.external_attr = 0o644 << 16
            archive.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED)
    return Wheel(wheel_name, buffer.getvalue())


def _digest(data: bytes) -> str:
    """A file's hash as RECORD writes it: sha256, URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _compressed(tags: list[str]) -> str:
    """The tag part of a wheel's file name from the WHEEL file's tags (py3-none-any; py2.py3-none-any)."""
    parts = [tag.split("-") for tag in tags] or [["py3", "none", "any"]]
    return "-".join(".".join(sorted({part[i] for part in parts})) for i in range(3))

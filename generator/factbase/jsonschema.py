"""JSON Schema files for every record kind, generated from the same tables that validate content."""
from __future__ import annotations

import json
from pathlib import Path

from generator.factbase.records import DOSSIER, KINDS, TIMELINE
from generator.files import write_atomic
from generator.layout import Layout


def schemas() -> dict[str, dict[str, object]]:
    tables = {kind: spec for kind, (_, spec) in KINDS.items()}
    tables.update({"dossier": DOSSIER, "timeline": TIMELINE})
    out = {}
    for kind, spec in sorted(tables.items()):
        body = spec.json_schema()
        out[kind] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                     "title": f"briefing {kind} record", **body}
    return out


def write_schemas(root: Path, out: Path | None = None) -> list[Path]:
    target = out or Layout(root).schemas
    written = []
    for kind, body in schemas().items():
        path = target / f"{kind}.schema.json"
        write_atomic(path, json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        written.append(path)
    return written

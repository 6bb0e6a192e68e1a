"""The JSON Schemas `briefing schema` writes: valid, and they accept the content the loader accepts."""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import PROJECT

from generator.factbase.jsonschema import schemas
from generator.factbase.records import KINDS


def as_editor_tools_read(value: Any) -> Any:
    """YAML as an editor's language server (YAML 1.2) reads it: dates stay text, numbers are numbers,
    and the key `on` (of a review) is a word, where PyYAML, reading YAML 1.1, makes it true."""
    if isinstance(value, dict):
        return {"on" if k is True else k: as_editor_tools_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_tools_read(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", sorted(schemas()))
def test_schemas_are_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schemas()[kind])


def files() -> list[tuple[str, Path]]:
    out = [(kind, path) for kind, (folder, _) in KINDS.items()
           for path in sorted((PROJECT / "content" / folder).glob("*.yaml"))]
    return [*out, ("timeline", PROJECT / "content" / "timeline.yaml"),
            ("dossier", PROJECT / "content" / "dossier.yaml")]


@pytest.mark.parametrize("kind, path", files(), ids=lambda x: x.name if isinstance(x, Path) else x)
def test_shipped_records_satisfy_their_schema(kind: str, path: Path) -> None:
    data = as_editor_tools_read(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, schemas()[kind], cls=jsonschema.Draft202012Validator)


def test_schemas_in_the_repository_are_up_to_date() -> None:
    import json
    for kind, body in schemas().items():
        written = json.loads((PROJECT / "content" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert written == body, f"run 'briefing schema': content/schemas/{kind}.schema.json is stale"

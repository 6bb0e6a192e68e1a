"""Machine-readable exports under site/data/: the dossier as JSON, the claims as CSV."""
from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import math
from pathlib import Path
from typing import Any

from generator.factbase import model, revisions
from generator.text.seedtext import Paragraph
from generator.views import addresses

# ...followed by text_<lang>, the claim in each of the dossier's languages.
CLAIM_COLUMNS = ("claim_id", "incident_id", "event_date", "event_date_end", "date_precision", "place_id",
                 "latitude", "longitude", "claimant_id", "topic", "party_id", "qualifier", "figure_low",
                 "figure_high", "asserted", "credibility", "source_id", "paragraph", "quote", "status", "reviewed_by",
                 "reviewed_on", "revises", "revised_by", "source_ids")
# A spreadsheet runs a cell that begins with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Free text as a CSV cell that a spreadsheet shows as text: one that would start a formula
    (a quote or claim can begin with "=" or "-") gets a leading apostrophe, as spreadsheets expect."""
    return "'" + text if text.startswith(_FORMULA_START) else text


@functools.cache
def _exported_fields(kind: type) -> tuple[str, ...]:
    """The fields of a record class that the export shows: not its place in a file, not private ones."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "loc" and not f.name.startswith("_"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, model.PartialDate):
        return value.value
    if isinstance(value, Paragraph):
        return {"id": value.id, "text": value.text, "heading": value.heading}
    if isinstance(value, model.Loc):
        return None
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):   # a record, not a record class
        return {name: _jsonable(getattr(value, name)) for name in _exported_fields(type(value))}
    return value


def dossier_json(dossier: model.Dossier) -> str:
    return dumps_indented(_jsonable(dossier)) + "\n"


_STRING = json.encoder.encode_basestring   # the C function where present, as json.dumps uses


def dumps_indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)`, the same text, several times as
    fast: with an indent, the standard library encodes in Python, one generator per level; here the
    layout is joined once and each string is encoded by the C function."""
    out: list[str] = []
    _emit(value, "\n", out)
    return "".join(out)


def _emit(value: Any, newline: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_STRING(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + " "
        out.append("{")
        for number, key in enumerate(sorted(value)):
            out.append(("," if number else "") + inner + _STRING(key) + ": ")
            _emit(value[key], inner, out)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + " "
        out.append("[")
        for number, item in enumerate(value):
            out.append(("," if number else "") + inner)
            _emit(item, inner, out)
        out.append(newline + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def claims_csv(dossier: model.Dossier) -> str:
    """One row per claim, in the spirit of conflict-event datasets; the first citation is its source, and
    `source_ids` every source that relays it. A revised figure names the claim that revised it (`revised_by`):
    a count of a claimant's current figures keeps the rows whose `revised_by` is empty. Free text is written
    so that no spreadsheet takes it for a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CLAIM_COLUMNS + tuple(f"text_{lang}" for lang in dossier.languages))
    later = revisions.revised_by(dossier)
    for incident in sorted(dossier.incidents.values(), key=lambda i: i.id):
        place = dossier.places.get(incident.place or "")
        coords = place.coordinates if place else None
        for claim in incident.claims:
            low, high = claim.figure.bounds if claim.figure else (None, None)
            first = claim.citations[0]
            writer.writerow([
                claim.id, incident.id, incident.start.value, incident.end.value if incident.end else "",
                incident.start.precision, incident.place or "", coords.lat if coords else "",
                coords.lon if coords else "", claim.claimant, claim.topic,
                claim.figure.party if claim.figure and claim.figure.party else "",
                claim.figure.qualifier if claim.figure else "", "" if low is None else low,
                "" if high is None else high, claim.asserted.value if claim.asserted else "",
                claim.credibility.grade if claim.credibility else "", first.source, first.paragraph,
                text_cell(first.quote), claim.review.status, text_cell(claim.review.by or ""),
                claim.review.on.value if claim.review.on else "", claim.revises or "", later.get(claim.id, ""),
                " ".join(dict.fromkeys(c.source for c in claim.citations)),
                *(text_cell(claim.text.get(lang, "")) for lang in dossier.languages)])
    return buffer.getvalue()


def write_exports(dossier: model.Dossier, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = dict(zip(addresses.EXPORTS, (dossier_json(dossier), claims_csv(dossier)), strict=True))
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
    return [out_dir / name for name in files]

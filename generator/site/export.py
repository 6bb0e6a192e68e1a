"""Machine-readable exports under site/data/: the dossier as JSON, the claims as CSV."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

from generator.factbase import model
from generator.text.seedtext import Paragraph

# ...followed by text_<lang>, the claim in each of the dossier's languages.
CLAIM_COLUMNS = ("claim_id", "incident_id", "event_date", "event_date_end", "date_precision", "place_id",
                 "latitude", "longitude", "claimant_id", "topic", "party_id", "qualifier", "figure_low",
                 "figure_high", "asserted", "credibility", "source_id", "paragraph", "quote", "status", "reviewed_by",
                 "reviewed_on")
# A spreadsheet runs a cell that begins with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Free text as a CSV cell that a spreadsheet shows as text: one that would start a formula
    (a quote or claim can begin with "=" or "-") gets a leading apostrophe, as spreadsheets expect."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _jsonable(value: Any) -> Any:
    if isinstance(value, model.PartialDate):
        return value.value
    if isinstance(value, Paragraph):
        return {"id": value.id, "text": value.text, "heading": value.heading}
    if isinstance(value, model.Loc):
        return None
    if dataclasses.is_dataclass(value):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name != "loc" and not f.name.startswith("_")}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def dossier_json(dossier: model.Dossier) -> str:
    return json.dumps(_jsonable(dossier), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def claims_csv(dossier: model.Dossier) -> str:
    """One row per claim, in the spirit of conflict-event datasets; the first citation is its source.
    Free text is written so that no spreadsheet takes it for a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CLAIM_COLUMNS + tuple(f"text_{lang}" for lang in dossier.languages))
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
                claim.review.on.value if claim.review.on else "",
                *(text_cell(claim.text.get(lang, "")) for lang in dossier.languages)])
    return buffer.getvalue()


def write_exports(dossier: model.Dossier, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"dossier.json": dossier_json(dossier), "claims.csv": claims_csv(dossier)}
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
    return [out_dir / name for name in files]

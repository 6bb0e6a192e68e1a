"""Which pages an edit touches (`views.touched`): what the preview renders first after a save."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.factbase.load import load
from generator.factbase.model import Dossier
from generator.views import touched

INCIDENT = "content/incidents/harbour-strike.yaml"


def _loaded(root: Path) -> Dossier:
    dossier = load(root).dossier
    assert dossier is not None
    return dossier


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_claims_text_touches_its_incident_the_sources_it_cites_and_the_briefings_that_cite_it(mini: Path) -> None:
    before = _loaded(mini)
    _edit(mini, INCIDENT, "At least 400 members joined the strike.", "At least 400 members joined the strike then.")
    after = _loaded(mini)
    assert touched.pages(before, after, {INCIDENT}) == [
        "incidents/harbour-strike.md", "sources/harbour-en.md", "sources/harbour-ar.md", "briefings/harbour-strike.md"]
    assert [r.id for r in touched.changed(before, after, {INCIDENT})] == ["harbour-strike"]
    assert touched.pages(after, after, {INCIDENT}) == []   # saved again unchanged: nothing to render
    assert (touched.pages(None, after, {INCIDENT}) or [""])[0] == "incidents/harbour-strike.md"   # nothing to compare


def test_a_seed_touches_its_sources_page(mini: Path) -> None:
    dossier = _loaded(mini)
    assert (touched.pages(None, dossier, {"seeds/harbour-en.md"}) or [""])[0] == "sources/harbour-en.md"


@pytest.mark.parametrize("files", [{"content/dossier.yaml"}, {"content/actors/gone.yaml"}, {"templates/x.j2"},
                                   {INCIDENT, "content/dossier.yaml"}])
def test_a_file_that_holds_no_record_of_the_dossier_means_building_everything(mini: Path, files: set[str]) -> None:
    """The dossier's own file (title, languages), a record deleted, anything outside the records: every page may
    change, and the preview builds them all at once."""
    dossier = _loaded(mini)
    assert touched.pages(dossier, dossier, files) is None


def test_an_edit_touching_more_pages_than_the_first_build_takes_means_building_everything(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _loaded(mini)
    _edit(mini, INCIDENT, "At least 400 members joined the strike.", "At least 400 members joined the strike then.")
    after = _loaded(mini)
    monkeypatch.setattr(touched, "MOST", 3)
    assert touched.pages(before, after, {INCIDENT}) is None

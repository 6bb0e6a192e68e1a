"""Rendering PDFs: several at once with the same bytes, failures that name what failed and leave
nothing behind, the command line, and the web page's link to its PDF."""
from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import briefing

from generator.build import checked, templates_for
from generator.errors import BriefingError
from generator.factbase.model import PartialDate
from generator.layout import Layout
from generator.pdf import typeset

pytestmark = pytest.mark.slow


DATA = b'{"the dossier": "as exported"}\n'


def render(root: Path, out: Path, workers: int, data: bytes = DATA, cache: Path | None = None) -> list[Path]:
    dossier, _ = checked(root)
    return typeset.render_pdfs(dossier, templates_for(Layout(root)), out, data=data, workers=workers, cache=cache)


def test_parallel_rendering_writes_the_same_bytes_as_one_at_a_time(mini: Path, tmp_path: Path) -> None:
    together = render(mini, tmp_path / "together", workers=2)
    alone = render(mini, tmp_path / "alone", workers=1)
    assert [p.name for p in together] == ["harbour-strike.en.pdf", "harbour-strike.ar.pdf"]
    for a, b in zip(together, alone, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert not [p for p in (tmp_path / "together").iterdir() if p.suffix != ".pdf"]  # no leftovers


def test_the_same_input_gives_the_same_bytes_and_new_data_a_new_pdf(mini: Path, tmp_path: Path) -> None:
    """Two runs give the same bytes (the dates, identifiers and attachment stamps come from the content), and the
    cache keys a PDF by its attached data too: a PDF whose HTML is unchanged but whose dossier.json changed (a
    claim no briefing shows) is made again, never copied from the cache with the old data inside."""
    cache = tmp_path / "cache"
    first = [p.read_bytes() for p in render(mini, tmp_path / "one", workers=1, cache=cache)]
    again = [p.read_bytes() for p in render(mini, tmp_path / "two", workers=1)]
    assert first == again
    changed = render(mini, tmp_path / "three", workers=1, data=DATA + b" ", cache=cache)
    for path, before in zip(changed, first, strict=True):
        assert pypdf.PdfReader(path).attachments["dossier.json"] == [DATA + b" "], path.name
        assert path.read_bytes() != before


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failure_names_the_briefing_and_language_and_writes_nothing(mini: Path, tmp_path: Path,
                                                                      workers: int) -> None:
    blocked = tmp_path / "out"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(BriefingError) as failure:
        render(mini, blocked, workers=workers)
    message = failure.value.message
    assert "harbour-strike (en)" in message and "harbour-strike (ar)" in message, message
    assert "Traceback" not in message
    assert blocked.read_text() == "a file where the folder should be"


def test_a_pdf_appears_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_written(html: object, tmp: Path, name: str, created: object) -> None:
        tmp.write_bytes(b"%PDF-1.7\n% cut short")
        raise RuntimeError("layout failed")

    monkeypatch.setattr(typeset, "_render_to", half_written)
    target = tmp_path / "x.en.pdf"
    target.write_bytes(b"the previous PDF")
    with pytest.raises(RuntimeError):
        typeset.write_pdf("<p>x</p>", target, PartialDate("2024-07-30"))
    assert target.read_bytes() == b"the previous PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["x.en.pdf"]


def test_the_command_renders_one_briefing_in_one_language(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = briefing("--root", str(mini), "pdf", "harbour-strike", "--lang", "ar", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["harbour-strike.ar.pdf"]
    assert "harbour-strike.ar.pdf" in result.stdout


def test_the_command_refuses_an_unknown_briefing_or_language(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = briefing("--root", str(mini), "pdf", "no-such", "--out", str(out))
    assert result.returncode != 0 and "harbour-strike" in result.stderr  # it lists the known ones
    result = briefing("--root", str(mini), "pdf", "--lang", "fr", "--out", str(out))
    assert result.returncode != 0 and "fr" in result.stderr
    assert not out.exists()


def test_the_briefing_page_links_to_its_pdf_in_the_same_language(built_mini: Path) -> None:
    """Needs `{{ p.pdf_link(briefing) }}` in templates/pages/briefing.md.j2."""
    site = built_mini / "site"
    for page, lang in ((site / "briefings" / "harbour-strike.html", "en"),
                       (site / "ar" / "briefings" / "harbour-strike.html", "ar")):
        links = re.findall(r'href="([^"#]+\.pdf)"', page.read_text(encoding="utf-8"))
        assert links, page
        targets = {(page.parent / link).resolve() for link in links}
        assert targets == {(site / "pdf" / f"harbour-strike.{lang}.pdf").resolve()}, links
        assert all(t.is_file() for t in targets)

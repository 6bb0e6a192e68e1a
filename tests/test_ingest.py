"""`briefing ingest`: new seeds become source records; what editors wrote is never overwritten."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import briefing

from generator.extract.ingest import ingest


def test_new_seed_gets_a_record_with_what_the_seed_tells(mini: Path) -> None:
    (mini / "seeds" / "new-report.md").write_text(
        "# Ships wait outside\n\nPublished : `2023-05-04 08:00`\n\nSome forty ships waited outside the harbour.\n",
        encoding="utf-8")
    report = ingest(mini)
    assert report.created == ["new-report"]
    text = (mini / "content" / "sources" / "new-report.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/source.schema.json\n")
    assert "language: en\n" in text and "published: '2023-05-04'\n" in text
    assert "  en: Ships wait outside\n" in text and "file: new-report.md\n" in text


def test_a_seed_that_states_its_address_gives_the_record_its_url(mini: Path) -> None:
    (mini / "seeds" / "new-report.md").write_text(
        "# Ships wait outside\n\nPublished: 2023-05-04\nURL: <https://news.example.org/ships?id=4>\n\n"
        "Some forty ships waited.\n", encoding="utf-8")
    assert ingest(mini).created == ["new-report"]
    text = (mini / "content" / "sources" / "new-report.yaml").read_text(encoding="utf-8")
    assert "url: https://news.example.org/ships?id=4\n" in text and "published: '2023-05-04'\n" in text
    result = briefing("--root", str(mini), "check")
    assert result.returncode == 0, result.stdout   # the header line is no paragraph: p1 is the text
    from generator.text.seedtext import parse
    assert [p.text for p in parse((mini / "seeds" / "new-report.md").read_text(encoding="utf-8")).paragraphs] == [
        "Some forty ships waited."]


@pytest.mark.parametrize("address", ["news.example.org/ships", "ftp://example.org/x", "https://exa mple.org", ""])
def test_a_seed_address_that_is_no_http_address_is_a_problem_at_its_line(mini: Path, address: str) -> None:
    (mini / "seeds" / "new-report.md").write_text(
        f"# Ships wait outside\n\nPublished: 2023-05-04\nURL: {address}\n\nSome forty ships waited.\n",
        encoding="utf-8")
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 1
    assert "seeds/new-report.md:4:1: error: " in result.stdout and "is not a full http(s) address" in result.stdout
    assert "[seed-url]" in result.stdout and not (mini / "content" / "sources" / "new-report.yaml").exists()


def test_second_run_changes_nothing_and_keeps_editor_text(mini: Path) -> None:
    record = mini / "content" / "sources" / "harbour-en.yaml"
    edited = record.read_text(encoding="utf-8").replace("Harbour News", "Harbour News # checked by hand")
    record.write_text(edited, encoding="utf-8")
    report = ingest(mini)
    assert report.created == [] and report.rehashed == []
    assert record.read_text(encoding="utf-8") == edited


def test_changed_seed_updates_only_the_hash_line(mini: Path) -> None:
    record = mini / "content" / "sources" / "harbour-en.yaml"
    before = record.read_text(encoding="utf-8").splitlines()
    seed = mini / "seeds" / "harbour-en.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    assert ingest(mini).rehashed == ["harbour-en"]
    after = record.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("sha256: ")


def test_a_changed_seed_with_a_broken_record_is_reported_not_patched(mini: Path) -> None:
    record = mini / "content" / "sources" / "harbour-en.yaml"
    broken = record.read_text(encoding="utf-8") + "title: [unclosed\n"
    record.write_text(broken, encoding="utf-8")
    seed = mini / "seeds" / "harbour-en.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    report = ingest(mini)
    assert report.problems is not None
    assert report.rehashed == [] and record.read_text(encoding="utf-8") == broken
    assert [p.code for p in report.problems.errors] == ["ingest-skipped"]
    assert report.problems.errors[0].path == "content/sources/harbour-en.yaml"


def test_a_renamed_record_is_still_found_by_its_file(mini: Path) -> None:
    sources = mini / "content" / "sources"
    text = (sources / "harbour-ar.yaml").read_text(encoding="utf-8").replace("id: harbour-ar", "id: example-daily")
    (sources / "example-daily.yaml").write_text(text, encoding="utf-8")
    (sources / "harbour-ar.yaml").unlink()
    report = ingest(mini)
    assert report.created == [] and not (sources / "harbour-ar.yaml").exists()


def test_bad_seeds_are_reported_by_name_and_skipped(mini: Path) -> None:
    (mini / "seeds" / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (mini / "seeds" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (mini / "seeds" / "empty.txt").write_text("\n\n", encoding="utf-8")
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stdout + result.stderr
    assert "seeds/latin1.txt:1:4: error: seed is not valid UTF-8 here" in out  # at the bad byte
    assert "seeds/scan.pdf:1:1: warning: skipped" in out
    assert "seeds/empty.txt:1:1: error" in out
    assert not (mini / "content" / "sources" / "latin1.yaml").exists()


@pytest.mark.parametrize(("character", "said"), [("\0", "a NUL byte"), ("\u202e", "the direction control U+202E")])
def test_a_nul_or_a_direction_override_is_not_ingested_silently(mini: Path, character: str, said: str) -> None:
    """Once, such a document was registered without a word; now it is refused at the character's place."""
    (mini / "seeds" / "smuggled.txt").write_text(f"Title line\n\nA first paragraph.\nThe ki{character}ller\n",
                                                 encoding="utf-8")
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"seeds/smuggled.txt:4:7: error: the seed holds {said}" in result.stdout
    assert not (mini / "content" / "sources" / "smuggled.yaml").exists()


@pytest.mark.parametrize("name, ident", [
    ("ÉTÉ 2024.md", "ete-2024"), ("Straße.md", "strasse"), ("خبر عاجل.txt", "khbr-ajl"),
    ("kyiv-post-2024-07-29.md", "kyiv-post-2024-07-29"), ("2024.md", "2024")])
def test_a_seed_file_name_becomes_a_readable_id(name: str, ident: str) -> None:
    from generator.extract.ingest import source_id
    assert source_id(Path(name)) == ident


def test_file_names_in_other_scripts_get_ids_of_their_own() -> None:
    from generator.extract.ingest import source_id
    first, second = source_id(Path("Новости дня.txt")), source_id(Path("报告.txt"))
    assert first != second and first.startswith("source-") and second.startswith("source-")
    assert source_id(Path("Новости дня.txt")) == first  # the same name always gives the same id


def test_a_seed_that_links_out_of_seeds_is_never_read(mini: Path, tmp_path: Path) -> None:
    """A link in seeds/ (git keeps links) must not publish a file of the machine that builds."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Private title\n\nA private paragraph.\n", encoding="utf-8")
    (mini / "seeds" / "leak.txt").symlink_to(secret)
    (mini / "seeds" / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    report = ingest(mini)
    assert report.problems is not None
    assert sorted((p.path, p.code) for p in report.problems.errors) == [("seeds/gone.txt", "seed-link"),
                                                                      ("seeds/leak.txt", "seed-link")]
    assert not (mini / "content" / "sources" / "leak.yaml").exists()
    (mini / "seeds" / "harbour-en.md").unlink()
    (mini / "seeds" / "harbour-en.md").symlink_to(secret)  # an existing record's seed replaced by a link
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "seed-link" in result.stdout
    assert not (mini / "site").exists()


def test_a_file_that_cannot_be_written_is_a_clear_message(tmp_path: Path) -> None:
    from generator.errors import BriefingError
    from generator.files import write_atomic
    blocker = tmp_path / "content"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(BriefingError, match="cannot write"):
        write_atomic(blocker / "sources" / "x.yaml", "id: x\n")


def test_a_pipe_named_like_a_record_is_reported_not_waited_on(mini: Path) -> None:
    import os
    os.mkfifo(mini / "content" / "actors" / "pipe.yaml")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(mini), "check"], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 1 and "content/actors/pipe.yaml:1:1" in result.stdout

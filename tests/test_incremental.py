"""An incremental build writes the bytes a cold build of the same input writes, and does only the work
an edit calls for; records read once are not read again (the parse cache), and a cache nobody on this
machine signed is never unpickled."""
from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI, copy_dossier, search_index

from generator.build import Preview, build
from generator.errors import BriefingError, Superseded
from generator.factbase import cache as parse_cache
from generator.factbase.load import load
from generator.layout import Layout
from generator.pdf import typeset
from generator.site import mkdocs_project


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cold(root: Path, scratch: Path, drafts: bool = False) -> dict[str, bytes]:
    """The same input built from nothing in another folder: no .build/, no site/."""
    shutil.rmtree(scratch, ignore_errors=True)
    build(copy_dossier(root, scratch), drafts=drafts)
    return _tree(scratch / "site")


def _hold(site: Path, held: Path) -> dict[str, bytes]:
    """A second name for every file of `site` (what a reader's open file or a web server still holds
    while a build replaces the site), and the bytes the files hold now."""
    shutil.rmtree(held, ignore_errors=True)
    for path in site.rglob("*"):
        if path.is_file():
            (held / path.relative_to(site)).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, held / path.relative_to(site))
    return _tree(site)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_a_series_of_edits_builds_incrementally_to_the_bytes_of_cold_builds(tmp_path: Path) -> None:
    root = copy_dossier(MINI, tmp_path / "dossier")
    content = root / "content"
    # A source nothing cites, with a page of its own: it is renamed, then deleted, below.
    shutil.copy(root / "seeds" / "harbour-en.md", root / "seeds" / "extra.md")
    (content / "sources" / "extra.yaml").write_text(
        (content / "sources" / "harbour-en.yaml").read_text(encoding="utf-8")
        .replace("id: harbour-en", "id: extra").replace("file: harbour-en.md", "file: extra.md")
        .replace("Strike closes", "Another report, strike closes"), encoding="utf-8")
    build(root)
    grades = root / "site" / "grades.html"

    def claim_text() -> None:
        _edit(content / "incidents" / "harbour-strike.yaml", "At least 400 members joined the strike.",
              "At least 400 members joined the strike that day.")

    def actor_name() -> None:   # a name shown on nearly every page, and in the glossary's links
        _edit(content / "actors" / "harbour-authority.yaml", "en: Harbour Authority", "en: Harbour Board")

    def renamed_file() -> None:
        (content / "sources" / "extra.yaml").rename(content / "sources" / "extra-report.yaml")
        _edit(content / "sources" / "extra-report.yaml", "id: extra", "id: extra-report")

    def deleted_record() -> None:
        (content / "sources" / "extra-report.yaml").unlink()

    for step in (claim_text, actor_name, renamed_file, deleted_record):
        before = grades.stat().st_mtime_ns
        published = _hold(root / "site", tmp_path / "held")
        step()
        build(root)
        assert _tree(root / "site") == _cold(root, tmp_path / "cold"), f"after {step.__name__}"
        # the site replaced kept its bytes while the new one was built (they share files with MkDocs' output)
        assert _tree(tmp_path / "held") == published, f"the previous site changed during {step.__name__}"
        if step is claim_text:  # a page the edit does not touch was not rendered again
            assert grades.stat().st_mtime_ns == before
    assert not (root / "site" / "sources" / "extra.html").exists()
    assert not (root / "site" / "sources" / "extra-report.html").exists()
    index = search_index(root / "site")
    assert "/sources/harbour-ar.html" in index and not [url for url in index if "extra" in url]


@pytest.mark.slow
def test_a_site_changed_by_hand_is_not_carried_into_the_next_build(mini: Path) -> None:
    """The site's files share their bytes with what the next build starts from: an edit made in place
    in site/ (a post-processing step, a slip in an editor) must not survive into the next build."""
    build(mini)
    page = mini / "site" / "grades.html"
    with open(page, "r+b") as handle:   # in place: the same file, not a new one
        handle.write(b"<!-- tampered -->")
    _edit(mini / "content" / "incidents" / "harbour-strike.yaml", "At least 400 members joined the strike.",
          "At least 400 members joined the strike that day.")
    build(mini)
    assert b"tampered" not in page.read_bytes()
    assert _tree(mini / "site") == _cold(mini, mini.parent / "cold")


@pytest.mark.slow
def test_pdfs_written_again_into_the_site_keep_the_next_build_incremental(mini: Path) -> None:
    """`briefing pdf` replaces the site's PDFs, which share nothing with MkDocs' output: the next build
    still renders only the changed pages."""
    from generator.build import pdfs_only
    build(mini)
    grades = mini / "site" / "grades.html"
    before = grades.stat().st_mtime_ns
    pdfs_only(mini, "harbour-strike", "en", None)
    _edit(mini / "content" / "incidents" / "harbour-strike.yaml", "At least 400 members joined the strike.",
          "At least 400 members joined the strike that day.")
    build(mini)
    assert grades.stat().st_mtime_ns == before
    assert _tree(mini / "site") == _cold(mini, mini.parent / "cold")


@pytest.mark.slow
def test_a_change_to_the_frame_of_every_page_builds_every_page(mini: Path) -> None:
    """A new site name (the dossier's title) is in every page's header: nothing may be kept."""
    build(mini)
    _edit(mini / "content" / "dossier.yaml", "en: ", "en: Revised ")
    build(mini)
    assert _tree(mini / "site") == _cold(mini, mini.parent / "cold")


@pytest.fixture
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache key of this test's own, and no cache kept in memory from other tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(parse_cache, "_open", {})
    return tmp_path / "user-cache" / "briefing" / "cache-key"


def test_records_read_before_come_from_the_cache_and_an_edit_is_read_again(mini: Path, own_key: Path) -> None:
    first = load(mini)
    assert (mini / ".build" / "parse-cache").is_file() and own_key.is_file()
    assert oct(own_key.stat().st_mode & 0o777) == "0o600"
    fresh = parse_cache.ParseCache(mini / ".build" / "parse-cache")   # as in a new process: the cache comes from disk
    parse_cache._open[mini.resolve() / ".build" / "parse-cache"] = fresh
    again = load(mini)
    assert again.dossier == first.dossier and again.problems.items == first.problems.items
    assert fresh.hits == 9   # dossier.yaml, timeline.yaml and the seven records
    _edit(mini / "content" / "actors" / "harbour-authority.yaml", "kind:", "knid:")
    broken = load(mini)
    assert any(p.path == "content/actors/harbour-authority.yaml" and p.severity == "error"
               for p in broken.problems.items)
    _edit(mini / "content" / "actors" / "harbour-authority.yaml", "knid:", "kind:")
    assert load(mini).problems.items == first.problems.items


class _Trap:
    """Unpickling this writes a file: what a cache planted in a repository could do."""

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (Path(os.environ["TRAP"]), "ran"))   # type: ignore[return-value]


def test_a_cache_this_user_did_not_sign_is_never_unpickled(mini: Path, own_key: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    trap = mini.parent / "trap"
    monkeypatch.setenv("TRAP", str(trap))
    body = pickle.dumps((_Trap(), {}))
    (mini / ".build").mkdir()
    (mini / ".build" / "parse-cache").write_bytes(b"\0" * 32 + body)
    loaded = load(mini)
    assert not trap.exists()
    assert loaded.dossier is not None and not loaded.problems.errors
    # and the planted file is replaced by one this user signed
    assert (mini / ".build" / "parse-cache").read_bytes()[32:] != body


def test_a_first_read_on_every_core_gives_what_a_read_file_by_file_gives(mini: Path, own_key: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Enough new files and they are validated in worker processes: the same records, problems and
    references as one process reading them one by one, faults included."""
    from generator.factbase import load as load_module
    actors = mini / "content" / "actors"
    text = (actors / "harbour-authority.yaml").read_text(encoding="utf-8")
    for k in range(load_module._PARALLEL_FROM + 20):
        (actors / f"unit-{k}.yaml").write_text(text.replace("id: harbour-authority", f"id: unit-{k}")
                                               .replace("en: Harbour Authority", f"en: Unit {k}"), encoding="utf-8")
    (actors / "unit-3.yaml").write_text(text.replace("id: harbour-authority", "id: unit-3")
                                        .replace("kind:", "knid:"), encoding="utf-8")      # a schema fault
    (actors / "unit-4.yaml").write_text("id: [unit-4\n", encoding="utf-8")                # a YAML fault
    (actors / "unit-5.yaml").write_text(text.replace("target: dockworkers-union", "target: nobody"),
                                        encoding="utf-8")                                # a dangling reference
    forked = []
    real_fork_map = load_module.fork_map

    def counted_fork_map(*args: Any, **kwargs: Any) -> Any:
        forked.append(1)
        return real_fork_map(*args, **kwargs)

    monkeypatch.setattr(load_module, "fork_map", counted_fork_map)
    parallel = load(mini)
    assert forked, "the new files were not read in worker processes"
    monkeypatch.setattr(parse_cache, "_open", {})
    monkeypatch.setattr(load_module, "_PARALLEL_FROM", 10**9)
    (mini / ".build" / "parse-cache").unlink()
    serial = load(mini)
    assert len(forked) == 1
    assert parallel.dossier == serial.dossier and parallel.refs == serial.refs
    assert parallel.problems.sorted() == serial.problems.sorted()
    assert {p.path for p in parallel.problems.errors} >= {"content/actors/unit-3.yaml", "content/actors/unit-4.yaml"}


@pytest.mark.parametrize("mode", ["w", "wb", "a", "r+"])
def test_a_dirty_build_writes_over_a_shared_file_without_changing_its_other_name(tmp_path: Path, mode: str) -> None:
    """In MkDocs' process, with the hooks' guard on: a file of the output that the published site shares
    (a hard link) is written as a file of its own, whether it is written anew, added to or changed in
    part; the published name keeps its bytes, and the output holds what was written."""
    import subprocess
    import sys
    out, site = tmp_path / "out", tmp_path / "site"
    out.mkdir()
    site.mkdir()
    (out / "page.html").write_text("old", encoding="utf-8")
    os.link(out / "page.html", site / "page.html")
    script = ("import sys; from generator.site import mkdocs_hooks as h; h._write_by_replacing(sys.argv[1]); "
              "f = open(sys.argv[2], sys.argv[3]); f.write('new' if 'b' not in sys.argv[3] else b'new'); f.close()")
    subprocess.run([sys.executable, "-c", script, str(out), str(out / "page.html"), mode], check=True,
                   cwd=Path(__file__).parents[1])
    assert (site / "page.html").read_text(encoding="utf-8") == "old"
    assert (out / "page.html").read_text(encoding="utf-8") == {"a": "oldnew", "r+": "new"}.get(mode, "new")
    assert (out / "page.html").stat().st_nlink == 1


@pytest.mark.slow
def test_the_preview_shows_an_edit_before_its_pdfs_and_ends_with_the_bytes_of_a_cold_build(tmp_path: Path) -> None:
    """The preview's builds (MkDocs kept running, PDFs made after the pages) come to what `build --drafts`
    makes from nothing; until its PDFs are made, an edit's pages are in place and the site keeps the PDFs
    it had; only the PDF whose text changed is laid out again."""
    root = copy_dossier(MINI, tmp_path / "dossier")
    layout = Layout(root)
    pdf = root / "site" / "pdf" / "harbour-strike.en.pdf"
    preview = Preview(mkdocs_project.Workers())
    put_in = Preview(preview.mkdocs, pdfs_later=False)   # what serve builds once the PDFs are laid out
    try:
        first = build(root, drafts=True, preview=preview)
        assert {job.target.name for job in first.later} == {"harbour-strike.en.pdf", "harbour-strike.ar.pdf"}
        assert not pdf.exists()   # nothing to stand in yet
        typeset.fill_cache(first.later, layout.pdf_cache, layout.pdf_scratch)
        assert build(root, drafts=True, preview=put_in).later == []
        assert _tree(root / "site") == _cold(root, tmp_path / "cold", drafts=True)
        before = pdf.read_bytes()
        laid_out = {p.name: p.stat().st_mtime_ns for p in layout.pdf_cache.iterdir()}

        _edit(root / "content" / "incidents" / "harbour-strike.yaml", "At least 400 members joined the strike.",
              "At least 400 members joined the strike that day.")
        edited = build(root, drafts=True, preview=preview)
        assert "joined the strike that day" in (root / "site" / "incidents" / "harbour-strike.html").read_text()
        assert pdf.read_bytes() == before   # the PDF made before the edit stands in
        assert build(root, drafts=True, preview=preview).later, "a build before the PDFs are made still lacks them"

        typeset.fill_cache(edited.later, layout.pdf_cache, layout.pdf_scratch)
        assert build(root, drafts=True, preview=put_in).later == []
        kept = {p.name for p in layout.pdf_cache.iterdir()} & set(laid_out)   # the Arabic layout, not made again
        assert len(kept) == 1 and all(layout.pdf_cache.joinpath(n).stat().st_mtime_ns == laid_out[n] for n in kept)
        assert pdf.read_bytes() != before
        assert _tree(root / "site") == _cold(root, tmp_path / "cold", drafts=True)
    finally:
        preview.mkdocs.close()


@pytest.mark.slow
def test_an_edits_first_build_renders_only_the_pages_it_touches_and_the_builds_after_it_end_as_a_cold_one(
        tmp_path: Path) -> None:
    """The preview after an edit: first only the pages the edit touches go through the templates and MkDocs
    (every other page of the site is the very file it was), then the build of every page, the PDFs and the
    build that puts them in make what `build --drafts` makes from nothing."""
    root = copy_dossier(MINI, tmp_path / "dossier")
    layout = Layout(root)
    site = root / "site"
    preview = Preview(mkdocs_project.Workers())
    try:
        first = build(root, drafts=True, preview=preview)
        typeset.fill_cache(first.later, layout.pdf_cache, layout.pdf_scratch)
        build(root, drafts=True, preview=replace(preview, pdfs_later=False))
        files = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}

        _edit(root / "content" / "incidents" / "harbour-strike.yaml", "At least 400 members joined the strike.",
              "At least 400 members joined the strike that day.")
        edited = frozenset({"content/incidents/harbour-strike.yaml"})
        quick = build(root, drafts=True, preview=replace(preview, edited=edited))
        assert quick.first == ["incidents/harbour-strike.md", "sources/harbour-en.md", "sources/harbour-ar.md",
                               "briefings/harbour-strike.md"]
        assert not quick.finished and quick.later == []
        assert "joined the strike that day" in (site / "incidents" / "harbour-strike.html").read_text()
        now = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
        assert set(now) == set(files)
        made_again = {path for path in now if now[path] != files[path]}
        pages = {f"{lang}{page[:-3]}.html" for lang in ("", "ar/") for page in quick.first}
        every_time = {f"{lang}{name}" for lang in ("", "ar/") for name in ("404.html", "sitemap.xml", "sitemap.xml.gz")}
        assert made_again <= pages | every_time   # what MkDocs writes in every build, besides
        assert "incidents/harbour-strike.html" in made_again and "places.html" not in made_again

        whole = build(root, drafts=True, preview=preview)
        assert whole.first is None and whole.later
        typeset.fill_cache(whole.later, layout.pdf_cache, layout.pdf_scratch)
        build(root, drafts=True, preview=replace(preview, pdfs_later=False))
        assert _tree(site) == _cold(root, tmp_path / "cold", drafts=True)
    finally:
        preview.mkdocs.close()


def _after(answers: int) -> Callable[[], bool]:
    """A `Preview.stop` that says "go on" `answers` times, then "stop"."""
    count = iter(range(answers))
    return lambda: next(count, None) is None


@pytest.mark.slow
def test_a_preview_build_that_gives_way_leaves_the_site_as_it_was_and_the_next_one_goes_through(
        tmp_path: Path) -> None:
    """A build of every page that a newer edit makes pointless (`Preview.stop`) stops at once, wherever it is:
    nothing of it is served or left half-made, and the build after it ends with the bytes of a cold one."""
    root = copy_dossier(MINI, tmp_path / "dossier")
    layout = Layout(root)
    preview = Preview(mkdocs_project.Workers())
    try:
        first = build(root, drafts=True, preview=preview)
        typeset.fill_cache(first.later, layout.pdf_cache, layout.pdf_scratch)
        build(root, drafts=True, preview=replace(preview, pdfs_later=False))
        before = _tree(root / "site")
        _edit(root / "content" / "incidents" / "harbour-strike.yaml", "At least 400 members joined the strike.",
              "At least 400 members joined the strike that day.")
        for asked in (0, 1, 2, 3):   # gives way at the first question (after reading), the second, …, the last
            with pytest.raises(Superseded):
                build(root, drafts=True, preview=replace(preview, pdfs_later=False, stop=_after(asked)))
            assert _tree(root / "site") == before
            assert not layout.staging.exists()
        build(root, drafts=True, preview=replace(preview, pdfs_later=False))
        assert _tree(root / "site") == _cold(root, tmp_path / "cold", drafts=True)
    finally:
        preview.mkdocs.close()


@pytest.mark.slow
def test_a_page_mkdocs_refuses_is_told_alike_by_the_kept_mkdocs_and_a_new_one(mini: Path) -> None:
    """A warning fails the preview's MkDocs (kept running) as it fails `mkdocs build --strict`, with the same
    words, and the next build after the fix goes through in the same process."""
    override = mini / "templates" / "overrides" / "main.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('{% extends "base.html" %}{% block content %}{{ no_such_filter | nonesuch }}{% endblock %}',
                        encoding="utf-8")
    said = []
    preview = Preview(mkdocs_project.Workers())
    try:
        for way in (preview, None):
            with pytest.raises(BriefingError) as refused:
                build(mini, drafts=True, preview=way)
            said.append(refused.value.message)
        override.unlink()
        assert build(mini, drafts=True, preview=preview).pages > 0
    finally:
        preview.mkdocs.close()
    assert said[0] == said[1]
    assert "MkDocs could not build" in said[0] and "nonesuch" in said[0]

"""`briefing ingest`: new seeds become source records; what editors wrote is never overwritten."""
from __future__ import annotations

import html as html_text
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import briefing, spaced

from generator.errors import Problems
from generator.extract.ingest import ingest
from generator.text import documents, seedtext


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
    (mini / "seeds" / "slides.pptx").write_bytes(b"PK\x03\x04")
    (mini / "seeds" / "empty.txt").write_text("\n\n", encoding="utf-8")
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stdout + result.stderr
    assert "seeds/latin1.txt:1:4: error: seed is not valid UTF-8 here" in out  # at the bad byte
    assert ("seeds/slides.pptx:1:1: warning: skipped: .pptx files are not read; use .txt, .md, .pdf, .html, "
            ".htm or .docx") in out
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



# --- seeds as newsrooms get them: PDF, saved web pages, Word -------------------------------------------------

REPORT_HTML = """<html><head><meta charset="utf-8"><title>Report of the Panel</title><style>
@page { size: A5; margin: 2cm; @top-center { content: "Panel of Experts on Mali, S/2024/215"; font-size: 8pt }
        @bottom-center { content: counter(page); font-size: 8pt } }
p { margin: 0 0 1em 0; font-size: 11pt } h1 { font-size: 16pt; page-break-before: always }
.ar { direction: rtl; font-family: Amiri }
</style></head><body>
<h1>Summary</h1>
<p>1. The Panel found that the convoy left Kidal on 22 July 2024 and was ambushed near the border town of
Tinzaouaten two days later.</p>
<p>2. At least 47 soldiers were killed, according to the Panel's sources, and many more were wounded in the
fighting.</p>
<h1>Findings</h1>
<p>3. The Panel received testimony from residents who described the sandstorm that covered the fighting for
several hours on the second day.</p>
<p class="ar" lang="ar">4. قال الفريق إن القافلة غادرت كيدال في 22 يوليو 2024 وتعرضت لكمين قرب بلدة تينزاواتين
الحدودية، وفق الوثيقة S/2024/215.</p>
<h1>Annex</h1>
<p>5. The list of the units involved is in the annex to this report, which the Panel sent to the Committee on
1 August 2024.</p>
</body></html>"""

PAGE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ambush near Tinzaouaten | Sahel Daily</title>
<link rel="canonical" href="https://sahel-daily.example/2024/07/ambush-tinzaouaten">
<meta property="og:site_name" content="Sahel Daily"><meta name="author" content="Aminata Traoré">
<meta property="og:image" content="https://cdn.sahel-daily.example/ambush.jpg">
<meta property="article:published_time" content="2024-07-29T08:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner" id="cookie-notice"><p>We use cookies to improve your experience. Accept all cookies?</p>
<button>Accept</button></div>
<article><h1>Ambush near Tinzaouaten leaves dozens dead</h1>
<p>Fighters of a separatist coalition said on Sunday that they had ambushed a column of Malian soldiers and Russian
mercenaries near Tinzaouaten, close to the Algerian border.</p>
<p>The coalition's spokesman said the fighting lasted three days and that a sandstorm covered the retreat of the
column on the second day.</p>
<p>The army confirmed "heavy losses" in a statement read on state television, without giving a figure for the dead
or the wounded.</p>
</article>
<aside class="related"><h2>Related articles</h2><ul><li><a href="/a">Drought in the north</a></li>
<li><a href="/b">Elections postponed again</a></li></ul></aside>
<footer><p>© 2024 Sahel Daily. All rights reserved.</p></footer></body></html>"""

ARABIC_STATEMENT = "أعلن التنسيق أن مقاتليه نصبوا كمينًا لرتل قرب تينزاواتين."


@pytest.fixture(scope="module")
def documents_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three documents of the issue, made with the tools that make them for real."""
    import docx
    import weasyprint
    from docx.oxml import OxmlElement
    folder = tmp_path_factory.mktemp("documents")
    weasyprint.HTML(string=REPORT_HTML).write_pdf(folder / "panel-report.pdf")
    (folder / "sahel-daily.html").write_text(PAGE_HTML, encoding="utf-8")
    word = docx.Document()
    word.core_properties.title = "Statement of the coalition"
    word.add_heading("Statement", level=1)
    word.add_paragraph("The coalition announces that its fighters ambushed a column near Tinzaouaten.")
    arabic = word.add_paragraph(ARABIC_STATEMENT)
    arabic._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Killed", "47"
    word.add_paragraph("The statement ends here.")
    word.save(str(folder / "statement.docx"))
    return folder


def _read(path: Path) -> seedtext.SourceText:
    return seedtext.from_document(documents.read(path.suffix, path.read_bytes()))


def test_a_pdf_report_is_read_by_paragraph_and_page_without_its_running_lines(documents_made: Path) -> None:
    parsed = _read(documents_made / "panel-report.pdf")
    texts = [p.text for p in parsed.paragraphs]
    assert texts[0] == "Summary" and parsed.paragraphs[0].heading
    assert texts[1] == ("1. The Panel found that the convoy left Kidal on 22 July 2024 and was ambushed near the "
                        "border town of Tinzaouaten two days later.")   # its three lines, one paragraph again
    assert [(p.text[:2], p.page, p.on_page) for p in parsed.paragraphs if not p.heading] == [
        ("1.", 1, 1), ("2.", 1, 2), ("3.", 2, 1), ("4.", 2, 2), ("5.", 3, 1)]
    assert not any("Panel of Experts on Mali" in t or t.strip().isdigit() for t in texts)   # header, page numbers
    # pdfium gives ".4 قال" and ".S/2024/215" for this right-to-left paragraph: the reader puts them back
    assert texts[5] == ("4. قال الفريق إن القافلة غادرت كيدال في 22 يوليو 2024 وتعرضت لكمين قرب بلدة تينزاواتين "
                        "الحدودية، وفق الوثيقة S/2024/215.")
    assert parsed.paragraphs[5].direction == "rtl"
    assert _read(documents_made / "panel-report.pdf").text == parsed.text   # the same bytes, the same text


def test_a_saved_web_page_keeps_its_article_and_what_it_says_of_itself(documents_made: Path) -> None:
    parsed = _read(documents_made / "sahel-daily.html")
    assert [p.text[:30] for p in parsed.paragraphs] == [
        "Fighters of a separatist coali", "The coalition's spokesman said", 'The army confirmed "heavy loss']
    for clutter in ("Home", "cookies", "Related articles", "Drought", "All rights reserved"):
        assert clutter not in parsed.text
    assert (parsed.title, parsed.published, parsed.publisher, parsed.author, parsed.url) == (
        "Ambush near Tinzaouaten leaves dozens dead", "2024-07-29", "Sahel Daily", "Aminata Traoré",
        "https://sahel-daily.example/2024/07/ambush-tinzaouaten")


def test_reading_a_web_page_fetches_nothing(documents_made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the reader of a saved page tried to reach the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert len(_read(documents_made / "sahel-daily.html").paragraphs) == 3


def test_a_word_file_gives_paragraphs_and_cells_in_order_with_their_direction(documents_made: Path) -> None:
    parsed = _read(documents_made / "statement.docx")
    assert [(p.text, p.direction) for p in parsed.paragraphs] == [
        ("Statement", None), ("The coalition announces that its fighters ambushed a column near Tinzaouaten.", None),
        (ARABIC_STATEMENT, "rtl"), ("Killed", None), ("47", None), ("The statement ends here.", None)]
    assert parsed.paragraphs[0].heading and parsed.title == "Statement of the coalition"


def test_documents_are_ingested_with_what_they_tell(mini: Path, documents_made: Path) -> None:
    import shutil
    for name in ("panel-report.pdf", "sahel-daily.html", "statement.docx"):
        shutil.copy(documents_made / name, mini / "seeds" / name)
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 0, result.stdout
    assert "3 created" in result.stdout
    page = (mini / "content" / "sources" / "sahel-daily.yaml").read_text(encoding="utf-8")
    assert "url: https://sahel-daily.example/2024/07/ambush-tinzaouaten\n" in page
    assert "published: '2024-07-29'\n" in page and "  en: Sahel Daily\n" in page
    from generator.factbase.load import load
    dossier = load(mini).dossier
    assert dossier is not None
    cited = dossier.sources["panel-report"].paragraph("p5")   # what a note reads: "p. 2, ¶1"
    assert cited is not None and (cited.page, cited.on_page) == (2, 1)


def test_a_documents_text_is_read_once_and_kept_by_its_bytes(mini: Path, documents_made: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from generator.factbase.load import read_source_text
    from generator.layout import Layout
    shutil.copy(documents_made / "panel-report.pdf", mini / "seeds" / "panel-report.pdf")
    assert briefing("--root", str(mini), "ingest").returncode == 0     # another process reads it, and keeps it
    assert Layout(mini).seed_text_cache.is_file()

    def no_second_reading(*_: object) -> None:
        raise AssertionError("the PDF was read again")
    monkeypatch.setattr(documents, "read", no_second_reading)
    problems = Problems(mini)
    parsed = read_source_text(mini / "seeds" / "panel-report.pdf", mini / "seeds", problems)
    assert parsed is not None and parsed.paragraphs[1].text.startswith("1. The Panel found") and not problems.items


def _encrypted(report: bytes) -> bytes:
    import io

    import pypdf
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(report)))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image_only() -> bytes:
    import weasyprint
    return weasyprint.HTML(string='<div style="background: black; width: 5cm; height: 8cm"></div>').write_pdf()


@pytest.mark.parametrize(("name", "make", "said"), [
    ("encrypted.pdf", _encrypted, "the PDF is encrypted"),
    ("scanned.pdf", lambda report: _image_only(), ("the PDF has no text layer (a scan, or pages of images); "
     "run OCR first")),
    ("truncated.pdf", lambda report: report[:len(report) // 2], "the PDF is damaged"),
    ("menu-only.html", lambda report: b"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body>"
     b"</html>", "no article"),
    ("renamed.docx", lambda report: b"A text file, renamed.\n", "this is not a Word (.docx) file"),
])
def test_a_document_that_gives_no_text_is_refused_with_what_to_do(mini: Path, documents_made: Path, name: str,
                                                                  make: Callable[[bytes], bytes], said: str) -> None:
    (mini / "seeds" / name).write_bytes(make((documents_made / "panel-report.pdf").read_bytes()))
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"seeds/{name}:1:1: error: not read: {said}" in result.stdout, result.stdout
    assert not (mini / "content" / "sources" / f"{Path(name).stem}.yaml").exists()
    assert not list((mini / "content" / "sources").glob(f"{Path(name).stem}*"))


def test_a_seed_over_the_size_limit_is_refused_naming_its_size_and_the_limit(mini: Path) -> None:
    with (mini / "seeds" / "huge.txt").open("w", encoding="utf-8") as out:
        out.write("Title\n\n")
        out.write(("A line of a very long document. " * 30 + "\n\n") * 9000)
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "seeds/huge.txt:1:1: error: the seed is 8.3 MiB, over the limit of 8.0 MiB for a text seed" in result.stdout
    assert "[seed-size]" in result.stdout and not (mini / "content" / "sources" / "huge.yaml").exists()


@pytest.mark.slow   # a whole build
def test_a_new_dossier_ingests_extracts_checks_and_builds_a_pdf_a_web_page_and_a_word_file(
        tmp_path: Path, documents_made: Path) -> None:
    import shutil
    dossier = tmp_path / "new"
    assert briefing("init", str(dossier)).returncode == 0
    for name in ("panel-report.pdf", "sahel-daily.html", "statement.docx"):
        shutil.copy(documents_made / name, dossier / "seeds" / name)
    (dossier / "seeds" / "wire.txt").write_text("# Convoy ambushed in the north\n\nPublished: 2024-07-29\n"
                                                 "URL: https://wire.example/2024/07/convoy\n\nA convoy was ambushed.\n",
                                                 encoding="utf-8")
    for command in ("ingest", "extract"):
        result = briefing("--root", str(dossier), command)
        assert result.returncode == 0, result.stdout + result.stderr
    (dossier / "content" / "actors" / "panel.yaml").write_text(
        "id: panel\nkind: organisation\nname: {en: Panel of Experts, ar: فريق الخبراء}\n"
        "description: {en: The UN panel on Mali., ar: فريق الأمم المتحدة المعني بمالي.}\ncitations:\n"
        "  - {source: panel-report, paragraph: p5, quote: The Panel received testimony, "
        "translation: {ar: تلقى الفريق شهادات}}\n"
        "  - {source: panel-report, paragraph: p6, quote: وفق الوثيقة S/2024/215, "
        "translation: {en: according to document S/2024/215}}\n"
        "  - {source: statement, paragraph: p3, quote: نصبوا كمينًا لرتل, translation: {en: ambushed a column}}\n"
        "review: {status: draft}\n", encoding="utf-8")
    check = briefing("--root", str(dossier), "check")
    assert check.returncode == 0 and "[quote" not in check.stdout, check.stdout
    build = briefing("--root", str(dossier), "build", "--drafts")
    assert build.returncode == 0, build.stdout + build.stderr
    for lang, label in (("", "Page 2"), ("ar/", "الصفحة 2")):
        html = spaced((dossier / "site" / f"{lang}sources" / "panel-report.html").read_text(encoding="utf-8"))
        assert f'<p id="page-2" class="source-page">{label}</p>' in html
        assert html.index('id="page-2"') < html.index('id="p5"') < html.index('id="page-3"')
        assert re.search(r'<mark id="p5-q[0-9a-f]+" class="cited">The Panel received testimony</mark>', html)
    for lang, note in (("", "p. 2, ¶1"), ("ar/", "ص 2، الفقرة 1")):   # a note on the PDF's passage: its page
        actors = html_text.unescape((dossier / "site" / f"{lang}actors.html").read_text(encoding="utf-8"))
        assert re.search(rf'<a href="sources/panel-report\.html#p5-q[0-9a-f]+">[^<]*{note}</a>', spaced(actors)), lang
    web = (dossier / "site" / "sources" / "sahel-daily.html").read_text(encoding="utf-8")
    assert "Related articles" not in web and "cookies" not in web.lower()
    for lang, words in (("", "Read the original"), ("ar/", "اقرأ الأصل")):
        for source, address in (("sahel-daily", "https://sahel-daily.example/2024/07/ambush-tinzaouaten"),
                                ("wire", "https://wire.example/2024/07/convoy")):
            html = (dossier / "site" / f"{lang}sources" / f"{source}.html").read_text(encoding="utf-8")
            assert re.search(rf'<a [^>]*href="{re.escape(address)}"[^>]*>{words}', html), (lang, source)
    statement = (dossier / "site" / "sources" / "statement.html").read_text(encoding="utf-8")
    assert '<p id="p3" class="source-paragraph" lang="en" dir="rtl">' in statement

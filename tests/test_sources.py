from __future__ import annotations

from pathlib import Path

from generator.text import language, seedtext, verbatim

SEEDS = Path(__file__).parent.parent / "seeds"


def test_markdown_title_and_published_line_are_header_not_paragraphs() -> None:
    parsed = seedtext.parse((SEEDS / "000_b241c23118f90200.txt").read_text(encoding="utf-8"))
    assert parsed.title is not None
    assert " ".join(parsed.title.split()) == ("Dozens of Russian mercenaries killed in rebel ambush in Mali, in "
                                              "their worst known loss in Africa")
    assert parsed.published == "2024-07-30"
    assert parsed.published_time == "04:38:13"
    assert parsed.paragraphs[0].text.startswith("The video is as triumphant")
    heading = [p for p in parsed.paragraphs if p.heading]
    assert [p.text for p in heading] == ["A big blow in Africa"]
    assert all(p.text != "---" for p in parsed.paragraphs)


def test_leading_date_is_read_and_removed_from_the_first_paragraph() -> None:
    parsed = seedtext.parse((SEEDS / "001_a004ba6b9b170559.txt").read_text(encoding="utf-8"))
    assert parsed.published == "2024-07-29"
    assert parsed.title is None
    assert parsed.paragraphs[0].text.startswith("Kyiv Post obtained an exclusive photo")
    assert len(parsed.paragraphs) == 18


def test_headerless_arabic_document_gives_one_paragraph_a_line() -> None:
    parsed = seedtext.parse((SEEDS / "002_dbb45223a59a5c2a.txt").read_text(encoding="utf-8"))
    assert parsed.title is None and parsed.published is None
    assert [p.id for p in parsed.paragraphs] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    assert parsed.paragraphs[1].line == 2


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = "The first line of a paragraph that was\nwrapped by an editor at a fixed width\nand ends here.\n\nNext."
    assert [p.text for p in seedtext.parse(text).paragraphs] == [
        "The first line of a paragraph that was wrapped by an editor at a fixed width and ends here.", "Next."]


def test_normalisation_gives_one_hash_for_crlf_bom_and_decomposed_text() -> None:
    composed = "Caf\u00e9 line\n"
    variants = ["\ufeffCaf\u00e9 line\r\n", "Cafe\u0301 line  \n", composed]
    assert {seedtext.parse(v).sha256 for v in variants} == {seedtext.sha256(composed)}


def test_quote_matching_folds_quotes_and_spaces_only() -> None:
    para = "JNIM claimed Sunday that a “complex ambush” had wiped out the convoy"
    assert verbatim.find_quote(para, 'a "complex   ambush" had') is not None
    assert verbatim.find_quote(para, "A “complex ambush”") is None  # case is never folded
    found = verbatim.find_quote(para, "“complex ambush”")
    assert found is not None
    start, end = found
    assert para[start:end] == "“complex ambush”"


def test_arabic_quote_keeps_diacritics_significant() -> None:
    para = "وقال متحدث باسم الجيش المالي"
    assert verbatim.find_quote(para, "الجيش المالي") is not None
    assert verbatim.find_quote(para, "الجَيش المالي") is None


def test_language_detection_by_script_and_words() -> None:
    assert language.detect_language("The army said that the convoy was attacked on the road.") == "en"
    assert language.detect_language("وقال متحدث باسم الجيش المالي إن القوات") == "ar"
    assert language.detect_language("فوج نے کہا کہ حملے میں کئی لوگ ہلاک ہوئے اور یہ ایک بڑا واقعہ ہے") == "ur"
    french = "Le convoi a été attaqué dans le nord et les soldats sont partis pour la ville."
    assert language.detect_language(french) == "fr"


def test_a_documents_paragraphs_are_numbered_as_a_text_seeds_and_know_their_page() -> None:
    from generator.text.documents import Block, Document
    parsed = seedtext.from_document(Document([
        Block("Findings", page=3, heading=True), Block("12. The  Panel\nfound", page=3), Block("13. It heard", page=3),
        Block("   ", page=4), Block("14. Annex", page=4)], title="Report"))
    assert [(p.id, p.text, p.page, p.on_page) for p in parsed.paragraphs] == [
        ("p1", "Findings", 3, None), ("p2", "12. The Panel found", 3, 1), ("p3", "13. It heard", 3, 2),
        ("p4", "14. Annex", 4, 1)]
    assert parsed.text == "Findings\n\n12. The Panel found\n\n13. It heard\n\n14. Annex\n"
    assert parsed.sha256 == seedtext.sha256(parsed.text) and parsed.title == "Report"
    assert [parsed.text.split("\n")[p.line - 1] for p in parsed.paragraphs] == [p.text for p in parsed.paragraphs]

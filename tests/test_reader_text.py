"""What readers see of sources and lists: a source's title in its own language beside the reader's,
and lists joined with the page language's separator."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINI
from test_render import SHIPPED

from generator.factbase.check import run
from generator.site.render import render
from generator.views import i18n


@pytest.mark.parametrize("lang, separator", [("en", ", "), ("ar", "، "), ("ur", "، "), ("fr", ", "), ("zh", "、"),
                                             ("en-GB", ", "), ("xx", ", ")])
def test_each_language_separates_list_items_its_own_way(lang: str, separator: str) -> None:
    assert i18n.list_separator(lang) == separator
    assert i18n.format_list(["a", "b", "c"], lang) == separator.join("abc")


def pages(root: Path, allowed: tuple[str, ...] = ()) -> dict[str, dict[str, str]]:
    """Both languages' pages; `allowed` names the codes of errors the test brings on itself."""
    dossier, report = run(root)
    assert dossier is not None
    assert not [p for p in report.items if p.severity == "error" and p.code not in allowed], report.items
    return {lang: render(dossier, SHIPPED, lang) for lang in ("en", "ar")}


def test_lists_on_arabic_pages_use_the_arabic_comma() -> None:
    ar, en = pages(MINI)["ar"], pages(MINI)["en"]
    cited_by = lambda page: next(line for line in page.splitlines() if 'class="cited-by"' in line)  # noqa: E731
    arabic = cited_by(ar["sources/harbour-en.md"])
    assert arabic.count("](../") >= 2 and re.search(r"\)، \[", arabic) and ", [" not in arabic
    assert re.search(r"\), \[", cited_by(en["sources/harbour-en.md"]))


def test_names_in_another_language_are_joined_with_that_languages_comma(mini: Path) -> None:
    """Urdu aliases on an Arabic or English page: the Urdu comma, inside one isolated run of Urdu."""
    path = mini / "content/actors/dockworkers-union.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  ar: [النقابة]\n", "  ar: [النقابة, نقابة العمال]\n  ur: [یونین, مزدور یونین]\n"),
                    encoding="utf-8")
    for lang, page in pages(mini).items():
        line = next(line for line in page["actors.md"].splitlines() if "یونین" in line)
        assert '<bdi lang="ur" dir="rtl">یونین، مزدور یونین</bdi>' in line, line
        if lang == "ar":
            assert "النقابة، نقابة العمال" in line


def test_a_source_page_shows_the_title_in_the_sources_own_language(mini: Path) -> None:
    path = mini / "content/sources/harbour-en.yaml"
    text = path.read_text(encoding="utf-8").replace("language: en\n", "language: fr\n")
    path.write_text(text.replace("title:\n", "title:\n  fr: La grève <ferme> le port [x](javascript:alert(1))\n"),
                    encoding="utf-8")
    # the English quotes of a source now in French lack English translations: not what this test is about
    shown = {lang: page["sources/harbour-en.md"] for lang, page in pages(mini, ("translation",)).items()}
    for lang, label in (("en", "Original title"), ("ar", "العنوان الأصلي")):
        lines = shown[lang].splitlines()   # the infobox: a row's label is its header, its value the cell after
        row = lines[lines.index(f'<th scope="row">{label}</th>') + 1]
        assert '<bdi lang="fr" dir="ltr">La grève &#60;ferme&#62; le port &#91;x&#93;&#40;javascript' in row
        assert "<ferme>" not in row and "](javascript" not in row
    listed = {lang: page["sources/index.md"] for lang, page in pages(mini, ("translation",)).items()}
    assert all('<span class="original-title"><bdi lang="fr" dir="ltr">La grève' in page for page in listed.values())


def test_the_original_title_is_left_out_where_it_is_the_readers_or_missing(mini: Path) -> None:
    shown = pages(mini)
    # harbour-en is in English: the English page shows its title once; the Arabic page adds the English one
    assert '<th scope="row">Original title</th>' not in shown["en"]["sources/harbour-en.md"]
    title = '<th scope="row">العنوان الأصلي</th>\n<td markdown="span"><bdi lang="en" dir="ltr">Strike closes'
    assert title in shown["ar"]["sources/harbour-en.md"]
    # an Urdu source whose record has no Urdu title: nothing to show
    path = mini / "content/sources/harbour-en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: en\n", "language: ur\n"), encoding="utf-8")
    for lang, label in (("en", "Original title"), ("ar", "العنوان الأصلي")):
        assert f'<th scope="row">{label}</th>' not in pages(mini, ("translation",))[lang]["sources/harbour-en.md"]

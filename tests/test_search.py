"""The site's search index (`generator.site.search`): made after MkDocs, one per language, the same bytes from
the same pages. What a reader finds with it is in `test_browser.py`."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import search_index

from generator.errors import BriefingError
from generator.site import search


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_the_index_holds_each_languages_pages_apart(built_mini: Path) -> None:
    """One index per language, holding every page of that language's site and no other: a page searches its own."""
    site = built_mini / "site"
    entry = json.loads((site / search.BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    arabic = {p for p in (site / "ar").rglob("*.html") if search.BODY in p.read_text(encoding="utf-8")}
    english = {p for p in site.rglob("*.html") if search.BODY in p.read_text(encoding="utf-8")} - arabic
    assert sorted(entry["languages"]) == ["ar", "en"]
    assert entry["languages"]["en"]["page_count"] == len(english) > 5
    assert entry["languages"]["ar"]["page_count"] == len(arabic) == len(english)
    indexed = search_index(site)
    assert set(indexed) == {"/" + p.relative_to(site).as_posix() for p in english | arabic}
    assert "/404.html" not in indexed and "/ar/404.html" not in indexed
    # what is indexed is the article, not the header's or the navigation's words
    assert not [url for url, text in indexed.items() if "Search this site" in text]
    # Pagefind's own interfaces are not shipped: the header's field is ours; nor is Material's own search
    assert not list((site / search.BUNDLE).glob("pagefind-*ui*"))
    assert not list(site.rglob("javascripts/lunr")) and not list(site.rglob("javascripts/workers"))


@pytest.mark.slow
def test_every_page_finds_the_index_at_the_sites_root(built_mini: Path) -> None:
    """The field on every page, the 404 pages too (whose links start at the server's root), looks for the index
    and the results' addresses at the site's root, wherever the page is."""
    site = built_mini / "site"
    for page in sorted(site.rglob("*.html")):
        at = "http://host/" + page.relative_to(site).as_posix()
        found = re.search(r'data-bundle="([^"]+)"\s+data-root="([^"]+)"', page.read_text(encoding="utf-8"))
        assert found, page
        assert (urljoin(at, found[1]), urljoin(at, found[2])) == ("http://host/search/", "http://host/"), page


@pytest.mark.slow
def test_the_same_pages_give_the_same_index(built_mini: Path, tmp_path: Path) -> None:
    built = _tree(built_mini / "site" / search.BUNDLE)
    for again in ("one", "two"):
        site = tmp_path / again
        shutil.copytree(built_mini / "site", site, ignore=shutil.ignore_patterns(search.BUNDLE))
        search.make_index(site)
        assert _tree(site / search.BUNDLE) == built


def test_a_site_with_no_page_is_refused_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(BriefingError, match="Pagefind could not index the site: the previous site/ is unchanged"):
        search.make_index(tmp_path / "site")


def test_the_search_fields_words_are_in_the_pages_language() -> None:
    english, arabic = search.interface("en", ""), search.interface("ar", "../")
    assert arabic["bundle"] == "../search/" and english["bundle"] == "search/"
    words_en, words_ar = english["words"], arabic["words"]
    assert isinstance(words_en, dict) and isinstance(words_ar, dict)
    assert words_en.keys() == words_ar.keys()
    for key in words_en:
        assert words_en[key] != words_ar[key] and not any("a" <= c <= "z" for c in words_ar[key].replace(
            "briefing serve", "").replace("site/", "")), key

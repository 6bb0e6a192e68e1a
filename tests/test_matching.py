"""A name matches only itself: names that differ by a number, a Latin code or a word, and a name that
is the prefix of another, are told apart in Arabic as in English, by extract and by the pages' links."""
from __future__ import annotations

import pytest

from generator.extract.mentions import Gazetteer, Name
from generator.factbase import model
from generator.site.xref import first_mentions

ACTORS = [("unit-1", "Unit 1 Command", "قيادة الوحدة 1"), ("unit-2", "Unit 2 Command", "قيادة الوحدة 2"),
          ("unit-12", "Unit 12 Command", "قيادة الوحدة 12"), ("csp-psd", "CSP-PSD", "الإطار CSP-PSD"),
          ("csp", "CSP", "الإطار CSP"), ("army", "National Army", "الجيش الوطني"),
          ("army-north", "National Army of the North", "الجيش الوطني في الشمال")]
PLACES = [("town-5", "Town 5", "بلدة 5"), ("town-50", "Town 50", "بلدة 50")]
TEXT = {
    "en": "Unit 1 Command said that Unit 12 Command had reached Town 5, and the CSP-PSD agreed.",
    "ar": "قالت قيادة الوحدة 1 إن قيادة الوحدة ١٢ وصلت إلى بلدة 5، ووافق الإطار CSP-PSD.",
}
NAMED = {"unit-1", "unit-12", "town-5", "csp-psd"}


def _gazetteer() -> Gazetteer:
    names = [Name("actor", i, t) for i, en, ar in ACTORS for t in (en, ar)]
    return Gazetteer(names + [Name("place", i, t) for i, en, ar in PLACES for t in (en, ar)])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_extract_finds_exactly_the_names_the_paragraph_names(lang: str) -> None:
    found = _gazetteer().find(TEXT[lang])
    assert {m.id for m in found} == NAMED, [(TEXT[lang][m.start:m.end], m.id) for m in found]
    assert len(found) == len(NAMED)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_name_that_is_the_prefix_of_another_is_not_found_inside_it(lang: str) -> None:
    text = {"en": "The National Army of the North withdrew.", "ar": "انسحب الجيش الوطني في الشمال."}[lang]
    assert [m.id for m in _gazetteer().find(text)] == ["army-north"]


def _actor(ident: str, en: str, ar: str) -> model.Actor:
    return model.Actor(ident, "organisation", {"en": en, "ar": ar}, {}, {}, [], [], model.Review(),
                       model.Loc("content/actors/x.yaml"))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_glossary_links_only_the_actors_the_text_names(lang: str) -> None:
    actors = [_actor(*a) for a in ACTORS]
    linked = {ident for _, _, ident in first_mentions(TEXT[lang], lang, actors, set())}
    assert linked == NAMED - {"town-5"}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_appears_in_counts_only_the_actors_the_text_names(lang: str) -> None:
    """The cross-index's "appears in" asks the same matcher whether a briefing's text names an actor."""
    from generator.site.xref import actors_named
    assert actors_named(TEXT[lang], lang, [_actor(*a) for a in ACTORS]) == {"unit-1", "unit-12", "csp-psd"}

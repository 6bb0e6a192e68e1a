"""The page helpers that web pages and printed briefings share and every page uses: language pick,
isolation of text in another direction, dates and numbers, links to where a record lives, and the one
numbering of notes.

`Page` is what the small views of one concern (`wording`, `incident`, `maps`) are given; templates
get it as `views.context.PageContext`, which carries those views.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.factbase import model, publish
from generator.text import arabic
from generator.text.escape import md
from generator.views import addresses, i18n


def relative(target: str, page: str) -> str:
    """The path of `target` from the folder of `page`, both relative to docs/ ("../sources/x.md"); the
    string arithmetic of `posixpath.relpath` without its look at the working directory, which a build
    of thousands of links per page would pay each time."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# What alphabetical order passes over at the start of a name: quotation marks, brackets and other
# punctuation («تقرير ذهب الدم» files under ت, "'Gold Blood' report" under G).
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")


def sort_key(name: str, lang: str) -> tuple[str, str]:
    """Alphabetical order in the language's own way: leading punctuation passed over in every language; in
    Arabic the article does not count and the forms of alef and the seats of hamza file as one letter
    (`arabic.sortable`), so ألمانيا files under ا; in English "the" does not count and case is folded."""
    text = _LEADING_PUNCTUATION.sub("", name)
    if lang == "ar":
        text = arabic.sortable(text)
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.casefold()
        text = text.removeprefix("the ")
    return text, name


def kept(p: Page, key: tuple[object, ...], compute: Callable[[], Markup]) -> Markup:
    """A text that depends on the dossier, this kind of page (web or print) and language alone, and on
    nothing else of the page: made once per build, though thousands of pages show it. Not a method of
    the page: templates call the page's methods, and this one calls what it is given."""
    texts: dict[tuple[object, ...], Markup] = p.dossier.memo(f"texts:{type(p).__name__}:{p.lang}", dict)
    if key not in texts:
        texts[key] = compute()
    return texts[key]


@dataclass
class Note:
    """One numbered footnote: a source passage, or a claim with its passages."""

    number: int
    body: Markup


@dataclass
class Page:
    """Helpers bound to one page in one language, that every page uses: templates call these (through
    `views.context.PageContext`, which adds the views of one concern each) and nothing else."""

    dossier: model.Dossier
    lang: str
    path: str  # the page's path under docs/, e.g. "incidents/x.md"
    notes: list[Note] = field(default_factory=list)
    _note_keys: dict[str, int] = field(default_factory=dict)
    _note_sources: dict[str, None] = field(default_factory=dict)  # the sources the notes quote, in order

    # --- language ----------------------------------------------------------------------------
    def _(self, message: str) -> str:
        return i18n.gettext_for(self.lang, message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return i18n.ngettext_for(self.lang, singular, plural, n) % {"n": i18n.format_number(n, self.lang)}

    @property
    def dir(self) -> str:
        return i18n.direction(self.lang)

    def t(self, text: model.LangText | None) -> Markup:
        """The text in this page's language; a draft's missing translation shows the original, marked."""
        value, lang = i18n.pick(text or {}, self.lang)
        return self.isolate(value, lang)

    def esc(self, value: object) -> Markup:
        """Escape data for this output (Markdown here; HTML in the print context)."""
        return md(value)

    def isolate(self, value: str, lang: str) -> Markup:
        """Text in another language than the page, isolated so it cannot scramble the line."""
        if lang == self.lang:
            return self.esc(value)
        return Markup(f'<bdi lang="{lang}" dir="{i18n.direction(lang)}">{self.esc(value)}</bdi>')

    def esc_part(self, value: str) -> Markup:
        """A piece of a sentence around markup, escaped with its spaces kept (`fill`)."""
        return self.esc(value)

    def fill(self, message: str, **values: Markup) -> Markup:
        """A translated message whose `%(name)s` placeholders take markup (a link, a figure, a page
        number), so that each language orders the sentence its own way."""
        parts = re.split(r"%\((\w+)\)s", self._(message))
        return Markup("").join(values[part] if i % 2 else self.esc_part(part) for i, part in enumerate(parts))

    def ltr(self, value: object) -> Markup:
        """Figures, ranges and coordinates keep their left-to-right order inside right-to-left text."""
        if self.dir == "ltr":
            return self.esc(value)
        return Markup(f'<bdi dir="ltr">{self.esc(value)}</bdi>')

    def coordinates(self, place: model.Place) -> Markup:
        """Latitude and longitude with their hemispheres in the page's language ("19.5°N, 3.25°E")."""
        c = place.coordinates
        if not c:
            return Markup("")
        halves = (f"{abs(c.lat):g}" + self._("°N" if c.lat >= 0 else "°S"),
                  f"{abs(c.lon):g}" + self._("°E" if c.lon >= 0 else "°W"))
        # each half stays on one line: a number never parts from its hemisphere
        return Markup(self.esc(self._(",")) + " ").join(
            Markup('<span class="coordinate">') + self.esc(half) + Markup("</span>") for half in halves)

    def direction(self, lang: str) -> str:
        return i18n.direction(lang)

    def join(self, items: Iterable[str | Markup]) -> Markup:
        """Names or links as a list, with the page language's separator (`i18n.list_separator`)."""
        return self.esc(i18n.list_separator(self.lang)).join(self.esc(x) for x in items)

    def join_in(self, items: Iterable[str], lang: str) -> Markup:
        """Names in another language than the page's, joined with that language's separator
        (the Arabic comma in Arabic and Urdu) and isolated as one run of that language."""
        if lang == self.lang:
            return self.join(items)
        return self.isolate(i18n.format_list(items, lang), lang)

    def date(self, value: model.PartialDate | None) -> str:
        return i18n.format_partial_date(value, self.lang)

    def range(self, start: model.PartialDate, end: model.PartialDate | None) -> str:
        return i18n.format_range(start, end, self.lang)

    def num(self, value: float) -> str:
        return i18n.format_number(value, self.lang)

    # --- links -------------------------------------------------------------------------------
    def href(self, target: str, anchor: str = "") -> str:
        return relative(target, self.path) + (f"#{anchor}" if anchor else "")

    def alphabetical(self, records: Iterable[Any]) -> list[Any]:
        """Records by name in the page's language and its alphabetical order (`sort_key`): the glossaries, a
        map's caption and name, wherever names are listed."""
        return sorted(records, key=lambda r: sort_key(i18n.pick(r.name, self.lang)[0], self.lang))

    def link(self, label: Markup | str, target: Any, anchor: str = "") -> Markup:
        """A link to a page (a path `views.addresses` gave), a `Target`, or a record where it lives."""
        if not isinstance(target, str):
            where = target if isinstance(target, addresses.Target) else addresses.home(self.dossier, target)
            target, anchor = where.page, anchor or where.fragment
        # one f-string of escaped parts: links are the most frequent thing a page is made of
        return Markup(f"[{self.esc(label)}]({self.href(target, anchor)})")

    def listing(self, name: str) -> str:
        """A page every dossier has, by name ("actors"), for a link."""
        return addresses.listing(name)

    def anchor(self, record: object) -> str:
        """The id a record's entry carries on the page that shows it (`claim-x`, `event-y`, an actor's id)."""
        return addresses.anchor_of(addresses.kind_of(record), record.id)  # type: ignore[attr-defined]

    def external(self, url: str, label: str = "") -> Markup:
        """A link out of the site, named by `label` or else by its address; the schema admits only http(s)
        addresses without spaces or quotes."""
        return Markup('<a href="{0}" rel="noopener">{1}</a>').format(url, label or url)

    def actor(self, ident: str) -> Markup:
        actor = self.dossier.actors.get(ident)
        return self.link(self.t(actor.name), actor) if actor else self.esc(ident)

    def actor_name(self, ident: str) -> Markup:
        """An actor's name without a link: where a link cannot go (raw HTML of a web page) or need not."""
        actor = self.dossier.actors.get(ident)
        return self.t(actor.name) if actor else self.esc(ident)

    def tight_name(self, ident: str) -> str:
        """An actor's label where room is tight (a chart, a map) in this page's language: its `short`
        form where the record gives one, else its whole name, which the layout wraps; never cut."""
        actor = self.dossier.actors.get(ident)
        return (actor.short.get(self.lang) if actor else None) or self.full_name(ident)

    def tight_names(self, idents: Iterable[str]) -> dict[str, str]:
        """Tight labels for actors shown together: where two different actors' labels coincide (a short
        form that is another's short form or name), those actors show their whole names instead."""
        labels = {ident: self.tight_name(ident) for ident in dict.fromkeys(idents)}
        counts = Counter(labels.values())
        return {ident: self.full_name(ident) if counts[label] > 1 else label for ident, label in labels.items()}

    def full_name(self, ident: str) -> str:
        actor = self.dossier.actors.get(ident)
        return i18n.pick(actor.name, self.lang)[0] if actor else ident

    def place(self, ident: str | None) -> Markup:
        place = self.dossier.places.get(ident or "")
        return self.link(self.t(place.name), place) if place else Markup("")

    def source(self, ident: str) -> Markup:
        source = self.dossier.sources.get(ident)
        return self.link(self.t(source.title), source) if source else self.esc(ident)

    def original_title(self, source: model.Source) -> Markup:
        """The title in the source's own language, when that is not the page's and the record has it:
        what to search for. Isolated with its language and direction (a French or an Urdu title)."""
        if source.language == self.lang or not source.title.get(source.language):
            return Markup("")
        return self.isolate(source.title[source.language], source.language)

    @property
    def map_text_in_svg(self) -> bool:
        """Whether a map's labels are SVG text (browsers shape it) or HTML laid over the drawing."""
        return True

    # --- notes -------------------------------------------------------------------------------
    # One numbering for web pages and printed briefings: a note is keyed by the passage it quotes
    # (or the claim it gives), numbered in order of first use, and keeps its number when cited
    # again. The contexts differ only in how a note's body and its calls are laid out.
    def note_numbers(self, citations: Iterable[model.Citation] = (), claims: Iterable[str] = ()) -> list[int]:
        """The numbers of the notes a passage calls: its citations, then its claims."""
        citations, all_claims = list(citations), self.dossier.claims
        numbers = [self._number(f"c|{c.source}|{c.paragraph}|{c.quote}", partial(self.citation_note, c))
                   for c in citations]
        numbers += [self._number(f"k|{ident}", partial(self.claim_note, all_claims[ident])) for ident in claims]
        for cit in citations + [c for ident in claims for c in all_claims[ident].citations]:
            self._note_sources.setdefault(cit.source)
        return numbers

    def note_sources(self) -> list[model.Source]:
        """The sources the page's notes quote, in the order of first use: the page's list of sources,
        which describes each once so that a note can name it short."""
        return [self.dossier.sources[ident] for ident in self._note_sources]

    def _number(self, key: str, body: Callable[[], Markup]) -> int:
        if key not in self._note_keys:
            self.notes.append(Note(len(self.notes) + 1, body()))
            self._note_keys[key] = len(self.notes)
        return self._note_keys[key]

    def cite(self, citations: Iterable[model.Citation] = (), claims: Iterable[str] = ()) -> Markup:
        """The note calls for a passage's citations and claims."""
        return self.calls(self.note_numbers(citations, claims))

    def calls(self, numbers: list[int]) -> Markup:
        """How note calls are written: a footnote reference on the web, a superscript in print."""
        raise NotImplementedError

    def citation_note(self, cit: model.Citation) -> Markup:
        """The body of a note that quotes one passage."""
        raise NotImplementedError

    def claim_note(self, claim: model.Claim) -> Markup:
        """The body of a note that gives a claim, its claimant and the passages it rests on."""
        raise NotImplementedError

    def quoted(self, cit: model.Citation) -> Markup:
        """The verbatim quote between the reader's quotation marks, isolated in its own direction."""
        source = self.dossier.sources[cit.source]
        open_mark, _, close_mark = self._("“%(quote)s”").partition("%(quote)s")
        return Markup(f"{self.esc(open_mark)}{self.isolate(cit.quote, source.language)}{self.esc(close_mark)}")

    def translation(self, cit: model.Citation) -> str | None:
        """The quote's translation into the reader's language, when the source is in another."""
        text = cit.translation.get(self.lang)
        return text if text and self.lang != self.dossier.sources[cit.source].language else None

    def passage(self, passage: model.Passage) -> Markup:
        return self.t(passage.text) + self.cite(passage.citations, passage.claims)

    # --- review ------------------------------------------------------------------------------
    def draft_mark(self, record: publish.Reviewed) -> Markup:
        """A small "draft" label beside a record that is not reviewed; only previews show drafts."""
        if publish.is_public(record):
            return Markup("")
        return Markup('<span class="draft-mark" title="{0}">{1}</span>').format(
            self._("Draft: not yet reviewed"), self._("status:draft"))

    def is_draft(self, record: publish.Reviewed) -> bool:
        return not publish.is_public(record)

    def draft_banner(self, kind: str) -> Markup:
        """The notice at the top of a draft's own page (a briefing, an incident, a source)."""
        return Markup('<div class="admonition warning draft-banner"><p class="admonition-title">{0}</p>'
                      '<p>{1}</p></div>').format(self._("Draft: not yet reviewed"), self._(f"draft-banner:{kind}"))

    def reviewer(self, who: str) -> str:
        """A reviewer's name as the page's language writes it, from the dossier's list of reviewers."""
        listed = self.dossier.reviewers.get(who)
        return i18n.pick(listed.name, self.lang)[0] if listed else who

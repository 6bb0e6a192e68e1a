"""The page helpers that web pages and printed briefings share: language pick, isolation of text in
another direction, dates and numbers, figures and ranges in words, and the one numbering of notes.

Templates call these and nothing else; `site.context.SiteContext` adds what only web pages have,
`pdf.context.PrintContext` what only print has.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from markupsafe import Markup

from generator import shipped
from generator.factbase import model, publish
from generator.factbase.check import disagreements
from generator.text.escape import md
from generator.views import geo, i18n, locator


@lru_cache(maxsize=1)
def _outlines() -> tuple[geo.Country, ...]:
    """The shipped country outlines, decoded once for every map of a build."""
    return geo.decode(shipped.outlines())


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


def _disputed_by_incident(dossier: model.Dossier) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for group in disagreements(dossier):
        for claim in group:
            out.setdefault(claim.incident or "", set()).add(claim.id)
    return out


@dataclass
class Note:
    """One numbered footnote: a source passage, or a claim with its passages."""

    number: int
    body: Markup


@dataclass
class PageContext:
    """Helpers bound to one page in one language; templates call these and nothing else."""

    dossier: model.Dossier
    lang: str
    path: str  # the page's path under docs/, e.g. "incidents/x.md"
    notes: list[Note] = field(default_factory=list)
    _note_keys: dict[str, int] = field(default_factory=dict)

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

    def num(self, value: int | float) -> str:
        return i18n.format_number(value, self.lang)

    # --- links -------------------------------------------------------------------------------
    def href(self, target: str, anchor: str = "") -> str:
        return relative(target, self.path) + (f"#{anchor}" if anchor else "")

    def link(self, label: Markup | str, target: str, anchor: str = "") -> Markup:
        # one f-string of escaped parts: links are the most frequent thing a page is made of
        return Markup(f"[{self.esc(label)}]({self.href(target, anchor)})")

    def external(self, url: str) -> Markup:
        """A link out of the site; the schema admits only http(s) addresses without spaces or quotes."""
        return Markup('<a href="{0}" rel="noopener">{0}</a>').format(url)

    def actor(self, ident: str) -> Markup:
        actor = self.dossier.actors.get(ident)
        return self.link(self.t(actor.name), "actors.md", ident) if actor else self.esc(ident)

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
        return self.link(self.t(place.name), "places.md", place.id) if place else Markup("")

    def source(self, ident: str) -> Markup:
        source = self.dossier.sources.get(ident)
        return self.link(self.t(source.title), f"sources/{ident}.md") if source else self.esc(ident)

    def original_title(self, source: model.Source) -> Markup:
        """The title in the source's own language, when that is not the page's and the record has it:
        what to search for. Isolated with its language and direction (a French or an Urdu title)."""
        if source.language == self.lang or not source.title.get(source.language):
            return Markup("")
        return self.isolate(source.title[source.language], source.language)

    def kept(self, key: tuple[object, ...], compute: Callable[[], Markup]) -> Markup:
        """A text that depends on the dossier, this kind of page (web or print) and language alone, and
        on nothing else of the page: made once per build, though thousands of pages show it."""
        texts: dict[tuple[object, ...], Markup] = self.dossier.memo(f"texts:{type(self).__name__}:{self.lang}", dict)
        if key not in texts:
            texts[key] = compute()
        return texts[key]

    def source_label(self, source: model.Source) -> Markup:
        """Title (publisher, date): how a note names its source, on the web and in print."""
        return self.kept(("source label", source.id), lambda: self._source_label(source))

    def _source_label(self, source: model.Source) -> Markup:
        comma = self.esc(self._(",")) + Markup(" ")
        publisher = self.t(source.publisher) + comma if source.publisher else Markup("")
        return self.t(source.title) + Markup(" (") + publisher + self.esc(self.date(source.published)) + \
            Markup(")")

    # --- maps --------------------------------------------------------------------------------
    def incident_places(self, incident: model.Incident) -> list[model.Place]:
        """An incident's place and what it lies within, up to its country: the map's context."""
        found: list[model.Place] = []
        place = self.dossier.places.get(incident.place or "")
        while place is not None and place not in found:
            found.append(place)
            if place.coordinates and place.coordinates.precision == "country":
                break
            place = self.dossier.places.get(place.within or "")
        return found

    def briefing_places(self, briefing: model.Briefing) -> list[model.Place]:
        """The places of a briefing's incidents, each once."""
        found: dict[str, model.Place] = {}
        for ident in briefing.incidents:
            incident = self.dossier.incidents.get(ident)
            for place in self.incident_places(incident) if incident else []:
                found.setdefault(place.id, place)
        return list(found.values())

    def locator_map(self, places: Iterable[model.Place], map_id: str) -> Markup:
        """A locator map of the places that have coordinates, with the list of them as its caption;
        nothing when none has. The same figure on web pages and in print."""
        markers, shown = [], []
        for place in places:  # `layout` puts them in its own order: any order gives the same map
            c = place.coordinates
            if c is None:
                continue
            name, lang = i18n.pick(place.name, self.lang)
            shorter = sorted((a for a in place.aliases.get(lang, []) if len(a) < len(name)), key=lambda a: (len(a), a))
            markers.append(locator.Marker(place.id, c.lon, c.lat, c.precision, (name, *shorter), lang))
            shown.append(place)
        plan = locator.layout(_outlines(), markers, lambda code: i18n.territory_name(code, self.lang),
                              lambda km: self._("%(n)s km") % {"n": self.num(km)})
        if plan is None:
            return Markup("")
        names = Markup(self.esc(self._(",")) + Markup(" ")).join(
            self.t(p.name) for p in sorted(shown, key=lambda p: i18n.pick(p.name, self.lang)[0]))
        before, _, after = self._("On the map: %(places)s").partition("%(places)s")
        space = Markup(" ") if before.endswith(" ") else Markup("")  # print's escaping trims the edges
        title = self._("Locator map")
        drawing = (locator.svg if self.map_text_in_svg else locator.overlaid)(plan, self.lang, title, map_id)
        return Markup('<figure class="locator-map">') + drawing + Markup("<figcaption>") + self.esc(before.rstrip()) + \
            space + names + self.esc(after) + Markup("</figcaption></figure>")

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
        numbers = [self._number(f"c|{c.source}|{c.paragraph}|{c.quote}", lambda c=c: self.citation_note(c))
                   for c in citations]
        all_claims = self.dossier.claims
        numbers += [self._number(f"k|{ident}", lambda ident=ident: self.claim_note(all_claims[ident]))
                    for ident in claims]
        return numbers

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

    def paragraph_label(self, pid: str) -> str:
        return self._("paragraph %(n)s") % {"n": self.num(int(pid[1:]))}

    def passage(self, passage: model.Passage) -> Markup:
        return self.t(passage.text) + self.cite(passage.citations, passage.claims)

    # --- incidents ---------------------------------------------------------------------------
    def claim_groups(self, incident: model.Incident) -> list[tuple[str, list[model.Claim]]]:
        """Claims grouped by topic, in order of first appearance, for the claims table."""
        groups: dict[str, list[model.Claim]] = {}
        for claim in incident.claims:
            groups.setdefault(claim.topic, []).append(claim)
        return list(groups.items())

    def topic(self, topic: str) -> Markup:
        """A topic's label from the dossier's own `topics`; the generator knows no subject's words."""
        label = self.dossier.topics.get(topic)
        return self.t(label) if label else self.esc(topic.replace("-", " "))

    def value(self, claim: model.Claim) -> Markup:
        """A claim's structured value as a reader reads it: a number, a period, or the actor named."""
        if claim.figure is not None:
            return self.esc(self.figure(claim.figure))
        if claim.period is not None:
            return self.esc(self.range(claim.period.start, claim.period.end))
        if claim.answer is not None:
            return self.actor(claim.answer)
        return Markup("")

    def derived(self, claim: model.Claim) -> Markup:
        """Beside a value that is the editors' reading rather than the text's: how they read it."""
        if not claim.derived:
            return Markup("")
        label, _, rest = self._("editors' reading: %(text)s").partition("%(text)s")
        return Markup(' <span class="derived">(') + self.esc(label) + self.t(claim.derived) + self.esc(rest) + \
            Markup(")</span>")

    def figure(self, figure: model.Figure) -> str:
        if figure.numberless:
            return self._(f"alone:{figure.qualifier}")
        if figure.value is None:
            low, high = figure.low, figure.high
            number = f"{self.num(low or 0)}–{self.num(high)}" if high is not None else self.num(low or 0)
            if high is not None and self.dir == "rtl":
                number = f"\u2066{number}\u2069"  # a range reads left to right, isolated (LRI … PDI)
            return self.counted(figure.unit, high if high is not None else low or 0, number)
        phrase = self.counted(figure.unit, figure.value, self.num(figure.value))
        if figure.qualifier == "exactly":
            return phrase
        return self._(f"qualifier:{figure.qualifier}") % {"n": phrase}

    def counted(self, unit: str, count: int, number: str) -> str:
        """`number` with the unit in the plural form `count` takes in this language (people: bare)."""
        if unit == "people":
            return number
        return i18n.ngettext_for(self.lang, f"unit:{unit}", f"unit:{unit}:plural", count) % {"n": number}

    def claimed_range(self, claims: list[model.Claim]) -> str:
        """The spread of numbers across claimants, shown as a range, never as one number."""
        points = []
        for claim in claims:
            f = claim.figure
            if f is not None:
                value = f.value if f.value is not None else (f.low if f.low is not None else f.high)
                if value is not None:
                    points.append((value, f.bounds[1] is None))
        if not points:
            return ""
        low, high = min(v for v, _ in points), max(v for v, _ in points)
        text = self.num(low) if low == high else f"{self.num(low)}–{self.num(high)}"
        return text + ("+" if any(v == high and open_top for v, open_top in points) else "")

    def range_label(self, party: str) -> Markup:
        label = self._("Claimed range for %(party)s:")
        before, _, after = label.partition("%(party)s")
        return self.esc(before) + self.actor(party) + self.esc(after)

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
        """A reviewer's name as the page's language writes it: roles such as the desk are translated."""
        named = self._(f"reviewer:{who}")
        return who if named == f"reviewer:{who}" else named

    def disputed(self, incident: model.Incident) -> set[str]:
        """Ids of claims that disagree with another claim on the same topic and party."""
        return self.dossier.memo("disputed", lambda: _disputed_by_incident(self.dossier)).get(incident.id, set())

    def any_disputed(self, claims: list[model.Claim], disputed: set[str]) -> bool:
        return any(c.id in disputed for c in claims)

    def parties(self, claims: list[model.Claim]) -> list[tuple[str | None, list[model.Claim]]]:
        grouped: dict[str | None, list[model.Claim]] = {}
        for claim in claims:
            grouped.setdefault(claim.figure.party if claim.figure else None, []).append(claim)
        return list(grouped.items())

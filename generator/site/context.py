"""What the web pages need beyond the shared page helpers: cross-links, badges, the incident's
infobox, chart and JSON-LD, source-page back-references, glossary order and the home page's news.

`SiteContext` is what the Markdown templates get as `p`; it extends the `PageContext` that print
shares (`views.context`), and lays out notes as Markdown footnotes.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import quote

from markupsafe import Markup

from generator.factbase import model, publish
from generator.review.diff import Change
from generator.review.history import Commit, History
from generator.site import chart
from generator.site.xref import CrossIndex, Target, first_mentions, target
from generator.text import arabic, verbatim
from generator.text.escape import md, md_block_html
from generator.text.seedtext import Paragraph
from generator.views import i18n
from generator.views.context import PageContext
from generator.views.templates import called_directly


def sort_key(name: str, lang: str) -> tuple[str, str]:
    """Alphabetical order in the language's own way: Arabic ignores the article and hamza seats."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if lang == "ar":
        text = arabic.sortable(text)
    else:
        text = text.casefold()
        text = text[4:] if text.startswith("the ") else text
    return text, name


@dataclass(frozen=True)
class PartyRange:
    """The figures claimed for one party on one topic: the claims, their spread, and whether they disagree."""

    party: str
    claims: list[model.Claim]
    range: str
    disputed: bool


@called_directly
@dataclass
class SiteContext(PageContext):
    index: CrossIndex | None = None
    linked: set[str] = field(default_factory=set)
    history: History = field(default_factory=History)

    @property
    def xref(self) -> CrossIndex:
        if self.index is None:
            self.index = CrossIndex(self.dossier)
        return self.index

    # --- files outside the pages ------------------------------------------------------------
    def html_href(self, page: str, anchor: str = "") -> str:
        """A page's address for raw HTML, which MkDocs does not rewrite (pages are `x.html`: see mkdocs.yml)."""
        return self.href(page[:-3] + ".html" if page.endswith(".md") else page, anchor)

    def site_file(self, path: str) -> str:
        """A file at the site's root (data/, pdf/), seen from this page; other languages live one level down."""
        rel = self.href(path)
        return rel if self.lang == self.dossier.languages[0] else "../" + rel

    def download(self, path: str, label: str) -> Markup:
        return Markup('<a href="{0}" download>{1}</a>').format(self.site_file(path), label)

    def pdf_link(self, briefing: model.Briefing) -> Markup:
        """The briefing's PDF in this page's language."""
        return Markup('<a class="pdf-link" href="{0}" type="application/pdf">{1}</a>').format(
            self.site_file(f"pdf/{briefing.id}.{self.lang}.pdf"), self._("Download this briefing as PDF"))

    def language_name(self, code: str) -> str:
        """A language's name in the page's language ("Arabic" / "العربية")."""
        from babel import Locale, UnknownLocaleError
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self.lang) or code
        except (ValueError, UnknownLocaleError):
            return code

    # --- text with links to the glossary ------------------------------------------------------
    def passage(self, passage: model.Passage) -> Markup:
        """A paragraph whose first mention of each actor on the page links to the glossary."""
        value, lang = i18n.pick(passage.text, self.lang)
        if lang != self.lang:
            return self.t(passage.text) + self.cite(passage.citations, passage.claims)
        out: list[Markup] = []
        at = 0
        actors = self.dossier.memo("actors", lambda: list(self.dossier.actors.values()))
        for start, end, ident in first_mentions(value, lang, actors, self.linked):
            self.linked.add(ident)
            out.append(self.esc(value[at:start]))
            out.append(self.link(value[start:end], "actors.md", ident))
            at = end
        out.append(self.esc(value[at:]))
        return Markup("").join(out) + self.cite(passage.citations, passage.claims)

    # --- badges ------------------------------------------------------------------------------
    def badge(self, scale: str, grade: str) -> Markup:
        """A small grade badge that links to the page explaining the scale."""
        folder = self.path.rpartition("/")[0]   # the link is relative: the same in every page of a folder
        return self.kept(("badge", scale, grade, folder), lambda: self._badge(scale, grade))

    def _badge(self, scale: str, grade: str) -> Markup:
        meaning = self._(f"{scale}:{grade}")
        label = self.esc(self._("reliability" if scale == "reliability" else "credibility"))
        return Markup(f'<a class="grade grade-{scale} grade-{scale}-{grade.lower()}" '
                      f'href="{self.html_href("grades.md", f"{scale}-{grade.lower()}")}" title="') + \
            md(f"{label}: {meaning}") + Markup(f'">{grade}</a>')

    def reliability(self, source: model.Source) -> Markup:
        return self.badge("reliability", source.reliability.grade) if source.reliability else Markup("")

    def credibility(self, claim: model.Claim) -> Markup:
        return self.badge("credibility", claim.credibility.grade) if claim.credibility else Markup("")

    def source_badge(self, source: model.Source) -> Markup:
        """Shown after a cited source."""
        return Markup(" ") + self.reliability(source) if source.reliability else Markup("")

    def claim_badge(self, claim: model.Claim) -> Markup:
        """Shown before a cited claim."""
        return self.credibility(claim) + Markup(" ") if claim.credibility else Markup("")

    # --- notes: Markdown footnotes -------------------------------------------------------------
    def calls(self, numbers: list[int]) -> Markup:
        """Footnote references, in the order the passage first calls them."""
        return Markup("".join(f"[^{n}]" for n in dict.fromkeys(numbers)))

    def citation_note(self, cit: model.Citation) -> Markup:
        """The source and paragraph, linked to the passage on the source page; the quote; its translation."""
        source = self.dossier.sources[cit.source]
        comma, where = self.esc(self._(",")), self.esc(self.paragraph_label(cit.paragraph))
        label = Markup(f"{self.source_label(source)}{comma} {where}")
        linked = self.link(label, f"sources/{source.id}.md", cit.paragraph)
        body = f"{linked}{self.source_badge(source)}: {self.quoted(cit)}"
        translation = self.translation(cit)
        return Markup(f"{body} — {self.esc(translation)}" if translation else body)

    def claim_note(self, claim: model.Claim) -> Markup:
        """The claimant, a link to the claim's row in its incident's table, and every passage it rests on."""
        return self.claim_badge(claim) + self.esc(self._("Claim by")) + Markup(" ") + \
            self.actor(claim.claimant) + Markup(" (") + \
            self.link(self._("claims table"), f"incidents/{claim.incident}.md", f"claim-{claim.id}") + \
            Markup("): ") + Markup(self.esc(self._(";")) + " ").join(self.citation_note(c) for c in claim.citations)

    def scales(self) -> list[tuple[str, list[str]]]:
        return [("reliability", list(model.RELIABILITY)), ("credibility", list(model.CREDIBILITY))]

    # --- cross-references --------------------------------------------------------------------
    def target_label(self, target: Target) -> Markup:
        return self.kept(("target label", target.kind, target.id), lambda: self._target_label(target))

    def _target_label(self, target: Target) -> Markup:
        d = self.dossier
        if target.kind == "claim":
            claim = d.claims[target.id]
            return self.topic(claim.topic) + Markup(" — ") + self.t(d.actors[claim.claimant].name) \
                if claim.claimant in d.actors else self.topic(claim.topic)
        if target.kind == "incident":
            return self.t(d.incidents[target.id].title)
        if target.kind == "briefing":
            return self.t(d.briefings[target.id].title)
        if target.kind == "source":
            return self.t(d.sources[target.id].title)
        if target.kind == "event":
            return self.esc(self.date(d.events[target.id].date))
        if target.kind == "place":
            return self.t(d.places[target.id].name)
        return self.t(d.actors[target.id].name)

    def target_link(self, target: Target) -> Markup:
        return self.link(self.target_label(target), target.page, "" if target.anchor == "top" else target.anchor)

    def target_links(self, targets: Iterable[Target]) -> Markup:
        """Records linked where they live, as a list in the page's language ("Cited by: a، b")."""
        return self.join(self.target_link(t) for t in targets)

    def cited_by(self, source: model.Source, pid: str) -> list[Target]:
        return self.xref.cited_by.get((source.id, pid), [])

    def appears_in(self, actor: model.Actor) -> list[Target]:
        return self.xref.appears_in.get(actor.id, [])

    def kind_label(self, target: Target) -> str:
        return self._(f"record:{target.kind}")

    def related_actors(self, incident: model.Incident) -> list[str]:
        return self.xref.related_actors(incident)

    # --- incidents ---------------------------------------------------------------------------
    def sides(self, incident: model.Incident) -> list[tuple[Markup, list[str]]]:
        """Participants grouped by the side they were on, in order of first appearance."""
        groups: dict[str, tuple[Markup, list[str]]] = {}
        for part in incident.participants:
            label = self.t(part.side)
            groups.setdefault(str(label), (label, []))[1].append(part.actor)
        return list(groups.values())

    def claimed_periods(self, incident: model.Incident) -> list[model.Claim]:
        """Claims that state when the incident itself happened (their period starts within it), when
        they do not all agree; periods of earlier events that an incident's claims mention are left out."""
        last = (incident.end or incident.start).value
        periods = [c for c in incident.claims if c.period is not None
                   and incident.start.value[:len(c.period.start.value)] <= c.period.start.value <= last]
        return periods if len({(c.period.start, c.period.end) for c in periods if c.period}) > 1 else []

    def party_ranges(self, claims: list[model.Claim], disputed: set[str]) -> list[PartyRange]:
        """Above a topic's claims table: for each party that two or more claims count, the spread of
        their figures (never one number) and whether they disagree."""
        out = []
        for party, counted in self.parties(claims):
            spread = self.claimed_range(counted) if party and len(counted) > 1 else ""
            if party and spread:
                out.append(PartyRange(party, counted, spread, counted[0].id in disputed))
        return out

    def events_of(self, incident: model.Incident) -> list[model.TimelineEvent]:
        """The dossier's timeline events that belong to this incident, in timeline order."""
        by_incident = self.dossier.memo("events by incident", lambda: _events_by_incident(self.dossier))
        return by_incident.get(incident.id, [])

    def chart(self, incident: model.Incident, topic: str, party: str | None, claims: list[model.Claim]) -> Markup:
        """A bar chart of the claimed figures, where two or more claimants give numbers."""
        bars = []
        labels = self.tight_names(c.claimant for c in claims)
        for claim in claims:
            f = claim.figure
            if f is None or f.numberless:
                continue
            low, high = f.bounds
            if low is None and high is not None:
                low, high = 0, high
            bars.append(chart.Bar(labels[claim.claimant], low or 0, high, self.figure(f)))
        if len(bars) < 2:
            return Markup("")
        title = str(i18n.pick(self.dossier.topics.get(topic, {}), self.lang)[0] or topic)
        if party and party in self.dossier.actors:
            title += " — " + self.full_name(party)
        return Markup('<figure class="claims-chart">') + chart.svg(
            bars, title, self.dir == "rtl", f"chart-{topic}-{party or 'all'}") + Markup("</figure>")

    def json_ld(self, incident: model.Incident) -> Markup:
        """schema.org Event data for search engines and tools; every `<` is written `\\u003c`, valid JSON
        that can neither end the script nor open a comment in it."""
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "Event",
            "name": i18n.pick(incident.title, self.lang)[0], "inLanguage": self.lang,
            "startDate": incident.start.value,
            "description": " ".join(i18n.pick(p.text, self.lang)[0] for p in incident.summary),
        }
        if incident.end:
            data["endDate"] = incident.end.value
        place = self.dossier.places.get(incident.place or "")
        if place:
            location: dict[str, Any] = {"@type": "Place", "name": i18n.pick(place.name, self.lang)[0]}
            if place.coordinates:
                location["geo"] = {"@type": "GeoCoordinates", "latitude": place.coordinates.lat,
                                   "longitude": place.coordinates.lon}
            data["location"] = location
        actors = [self.dossier.actors[p.actor] for p in incident.participants if p.actor in self.dossier.actors]
        if actors:
            data["actor"] = [{"@type": "Person" if a.kind == "person" else "Organization",
                              "name": i18n.pick(a.name, self.lang)[0]} for a in actors]
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
        text = text.replace("<", "\\u003c")
        return Markup('<script type="application/ld+json">\n') + Markup(text) + Markup("\n</script>")

    # --- sources -----------------------------------------------------------------------------
    def paragraph_html(self, source: model.Source, paragraph: Paragraph) -> Markup:
        """A source paragraph as HTML, with every cited passage marked."""
        spans = [found for quote in self.xref.quotes_at.get((source.id, paragraph.id), [])
                 if (found := verbatim.find_quote(paragraph.text, quote))]
        out: list[str] = []   # every piece escaped here, joined once
        at = 0
        for start, end in _merge(spans):
            out.append(md_block_html(paragraph.text[at:start]) if start > at else "")
            out.append(f"<mark>{md_block_html(paragraph.text[start:end])}</mark>")
            at = end
        out.append(md_block_html(paragraph.text[at:]))
        return Markup("".join(out))

    def fragment_link(self, source: model.Source, pid: str) -> Markup:
        """A link to the original that lands on the first cited passage (a URL text fragment)."""
        if not source.url:
            return Markup("")
        quotes = self.xref.quotes_at.get((source.id, pid), [])
        if not quotes:
            return Markup("")
        words = sorted(quotes, key=lambda q: (len(q), q))[0].split()
        if len(words) > 8:
            fragment = f"{_fragment(' '.join(words[:4]))},{_fragment(' '.join(words[-4:]))}"
        else:
            fragment = _fragment(" ".join(words))
        return Markup('<a class="to-original" href="{0}#:~:text={1}" rel="noopener" title="{2}">↗</a>').format(
            source.url.split("#")[0], Markup(fragment), self._("Open the original at this passage"))

    # --- history: when a page's content was reviewed and changed --------------------------------
    def behind(self) -> tuple[list[Any], list[str]]:
        """The records a page shows and the files they come from (a source page: its seed too)."""
        d, path = self.dossier, self.path
        stem = path.rsplit("/", 1)[-1][:-3]
        records: list[Any]
        if path.startswith("incidents/") and stem in d.incidents:
            records = [d.incidents[stem], *d.incidents[stem].claims]
        elif path.startswith("briefings/") and stem in d.briefings:
            records = [d.briefings[stem]]
        elif path.startswith("sources/") and stem in d.sources:
            records = [d.sources[stem]]
        else:
            records = {"actors.md": list(d.actors.values()), "places.md": list(d.places.values()),
                       "timeline.md": list(d.timeline), "incidents/index.md": list(d.incidents.values()),
                       "briefings/index.md": list(d.briefings.values()),
                       "sources/index.md": list(d.sources.values())}.get(path, [])
        files = [r.loc.path for r in records] + [f"seeds/{r.file}" for r in records if isinstance(r, model.Source)]
        return records, sorted(set(files))

    def last_reviewed(self) -> Markup:
        """"Last reviewed 1 December 2026 by the editorial desk": the latest signed review on the page."""
        records, _ = self.behind()
        signed = [r.review for r in records if r.review.on is not None and publish.is_public(r)]
        if not signed:
            return Markup("")
        latest = max(signed, key=lambda r: (r.on.value, r.by or ""))
        text = self._("Last reviewed %(date)s by %(who)s") if latest.by else self._("Last reviewed %(date)s")
        return self.esc(text % {"date": self.date(latest.on), "who": self.reviewer(latest.by or "")})

    def last_changed(self) -> Markup:
        """"Last changed 1 December 2026 (commit 6a4f6c9)", from git; nothing outside a repository."""
        _, files = self.behind()
        commit = self.history.last_change(files)
        if commit is None:
            return Markup("")
        return self.esc(self._("Last changed %(date)s (commit %(commit)s)") % {
            "date": self.date(commit.date), "commit": commit.short})

    def recent_commits(self) -> list[Commit]:
        """The recent commits that changed published records (or withdrew ones that were), for the Changes page."""
        return [c for c in self.history.commits if self.published_changes(c) or not c.complete]

    def published_changes(self, commit: Commit) -> list[Change]:
        """A commit's changes that a reader of this site may see: to records it publishes, and the
        removal of records that were reviewed (a draft's edits stay private)."""
        shown = []
        for change in commit.changes:
            if change.sign == "-":
                review = change.record.get("review") if isinstance(change.record.get("review"), dict) else {}
                if review.get("status") in publish.PUBLIC:
                    shown.append(change)
            elif self._record(change.kind, change.id) is not None or self._withdrawn(change):
                shown.append(change)
        return shown

    def _withdrawn(self, change: Change) -> bool:
        """A reviewed record set back to draft: it leaves the site, and the Changes page says so."""
        return change.review is not None and change.review[0] in publish.PUBLIC and change.review[1] not in publish.PUBLIC

    def _record(self, kind: str, ident: str) -> Any:
        return self.dossier if kind == "dossier" else self.dossier.records(kind).get(ident)

    def change_link(self, change: Change) -> Markup:
        """The changed record, linked where this site shows it."""
        label = self.esc(self._(f"record:{change.kind}")) + Markup(" ") + self.ltr(change.id or "")
        record = self._record(change.kind, change.id) if change.sign != "-" and not self._withdrawn(change) else None
        if record is None or change.kind == "dossier":
            return label
        home = target(self.dossier, model.Owner(change.kind, change.id))
        return self.link(label, home.page, "" if home.anchor == "top" else home.anchor)

    def change_summary(self, change: Change) -> Markup:
        """What changed, in the page's language: the fields, and how the review moved."""
        if change.sign != "~" or self._withdrawn(change):
            return self.esc(self._("added" if change.sign == "+" else "withdrawn"))
        names = list(dict.fromkeys(f.name.split(".")[0].split("[")[0] for f in change.fields))
        parts = [self.esc(self._("changed")) + Markup(": ") + self.join(names)]
        if change.review:
            parts.append(self.esc(self._("review: %(old)s → %(new)s") % {
                "old": self._(f"status:{change.review[0] or 'draft'}"),
                "new": self._(f"status:{change.review[1] or 'draft'}")}))
        if change.to_check:
            parts.append(self.esc(self._("a translation to check")))
        return Markup(self.esc(self._(";")) + " ").join(parts)

    # --- glossary and home -------------------------------------------------------------------
    def alphabetical(self, records: Iterable[Any]) -> list[Any]:
        return sorted(records, key=lambda r: sort_key(i18n.pick(r.name, self.lang)[0], self.lang))

    def newest_first(self, records: Iterable[model.Briefing | model.Incident]) -> list[Any]:
        """Briefings by date, incidents by start, the latest first (ties keep id order)."""
        return sorted(records, key=lambda r: r.date if isinstance(r, model.Briefing) else r.start, reverse=True)

    def latest(self, limit: int = 8) -> list[tuple[model.PartialDate, Markup]]:
        """The newest dated things in the dossier: briefings, reviews and sources, newest first."""
        items: list[tuple[model.PartialDate, str, Markup]] = []
        for b in self.dossier.briefings.values():
            items.append((b.date, f"b{b.id}", self.esc(self._("Briefing")) + Markup(": ") +
                          self.link(self.t(b.title), f"briefings/{b.id}.md")))
        for s in self.dossier.sources.values():
            if s.published:
                items.append((s.published, f"s{s.id}", self.esc(self._("Source")) + Markup(": ") + self.source(s.id)))
        for kind, records in (("actor", self.dossier.actors), ("place", self.dossier.places),
                              ("incident", self.dossier.incidents)):
            for ident, record in records.items():
                if record.review.on and record.review.status != "draft":
                    home = target(self.dossier, model.Owner(kind, ident))
                    items.append((record.review.on, f"r{kind}{ident}", self.esc(self._("Reviewed")) + Markup(": ") +
                                  self.target_link(home)))
        items.sort(key=lambda item: (item[0].value, item[1]), reverse=True)
        return [(date, body) for date, _key, body in items[:limit]]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching passages become one marked stretch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _fragment(text: str) -> str:
    """Percent-encode text for a URL text fragment (where '-', ',' and '&' are syntax)."""
    return quote(text, safe="").replace("-", "%2D")


def _events_by_incident(dossier: model.Dossier) -> dict[str, list[model.TimelineEvent]]:
    out: dict[str, list[model.TimelineEvent]] = {}
    for event in dossier.timeline:
        out.setdefault(event.incident or "", []).append(event)
    return out

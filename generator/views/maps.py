"""Locator maps on web pages and in print: which places a page maps, and the figure with its caption.
Reached by templates as `p.maps`."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup

from generator import shipped
from generator.factbase import model
from generator.views import geo, i18n, locator
from generator.views.page import Page
from generator.views.templates import called_directly


@lru_cache(maxsize=1)
def _outlines() -> tuple[geo.Country, ...]:
    """The shipped country outlines, decoded once for every map of a build."""
    return geo.decode(shipped.outlines())


@called_directly
class Maps:
    """One page's maps, in its language."""

    def __init__(self, p: Page) -> None:
        self.p = p

    def incident_places(self, incident: model.Incident) -> list[model.Place]:
        """An incident's place and what it lies within, up to its country: the map's context."""
        places = self.p.dossier.places
        found: list[model.Place] = []
        place = places.get(incident.place or "")
        while place is not None and place not in found:
            found.append(place)
            if place.coordinates and place.coordinates.precision == "country":
                break
            place = places.get(place.within or "")
        return found

    def within(self, place: model.Place) -> tuple[str, ...]:
        """Every place the dossier puts `place` within, nearest first (a loop is followed once)."""
        found: list[str] = []
        outer = self.p.dossier.places.get(place.within or "")
        while outer is not None and outer.id not in found and outer.id != place.id:
            found.append(outer.id)
            outer = self.p.dossier.places.get(outer.within or "")
        return tuple(found)

    def briefing_places(self, briefing: model.Briefing) -> list[model.Place]:
        """The places of a briefing's incidents, each once."""
        found: dict[str, model.Place] = {}
        for ident in briefing.incidents:
            incident = self.p.dossier.incidents.get(ident)
            for place in self.incident_places(incident) if incident else []:
                found.setdefault(place.id, place)
        return list(found.values())

    def locator_map(self, places: Iterable[model.Place], map_id: str) -> Markup:
        """A locator map of the places that have coordinates, with the list of them as its caption;
        nothing when none has. The same figure on web pages and in print."""
        p = self.p
        markers, shown = [], []
        for place in places:  # `layout` puts them in its own order: any order gives the same map
            c = place.coordinates
            if c is None:
                continue
            name, lang = i18n.pick(place.name, p.lang)
            shorter = sorted((a for a in place.aliases.get(lang, []) if len(a) < len(name)), key=lambda a: (len(a), a))
            markers.append(locator.Marker(place.id, c.lon, c.lat, c.precision, (name, *shorter), lang,
                                          self.within(place)))
            shown.append(place)
        plan = locator.layout(_outlines(), markers, lambda code: i18n.territory_name(code, p.lang),
                              lambda km: p._("%(n)s km") % {"n": p.num(km)})
        if plan is None:
            return Markup("")
        ordered = p.alphabetical(shown)
        names = Markup(p.esc(p._(",")) + Markup(" ")).join(p.t(place.name) for place in ordered)
        before, _, after = p._("On the map: %(places)s").partition("%(places)s")
        space = Markup(" ") if before.endswith(" ") else Markup("")  # print's escaping trims the edges
        # the drawing's accessible name says what it shows: its places, not just "Locator map"
        title = p._("Locator map of %(places)s") % {
            "places": i18n.format_list((i18n.pick(place.name, p.lang)[0] for place in ordered), p.lang)}
        drawing = (locator.svg if p.map_text_in_svg else locator.overlaid)(plan, p.lang, title, map_id)
        return Markup('<figure class="locator-map">') + drawing + Markup("<figcaption>") + p.esc(before.rstrip()) + \
            space + names + p.esc(after) + Markup("</figcaption></figure>")

"""What only an incident's web page draws: the chart of claimed figures and its schema.org data, on
top of the analysis web and print share (`views.incident`). Reached by templates as `p.incident`."""
from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.factbase import model, revisions
from generator.site import chart
from generator.site.page import SitePage
from generator.views import i18n
from generator.views.incident import IncidentAnalysis
from generator.views.templates import called_directly


@called_directly
class SiteIncident(IncidentAnalysis):
    p: SitePage

    def chart(self, incident: model.Incident, topic: str, party: str | None, claims: list[model.Claim]) -> Markup:
        """A bar chart of what claimants say now, where two or more give numbers; the claims that give
        none ("some", "dozens") are listed under it, never drawn."""
        p = self.p
        claims = revisions.current(p.dossier, claims)
        bars = []
        labels = p.tight_names(c.claimant for c in claims)
        for claim in claims:
            f = claim.figure
            if f is None or f.numberless:
                continue
            low, high = f.bounds
            bars.append(chart.Bar(labels[claim.claimant], low or 0, high, p.wording.figure(f), f.qualifier))
        if len(bars) < 2:
            return Markup("")
        title = str(i18n.pick(p.dossier.topics.get(topic, {}), p.lang)[0] or topic)
        if party and party in p.dossier.actors:
            title += " — " + p.full_name(party)
        drawn = chart.svg(bars, title, p.dir == "rtl", f"chart-{topic}-{party or 'all'}",
                          axis_label=p._("Figure claimed"), number=p.num)
        numberless = [c for c in claims if c.figure is not None and c.figure.numberless]
        caption = Markup("")
        if numberless:
            caption = Markup("<figcaption>") + p.fill("Claims without a number, not drawn: %(claims)s", claims=p.join(
                p.actor_name(c.claimant) + Markup(": ") + p.wording.value(c)
                for c in numberless)) + Markup("</figcaption>")
        return Markup('<figure class="claims-chart">') + drawn + caption + Markup("</figure>")

    def json_ld(self, incident: model.Incident) -> Markup:
        """schema.org Event data for search engines and tools; every `<` is written `\\u003c`, valid JSON
        that can neither end the script nor open a comment in it."""
        lang, dossier = self.p.lang, self.p.dossier
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "Event",
            "name": i18n.pick(incident.title, lang)[0], "inLanguage": lang,
            "startDate": incident.start.value,
            "description": " ".join(i18n.pick(p.text, lang)[0] for p in incident.summary),
        }
        if incident.end:
            data["endDate"] = incident.end.value
        place = dossier.places.get(incident.place or "")
        if place:
            location: dict[str, Any] = {"@type": "Place", "name": i18n.pick(place.name, lang)[0]}
            if place.coordinates:
                location["geo"] = {"@type": "GeoCoordinates", "latitude": place.coordinates.lat,
                                   "longitude": place.coordinates.lon}
            data["location"] = location
        actors = [dossier.actors[p.actor] for p in incident.participants if p.actor in dossier.actors]
        if actors:
            data["actor"] = [{"@type": "Person" if a.kind == "person" else "Organization",
                              "name": i18n.pick(a.name, lang)[0]} for a in actors]
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
        text = text.replace("<", "\\u003c")
        return Markup('<script type="application/ld+json">\n') + Markup(text) + Markup("\n</script>")

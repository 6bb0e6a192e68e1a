"""A page's history for its readers: when what it shows was last reviewed and changed, and the
Changes page's list of what recent commits did to published records. Reached by templates as
`p.history`; the records behind a page are the ones `views.addresses.shown_on` names."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.factbase import model, publish
from generator.review.diff import Change
from generator.review.history import Commit
from generator.site.crossrefs import CrossLinks
from generator.site.page import SitePage
from generator.views import addresses
from generator.views.templates import called_directly


@called_directly
class PageHistory:
    def __init__(self, p: SitePage) -> None:
        self.p = p

    def behind(self) -> tuple[list[Any], list[str]]:
        """The records a page shows and the files they come from (a source page: its seed too)."""
        records = addresses.shown_on(self.p.dossier, self.p.path)
        files = [r.loc.path for r in records] + [f"seeds/{r.file}" for r in records if isinstance(r, model.Source)]
        return records, sorted(set(files))

    def last_reviewed(self) -> Markup:
        """"Last reviewed 1 December 2026 by the editorial desk": the latest signed review on the page."""
        p = self.p
        records, _ = self.behind()
        signed = [r.review for r in records if r.review.on is not None and publish.is_public(r)]
        if not signed:
            return Markup("")
        latest = max(signed, key=lambda r: (r.on.value, r.by or ""))
        text = p._("Last reviewed %(date)s by %(who)s") if latest.by else p._("Last reviewed %(date)s")
        return p.esc(text % {"date": p.date(latest.on), "who": p.reviewer(latest.by or "")})

    def last_changed(self) -> Markup:
        """"Last changed 1 December 2026 (commit 6a4f6c9)", from git; nothing outside a repository."""
        p = self.p
        _, files = self.behind()
        commit = p.repo_history.last_change(files)
        if commit is None:
            return Markup("")
        return p.esc(p._("Last changed %(date)s (commit %(commit)s)") % {
            "date": p.date(commit.date), "commit": commit.short})

    def recent_commits(self) -> list[Commit]:
        """The recent commits that changed published records (or withdrew ones that were), for the Changes page."""
        return [c for c in self.p.repo_history.commits if self.published_changes(c) or not c.complete]

    def published_changes(self, commit: Commit) -> list[Change]:
        """A commit's changes that a reader of this site may see: to records it publishes, and the
        removal of records that were reviewed (a draft's edits stay private)."""
        shown = []
        for change in commit.changes:
            if change.sign == "-":
                review = change.record.get("review")
                if isinstance(review, dict) and review.get("status") in publish.PUBLIC:
                    shown.append(change)
            elif self._record(change.kind, change.id) is not None or _withdrawn(change):
                shown.append(change)
        return shown

    def _record(self, kind: str, ident: str) -> Any:
        return self.p.dossier if kind == "dossier" else self.p.dossier.records(kind).get(ident)

    def change_link(self, change: Change) -> Markup:
        """The changed record as a reader knows it: its name in the page's language, linked where this site shows
        it, and its kind ("CSP-PSD (actor)"). A record the site no longer shows is named by its last name, or by
        its id when it had none (a claim); the dossier's own settings are just "the dossier's description"."""
        p = self.p
        kind = p.esc(p._(f"record:{change.kind}"))
        if change.kind == "dossier":
            return kind
        record = self._record(change.kind, change.id) if change.sign != "-" and not _withdrawn(change) else None
        name = self._last_name(change) if record is None else \
            CrossLinks(p).link(addresses.target(p.dossier, model.Owner(change.kind, change.id)))
        return name + Markup(" (") + kind + Markup(")")

    def _last_name(self, change: Change) -> Markup:
        named = change.record.get("name") or change.record.get("title")
        if isinstance(named, dict) and any(isinstance(v, str) and v for v in named.values()):
            return self.p.t({k: v for k, v in named.items() if isinstance(v, str)})
        return self.p.ltr(change.id)

    def field_label(self, name: str) -> str:
        """A changed field as the page's language names it ("short" is "short name", «الاسم المختصر»), never
        the YAML key; `tests/test_history.py` holds every field of every record in both catalogues."""
        return self.p._(f"field:{name}")

    def change_summary(self, change: Change) -> Markup:
        """What changed, in the page's language: the fields, and how the review moved."""
        p = self.p
        if change.revision_of and not _withdrawn(change):   # a claimant's figure that changed, not a new one
            revised = p.dossier.claims.get(change.revision_of)
            name = CrossLinks(p).label(addresses.target(p.dossier, model.Owner("claim", revised.id))) if revised \
                else p.ltr(change.revision_of)
            return p.esc(p._("revised (an update of %(claim)s)")) % {"claim": name}
        if change.sign != "~" or _withdrawn(change):
            return p.esc(p._("added" if change.sign == "+" else "withdrawn"))
        names = list(dict.fromkeys(f.name.split(".")[0].split("[")[0] for f in change.fields))
        parts = [p.esc(p._("changed")) + Markup(": ") + p.join(self.field_label(n) for n in names)]
        if change.review:
            parts.append(p.esc(p._("review: %(old)s → %(new)s") % {
                "old": p._(f"status:{change.review[0] or 'draft'}"),
                "new": p._(f"status:{change.review[1] or 'draft'}")}))
        if change.to_check:
            parts.append(p.esc(p._("a translation to check")))
        return Markup(p.esc(p._(";")) + " ").join(parts)


def _withdrawn(change: Change) -> bool:
    """A reviewed record set back to draft: it leaves the site, and the Changes page says so."""
    return change.review is not None and change.review[0] in publish.PUBLIC and change.review[1] not in publish.PUBLIC

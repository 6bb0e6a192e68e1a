"""The editing operations (`generator.edit`) and their command line: from articles to a published incident
with no file edited by hand, and every way an edit is refused with nothing written."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from conftest import HERE, briefing

from generator import edit
from generator.errors import BriefingError
from generator.extract.ingest import ingest
from generator.extract.propose import extract
from generator.factbase.check import run
from generator.factbase.yamlio import plain, read
from generator.scaffold import init

DEV = HERE / "fixtures" / "dev"
SOURCE, OTHER = "nepal-earthquake-2015", "sudan-wad-al-noura-2024"


def _seed(root: Path, lang: str) -> str:
    """The first article of the development corpus in `lang`, as a seed with a title and a date."""
    corpus = yaml.safe_load((DEV / f"{lang}.yaml").read_text(encoding="utf-8"))
    article = corpus["passages"][0]["article"]
    passages = [p for p in corpus["passages"] if p["article"] == article]
    body = "\n\n".join(p["text"] for p in passages)
    (root / "seeds" / f"{article}.txt").write_text(f"# {article}\n\nPublished: {passages[0]['published']}\n\n{body}\n",
                                                   encoding="utf-8")
    return str(article)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("edit") / "dossier"
    init(root)
    assert {_seed(root, "en"), _seed(root, "ar")} == {SOURCE, OTHER}
    ingest(root)
    extract(root)
    return root


@pytest.fixture
def dossier(extracted: Path, tmp_path: Path) -> Path:
    import shutil
    root = tmp_path / "dossier"
    shutil.copytree(extracted, root)
    return root


def _proposal(root: Path, source: str, span: str) -> dict[str, object]:
    return next(p for p in edit.proposals(root, source) if p["span"] == span)


def hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "content").rglob("*")) if p.is_file()}


def ok(*args: str, root: Path) -> str:
    result = briefing("--root", str(root), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert briefing("--root", str(root), "fmt", "--check").returncode == 0   # every write is canonical
    return result.stdout


def refused(*args: str, root: Path) -> str:
    before = hashes(root)
    result = briefing("--root", str(root), *args)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    assert hashes(root) == before, "a refused edit wrote something"
    return result.stdout + result.stderr   # the problems, with the others on stdout; the last word on stderr


def test_the_command_line_takes_articles_to_a_published_incident(dossier: Path) -> None:
    """The issue's path: new, promote a name (an actor, a place with coordinates) and a figure, set,
    review, build; no file is edited by hand."""
    police = _proposal(dossier, SOURCE, "Nepal Police")["id"]
    nepal = _proposal(dossier, SOURCE, "Nepal")["id"]
    out = ok("promote", SOURCE, str(police), "--as", "actor", root=dossier)
    assert "wrote nepal-police at content/actors/nepal-police.yaml:1" in out and "to do:" in out
    ok("promote", SOURCE, str(nepal), "--as", "place", root=dossier)
    place = plain(read(dossier / "content/places/nepal.yaml")[0])
    assert place["name"] == {"en": "Nepal", "ar": "نيبال"} and place["kind"] == "country"
    assert abs(float(place["coordinates"]["lat"]) - 28.2) < 1 and place["coordinates"]["precision"] == "country"
    ok("new", "incident", "nepal-quake-2015", "--date", "2015-04-25", "--place", "nepal",
       "--title", "en=Nepal earthquake", "--title", "ar=زلزال نيبال", root=dossier)
    figure = next(p for p in edit.proposals(dossier, SOURCE) if p["kind"] == "figures" and p.get("value") == "2430")
    out = ok("promote", SOURCE, str(figure["id"]), "--incident", "nepal-quake-2015", "--claimant", "nepal-police",
             "--topic", "killed", "--id", "police-2430", root=dossier)
    assert "credibility" in out   # what is left to do is said
    dossier_yaml = plain(read(dossier / "content/dossier.yaml")[0])
    assert dossier_yaml["topics"]["killed"] == {"en": "Killed", "ar": "القتلى"}
    # not ready: nothing is signed, and the reasons are listed
    reasons = refused("review", "--by", "editorial-desk", "nepal-quake-2015", "police-2430", root=dossier)
    assert "missing translation" in reasons and "credibility" in reasons
    ok("set", "nepal-police", "name.ar=الشرطة النيبالية", "description.en=Nepal's national police.",
       "description.ar=الشرطة الوطنية في نيبال.", "citations.1.translation.ar=الشرطة النيبالية", root=dossier)
    ok("set", "nepal-quake-2015", "summary.1.text.en=An earthquake struck Nepal.",
       "summary.1.text.ar=ضرب زلزال نيبال.", root=dossier)
    ok("set", "police-2430", "text.ar=قالت الشرطة إن 2430 شخصا قتلوا.", "citations.1.translation.ar=قالت الشرطة إن "
       "2430 شخصا قتلوا.", "credibility.grade=2", "credibility.reason.en=An official count.",
       "credibility.reason.ar=حصيلة رسمية.", root=dossier)
    ok("set", "nepal", "citations.1.translation.ar=نيبال", root=dossier)
    ok("set", SOURCE, "title.ar=حصيلة زلزال نيبال", "publisher.en=A newsroom", "publisher.ar=غرفة أخبار",
       "reliability.grade=C", "reliability.reason.en=One report.", "reliability.reason.ar=تقرير واحد.",
       "url=https://example.org/nepal", root=dossier)
    ok("review", "--by", "editorial-desk", "nepal-quake-2015", "police-2430", "nepal-police", "nepal", SOURCE,
       root=dossier)
    result = briefing("--root", str(dossier), "build")
    assert result.returncode == 0, result.stderr
    published = json.loads((dossier / "site/data/dossier.json").read_text(encoding="utf-8"))
    text = json.dumps(published, ensure_ascii=False)
    assert "police-2430" in text and "nepal-quake-2015" in text and "nepal-police" in text
    assert "28.249" in text   # the place's coordinates, from the gazetteer
    assert "police-2430" in (dossier / "site/incidents/nepal-quake-2015.html").read_text(encoding="utf-8")
    assert "police-2430" in (dossier / "site/ar/incidents/nepal-quake-2015.html").read_text(encoding="utf-8")


def test_a_new_record_takes_every_citation_given(dossier: Path) -> None:
    """`--cite` given twice once kept only the last."""
    names = [p for p in edit.proposals(dossier, SOURCE) if p["kind"] == "names"][:2]
    cites = [("--cite", SOURCE, str(p["paragraph"]), str(p["span"])) for p in names]
    ok("new", "actor", "twice-cited", "--title", "en=Twice cited", "--kind", "organisation",
       *[part for cite in cites for part in cite], root=dossier)
    actor = plain(read(dossier / "content/actors/twice-cited.yaml")[0])
    assert [(c["paragraph"], c["quote"]) for c in actor["citations"]] == [(c[2], c[3]) for c in cites]


def test_an_edit_that_would_add_an_error_is_refused_with_it(dossier: Path) -> None:
    said = refused("set", SOURCE, "reliability.grade=Z", root=dossier)
    assert "content/sources/nepal-earthquake-2015.yaml:" in said and "nothing was written" in said
    assert "no key 'colour'" in refused("set", SOURCE, "colour=red", root=dossier)
    assert "not KEY=VALUE" in refused("set", SOURCE, "publisher", root=dossier)
    assert "did you mean" in refused("set", "nepal-earthqake-2015", "url=https://x.org", root=dossier)
    assert "not a valid id" in refused("new", "incident", "../../etc", "--date", "2020", root=dossier)
    assert "needs its date" in refused("new", "incident", "x", root=dossier)
    assert "cites where a source says it" in refused("new", "actor", "x", "--kind", "person", root=dossier)
    assert "not a reviewer" in refused("review", "--by", "stranger", SOURCE, root=dossier)
    assert "no incident 'nowhere'" in refused("promote", SOURCE, "fig-p1-1", "--incident", "nowhere", "--claimant",
                                               "x", root=dossier)


def test_a_file_changed_since_it_was_read_is_not_overwritten(dossier: Path) -> None:
    rel = f"content/sources/{SOURCE}.yaml"
    seen = edit.version(dossier, rel)
    path = dossier / rel
    path.write_text(path.read_text(encoding="utf-8") + "# an editor's note, added meanwhile\n", encoding="utf-8")
    changed = path.read_bytes()
    with pytest.raises(edit.Stale, match="changed on disk since it was read"):
        edit.set_values(dossier, SOURCE, {"publisher.en": "A newsroom"}, expected={rel: seen})
    assert path.read_bytes() == changed
    done = edit.set_values(dossier, SOURCE, {"publisher.en": "A newsroom"}, expected={rel: edit.version(dossier, rel)})
    assert done.path == path and "# an editor's note, added meanwhile" in path.read_text(encoding="utf-8")


def test_comments_and_line_endings_are_kept(dossier: Path) -> None:
    path = dossier / f"content/sources/{SOURCE}.yaml"
    text = path.read_text(encoding="utf-8").replace("title:", "# the title as the seed gives it\ntitle:")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    edit.set_values(dossier, SOURCE, {"title.ar": "زلزال نيبال", "url": "https://example.org/a"})
    data = path.read_bytes()
    assert b"# the title as the seed gives it\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert plain(read(path)[0])["title"]["ar"] == "زلزال نيبال"
    edit.set_values(dossier, SOURCE, {"url": ""})   # an empty value takes the key out
    assert "url" not in plain(read(path)[0])


def test_names_become_aliases_and_citations_of_what_exists(dossier: Path) -> None:
    police = _proposal(dossier, SOURCE, "Nepal Police")["id"]
    edit.promote_name(dossier, SOURCE, str(police), "actor")
    arabic = next(p for p in edit.proposals(dossier, OTHER) if p["kind"] == "names")
    edit.attach(dossier, "nepal-police", OTHER, str(arabic["id"]), "alias")
    edit.attach(dossier, "nepal-police", OTHER, str(arabic["id"]), "citation")
    actor = plain(read(dossier / "content/actors/nepal-police.yaml")[0])
    assert actor["aliases"]["ar"] == [arabic["span"]]
    assert [c["source"] for c in actor["citations"]] == [SOURCE, OTHER]
    with pytest.raises(edit.EditError, match="already"):
        edit.promote_name(dossier, SOURCE, str(police), "actor")


def test_every_draft_is_signed_at_once_or_none_is(dossier: Path) -> None:
    edit.set_values(dossier, "dossier", {"reviewers.amina.name.en": "Amina", "reviewers.amina.name.ar": "أمينة"})
    before = hashes(dossier)
    with pytest.raises(edit.EditError):   # the Arabic source has no English title yet, nor a grade
        edit.review(dossier, "amina", None)
    assert hashes(dossier) == before
    for source, lang in ((SOURCE, "ar"), (OTHER, "en")):
        edit.set_values(dossier, source, {f"title.{lang}": "t", "publisher.en": "p", "publisher.ar": "ن",
                                          "reliability.grade": "F", "reliability.reason.en": "r",
                                          "reliability.reason.ar": "س"})
    signed = edit.review(dossier, "amina", None, on="2026-12-07")
    assert {w.ident for w in signed} == {SOURCE, OTHER}
    dossier_model, problems = run(dossier)
    assert dossier_model is not None and not problems.errors
    assert dossier_model.sources[SOURCE].review.by == "amina"
    edit.unreview(dossier, [SOURCE])
    assert run(dossier)[0].sources[SOURCE].review.status == "draft"   # type: ignore[union-attr]


def test_a_briefing_gets_a_key_point_per_claim_and_an_event_joins_the_timeline(dossier: Path) -> None:
    edit.promote_name(dossier, SOURCE, str(_proposal(dossier, SOURCE, "Nepal Police")["id"]), "actor")
    edit.new(dossier, "incident", "quake", {"start": "2015-04-25", "title.en": "Quake"})
    figure = next(p for p in edit.proposals(dossier, SOURCE) if p["kind"] == "figures" and p.get("value") == "2430")
    claim = edit.promote(dossier, SOURCE, str(figure["id"]), "quake", claimant="nepal-police", topic="killed")
    assert claim.ident == "nepal-police-killed-2430"
    edit.new(dossier, "briefing", "week", {"date": "2015-05-01", "title.en": "The week"}, claims=[claim.ident])
    made = plain(read(dossier / "content/briefings/week.yaml")[0])
    assert made["key_points"][0]["claims"] == [claim.ident] and made["incidents"] == ["quake"]
    event = edit.new(dossier, "event", "quake-strikes", {"date": "2015-04-25", "incident": "quake",
                                                          "text.en": "The earthquake strikes.",
                                                          "citations.1.source": SOURCE, "citations.1.paragraph": "p1",
                                                          "citations.1.quote": "magnitude 7.8 earthquake"})
    assert event.path.name == "timeline.yaml"
    assert run(dossier)[0].events["quake-strikes"].incident == "quake"   # type: ignore[union-attr]


def test_an_edit_of_two_files_is_written_whole_or_not_at_all(dossier: Path) -> None:
    """When the second file cannot be written, the first gets its bytes back."""
    from generator.edit.document import Document, State, commit
    state = State.read(dossier)
    path = dossier / f"content/sources/{SOURCE}.yaml"
    before = path.read_bytes()
    first = Document.open(state, path)
    first.data["url"] = "https://example.org/first"
    blocked = dossier / "content" / "timeline.yaml" / "x.yaml"   # a file where its folder should be
    second = Document.new(state, blocked, "actor", {"id": "x"})
    with pytest.raises(BriefingError, match="cannot write"):
        commit(state, [first, second])
    assert path.read_bytes() == before

"""`briefing extract` and `briefing promote`: proposals cut verbatim from the sources, and claims made from them."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import HERE, MINI, PROJECT, briefing, copy_dossier

from generator.edit import promote
from generator.errors import BriefingError
from generator.extract.ingest import ingest
from generator.extract.mentions import Gazetteer
from generator.extract.propose import KINDS, extract, proposals_file, read_paragraph
from generator.factbase.check import run
from generator.factbase.load import load
from generator.factbase.yamlio import plain, read
from generator.progress import Bar
from generator.text import figures, verbatim
from generator.text.language import detect

NEW_ARTICLES = HERE / "fixtures" / "extract"
CNN, KYIV, ARABIC = "cnn-2024-07-30", "kyiv-post-2024-07-29", "arabic-report-timbuktu-2021"
INCIDENT = "content/incidents/tinzaouaten-ambush-2024.yaml"

# Every casualty or strength figure the three shipped articles state: paragraph, exact span, values.
SEED_FIGURES: dict[str, list[tuple[str, str, dict[str, object]]]] = {
    CNN: [
        ("p1", "more than a dozen bodies",
         {"value": 12, "qualifier": "more-than", "unit": "people", "event": "killed"}),
        ("p3", "several white men", {"qualifier": "several", "unit": "people"}),
        ("p6", "killing 50 Russians", {"value": 50, "qualifier": "exactly", "unit": "people", "event": "killed"}),
        ("p6", "a number of Malian soldiers", {"qualifier": "some", "unit": "people"}),
        ("p6", "several vehicles", {"qualifier": "several", "unit": "vehicles"}),
        ("p6", "dozens of bodies", {"qualifier": "dozens", "unit": "people", "event": "killed"}),
        ("p6", "some Malian troops", {"qualifier": "some", "unit": "people"}),
        ("p7", "as many as 80 Russians were killed", {"value": 80, "qualifier": "as-many-as", "event": "killed"}),
        ("p15", "three", {"value": 3, "qualifier": "exactly"}),
        ("p17", "more than half-a-million subscribers",
         {"value": 500000, "qualifier": "more-than", "unit": "subscribers"}),
        ("p19", "more than 80 men were killed", {"value": 80, "qualifier": "more-than", "unit": "people",
                                                 "event": "killed"}),
        ("p19", "more than 15 had been captured", {"value": 15, "qualifier": "more-than", "event": "captured"}),
        ("p21", "not as high as 80", {"value": 80, "qualifier": "fewer-than"}),
        ("p21", "only two soldiers had died", {"value": 2, "qualifier": "exactly", "unit": "people",
                                               "event": "killed"}),
        ("p22", "dozens of Russian citizens", {"qualifier": "dozens", "unit": "people"}),
        ("p24", "thousands of men", {"qualifier": "thousands", "unit": "people"}),
        ("p24", "dozens of casualties", {"qualifier": "dozens", "unit": "people"}),
        ("p28", "100", {"value": 100, "unit": "people"}),           # "increase its strength … from 100 to 300 men"
        ("p28", "300 men", {"value": 300, "unit": "people"}),
        ("p31", "five attacks", {"value": 5, "qualifier": "exactly", "unit": "attacks"}),
    ],
    KYIV: [
        ("p4", "an estimated $2.5 billion", {"value": 2500000000, "qualifier": "about", "unit": "usd"}),
        ("p8", "At least 20 Wagner militants were killed",
         {"value": 20, "qualifier": "at-least", "unit": "people", "event": "killed", "party": "wagner-group"}),
        ("p15", "at least two groups", {"value": 2, "qualifier": "at-least", "unit": "groups"}),
        ("p17", "three Russian air bases", {"value": 3, "qualifier": "exactly", "unit": "bases"}),
    ],
    ARABIC: [
        ("p2", "15 دولة", {"value": 15, "qualifier": "exactly", "unit": "countries"}),
        ("p4", "أكثر من 2000 جندي", {"value": 2000, "qualifier": "more-than", "unit": "people"}),
        ("p5", "انقلابين", {"value": 2, "unit": "coups"}),   # the Arabic dual: two coups
        ("p5", "ستة أشهر", {"value": 6, "unit": "months"}),
        ("p5", "وخمس سنوات", {"value": 5, "unit": "years"}),
    ],
}

# The new articles under tests/fixtures/extract/: language, and figures and dates each must yield.
NEW: dict[str, tuple[str, list[tuple[str, dict[str, object]]], list[tuple[str, dict[str, object]]]]] = {
    "storm-en": ("en", [("at least 12 people were killed", {"value": 12, "qualifier": "at-least", "event": "killed"}),
                        ("More than 400 residents", {"value": 400, "qualifier": "more-than", "unit": "people"}),
                        ("as many as 30", {"value": 30, "qualifier": "as-many-as"}),
                        ("about 2,500 homes", {"value": 2500, "qualifier": "about"})],
                 [("Sunday", {"value": "2023-10-15", "basis": "weekday"}),
                  ("Monday", {"value": "2023-10-16", "basis": "weekday"}),
                  ("October 15", {"value": "2023-10-15", "precision": "day"})]),
    "incendie-fr": ("fr", [("Au moins 7 pompiers ont été blessés",
                            {"value": 7, "qualifier": "at-least", "unit": "people", "event": "wounded"}),
                           ("près de 3 000 habitants", {"value": 3000, "qualifier": "about", "unit": "people"}),
                           ("Des dizaines de véhicules", {"qualifier": "dozens", "unit": "vehicles"}),
                           ("deux avions", {"value": 2, "unit": "aircraft"})],
                    [("mardi", {"value": "2023-08-08", "basis": "weekday"}),
                     ("7 au 8 août", {"value": "2023-08-07", "until": "2023-08-08"})]),
    "fayadan-ar": ("ar", [("ما لا يقل عن 25 شخصا حتفهم",
                           {"value": 25, "qualifier": "at-least", "unit": "people", "event": "killed"}),
                          ("وأصيب أكثر من 100", {"value": 100, "qualifier": "more-than", "event": "wounded"}),
                          ("نحو ٣٠٠", {"value": 300, "qualifier": "about"}),
                          ("ثلاثة أيام", {"value": 3, "unit": "days"})],
                   [("الأحد", {"value": "2023-09-10", "basis": "weekday"}),
                    ("9 سبتمبر 2023", {"value": "2023-09-09", "basis": "stated"})]),
    "sailab-ur": ("ur", [("کم از کم 18 افراد ہلاک", {"value": 18, "qualifier": "at-least", "event": "killed"}),
                         ("40 سے زیادہ زخمی", {"value": 40, "qualifier": "more-than", "event": "wounded"}),
                         ("تقریباً ۲۵۰۰", {"value": 2500, "qualifier": "about"})],
                  [("اتوار", {"value": "2023-08-20", "basis": "weekday"}),
                   ("19 اگست", {"value": "2023-08-19", "precision": "day"})]),
}


def shipped_copy(target: Path) -> Path:
    """The shipped dossier's content and seeds, without any proposals, in a folder of its own."""
    target.mkdir(parents=True)
    for name in ("content", "seeds"):
        shutil.copytree(PROJECT / name, target / name, ignore=shutil.ignore_patterns("proposals"))
    return target


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path / "dossier")


@pytest.fixture(scope="session")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = shipped_copy(tmp_path_factory.mktemp("extract") / "dossier")
    extract(root)
    return root


@pytest.fixture(scope="session")
def new_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small dossier with the four new articles ingested (language detected by ingest) and extracted."""
    root = copy_dossier(MINI, tmp_path_factory.mktemp("new") / "mini")
    for article in sorted(NEW_ARTICLES.iterdir()):
        shutil.copy(article, root / "seeds" / article.name)
    ingest(root)
    extract(root)
    return root


def proposals(root: Path, source: str) -> dict[str, Any]:
    node, problems = read(proposals_file(root, source))
    assert not problems
    return plain(node)


def find(entries: list[dict[str, Any]], span: str, paragraph: str | None = None) -> dict[str, Any]:
    hits = [e for e in entries if e["span"] == span and (paragraph is None or e["paragraph"] == paragraph)]
    assert hits, f"{span!r} not proposed; proposed: {[e['span'] for e in entries]}"
    return hits[0]


def agrees(entry: dict[str, Any], expected: dict[str, object]) -> None:
    for key, value in expected.items():
        assert str(entry.get(key)) == str(value), f"{entry['span']!r}: {key} is {entry.get(key)!r}, not {value!r}"


def hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "content").rglob("*")) if p.is_file() and "proposals" not in p.parts}


# --- the shipped seeds ---------------------------------------------------------------------------

@pytest.mark.parametrize("source", sorted(SEED_FIGURES))
def test_every_figure_the_seeds_state_is_proposed_with_its_span(extracted: Path, source: str) -> None:
    figures_found = proposals(extracted, source)["figures"]
    for paragraph, span, expected in SEED_FIGURES[source]:
        agrees(find(figures_found, span, paragraph), expected)


def test_every_span_of_every_seed_passes_the_citation_check(extracted: Path) -> None:
    dossier = load(extracted).dossier
    assert dossier is not None
    counted = 0
    for source in dossier.sources.values():
        data = proposals(extracted, source.id)
        for kind in KINDS:
            for entry in data[kind]:
                paragraph = source.paragraph(entry["paragraph"])
                assert paragraph is not None, entry
                for key in ("span", "speaker", "sentence"):
                    if key in entry:
                        assert entry[key] in paragraph.text, (source.id, entry)
                        assert verbatim.find_quote(paragraph.text, entry[key]) is not None, (source.id, entry)
                        counted += 1
    assert counted > 300


def test_weekdays_resolve_against_the_publication_date(extracted: Path) -> None:
    cnn = proposals(extracted, CNN)["dates"]
    # CNN, published Tuesday 30 July 2024: "JNIM claimed Sunday" is 28 July.
    agrees(find(cnn, "Sunday", "p6"), {"value": "2024-07-28", "precision": "day", "basis": "weekday"})
    agrees(find(cnn, "Friday", "p21"), {"value": "2024-07-26"})
    agrees(find(cnn, "last year", "p27"), {"value": "2023", "precision": "year", "basis": "relative"})
    kyiv = proposals(extracted, KYIV)["dates"]
    agrees(find(kyiv, "Friday, July 25 and 26", "p8"), {"value": "2024-07-25", "until": "2024-07-26"})
    agrees(find(kyiv, "Thursday", "p8"), {"value": "2024-07-25"})
    agrees(find(kyiv, "February 2022", "p4"), {"value": "2022-02", "precision": "month", "basis": "stated"})
    assert not [d for d in kyiv if d["span"] == "Today"], "'Russia Today' is a name, not a date"


def test_dates_of_the_undated_arabic_source_keep_an_unknown_year(extracted: Path) -> None:
    found = proposals(extracted, ARABIC)["dates"]
    agrees(find(found, "24 ديسمبر 2021", "p2"), {"value": "2021-12-24", "basis": "stated"})
    agrees(find(found, "23 ديسمبر", "p2"), {"value": "--12-23", "basis": "year-unknown"})
    agrees(find(found, "1991", "p3"), {"value": "1991", "precision": "year"})
    assert not any(f["span"] == "1991" for f in proposals(extracted, ARABIC)["figures"])


def test_quotations_name_their_speakers(extracted: Path) -> None:
    cnn = proposals(extracted, CNN)["quotes"]
    yusov = [q for q in cnn if q["paragraph"] in ("p10", "p11")]
    assert [q.get("speaker_actor") for q in yusov] == ["andriy-yusov", "andriy-yusov"]
    assert find(cnn, "complex ambush", "p6").get("speaker_actor") == "jnim"
    arabic = proposals(extracted, ARABIC)["quotes"]
    assert find(arabic, "مدربين روس", "p2").get("speaker_actor") == "malian-government"


def test_mentions_and_new_names(extracted: Path) -> None:
    cnn = proposals(extracted, CNN)
    assert find(cnn["mentions"], "JNIM (Jama’at Nusrat al-Islam wal-Muslimin)", "p5")["actor"] == "jnim"
    assert find(cnn["mentions"], "Yusov", "p11")["actor"] == "andriy-yusov"
    assert find(proposals(extracted, KYIV)["names"], "Main Intelligence Directorate")["kind"] == "intelligence-agency"
    # An English name written in Latin letters inside the Arabic article is still found.
    assert find(proposals(extracted, ARABIC)["mentions"], "Assimi Goita")["actor"] == "assimi-goita"


def test_arabic_names_match_through_prefixes_and_spelling_variants() -> None:
    dossier = load(PROJECT).dossier
    assert dossier is not None
    gazetteer = Gazetteer.of(dossier)
    text = "قاتلت القوات المالية وفاغنر، ثم انضم مقاتلون لفاغنر وبفاغنر في جمهوريه افريقيا الوسطي واسيمي غويتا"
    found = {text[m.start:m.end]: m.id for m in gazetteer.find(text)}
    assert found["وفاغنر"] == found["لفاغنر"] == found["وبفاغنر"] == "wagner-group"
    assert found["جمهوريه افريقيا الوسطي"] == "central-african-republic"   # ه for ة, ا for أ, ي for ى
    assert found["واسيمي غويتا"] == "assimi-goita"
    assert "مالي" not in found and "المالية" not in found   # "Malian" is not "Mali"


# --- properties of the command ------------------------------------------------------------------

def test_extract_is_deterministic_and_never_touches_curated_files(shipped: Path) -> None:
    before = hashes(shipped)
    extract(shipped)
    first = {p.name: p.read_bytes() for p in (shipped / "content" / "proposals").iterdir()}
    report = extract(shipped)
    second = {p.name: p.read_bytes() for p in (shipped / "content" / "proposals").iterdir()}
    assert first == second and report.written == [] and len(report.unchanged) == 3
    assert hashes(shipped) == before
    header = second[f"{CNN}.yaml"].decode("utf-8")
    assert header.startswith("# Proposals for the source cnn-2024-07-30, written by `briefing extract`.\n")
    assert "do not edit" in header.split("source:")[0]


def test_load_and_check_do_not_read_proposals(shipped: Path) -> None:
    _, before = run(shipped)
    extract(shipped)
    (shipped / "content" / "proposals" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    _, after = run(shipped)
    assert [str(p) for p in after.sorted()] == [str(p) for p in before.sorted()]


def test_one_source_and_an_unknown_one(shipped: Path) -> None:
    result = briefing("--root", str(shipped), "extract", "--source", KYIV)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (shipped / "content" / "proposals").iterdir()] == [f"{KYIV}.yaml"]
    unknown = briefing("--root", str(shipped), "extract", "--source", "no-such-source")
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert "no source 'no-such-source'" in unknown.stderr and CNN in unknown.stderr


def test_proposals_of_a_removed_source_go_but_foreign_files_stay(shipped: Path) -> None:
    extract(shipped)
    folder = shipped / "content" / "proposals"
    stale = folder / "gone.yaml"
    stale.write_text((folder / f"{CNN}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    foreign = folder / "notes.yaml"
    foreign.write_text("# an editor's own file\nnote: keep\n", encoding="utf-8")
    assert extract(shipped).removed == ["gone"]
    assert not stale.exists() and foreign.exists()


def test_progress_bar_only_for_many_sources() -> None:
    out = io.StringIO()
    bar = Bar(out, threshold=3)
    for done in range(1, 3):
        bar(done, 2, f"s{done}")
    assert out.getvalue() == ""
    for done in range(1, 6):
        bar(done, 5, f"s{done}")
    lines = out.getvalue().splitlines()
    assert len(lines) == 5 and lines[-1].startswith("[" + "#" * 24 + "] 5/5 s5")


def test_cli_help_of_extract_and_promote_has_an_example() -> None:
    for name in ("extract", "promote"):
        result = briefing(name, "--help")
        assert result.returncode == 0 and "Example:" in result.stdout and f"briefing {name}" in result.stdout


# --- articles the generator has never seen -------------------------------------------------------

@pytest.mark.parametrize("article", sorted(NEW))
def test_new_articles_get_their_language_figures_and_dates(new_articles: Path, article: str) -> None:
    language, expected_figures, expected_dates = NEW[article]
    record = (new_articles / "content" / "sources" / f"{article}.yaml").read_text(encoding="utf-8")
    assert f"\nlanguage: {language}\n" in record          # ingest detected it
    data = proposals(new_articles, article)
    assert data["language"] == data["detected_language"] == language
    for span, expected in expected_figures:
        agrees(find(data["figures"], span), expected)
    for span, expected in expected_dates:
        agrees(find(data["dates"], span), expected)


def test_urdu_is_not_arabic_though_both_use_the_arabic_script() -> None:
    for name, (language, _, _) in NEW.items():
        text = (NEW_ARTICLES / f"{name}.md").read_text(encoding="utf-8")
        assert detect(text) == language, name
    assert detect("کم از کم 18 افراد ہلاک ہو گئے") == "ur"
    assert detect("قتل ما لا يقل عن 18 شخصا") == "ar"


def test_names_after_titles_and_speakers_in_new_articles(new_articles: Path) -> None:
    arabic = proposals(new_articles, "fayadan-ar")
    assert find(arabic["names"], "سليمان داود")["kind"] == "person"
    assert find(arabic["quotes"], "الفرق تعمل بلا توقف منذ ثلاثة أيام")["speaker"] == "العقيد سليمان داود"
    english = proposals(new_articles, "storm-en")
    assert find(english["names"], "Helen Carter")["kind"] == "person"
    assert find(english["quotes"], "We have never seen water this high,")["speaker"] == "Mayor Helen Carter"
    assert find(proposals(new_articles, "incendie-fr")["quotes"],
                "La situation reste très préoccupante")["speaker"] == "le préfet Jean Dumas"


def test_a_language_without_rules_still_gets_figures_and_dates() -> None:
    text = "Al menos 12 personas murieron el 3 de marzo de 2024 y otras 40 resultaron heridas el martes."
    found = read_paragraph(text, "es", "2024-03-07", Gazetteer([]), set(), set())
    assert [(f["span"], f["value"]) for f in found["figures"]] == [("12", 12), ("40", 40)]
    assert all("qualifier" not in f for f in found["figures"])   # no rules: no qualifier rather than a wrong one
    assert [(d["span"], d["value"]) for d in found["dates"]] == [("3 de marzo de 2024", "2024-03-03"),
                                                                  ("martes", "2024-03-05")]
    assert figures.find("دو درجن 12 اور ۱۵", "ps")[-1].value == 15   # no lexicon at all: digits still count


# --- promote ------------------------------------------------------------------------------------

def test_promote_appends_a_draft_claim_that_checks(shipped: Path) -> None:
    extract(shipped)
    fig = find(proposals(shipped, CNN)["figures"], "killing 50 Russians", "p6")
    path = shipped / INCIDENT
    original = path.read_text(encoding="utf-8")
    _, before = run(shipped)
    result = briefing("--root", str(shipped), "promote", CNN, fig["id"], "--incident", "tinzaouaten-ambush-2024",
                      "--claimant", "jnim", "--id", "jnim-fifty", "--party", "russian-contingent-tinzaouaten")
    assert result.returncode == 0, result.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: jnim-fifty")
    size = len(lines) - len(original.splitlines())
    indent = len(lines[start]) - len(lines[start].lstrip())  # the file's own list indentation is kept
    added = [line[indent:] for line in lines[start:start + size]]
    assert "\n".join(lines[:start] + lines[start + size:]) + "\n" == original   # only lines were inserted
    assert {"  topic: killed", "    value: 50", "    status: draft"} <= set(added)
    # the figure is cited in its whole sentence, word for word
    assert any(line.startswith("      quote: ") and "killing 50 Russians" in line for line in added), added
    dossier, after = run(shipped)
    assert dossier is not None and dossier.claims["jnim-fifty"].figure.value == 50  # type: ignore[union-attr]
    new = {str(p) for p in after.items} - {str(p) for p in before.items}
    # what an editor still has to do: translate, and grade the claim's credibility
    assert new and all(p.code in ("translation", "ungraded") and p.severity == "warning"
                       for p in after.items if str(p) in new and p.severity != "info"), sorted(new)
    assert any(p.code == "ungraded" for p in after.items if str(p) in new)


def test_promote_a_date_makes_a_period(shipped: Path) -> None:
    extract(shipped)
    date = find(proposals(shipped, KYIV)["dates"], "Friday, July 25 and 26", "p8")
    done = promote(shipped, KYIV, date["id"], "tinzaouaten-ambush-2024", "csp-psd-dates", claimant="csp-psd",
                   topic="fighting-dates")
    dossier, problems = run(shipped)
    assert dossier is not None and not problems.errors
    period = dossier.claims["csp-psd-dates"].period
    assert period is not None and (period.start.value, period.end.value) == ("2024-07-25", "2024-07-26")  # type: ignore[union-attr]
    assert done.path.name == "tinzaouaten-ambush-2024.yaml"


@pytest.mark.parametrize("args, message", [
    (["--incident", "tinzaouaten-ambush-2024", "--claimant", "jnim", "--id", "tza-killed-russians-jnim"],
     "already used"),
    (["--incident", "no-such-incident", "--claimant", "jnim", "--id", "x-new"], "no incident 'no-such-incident'"),
    (["--incident", "tinzaouaten-ambush-2024", "--claimant", "nobody", "--id", "x-new"],
     "no actor 'nobody' for the claimant"),
    (["--incident", "tinzaouaten-ambush-2024", "--claimant", "jnim", "--id", "x-new", "--topic", "weather"],
     "topic 'weather' has no label"),
])
def test_promote_refuses_with_a_clear_message(shipped: Path, args: list[str], message: str) -> None:
    extract(shipped)
    before = hashes(shipped)
    result = briefing("--root", str(shipped), "promote", CNN, "fig-p6-1", *args)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert hashes(shipped) == before


def test_promote_keeps_windows_line_endings(shipped: Path) -> None:
    extract(shipped)
    path = shipped / INCIDENT
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    promote(shipped, KYIV, find(proposals(shipped, KYIV)["dates"], "Friday, July 25 and 26", "p8")["id"],
            "tinzaouaten-ambush-2024", "csp-psd-dates", claimant="csp-psd", topic="fighting-dates")
    data = path.read_bytes()
    assert b"- id: csp-psd-dates\r\n" in data and data.count(b"\n") == data.count(b"\r\n")


def test_promote_into_a_broken_incident_points_at_its_problems(shipped: Path) -> None:
    extract(shipped)
    path = shipped / INCIDENT
    path.write_text(path.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    before = hashes(shipped)
    result = briefing("--root", str(shipped), "promote", CNN, "fig-p6-1", "--incident", "tinzaouaten-ambush-2024",
                      "--claimant", "jnim", "--id", "x-new")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "tinzaouaten-ambush-2024.yaml" in result.stderr and "has problems" in result.stderr
    assert hashes(shipped) == before


def test_promote_refuses_what_is_not_a_figure_date_or_quote(shipped: Path) -> None:
    with pytest.raises(BriefingError, match="run 'briefing extract"):
        promote(shipped, CNN, "fig-p6-1", "tinzaouaten-ambush-2024", "x-new", claimant="jnim")
    extract(shipped)
    with pytest.raises(BriefingError, match="is one of the mentions; a name becomes an actor or a place"):
        promote(shipped, CNN, "mention-p5-1", "tinzaouaten-ambush-2024", "x-new", claimant="jnim")
    with pytest.raises(BriefingError, match="no proposal 'fig-p99-9'"):
        promote(shipped, CNN, "fig-p99-9", "tinzaouaten-ambush-2024", "x-new", claimant="jnim")


def test_a_paragraph_of_many_figures_keeps_its_proposals_short() -> None:
    """A table run together into one paragraph: each figure's context is the words around it, verbatim."""
    text = "Counts by district: " + " ".join(f"district {k} had {k * 3} cases," for k in range(400)) + " in all."
    found = read_paragraph(text, "en", "2024-03-07", Gazetteer([]), set(), set())
    assert len(found["figures"]) >= 400
    for figure in found["figures"]:
        assert figure["span"] in figure["sentence"] and figure["sentence"] in text
        assert len(figure["sentence"]) <= 2 * 150 + len(figure["span"])


def test_a_source_is_read_again_only_when_what_its_proposals_come_from_changed(shipped: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.extract.propose as propose_module

    extract(shipped)
    read: list[str] = []
    original = propose_module.propose

    def counted_propose(source: Any, gazetteer: Any) -> Any:
        read.append(source.id)
        return original(source, gazetteer)

    monkeypatch.setattr(propose_module, "propose", counted_propose)
    monkeypatch.setattr("generator.parallel.os.cpu_count", lambda: 1)   # in this process, so `read` sees it
    assert extract(shipped).written == [] and read == []
    # a new name can be found in every source: all are read again
    actor = shipped / "content" / "actors" / "jnim.yaml"
    text = actor.read_text(encoding="utf-8")
    assert "  en: [JNIM, " in text
    actor.write_text(text.replace("  en: [JNIM, ", "  en: [Nusrat, JNIM, "), encoding="utf-8")
    assert not run(shipped)[1].errors
    assert len(extract(shipped).written) == 3 and sorted(read) == sorted({*read}) and len(read) == 3
    # a proposals file whose stamp does not match what it is made from is made again
    read.clear()
    path = proposals_file(shipped, CNN)
    path.write_text(path.read_text(encoding="utf-8").replace("# made from: ", "# made from: 0"), encoding="utf-8")
    assert extract(shipped).written == [CNN] and read == [CNN]


def test_proposals_read_on_several_cores_are_those_read_on_one(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extract(shipped)
    parallel = {p.name: p.read_bytes() for p in (shipped / "content" / "proposals").iterdir()}
    shutil.rmtree(shipped / "content" / "proposals")
    monkeypatch.setattr("generator.parallel.os.cpu_count", lambda: 1)
    extract(shipped)
    assert {p.name: p.read_bytes() for p in (shipped / "content" / "proposals").iterdir()} == parallel


def test_a_seed_s_direction_marks_stay_out_of_proposals_and_claims(tmp_path: Path) -> None:
    """Records refuse direction controls, and Arabic web text often has an RLM beside a number: extract
    proposes the passage without it, and the claim promoted from it checks."""
    root = copy_dossier(MINI, tmp_path / "mini")
    seed = root / "seeds" / "harbour-ar.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace('"400 عضو', '"\u200f400\u200f عضو'), encoding="utf-8")
    ingest(root)
    extract(root)
    figures = proposals(root, "harbour-ar")["figures"]   # read by the strict loader without a problem
    fig = next(f for f in figures if "400" in f["span"])
    assert "\u200f" not in fig["span"] and "\u200f" not in fig.get("sentence", "")
    result = briefing("--root", str(root), "promote", "harbour-ar", fig["id"], "--incident", "harbour-strike",
                      "--claimant", "dockworkers-union", "--id", "union-400-ar", "--party", "dockworkers-union",
                      "--topic", "strikers")
    assert result.returncode == 0, result.stderr
    _, problems = run(root)
    assert not [str(p) for p in problems.errors if "union-400-ar" in p.message or p.code.startswith("quote")]
    assert not [p for p in problems.items if p.code == "yaml-character"]


def test_extract_gives_the_same_bytes_in_every_process(shipped: Path, tmp_path: Path) -> None:
    """Two runs in processes with different string hashing (PYTHONHASHSEED) write the same proposals, stamp
    included: otherwise every run rewrote every committed proposals file and none was ever skipped."""
    other = copy_dossier(shipped, tmp_path / "other")
    for root, seed in ((shipped, "1"), (other, "2")):
        done = subprocess.run([sys.executable, "-m", "generator", "extract", "--root", str(root)], capture_output=True,
                              text=True, check=False, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
    mine = {p.name: p.read_bytes() for p in (shipped / "content" / "proposals").iterdir()}
    theirs = {p.name: p.read_bytes() for p in (other / "content" / "proposals").iterdir()}
    assert mine and mine == theirs
    again = subprocess.run([sys.executable, "-m", "generator", "extract", "--root", str(other)], capture_output=True,
                           text=True, check=False, env={**os.environ, "PYTHONHASHSEED": "3"})
    assert again.returncode == 0 and again.stdout.startswith("0 written"), again.stdout

"""The copy a careful newsroom writes, in both languages: dates and periods, money, ranges with an open end,
grades, and the interface words the Arabic catalogue settles on. Each rule has one owner
(`views.i18n` for dates and numbers, `views.wording` for figures), and each is asserted to the character."""
from __future__ import annotations

import re
from typing import cast

import pytest
from conftest import spaced

from generator import shipped
from generator.factbase import model
from generator.factbase.model import Dossier, Figure, PartialDate
from generator.views import i18n
from generator.views.context import PageContext


def ctx(lang: str) -> PageContext:
    return PageContext(Dossier({}, {}, ["en", "ar"]), lang, "x.md")


@pytest.mark.parametrize("lang, start, end, shown", [
    ("en", "2024-07-25", "2024-07-27", "July 25–27, 2024"),
    ("ar", "2024-07-25", "2024-07-27", "25–27 يوليو/تموز 2024"),
    ("en", "2024-07-30", "2024-08-02", "July 30 – August 2, 2024"),
    ("ar", "2024-07-30", "2024-08-02", "30 يوليو/تموز – 2 أغسطس/آب 2024"),
    ("en", "2024-12-30", "2025-01-02", "December 30, 2024 – January 2, 2025"),
    ("ar", "2024-12-30", "2025-01-02", "30 ديسمبر/كانون الأول 2024 – 2 يناير/كانون الثاني 2025"),
    ("en", "2024-07", "2024-08", "July – August 2024"),
    ("ar", "2024-07", "2024-08", "يوليو/تموز – أغسطس/آب 2024"),
    ("en", "2024-07-25", "2024-08", "July 25, 2024 – August 2024"),
    ("en", "2023", "2024", "2023–2024"),
    ("en", "2024-07-25", "2024-07-25", "July 25, 2024"),
])
def test_a_period_writes_what_its_ends_share_once(lang: str, start: str, end: str, shown: str) -> None:
    assert spaced(i18n.format_range(PartialDate(start), PartialDate(end), lang)) == shown


def test_arabic_names_every_month_twice_wherever_a_date_is_written() -> None:
    """«يوليو/تموز»: the Egyptian name, then the Levantine one, for a day, a month and a period alike."""
    assert spaced(i18n.format_partial_date(PartialDate("2024-07-28"), "ar")) == "28 يوليو/تموز 2024"
    assert spaced(i18n.format_partial_date(PartialDate("2024-02"), "ar")) == "فبراير/شباط 2024"
    assert spaced(i18n.format_partial_date(PartialDate("2024-07-28"), "en")) == "July 28, 2024"
    assert "/" not in i18n.format_partial_date(PartialDate("2024-07-28"), "fr")


@pytest.mark.parametrize("lang, figure, shown", [
    ("en", Figure(None, 3000000, None, None, "exactly", "usd"), "$3 million"),
    ("ar", Figure(None, 3000000, None, None, "exactly", "usd"), "3 ملايين دولار"),
    ("en", Figure(None, 750000, None, None, "exactly", "usd"), "$750,000"),
    ("ar", Figure(None, 15, None, None, "exactly", "usd"), "15 دولاراً"),
    ("ar", Figure(None, 5, None, None, "exactly", "usd"), "5 دولارات"),
])
def test_money_is_written_as_a_newsroom_writes_it(lang: str, figure: Figure, shown: str) -> None:
    assert spaced(ctx(lang).wording.figure(figure)) == shown


@pytest.mark.parametrize("lang, shown", [("en", "some"), ("ar", "عدد غير محدد")])
def test_a_vague_quantity_alone_is_a_whole_phrase(lang: str, shown: str) -> None:
    assert ctx(lang).wording.figure(Figure(None, None, None, None, "some")) == shown
    assert ctx("ar").wording.figure(Figure(None, None, None, None, "several")) == "عدد غير محدد"


def _claims(*figures: Figure) -> list[model.Claim]:
    class Claimed:
        def __init__(self, figure: Figure) -> None:
            self.figure = figure
    return cast("list[model.Claim]", [Claimed(f) for f in figures])


@pytest.mark.parametrize("lang, shown", [
    ("en", "from 20 to more than 80"), ("ar", "من 20 إلى أكثر من 80")])
def test_a_range_with_an_open_top_says_so_in_words(lang: str, shown: str) -> None:
    claims = _claims(Figure(None, 20, None, None, "at-least"), Figure(None, 50, None, None, "exactly"),
                     Figure(None, 80, None, None, "more-than"))
    assert spaced(ctx(lang).wording.claimed_range(claims)) == shown


@pytest.mark.parametrize("lang, shown", [("en", "20–50"), ("ar", "من 20 إلى 50")])
def test_a_closed_range_of_claims(lang: str, shown: str) -> None:
    claims = _claims(Figure(None, 20, None, None, "at-least"), Figure(None, 50, None, None, "exactly"))
    assert spaced(ctx(lang).wording.claimed_range(claims)) == shown


@pytest.mark.parametrize("lang, scale, grade, shown", [
    ("en", "reliability", "A", "A: completely reliable"),
    ("ar", "reliability", "A", "A: موثوق تماماً"),
    ("en", "credibility", "2", "2: probably true"),
    ("ar", "credibility", "2", "2: صحيحة على الأرجح"),
])
def test_a_grade_reads_as_its_letter_then_its_meaning(lang: str, scale: str, grade: str, shown: str) -> None:
    assert ctx(lang).wording.grade(scale, grade) == shown


def _arabic() -> dict[str, str]:
    catalogue = i18n.translations("ar")._catalog  # type: ignore[attr-defined]
    return {str(k): v for k, v in catalogue.items() if k}


@pytest.mark.parametrize("message, arabic", [
    ("Incidents", "الوقائع"), ("record:incident", "واقعة"), ("Claim", "الرواية"), ("Claimant", "صاحب الرواية"),
    ("Cited by", "ورد الاستشهاد به في"), ("alone:some", "عدد غير محدد"), ("alone:several", "عدد غير محدد"),
    ("also", "أسماء أخرى"),
])
def test_the_arabic_interface_keeps_its_terms(message: str, arabic: str) -> None:
    assert i18n.gettext_for("ar", message) == arabic


def test_no_arabic_label_puts_a_name_where_it_would_take_a_case_ending() -> None:
    """A name is written in its citation form: after a colon or a dash, never after a preposition
    («صادر عن المتمردون الطوارق» is wrong Arabic, «صاحب الرواية: المتمردون الطوارق» is right)."""
    names = ("party", "claimant", "who", "actor")
    wrong = {k: v for k, v in _arabic().items() for name in names
             if re.search(r"(?:عن|بشأن|لـ|من|إلى|مع|في|على)\s*%\(" + name + r"\)s", v)}
    assert wrong == {}
    assert i18n.gettext_for("ar", "Claim by") == "صاحب الرواية:"


def test_no_arabic_phrase_leaves_a_quantifier_standing_alone() -> None:
    """«بعض» and «عدد من» need the noun they count; alone, a newsroom writes «عدد غير محدد»."""
    assert {k: v for k, v in _arabic().items() if re.search(r"^(?:بعض|عدد من)\b|(?:بعض|عدد من) \(", str(v))} == {}


def test_the_arabic_accusative_ending_is_spelled_one_way() -> None:
    """«مصدراً», as the catalogue's prose writes «أيضاً»: the tanween on the letter before the alef."""
    po = (shipped.locale() / "ar" / "LC_MESSAGES" / "briefing.po").read_text(encoding="utf-8")
    assert "\u064b\u0627" not in po and "\u064b\u0651\u0627" not in po
    assert i18n.ngettext_for("ar", "%(n)s source", "%(n)s sources", 13) == "%(n)s\u00a0مصدراً"
    assert i18n.ngettext_for("ar", "%(n)s claim", "%(n)s claims", 13) == "%(n)s\u00a0روايةً"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_number_stays_on_the_line_of_what_it_counts(lang: str) -> None:
    """No line ends between a number and its noun («57 / روايةً», «و15 / دولة»), nor inside a date
    («25 يوليو / 2024») or an amount ("2.5 / billion"): the spaces there are no-break, on the web and in print."""
    p = ctx(lang)
    counted = p.n_("%(n)s claim", "%(n)s claims", 57)
    assert re.fullmatch(r"57\u00a0\S+", counted), counted
    dollars = p.wording.figure(Figure(None, 15, None, None, "exactly", "usd"))
    assert re.search(r"15\u00a0\S", dollars) if lang == "ar" else dollars == "$15"
    assert re.search(r"80\u00a0\S|\S\u00a080", p.wording.figure(Figure(None, 80, None, None, "more-than")))
    for date in (i18n.format_partial_date(PartialDate("2024-07-25"), lang),
                 i18n.format_range(PartialDate("2024-07-25"), PartialDate("2024-07-27"), lang)):
        assert " " not in date and "\u00a0" in date, date
    assert " " not in p.wording.figure(Figure(None, 2_500_000_000, None, None, "exactly", "usd"))
    # two dates of a period may part at the dash, not inside either
    across = i18n.format_range(PartialDate("2024-07-30"), PartialDate("2024-08-02"), lang)
    assert across.count(" ") == 2 and " – " in across

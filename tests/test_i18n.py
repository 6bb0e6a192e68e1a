from __future__ import annotations

import re

from conftest import find, spaced

from generator import shipped
from generator.factbase.model import PartialDate
from generator.views import i18n


def test_arabic_catalog_states_the_cldr_plural_rule_by_hand() -> None:
    po = (shipped.locale() / "ar" / "LC_MESSAGES" / "briefing.po").read_text(encoding="utf-8")
    header = find(r'"Plural-Forms: ([^"]+)\\n"', po).group(1)
    assert header.startswith("nplurals=6;")


def test_arabic_plural_forms_follow_cldr() -> None:
    forms = {n: i18n.ngettext_for("ar", "%(n)s source", "%(n)s sources", n)
             for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103)}
    assert forms[0] == "لا مصادر"
    assert forms[1] == "مصدر واحد"
    assert forms[2] == "مصدران"
    assert forms[3] == forms[10] == forms[103] == "%(n)s\u00a0مصادر"
    assert forms[11] == forms[99] == "%(n)s\u00a0مصدراً"
    assert forms[100] == forms[102] == "%(n)s\u00a0مصدر"


def test_english_plural() -> None:
    assert i18n.ngettext_for("en", "%(n)s source", "%(n)s sources", 1) == "%(n)s\u00a0source"
    assert i18n.ngettext_for("en", "%(n)s source", "%(n)s sources", 2) == "%(n)s\u00a0sources"


def test_dates_shown_only_as_precisely_as_known() -> None:
    assert spaced(i18n.format_partial_date(PartialDate("2024-07-25"), "en")) == "July 25, 2024"
    assert spaced(i18n.format_partial_date(PartialDate("2024-07-25"), "ar")) == "25 يوليو/تموز 2024"
    assert spaced(i18n.format_partial_date(PartialDate("2024-07"), "en")) == "July 2024"
    assert spaced(i18n.format_partial_date(PartialDate("2024-07"), "ar")) == "يوليو/تموز 2024"
    assert spaced(i18n.format_partial_date(PartialDate("2013"), "ar")) == "2013"
    assert i18n.format_partial_date(None, "ar") == "غير مؤرَّخ"


def test_every_english_message_has_an_arabic_translation() -> None:
    en = i18n.translations("en")
    ar = i18n.translations("ar")
    ids = [k for k in en._catalog if isinstance(k, str) and k]  # type: ignore[attr-defined]
    missing = [k for k in ids if ar.gettext(k) == k]
    assert ids and missing == []


def test_direction() -> None:
    assert i18n.direction("ar") == "rtl" and i18n.direction("ur") == "rtl" and i18n.direction("en-GB") == "ltr"


def test_every_interface_language_has_its_catalogue_and_no_catalogue_is_unlisted() -> None:
    """check refuses a dossier language without interface strings: the list it reads must be the catalogues."""
    found = sorted(p.name for p in shipped.locale().iterdir() if (p / "LC_MESSAGES" / "briefing.po").is_file())
    assert found == sorted(shipped.INTERFACE_LANGUAGES)


def test_no_message_is_written_twice_in_a_catalogue() -> None:
    """A repeated msgid is silently dropped by the catalogue reader: the second translation never shows."""
    for lang in shipped.INTERFACE_LANGUAGES:
        po = (shipped.locale() / lang / "LC_MESSAGES" / "briefing.po").read_text(encoding="utf-8")
        ids = re.findall(r'^msgid "(.+)"$', po, re.MULTILINE)
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], lang


def desk_messages() -> set[str]:
    """Every interface string of the desk: its templates' `p._("…")`, its kind and status labels, and the
    refusals of its guards written as plain text (those with an id or a number in them name data)."""
    import ast

    from generator.desk import pages
    found = {m.group(1) for path in (pages.HERE / "templates").glob("*.j2")
             for m in re.finditer(r'p\._\("((?:[^"\\]|\\.)*)"\)', path.read_text(encoding="utf-8"))}
    found |= set(pages.KIND_LABELS.values()) | set(pages.STATUS_LABELS.values())
    for module in ("app.py", "guards.py"):
        tree = ast.parse((pages.HERE / module).read_text(encoding="utf-8"))
        found |= {call.args[1].value for call in ast.walk(tree) if isinstance(call, ast.Call)
                  and getattr(call.func, "id", "") == "Refused" and len(call.args) == 2
                  and isinstance(call.args[1], ast.Constant)}
    return found


def test_every_string_of_the_desk_is_in_every_catalogue() -> None:
    messages = desk_messages()
    assert len(messages) > 80
    for lang in shipped.INTERFACE_LANGUAGES:
        catalogue = i18n.translations(lang)._catalog  # type: ignore[attr-defined]
        assert sorted(m for m in messages if m not in catalogue) == [], lang
    arabic = i18n.translations("ar")
    assert sorted(m for m in messages if arabic.gettext(m) == m) == []

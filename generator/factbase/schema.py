"""Record schemas: one declarative table per record kind, used to validate YAML and build the model.

A schema walks the line-marked nodes from `yamlio`, reports every problem with its position
(unknown keys included, so a misspelt key never silently vanishes) and returns plain values
that `load` turns into model objects. The same tables produce JSON Schema for editors.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from generator.factbase import model
from generator.factbase.yamlio import Map, Seq

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
URL = re.compile(r"^https?://[^\s<>\"]+$")
_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?\d+(\.\d+)?$")
# Ids become file names and anchors: a longer one breaks the file system before it helps a reader.
MAX_SLUG = 80


@dataclass
class Context:
    """What a validation pass needs to know and where it puts what it finds."""

    path: str
    languages: list[str]
    report: Callable[[int, int, str, str, str], None]  # line, col, severity, message, code
    status: str = "draft"
    refs: list[tuple[str, str, int, int]] = field(default_factory=list)  # kind, id, line, col

    def error(self, node: Any, message: str, code: str, parent: Any = None) -> None:
        line, col = position(node, parent)
        self.report(line, col, "error", message, code)

    def warning(self, node: Any, message: str, code: str, parent: Any = None) -> None:
        line, col = position(node, parent)
        self.report(line, col, "warning", message, code)


def position(node: Any, parent: Any = None) -> tuple[int, int]:
    for candidate in (node, parent):
        if hasattr(candidate, "line"):
            return candidate.line, candidate.col
    return 1, 1


class Spec:
    """A type of value. `check` returns the converted value, or None after reporting a problem."""

    description = ""

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


class Text(Spec):
    def __init__(self, description: str = "", pattern: re.Pattern[str] | None = None,
                 hint: str = "") -> None:
        self.description, self.pattern, self.hint = description, pattern, hint

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        if not isinstance(node, str):
            ctx.error(node, f"expected text, found {kind_of(node)}", "type", parent)
            return None
        if not node.strip():
            ctx.error(node, "empty text; write a value or remove the key", "empty", parent)
            return None
        if self.pattern and not self.pattern.match(node):
            ctx.error(node, f"{node!r} is not valid: {self.hint}", "format", parent)
            return None
        return str(node)

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.pattern:
            out["pattern"] = self.pattern.pattern
        if self.description:
            out["description"] = self.description
        return out


class Slug(Text):
    """An id: it ends up in file names and addresses, so its alphabet and length are limited."""

    def __init__(self, description: str = "", reserved: tuple[str, ...] = ()) -> None:
        super().__init__(description, model.SLUG, "use lowercase letters, digits and hyphens, e.g. 'harbour-authority'")
        self.reserved = reserved

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        value = super().check(node, ctx, parent)
        if value is not None and len(value) > MAX_SLUG:
            ctx.error(node, f"{value[:20]}… is {len(value)} characters long; shorten it to at most {MAX_SLUG} "
                      "(and rename the file named after it, if any)", "too-long", parent)
            return None
        if value in self.reserved:
            ctx.error(node, f"{value!r} is reserved for a part the site adds itself ({', '.join(self.reserved)}); "
                      "choose another id", "reserved-id", parent)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        out = {**super().json_schema(), "maxLength": MAX_SLUG}
        if self.reserved:
            out["not"] = {"enum": list(self.reserved)}
        return out


class Language(Text):
    """A BCP 47 code. With `known`, a code Babel has no locale for is flagged: it is most likely a typo,
    and pages would show the bare code where the language's name belongs."""

    def __init__(self, description: str = "", known: bool = False) -> None:
        super().__init__(description, LANG, "a BCP 47 language code such as 'en' or 'ar'")
        self.known = known

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        value = super().check(node, ctx, parent)
        if value is not None and self.known and not known_language(value):
            ctx.warning(node, f"{value!r} is not a language code known to the locale data; write the code of "
                        "the language, such as 'en', 'ar' or 'fr'", "language", parent)
        return value


@cache
def known_language(code: str) -> bool:
    """Whether Babel has a locale for the code's language (its first subtag)."""
    from babel import Locale, UnknownLocaleError
    try:
        Locale.parse(code.split("-")[0])
    except (ValueError, UnknownLocaleError):
        return False
    return True


class Ref(Slug):
    """The id of another record; `check.py` proves that it exists."""

    def __init__(self, kind: str, description: str = "") -> None:
        super().__init__(description or f"the id of a {kind}")
        self.kind = kind

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        value = super().check(node, ctx, parent)
        if value is not None:
            line, col = position(node, parent)
            ctx.refs.append((self.kind, value, line, col))
        return value


class Enum(Text):
    def __init__(self, values: tuple[str, ...] | list[str], description: str = "") -> None:
        super().__init__(description)
        self.values = tuple(values)

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        value = super().check(node, ctx, parent)
        if value is not None and value not in self.values:
            ctx.error(node, f"{value!r} is not one of: {', '.join(self.values)}", "enum", parent)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        # A grade written `3` is a number to an editor's YAML tooling and text to our loader: accept both.
        values: list[Any] = list(self.values)
        values += [int(v) for v in self.values if v.isdigit()]
        return {"enum": values, **({"description": self.description} if self.description else {})}


class Date(Text):
    def __init__(self, description: str = "") -> None:
        super().__init__(description or "YYYY, YYYY-MM or YYYY-MM-DD", _DATE,
                         "write a date as YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known")

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        value = super().check(node, ctx, parent)
        if value is None:
            return None
        wrong = _impossible(value)
        if wrong:
            ctx.error(node, f"{value} is not a date: {wrong}; correct it", "format", parent)
            return None
        return model.PartialDate(value)


def _impossible(value: str) -> str | None:
    """Why a well-formed YYYY[-MM[-DD]] names no real day, or None: the pattern cannot count days per
    month, and pages format every date through the calendar, which refuses such days."""
    year = int(value[:4])
    if year == 0:
        return "there is no year 0 (1 BC is followed by AD 1)"
    if len(value) < 10:
        return None
    month, day = int(value[5:7]), int(value[8:10])
    days = calendar.monthrange(year, month)[1]
    if day > days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return None


class Number(Text):
    def __init__(self, description: str = "", integer: bool = True, low: float | None = None,
                 high: float | None = None) -> None:
        super().__init__(description)
        self.integer, self.low, self.high = integer, low, high

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        value = super().check(node, ctx, parent)
        if value is None:
            return None
        if not (_INT if self.integer else _FLOAT).match(value):
            what = "a whole number" if self.integer else "a number such as 19.4 (no exponent)"
            ctx.error(node, f"{value!r} is not {what}", "number", parent)
            return None
        shown = value if len(value) <= 40 else f"{value[:12]}… ({len(value)} characters)"
        try:
            number: float = int(value) if self.integer else float(value)
        except ValueError:  # int() refuses numbers of more than 4300 digits
            ctx.error(node, f"{shown} is far too large; {self.bounds() or 'write a smaller number'}", "range", parent)
            return None
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            ctx.error(node, f"{shown} is out of range: {self.bounds()}", "range", parent)
            return None
        return number

    def bounds(self) -> str:
        """The allowed range in words, whichever ends it has."""
        low, high = (f"{n:,}" if n is not None else None for n in (self.low, self.high))
        if low is not None and high is not None:
            return f"it must be between {low} and {high}"
        if low is not None:
            return f"it must be {low} or more"
        return f"it must be {high} or less" if high is not None else ""

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer" if self.integer else "number", "description": self.description}
        if self.low is not None:
            out["minimum"] = self.low
        if self.high is not None:
            out["maximum"] = self.high
        return out


class LangMap(Spec):
    """Text per language. A missing dossier language is an error once a record is reviewed."""

    def __init__(self, description: str = "", item: Spec | None = None, complete: bool = True) -> None:
        self.description, self.item, self.complete = description, item or Text(), complete

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        if not isinstance(node, Map):
            ctx.error(node, f"expected a map of languages such as {{en: ..., ar: ...}}, found {kind_of(node)}",
                      "type", parent)
            return None
        out: dict[str, Any] = {}
        for lang, value in node.items():
            kline, kcol = node.key_marks[lang]
            if value is None and node.flow and lang not in ctx.languages:
                ctx.report(kline, kcol, "error", f"{lang!r} has no value: a comma inside {{…}} separates keys, so "
                           "the words after it became a key; put the text in quotes", "comma-key")
                continue
            if not LANG.match(lang):
                ctx.report(kline, kcol, "error", f"{lang!r} is not a language code (BCP 47, e.g. 'en', 'ar')",
                           "language")
                continue
            checked = self.item.check(value, ctx, _At(kline, kcol))
            if checked is not None:
                out[lang] = checked
        if self.complete:
            missing = [lang for lang in ctx.languages if lang not in node]
            if missing:
                severity = "error" if ctx.status in ("reviewed", "published") else "warning"
                line, col = position(parent, node)
                ctx.report(line, col, severity,
                           f"missing translation: {', '.join(missing)}; add it before the record is "
                           f"reviewed", "translation")
        return out

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": {"pattern": LANG.pattern},
                "additionalProperties": self.item.json_schema(),
                **({"description": self.description} if self.description else {})}


class ListOf(Spec):
    """A list; `unique` is True when no item may repeat, or the key (such as "id") no two items may share."""

    def __init__(self, item: Spec, description: str = "", min_items: int = 0, unique: bool | str = False) -> None:
        self.item, self.description, self.min_items, self.unique = item, description, min_items, unique

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        if not isinstance(node, Seq):
            ctx.error(node, f"expected a list (lines starting with '- '), found {kind_of(node)}", "type", parent)
            return None
        if len(node) < self.min_items:
            ctx.error(node, f"needs at least {self.min_items} item(s)", "empty", parent)
        out = []
        for item in node:
            checked = self.item.check(item, ctx, node)
            if checked is not None:
                out.append(checked)
        if self.unique:
            self._check_unique(node, ctx)
        return out

    def _check_unique(self, node: Seq, ctx: Context) -> None:
        """Report each repeat at its own line, naming the line of the first: the repeat is the one to change."""
        first: dict[str, int] = {}
        for item in node:
            key = item
            if isinstance(self.unique, str):
                key = item.get(self.unique) if isinstance(item, Map) else None
            if not isinstance(key, str) or not hasattr(key, "line"):
                continue  # a missing or malformed value is reported by the item's own check
            if key not in first:
                first[key] = key.line
            elif isinstance(self.unique, str):
                ctx.error(key, f"{self.unique} {str(key)!r} is already used at line {first[key]} of this list; "
                          f"give each its own {self.unique}", "duplicate-id")
            else:
                ctx.error(key, f"{str(key)!r} is listed twice (first at line {first[key]}); remove one",
                          "duplicate")

    def json_schema(self) -> dict[str, Any]:
        out = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items}
        if self.unique is True:
            out["uniqueItems"] = True
        return out


class MapOf(Spec):
    """A mapping from slugs (chosen by the editor) to values of one spec."""

    def __init__(self, item: Spec, description: str = "") -> None:
        self.item, self.description = item, description

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        if not isinstance(node, Map):
            ctx.error(node, f"expected a map, found {kind_of(node)}", "type", parent)
            return None
        out = {}
        for key, value in node.items():
            line, col = node.key_marks[key]
            if _KEY.check(key, ctx, _At(line, col)) is None:
                continue
            checked = self.item.check(value, ctx, _At(line, col))
            if checked is not None:
                out[key] = checked
        return out

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": _KEY.json_schema(), "additionalProperties": self.item.json_schema()}


_KEY = Slug()


@dataclass
class F:
    """A field of a record: its spec, whether it must be there, and its default."""

    spec: Spec
    required: bool = False
    default: Any = None


class Obj(Spec):
    """A mapping with known keys; `build` turns the checked values into a model object."""

    def __init__(self, fields: dict[str, F], build: Callable[..., Any] | None = None,
                 description: str = "", rule: Callable[[dict[str, Any], Map, Context], None] | None = None) -> None:
        """`rule` checks how the values fit together (a value is None where it was invalid or left out) and
        reports at the key to change."""
        self.fields, self.build, self.description, self.rule = fields, build, description, rule

    def check(self, node: Any, ctx: Context, parent: Any = None) -> Any:
        if not isinstance(node, Map):
            ctx.error(node, f"expected a map of keys, found {kind_of(node)}", "type", parent)
            return None
        values: dict[str, Any] = {}
        ok = True
        review = node.get("review") if "review" in self.fields else None
        if isinstance(review, Map) and isinstance(review.get("status"), str):
            # a record inside a file (a claim, a timeline event) is as strict as its own review says
            ctx = replace(ctx, status=str(review["status"]))
        for key in node:
            if key not in self.fields:
                line, col = node.key_marks[key]
                near = _closest(key, list(self.fields))
                hint = f"; did you mean {near!r}?" if near else f"; known keys: {', '.join(self.fields)}"
                ctx.report(line, col, "error", f"unknown key {key!r}{hint}", "unknown-key")
        for name, f in self.fields.items():
            if name not in node or node[name] is None:
                if f.required:
                    ctx.error(node, f"missing required key {name!r}", "missing-key")
                    ok = False
                values[name] = f.default() if callable(f.default) else f.default
                continue
            line, col = node.key_marks[name]
            checked = f.spec.check(node[name], ctx, _At(line, col))
            if checked is None and f.required:
                ok = False
            values[name] = checked if checked is not None else (f.default() if callable(f.default) else f.default)
        if self.rule:
            self.rule(values, node, ctx)
        if not ok:
            return None
        values["_line"], values["_col"] = node.line, node.col
        values["_keys"] = tuple((str(k), line, col) for k, (line, col) in node.key_marks.items())
        return self.build(values, ctx) if self.build else values

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": False,
                "properties": {name: f.spec.json_schema() for name, f in self.fields.items()},
                "required": [name for name, f in self.fields.items() if f.required],
                **({"description": self.description} if self.description else {})}


@dataclass
class _At:
    """A stand-in position (a key's) for values that have none of their own, such as null."""

    line: int
    col: int


def kind_of(node: Any) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, Map):
        return "a map"
    if isinstance(node, Seq):
        return "a list"
    return f"text {str(node)!r}"


def _closest(word: str, candidates: list[str]) -> str | None:
    import difflib
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return found[0] if found else None

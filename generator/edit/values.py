"""`KEY=VALUE` with dotted keys, applied to a record as the round-trip reader holds it.

The schema says what each step of a key is: a field of a record, a language of a text, a position in a
list (counted from 1, as paragraphs are), a key an editor chose (a topic, a reviewer). So
`publisher.en=Reuters`, `reliability.grade=C`, `summary.1.text.ar=…`, `aliases.en+=CSP` (add to a
list), `aliases.en-=CSP` (take out of it), `url=` (remove the value).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.edit.document import EditError
from generator.factbase.model import SLUG
from generator.factbase.schema import LANG, F, LangMap, ListOf, MapOf, Number, Obj, Spec

_ASSIGNMENT = re.compile(r"^(?P<key>[A-Za-z0-9_.-]+?)(?P<op>\+=|-=|=)(?P<value>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Assignment:
    key: str
    op: str        # "=", "+=" or "-="
    value: str

    def __str__(self) -> str:
        return f"{self.key}{self.op}{self.value}"


def parse_assignment(text: str) -> Assignment:
    match = _ASSIGNMENT.match(text)
    if not match:
        raise EditError(f"{text!r} is not KEY=VALUE; write e.g. publisher.en=Reuters or reliability.grade=C")
    return Assignment(match["key"], match["op"], match["value"].strip())


Values = Mapping[str, str] | Sequence[Assignment]


def assignments(values: Values) -> list[Assignment]:
    """Assignments as given, or a form's fields ({key: value}, a key may end in + or - for += and -=) as
    assignments."""
    if not isinstance(values, Mapping):
        return list(values)
    out = []
    for key, value in values.items():
        op = "+=" if key.endswith("+") else "-=" if key.endswith("-") else "="
        out.append(Assignment(key.rstrip("+-"), op, value.strip()))
    return out


def apply(data: Any, spec: Spec | None, assignment: Assignment) -> None:
    """Change `data` (a round-trip map) as `assignment` says; the schema is the map of keys."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    steps = assignment.key.split(".")
    node, here = data, spec
    for number, step in enumerate(steps):
        last = number == len(steps) - 1
        child, field = _step(here, step, assignment)
        if isinstance(node, list):
            index = _index(step, node, assignment, last)
            if last:
                _set_scalar(node, index, child, assignment, required=False)
                return
            if index == len(node):
                node.append(CommentedMap() if not isinstance(child, ListOf) else CommentedSeq())
            node, here = node[index], child
            continue
        if not isinstance(node, dict):
            raise EditError(f"{assignment.key}: {'.'.join(steps[:number])} is not a map of keys in this record")
        if last:
            _set_scalar(node, step, child, assignment, required=bool(field and field.required))
            return
        if step not in node or node[step] is None:
            node[step] = CommentedSeq() if isinstance(child, ListOf) else CommentedMap()
        node, here = node[step], child


def _step(spec: Spec | None, step: str, assignment: Assignment) -> tuple[Spec | None, F | None]:
    """The spec one step down, and the field it is (for a record's own keys)."""
    if isinstance(spec, Obj):
        field = spec.fields.get(step)
        if field is None:
            raise EditError(f"{assignment.key}: no key {step!r} here; the keys are {', '.join(spec.fields)}")
        return field.spec, field
    if isinstance(spec, LangMap):
        if not LANG.match(step):
            raise EditError(f"{assignment.key}: {step!r} is not a language code such as en or ar")
        return spec.item, None
    if isinstance(spec, MapOf):
        if not SLUG.match(step):
            raise EditError(f"{assignment.key}: {step!r} is not a valid key (lowercase letters, digits, hyphens)")
        return spec.item, None
    if isinstance(spec, ListOf):
        return spec.item, None
    raise EditError(f"{assignment.key}: {step!r} goes below a single value")


def _index(step: str, node: list[Any], assignment: Assignment, last: bool) -> int:
    if not step.isdigit() or int(step) < 1:
        raise EditError(f"{assignment.key}: {step!r} should be a position in the list, counted from 1")
    index = int(step) - 1
    if index > len(node) or (index == len(node) and last and assignment.op != "="):
        raise EditError(f"{assignment.key}: the list has {len(node)} item(s); use 1 to {len(node) + 1}")
    return index


def typed(spec: Spec | None, value: str) -> Any:
    """A value as the canonical form writes it: a number plain, anything else as text."""
    if isinstance(spec, Number):
        try:
            number = float(value)
        except ValueError:
            return value   # check says what is wrong with it
        return int(number) if spec.integer and number.is_integer() else number
    return value


def _set_scalar(node: Any, key: Any, spec: Spec | None, assignment: Assignment, required: bool) -> None:
    from ruamel.yaml.comments import CommentedSeq
    value = assignment.value
    if isinstance(spec, ListOf):
        items = node.get(key) if isinstance(node, dict) else node[key] if key < len(node) else None
        current = list(items) if isinstance(items, list) else []
        if assignment.op == "+=":
            current += [value] if value and value not in current else []
        elif assignment.op == "-=":
            if value not in current:
                raise EditError(f"{assignment.key}: {value!r} is not in the list ({', '.join(map(str, current))})")
            current.remove(value)
        else:
            current = [value] if value else []
        seq = CommentedSeq(typed(spec.item, v) for v in current)
        _put(node, key, seq)
        return
    if assignment.op != "=":
        raise EditError(f"{assignment.key}: {assignment.op} adds to or takes from a list; this is one value, use =")
    if isinstance(spec, (Obj, LangMap, MapOf)):
        example = "en" if isinstance(spec, LangMap) else next(iter(spec.fields)) if isinstance(spec, Obj) else "key"
        raise EditError(f"{assignment.key} holds several values; name one of them, e.g. {assignment.key}.{example}")
    if not value:
        if required:
            raise EditError(f"{assignment.key} is required; give it a value")
        if isinstance(node, dict):
            node.pop(key, None)
        elif key < len(node):
            del node[key]
        return
    _put(node, key, typed(spec, value))


def _put(node: Any, key: Any, value: Any) -> None:
    if isinstance(node, list) and key == len(node):
        node.append(value)
    else:
        node[key] = value

"""The dossier's mkdocs.yml, read without running it.

MkDocs' own loader builds whatever Python object a YAML tag names (`!!python/object/apply:os.system`
runs a command), reads the builder's environment into the site (`!ENV`) and follows `INHERIT`
anywhere. A dossier may come from a stranger, so its mkdocs.yml is read here with PyYAML's safe loader,
which allows, besides plain YAML, only the tags Material's own extensions need (`ALLOWED_NAMES`); any
other tag, an alias, a duplicate key, an `INHERIT` that leads out of the dossier and an extension that
copies files from the disk into pages (`REFUSED_EXTENSIONS`) is a problem at its line and column.
MkDocs is given what was read, written out again (`text`), never the file itself.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from generator.errors import BriefingError, Problems
from generator.factbase.yamlio import AliasesReported, read_bytes
from generator.layout import Layout

# The Python names a dossier's mkdocs.yml may give as `!!python/name:…`: Material's emoji and the code
# fences of its diagrams, as Material's documentation writes them. Naming a function imports its module,
# nothing more: these are known not to do anything when imported.
ALLOWED_NAMES = ("material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg",
                 "pymdownx.superfences.fence_code_format")
# Markdown extensions that copy files from the disk into the pages (any file, with `base_path: /`):
# a dossier's pages are made from its content/, never from files elsewhere on the builder's machine.
REFUSED_EXTENSIONS = {"pymdownx.snippets": "it copies files from the disk into the pages",
                      "pymdownx.b64": "it copies images from the disk into the pages"}

_NAME_TAG = "tag:yaml.org,2002:python/name:"
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null",
                                                                 "timestamp", "seq", "map"))
# How many files deep INHERIT may go: a dossier has one, or a shared base and its own.
_MAX_INHERIT = 8


class PythonName:
    """A `!!python/name:` tag that was allowed, kept as its name: written out again for MkDocs, never
    imported here."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PythonName) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


class _Loader(AliasesReported, yaml.SafeLoader):
    """PyYAML's safe loader that reports aliases instead of expanding them, and builds an allowed
    `!!python/name:` as a `PythonName`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_marks = []


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonName:
    return PythonName(suffix)


_Loader.add_multi_constructor(_NAME_TAG, _python_name)


class _Dumper(yaml.SafeDumper):
    """Writes what was read for MkDocs' own loader, allowed names as the tags they were."""


_Dumper.add_representer(PythonName, lambda dumper, value: dumper.represent_scalar(_NAME_TAG + value.name, ""))


def read(layout: Layout) -> dict[str, Any]:
    """The dossier's mkdocs.yml (and what it inherits from inside the dossier), checked; a
    `BriefingError` listing every problem otherwise."""
    problems = Problems(layout.root)
    config = _read(layout.mkdocs_config, layout.root, problems, [])
    if problems.errors or config is None:
        raise BriefingError(f"{len(problems.errors)} problem(s) in {problems.rel(layout.mkdocs_config)}; nothing "
                            "was built", problems.sorted())
    return config


def text(config: dict[str, Any]) -> str:
    """What was read, as YAML MkDocs reads back to the same configuration."""
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _read(path: Path, root: Path, problems: Problems, chain: list[Path]) -> dict[str, Any] | None:
    data, trouble = read_bytes(path, within=root, what="the configuration")
    for problem in trouble:
        problems.error(path, problem.line, problem.col, problem.message, "mkdocs-config")
    if data is None:
        return None
    try:
        loader = _Loader(data.decode("utf-8"))
    except UnicodeDecodeError:
        problems.error(path, 1, 1, "not valid UTF-8; save it as UTF-8", "mkdocs-config")
        return None
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        found = len(problems.items)
        for line, col in loader.alias_marks:
            problems.error(path, line, col, "YAML aliases (*name) are not allowed in mkdocs.yml; write the value "
                           "out", "mkdocs-config")
        _check(node, path, problems, top=True)
        if len(problems.items) > found:
            return None
        config = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.error(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                       f"YAML syntax: {exc.problem or exc.context}; fix the indentation or quoting here",
                       "mkdocs-config")
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        problems.error(path, 1, 1, f"not a configuration MkDocs can read ({type(exc).__name__}); fix it",
                       "mkdocs-config")
        return None
    finally:
        loader.dispose()
    if not isinstance(config, dict):
        problems.error(path, 1, 1, "the configuration must be a mapping of settings (site_name: …)", "mkdocs-config")
        return None
    return _inherit(config, node, path, root, problems, [*chain, path])


def _check(node: yaml.Node, path: Path, problems: Problems, top: bool = False) -> None:
    """Every tag, duplicate key and refused extension of a document, each where it is written."""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag.startswith(_NAME_TAG) and node.tag[len(_NAME_TAG):] in ALLOWED_NAMES:
        return
    if node.tag not in _PLAIN_TAGS:
        problems.error(path, line, col, _refused_tag(node.tag), "mkdocs-tag")
        return
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check(item, path, problems)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            _check(key, path, problems)
            _check(value, path, problems)
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None and name in seen:
                problems.error(path, key.start_mark.line + 1, key.start_mark.column + 1, f"duplicate key {name!r} "
                               f"(first at line {seen[name]}); keep one of them", "mkdocs-config")
            elif name is not None:
                seen[name] = key.start_mark.line + 1
            if top and name == "markdown_extensions":
                _check_extensions(value, path, problems)


def _refused_tag(tag: str) -> str:
    if tag == "!ENV":
        return ("the tag !ENV is not allowed: it would copy the builder's environment (a CI token) into the site; "
                "write the value out")
    if tag == "tag:yaml.org,2002:merge":
        return "YAML merge keys (<<) are not allowed in mkdocs.yml; write the keys out"
    allowed = ", ".join(f"!!python/name:{name}" for name in ALLOWED_NAMES)
    return (f"the YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: in a dossier's mkdocs.yml a "
            "tag could make MkDocs run Python code or read files or the environment; write plain values (the tags "
            f"allowed are {allowed})")


def _check_extensions(node: yaml.Node, path: Path, problems: Problems) -> None:
    """The Markdown extensions named in a list (`- name` or `- name: {…}`) or a mapping."""
    names: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            names += [item] if isinstance(item, yaml.ScalarNode) else \
                [key for key, _ in item.value] if isinstance(item, yaml.MappingNode) else []
    elif isinstance(node, yaml.MappingNode):
        names = [key for key, _ in node.value]
    for name in names:
        if isinstance(name, yaml.ScalarNode) and name.value in REFUSED_EXTENSIONS:
            problems.error(path, name.start_mark.line + 1, name.start_mark.column + 1,
                           f"the Markdown extension {name.value} is not allowed: {REFUSED_EXTENSIONS[name.value]}, "
                           "and a dossier's pages come from its content/ alone; remove it", "mkdocs-config")


def _inherit(config: dict[str, Any], node: yaml.Node, path: Path, root: Path, problems: Problems,
             chain: list[Path]) -> dict[str, Any] | None:
    """`config` over the file it names in `INHERIT`, merged as MkDocs merges them (mappings key by key,
    anything else replaced), when that file lies inside the dossier."""
    if "INHERIT" not in config:
        return config
    named = config.pop("INHERIT")
    line, col = next(((key.start_mark.line + 1, key.start_mark.column + 1) for key, _ in node.value
                      if getattr(key, "value", None) == "INHERIT"), (1, 1))
    if not isinstance(named, str) or not named:
        problems.error(path, line, col, "INHERIT must name a file (a path relative to this one)", "mkdocs-config")
        return None
    parent = Path(os.path.normpath(path.parent / named))
    try:
        inside = parent.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        problems.error(path, line, col, f"INHERIT names {named}, outside the dossier, which is not read; copy the "
                       "settings into this file or into a file inside the dossier", "mkdocs-config")
        return None
    if parent in chain or len(chain) >= _MAX_INHERIT:
        problems.error(path, line, col, f"INHERIT of {named} comes back to a file already inherited (or goes more "
                       f"than {_MAX_INHERIT} files deep); remove it", "mkdocs-config")
        return None
    if not parent.exists():
        problems.error(path, line, col, f"INHERIT names {named}, which does not exist; fix the path", "mkdocs-config")
        return None
    base = _read(parent, root, problems, chain)
    return None if base is None else _merged(base, config)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` merged into `base` as MkDocs merges an inherited configuration (mergedeep's default)."""
    result = dict(base)
    for key, value in over.items():
        below = result.get(key)
        result[key] = _merged(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return result


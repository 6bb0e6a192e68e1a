"""The package's shape: stages as sub-packages, every import pointing down, no circle.

Read from the source with `ast`, imports inside functions included, so that a shortcut taken
inside a function body is caught like one at the top of a module.
"""
from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from conftest import PROJECT

from generator.layout import BUILD, PAGES_FILE, Layout
from generator.text import arabic

PACKAGE = PROJECT / "generator"
# Lowest first. A module may import its own sub-package and any lower layer; never a sibling of its
# layer (site and pdf share only what lies below both) and never a higher one.
LAYERS: list[set[str]] = [
    {"errors"},
    {"files", "layout", "gitrepo", "shipped", "progress", "parallel"},
    {"text"},
    {"factbase"},
    {"extract", "views", "review"},
    {"edit"},
    {"site", "pdf"},
    {"fingerprint", "toolwheel"},
    {"build", "scaffold", "desk"},
    {"serve"},
    {"cli"},
    {"__main__"},
]
STAGES = {"text", "factbase", "extract", "views", "site", "pdf", "review", "edit"}


def _unit(module: str) -> str:
    """The layer unit of a dotted module under generator: its sub-package, or the module itself."""
    return module.split(".")[0]


def _layer(unit: str) -> int:
    return next(i for i, units in enumerate(LAYERS) if unit in units)


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports() -> dict[str, set[str]]:
    """{module: modules of ours it imports}, dotted under generator."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path}: a relative import; write generator.… in full"
                if node.module and (node.module == "generator" or node.module.startswith("generator.")):
                    base = node.module.removeprefix("generator").lstrip(".")
                    for alias in node.names:
                        full = f"{base}.{alias.name}".lstrip(".")
                        deps.add(full if full in modules else base)
            elif isinstance(node, ast.Import):
                deps.update(a.name.removeprefix("generator.") for a in node.names if a.name.startswith("generator."))
        graph[name] = {d for d in deps if d and d != name}
    return graph


def test_every_module_belongs_to_a_layer() -> None:
    units = {_unit(m) for m in _modules() if m}
    assert units <= set().union(*LAYERS), units - set().union(*LAYERS)
    assert units >= STAGES


def test_every_import_points_down() -> None:
    wrong = []
    for module, deps in imports().items():
        for dep in deps:
            own, other = _unit(module), _unit(dep)
            if own != other and _layer(other) >= _layer(own):
                wrong.append(f"{module} imports {dep}")
    assert wrong == []


def test_no_import_circle() -> None:
    graph = imports()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            assert state.get(dep) != 1, " -> ".join([*path, node, dep])
            if dep not in state:
                visit(dep, [*path, node])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_model_does_no_io() -> None:
    """The typed model is data and rules only: no files, no subprocesses, no network."""
    source = (PACKAGE / "factbase" / "model.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not imported & {"os", "io", "subprocess", "shutil", "socket", "urllib", "tempfile", "pathlib"}
    assert "open(" not in source


# --- one owner for each rule ------------------------------------------------------------------

def _strings(module: str) -> list[tuple[int, str]]:
    """(line, value) of every string constant of a module, f-strings' pieces included and each f-string
    whole too (with `{}` for each value), docstrings left out (they may name what they describe)."""
    tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
    documented = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in documented]
    found += [(node.lineno, "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values))
              for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)]
    return found


def _spelled(owner: str, found: Callable[[str], bool]) -> list[str]:
    """Where a string constant outside the module `owner` is one that `found` recognises."""
    return [f"{_modules()[m].relative_to(PROJECT)}:{line}: {value!r}" for m in sorted(_modules()) if m != owner
            for line, value in _strings(m) if found(value)]


def test_git_is_run_by_gitrepo_alone() -> None:
    """diff, history and fingerprints read git through `gitrepo`: its safe calls (a revision never
    taken for an option, a missing git reported) hold only while no other module starts git itself."""
    assert _spelled("gitrepo", lambda s: s == "git" or s.startswith("git ")) == []


def test_the_build_folder_is_named_by_layout_alone() -> None:
    """Every folder and file under `.build/` is named in `layout.py`, where a build's state is listed
    once; any other module asks a `Layout`. Names that also name other folders are left out:
    data (the site's data/), overrides (templates/overrides/) and fonts (the user's font cache)."""
    made = Layout(Path("dossier"))
    out = made.mkdocs_output("xx")
    parts = [made.lock, made.staging, made.mkdocs_out, made.pdf_cache, made.parse_cache, made.fingerprint,
             made.base_config, out.frame, out.listed, out.pages]
    names = {p.name for p in parts} | {p.name.removeprefix("xx") for p in parts} | {PAGES_FILE}
    names -= {"data", "overrides", "fonts"}
    folder = re.compile(rf"(?:^|[/\s]){re.escape(BUILD)}(?:/|$)")   # ".build" as a path's part, not a word's
    assert _spelled("layout", lambda s: s in names or folder.search(s) is not None) == []


def _escaped(text: str) -> str:
    """`text` with the `\\uXXXX` escapes of a raw string (a regular expression's) read as characters."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _is_mark(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" and (unicodedata.category(ch) == "Mn" or ch == arabic.TATWEEL)


def _is_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" and ch.isalpha()


def test_arabic_digits_are_mapped_in_text_arabic_alone() -> None:
    """Arabic-Indic and extended digits are read as Latin ones in one place (`arabic.DIGIT_FOLD`, `DIGIT`):
    four tables once disagreed on which digits a date, a figure and a name had."""
    digits = set(arabic.ARABIC_INDIC_DIGITS + arabic.EXTENDED_DIGITS)
    assert _spelled("text.arabic", lambda s: bool(digits & set(_escaped(s)))) == []


def test_harakat_are_listed_in_text_arabic_alone() -> None:
    """The marks on letters are one class (`arabic.MARK_RANGES`, `TATWEEL`, `TANWIN`): a range of marks
    written anywhere else is a second list that will drift from the first."""
    def ranges_marks(value: str) -> bool:
        text = _escaped(value)
        return any(_is_mark(text[i - 1]) and _is_mark(text[i + 1]) for i in range(1, len(text) - 1)
                   if text[i] == "-")
    assert _spelled("text.arabic", ranges_marks) == []


def test_arabic_letters_are_folded_in_text_arabic_alone() -> None:
    """Letter folding (alef forms, yeh, ta marbuta, hamza seats) is one base table and its named variants
    in `text/arabic.py`: a table mapping Arabic letters to letters anywhere else is a third variant."""
    def folds(node: ast.AST) -> bool:
        if isinstance(node, ast.Dict):
            return any(isinstance(k, ast.Constant) and isinstance(v, ast.Constant) and isinstance(k.value, str)
                       and isinstance(v.value, str) and len(k.value) == 1 and _is_letter(k.value)
                       and any(_is_letter(ch) for ch in v.value) for k, v in zip(node.keys, node.values, strict=True))
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "maketrans"
                and any(isinstance(a, ast.Constant) and isinstance(a.value, str)
                        and any(_is_letter(ch) for ch in _escaped(a.value)) for a in node.args))
    wrong = [f"{path.relative_to(PROJECT)}:{getattr(node, 'lineno', 0)}" for module, path in sorted(_modules().items())
             if module != "text.arabic" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if folds(node)]
    assert wrong == []


# A string that is a page's path, or the start of one: `views.addresses` alone decides where a page lives.
_PAGE_PATH = re.compile(r"^(?:[\w./{}-]+\.md|(?:incidents|sources|briefings|pdf|data)/.*)$")
_TEMPLATE_PATH = re.compile(r"""["'](?:[^"'\n]*\.md|\.md|[^"'\n]*\.html|"""
                            r"""(?:incidents|sources|briefings|pdf|data)/[^"'\n]*)["']""")


def test_only_the_addresses_module_spells_a_page_path() -> None:
    """Every record's page and anchor, the list of pages and the files beside them are decided in one
    module; a template or another module asks it (`p.link(record)`, `p.listing("actors")`)."""
    spelled = _spelled("views.addresses", lambda s: _PAGE_PATH.match(s) is not None)
    for path in sorted((PROJECT / "templates").rglob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = _TEMPLATE_PATH.search(line)
            if found and "{% include" not in line:
                spelled.append(f"{path.relative_to(PROJECT)}:{number}: {found.group()}")
    assert spelled == []

"""The package's shape: stages as sub-packages, every import pointing down, no circle.

Read from the source with `ast`, imports inside functions included, so that a shortcut taken
inside a function body is caught like one at the top of a module.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import PROJECT

PACKAGE = PROJECT / "generator"
# Lowest first. A module may import its own sub-package and any lower layer; never a sibling of its
# layer (site and pdf share only what lies below both) and never a higher one.
LAYERS: list[set[str]] = [
    {"errors"},
    {"files", "shipped", "progress", "parallel"},
    {"text"},
    {"factbase"},
    {"extract", "views", "review"},
    {"site", "pdf"},
    {"fingerprint"},
    {"build", "scaffold"},
    {"serve"},
    {"cli"},
    {"__main__"},
]
STAGES = {"text", "factbase", "extract", "views", "site", "pdf", "review"}


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


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`: a name imported only for annotations (a page
    context's small views name the context that carries them) runs nothing and makes no circle."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return [node for node in ast.walk(tree) if id(node) not in skipped]


def imports() -> dict[str, set[str]]:
    """{module: modules of ours it imports}, dotted under generator."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
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
    assert STAGES <= units


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


# A string that is a page's path, or the start of one: `views.addresses` alone decides where a page lives.
_PAGE_PATH = re.compile(r"^(?:[\w./{}-]+\.md|(?:incidents|sources|briefings|pdf|data)/.*)$")
_TEMPLATE_PATH = re.compile(r"""["'](?:[^"'\n]*\.md|\.md|[^"'\n]*\.html|(?:incidents|sources|briefings|pdf|data)/[^"'\n]*)["']""")


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of a module's strings, docstrings left out; an f-string with `{}` for each value."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append((node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | parts:
            found.append((node.lineno, node.value))
    return found


def test_only_the_addresses_module_spells_a_page_path() -> None:
    """Every record's page and anchor, the list of pages and the files beside them are decided in one
    module; a template or another module asks it (`p.link(record)`, `p.listing("actors")`)."""
    spelled = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "views" / "addresses.py":
            continue
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if _PAGE_PATH.match(text):
                spelled.append(f"{path.relative_to(PROJECT)}:{line}: {text!r}")
    for path in sorted((PROJECT / "templates").rglob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = _TEMPLATE_PATH.search(line)
            if found and "{% include" not in line:
                spelled.append(f"{path.relative_to(PROJECT)}:{number}: {found.group()}")
    assert spelled == []

"""The package's shape: stages as sub-packages, every import pointing down, no circle.

Read from the source with `ast`, imports inside functions included, so that a shortcut taken
inside a function body is caught like one at the top of a module.
"""
from __future__ import annotations

import ast
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

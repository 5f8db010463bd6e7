"""The shape of the package: layers imported one way only, small modules, and extraction as a pure
function of its inputs (no clock, no environment below the settings)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dateline"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 600
# the only module that may read the environment or the clock: the settings, built once by the command line;
# the store also stamps when it stored a document, which is no part of what was extracted
OUTSIDE_WORLD = {"settings.py"}
CLOCK_ALLOWED = {"settings.py", "store.py"}


def test_layer_contracts_hold(monkeypatch):
    from importlinter.cli import lint_imports

    monkeypatch.chdir(PACKAGE.parent.parent)  # where pyproject.toml declares the contracts
    assert lint_imports(no_cache=True, no_logo=True) == 0, "a layer contract is broken: see the output above"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long(path):
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_LINES


@pytest.mark.parametrize("path", [p for p in MODULES if p.name not in OUTSIDE_WORLD],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_clock_or_environment_below_the_settings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("environ", "getenv"), f"{path.name}:{node.lineno} reads the environment"
            if node.attr in ("today", "now", "utcnow") and path.name not in CLOCK_ALLOWED:
                assert "date" not in ast.unparse(node.value), f"{path.name}:{node.lineno} reads the clock"


def _imports(path: Path) -> set[str]:
    """The dateline modules (and packages) a module imports, as dotted names."""
    name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("dateline") and m != name}


def test_no_import_cycles():
    """Not even inside a package: a submodule importing its own package's __init__ that imports it back."""
    names = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
             for p in MODULES}
    graph = {n: {m for m in _imports(p) if m in names} for n, p in names.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                if nxt == goal:
                    return True
                seen.add(nxt)
                todo.append(nxt)
        return False

    cycles = sorted(f"{a} ⇄ {b}" for a in graph for b in graph[a] if reaches(b, a))
    assert not cycles, "import cycles: " + "; ".join(cycles)

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

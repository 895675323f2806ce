"""The conventions package stays pure Python: no Django import, typed, postponed annotations."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _imported_modules(tree: ast.AST) -> set[str]:
    """Top-level names of every module imported anywhere in the tree."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_django_import(path: Path) -> None:
    assert "django" not in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "path", [p for p in SOURCES if p.name != "__init__.py"], ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_fully_typed_with_postponed_annotations(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert "from __future__ import annotations" in path.read_text(encoding="utf-8")
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            untyped = [a.arg for a in args if a.annotation is None and a.arg not in {"self", "cls"}]
            assert untyped == [], f"{node.name} has untyped parameters {untyped}"
            assert node.returns is not None, f"{node.name} has no return annotation"

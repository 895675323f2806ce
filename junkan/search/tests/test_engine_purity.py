"""The search engine stays pure Python: no Django import (tests included), fully typed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1]
PURE = sorted((APP / "engine").glob("*.py"))
PURE_TESTS = sorted(APP.joinpath("tests").glob("test_engine_*.py"))


def _imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_engine_has_modules():
    assert {p.name for p in PURE} >= {"analysis.py", "ranking.py", "snippets.py"}


@pytest.mark.parametrize("path", PURE + PURE_TESTS, ids=lambda p: str(p.relative_to(APP)))
def test_no_django_import(path: Path) -> None:
    assert "django" not in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", [p for p in PURE if p.name != "__init__.py"], ids=lambda p: p.name)
def test_fully_typed(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "from __future__ import annotations" in source
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            untyped = [a.arg for a in args if a.annotation is None and a.arg not in {"self", "cls"}]
            assert untyped == [], f"{node.name} has untyped parameters {untyped}"
            assert node.returns is not None, f"{node.name} has no return annotation"

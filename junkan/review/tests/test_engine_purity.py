"""The review engines stay pure Python: no Django import (tests included), fully typed, short docstrings."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1]
ENGINE = sorted((APP / "engine").glob("*.py"))
ENGINE_TESTS = sorted(APP.joinpath("tests").glob("test_engine_*.py"))
MODULES = ("adoption", "assignment", "coi", "flow", "scoring")


def _imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_engine_modules_are_all_checked():
    assert {path.stem for path in ENGINE} >= set(MODULES)
    assert len(ENGINE_TESTS) >= 5


@pytest.mark.parametrize("path", ENGINE + ENGINE_TESTS, ids=lambda p: str(p.relative_to(APP)))
def test_no_django_import(path: Path) -> None:
    assert "django" not in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))


def test_the_scan_sees_a_django_import():
    assert "django" in _imported_modules(ast.parse("from django.db import models\nimport django.utils"))


@pytest.mark.parametrize("path", [p for p in ENGINE if p.name != "__init__.py"], ids=lambda p: p.name)
def test_fully_typed_with_one_line_docstrings(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert "from __future__ import annotations" in source
    assert ast.get_docstring(tree), "the module says what it implements"
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            untyped = [a.arg for a in args if a.annotation is None and a.arg not in {"self", "cls"}]
            assert untyped == [], f"{node.name} has untyped parameters {untyped}"
            assert node.returns is not None, f"{node.name} has no return annotation"
            docstring = ast.get_docstring(node)
            if docstring is not None:
                assert "\n" not in docstring, f"{node.name} has a docstring longer than one line"


@pytest.mark.parametrize("name", [m for m in MODULES if m != "flow"])
def test_each_engine_cites_the_seeds(name: str) -> None:
    docstring = ast.get_docstring(ast.parse((APP / "engine" / f"{name}.py").read_text(encoding="utf-8")))
    assert docstring is not None and "seed 002" in docstring and "seed 003" in docstring


def test_the_dataclasses_are_frozen() -> None:
    for path in ENGINE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "dataclass":
                        assert any(k.arg == "frozen" for k in decorator.keywords), f"{path.name}:{node.name}"
                    assert getattr(decorator, "id", "") != "dataclass", f"{path.name}:{node.name} not frozen"

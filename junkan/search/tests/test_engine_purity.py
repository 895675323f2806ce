"""The search engine stays pure Python: no Django import (tests included), fully typed."""

from __future__ import annotations

from pathlib import Path

from junkan.common.purity import django_imports, impure_imports, typing_problems

APP = Path(__file__).resolve().parents[1]
ENGINE = APP / "engine"
# SudachiPy is the morphological analyser the engine wraps (split mode A, normalized forms).
ALLOWED = ("junkan.search.engine", "sudachipy")


def test_the_engine_has_modules() -> None:
    assert {p.name for p in ENGINE.glob("*.py")} >= {"analysis.py", "ranking.py", "snippets.py"}


def test_the_engine_imports_only_the_standard_library_sudachipy_and_itself() -> None:
    assert impure_imports(ENGINE, ALLOWED) == []


def test_the_engine_tests_import_no_django() -> None:
    assert django_imports(APP.glob("tests/test_engine_*.py")) == []


def test_fully_typed() -> None:
    assert typing_problems(ENGINE, docstrings="any") == []

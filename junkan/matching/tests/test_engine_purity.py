"""The matching engine stays pure Python: no Django import (tests included), fully typed."""

from __future__ import annotations

from pathlib import Path

from junkan.common.purity import django_imports, impure_imports, typing_problems

APP = Path(__file__).resolve().parents[1]
ENGINE = APP / "engine"
# The search engine's SudachiPy analysis (normalized forms) is what the text matching builds on;
# numpy ranks the whole register at once (engine/index.py).
ALLOWED = ("junkan.matching.engine", "junkan.search.engine", "sudachipy", "numpy")


def test_the_engine_has_modules() -> None:
    assert {p.name for p in ENGINE.glob("*.py")} >= {"ranking.py", "thesaurus.py", "geography.py", "text.py"}


def test_the_engine_imports_only_the_standard_library_sudachipy_and_pure_modules() -> None:
    assert impure_imports(ENGINE, ALLOWED) == []


def test_the_engine_tests_import_no_django() -> None:
    assert django_imports(APP.glob("tests/test_engine_*.py")) == []


def test_fully_typed() -> None:
    assert typing_problems(ENGINE, docstrings="any") == []

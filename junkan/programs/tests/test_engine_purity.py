"""The engines and the data schema stay pure Python: no Django import (tests included), fully typed."""

from __future__ import annotations

from pathlib import Path

from junkan.common.purity import django_imports, impure_imports, typing_problems

APP = Path(__file__).resolve().parents[1]
PURE = [*(APP / "engine").glob("*.py"), APP / "schema.py"]
# The criteria engine (used by the schema and by the review) reads YAML.
ALLOWED = ("junkan.programs.engine", "junkan.jp", "yaml")


def test_the_engines_and_the_schema_import_only_the_standard_library_and_pure_modules() -> None:
    assert impure_imports(PURE, ALLOWED) == []


def test_the_engine_tests_import_no_django() -> None:
    assert django_imports(APP.glob("tests/test_engine_*.py")) == []


def test_fully_typed_with_one_line_docstrings() -> None:
    assert typing_problems(PURE) == []

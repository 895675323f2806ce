"""The grants engines stay pure Python: no Django import (tests included), typed, one-line docstrings."""

from __future__ import annotations

from pathlib import Path

from junkan.common.purity import django_imports, impure_imports, typing_problems

APP = Path(__file__).resolve().parents[1]
ENGINE = APP / "engine"
ALLOWED = (
    "junkan.grants.engine",
    "junkan.jp",
    # Pure engines of other apps that these build on (each checked by its own app's purity test).
    "junkan.programs.engine",
    "junkan.common.engine",
    "junkan.carbon.engine",
)


def test_there_are_engines() -> None:
    assert {p.name for p in ENGINE.glob("*.py")} >= {"additional_charge.py", "reminders.py"}


def test_the_engines_import_only_the_standard_library_and_pure_modules() -> None:
    assert impure_imports(ENGINE, ALLOWED) == []


def test_the_engine_tests_import_no_django() -> None:
    assert django_imports(APP.glob("tests/test_engine_*.py")) == []


def test_fully_typed_with_one_line_docstrings() -> None:
    assert typing_problems(ENGINE) == []

"""The conventions package stays pure Python: no Django import, typed, postponed annotations."""

from __future__ import annotations

from pathlib import Path

from junkan.common.purity import django_imports, impure_imports, typing_problems

PACKAGE = Path(__file__).resolve().parents[1]
SOURCES = sorted(PACKAGE.rglob("*.py"))
# jpholiday is the holiday table behind business_days.
ALLOWED = ("junkan.jp", "jpholiday")


def test_no_django_import() -> None:
    assert django_imports(SOURCES) == []


def test_the_modules_import_only_the_standard_library_and_jpholiday() -> None:
    assert impure_imports(PACKAGE, ALLOWED) == []


def test_fully_typed_with_postponed_annotations() -> None:
    assert typing_problems(SOURCES, docstrings="any") == []

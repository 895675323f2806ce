"""The applications engines stay pure Python: no Django, directly or through another junkan module, and typed.

Each engine file's imports must stay within the standard library, junkan.jp, junkan.programs.engine and
junkan.applications.engine; imports of junkan modules are followed (with the packages they run on import).
A fresh interpreter then imports every engine and checks that Django was never loaded.
The scanner itself is ``junkan.common.purity`` (tested in ``junkan/common/tests/test_purity.py``).
"""

from __future__ import annotations

from pathlib import Path

from junkan.common.purity import django_imports, impure_imports, project_closure, typing_problems

APP = Path(__file__).resolve().parents[1]
ENGINE = APP / "engine"
ALLOWED = ("junkan.jp", "junkan.programs.engine", "junkan.applications.engine", "junkan.carbon.engine")


def test_there_are_engines() -> None:
    assert {p.stem for p in ENGINE.glob("*.py")} >= {"spec", "completeness", "costs"}


def test_the_engine_tests_import_no_django() -> None:
    assert django_imports(APP.glob("tests/test_engine_*.py")) == []


def test_the_engines_import_only_the_standard_library_and_pure_modules() -> None:
    assert impure_imports(ENGINE, ALLOWED) == []


def test_no_django_through_other_junkan_modules() -> None:
    reached = project_closure(ENGINE)
    assert {"junkan.programs.engine.subsidy", "junkan.jp.money", "junkan.jp.dates"} <= set(reached)
    assert impure_imports(ENGINE, ALLOWED, follow=True) == []


def test_a_fresh_interpreter_imports_the_engines_without_django() -> None:
    assert impure_imports(ENGINE, ALLOWED, fresh_interpreter=True) == []


def test_fully_typed_with_one_line_docstrings() -> None:
    assert typing_problems(ENGINE) == []


def test_the_scan_catches_django_pulled_in_through_the_project() -> None:
    """junkan.applications.spec imports the organizations models: an engine could not import it."""
    spec = APP / "spec.py"
    assert django_imports([spec]) == []
    problems = impure_imports([spec], ALLOWED, follow=True)
    assert any("junkan.organizations.models, outside" in p for p in problems)
    assert any(p.startswith("reaches junkan.organizations.models, which imports django") for p in problems)

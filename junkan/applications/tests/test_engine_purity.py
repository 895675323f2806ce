"""The applications engines stay pure Python: no Django, directly or through another junkan module, and typed.

Each engine file's AST is scanned; imports of junkan modules are followed (with the packages they run on
import) and must stay within junkan.jp, junkan.programs.engine and junkan.applications.engine. A fresh
interpreter then imports every engine and checks that Django was never loaded.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1]
ROOT = APP.parents[1]
ENGINE = APP / "engine"
ENGINE_FILES = sorted(ENGINE.glob("*.py"))
ENGINE_TESTS = sorted((APP / "tests").glob("test_engine_*.py"))
ALLOWED = ("junkan.jp", "junkan.programs.engine", "junkan.applications.engine")
# Packages that run (their __init__.py) when an allowed module is imported.
PARENTS = ("junkan", "junkan.programs", "junkan.applications")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(name: str) -> Path | None:
    """The file of a junkan module or package, or None when there is none in the tree."""
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported(tree: ast.AST, package: str) -> set[str]:
    """Every module an AST imports; ``from a import b`` also names ``a.b`` (b may be a submodule)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def dynamic_imports(tree: ast.AST) -> list[str]:
    """Calls that import by name at run time, which a static scan cannot follow."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name in {"__import__", "import_module"}:
                found.append(name)
    return found


def is_django(name: str) -> bool:
    return name == "django" or name.startswith("django.")


def is_allowed_project_module(name: str) -> bool:
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in ALLOWED)


def package_of(path: Path) -> str:
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def project_imports(path: Path) -> set[str]:
    """The junkan modules a file imports that exist as files (``from x import name`` of a function is x)."""
    return {
        name
        for name in imported(parse(path), package_of(path))
        if name.split(".")[0] == "junkan" and module_path(name) is not None
    }


def closure(start: list[Path]) -> dict[str, Path]:
    """Every junkan module reached from ``start`` through imports, with the parent packages that run."""
    seen: dict[str, Path] = {}
    todo = [module_name(p) for p in start]
    while todo:
        name = todo.pop()
        path = module_path(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        todo.extend(project_imports(path))
    return seen


def test_there_are_engines() -> None:
    assert {p.stem for p in ENGINE_FILES} >= {"spec", "completeness", "costs", "uploads", "diff"}


@pytest.mark.parametrize("path", ENGINE_FILES + ENGINE_TESTS, ids=lambda p: str(p.relative_to(APP)))
def test_no_direct_django_import(path: Path) -> None:
    assert not [n for n in imported(parse(path), package_of(path)) if is_django(n)]


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_only_allowed_project_imports(path: Path) -> None:
    names = {n for n in imported(parse(path), package_of(path)) if n.split(".")[0] == "junkan"}
    assert {n for n in names if not is_allowed_project_module(n)} == set()


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_other_imports_are_the_standard_library(path: Path) -> None:
    top = {n.split(".")[0] for n in imported(parse(path), package_of(path)) if n}
    assert top - {"junkan", "__future__"} <= sys.stdlib_module_names


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_no_imports_by_name_at_run_time(path: Path) -> None:
    assert dynamic_imports(parse(path)) == []


def test_no_django_through_other_junkan_modules() -> None:
    reached = closure(ENGINE_FILES)
    assert {"junkan.programs.engine.subsidy", "junkan.jp.money", "junkan.jp.dates"} <= set(reached)
    outside = {n for n in reached if not is_allowed_project_module(n) and n not in PARENTS}
    assert outside == set()
    for name, path in reached.items():
        tree = parse(path)
        assert not [n for n in imported(tree, package_of(path)) if is_django(n)], name
        assert dynamic_imports(tree) == [], name


def test_a_fresh_interpreter_imports_the_engines_without_django() -> None:
    modules = [module_name(p) for p in ENGINE_FILES]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(','.join(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("path", [p for p in ENGINE_FILES if p.name != "__init__.py"], ids=lambda p: p.name)
def test_fully_typed_with_one_line_docstrings(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "from __future__ import annotations" in source
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            untyped = [a.arg for a in args if a.annotation is None and a.arg not in {"self", "cls"}]
            assert untyped == [], f"{node.name} has untyped parameters {untyped}"
            assert node.returns is not None, f"{node.name} has no return annotation"
            docstring = ast.get_docstring(node)
            if docstring is not None:
                assert "\n" not in docstring, f"{node.name} has a docstring longer than one line"


# The scanner itself can fail -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("import django", {"django"}),
        ("import django.db.models as m", {"django.db.models"}),
        ("from django.utils import timezone", {"django.utils", "django.utils.timezone"}),
        ("from junkan.applications import models", {"junkan.applications", "junkan.applications.models"}),
        ("from . import costs", {"junkan.applications.engine", "junkan.applications.engine.costs"}),
        ("from .. import models", {"junkan.applications", "junkan.applications.models"}),
        ("from ..spec import form_spec", {"junkan.applications.spec", "junkan.applications.spec.form_spec"}),
        ("from .spec import *", {"junkan.applications.engine.spec"}),
    ],
)
def test_imported_resolves_every_form(source: str, names: set[str]) -> None:
    assert imported(ast.parse(source), "junkan.applications.engine") == names


def test_the_scan_catches_django_pulled_in_through_the_project() -> None:
    """junkan.applications.spec imports the organizations models: an engine must not import it."""
    names = imported(
        ast.parse("from junkan.applications.spec import form_spec"), "junkan.applications.engine"
    )
    assert not all(is_allowed_project_module(n) for n in names if n.split(".")[0] == "junkan")
    reached = closure([APP / "spec.py"])
    assert any(is_django(n) for path in reached.values() for n in imported(parse(path), package_of(path)))


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("junkan.jp.money", True),
        ("junkan.programs.engine.subsidy", True),
        ("junkan.applications.engine.spec", True),
        ("junkan.applications.engine", True),
        ("junkan.programs.models", False),
        ("junkan.programs.engine_extra", False),
        ("junkan.jpx", False),
        ("junkan.applications", False),
        ("junkan.common.permissions", False),
    ],
)
def test_allowed_project_modules(name: str, allowed: bool) -> None:
    assert is_allowed_project_module(name) is allowed


def test_dynamic_imports_are_found() -> None:
    source = "import importlib\nimportlib.import_module('django')\n__import__('django')\n"
    assert dynamic_imports(ast.parse(source)) == ["import_module", "__import__"]

"""The purity scanner finds what it should, and nothing else (it runs on a small package written here)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from junkan.common import purity
from junkan.common.purity import (
    django_imports,
    dynamic_imports,
    imported_modules,
    impure_imports,
    is_under,
    project_closure,
    typing_problems,
)


def write(root: Path, files: dict[str, str]) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """purepkg/ with an engine, a helper the engine may use, and a module that pulls Django in."""
    write(
        tmp_path,
        {
            "purepkg/__init__.py": "",
            "purepkg/engine/__init__.py": "",
            "purepkg/engine/pure.py": "from __future__ import annotations\nimport re\nfrom . import other\n",
            "purepkg/engine/other.py": "from decimal import Decimal\nfrom purepkg.helpers import tool\n",
            "purepkg/helpers.py": "def tool() -> None: ...\n",
            "purepkg/models.py": "import django\n",
        },
    )
    return tmp_path / "purepkg"


# Reading imports -------------------------------------------------------------------------------------


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
def test_imported_modules_resolves_every_form(source: str, names: set[str]) -> None:
    assert imported_modules(ast.parse(source), "junkan.applications.engine") == names


@pytest.mark.parametrize(
    ("name", "under"),
    [
        ("junkan.jp.money", True),
        ("junkan.programs.engine.subsidy", True),
        ("junkan.programs.engine", True),
        ("junkan.programs.models", False),
        ("junkan.programs.engine_extra", False),
        ("junkan.jpx", False),
        ("junkan", False),
    ],
)
def test_is_under_a_prefix(name: str, under: bool) -> None:
    assert is_under(name, ("junkan.jp", "junkan.programs.engine")) is under


def test_dynamic_imports_are_found() -> None:
    source = "import importlib\nimportlib.import_module('django')\n__import__('django')\nprint('x')\n"
    assert dynamic_imports(ast.parse(source)) == ["import_module", "__import__"]


# impure_imports -------------------------------------------------------------------------------------


def test_a_pure_engine_has_no_problems(package: Path) -> None:
    assert impure_imports(package / "engine", ("purepkg.engine", "purepkg.helpers")) == []


def test_project_modules_outside_the_prefixes_are_named(package: Path) -> None:
    assert impure_imports(package / "engine", ("purepkg.engine",)) == [
        "purepkg/engine/other.py imports purepkg.helpers, outside purepkg.engine",
        "purepkg/engine/other.py imports purepkg.helpers.tool, outside purepkg.engine",
    ]


def test_django_is_never_allowed(package: Path) -> None:
    write(package.parent, {"purepkg/engine/bad.py": "from django.db import models\n"})
    assert impure_imports(package / "engine", ("purepkg", "django")) == [
        "purepkg/engine/bad.py imports django.db (Django)",
        "purepkg/engine/bad.py imports django.db.models (Django)",
    ]


def test_third_party_packages_need_a_prefix(package: Path) -> None:
    write(package.parent, {"purepkg/engine/yamlish.py": "import yaml\n"})
    allowed = ("purepkg.engine", "purepkg.helpers")
    assert impure_imports(package / "engine", allowed) == [
        "purepkg/engine/yamlish.py imports yaml, which is neither the standard library nor allowed"
    ]
    assert impure_imports(package / "engine", (*allowed, "yaml")) == []


def test_imports_by_name_are_refused(package: Path) -> None:
    write(package.parent, {"purepkg/engine/sneaky.py": "import importlib\nimportlib.import_module('x')\n"})
    assert impure_imports([package / "engine" / "sneaky.py"], ()) == [
        "purepkg/engine/sneaky.py imports by name at run time (import_module)"
    ]


def test_follow_finds_django_behind_an_allowed_module(package: Path) -> None:
    write(package.parent, {"purepkg/helpers.py": "from purepkg.models import thing\n"})
    allowed = ("purepkg.engine", "purepkg.helpers")
    assert impure_imports(package / "engine", allowed) == []
    assert impure_imports(package / "engine", allowed, follow=True) == [
        "reaches purepkg.models through the project's imports, outside purepkg.engine, purepkg.helpers",
        "reaches purepkg.models, which imports django",
    ]


def test_follow_checks_the_packages_that_run_on_import(package: Path) -> None:
    write(package.parent, {"purepkg/__init__.py": "import django\n"})
    assert "purepkg" in project_closure(package / "engine")
    assert impure_imports(package / "engine", ("purepkg.engine", "purepkg.helpers"), follow=True) == [
        "reaches purepkg, which imports django"
    ]


def test_a_fresh_interpreter_sees_django_loaded(package: Path) -> None:
    allowed = ("purepkg.engine", "purepkg.helpers")
    assert impure_imports(package / "engine", allowed, fresh_interpreter=True) == []
    write(package.parent, {"purepkg/helpers.py": "import django\n\ndef tool() -> None: ...\n"})
    problems = impure_imports(package / "engine", allowed, fresh_interpreter=True)
    assert len(problems) == 1
    assert "in a fresh interpreter loads django, django.utils" in problems[0]


def test_a_fresh_interpreter_reports_a_module_that_cannot_be_imported(package: Path) -> None:
    write(package.parent, {"purepkg/engine/broken.py": "raise RuntimeError('boom')\n"})
    problems = impure_imports([package / "engine" / "broken.py"], (), fresh_interpreter=True)
    assert len(problems) == 1 and "failed" in problems[0] and "boom" in problems[0]


def test_django_imports_ignores_everything_else(package: Path) -> None:
    source = "import pytest\nfrom purepkg import helpers\nimport django.test\n"
    write(package.parent, {"purepkg/test_x.py": source})
    found = django_imports([package / "test_x.py", package / "helpers.py"])
    assert found == ["purepkg/test_x.py imports django.test"]


# typing_problems ------------------------------------------------------------------------------------

TYPED = '''from __future__ import annotations


def f(a: int, *, b: str = "") -> int:
    """One line."""
    return a


class C:
    def m(self, x: int) -> None:
        return None
'''


def test_a_typed_module_has_no_problems(tmp_path: Path) -> None:
    write(tmp_path, {"typed.py": TYPED, "__init__.py": "def untyped(x): ...\n"})
    assert typing_problems(tmp_path) == []


def test_typing_problems_are_named(tmp_path: Path) -> None:
    source = 'def f(a, b: int):\n    """Two\n\n    lines."""\n\nasync def g() -> None: ...\n'
    write(tmp_path, {"loose.py": source})
    assert typing_problems(tmp_path) == [
        "loose.py: no `from __future__ import annotations`",
        "loose.py: f has untyped parameters ['a']",
        "loose.py: f has no return annotation",
        "loose.py: f has a docstring longer than one line",
    ]
    assert "loose.py: f has a docstring longer than one line" not in typing_problems(
        tmp_path, docstrings="summary line"
    )
    public = typing_problems(tmp_path, docstrings="any", public_docstrings=True)
    assert public[-1] == "loose.py: g has no docstring"


def test_the_summary_line_rule(tmp_path: Path) -> None:
    source = 'from __future__ import annotations\n\n\ndef f() -> None:\n    """Two\n    lines."""\n'
    write(tmp_path, {"doc.py": source})
    assert typing_problems(tmp_path, docstrings="summary line") == [
        "doc.py: f has a docstring whose summary is longer than one line"
    ]


def test_the_checker_is_itself_pure() -> None:
    path = Path(purity.__file__)
    assert impure_imports([path], ()) == []
    assert typing_problems([path], docstrings="summary line") == []

"""The scanner behind every app's ``tests/test_engine_purity.py``: pure modules stay pure and typed.

A pure module (``junkan/<app>/engine/``) imports the standard library, ``__future__`` and the modules
named by its allowed prefixes (other pure modules, a few third-party packages), never Django, and never
by name at run time. Each function here returns a list of problems, one readable line each naming the
file, so that a test asserts ``== []`` and a failure says what is wrong where.

- ``impure_imports``: what a set of files imports, optionally following the project's own modules
  (``follow``) and importing them in a fresh interpreter without Django settings (``fresh_interpreter``).
- ``django_imports``: Django imported directly (for the engines' tests, which also use pytest etc.).
- ``typing_problems``: postponed annotations, typed parameters and returns, short docstrings.

Standard library only, so that a test of a pure module may import it.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

FORBIDDEN = "django"
DYNAMIC_IMPORTERS = frozenset({"__import__", "import_module"})

Paths = Path | Iterable[Path]
DocstringRule = Literal["one line", "summary line", "any"]
_LONG = {"one line": "longer than one line", "summary line": "whose summary is longer than one line"}


def python_files(paths: Paths) -> list[Path]:
    """A folder's ``*.py`` files (not its subfolders'), or the files given, sorted."""
    if isinstance(paths, Path):
        return sorted(paths.glob("*.py")) if paths.is_dir() else [paths]
    return sorted(paths)


def is_under(name: str, prefixes: Iterable[str]) -> bool:
    """Whether ``name`` is one of ``prefixes`` or inside one (``a.b`` is under ``a``, ``a.bc`` is not)."""
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in prefixes)


def source_root(path: Path) -> Path:
    """The folder that holds the top package of ``path``: its first parent without an ``__init__.py``."""
    folder = path.resolve().parent
    while (folder / "__init__.py").is_file():
        folder = folder.parent
    return folder


def module_name(path: Path, root: Path) -> str:
    """The dotted name of a file below ``root`` (a package's ``__init__.py`` is the package)."""
    parts = list(path.resolve().relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(name: str, root: Path) -> Path | None:
    """The file of a module or package below ``root``, or None when there is none."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def package_of(path: Path, root: Path) -> str:
    """The package that relative imports in ``path`` start from."""
    name = module_name(path, root)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def parse(path: Path) -> ast.Module:
    """The file's syntax tree."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(tree: ast.AST, package: str = "") -> set[str]:
    """Every module a tree imports; ``from a import b`` names ``a`` and ``a.b`` (``b`` may be a submodule).

    Relative imports are resolved from ``package``.
    """
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def dynamic_imports(tree: ast.AST) -> list[str]:
    """Calls that import by name at run time (``__import__``, ``import_module``); a scan cannot follow."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                name = func.id
            elif isinstance(func, ast.Attribute):
                name = func.attr
            else:
                name = ""
            if name in DYNAMIC_IMPORTERS:
                found.append(name)
    return found


def _is_django(name: str) -> bool:
    return is_under(name, (FORBIDDEN,))


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def django_imports(paths: Paths) -> list[str]:
    """``"<file> imports <module>"`` for every Django module the files import directly."""
    problems = []
    for path in python_files(paths):
        root = source_root(path)
        names = imported_modules(parse(path), package_of(path, root))
        problems.extend(f"{_shown(path, root)} imports {name}" for name in sorted(names) if _is_django(name))
    return problems


def _import_problem(name: str, project: str, allowed: tuple[str, ...]) -> str | None:
    """Why a file of a pure module may not import ``name``, or None when it may."""
    top = name.split(".")[0]
    if _is_django(name):
        return f"imports {name} (Django)"
    if is_under(name, allowed):
        return None
    if top == project:
        return f"imports {name}, outside {', '.join(allowed) or 'nothing'}"
    if top == "__future__" or top in sys.stdlib_module_names:
        return None
    return f"imports {name}, which is neither the standard library nor allowed"


def project_closure(paths: Paths) -> dict[str, Path]:
    """Every project module reached from the files through imports, with the parent packages that run."""
    files = python_files(paths)
    if not files:
        return {}
    root = source_root(files[0])
    project = module_name(files[0], root).split(".")[0]
    seen: dict[str, Path] = {}
    todo = [module_name(path, root) for path in files]
    while todo:
        name = todo.pop()
        path = module_path(name, root)
        if name in seen or path is None:
            continue
        seen[name] = path
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        todo.extend(
            imported
            for imported in imported_modules(parse(path), package_of(path, root))
            if imported.split(".")[0] == project
        )
    return seen


def _closure_problems(files: list[Path], root: Path, allowed: tuple[str, ...]) -> list[str]:
    """Project modules reached through imports that are not allowed, or that import Django or by name."""
    reached = project_closure(files)
    started = {module_name(path, root) for path in files}
    parents = {".".join(name.split(".")[:i]) for name in reached for i in range(1, name.count(".") + 1)}
    problems = [
        f"reaches {name} through the project's imports, outside {', '.join(allowed) or 'nothing'}"
        for name in sorted(reached)
        if name not in started and name not in parents and not is_under(name, allowed)
    ]
    for name, path in sorted(reached.items()):
        tree = parse(path)
        django = sorted(n for n in imported_modules(tree, package_of(path, root)) if _is_django(n))
        problems.extend(f"reaches {name}, which imports {n}" for n in django)
        problems.extend(f"reaches {name}, which calls {call}" for call in dynamic_imports(tree))
    return problems


def _fresh_interpreter_problems(files: list[Path], root: Path) -> list[str]:
    """Import the modules in a new Python without Django settings; report failure or any Django loaded."""
    modules = sorted({module_name(path, root) for path in files})
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(','.join(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))))\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    # The interpreter running the tests, on code written here from module names found on disk.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        return [f"importing {', '.join(modules)} in a fresh interpreter failed: {result.stderr.strip()}"]
    loaded = [name for name in result.stdout.strip().split(",") if name]
    if not loaded:
        return []
    return [f"importing {', '.join(modules)} in a fresh interpreter loads {', '.join(loaded)}"]


def impure_imports(
    paths: Paths,
    allowed_prefixes: Iterable[str] = (),
    *,
    follow: bool = False,
    fresh_interpreter: bool = False,
) -> list[str]:
    """Every import that makes the files impure, as ``"<file> imports …"`` lines; ``[]`` when they are pure.

    ``paths`` is a folder (its ``*.py`` files) or a list of files inside one package tree. A file may
    import the standard library, ``__future__`` and modules under ``allowed_prefixes`` (dotted names:
    ``"junkan.jp"``, ``"sudachipy"``); never Django (even when allowed) and never by name at run time.

    ``follow``: also follow the project modules the files import, transitively, with the parent packages
    that run on import: each must be under ``allowed_prefixes`` (parent packages excepted) and import
    neither Django nor by name. ``fresh_interpreter``: also import the files' modules in a new Python
    without ``DJANGO_SETTINGS_MODULE`` and report any Django module that gets loaded.
    """
    files = python_files(paths)
    allowed = tuple(allowed_prefixes)
    problems: list[str] = []
    if not files:
        return problems
    root = source_root(files[0])
    project = module_name(files[0], root).split(".")[0]
    for path in files:
        tree = parse(path)
        shown = _shown(path, root)
        for name in sorted(imported_modules(tree, package_of(path, root))):
            problem = _import_problem(name, project, allowed)
            if problem is not None:
                problems.append(f"{shown} {problem}")
        problems.extend(f"{shown} imports by name at run time ({call})" for call in dynamic_imports(tree))
    if follow:
        problems.extend(_closure_problems(files, root, allowed))
    if fresh_interpreter:
        problems.extend(_fresh_interpreter_problems(files, root))
    return problems


def typing_problems(
    paths: Paths, *, docstrings: DocstringRule = "one line", public_docstrings: bool = False
) -> list[str]:
    """What keeps the files from being fully typed, as ``"<file>: …"`` lines; ``[]`` when nothing does.

    Every file but a package's ``__init__.py`` has ``from __future__ import annotations``, and every
    function annotates its parameters (``self`` and ``cls`` aside) and its return. A function's
    docstring, when it has one, is one line (``docstrings="one line"``), starts with a one-line summary
    followed by a blank line (``"summary line"``) or is not checked (``"any"``). With
    ``public_docstrings`` every function whose name does not start with ``_`` has one.
    """
    problems = []
    for path in python_files(paths):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        shown = _shown(path, source_root(path))
        if "from __future__ import annotations" not in source:
            problems.append(f"{shown}: no `from __future__ import annotations`")
        for node in ast.walk(ast.parse(source, filename=str(path))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            where = f"{shown}: {node.name}"
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            untyped = [a.arg for a in args if a.annotation is None and a.arg not in {"self", "cls"}]
            if untyped:
                problems.append(f"{where} has untyped parameters {untyped}")
            if node.returns is None:
                problems.append(f"{where} has no return annotation")
            docstring = ast.get_docstring(node)
            if docstring is not None and docstrings != "any":
                head = docstring if docstrings == "one line" else docstring.split("\n\n")[0]
                if "\n" in head:
                    problems.append(f"{where} has a docstring {_LONG[docstrings]}")
            if public_docstrings and docstring is None and not node.name.startswith("_"):
                problems.append(f"{where} has no docstring")
    return problems

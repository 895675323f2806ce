"""Programs as YAML files: what staff download from the admin and what ``import_program`` reads.

A file holds one program per YAML document (``---`` between them). Long texts are written as block
literals so that a file reads like the call it transcribes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from junkan.programs.loader import dump_program
from junkan.programs.models import Program
from junkan.programs.schema import ProgramDataError


class _Dumper(yaml.SafeDumper):
    """Block literals for texts with line breaks; everything else as PyYAML writes it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def to_yaml(documents: Iterable[dict[str, Any]]) -> str:
    """YAML text of one or more programs in their data form."""
    return yaml.dump_all(list(documents), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def export_programs(programs: Iterable[Program], *, include_files: bool = True) -> str:
    """The YAML file of the programs, with attachment contents unless ``include_files`` is False."""
    return to_yaml(dump_program(program, include_files=include_files) for program in programs)


def read_yaml(text: str | bytes) -> list[Any]:
    """The documents of a YAML file; ProgramDataError (in Japanese, with the line) when it cannot be read."""
    try:
        documents = [doc for doc in yaml.safe_load_all(text) if doc is not None]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"（{mark.line + 1}行目）" if mark is not None else ""
        raise ProgramDataError([f"YAMLとして読み取れません{where}：{error}"]) from error
    if not documents:
        raise ProgramDataError(["ファイルに公募のデータがありません。"])
    return documents

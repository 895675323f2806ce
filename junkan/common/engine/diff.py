"""Differences between two frozen submissions, for the visible diff of a corrected application. Pure Python.

A snapshot is nested JSON; it is flattened to ``(path, label, text)`` rows in form order, and two
flattenings are compared row by row: added, removed and changed rows, each with before and after.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    path: str
    label: str
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def flatten(rows: Sequence[Mapping[str, Any]]) -> dict[str, tuple[str, str]]:
    """``rows`` are the snapshot's display rows: {"path", "label", "value"}; returns path → (label, text)."""
    return {str(row["path"]): (str(row["label"]), _text(row.get("value"))) for row in rows}


def changes(before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]) -> list[Change]:
    old, new = flatten(before), flatten(after)
    order = list(new) + [path for path in old if path not in new]
    result = []
    for path in order:
        label = (new.get(path) or old[path])[0]
        was, now = old.get(path, (label, ""))[1], new.get(path, (label, ""))[1]
        if was != now:
            result.append(Change(path, label, was, now))
    return result

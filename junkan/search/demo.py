"""Demo: the search index, rebuilt from what the earlier apps' demos loaded (search loads after them)."""

from __future__ import annotations

from collections.abc import Callable

from junkan.search import services


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    counts = services.rebuild()
    log("search: index rebuilt (" + ", ".join(f"{kind} {count}" for kind, count in counts.items()) + ")")
    return []

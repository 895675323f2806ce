"""The start page's panels, contributed by the apps: ``junkan/<app>/panels.py`` registers its own.

A panel is a function ``(request) -> Panel | None`` (None: nothing for this person, the panel is left out)::

    from junkan.dashboard.panels import Item, Panel, register

    @register("grants", order=30)
    def my_projects(request):
        ...
        return Panel(title=_("補助事業"), items=[Item(label, url, note=...)], more_url=...)

New processes (collaboration requests, support cases, consultations …) add theirs the same way; the start
page needs no change. Each item links to where the person acts (one click to the next task), lists stay
short (``LIMIT`` items, then a link to the whole list) and every panel runs a bounded number of queries.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

LIMIT = 8


@dataclass(frozen=True)
class Item:
    """One line: what it is, where to act on it, and a short note (the stage, the due date …)."""

    label: str
    url: str
    note: str = ""
    # "warn" draws attention (overdue, returned for correction).
    tone: str = ""


@dataclass(frozen=True)
class Count:
    """A queue with its size (the secretariat's inbox: 12 to accept)."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Panel:
    title: str
    items: list[Item] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    empty: str = ""
    more_url: str = ""
    more_label: str = ""
    # Set by the registry: the panel's key (its id on the page).
    key: str = ""
    order: int = 100


Builder = Callable[[HttpRequest], Panel | None]


@dataclass(frozen=True)
class _Entry:
    key: str
    order: int
    build: Builder


PANELS: dict[str, _Entry] = {}


def register(key: str, *, order: int = 100) -> Callable[[Builder], Builder]:
    """Register a start-page panel under ``key`` (unique); lower ``order`` comes first."""

    def decorate(build: Builder) -> Builder:
        PANELS[key] = _Entry(key, order, build)
        return build

    return decorate


def panels_for(request: HttpRequest) -> list[Panel]:
    """The panels this person has, in order."""
    found: list[Panel] = []
    for entry in sorted(PANELS.values(), key=lambda e: (e.order, e.key)):
        panel = entry.build(request)
        if panel is None:
            continue
        found.append(_keyed(panel, entry))
    return found


def _keyed(panel: Panel, entry: _Entry) -> Panel:
    from dataclasses import replace

    return replace(panel, key=entry.key, order=entry.order)


def autodiscover(app_names: Iterable[str]) -> None:
    for name in app_names:
        try:
            importlib.import_module(f"{name}.panels")
        except ModuleNotFoundError as error:
            if error.name != f"{name}.panels":
                raise


def first_url(panels: Iterable[Panel]) -> Any:
    """The first place to act on the page (for the "next task" line at the top)."""
    for panel in panels:
        for item in panel.items:
            return item
    return None

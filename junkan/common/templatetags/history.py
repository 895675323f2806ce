"""``{% load history %}{% history entries %}``: audit entries in words (``junkan.common.history``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from junkan.common.history import describe

register = template.Library()


@register.inclusion_tag("common/_history.html")
def history(entries: Iterable[Any], show_subject: bool = False, caption: str = "") -> dict[str, Any]:
    """The entries as a table: when, who, what, what changed (with ``show_subject``: on which object)."""
    return {"lines": describe(entries), "show_subject": show_subject, "caption": caption}

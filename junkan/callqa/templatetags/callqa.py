"""``{% load callqa %}{% call_qa program %}``: the published answers on a call's page (the latest ten)."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.callqa import permissions
from junkan.callqa.views import published

register = template.Library()
SHOWN = 10


@register.inclusion_tag("callqa/_program_qa.html", takes_context=True)
def call_qa(context: dict[str, Any], program: Any) -> dict[str, Any]:
    answers = list(published(program)[: SHOWN + 1])
    user = context["request"].user
    return {
        "program": program,
        "answers": answers[:SHOWN],
        "more": len(answers) > SHOWN,
        "can_ask": permissions.can_ask(user, program).allowed,
        "closed": not permissions.can_ask(user, program).allowed and getattr(user, "is_authenticated", False),
    }

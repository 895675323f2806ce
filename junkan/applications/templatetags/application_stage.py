"""``{{ application|stage }}``: where the application really stands (the decision, then the grant)."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.grants.stages import Stage, stage_of

register = template.Library()


@register.filter
def stage(application: Any) -> Stage:
    return stage_of(application)

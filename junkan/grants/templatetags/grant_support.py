"""``{% grant_projects_supported case %}``: on a regional support case, the grant projects whose continuation
review judged that further support is needed through it (only the projects the person may see)."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.grants import permissions
from junkan.grants.models import SupportJudgement

register = template.Library()


@register.inclusion_tag("grants/oversight/_case_projects.html", takes_context=True)
def grant_projects_supported(context: dict[str, Any], case: Any) -> dict[str, Any]:
    user = context["request"].user
    judgements = SupportJudgement.objects.filter(case=case).select_related(
        "project__organization", "project__application"
    )
    return {"judgements": [j for j in judgements if permissions.can_view(user, j.project).allowed]}

"""``{% grant_projects_supported case %}``: on a regional support case, the grant projects whose continuation
review judged that further support is needed through it (only the projects the person may see)."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.common import cache
from junkan.grants import permissions
from junkan.grants.caching import PROJECT_SCOPE
from junkan.grants.models import SupportJudgement

register = template.Library()


@register.inclusion_tag("grants/oversight/_case_projects.html", takes_context=True)
def grant_projects_supported(context: dict[str, Any], case: Any) -> dict[str, Any]:
    # Most cases have none: whether this one has any is kept until a judgement (or a project) changes, so
    # the case page asks nothing then.
    if not cache.keyed("grants:case-judged", (PROJECT_SCOPE,), (case.pk,), lambda: _judged(case)):
        return {"judgements": []}
    user = context["request"].user
    judgements = SupportJudgement.objects.filter(case=case).select_related(
        "project__organization", "project__application"
    )
    return {"judgements": [j for j in judgements if permissions.can_view(user, j.project).allowed]}


def _judged(case: Any) -> bool:
    return SupportJudgement.objects.filter(case=case).exists()

"""``{% region_support region %}``: the region's stage and, where published, its bodies, minutes and KPIs."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.regional import charts, progress
from junkan.regional import permissions as p
from junkan.regional.models import Body, BusinessPlan, Meeting

register = template.Library()


@register.inclusion_tag("regional/_region_support.html", takes_context=True)
def region_support(context: dict[str, Any], region: Any, insider: bool | None = None) -> dict[str, Any]:
    """``insider``: ``permissions.is_insider`` by the caller (a cached profile puts it in its key)."""
    if insider is None:
        insider = p.is_insider(context["request"].user, region)
    state = progress.region_progress(region, published_only=not insider)
    bodies = Body.objects.filter(region=region)
    if not insider:
        bodies = bodies.filter(is_published=True)
    minutes = Meeting.objects.filter(body__in=bodies).select_related("body")
    if not insider:
        minutes = minutes.filter(minutes_published=True)
    plans = BusinessPlan.objects.filter(region=region)
    if not insider:
        plans = plans.filter(is_published=True)
    from junkan.regional.views import _steps

    shown = insider or state.case is not None or state.team is not None or bool(state.kpis)
    return {
        "region": region,
        "state": state,
        "shown": shown,
        "insider": insider,
        "steps": _steps(state.stage),
        "bodies": list(bodies[:10]),
        "minutes": list(minutes[:5]),
        "plans": list(plans[:5]),
        "rows": [{"row": r, "chart": charts.kpi_chart(r)} for r in state.kpis],
    }


COUNCIL_TYPE_CODE = "3"  # seed 002 ③ 住民参加型協議会の運営及び情報発信を行う事業


@register.inclusion_tag("regional/_project_council.html", takes_context=True)
def project_council(context: dict[str, Any], project: Any, report: Any = None) -> dict[str, Any]:
    """A grant project's council (type ③), with its meetings on the completion report."""
    from junkan.grants import permissions as grants
    from junkan.programs.models import ReportKind

    user = context["request"].user
    council = Body.objects.filter(grant_project=project).first()
    is_council_type = project.project_type.code == COUNCIL_TYPE_CODE
    meetings: list[Meeting] = []
    if council is not None and (report is None or report.kind == ReportKind.COMPLETION):
        meetings = list(council.meetings.all()[:50])
    return {
        "project": project,
        "council": council,
        "shown": council is not None or is_council_type,
        "can_create": council is None and is_council_type and grants.can_act(user, project).allowed,
        "meetings": meetings,
        "for_report": report is not None,
    }

"""The applicant's start-page panel: my organizations' drafts and submitted applications with their stage."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.applications.models import Application, ApplicationStatus, CoApplicant, CoApplicantStatus
from junkan.dashboard.panels import LIMIT, Item, Panel, register
from junkan.grants.stages import stage_of
from junkan.organizations.models import Membership


@register("applications", order=20)
def my_applications(request: HttpRequest) -> Panel | None:
    org_ids = list(Membership.objects.filter(user=request.user).values_list("organization_id", flat=True))
    if not org_ids:
        return None
    items: list[Item] = []
    for co in CoApplicant.objects.filter(
        organization_id__in=org_ids, status=CoApplicantStatus.INVITED
    ).select_related("application")[:LIMIT]:
        items.append(
            Item(
                _("共同申請者としての参加依頼：%(title)s") % {"title": co.application.title},
                reverse("applications:mine"),
                _("回答してください"),
                tone="warn",
            )
        )
    applications = (
        Application.objects.visible_to_organizations(org_ids)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("program")
        .distinct()
        .order_by("-updated_at")[:LIMIT]
    )
    # Drafts and returned applications first: they are what the person has to do next.
    ordered = sorted(applications, key=lambda a: (a.status not in (ApplicationStatus.RETURNED, "draft"),))
    for application in ordered:
        stage = stage_of(application)
        items.append(
            Item(
                application.title,
                reverse("applications:detail", args=[application.public_id]),
                stage.label,
                tone="warn" if application.status == ApplicationStatus.RETURNED else "",
            )
        )
    return Panel(
        title=_("応募"),
        items=items[:LIMIT],
        empty=_("作成中や提出済みの応募はありません。"),
        more_url=reverse("applications:mine"),
        more_label=_("応募の一覧・新しい応募"),
    )

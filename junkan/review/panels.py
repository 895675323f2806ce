"""The reviewer's start-page panel: assigned applications whose declaration or score sheet is still open."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.applications.models import ApplicationStatus
from junkan.dashboard.panels import LIMIT, Item, Panel, register
from junkan.review.models import Assignment, AssignmentStatus, CommitteeStatus, SheetStatus


@register("review", order=25)
def my_review(request: HttpRequest) -> Panel | None:
    open_assignments = Assignment.objects.filter(
        member__user=request.user,
        status=AssignmentStatus.ACTIVE,
        committee__status=CommitteeStatus.REVIEWING,
        application__status=ApplicationStatus.ACCEPTED,
    )
    if not open_assignments.exists():
        return None
    to_do = (
        open_assignments.filter(Q(sheet__isnull=True) | Q(sheet__status=SheetStatus.DRAFT))
        .select_related("application", "committee")
        .order_by("committee_id", "application__receipt_number", "id")
    )
    total = to_do.count()
    items = [
        Item(
            a.application.title,
            reverse("review:sheet", args=[a.committee_id, a.application.public_id]),
            _("採点票を仕上げて提出してください"),
        )
        for a in to_do[:LIMIT]
    ]
    first = open_assignments.values_list("committee_id", flat=True).first()
    return Panel(
        title=_("審査（採点）"),
        items=items,
        empty=_("担当する応募の採点票はすべて提出済みです。") if total == 0 else "",
        more_url=reverse("review:assigned", args=[first]) if first else "",
        more_label=_("担当する応募の一覧（残り%(count)s件）") % {"count": total},
    )

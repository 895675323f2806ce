"""The reviewer's start-page panel: score sheets still to finish, then the committees they sit on."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.applications.models import ApplicationStatus
from junkan.dashboard.panels import LIMIT, Item, Panel, register
from junkan.review.models import Assignment, AssignmentStatus, CommitteeMember, CommitteeStatus, SheetStatus


@register("review", order=25)
def my_review(request: HttpRequest) -> Panel | None:
    seats = list(
        CommitteeMember.objects.filter(user=request.user)
        .select_related("committee__program")
        .order_by("-committee__program__fiscal_year", "-committee_id")[:LIMIT]
    )
    if not seats:
        return None
    to_do = (
        Assignment.objects.filter(
            member__user=request.user,
            status=AssignmentStatus.ACTIVE,
            committee__status=CommitteeStatus.REVIEWING,
            application__status=ApplicationStatus.ACCEPTED,
        )
        .filter(Q(sheet__isnull=True) | Q(sheet__status=SheetStatus.DRAFT))
        .select_related("application", "committee")
        .order_by("committee_id", "application__receipt_number", "id")
    )
    items = [
        Item(
            a.application.title,
            reverse("review:sheet", args=[a.committee_id, a.application.public_id]),
            _("採点票を仕上げて提出してください"),
            tone="warn",
        )
        for a in to_do[:LIMIT]
    ]
    for seat in seats:
        committee = seat.committee
        items.append(
            Item(
                _("%(call)s の審査（担当する応募）") % {"call": committee.program.name},
                reverse("review:assigned", args=[committee.pk]),
                committee.get_status_display(),
            )
        )
    return Panel(title=_("審査（採点）"), items=items[: LIMIT + len(seats)])

"""Start-page panels: my collaboration requests (those awaiting my answer first) and suggestions for my
registrations; for the secretariat, the requests by state."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common import workflow
from junkan.dashboard.panels import LIMIT, Count, Item, Panel, register
from junkan.matching import services
from junkan.matching.models import CollaborationRequest, RequestStatus
from junkan.matching.processes import REQUEST
from junkan.organizations.models import Membership
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus

SUGGESTED = 3


@register("matching", order=40)
def my_matching(request: HttpRequest) -> Panel | None:
    org_ids = list(Membership.objects.filter(user=request.user).values_list("organization_id", flat=True))
    if not org_ids:
        return None
    items: list[Item] = []
    requests = (
        CollaborationRequest.objects.filter(Q(requester__in=org_ids) | Q(recipient__in=org_ids))
        .select_related("requester", "recipient")
        .order_by("-updated_at", "-id")[:LIMIT]
    )
    for item in requests:
        answer = workflow.can(REQUEST, request.user, item, "accept").allowed
        items.append(
            Item(
                _("%(requester)s → %(recipient)s")
                % {"requester": item.requester, "recipient": item.recipient},
                reverse("matching:request", args=[item.pk]),
                _("返答してください") if answer else item.get_status_display(),
                tone="warn" if answer else "",
            )
        )
    region = RegionRegistration.objects.filter(
        organization__in=org_ids, status=RegistrationStatus.APPROVED
    ).first()
    if region is not None:
        for suggestion in services.solutions_for_region(region, SUGGESTED):
            items.append(
                Item(
                    _("おすすめ：%(title)s") % {"title": suggestion["title"]},
                    suggestion["url"],
                    suggestion["organization"],
                )
            )
    company = CompanyRegistration.objects.filter(
        organization__in=org_ids, status=RegistrationStatus.APPROVED
    ).first()
    if company is not None:
        for suggestion in services.regions_for_company(company, SUGGESTED):
            items.append(
                Item(
                    _("おすすめ：%(title)s") % {"title": suggestion["title"]},
                    suggestion["url"],
                    suggestion["organization"],
                )
            )
    if not items:
        return None
    return Panel(
        title=_("マッチング・協業の相談"),
        items=items[: LIMIT + 2 * SUGGESTED],
        more_url=reverse("matching:mine"),
        more_label=_("協業の相談の一覧"),
    )


@register("matching_secretariat", order=45)
def secretariat_matching(request: HttpRequest) -> Panel | None:
    if not is_secretariat(request.user):
        return None
    url = reverse("matching:manage")
    counts = [
        Count(str(label), CollaborationRequest.objects.filter(status=value).count(), f"{url}?state={value}")
        for value, label in RequestStatus.choices
        if value in (RequestStatus.REQUESTED, RequestStatus.ACCEPTED, RequestStatus.INTRODUCED)
    ]
    return Panel(title=_("協業の相談"), counts=counts, more_url=url, more_label=_("マッチングの状況"))

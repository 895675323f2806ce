"""The start-page panel of registrations: my organizations' registrations still to finish or decided on."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.dashboard.panels import LIMIT, Item, Panel, register
from junkan.organizations.models import Membership
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus

OPEN = (RegistrationStatus.DRAFT, RegistrationStatus.REFUSED, RegistrationStatus.SUBMITTED)


@register("registry", order=40)
def my_registrations(request: HttpRequest) -> Panel | None:
    org_ids = list(Membership.objects.filter(user=request.user).values_list("organization_id", flat=True))
    if not org_ids:
        return None
    items = []
    for model, url in (
        (RegionRegistration, "registry:region_edit"),
        (CompanyRegistration, "registry:company_edit"),
    ):
        mine = model.objects.filter(organization_id__in=org_ids, status__in=OPEN)
        for registration in mine.order_by("-id")[:LIMIT]:
            items.append(
                Item(
                    str(registration),
                    reverse(url, args=[registration.pk]),
                    registration.get_status_display(),
                    tone="warn" if registration.status == RegistrationStatus.REFUSED else "",
                )
            )
    if not items:
        return None
    return Panel(
        title=_("実践地域・企業等の登録"),
        items=items[:LIMIT],
        more_url=reverse("registry:mine"),
        more_label=_("登録の申請の一覧"),
    )

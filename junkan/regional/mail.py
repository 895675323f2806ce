"""E-mails of regional support: selection, the hearing's decision, the support team. Queued after commit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.tasks import send_email
from junkan.organizations.models import Membership


def region_addresses(region: Any) -> list[str]:
    """The region's contact and the active members of the registering organization."""
    members = (
        Membership.objects.filter(organization_id=region.organization_id, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted({region.contact_email, *members} - {""})


def url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def send(template: str, subject: str, to: list[str], context: dict[str, Any]) -> None:
    if not to:
        return
    send_email.enqueue(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def case_decided(pk: int) -> None:
    from junkan.regional.models import ConsortiumCase

    case = ConsortiumCase.objects.select_related("region", "round").get(pk=pk)
    send(
        "regional/email/case_decided.txt",
        _("【循環】環境整備の支援の選定結果（%(region)s）") % {"region": case.region.name},
        region_addresses(case.region),
        {"case": case, "selected": case.status == "selected", "url": url("regional:case", case.pk)},
    )


def hearing_decided(pk: int) -> None:
    from junkan.regional.models import Hearing

    hearing = Hearing.objects.select_related("case__region").prefetch_related("judgements").get(pk=pk)
    send(
        "regional/email/hearing_decided.txt",
        _("【循環】移行ヒアリングの結果（%(region)s）") % {"region": hearing.case.region.name},
        region_addresses(hearing.case.region),
        {"hearing": hearing, "url": url("regional:hearing", hearing.pk)},
    )


def team_changed(pk: int, move: str) -> None:
    from junkan.regional.models import SupportTeam

    team = SupportTeam.objects.select_related("region").get(pk=pk)
    send(
        "regional/email/team_changed.txt",
        _("【循環】支援チームの派遣について（%(region)s）") % {"region": team.region.name},
        region_addresses(team.region),
        {"team": team, "move": move, "url": url("regional:team", team.pk)},
    )

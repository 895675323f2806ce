"""The weekly digest: new suggestions for the registrations a person acts for, once each, with opt-out."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.accounts.tasks import send_email
from junkan.matching import services
from junkan.matching.models import DigestSubscription
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus

SHOWN = 5


def _suggestions(user: User) -> list[tuple[str, str, str]]:
    """(key, line, url) of the current top suggestions for everything the person acts for."""
    organizations = user.memberships.values_list("organization_id", flat=True)
    found = []
    for region in RegionRegistration.objects.filter(
        organization__in=organizations, status=RegistrationStatus.APPROVED
    ):
        for item in services.solutions_for_region(region, SHOWN):
            found.append(
                (
                    f"r{region.pk}-s{item['id']}",
                    f"{region.name} ← {item['title']}（{item['organization']}）",
                    item["url"],
                )
            )
    for company in CompanyRegistration.objects.filter(
        organization__in=organizations, status=RegistrationStatus.APPROVED
    ):
        for item in services.regions_for_company(company, SHOWN):
            found.append(
                (f"c{company.pk}-r{item['id']}", f"{item['solution']} → {item['title']}", item["url"])
            )
    return found


def send_digests(now: datetime, every: timedelta) -> int:
    """Send each person who has new suggestions one e-mail (at most one per ``every``)."""
    site = settings.SITE_URL.rstrip("/")
    sent = 0
    people = User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("pk")
    for user in people:
        subscription, _created = DigestSubscription.objects.get_or_create(user=user)
        if not subscription.enabled:
            continue
        if subscription.last_sent_at and now - subscription.last_sent_at < every:
            continue
        known = set(subscription.sent_keys)
        new = [s for s in _suggestions(user) if s[0] not in known]
        if not new:
            continue
        lines = "\n".join(f"・{line}\n  {site}{url}" for _key, line, url in new)
        body = _(
            "あなたの団体の登録に、新しく合いそうな相手があります。\n\n%(lines)s\n\n"
            "このメールが不要な場合は、次のページで受信を止められます。\n%(optout)s\n"
        ) % {"lines": lines, "optout": site + reverse("matching:digest")}
        with transaction.atomic():
            subscription.sent_keys = sorted(known | {key for key, _line, _url in new})
            subscription.last_sent_at = now
            subscription.save(update_fields=["sent_keys", "last_sent_at"])
            email = user.email
            transaction.on_commit(
                lambda email=email, body=body: send_email.enqueue(
                    subject=_("【循環】新しく合いそうな相手のお知らせ"),
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[email],
                )
            )
        sent += 1
    return sent

"""Recording the e-mails sent to people (called by the one mail task, ``accounts.tasks.send_email``)."""

from __future__ import annotations

from collections.abc import Iterable

from junkan.dashboard.models import Notification

KEEP_BODY = 4000


def record_mail(subject: str, body: str, addresses: Iterable[str]) -> list[Notification]:
    """One row per address, linked to the person whose e-mail address it is (if any)."""
    from django.db.models import Q

    from junkan.accounts.models import User

    addresses = [a for a in addresses if a]
    if not addresses:
        return []
    match = Q()
    for address in addresses:
        match |= Q(email__iexact=address)
    people = {u.email.lower(): u for u in User.objects.filter(match)}
    rows = [
        Notification(
            user=people.get(address.lower()),
            address=address,
            subject=subject[:300],
            body=body[:KEEP_BODY],
        )
        for address in addresses
    ]
    return Notification.objects.bulk_create(rows)

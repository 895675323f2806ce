"""Who receives an issue. Every segment resolves to confirmed subscribers only.

The rule for the region and company segments: a confirmed subscriber belongs to the segment when their
address (compared in lower case) is

- the address of an active user who is a member of an organization with an APPROVED registration of
  that kind (``junkan.registry`` RegionRegistration for ``regions``, CompanyRegistration for
  ``companies``), or
- the contact address (連絡先メールアドレス) written in such an approved registration.

Nobody is added to the mail magazine by this rule: people still subscribe themselves (double opt-in);
the segment only narrows an issue to the subscribers who act for registered regions or companies.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from junkan.accounts.models import User
from junkan.newsletter.models import Segment, Subscriber, SubscriberStatus
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus


def confirmed() -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)


def recipients(segment: str) -> QuerySet[Subscriber]:
    """The confirmed subscribers of ``segment`` (one of :class:`Segment`)."""
    if segment == Segment.ALL:
        return confirmed()
    if segment == Segment.REGIONS:
        model: type[RegionRegistration | CompanyRegistration] = RegionRegistration
    elif segment == Segment.COMPANIES:
        model = CompanyRegistration
    else:
        raise ValueError(f"unknown segment {segment!r}")
    approved = model.objects.filter(status=RegistrationStatus.APPROVED)
    members = (
        User.objects.filter(is_active=True, memberships__organization__in=approved.values("organization"))
        .annotate(address=Lower("email"))
        .values("address")
    )
    contacts = approved.annotate(address=Lower("contact_email")).values("address")
    return confirmed().filter(Q(email__in=members) | Q(email__in=contacts))


def counts() -> dict[str, int]:
    """The number of recipients of each segment, for the secretariat's pages."""
    return {segment.value: recipients(segment).count() for segment in Segment}

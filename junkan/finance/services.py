"""Every state change of ESG regional finance: offers, a region's consent, contact requests (audited)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.audit.services import diff, plain, record, snapshot
from junkan.common.permissions import enforce
from junkan.finance import permissions
from junkan.finance.models import Consent, ContactRequest, Institution, Offer

OFFER_FIELDS = ("kind", "title", "summary", "conditions", "contact", "url", "is_published")


def save_offer(
    actor: Any, institution: Institution, data: dict[str, Any], prefectures: Any, offer: Offer | None = None
) -> Offer:
    enforce(permissions.can_manage_offers(actor, institution))
    with transaction.atomic():
        if offer is None:
            offer = Offer.objects.create(institution=institution, **data)
            offer.prefectures.set(prefectures)
            record(actor, "finance.offer.created", offer, data={"title": offer.title})
            return offer
        offer = Offer.objects.select_for_update().get(pk=offer.pk, institution=institution)
        before = {**snapshot(offer, OFFER_FIELDS), "prefectures": plain(offer.prefectures.all())}
        for key, value in data.items():
            setattr(offer, key, value)
        offer.save(update_fields=[*data, "updated_at"])
        offer.prefectures.set(prefectures)
        after = {**snapshot(offer, OFFER_FIELDS), "prefectures": plain(offer.prefectures.all())}
        record(actor, "finance.offer.changed", offer, changes=diff(before, after))
    return offer


def set_consent(actor: Any, region: Any, active: bool) -> Consent:
    """Give or withdraw a region's consent to be shown to registered financial institutions."""
    enforce(permissions.can_change_consent(actor, region))
    with transaction.atomic():
        consent, created = Consent.objects.select_for_update().get_or_create(
            region=region, defaults={"active": active, "changed_by": actor}
        )
        before = False if created else consent.active
        if not created:
            consent.active = active
            consent.changed_by = actor
            consent.save(update_fields=["active", "changed_by", "changed_at"])
        if before != active or created:
            record(
                actor,
                "finance.consent.given" if active else "finance.consent.withdrawn",
                region,
                changes={"finance_consent": [before, active]},
            )
    return consent


def send_contact(
    actor: Any, institution: Institution, region: Any, message: str, offer: Offer | None
) -> ContactRequest:
    enforce(permissions.can_send_contact(actor, region))
    if institution not in permissions.published_institutions_of(actor):
        enforce(permissions.can_manage_offers(actor, institution))
    with transaction.atomic():
        request = ContactRequest.objects.create(
            institution=institution, region=region, offer=offer, message=message.strip(), sent_by=actor
        )
        record(
            actor, "finance.contact.sent", request, data={"region": region.pk, "institution": institution.pk}
        )
        transaction.on_commit(lambda: _notify_region(request.pk))
    return request


def _send(subject: str, template: str, context: dict[str, Any], to: list[str]) -> None:
    # Imported here: a task module imported while apps load would fix the task backend too early.
    from junkan.accounts.tasks import send_email

    if to:
        send_email.enqueue(
            subject=subject,
            body=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
        )


def _notify_region(pk: int) -> None:
    request = ContactRequest.objects.select_related("institution__organization", "region", "sent_by").get(
        pk=pk
    )
    _send(
        _("[循環] 金融機関から相談の申込みがありました：%(name)s") % {"name": request.institution},
        "finance/email/contact_sent.txt",
        {"request": request, "url": settings.SITE_URL + reverse("finance:contact", args=[request.pk])},
        [request.region.contact_email],
    )


def notify_bank_of_answer(request: ContactRequest) -> None:
    pk = request.pk

    def send() -> None:
        fresh = ContactRequest.objects.select_related("institution", "region", "sent_by").get(pk=pk)
        _send(
            _("[循環] 相談の申込みに回答がありました：%(name)s") % {"name": fresh.region},
            "finance/email/contact_answered.txt",
            {"request": fresh, "url": settings.SITE_URL + reverse("finance:contact", args=[fresh.pk])},
            [fresh.sent_by.email],
        )

    transaction.on_commit(send)

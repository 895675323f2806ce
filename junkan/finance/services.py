"""Every state change of ESG regional finance: offers, a region's consent, a bank's request (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from junkan.audit.services import diff, plain, record, snapshot
from junkan.common.permissions import enforce
from junkan.finance import permissions
from junkan.finance.models import Consent, Institution, Offer

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


def ask_region(actor: Any, institution: Institution, region: Any, message: str) -> Any:
    """A bank asks a consenting region to talk: a collaboration request of the matching app (its process,
    messages and e-mails), from the institution's organization to the region's, about the region."""
    from junkan.matching.models import Origin
    from junkan.matching.services import ask

    enforce(permissions.can_send_contact(actor, region))
    if institution not in permissions.published_institutions_of(actor):
        enforce(permissions.can_manage_offers(actor, institution))
    with transaction.atomic():
        item = ask(
            actor,
            institution.organization,
            region.organization,
            message,
            region=region,
            origin=Origin.DIRECTORY,
        )
        record(
            actor, "finance.contact.sent", region, data={"institution": institution.pk, "request": item.pk}
        )
    return item

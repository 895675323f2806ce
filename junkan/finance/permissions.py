"""Who may see and do what in ESG regional finance.

A "bank" is a person who is a member of the organization of a published institution. A bank sees a
region's registration in full (contact person included) only while the region's consent is active;
without it the region does not exist for the bank (404).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.finance.models import Consent, Institution, Offer
from junkan.organizations.models import Membership
from junkan.organizations.permissions import membership_of
from junkan.registry.models import RegistrationStatus


def institutions_of(user: object) -> list[Institution]:
    """Every institution whose organization the person acts for (published or not)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_finance_institutions", None)
    if cached is None:
        org_ids = Membership.objects.filter(user=user).values_list("organization_id", flat=True)
        cached = list(Institution.objects.filter(organization_id__in=org_ids).select_related("organization"))
        user._finance_institutions = cached  # type: ignore[attr-defined]
    return cached


def published_institutions_of(user: object) -> list[Institution]:
    return [i for i in institutions_of(user) if i.is_published]


def is_bank(user: object) -> bool:
    return bool(published_institutions_of(user))


def is_region_member(user: object, region: object) -> bool:
    return membership_of(user, region.organization) is not None  # type: ignore[attr-defined]


def consent_active(region: object) -> bool:
    return Consent.objects.filter(region=region, active=True).exists()


def can_browse_offers(user: object) -> Decision:
    return allow()


def can_view_institution(user: object, institution: Institution) -> Decision:
    if institution.is_published:
        return allow()
    if institution in institutions_of(user) or is_secretariat(user):
        return allow()
    return hide(_("公開されていない金融機関です。"))


def can_view_offer(user: object, offer: Offer) -> Decision:
    if offer.is_published and offer.institution.is_published:
        return allow()
    if offer.institution in institutions_of(user) or is_secretariat(user):
        return allow()
    return hide(_("公開されていない商品です。"))


def can_manage_offers(user: object, institution: Institution) -> Decision:
    if institution in institutions_of(user):
        return allow()
    if is_secretariat(user):
        return deny(_("商品の登録・変更は金融機関のメンバーが行います。事務局は管理画面から行えます。"))
    return hide(_("この金融機関のメンバーではありません。"))


def can_browse_regions(user: object) -> Decision:
    """The list of regions that agreed to be shown to financial institutions."""
    if is_bank(user) or is_secretariat(user):
        return allow()
    return hide(_("金融機関の方のページです。"))


def can_view_region(user: object, region: object) -> Decision:
    """A region's finance page: its members, the secretariat, or a bank while the region consents."""
    if is_region_member(user, region) or is_secretariat(user):
        return allow()
    if not is_bank(user):
        return hide(_("金融機関の方のページです。"))
    if region.status != RegistrationStatus.APPROVED or not consent_active(region):  # type: ignore[attr-defined]
        return hide(_("この地域は金融機関への公開に同意していません。"))
    return allow(_("地域が金融機関への公開に同意しています。"))


def can_change_consent(user: object, region: object) -> Decision:
    if is_region_member(user, region):
        return allow()
    if is_secretariat(user):
        return deny(_("同意の変更は地域の登録団体のメンバーのみ行えます。"))
    return hide(_("この地域の登録団体のメンバーではありません。"))


def can_send_contact(user: object, region: object) -> Decision:
    if not is_bank(user):
        return hide(_("金融機関の方のページです。"))
    decision = can_view_region(user, region)
    if not decision.allowed:
        return decision
    return allow()

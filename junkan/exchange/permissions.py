"""Who may read, write and moderate in the exchange, and who may consult the secretariat.

Taking part (reading topics, posting, reporting, consulting) is for members of an organization with an
approved region or company registration, and the secretariat. Others see the list of themes only.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.models import Organization


def registered_organizations(user: object) -> list[Organization]:
    """The organizations a person acts for that have an approved region or company registration."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_exchange_orgs", None)
    if cached is None:
        from junkan.organizations.models import Membership
        from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus

        approved = RegistrationStatus.APPROVED
        # The person's organizations, each checked for an approved registration by its index (EXISTS):
        # not the lists of every approved region and company (2.9 → 0.4 ms at national scale on SQLite).
        region = RegionRegistration.objects.filter(organization=OuterRef("pk"), status=approved)
        company = CompanyRegistration.objects.filter(organization=OuterRef("pk"), status=approved)
        cached = list(
            Organization.objects.filter(pk__in=Membership.objects.filter(user=user).values("organization_id"))
            .filter(Q(Exists(region)) | Q(Exists(company)))
            .only("id", "name")
            .order_by("name", "id")
        )
        user._exchange_orgs = cached  # type: ignore[attr-defined]
    return cached


def is_participant(user: object) -> bool:
    return bool(registered_organizations(user))


def can_browse_themes(user: object) -> Decision:
    return allow()


def can_take_part(user: object) -> Decision:
    """Read topics, post and report."""
    if is_participant(user) or is_secretariat(user):
        return allow()
    return deny(_("交流の場には、登録が承認された実践地域等・企業等のメンバーと事務局が参加できます。"))


def can_post(user: object, theme: object | None = None) -> Decision:
    if not is_participant(user):
        if is_secretariat(user):
            return allow(_("事務局として投稿します。"))
        return can_take_part(user)
    if theme is not None and not theme.is_active:  # type: ignore[attr-defined]
        return deny(_("このテーマは投稿の受付を終了しました。"))
    return allow()


def can_view_post(user: object, post: object) -> Decision:
    """A hidden post stays visible to its author and the secretariat only."""
    decision = can_take_part(user)
    if not decision.allowed:
        return decision
    if post.is_hidden and not (is_secretariat(user) or post.author_id == getattr(user, "pk", None)):  # type: ignore[attr-defined]
        return hide(_("事務局が非表示にした投稿です。"))
    return allow()


def can_moderate(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))


def can_consult(user: object) -> Decision:
    if is_participant(user):
        return allow()
    return deny(_("事務局への相談は、登録が承認された実践地域等・企業等のメンバーが行えます。"))


def can_view_consultation(user: object, consultation: object) -> Decision:
    if is_secretariat(user) or consultation.asker_id == getattr(user, "pk", None):  # type: ignore[attr-defined]
        return allow()
    return hide(_("この相談は表示できません。"))


def can_answer(user: object, consultation: object) -> Decision:
    if is_secretariat(user):
        return allow()
    view = can_view_consultation(user, consultation)
    if not view.allowed:
        return view
    return deny(_("回答は事務局が行います。"))


def can_follow_up(user: object, consultation: object) -> Decision:
    if consultation.asker_id == getattr(user, "pk", None):  # type: ignore[attr-defined]
        return allow()
    view = can_view_consultation(user, consultation)
    if not view.allowed:
        return view
    return deny(_("追加の質問は相談者が行います。"))


def can_close(user: object, consultation: object) -> Decision:
    if is_secretariat(user) or consultation.asker_id == getattr(user, "pk", None):  # type: ignore[attr-defined]
        return allow()
    return hide(_("この相談は表示できません。"))

"""Who may see and manage an organization. Outsiders get 404 so that existence does not leak."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.models import Invitation, InvitationStatus, Membership, MembershipRole, Organization


def membership_of(user: object, organization: Organization) -> Membership | None:
    """The person's membership in the organization, looked up once per request and object."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache: dict[int, Membership | None] = user.__dict__.setdefault("_membership_cache", {})
    if organization.pk not in cache:
        cache[organization.pk] = Membership.objects.filter(organization=organization, user=user).first()
    return cache[organization.pk]


def remember_membership(user: object, organization_id: int, membership: Membership | None) -> None:
    """The person's membership in an organization (None: not a member) that a view has already looked up
    (with the organization, in one query), kept for ``membership_of``."""
    if not getattr(user, "is_authenticated", False):
        return
    cache: dict[int, Membership | None] = user.__dict__.setdefault("_membership_cache", {})
    cache[organization_id] = membership


def remember_memberships(user: object, organizations: list[int]) -> None:
    """The person's memberships in several organizations (ids) in one query, kept for ``membership_of``."""
    if not getattr(user, "is_authenticated", False):
        return
    cache: dict[int, Membership | None] = user.__dict__.setdefault("_membership_cache", {})
    wanted = set(organizations) - cache.keys()
    if wanted:
        found = {m.organization_id: m for m in Membership.objects.filter(organization__in=wanted, user=user)}
        for pk in wanted:
            cache[pk] = found.get(pk)


def can_list_own_organizations(user: object) -> Decision:
    """A signed-in person sees the organizations they belong to (and invitations to their address)."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("ログインしてください。"))
    return allow()


def can_create_organization(user: object) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("組織の登録にはログインが必要です。"))
    return allow()


def can_view_organization(user: object, organization: Organization) -> Decision:
    if membership_of(user, organization) is not None:
        return allow(_("この組織のメンバーです。"))
    if is_secretariat(user):
        return allow(_("事務局として閲覧できます。"))
    return hide(_("この組織のメンバーではありません。"))


def _owner_only(user: object, organization: Organization, message: str) -> Decision:
    membership = membership_of(user, organization)
    if membership is None:
        return hide(_("この組織のメンバーではありません。"))
    if membership.role != MembershipRole.OWNER:
        return deny(message)
    return allow()


def can_edit_organization(user: object, organization: Organization) -> Decision:
    return _owner_only(user, organization, _("組織情報の変更は組織の管理者のみ行えます。"))


def can_manage_members(user: object, organization: Organization) -> Decision:
    return _owner_only(user, organization, _("メンバーの招待・削除は組織の管理者のみ行えます。"))


def can_remove_member(user: object, membership: Membership) -> Decision:
    """Anyone may leave an organization; only its owners may remove another member."""
    if getattr(user, "pk", None) is not None and membership.user_id == user.pk:  # type: ignore[attr-defined]
        return allow(_("自分でこの組織から退出できます。"))
    return can_manage_members(user, membership.organization)


def can_accept_invitation(user: object, invitation: Invitation) -> Decision:
    """Only the invited address may accept, and only while the invitation is open."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("招待を承諾するにはログインしてください。"))
    if user.email.lower() != invitation.email.lower():  # type: ignore[attr-defined]
        return hide(_("この招待は別のメールアドレス宛てです。"))
    if invitation.status != InvitationStatus.PENDING:
        return deny(_("この招待はすでに承諾済みか、取り消されています。"))
    if invitation.is_expired:
        return deny(_("この招待は有効期限が切れています。組織の管理者に再度の招待を依頼してください。"))
    return allow()

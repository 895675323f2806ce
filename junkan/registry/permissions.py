"""Who may see, edit and decide registrations. Non-public registrations are hidden (404) from outsiders.

"Owner" here means any member of the registering organization: everyone who acts in its name may
edit a draft and submit it. The secretariat sees everything and decides.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.models import Organization
from junkan.organizations.permissions import membership_of
from junkan.registry.models import COMPANY_KINDS, REGION_KINDS, RegionRegistration, RegistrationStatus


def is_owner(user: object, registration: object) -> bool:
    return membership_of(user, registration.organization) is not None  # type: ignore[attr-defined]


def can_view_registration(user: object, registration: object) -> Decision:
    if registration.status == RegistrationStatus.APPROVED:  # type: ignore[attr-defined]
        return allow(_("公開されている登録です。"))
    if is_owner(user, registration):
        return allow(_("登録団体のメンバーです。"))
    if is_secretariat(user):
        return allow(_("事務局として閲覧できます。"))
    if isinstance(registration, RegionRegistration) and registration.status != RegistrationStatus.DRAFT:
        from junkan.hubs.permissions import can_view_region_in_area

        return can_view_region_in_area(user, registration)
    return hide(_("公開されていない登録です。"))


def can_create_region(user: object, organization: Organization) -> Decision:
    if membership_of(user, organization) is None:
        return hide(_("この組織のメンバーではありません。"))
    return allow()


def can_create_company(user: object, organization: Organization) -> Decision:
    if membership_of(user, organization) is None:
        return hide(_("この組織のメンバーではありません。"))
    if organization.kind not in COMPANY_KINDS:
        return deny(
            _("企業等登録ができるのは民間企業・協同組合・社団法人・財団法人・NPO法人・金融機関です。")
        )
    return allow()


def region_kind_allowed(organization: Organization) -> bool:
    """Local governments register on their own; other bodies need a co-registering local government."""
    return organization.kind in REGION_KINDS


def can_edit_registration(user: object, registration: object) -> Decision:
    if not is_owner(user, registration):
        if is_secretariat(user) or registration.status == RegistrationStatus.APPROVED:  # type: ignore[attr-defined]
            return deny(_("登録内容の変更は登録団体のメンバーのみ行えます。"))
        return hide(_("公開されていない登録です。"))
    if not registration.is_editable:  # type: ignore[attr-defined]
        return deny(_("作成中または不承認の登録のみ変更できます。"))
    return allow()


def can_submit_registration(user: object, registration: object) -> Decision:
    return can_edit_registration(user, registration)


def can_decide_registration(user: object, registration: object) -> Decision:
    """Approve, refuse or revoke: the secretariat only."""
    if is_secretariat(user):
        return allow()
    view = can_view_registration(user, registration)
    if not view.allowed:
        return view
    return deny(_("登録の承認・不承認・取消しは事務局のみ行えます。"))


def can_review(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))


def can_browse_directory(user: object) -> Decision:
    """The directories of approved regions and companies are public."""
    return allow()


def can_list_own_registrations(user: object) -> Decision:
    """A signed-in person sees the registrations of the organizations they belong to."""
    if getattr(user, "is_authenticated", False):
        return allow()
    return hide(_("ログインしてください。"))

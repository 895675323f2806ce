"""Who may use matching: the public API, suggestions, collaboration requests and the secretariat's view.

Suggestions on a registration are public when the registration is (approved); a request is seen by the
members of either organization and the secretariat, and by nobody else (404).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.models import Organization
from junkan.organizations.permissions import membership_of


def can_use_matching_api(user: object) -> Decision:
    """The ranking API is public and stateless: it reads nothing from the database."""
    return allow()


def can_see_suggestions_for(user: object, registration_or_solution: object) -> Decision:
    """Suggestions are shown for what is public (the caller has fetched only approved ones)."""
    return allow()


def is_party(user: object, request: object) -> bool:
    """A member of the requesting or the requested organization."""
    return (
        membership_of(user, request.requester) is not None  # type: ignore[attr-defined]
        or membership_of(user, request.recipient) is not None  # type: ignore[attr-defined]
    )


def can_view_request(user: object, request: object) -> Decision:
    if is_secretariat(user):
        return allow(_("事務局として閲覧できます。"))
    if is_party(user, request):
        return allow()
    return hide(_("この相談の当事者ではありません。"))


def offers_introduction(user: object, recipient_pk: int) -> bool:
    """Whether the suggestions offer this person to ask for an introduction: a member of an organization
    other than the recipient (``-1``: any). A cached profile puts the answer in its key; ``can_ask`` decides
    the request itself."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Organization.objects.filter(memberships__user=user).exclude(pk=recipient_pk).exists()


def can_ask(user: object, requester: Organization, recipient: Organization) -> Decision:
    """A member of ``requester`` may ask ``recipient`` (another organization)."""
    if membership_of(user, requester) is None:
        return hide(_("この組織のメンバーではありません。"))
    if requester.pk == recipient.pk:
        return deny(_("自分の団体には相談できません。"))
    return allow()


def is_recipient(user: object, request: object) -> Decision:
    if membership_of(user, request.recipient) is not None:  # type: ignore[attr-defined]
        return allow()
    return deny(_("相談を受けた団体のメンバーが返答します。"))


def is_requester(user: object, request: object) -> Decision:
    if membership_of(user, request.requester) is not None:  # type: ignore[attr-defined]
        return allow()
    return deny(_("相談した団体のメンバーが取り下げます。"))


def party_or_secretariat(user: object, request: object) -> Decision:
    if is_secretariat(user) or is_party(user, request):
        return allow()
    return hide(_("この相談の当事者ではありません。"))


def secretariat_only(user: object, request: object = None) -> Decision:
    if is_secretariat(user):
        return allow()
    return deny(_("事務局のみが行えます。"))


def can_see_contacts(user: object, request: object) -> Decision:
    """Contact details only once the other side has accepted (and never after a refusal)."""
    from junkan.matching.models import RequestStatus

    if request.status in (RequestStatus.REQUESTED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN):  # type: ignore[attr-defined]
        return deny(_("連絡先は、相手が相談を承諾した後に表示されます。"))
    return can_view_request(user, request)


def can_post_message(user: object, request: object) -> Decision:
    return party_or_secretariat(user, request)


def can_manage_matching(user: object) -> Decision:
    """The secretariat's view: requests by state and age, conversion, matching events."""
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))

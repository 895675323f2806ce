"""State changes of organizations and memberships. Each runs atomically and is audited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.accounts.tasks import send_email
from junkan.audit.services import diff, record, snapshot
from junkan.common.permissions import enforce
from junkan.organizations import permissions
from junkan.organizations.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipRole,
    Organization,
)

EDITABLE_FIELDS = ("name", "name_kana", "corporate_number", "postal_code", "address", "phone", "website")


def create_organization(actor: User, data: dict[str, Any]) -> Organization:
    """Register an organization; the person who registers it becomes its first owner."""
    enforce(permissions.can_create_organization(actor))
    with transaction.atomic():
        organization = Organization(**data)
        organization.full_clean()
        organization.save()
        Membership.objects.create(organization=organization, user=actor, role=MembershipRole.OWNER)
        record(
            actor,
            "organizations.organization.created",
            organization,
            changes={key: [None, value] for key, value in snapshot(organization, ["kind", *data]).items()},
        )
    return organization


def update_organization(actor: User, organization: Organization, data: dict[str, Any]) -> Organization:
    enforce(permissions.can_edit_organization(actor, organization))
    fields = [name for name in data if name in EDITABLE_FIELDS]
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        before = snapshot(organization, fields)
        for name in fields:
            setattr(organization, name, data[name])
        organization.full_clean()
        changes = diff(before, snapshot(organization, fields))
        if changes:
            organization.save(update_fields=[*changes, "updated_at"])
            record(actor, "organizations.organization.updated", organization, changes=changes)
    return organization


def invite_member(actor: User, organization: Organization, email: str, role: MembershipRole) -> Invitation:
    """Invite an e-mail address; the mail goes out through the task queue."""
    enforce(permissions.can_manage_members(actor, organization))
    email = email.strip()
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError({"email": _("この方はすでにこの組織のメンバーです。")})
    with transaction.atomic():
        # A new invitation replaces an open one to the same address.
        for old in Invitation.objects.select_for_update().filter(
            organization=organization, email__iexact=email, status=InvitationStatus.PENDING
        ):
            old.status = InvitationStatus.REVOKED
            old.save(update_fields=["status"])
            record(actor, "organizations.invitation.revoked", old, changes={"status": ["pending", "revoked"]})
        invitation = Invitation.objects.create(
            organization=organization, email=email, role=role, invited_by=actor
        )
        record(
            actor, "organizations.invitation.created", invitation, data={"email": email, "role": role.value}
        )
        transaction.on_commit(lambda: _send_invitation(invitation.pk))
    return invitation


def _send_invitation(invitation_pk: int) -> None:
    invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_pk)
    url = settings.SITE_URL + reverse("organizations:invitation", args=[invitation.token])
    context = {"invitation": invitation, "url": url}
    send_email.enqueue(
        subject=_("[循環] %(org)s への招待") % {"org": invitation.organization.name},
        body=render_to_string("organizations/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )


def revoke_invitation(actor: User, invitation: Invitation) -> None:
    enforce(permissions.can_manage_members(actor, invitation.organization))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != InvitationStatus.PENDING:
            raise ValidationError(_("この招待はすでに承諾済みか、取り消されています。"))
        invitation.status = InvitationStatus.REVOKED
        invitation.save(update_fields=["status"])
        record(
            actor, "organizations.invitation.revoked", invitation, changes={"status": ["pending", "revoked"]}
        )


def accept_invitation(actor: User, invitation: Invitation) -> Membership:
    with transaction.atomic():
        # Lock, then check: two clicks on the link must not create two memberships.
        invitation = (
            Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
        )
        enforce(permissions.can_accept_invitation(actor, invitation))
        membership, _created = Membership.objects.get_or_create(
            organization=invitation.organization, user=actor, defaults={"role": invitation.role}
        )
        invitation.status = InvitationStatus.ACCEPTED
        invitation.accepted_by = actor
        invitation.save(update_fields=["status", "accepted_by"])
        record(
            actor,
            "organizations.invitation.accepted",
            invitation,
            changes={"status": ["pending", "accepted"]},
        )
        record(
            actor,
            "organizations.membership.created",
            membership,
            changes={"role": [None, membership.role]},
            data={"organization": invitation.organization_id},
        )
    return membership


def change_member_role(actor: User, membership: Membership, role: MembershipRole) -> Membership:
    enforce(permissions.can_manage_members(actor, membership.organization))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        _ensure_an_owner_remains(membership, leaving=role != MembershipRole.OWNER)
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        record(
            actor, "organizations.membership.role_changed", membership, changes={"role": [before, role.value]}
        )
    return membership


def set_acts_for_applications(actor: User, membership: Membership, allowed: bool) -> Membership:
    """An owner lets a member submit and withdraw applications in the organization's name (or stops it)."""
    enforce(permissions.can_manage_members(actor, membership.organization))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.acts_for_applications == allowed:
            return membership
        before = membership.acts_for_applications
        membership.acts_for_applications = allowed
        membership.save(update_fields=["acts_for_applications"])
        record(
            actor,
            "organizations.membership.changed",
            membership,
            changes={"acts_for_applications": [before, allowed]},
        )
    return membership


def remove_member(actor: User, membership: Membership) -> None:
    """Remove a member. An owner may remove anyone (the last owner excepted); anyone may leave."""
    enforce(permissions.can_remove_member(actor, membership))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _ensure_an_owner_remains(membership, leaving=True)
        record(
            actor,
            "organizations.membership.removed",
            membership,
            changes={"role": [membership.role, None]},
            data={"organization": membership.organization_id, "user": membership.user_id},
        )
        membership.delete()


def _ensure_an_owner_remains(membership: Membership, *, leaving: bool) -> None:
    if not leaving or membership.role != MembershipRole.OWNER:
        return
    owners = Membership.objects.select_for_update().filter(
        organization_id=membership.organization_id, role=MembershipRole.OWNER
    )
    if owners.count() <= 1:
        raise ValidationError(_("組織には管理者が1人以上必要です。先に別のメンバーを管理者にしてください。"))

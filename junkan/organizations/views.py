"""Pages for a person's organizations: list, register, edit, members and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery, Window
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.common.forms import service_errors
from junkan.common.paging import MAX_DIGITS, page_of
from junkan.common.permissions import enforce
from junkan.organizations import member_rows, permissions, services
from junkan.organizations.forms import InviteForm, MemberRoleForm, OrganizationForm
from junkan.organizations.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
)

MEMBERS_PER_PAGE = 50
INVITATIONS_ON_DETAIL = 20  # the newest open invitations on the members' page; all of them: invitation_list
INVITATIONS_PER_PAGE = 50
ORGANIZATIONS_PER_PAGE = 50


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list_own_organizations(request.user))
    # Plain rows, 50 a page: the kind and role labels translated once, the links formatted from one reverse.
    memberships = (
        Membership.objects.filter(user=request.user)
        .order_by("organization__name", "pk")
        .values(
            "organization_id",
            "organization__name",
            "organization__kind",
            "organization__municipality__full_name",
            "role",
        )
        # A subquery per row of the page (the pager's count leaves it out), not a join over every member.
        .annotate(
            member_count=Subquery(
                Membership.objects.filter(organization_id=OuterRef("organization_id"))
                .values("organization_id")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )
    )
    page = page_of(request, memberships, ORGANIZATIONS_PER_PAGE)
    kinds = {value: str(label) for value, label in OrganizationKind.choices}
    roles = {value: str(label) for value, label in MembershipRole.choices}
    detail = _url_format("organizations:detail")
    rows = list(page.object_list)
    for row in rows:
        row["url"] = detail.format(row["organization_id"])
        row["kind_label"] = kinds.get(row["organization__kind"], row["organization__kind"])
        row["role_label"] = roles[row["role"]]
    invitations = Invitation.objects.filter(
        email__iexact=request.user.email, status=InvitationStatus.PENDING
    ).select_related("organization")
    return render(
        request,
        "organizations/list.html",
        {"memberships": rows, "page": page, "invitations": [i for i in invitations if not i.is_expired]},
    )


@login_required
def organization_create(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_create_organization(request.user))
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            organization = services.create_organization(request.user, form.to_service_data())
        if outcome.ok:
            messages.success(request, _("組織を登録しました。あなたがこの組織の管理者です。"))
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/form.html", {"form": form, "organization": None})


def _organization(request: HttpRequest, pk: int) -> Organization:
    """The organization, read with the person's membership in it (one query for both: its members are who
    see these pages); staff and outsiders read it on its own."""
    found = list(
        Membership.objects.select_related("organization__municipality")
        .filter(organization_id=pk, user_id=request.user.pk)
        .order_by()[:1]
    )
    membership = found[0] if found else None
    permissions.remember_membership(request.user, pk, membership)
    if membership is not None:
        organization = membership.organization
    else:
        organization = get_object_or_404(Organization.objects.select_related("municipality"), pk=pk)
    enforce(permissions.can_view_organization(request.user, organization))
    return organization


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    return _detail(request, organization, InviteForm())


def _detail(
    request: HttpRequest, organization: Organization, invite_form: InviteForm, status: int = 200
) -> HttpResponse:
    can_manage = permissions.can_manage_members(request.user, organization).allowed
    # Plain rows, 50 a page, counted by the same query; an owner's forms on them are built in Python
    # (member_rows): no model instances, no bound form per row, the words and menus made once per page.
    members = (
        Membership.objects.filter(organization_id=organization.pk)
        .order_by("role", "user__full_name", "pk")
        .values("pk", "role", "acts_for_applications", "user_id", "user__full_name", "user__email")
    )
    page = _page_with_count(request, members, MEMBERS_PER_PAGE)
    rows = page.object_list
    words = member_rows.labels()
    # Open invitations pile up (they stay open after they expire): the newest here, one more to know
    # whether to link to all of them.
    invitations = (
        _with_role_labels(list(_pending_invitations(organization)[: INVITATIONS_ON_DETAIL + 1]))
        if can_manage
        else []
    )
    manage = (
        {
            name: _url_format(f"organizations:{name}", organization.pk)
            for name in ("member_applications", "member_role", "member_remove")
        }
        if can_manage
        else None
    )
    context = {
        "organization": organization,
        "memberships": rows,
        "words": words,
        "rows_html": member_rows.rows_html(
            rows, words, me=request.user.pk, manage=manage, csrf=get_token(request) if can_manage else ""
        ),
        "page": page,
        "own_membership": permissions.membership_of(request.user, organization),
        "invitations": invitations[:INVITATIONS_ON_DETAIL],
        "more_invitations": len(invitations) > INVITATIONS_ON_DETAIL,
        "can_manage": can_manage,
        "can_edit": permissions.can_edit_organization(request.user, organization).allowed,
        "invite_form": invite_form,
    }
    return render(request, "organizations/detail.html", context, status=status)


def _page_with_count(request: HttpRequest, rows: QuerySet[Any], per_page: int) -> Page:
    """The page that ``?page=`` asks for, with the number of all rows read by the same query
    (``COUNT(*) OVER ()``) instead of a second one. Anything but a plain number of a page that has rows
    (``last``, a malformed or too large number, past the end, an empty list) goes through ``page_of`` and
    its 404s."""
    text = (request.GET.get("page") or "1").strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS and int(text) >= 1:
        number = int(text)
        start = (number - 1) * per_page
        found = list(rows.annotate(total=Window(Count("pk")))[start : start + per_page])
        if found:
            paginator = Paginator(rows, per_page)
            paginator.count = found[0]["total"]
            return Page(found, number, paginator)
    return page_of(request, rows, per_page)


def _pending_invitations(organization: Organization) -> QuerySet[Any]:
    """The open invitations as the pages list them (address, role, until when), newest first."""
    return (
        Invitation.objects.filter(organization_id=organization.pk, status=InvitationStatus.PENDING)
        .order_by("-created_at", "-pk")
        .values("pk", "email", "role", "expires_at")
    )


def _with_role_labels(invitations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roles = dict(MembershipRole.choices)
    for invitation in invitations:
        invitation["role_label"] = roles.get(invitation["role"], invitation["role"])
    return invitations


_MARK = 987654321


def _url_format(name: str, *args: object) -> str:
    """The URL ``name`` with ``args`` and a last argument left as ``{}``: reversed once for a page of rows."""
    head, _mark, tail = reverse(name, args=[*args, _MARK]).rpartition(str(_MARK))
    return head + "{}" + tail  # the last occurrence: an id before it may contain the same digits


def _membership(organization: Organization, membership_pk: int) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organization=organization
    )
    membership.organization = organization  # the permission checks read it: no second query
    return membership


@login_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    enforce(permissions.can_edit_organization(request.user, organization))
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        services.update_organization(request.user, organization, form.to_service_data())
        messages.success(request, _("組織情報を更新しました。"))
        return redirect("organizations:detail", pk=organization.pk)
    # ModelForm validation writes into the instance; show the saved name in the heading.
    organization.refresh_from_db()
    return render(request, "organizations/form.html", {"form": form, "organization": organization})


@login_required
@require_POST
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    enforce(permissions.can_manage_members(request.user, organization))
    form = InviteForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.invite_member(
                request.user,
                organization,
                form.cleaned_data["email"],
                MembershipRole(form.cleaned_data["role"]),
            )
        if outcome.ok:
            messages.success(request, _("%(email)s に招待メールを送りました。") % form.cleaned_data)
            return redirect("organizations:detail", pk=organization.pk)
    return _detail(request, organization, form, status=422)


@login_required
def invitation_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every open invitation of the organization, 50 a page, each with its "取り消す" button."""
    organization = _organization(request, pk)
    enforce(permissions.can_manage_members(request.user, organization))
    page = page_of(request, _pending_invitations(organization), INVITATIONS_PER_PAGE)
    context = {
        "organization": organization,
        "page": page,
        "invitations": _with_role_labels(list(page.object_list)),
    }
    return render(request, "organizations/invitations.html", context)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organization=organization)
    with service_errors(request=request) as outcome:
        services.revoke_invitation(request.user, invitation)
    if outcome.ok:
        messages.success(request, _("%(email)s への招待を取り消しました。") % {"email": invitation.email})
    return redirect("organizations:detail", pk=organization.pk)


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    membership = _membership(organization, membership_pk)
    enforce(permissions.can_manage_members(request.user, organization))
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        with service_errors(request=request) as outcome:
            services.change_member_role(request.user, membership, MembershipRole(form.cleaned_data["role"]))
        if outcome.ok:
            messages.success(
                request, _("%(name)s さんの組織での役割を変更しました。") % {"name": membership.user}
            )
    else:
        # Only a crafted request sends a role the menu does not offer: say so, change nothing.
        messages.error(request, _("組織での役割を一覧から選んでください。変更はしていません。"))
    return redirect("organizations:detail", pk=organization.pk)


@login_required
@require_POST
def member_applications(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """The owner lets a member submit and withdraw applications for the organization, or stops it."""
    organization = _organization(request, pk)
    membership = _membership(organization, membership_pk)
    enforce(permissions.can_manage_members(request.user, organization))
    allowed = request.POST.get("allowed") == "1"
    with service_errors(request=request) as outcome:
        services.set_acts_for_applications(request.user, membership, allowed)
    if outcome.ok:
        text = (
            _("%(name)s さんに応募の提出・取下げを任せました。")
            if allowed
            else _("%(name)s さんへの応募の提出・取下げの委任をやめました。")
        )
        messages.success(request, text % {"name": membership.user})
    return redirect("organizations:detail", pk=organization.pk)


@login_required
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Removing a member (or leaving) cannot be undone: a page says what it means before the POST does it."""
    organization = _organization(request, pk)
    membership = _membership(organization, membership_pk)
    enforce(permissions.can_remove_member(request.user, membership))
    leaving = membership.user_id == request.user.pk
    if request.method != "POST":
        context = {"organization": organization, "membership": membership, "leaving": leaving}
        return render(request, "organizations/member_remove.html", context)
    with service_errors(request=request) as outcome:
        services.remove_member(request.user, membership)
    if outcome.refused:
        return redirect("organizations:detail", pk=organization.pk)
    if leaving:
        messages.success(request, _("%(org)s から退出しました。") % {"org": organization.name})
        return redirect("organizations:list")
    messages.success(request, _("%(name)s さんをメンバーから外しました。") % {"name": membership.user})
    return redirect("organizations:detail", pk=organization.pk)


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("organization", "invited_by"), token=token
    )
    decision = permissions.can_accept_invitation(request.user, invitation)
    if decision.hide:
        enforce(decision)
    if request.method == "POST":
        enforce(decision)
        services.accept_invitation(request.user, invitation)
        messages.success(
            request, _("%(org)s のメンバーになりました。") % {"org": invitation.organization.name}
        )
        return redirect("organizations:detail", pk=invitation.organization_id)
    return render(request, "organizations/invitation.html", {"invitation": invitation, "decision": decision})

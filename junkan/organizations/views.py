"""Pages for a person's organizations: list, register, edit, members and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.common.forms import service_errors
from junkan.common.paging import page_of
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
    # Plain rows (a page of 50 with three forms each for an owner): no model instances, the role labels
    # translated once, the role menu rendered once per role, the CSRF field once per page.
    members = organization.memberships.order_by("role", "user__full_name", "pk").values(
        "pk", "role", "acts_for_applications", "user_id", "user__full_name", "user__email"
    )
    page = page_of(request, members, MEMBERS_PER_PAGE)
    labels = {value: str(label) for value, label in MembershipRole.choices}
    options = _role_options(labels) if can_manage else {}
    urls = {
        name: _url_format(f"organizations:{name}", organization.pk)
        for name in ("member_applications", "member_role", "member_remove")
    }
    rows = list(page.object_list)
    for row in rows:
        row["role_label"] = labels[row["role"]]
        row["role_options"] = options.get(row["role"], "")
        row["is_owner"] = row["role"] == MembershipRole.OWNER
        row["is_me"] = row["user_id"] == request.user.pk
        if can_manage:
            row.update({name: url.format(row["pk"]) for name, url in urls.items()})
    words = member_rows.labels()
    csrf_field = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        if can_manage
        else ""
    )
    context = {
        "organization": organization,
        "memberships": rows,
        "words": words,
        "rows_html": member_rows.rows_html(rows, words, can_manage=can_manage, csrf=csrf_field),
        "page": page,
        "own_membership": permissions.membership_of(request.user, organization),
        "invitations": (
            organization.invitations.filter(status=InvitationStatus.PENDING).select_related("invited_by")
            if can_manage
            else []
        ),
        "can_manage": can_manage,
        "can_edit": permissions.can_edit_organization(request.user, organization).allowed,
        "invite_form": invite_form,
    }
    return render(request, "organizations/detail.html", context, status=status)


_MARK = 987654321


def _url_format(name: str, *args: object) -> str:
    """The URL ``name`` with ``args`` and a last argument left as ``{}``: reversed once for a page of rows."""
    head, _mark, tail = reverse(name, args=[*args, _MARK]).rpartition(str(_MARK))
    return head + "{}" + tail  # the last occurrence: an id before it may contain the same digits


def _role_options(labels: dict[str, str]) -> dict[str, str]:
    """The role menu's options with each role selected, rendered once per page."""
    return {
        selected: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, " selected" if value == selected else "", label) for value, label in labels.items()),
        )
        for selected in labels
    }


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

"""The secretariat's pages of a committee: set-up and members, assignment, hearings, results and decisions."""

from __future__ import annotations

import operator
from functools import cache as cache_once
from functools import partial
from itertools import product
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.accounts.models import User
from junkan.applications.models import Application, ApplicationStatus
from junkan.audit.models import AuditEntry
from junkan.common import moves, workflow
from junkan.common.forms import service_errors
from junkan.common.paging import paginate
from junkan.common.permissions import enforce
from junkan.jp.money import format_yen
from junkan.review import analysis, permissions, services, tasks
from junkan.review.forms import (
    BudgetForm,
    CommitteeCreateForm,
    CommitteeForm,
    DecisionForm,
    HearingForm,
    HearingNotesForm,
    ManagerForm,
    MemberForm,
)
from junkan.review.models import (
    Assignment,
    AssignmentStatus,
    Committee,
    CommitteeMember,
    Decision,
    HearingSlot,
    ScoreSheet,
    SheetStatus,
)
from junkan.review.processes import COMMITTEE, SHEET, decisions_known
from junkan.review.views import get_committee


def _managed(request: HttpRequest, pk: int, prefetch_managers: bool = False) -> Committee:
    """The committee if this person manages it (``prefetch_managers``: a page that asks again, one query)."""
    if prefetch_managers:
        managers = Prefetch("managers", queryset=User.objects.only("pk"))
        committee = get_object_or_404(
            Committee.objects.select_related("program").prefetch_related(managers), pk=pk
        )
    else:
        committee = get_committee(pk)
    enforce(permissions.can_manage(request.user, committee))
    return committee


def _post_only_when_reviewing(request: HttpRequest, committee: Committee) -> None:
    if request.method == "POST":
        enforce(permissions.can_change_review(request.user, committee))


# Committee and members -------------------------------------------------------------------------------------


@login_required
def committee_create(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_create_committee(request.user))
    form = CommitteeCreateForm(request.POST or None, initial={"program": request.GET.get("program")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with service_errors(form) as outcome:
            committee = services.create_committee(request.user, data.pop("program"), data)
        if outcome.ok:
            messages.success(request, _("審査委員会を設置しました。委員を追加してください。"))
            return redirect("review:committee", pk=committee.pk)
    return render(request, "review/committee_form.html", {"form": form, "committee": None})


@login_required
def committee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    enforce(permissions.can_change_review(request.user, committee))
    form = CommitteeForm(request.POST or None, instance=Committee.objects.get(pk=committee.pk))
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.update_committee(request.user, committee, form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("審査委員会の設定を保存しました。"))
            return redirect("review:committee", pk=committee.pk)
    return render(request, "review/committee_form.html", {"form": form, "committee": committee})


@login_required
def committee(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee's home: settings, the secretariat in charge, members with their loads, progress."""
    committee = _managed(request, pk)
    members = list(
        CommitteeMember.objects.filter(committee=committee)
        .select_related("user", "workplace", "residence")
        .prefetch_related("organizations")
        .annotate(
            load=Count("assignments", filter=Q(assignments__status=AssignmentStatus.ACTIVE), distinct=True),
            submitted=Count(
                "assignments",
                filter=Q(
                    assignments__status=AssignmentStatus.ACTIVE,
                    assignments__sheet__status=SheetStatus.SUBMITTED,
                ),
                distinct=True,
            ),
        )
        .order_by("-active", "id")
    )
    applications = analysis.review_applications(committee)
    counts = analysis.assignment_counts(committee)
    return render(
        request,
        "review/committee.html",
        {
            "committee": committee,
            "members": members,
            "managers": committee.managers.order_by("full_name", "id"),
            "application_count": applications.count(),
            "short": counts["short"],
            "sheet_count": ScoreSheet.objects.filter(
                assignment__committee=committee,
                assignment__status=AssignmentStatus.ACTIVE,
                status=SheetStatus.SUBMITTED,
            ).count(),
            "assignment_count": Assignment.objects.filter(
                committee=committee, status=AssignmentStatus.ACTIVE, member__active=True
            ).count(),
            "manager_form": ManagerForm(),
            "can_change": permissions.can_change_review(request.user, committee).allowed,
            "audit": AuditEntry.objects.for_object(committee).order_by("-at")[:20],
        },
    )


@login_required
@require_POST
def manager_add(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    form = ManagerForm(request.POST)
    if form.is_valid():
        with service_errors(request=request) as outcome:
            services.add_manager(request.user, committee, form.cleaned_data["email"])
        if outcome.ok:
            messages.success(request, _("担当の事務局職員を追加しました。"))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("review:committee", pk=committee.pk)


@login_required
def member_form(request: HttpRequest, pk: int, member_pk: int | None = None) -> HttpResponse:
    committee = _managed(request, pk)
    enforce(permissions.can_change_review(request.user, committee))
    member = (
        get_object_or_404(
            CommitteeMember.objects.select_related("user", "workplace", "residence"),
            pk=member_pk,
            committee=committee,
        )
        if member_pk
        else None
    )
    form = MemberForm(committee, request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            if member is None:
                services.add_member(
                    request.user,
                    committee,
                    form.cleaned_data["email"],
                    form.profile(),
                    form.cleaned_data["organizations"],
                )
            else:
                services.update_member(
                    request.user, member, form.profile(), form.cleaned_data["organizations"]
                )
        if outcome.ok:
            messages.success(request, _("委員の情報を保存しました。利益相反を確認しました。"))
            return redirect("review:committee", pk=committee.pk)
    return render(
        request, "review/member_form.html", {"committee": committee, "member": member, "form": form}
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    member = get_object_or_404(CommitteeMember, pk=member_pk, committee=committee)
    with service_errors(request=request) as outcome:
        services.remove_member(request.user, member)
    if outcome.ok:
        messages.success(
            request, _("%(name)sを退任としました。担当していた割当ては解除しました。") % {"name": member}
        )
    return redirect("review:committee", pk=committee.pk)


# Assignment ------------------------------------------------------------------------------------------------


ASSIGNMENT_PAGE = 50  # applications per page of the matrix
ASSIGNMENT_PARTS = ("rows", "members", "spread", "short", "exclusion_count", "exclusions")


def _assignment_context(committee: Committee, page: Page) -> dict[str, Any]:
    """One page of the matrix and its exclusions; each member's totals and the shortage over every
    application (a fixed number of queries)."""
    start = max(page.start_index() - 1, 0)
    applications = list(analysis.review_applications(committee)[start : page.end_index()])
    shown = [a.pk for a in applications]
    members = list(analysis.active_members(committee))
    active = {
        (a.member_id, a.application_id): a
        for a in Assignment.objects.filter(
            committee=committee, status=AssignmentStatus.ACTIVE, application_id__in=shown
        ).select_related("sheet")
    }
    excluded = {
        (e.member_id, e.application_id): e
        for e in analysis.exclusions(committee).filter(application_id__in=shown)
    }
    counted = (
        Assignment.objects.filter(
            committee=committee,
            status=AssignmentStatus.ACTIVE,
            member__active=True,
            application__in=analysis.review_applications(committee).values("pk"),
        )
        .values("member_id")
        .annotate(n=Count("id"), submitted=Count("id", filter=Q(sheet__status=SheetStatus.SUBMITTED)))
    )
    totals = {row["member_id"]: row for row in counted}
    conflicts = dict(
        analysis.exclusions(committee)
        .order_by()
        .values("member_id")
        .annotate(n=Count("id"))
        .values_list("member_id", "n")
    )
    loads = {m.pk: totals.get(m.pk, {}).get("n", 0) for m in members}
    rows = []
    for application in applications:
        cells = []
        count = 0
        for member in members:
            pair = (member.pk, application.pk)
            assignment = active.get(pair)
            if assignment is not None:
                count += 1
            cells.append(
                {
                    "member": member,
                    "assignment": assignment,
                    "sheet": getattr(assignment, "sheet", None) if assignment else None,
                    "exclusion": excluded.get(pair),
                }
            )
        rows.append({"application": application, "cells": cells, "count": count})
    values = list(loads.values())
    return {
        "rows": rows,
        "members": [
            {
                "member": m,
                "load": loads[m.pk],
                "submitted": totals.get(m.pk, {}).get("submitted", 0),
                "conflicts": conflicts.get(m.pk, 0),
            }
            for m in members
        ],
        "spread": (max(values) - min(values)) if values else 0,
        "short": analysis.assignment_counts(committee)["short"],
        "exclusion_count": sum(conflicts.values()),
        "exclusions": sorted(
            excluded.values(), key=lambda e: (e.application.receipt_number or "", e.member_id)
        ),
    }


def _shown_applications(request: HttpRequest, committee: Committee) -> list[int]:
    """The applications of the matrix page that was posted (its ``shown`` ids; without them, its ``page``)."""
    applications = analysis.review_applications(committee)
    posted = request.POST.getlist("shown")
    if posted:
        ids = {int(value) for value in posted if value.isascii() and value.isdigit() and len(value) < 19}
        return list(applications.filter(pk__in=ids).values_list("pk", flat=True))
    page = paginate(applications.values_list("pk", flat=True), ASSIGNMENT_PAGE, request.POST.get("page"))
    return list(page.object_list)


@login_required
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix of applications × members, a page of applications at a time: assign by hand, or
    automatically; loads and conflicts. Saving a page changes only the applications of that page."""
    committee = _managed(request, pk)
    _post_only_when_reviewing(request, committee)
    if request.method == "POST":
        members = [m.pk for m in analysis.active_members(committee)]
        shown = set(product(members, _shown_applications(request, committee)))
        wanted = set()
        for name in request.POST:
            if name.startswith("a_"):
                try:
                    application_pk, member_pk = (int(part) for part in name[2:].split("_"))
                except ValueError:
                    continue
                wanted.add((member_pk, application_pk))
        with service_errors(request=request) as outcome:
            added, withdrawn = services.save_manual_assignments(request.user, committee, wanted, shown)
        if outcome.ok:
            messages.success(
                request,
                _("割当てを保存しました（追加%(added)s件、解除%(withdrawn)s件）。")
                % {"added": added, "withdrawn": withdrawn},
            )
        page = request.POST.get("page", "")
        target = reverse("review:assignment", args=[committee.pk])
        if page.isascii() and page.isdigit() and page != "1" and len(page) <= 6:
            target += f"?page={page}"
        return redirect(target)
    page = paginate(
        range(analysis.review_applications(committee).count()), ASSIGNMENT_PAGE, request.GET.get("page")
    )
    # The matrix, the members' totals and the exclusions are rendered once per generation of the review
    # (``review.caching``: assignments, sheets, exclusions, members, applications), page and language; the
    # context is computed only when a fragment is missing.
    matrix = SimpleLazyObject(lambda: _assignment_context(committee, page))
    return render(
        request,
        "review/assignment.html",
        {
            "committee": committee,
            "page_obj": page,
            "generation": analysis.results_generation(committee),
            "can_change": committee.is_reviewing,
            "matrix": matrix,
            # The same parts by name, for whoever reads the context (the template reads ``matrix``).
            **{name: SimpleLazyObject(partial(operator.getitem, matrix, name)) for name in ASSIGNMENT_PARTS},
            "auto": tasks.progress(committee.pk),
        },
    )


@login_required
@require_POST
def assignment_auto(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    enforce(permissions.can_change_review(request.user, committee))
    applications = analysis.review_applications(committee)
    pairs = applications.count() * analysis.active_members(committee).count()
    if pairs >= tasks.LARGE:
        # A large committee is assigned in the worker; the page shows where it stands.
        running = tasks.progress(committee.pk)
        if running and running.get("state") in ("queued", "running"):
            messages.error(request, _("自動割当てを実行中です。終わるまでお待ちください。"))
        else:
            tasks.set_progress(committee.pk, state="queued", step=0)
            tasks.auto_assign.enqueue(request.user.pk, committee.pk)
        return redirect("review:assignment", pk=committee.pk)
    with service_errors(request=request) as outcome:
        result = services.auto_assign(request.user, committee)
    if outcome.ok:
        text = services.shortage_message(result, applications)
        if text:
            messages.error(request, text)
        messages.success(
            request,
            _("自動で割り当てました（新たに%(added)s件）。委員ごとの担当件数の差は%(spread)s件です。")
            % {"added": len(result.added), "spread": result.spread},
        )
    return redirect("review:assignment", pk=committee.pk)


@login_required
def assignment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the automatic assignment in the worker stands (polled by htmx; a plain page without JS)."""
    committee = _managed(request, pk)
    return render(
        request,
        "review/_auto_progress.html",
        {"committee": committee, "auto": tasks.progress(committee.pk)},
    )


@login_required
@require_POST
def conflicts_check(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    with service_errors(request=request) as outcome:
        found = services.check_conflicts(request.user, committee)
    if outcome.ok:
        messages.success(
            request,
            _(
                "利益相反を確認しました（新たな除外%(added)s件、解除%(lifted)s件、割当ての解除%(withdrawn)s件）。"
            )
            % {"added": found.added, "lifted": found.lifted, "withdrawn": found.withdrawn},
        )
    return redirect("review:assignment", pk=committee.pk)


# Hearings --------------------------------------------------------------------------------------------------


@login_required
def hearings(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    _post_only_when_reviewing(request, committee)
    form = HearingForm(analysis.review_applications(committee), request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.save_hearing(request.user, committee, form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("ヒアリングの日程を登録しました。"))
            return redirect("review:hearings", pk=committee.pk)
    slots = HearingSlot.objects.filter(committee=committee).select_related("application__organization")
    return render(request, "review/hearings.html", {"committee": committee, "slots": slots, "form": form})


@login_required
def hearing(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    slot = get_object_or_404(
        HearingSlot.objects.select_related("application"), pk=slot_pk, committee=committee
    )
    form = HearingForm(analysis.review_applications(committee), None, instance=slot)
    notes = HearingNotesForm(initial={"notes": slot.notes})
    if request.method == "POST":
        if request.POST.get("part") == "notes":
            notes = HearingNotesForm(request.POST)
            if notes.is_valid():
                services.save_hearing_notes(request.user, slot, notes.cleaned_data["notes"])
                messages.success(request, _("ヒアリングの記録を保存しました。"))
                return redirect("review:hearing", pk=committee.pk, slot_pk=slot.pk)
        else:
            enforce(permissions.can_change_review(request.user, committee))
            form = HearingForm(
                analysis.review_applications(committee),
                request.POST,
                instance=HearingSlot.objects.get(pk=slot.pk),
            )
            if form.is_valid():
                with service_errors(form) as outcome:
                    services.save_hearing(request.user, committee, form.cleaned_data, slot)
                if outcome.ok:
                    messages.success(request, _("ヒアリングの日程を保存しました。"))
                    return redirect("review:hearing", pk=committee.pk, slot_pk=slot.pk)
    return render(
        request,
        "review/hearing.html",
        {"committee": committee, "slot": slot, "form": form, "notes_form": notes},
    )


@login_required
@require_POST
def hearing_invite(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    slot = get_object_or_404(HearingSlot, pk=slot_pk, committee=committee)
    with service_errors(request=request) as outcome:
        services.invite_to_hearing(request.user, slot)
    if outcome.ok:
        messages.success(request, _("申請者にヒアリングの案内をメールで送りました。"))
    return redirect("review:hearing", pk=committee.pk, slot_pk=slot.pk)


# Results and decisions -------------------------------------------------------------------------------------


def _budget_form(summary: analysis.ResultsSummary, data: Any = None) -> BudgetForm:
    return BudgetForm(summary.types, summary.budgets, summary.requested, data)


RESULTS_PAGE = 50  # rows of the ranked list per page (the types one after the other)


def _results_groups(results: analysis.Results, start: int, stop: int) -> list[dict[str, Any]]:
    """Every type's figures and proposal, with its rows within ``start``–``stop`` of the ranked list."""
    groups = results.by_type(start, stop)
    for group in groups:
        group["page"] = group["first"] // RESULTS_PAGE + 1  # the page where the type's rows begin
    return groups


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """Per type: the figures, the proposal within the budget and the decisions; then the ranked list
    (scores, spread, disagreement, rank) a page at a time.

    The summary and each page of the list are rendered once per generation of the results
    (``review.caching``) and language; a page whose fragments are cached reads a small summary, not the
    rows. The results themselves are cached as plain rows (``analysis.cached_results``)."""
    committee = _managed(request, pk, prefetch_managers=True)  # asked three times: here, can_change, moves
    full = cache_once(lambda: analysis.cached_results(committee))  # read at most once, only on a miss
    summary = analysis.cached_summary(committee, full)
    form = _budget_form(summary)
    if request.method == "POST":
        enforce(permissions.can_change_review(request.user, committee))
        form = _budget_form(summary, request.POST)
        if form.is_valid():
            with service_errors(form) as outcome:
                services.set_budgets(request.user, committee, form.amounts())
            if outcome.ok:
                messages.success(request, _("予算額を保存し、採択案を計算し直しました。"))
                return redirect("review:results", pk=committee.pk)
    page = paginate(range(summary.application_count), RESULTS_PAGE, request.GET.get("page"))
    start, stop = max(page.start_index() - 1, 0), page.end_index()
    return render(
        request,
        "review/results.html",
        {
            "committee": committee,
            # Evaluated only when a cached fragment is missing.
            "groups": SimpleLazyObject(lambda: _results_groups(full(), start, stop)),
            "page_obj": page,
            "generation": analysis.results_generation(committee),
            "problems": summary.problems,
            "form": form,
            "application_count": summary.application_count,
            "decided_count": summary.decided_count,
            "can_change": permissions.can_change_review(request.user, committee).allowed,
            "actions": moves.actions(
                COMMITTEE,
                request.user,
                decisions_known(committee, summary),  # the guard reads the summary's figures
                {
                    "decided": reverse("review:finalize", args=[committee.pk]),
                    "published": reverse("review:publish", args=[committee.pk]),
                },
            ),
        },
    )


@login_required
@require_POST
def apply_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    with service_errors(request=request) as outcome:
        made = services.apply_proposal(request.user, committee)
    if outcome.ok:
        messages.success(request, _("採択案のとおり%(count)s件の採否を記録しました。") % {"count": made})
    return redirect("review:results", pk=committee.pk)


@login_required
def decision(request: HttpRequest, pk: int, public_id: Any) -> HttpResponse:
    """One application for the secretariat: every member's scores, the hearing, and the decision form."""
    committee = _managed(request, pk)
    application = get_object_or_404(
        Application.objects.select_related("organization__municipality", "project_type"),
        public_id=public_id,
        program_id=committee.program_id,
        status=ApplicationStatus.ACCEPTED,  # only an application under review
    )
    current = Decision.objects.filter(application=application).first()
    initial = (
        {k: getattr(current, k) for k in ("outcome", "amount", "area", "conditions", "reasons")}
        if current
        else {"amount": application.requested_amount, "area": services.default_area(application)}
    )
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        enforce(permissions.can_change_review(request.user, committee))
        if form.is_valid():
            with service_errors(form) as outcome:
                services.decide(request.user, committee, application, form.cleaned_data)
            if outcome.ok:
                messages.success(request, _("採否を記録しました。"))
                return redirect("review:results", pk=committee.pk)
    computed = analysis.cached_results(committee)
    tc = computed.criteria.get(application.project_type.code)
    sheets = analysis.cached_sheets(committee).get(application.pk, [])
    rows = tc.rows if tc else ()
    return render(
        request,
        "review/decision.html",
        {
            "committee": committee,
            "application": application,
            "result": computed.results.get(application.pk),
            "criteria": rows,
            "sheets": [
                {"sheet": s, "marks": [{m.criterion_id: m for m in s.mark_rows}.get(r.pk) for r in rows]}
                for s in sheets
            ],
            "assignments": _with_reopen(
                request,
                Assignment.objects.filter(committee=committee, application=application)
                .select_related("member__user", "sheet", "committee")
                .order_by("member_id"),
            ),
            "hearings": HearingSlot.objects.filter(committee=committee, application=application),
            "decision": current,
            "form": form,
            "can_change": committee.is_reviewing,
        },
    )


def _with_reopen(request: HttpRequest, assignments: Any) -> list[Assignment]:
    """The assignments, each with ``may_reopen``: whether this person may give its sheet back now."""
    rows = list(assignments)
    for a in rows:
        sheet = getattr(a, "sheet", None)
        a.may_reopen = (  # type: ignore[attr-defined]
            a.is_active and sheet is not None and workflow.can(SHEET, request.user, sheet, "reopened").allowed
        )
    return rows


@login_required
@require_POST
def sheet_reopen(request: HttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related("assignment__application", "assignment__committee"),
        pk=sheet_pk,
        assignment__committee=committee,
    )
    back = reverse("review:decision", args=[committee.pk, sheet.assignment.application.public_id])

    def run(_reason: str) -> HttpResponse:
        services.reopen_sheet(request.user, sheet)
        messages.success(request, _("採点票を委員に差し戻しました。"))
        return redirect(back)

    return moves.move_view(request, SHEET, sheet, "reopened", run=run, cancel_url=back)


def _committee_move(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """採否確定 or 公表: GET the confirmation page, POST (confirmed) the move."""
    committee = get_committee(pk)
    enforce(permissions.can_manage(request.user, committee))
    back = reverse("review:results", args=[committee.pk])

    def run(_reason: str) -> HttpResponse:
        if name == "decided":
            count = services.finalize(request.user, committee)
            messages.success(
                request, _("採否を確定し、%(count)s件の申請者に結果を通知しました。") % {"count": count}
            )
        else:
            services.publish(request.user, committee)
            messages.success(request, _("採択案件を公表しました。"))
        return redirect(back)

    return moves.move_view(
        request,
        COMMITTEE,
        committee,
        name,
        run=run,
        cancel_url=back,
        summary=_committee_summary(committee, name),
    )


def _committee_summary(committee: Committee, name: str) -> list[tuple[str, str]]:
    """What 採否確定 and 公表 will record, in figures: the decisions by outcome and the adopted total."""
    decisions = list(Decision.objects.filter(committee=committee))
    adopted = [d for d in decisions if d.is_adopted]
    rows = [
        (_("公募"), committee.program.name),
        (_("採否を記録した応募"), _("%(count)s件") % {"count": len(decisions)}),
        (_("採択（条件付き採択を含む）"), _("%(count)s件") % {"count": len(adopted)}),
        (_("不採択"), _("%(count)s件") % {"count": len(decisions) - len(adopted)}),
        (_("採択額の合計"), format_yen(sum(d.amount for d in adopted))),
    ]
    if name == "decided":
        rows.append((_("結果を通知する申請者"), _("%(count)s件") % {"count": len(decisions)}))
    return rows


@login_required
def finalize(request: HttpRequest, pk: int) -> HttpResponse:
    return _committee_move(request, pk, "decided")


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _committee_move(request, pk, "published")

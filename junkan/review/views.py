"""Pages of the committee members (審査委員): their assignments, the declaration, the score sheet.

A member sees only the applications assigned to them and not excluded by a conflict; anything else is 404.
The secretariat's pages are in ``secretariat``, the public ones in ``public``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.applications import checklist
from junkan.applications.models import (
    Application,
    ApplicationStatus,
    CoApplicant,
    CoApplicantStatus,
    Submission,
)
from junkan.common import cache, files, moves
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.programs.models import Program, project_type_wide
from junkan.review import analysis, caching, permissions, services
from junkan.review.forms import DeclarationForm, SheetForm
from junkan.review.models import (
    Assignment,
    AssignmentStatus,
    Committee,
    CommitteeMember,
    Declaration,
    Exclusion,
    HearingSlot,
    ScoreSheet,
    SheetStatus,
)
from junkan.review.processes import SHEET


def get_committee(pk: int) -> Committee:
    return get_object_or_404(Committee.objects.select_related("program"), pk=pk)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The committees a member sits on; for the secretariat, every committee and the calls without one."""
    enforce(permissions.can_open_index(request.user))
    memberships = []
    if permissions.is_reviewer(request.user):
        memberships = list(
            CommitteeMember.objects.filter(user=request.user, active=True)
            .select_related("committee__program")
            .annotate(
                assigned=Count(
                    "assignments", filter=Q(assignments__status=AssignmentStatus.ACTIVE), distinct=True
                ),
                submitted=Count(
                    "assignments",
                    filter=Q(
                        assignments__status=AssignmentStatus.ACTIVE,
                        assignments__sheet__status=SheetStatus.SUBMITTED,
                    ),
                    distinct=True,
                ),
            )
            .order_by("-committee__program__fiscal_year", "committee_id")
        )
    committees = []
    waiting = []
    if is_secretariat(request.user):
        committees = list(
            Committee.objects.select_related("program")
            .annotate(member_count=Count("members", filter=Q(members__active=True), distinct=True))
            .order_by("-program__fiscal_year", "program__slug")
        )
        waiting = list(
            Program.objects.filter(review_committee__isnull=True)
            .annotate(
                accepted=Count("applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED))
            )
            .filter(accepted__gt=0)
            .order_by("-fiscal_year", "slug")
        )
    return render(
        request,
        "review/index.html",
        {
            "memberships": memberships,
            "committees": committees,
            "waiting": waiting,
            "is_secretariat": is_secretariat(request.user),
        },
    )


ASSIGNED_PAGE = 50  # applications per page of a member's list


def _assigned_rows(committee: Committee, member: CommitteeMember, assignments: Any) -> list[dict[str, Any]]:
    """The rows of a page of a member's list: each assignment with its declaration, sheet and hearings."""
    assignments = list(assignments)
    shown = [a.application_id for a in assignments]
    declarations = {
        d.application_id: d for d in Declaration.objects.filter(member=member, application_id__in=shown)
    }
    hearings: dict[int, list[HearingSlot]] = {}
    for slot in HearingSlot.objects.filter(committee=committee, application_id__in=shown):
        hearings.setdefault(slot.application_id, []).append(slot)
    return [
        {
            "assignment": a,
            "application": a.application,
            "declaration": declarations.get(a.application_id),
            "sheet": getattr(a, "sheet", None),
            "hearings": hearings.get(a.application_id, []),
        }
        for a in assignments
    ]


@login_required
def assigned(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's assigned applications with the state of the declaration and the sheet, a page at a time.

    The table is rendered once per member, page, language and generation of the member lists
    (``review.caching``: assignments, sheets, declarations, hearings, applications); the rows are read only
    when it is missing."""
    committee = get_committee(pk)
    decision, member = permissions.own_list(request.user, committee)
    enforce(decision)
    every = Assignment.objects.filter(
        member=member, status=AssignmentStatus.ACTIVE, application__status=ApplicationStatus.ACCEPTED
    )
    page = page_of(
        request,
        every.select_related("application__organization", "application__project_type", "sheet")
        .defer(*project_type_wide("application__project_type__"))
        .order_by("application__project_type__order", "application__receipt_number", "application_id"),
        ASSIGNED_PAGE,
    )
    return render(
        request,
        "review/assigned.html",
        {
            "committee": committee,
            "member": member,
            # Lazy: read only when the cached table is missing.
            "rows": SimpleLazyObject(lambda: _assigned_rows(committee, member, page.object_list)),
            "page_obj": page,
            "generation": cache.tokens(*caching.list_scopes(committee.pk, committee.program_id)),
            "total": page.paginator.count,
            "submitted": SimpleLazyObject(lambda: every.filter(sheet__status=SheetStatus.SUBMITTED).count()),
        },
    )


def _reviewing(request: HttpRequest, pk: int, public_id: Any) -> tuple[Committee, Assignment]:
    """The committee and the member's assignment for an application; 404 unless assigned and not excluded."""
    committee = get_committee(pk)
    application = (
        # Only an accepted application is under review (the query says so; no status compared here).
        Application.objects.filter(
            public_id=public_id, program_id=committee.program_id, status=ApplicationStatus.ACCEPTED
        )
        .select_related("organization__municipality", "project_type", "program")
        .first()
    )
    if application is None:
        raise Http404(_("この応募は見つかりません。"))
    member = permissions.member_of(request.user, committee)
    assignment = excluded = None
    if member is not None:
        assignment = (
            Assignment.objects.filter(member=member, application=application)
            .select_related("member", "committee__program")
            .first()
        )
        excluded = Exclusion.objects.filter(member=member, application=application).exists()
    enforce(permissions.can_review(request.user, assignment, bool(excluded)))
    assignment.application = application  # type: ignore[union-attr]
    return committee, assignment  # type: ignore[return-value]


def _declaration(assignment: Assignment) -> Declaration | None:
    return Declaration.objects.filter(member=assignment.member, application=assignment.application).first()


@login_required
def application(request: HttpRequest, pk: int, public_id: Any) -> HttpResponse:
    """An assigned application as a member sees it: the applicants, the figures, the forms, the hearing."""
    committee, assignment = _reviewing(request, pk, public_id)
    app = assignment.application
    co_applicants = CoApplicant.objects.filter(
        application=app, status=CoApplicantStatus.ACCEPTED
    ).select_related("organization")
    submission = Submission.objects.filter(application=app).order_by("-version").first()
    declaration = _declaration(assignment)
    sheet = ScoreSheet.objects.filter(assignment=assignment).first()
    # The requirements as the applicant answered them in the submitted version (frozen), read-only.
    submitted = (submission.snapshot.get("raw") or {}) if submission else {}
    return render(
        request,
        "review/application.html",
        {
            "committee": committee,
            "assignment": assignment,
            "application": app,
            "co_applicants": co_applicants,
            "submission": submission,
            "declaration": declaration,
            "sheet": sheet,
            "hearings": HearingSlot.objects.filter(committee=committee, application=app),
            "is_reviewing": committee.is_reviewing,
            "requirement_rows": checklist.requirement_rows(app, submitted) if submission else [],
        },
    )


@login_required
def application_pdf(request: HttpRequest, pk: int, public_id: Any) -> HttpResponse:
    """The application as submitted (the latest version), as the official forms in PDF."""
    from junkan.applications.pdf import render_pdf

    _committee, assignment = _reviewing(request, pk, public_id)
    submission = Submission.objects.filter(application=assignment.application).order_by("-version").first()
    if submission is None:
        raise Http404(_("提出された内容がありません。"))
    response = HttpResponse(render_pdf(submission.snapshot), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="application-{submission.receipt_number}-v{submission.version}.pdf"'
    )
    return files.exported(
        request,
        response,
        "review.submission.read",
        assignment,
        version=submission.version,
    )


@login_required
def declare(request: HttpRequest, pk: int, public_id: Any) -> HttpResponse:
    committee, assignment = _reviewing(request, pk, public_id)
    declaration = _declaration(assignment)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            declaration = services.declare(
                request.user, assignment, form.cleaned_data["kind"], form.cleaned_data["note"]
            )
        if outcome.ok:
            if declaration.is_conflict:
                messages.success(
                    request,
                    _(
                        "利害関係を申告しました。この応募の審査からは外れます。事務局が別の委員を割り当てます。"
                    ),
                )
                return redirect("review:assigned", pk=committee.pk)
            messages.success(request, _("利害関係がないことを申告しました。採点を始めてください。"))
            return redirect("review:sheet", pk=committee.pk, public_id=assignment.application.public_id)
    return render(
        request,
        "review/declare.html",
        {
            "committee": committee,
            "assignment": assignment,
            "application": assignment.application,
            "form": form,
            "declaration": declaration,
        },
    )


def add_errors(form: Any, error: ValidationError) -> None:
    """A service's ValidationError on the form: on the fields it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _other_sheets(assignment: Assignment) -> list[ScoreSheet]:
    return list(
        ScoreSheet.objects.filter(
            assignment__application=assignment.application,
            assignment__committee=assignment.committee,
            assignment__status=AssignmentStatus.ACTIVE,
            assignment__member__active=True,
            status=SheetStatus.SUBMITTED,
        )
        .exclude(assignment=assignment)
        .select_related("assignment__member__user")
        .prefetch_related(Prefetch("marks"))
        .order_by("assignment__member_id")
    )


@login_required
def sheet(request: HttpRequest, pk: int, public_id: Any) -> HttpResponse:
    """The score sheet: save as a draft, or submit. Once submitted, the other members' scores are shown."""
    committee, assignment = _reviewing(request, pk, public_id)
    declaration = _declaration(assignment)
    if declaration is None:
        messages.info(request, _("採点の前に、この応募との利害関係の有無を申告してください。"))
        return redirect("review:declare", pk=committee.pk, public_id=public_id)
    own = ScoreSheet.objects.filter(assignment=assignment).prefetch_related("marks").first()
    tc = analysis.load_criteria(committee.program_id).get(assignment.application.project_type.code)
    rows = tc.rows if tc else ()
    marks = {m.criterion_id: m for m in own.marks.all()} if own else {}
    context: dict[str, Any] = {
        "committee": committee,
        "assignment": assignment,
        "application": assignment.application,
        "sheet": own,
        "criteria": tc,
    }
    if not permissions.can_score(request.user, assignment, False, declaration, own):
        # Submitted, or the review is over: the sheet as it stands (and, once submitted, the others').
        submitted = permissions.can_see_other_scores(own)
        others = _other_sheets(assignment) if submitted else []
        context.update(
            submitted=submitted,
            rows=[(row, marks.get(row.pk)) for row in rows],
            others=[
                {
                    "sheet": s,
                    "marks": [{m.criterion_id: m for m in s.marks.all()}.get(row.pk) for row in rows],
                }
                for s in others
            ],
        )
        return render(request, "review/sheet_done.html", context)
    form = SheetForm(
        rows, marks, request.POST or None, initial={"overall_comment": own.overall_comment if own else ""}
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        if submit and moves.confirmation_needed(request, SHEET.move("submitted")):
            confirmation = _confirm_sheet(request, committee, assignment, form)
            if confirmation is not None:
                return confirmation
            context["form"] = form
            return render(request, "review/sheet.html", context)
        try:
            services.save_sheet(
                request.user, assignment, form.marks(), form.cleaned_data["overall_comment"], submit=submit
            )
        except services.SheetNotSubmittable as error:
            form.add_problems(error.problems)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submit:
                messages.success(request, _("採点票を提出しました。"))
                return redirect("review:sheet", pk=committee.pk, public_id=public_id)
            messages.success(request, _("一時保存しました。提出するまで内容は変更できます。"))
            return redirect("review:sheet", pk=committee.pk, public_id=public_id)
    context["form"] = form
    return render(request, "review/sheet.html", context)


def _confirm_sheet(
    request: HttpRequest, committee: Committee, assignment: Assignment, form: SheetForm
) -> HttpResponse | None:
    """The 確認画面 before a sheet is submitted: the sheet is kept as a draft first (nothing is lost if the
    member goes back), then the marks and the score are shown. None, with the problems on the form, when
    the sheet is not complete (nothing written)."""
    from junkan.review.engine import scoring

    marks, overall = form.marks(), form.cleaned_data["overall_comment"]
    try:
        score = services.check_sheet(assignment, marks, overall)
    except services.SheetNotSubmittable as error:
        form.add_problems(error.problems)
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    try:
        own = services.save_sheet(request.user, assignment, marks, overall)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    application = assignment.application
    url = reverse("review:sheet", args=[committee.pk, application.public_id])
    return moves.confirmation_page(
        request,
        SHEET,
        own,
        "submitted",
        cancel_url=url,
        action_url=url,
        summary=[
            (_("応募"), f"{application.receipt_number or ''} {application.title}".strip()),
            (_("評点（100点満点）"), scoring.display(score)),
        ],
        details_template="review/_sheet_confirm.html",
        context={
            "rows": [(row, marks.get(row.pk)) for row in form.rows],
            "overall_comment": overall.strip(),
            "draft_saved": True,
        },
    )

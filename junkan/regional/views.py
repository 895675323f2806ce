"""Pages of regional support. Thin: each asks a permission function, forms go to services, moves to
``workflow.transition``; what a person may do now comes from ``workflow.options``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, QuerySet, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.accounts.permissions import is_secretariat
from junkan.common import cache, files, moves, workflow
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.common.templatetags.fragments import generation
from junkan.regional import caching, charts, forms, progress, services
from junkan.regional import permissions as p
from junkan.regional.engine.budget import COST_KIND_LABELS, CostKind, planned_total, remaining
from junkan.regional.engine.hearing import CRITERIA, GROUP_LABELS
from junkan.regional.engine.stage import PATH, Stage, step_index
from junkan.regional.engine.team import planned_visits
from junkan.regional.models import (
    Activity,
    AnalysisFile,
    Body,
    BodyKind,
    BusinessPlan,
    ConsortiumCase,
    Coordinator,
    Hearing,
    Kpi,
    Meeting,
    MeetingFile,
    Round,
    SupportTeam,
    TeamExpert,
)
from junkan.regional.processes import PROCESSES
from junkan.regional.progress import STAGE_NAMES as STAGE_LABELS
from junkan.registry.models import RegionRegistration

PER_PAGE = 30
ACTIVITIES_SHOWN = 20  # the latest entries of each coordinator's log on the region page


def _user_by_email(email: str) -> Any:
    if not email:
        return None
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError({"user_email": _("このメールアドレスのアカウントは登録されていません。")})
    return user


def _region(pk: int) -> RegionRegistration:
    return get_object_or_404(RegionRegistration.objects.select_related("organization"), pk=pk)


# Overview --------------------------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The regions this person works on (member, coordinator, team expert); the secretariat's links."""
    user = request.user
    from junkan.organizations.models import Membership

    org_ids = Membership.objects.filter(user=user).values("organization_id")
    regions = (
        (
            RegionRegistration.objects.filter(organization_id__in=org_ids)
            | RegionRegistration.objects.filter(coordinators__user=user, coordinators__ended_on__isnull=True)
            | RegionRegistration.objects.filter(support_teams__experts__user=user)
        )
        .distinct()
        .order_by("name", "pk")
    )
    page = page_of(request, regions, PER_PAGE)
    # Which regions are this person's is asked per request; their rows are the same for everyone who works
    # on them: a fragment per generation, regions of the page and language (read only on a miss).
    listed = list(page.object_list)
    return render(
        request,
        "regional/index.html",
        {
            "page": page,
            "listed": ",".join(str(region.pk) for region in listed),
            "rows": SimpleLazyObject(lambda: progress.progress_for(listed)),
            "secretariat": is_secretariat(user),
            "labels": STAGE_LABELS,
        },
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Every region in the program with its stage and figures (the secretariat, the Ministry)."""
    enforce(p.can_view_progress(request.user))
    regions = progress.regions_in_program(published_only=False)
    page = page_of(request, regions, PER_PAGE)
    # The counts, the rows and the pager are one fragment per generation of ``regional`` (and ``registry``:
    # the regions' names), page and language: read only when it is rendered afresh.
    return render(
        request,
        "regional/overview.html",
        {
            "page": page,
            "rows": SimpleLazyObject(lambda: progress.progress_for(page.object_list)),
            "counts": SimpleLazyObject(lambda: _counts(regions)),
        },
    )


def _counts(regions: QuerySet[RegionRegistration]) -> list[tuple[str, int]]:
    """How many regions are at each stage, over every region: once per change (``regional.caching``)."""
    counts = cache.cached(
        "regional-stage-counts",
        (caching.SCOPE,),
        lambda: {stage.value: n for stage, n in progress.stage_counts(regions).items()},
    )
    return [(STAGE_LABELS[Stage(s)], n) for s, n in counts.items()]


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    enforce(p.can_manage(request.user))
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.announce_round(request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("募集回を登録しました。"))
            return redirect("regional:rounds")
    page = page_of(request, Round.objects.all(), PER_PAGE)
    return render(request, "regional/rounds.html", {"form": form, "page": page})


# Region ----------------------------------------------------------------------------------------------------


@login_required
def region(request: HttpRequest, pk: int) -> HttpResponse:
    """The region's support: stage, cases, teams, coordinators with their logs, plans."""
    region = _region(pk)
    enforce(p.can_view_region(request.user, region))
    can_work = p.can_work_on_region(request.user, region).allowed
    secretariat = is_secretariat(request.user)
    start_form = forms.StartCaseForm(secretariat=secretariat, prefix="case")
    coordinator_form = forms.CoordinatorForm(prefix="coordinator")
    plan_form = forms.PlanForm(prefix="plan")
    if request.method == "POST" and can_work:
        action = request.POST.get("action")
        with service_errors(
            lambda: {"case": start_form, "coordinator": coordinator_form, "plan": plan_form}.get(
                action or ""
            ),
            request=request,
        ):
            if action == "case":
                start_form = forms.StartCaseForm(request.POST, secretariat=secretariat, prefix="case")
                if start_form.is_valid():
                    data = start_form.cleaned_data
                    case = services.start_case(
                        request.user,
                        region,
                        data["round"],
                        kind=data["kind"],
                        route=data.get("route") or "applied",
                        recommended_by=data.get("recommended_by", ""),
                    )
                    messages.success(
                        request, _("支援案件を作成しました。構想と経費の予定を記入してください。")
                    )
                    return redirect("regional:case", case.pk)
            elif action == "coordinator":
                coordinator_form = forms.CoordinatorForm(request.POST, prefix="coordinator")
                if coordinator_form.is_valid():
                    data = dict(coordinator_form.cleaned_data)
                    data["user"] = _user_by_email(data.pop("user_email", ""))
                    services.appoint_coordinator(request.user, region, data)
                    messages.success(request, _("地域コーディネーターを選任しました。"))
                    return redirect("regional:region", region.pk)
            elif action == "plan":
                plan_form = forms.PlanForm(request.POST, prefix="plan")
                if plan_form.is_valid():
                    plan = services.create_plan(request.user, region, plan_form.cleaned_data)
                    messages.success(request, _("事業計画を作成しました。KPIを設定してください。"))
                    return redirect("regional:plan", plan.pk)
            elif action == "team":
                team = services.start_team(request.user, region)
                return redirect("regional:team", team.pk)
    return _region_page(
        request,
        region,
        can_work=can_work,
        secretariat=secretariat,
        start_form=start_form,
        coordinator_form=coordinator_form,
        plan_form=plan_form,
    )


def _activity_form(coordinator: Coordinator, data: Any = None) -> forms.ActivityForm:
    """A coordinator's activity form: the same field names for every coordinator (the view reads prefix
    "activity"), ids of its own (several coordinators' forms are on one page)."""
    return forms.ActivityForm(data, prefix="activity", auto_id=f"id_coordinator{coordinator.pk}_%s")


def _region_page(
    request: HttpRequest,
    region: Any,
    *,
    can_work: bool,
    secretariat: bool,
    start_form: Any = None,
    coordinator_form: Any = None,
    plan_form: Any = None,
    activity_form: tuple[int, forms.ActivityForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    # The stage, the cases, teams and plans and each coordinator's log are fragments per region and
    # generation of ``regional`` (read only when rendered afresh); who may log an activity, and the forms,
    # are per request. A refused activity comes back in its coordinator's form, as typed.
    state = SimpleLazyObject(lambda: progress.region_progress(region))
    coordinators = list(region.coordinators.all())
    logs = SimpleLazyObject(lambda: _activity_logs(coordinators))
    for coordinator in coordinators:
        coordinator.may_log = p.can_log_activity(request.user, coordinator).allowed  # type: ignore[attr-defined]
        coordinator.log = SimpleLazyObject(lambda pk=coordinator.pk: logs[pk])  # type: ignore[attr-defined]
        coordinator.activity_form = (  # type: ignore[attr-defined]
            activity_form[1]
            if activity_form is not None and activity_form[0] == coordinator.pk
            else _activity_form(coordinator)
        )
    return render(
        request,
        "regional/region.html",
        {
            "region": region,
            "state": state,
            "steps": SimpleLazyObject(lambda: _steps(state.stage)),
            "cases": region.consortium_cases.select_related("round").order_by("-round__fiscal_year"),
            "teams": region.support_teams.select_related("body"),
            "plans": region.business_plans.all(),
            "coordinators": coordinators,
            "can_work": can_work,
            "secretariat": secretariat,
            "start_form": start_form or forms.StartCaseForm(secretariat=secretariat, prefix="case"),
            "coordinator_form": coordinator_form or forms.CoordinatorForm(prefix="coordinator"),
            "plan_form": plan_form or forms.PlanForm(prefix="plan"),
        },
        status=status,
    )


def _activity_logs(coordinators: list[Coordinator]) -> dict[int, list[Any]]:
    """The latest 20 activities of each coordinator, in one query for all of them (the database keeps
    20 per coordinator however long a log grows)."""
    logs: dict[int, list[Any]] = {c.pk: [] for c in coordinators}
    latest = Activity.objects.filter(coordinator__in=coordinators).annotate(
        number=Window(
            RowNumber(), partition_by=F("coordinator_id"), order_by=[F("done_on").desc(), F("id").desc()]
        )
    )
    for activity in latest.filter(number__lte=ACTIVITIES_SHOWN).order_by("coordinator_id", "-done_on", "-id"):
        logs[activity.coordinator_id].append(activity)
    return logs


def _steps(stage: Any) -> dict[str, Any]:
    """The stages on the way for the shared step indicator (an ended region has no current step)."""
    return {"labels": [STAGE_LABELS[s] for s in PATH], "position": step_index(stage) + 1}


@login_required
@require_POST
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    coordinator = get_object_or_404(Coordinator.objects.select_related("region__organization"), pk=pk)
    enforce(p.can_log_activity(request.user, coordinator))
    form = _activity_form(coordinator, request.POST)
    if form.is_valid():
        services.log_activity(request.user, coordinator, form.cleaned_data)
        messages.success(request, _("活動を記録しました。"))
        return redirect("regional:region", coordinator.region_id)
    # The region page again, with this coordinator's form as typed and its errors (nothing is lost).
    messages.error(request, _("活動の日付・種類・内容を入力してください。"))
    region = _region(coordinator.region_id)
    return _region_page(
        request,
        region,
        can_work=p.can_work_on_region(request.user, region).allowed,
        secretariat=is_secretariat(request.user),
        activity_form=(coordinator.pk, form),
        status=400,
    )


# Case ------------------------------------------------------------------------------------------------------


def _case(pk: int) -> ConsortiumCase:
    # One query: the case with what every viewer's page shows, and whether its consortium has met (the
    # guard of the move to the hearing reads it instead of asking again). The cost lines are read when a
    # form or a fragment needs them (``_cost_lines``), and the linked economy account when its line is
    # rendered afresh (insiders only), not on every request.
    has_met = Exists(Meeting.objects.filter(body_id=OuterRef("body_id")))
    return get_object_or_404(
        ConsortiumCase.objects.select_related("region__organization", "round", "body").annotate(
            consortium_has_met=has_met
        ),
        pk=pk,
    )


def _cost_lines(case: ConsortiumCase) -> list[Any]:
    """The case's cost lines, read once (prefetched: the rules read ``case.cost_lines.all()`` after)."""
    prefetch_related_objects([case], "cost_lines")
    return list(case.cost_lines.all())


def case(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(pk)
    enforce(p.can_view_case(request.user, case))
    # Who this person is for the case, decided once and passed down: the forms are built (and their
    # choices read) only for a person who may use them, the buttons only for insiders; the read-only parts
    # (hubs, problems, hearing, analyses, budget table, unbound forms) are fragments per case and
    # generation of ``regional`` (the insiders' parts are the same for every insider), read on a miss only.
    insider = p.is_insider(request.user, case.region)
    edit = p.can_edit_case(request.user, case)
    can_edit = edit.allowed and services.case_is_open(case)
    secretariat = is_secretariat(request.user)
    lines = SimpleLazyObject(lambda: _cost_lines(case))
    action = request.POST.get("action", "") if request.method == "POST" else None
    # Unbound forms are built when rendered (a fragment miss), the posted one below.
    concept_form: Any = SimpleLazyObject(
        lambda: forms.ConceptForm(
            initial={
                **{k: getattr(case, k) for k in services.CONCEPT_FIELDS},
                "is_published": case.is_published,
            },
            prefix="concept",
        )
    )
    budget_form: Any = SimpleLazyObject(
        lambda: forms.BudgetForm(lines=lines, secretariat=secretariat, prefix="budget")
    )
    upload_form: Any = SimpleLazyObject(lambda: forms.UploadForm(prefix="analysis"))
    # What this person may attach (a key of the form's fragment: the same list, the same HTML).
    economy_choices = SimpleLazyObject(lambda: services.economy_choices(request.user, case))
    economy_form: Any = SimpleLazyObject(
        lambda: forms.EconomyLinkForm(
            choices=list(economy_choices),
            initial={"account": case.economy_account_id},
            prefix="economy",
        )
    )
    if action is not None:
        enforce(edit)
        with service_errors(
            lambda: {
                "concept": concept_form,
                "budget": budget_form,
                "analysis": upload_form,
                "economy": economy_form,
            }.get(action or ""),
            request=request,
        ):
            if action == "concept":
                concept_form = forms.ConceptForm(request.POST, prefix="concept")
                if concept_form.is_valid():
                    services.update_concept(request.user, case, concept_form.cleaned_data)
                    messages.success(request, _("構想を保存しました。"))
                    return redirect("regional:case", case.pk)
            elif action == "budget":
                budget_form = forms.BudgetForm(
                    request.POST, lines=lines, secretariat=secretariat, prefix="budget"
                )
                if budget_form.is_valid():
                    services.save_budget(request.user, case, budget_form.rows_data())
                    messages.success(request, _("経費を保存しました。"))
                    return redirect("regional:case", case.pk)
            elif action == "economy":
                economy_form = forms.EconomyLinkForm(
                    request.POST,
                    accounts=services.economy_accounts(request.user, case),
                    choices=list(economy_choices),
                    prefix="economy",
                )
                if economy_form.is_valid():
                    services.link_economy_account(request.user, case, economy_form.cleaned_data["account"])
                    messages.success(request, _("地域経済循環分析を保存しました。"))
                    return redirect("regional:case", case.pk)
            elif action == "analysis":
                upload_form = forms.UploadForm(request.POST, request.FILES, prefix="analysis")
                if upload_form.is_valid():
                    services.add_analysis(request.user, case, upload_form.cleaned_data["file"])
                    messages.success(request, _("分析を添付しました。"))
                    return redirect("regional:case", case.pk)
    return render(
        request,
        "regional/case.html",
        {
            "case": case,
            # The fragments' key: the generation of what they show and the language.
            "gen": generation(caching.SCOPE, "registry"),
            "insider": insider,
            "can_edit": can_edit,
            "secretariat": secretariat,
            # The form posted and refused (shown as typed, with its errors); the others from their fragments.
            "posted": action,
            "concept_form": concept_form,
            "budget_form": budget_form,
            "upload_form": upload_form,
            "economy_form": economy_form,
            "economy_choices": economy_choices,
            # Read when a fragment is rendered afresh only.
            "budget": SimpleLazyObject(lambda: _budget(case, lines)),
            "analyses": SimpleLazyObject(lambda: list(case.analyses.all()) if insider else []),
            # After the fragments above: a guard reading the cost lines finds them read already.
            "actions": SimpleLazyObject(lambda: _actions("case", request.user, case) if insider else []),
            "process": "case",
            "hearing": SimpleLazyObject(
                lambda: Hearing.objects.filter(case=case).first() if insider else None
            ),
            "problems": SimpleLazyObject(lambda: _case_problems(case, lines) if insider else []),
            "supported": _supported_projects(request.user, case),
        },
    )


def _budget(case: ConsortiumCase, lines: list[Any]) -> dict[str, Any]:
    """The budget table: each cost line, the totals and what may still be spent under the cap."""
    rows = [
        {
            "label": COST_KIND_LABELS[CostKind(line.kind)],
            "planned": line.planned,
            "actual": line.actual,
            "reason": line.reason,
        }
        for line in lines
    ]
    engine_lines = services_lines(case)
    return {
        "lines": rows,
        "planned_total": planned_total(engine_lines),
        "actual_total": sum(row["actual"] for row in rows),
        "remaining": remaining(int(case.budget_cap), engine_lines),
    }


def services_lines(case: ConsortiumCase) -> list[Any]:
    from junkan.regional.rules import engine_lines

    return engine_lines(case)


def _case_problems(case: ConsortiumCase, lines: list[Any]) -> list[str]:
    """What the region must still do before submitting (while the case is open; none once it may submit:
    the submit move's guard is these problems). ``lines``: the cost lines, read once for the page."""
    from junkan.regional.rules import case_problems

    if not services.case_is_open(case):
        return []
    len(lines)  # read (and prefetched) once for the budget, the form and the rules
    return case_problems(case)


def _supported_projects(user: Any, case: ConsortiumCase) -> list[Any]:
    """The grant projects whose continuation review judged that further support is needed through this case
    (``grants.SupportJudgement``), those this person may see (``grants.permissions.can_view``). The rows are
    the same for everyone: read once per generation of the grants' project scope (bumped by every change of
    a judgement, a project or an organization); who may see each is asked per request."""
    from junkan.grants import caching as grants_caching
    from junkan.grants import permissions as grants
    from junkan.grants.models import SupportJudgement

    judgements = cache.cached(
        f"regional.case.support_judgements:{case.pk}",
        (grants_caching.PROJECT_SCOPE,),
        lambda: list(
            SupportJudgement.objects.filter(case=case).select_related(
                "project__organization", "project__application"
            )
        ),
    )
    return [j for j in judgements if grants.can_view(user, j.project).allowed]


# Moves -----------------------------------------------------------------------------------------------------

_MODELS: dict[str, Any] = {
    "case": (ConsortiumCase, "regional:case"),
    "hearing": (Hearing, "regional:hearing"),
    "team": (SupportTeam, "regional:team"),
    "plan": (BusinessPlan, "regional:plan"),
}


def _actions(process: str, user: Any, obj: Any) -> list[moves.Action]:
    """The buttons of ``obj``'s process for this person (common.moves: confirmation for irreversible ones)."""
    return moves.actions(
        PROCESSES[process], user, obj, lambda name: reverse("regional:move", args=[process, obj.pk, name])
    )


@login_required
def move(request: HttpRequest, process: str, pk: int, name: str) -> HttpResponse:
    """One move: the shared confirmation page for irreversible moves and reasons, then the transition."""
    if process not in PROCESSES:
        raise Http404
    declared = PROCESSES[process]
    model, detail = _MODELS[process]
    obj = get_object_or_404(model, pk=pk)
    try:
        step = declared.move(name)
    except LookupError:
        raise Http404 from None

    def run(reason: str) -> HttpResponse:
        fields: dict[str, Any] = {}
        if process == "case" and name in ("select", "not_select"):
            fields["selection_reason"] = reason
        if process == "team" and name == "refuse":
            fields["refusal_reason"] = reason
        workflow.transition(declared, request.user, obj, name, fields=fields, reason=reason)
        messages.success(request, _("「%(move)s」を行いました。") % {"move": step.history_label})
        return redirect(detail, obj.pk)

    return moves.move_view(request, declared, obj, name, run=run, cancel_url=reverse(detail, args=[obj.pk]))


# Bodies ----------------------------------------------------------------------------------------------------


def body(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body.objects.select_related("region", "grant_project"), pk=pk)
    enforce(p.can_view_body(request.user, body))
    can_edit = p.can_edit_body(request.user, body).allowed
    body_form = forms.BodyForm(
        initial={
            "name": body.name,
            "purpose": body.purpose,
            "reuses_existing": body.reuses_existing,
            "is_published": body.is_published,
        },
        prefix="body",
    )
    member_form = forms.MemberForm(prefix="member")
    meeting_form = forms.MeetingForm(prefix="meeting")
    if request.method == "POST":
        enforce(p.can_edit_body(request.user, body))
        action = request.POST.get("action")
        with service_errors(
            lambda: {"body": body_form, "member": member_form, "meeting": meeting_form}.get(action or ""),
            request=request,
        ):
            if action == "body":
                body_form = forms.BodyForm(request.POST, prefix="body")
                if body_form.is_valid():
                    services.update_body(request.user, body, body_form.cleaned_data)
                    messages.success(request, _("会議体の設定を保存しました。"))
                    return redirect("regional:body", body.pk)
            elif action == "member":
                member_form = forms.MemberForm(request.POST, prefix="member")
                if member_form.is_valid():
                    services.add_member(request.user, body, member_form.cleaned_data)
                    messages.success(request, _("構成員を追加しました。"))
                    return redirect("regional:body", body.pk)
            elif action == "meeting":
                meeting_form = forms.MeetingForm(request.POST, prefix="meeting")
                if meeting_form.is_valid():
                    data = dict(meeting_form.cleaned_data)
                    meeting = services.save_meeting(request.user, body, data)
                    messages.success(request, _("会議を記録しました。"))
                    return redirect("regional:meeting", meeting.pk)
    insider = p.sees_unpublished(request.user, body)
    members = body.members.all() if insider else body.members.filter(planned=False)
    meetings = page_of(request, body.meetings.all(), PER_PAGE)
    return render(
        request,
        "regional/body.html",
        {
            "body": body,
            "can_edit": can_edit,
            "insider": insider,
            "members": members,
            "page": meetings,
            "body_form": body_form,
            "member_form": member_form,
            "meeting_form": meeting_form,
            "today": timezone.localdate(),
        },
    )


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("body__region", "body__grant_project"), pk=pk)
    enforce(p.can_view_body(request.user, meeting.body))
    sees_minutes = p.can_view_minutes(request.user, meeting).allowed
    can_edit = p.can_edit_body(request.user, meeting.body).allowed
    form = forms.MeetingForm(instance=meeting, prefix="meeting")
    upload_form = forms.UploadForm(prefix="file")
    if request.method == "POST":
        enforce(p.can_edit_body(request.user, meeting.body))
        action = request.POST.get("action")
        with service_errors(lambda: form if action == "meeting" else upload_form, request=request):
            if action == "meeting":
                form = forms.MeetingForm(
                    request.POST, instance=Meeting.objects.get(pk=meeting.pk), prefix="meeting"
                )
                if form.is_valid():
                    data = {k: form.cleaned_data[k] for k in form.Meta.fields}
                    services.save_meeting(request.user, meeting.body, data, meeting)
                    messages.success(request, _("会議の記録を保存しました。"))
                    return redirect("regional:meeting", meeting.pk)
            elif action == "file":
                upload_form = forms.UploadForm(request.POST, request.FILES, prefix="file")
                if upload_form.is_valid():
                    services.add_meeting_file(request.user, meeting, upload_form.cleaned_data["file"])
                    messages.success(request, _("資料を追加しました。"))
                    return redirect("regional:meeting", meeting.pk)
    return render(
        request,
        "regional/meeting.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "sees_minutes": sees_minutes,
            "can_edit": can_edit,
            "form": form,
            "upload_form": upload_form,
            "files": meeting.files.all() if sees_minutes else [],
        },
    )


def download(request: HttpRequest, kind: str, public_id: str) -> FileResponse:
    """A meeting's file (as its minutes are visible) or a case's analysis (insiders)."""
    if kind == "meeting":
        stored: Any = get_object_or_404(
            MeetingFile.objects.select_related("meeting__body"), public_id=public_id
        )
        enforce(p.can_view_minutes(request.user, stored.meeting))
    elif kind == "analysis":
        stored = get_object_or_404(AnalysisFile.objects.select_related("case__region"), public_id=public_id)
        enforce(p.can_view_region(request.user, stored.case.region))
    else:
        raise Http404
    # Sandboxed, named by the detected kind. A case's analysis (never public) and a file of minutes not
    # published are audited reads; the files of published minutes are public documents.
    if kind == "analysis":
        action = "regional.analysis.downloaded"
    elif not (stored.meeting.body.is_published and stored.meeting.minutes_published):
        action = "regional.meeting_file.downloaded"
    else:
        action = ""
    return files.serve(
        request,
        stored.file,
        stored.original_name,
        stored.content_type,
        audit_object=stored if action else None,
        audit_action=action,
        audit_data={"file": str(stored.public_id)},
    )


@login_required
def new_council(request: HttpRequest, public_id: str) -> HttpResponse:
    """The council (協議会) of a type ③ grant project, as a regional body."""
    from junkan.grants import permissions as grants
    from junkan.grants.models import Project

    project = get_object_or_404(Project, public_id=public_id)
    enforce(grants.can_act(request.user, project))
    existing = project.councils.first()  # type: ignore[attr-defined]
    if existing is not None:
        return redirect("regional:body", existing.pk)
    if request.method == "POST":
        council = services.create_council(
            request.user, project, _("%(title)s 協議会") % {"title": project.title}
        )
        return redirect("regional:body", council.pk)
    return render(request, "regional/new_council.html", {"project": project})


# Hearing ---------------------------------------------------------------------------------------------------


@login_required
def hearing(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = get_object_or_404(
        Hearing.objects.select_related("case__region__organization", "case__round"), pk=pk
    )
    enforce(p.can_view_hearing(request.user, hearing))
    rows = services.judgement_rows(hearing)
    editable = p.can_judge(request.user, hearing).allowed and services.hearing_open(hearing)
    initial: dict[str, Any] = {
        "held_on": hearing.held_on,
        "panel": hearing.panel,
        "outcome": hearing.outcome,
        "reasons": hearing.reasons,
    }
    for row in rows:
        initial[f"{row.key}-met"] = {True: "yes", False: "no"}.get(row.met, "")  # type: ignore[arg-type]
        initial[f"{row.key}-evidence"] = row.evidence
        initial[f"{row.key}-comment"] = row.comment
    form = forms.HearingForm(initial=initial)
    if request.method == "POST":
        enforce(p.can_judge(request.user, hearing))
        form = forms.HearingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with service_errors(form) as outcome:
                services.save_hearing(
                    request.user,
                    hearing,
                    held_on=data["held_on"],
                    panel=data["panel"],
                    judgements=form.judgements(),
                    outcome=data["outcome"],
                    reasons=data["reasons"],
                )
            if outcome.ok:
                messages.success(request, _("判定を保存しました。"))
                return redirect("regional:hearing", hearing.pk)
    groups = []
    by_key = {row.key: row for row in rows}
    for group, label in GROUP_LABELS.items():
        items = [
            {"criterion": c, "row": by_key.get(c.key), "fields": dict(form.criteria)[c]}
            for c in CRITERIA
            if c.group == group
        ]
        groups.append({"label": label, "items": items})
    return render(
        request,
        "regional/hearing.html",
        {
            "hearing": hearing,
            "case": hearing.case,
            "form": form,
            "groups": groups,
            "editable": editable,
            "actions": _actions("hearing", request.user, hearing),
            "process": "hearing",
        },
    )


# Teams -----------------------------------------------------------------------------------------------------


def team(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(
        SupportTeam.objects.select_related("region__organization", "body", "case"), pk=pk
    )
    enforce(p.can_view_team(request.user, team))
    insider = p.is_insider(request.user, team.region)
    can_request = p.can_work_on_region(request.user, team.region).allowed and services.request_open(team)
    can_compose = p.can_compose_team(request.user, team).allowed
    can_visit = p.can_record_visit(request.user, team).allowed
    wanted = list(team.fields.all())
    request_form = forms.TeamRequestForm(
        initial={"fields_wanted": wanted, "request_note": team.request_note}, prefix="request"
    )
    terms_form = forms.TeamTermsForm(
        initial={
            "starts_on": team.starts_on,
            "ends_on": team.ends_on,
            "consulting_fee": team.consulting_fee,
            "other_costs": team.other_costs,
        },
        prefix="terms",
    )
    expert_form = forms.ExpertChoiceForm(fields_wanted=wanted, prefix="expert")
    visit_form = forms.VisitForm(team=team, prefix="visit")
    if request.method == "POST":
        action = request.POST.get("action")
        forms_by_action = {
            "request": request_form,
            "terms": terms_form,
            "expert": expert_form,
            "visit": visit_form,
        }
        with service_errors(lambda: forms_by_action.get(action or ""), request=request):
            if action == "request":
                request_form = forms.TeamRequestForm(request.POST, prefix="request")
                forms_by_action["request"] = request_form
                if request_form.is_valid():
                    services.update_request(
                        request.user,
                        team,
                        request_form.cleaned_data["fields_wanted"],
                        request_form.cleaned_data["request_note"],
                    )
                    messages.success(request, _("依頼の内容を保存しました。"))
                    return redirect("regional:team", team.pk)
            elif action == "terms":
                terms_form = forms.TeamTermsForm(request.POST, prefix="terms")
                forms_by_action["terms"] = terms_form
                if terms_form.is_valid():
                    services.set_terms(request.user, team, **terms_form.cleaned_data)
                    messages.success(request, _("支援期間と費用を保存しました。"))
                    return redirect("regional:team", team.pk)
            elif action == "expert":
                expert_form = forms.ExpertChoiceForm(request.POST, fields_wanted=wanted, prefix="expert")
                forms_by_action["expert"] = expert_form
                if expert_form.is_valid():
                    data = dict(expert_form.cleaned_data)
                    data["user"] = _user_by_email(data.pop("user_email", ""))
                    services.add_expert(request.user, team, data)
                    messages.success(request, _("専門家をチームに加えました。"))
                    return redirect("regional:team", team.pk)
            elif action == "remove":
                seat = get_object_or_404(TeamExpert, pk=request.POST.get("seat"), team=team)
                services.remove_expert(request.user, seat)
                messages.success(request, _("専門家をチームから外しました。"))
                return redirect("regional:team", team.pk)
            elif action == "visit":
                visit_form = forms.VisitForm(request.POST, team=team, prefix="visit")
                forms_by_action["visit"] = visit_form
                if visit_form.is_valid():
                    data = dict(visit_form.cleaned_data)
                    experts = data.pop("experts")
                    services.add_visit(request.user, team, data, experts)
                    messages.success(request, _("訪問を記録しました。"))
                    return redirect("regional:team", team.pk)
            else:
                raise Http404
    from junkan.regional.rules import team_conflicts

    seats = list(team.experts.select_related("expert", "user").prefetch_related("expert__fields"))
    conflicts = team_conflicts(team) if insider else {}
    for seat in seats:
        seat.conflicts = conflicts.get(seat.pk, [])  # type: ignore[attr-defined]
    visits = page_of(request, team.visits.prefetch_related("experts__expert"), PER_PAGE)
    return render(
        request,
        "regional/team.html",
        {
            "team": team,
            "insider": insider,
            "seats": seats,
            "wanted": wanted,
            "page": visits,
            "planned_visits": planned_visits(team.starts_on, team.ends_on)
            if team.starts_on and team.ends_on
            else None,
            "can_request": can_request,
            "can_compose": can_compose and services.team_open(team),
            "can_visit": can_visit and services.visits_open(team),
            "request_form": request_form,
            "terms_form": terms_form,
            "expert_form": expert_form,
            "visit_form": visit_form,
            "actions": _actions("team", request.user, team) if insider else [],
            "process": "team",
            "cost_cap": 10_000_000,
        },
    )


# Plans -----------------------------------------------------------------------------------------------------


def _post_evaluations(plan: BusinessPlan) -> list[Any]:
    """The grant projects' post-evaluations fed back to this plan (seed 003 §9(4)イ), newest first."""
    from junkan.grants.models import PostEvaluation

    return list(
        PostEvaluation.objects.filter(business_plan=plan).select_related("project").order_by("-evaluated_on")
    )


def _kpis(plan: BusinessPlan) -> list[Kpi]:
    return list(plan.kpis.prefetch_related("years"))


def plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(BusinessPlan.objects.select_related("region__organization", "team"), pk=pk)
    enforce(p.can_view_plan(request.user, plan))
    insider = p.is_insider(request.user, plan.region)
    can_edit = p.can_edit_plan(request.user, plan).allowed
    from junkan.applications.models import Application
    from junkan.programs.models import Program

    applications = Application.objects.filter(organization_id=plan.region.organization_id).select_related(
        "program"
    )
    programs = Program.objects.all()
    plan_form = forms.PlanForm(instance=plan, prefix="plan")
    # The links' initial values are read only for those who edit (the form is theirs alone).
    links_form = forms.PlanLinksForm(
        initial=(
            {"programs": list(plan.programs.all()), "applications": list(plan.applications.all())}
            if can_edit
            else {}
        ),
        programs=programs,
        applications=applications,
        prefix="links",
    )
    kpi_form = forms.KpiForm(prefix="kpi")
    year_form = forms.KpiYearForm(prefix="year")
    cycle_form = forms.CycleForm(prefix="cycle")
    if request.method == "POST":
        enforce(p.can_edit_plan(request.user, plan))
        action = request.POST.get("action")
        with service_errors(
            lambda: {"plan": plan_form, "kpi": kpi_form, "year": year_form, "cycle": cycle_form}.get(
                action or ""
            ),
            request=request,
        ):
            if action == "plan":
                plan_form = forms.PlanForm(
                    request.POST, instance=BusinessPlan.objects.get(pk=plan.pk), prefix="plan"
                )
                links_form = forms.PlanLinksForm(
                    request.POST, programs=programs, applications=applications, prefix="links"
                )
                if plan_form.is_valid() and links_form.is_valid():
                    data = {k: plan_form.cleaned_data[k] for k in forms.PlanForm.Meta.fields}
                    services.update_plan(
                        request.user,
                        plan,
                        data,
                        links_form.cleaned_data["programs"],
                        links_form.cleaned_data["applications"],
                    )
                    messages.success(request, _("事業計画を保存しました。"))
                    return redirect("regional:plan", plan.pk)
            elif action == "kpi":
                kpi_form = forms.KpiForm(request.POST, prefix="kpi")
                if kpi_form.is_valid():
                    services.add_kpi(request.user, plan, kpi_form.cleaned_data)
                    messages.success(request, _("KPIを追加しました。"))
                    return redirect("regional:plan", plan.pk)
            elif action == "year":
                year_form = forms.KpiYearForm(request.POST, prefix="year")
                kpi = get_object_or_404(Kpi, pk=request.POST.get("kpi"), plan=plan)
                if year_form.is_valid():
                    data = year_form.cleaned_data
                    services.set_kpi_year(
                        request.user, kpi, data["fiscal_year"], data["target"], data["actual"]
                    )
                    messages.success(request, _("KPIの値を保存しました。"))
                    return redirect("regional:plan", plan.pk)
            elif action == "cycle":
                cycle_form = forms.CycleForm(request.POST, prefix="cycle")
                if cycle_form.is_valid():
                    services.add_cycle(request.user, plan, cycle_form.cleaned_data)
                    messages.success(request, _("PDCAサイクルを記録しました。"))
                    return redirect("regional:plan", plan.pk)
    # The KPIs with their charts and the PDCA cycles are fragments per plan and generation of ``regional``:
    # read only on a miss (or for the year form's list of KPIs).
    rows = SimpleLazyObject(
        lambda: [{"row": r, "chart": charts.kpi_chart(r)} for r in map(progress.kpi_row, _kpis(plan))]
    )
    return render(
        request,
        "regional/plan.html",
        {
            "plan": plan,
            "insider": insider,
            "can_edit": can_edit,
            "rows": rows,
            "plan_form": plan_form,
            "links_form": links_form,
            "kpi_form": kpi_form,
            "year_form": year_form,
            "cycle_form": cycle_form,
            "cycles": plan.cycles.all(),
            "evaluations": _post_evaluations(plan) if insider else [],
            "actions": _actions("plan", request.user, plan) if insider else [],
            "process": "plan",
            "body_kind": BodyKind,
        },
    )

"""The oversight page of a project (条件・現地調査): conditions of adoption, site inspections and the
judgement on further support after the continuation review; an inspection's own page with its files.

Everyone who sees the project reads these pages (outsiders 404); the secretariat records. Thin views: the
permission first, the form, the service, a message; buttons come from ``common.moves`` (no status compared).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from junkan.common import moves, workflow
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.forms import oversight as forms
from junkan.grants.models import AdoptionCondition, Inspection, Project
from junkan.grants.oversight_processes import CONDITION, INSPECTION
from junkan.grants.services import oversight
from junkan.grants.views.projects import get_project
from junkan.jp.dates import fiscal_year, fiscal_year_label, today_tokyo

# The moves that need more than a reason are posted from a form of their own on the page.
FORM_MOVES = {"met", "done", "closed"}


def _page_url(project: Project) -> str:
    return reverse("grants:oversight", args=[project.public_id])


def _inspection_url(inspection: Inspection) -> str:
    return reverse("grants:inspection", args=[inspection.project.public_id, inspection.pk])


def _move_url(project: Project, kind: str, pk: int) -> Any:
    def url(name: str) -> str | None:
        if name in FORM_MOVES:
            return None
        return reverse("grants:oversight_move", args=[project.public_id, kind, pk, name])

    return url


def _support_form(project: Project, data: Any = None) -> forms.SupportJudgementForm:
    start = fiscal_year(project.planned_start_on or project.adopted_on)
    end = fiscal_year(project.planned_end_on or project.adopted_on) + 1
    years = [(fy, fiscal_year_label(fy)) for fy in range(start + 1, max(end, start + 1) + 1)]
    return forms.SupportJudgementForm(
        data, years=years, cases=oversight.support_cases(project), prefix="support"
    )


def _page(
    request: HttpRequest, project: Project, bound: dict[str, Any] | None = None, status: int = 200
) -> Any:
    user = request.user
    bound = bound or {}
    manage = permissions.can_manage(user, project).allowed
    inspections_open = permissions.inspections_open(project)
    conditions = []
    for condition in project.conditions.select_related("resolved_by", "created_by"):
        may = moves.option_map(CONDITION, user, condition)
        met_form = None
        if "met" in may and may["met"].allowed:
            met_form = bound.get(f"met-{condition.pk}") or forms.ConditionMetForm(
                prefix=f"met-{condition.pk}", initial={"met_on": today_tokyo()}
            )
        conditions.append(
            {
                "condition": condition,
                "met_form": met_form,
                "actions": moves.actions(
                    CONDITION, user, condition, _move_url(project, "condition", condition.pk)
                ),
            }
        )
    return render(
        request,
        "grants/oversight/page.html",
        {
            "project": project,
            "manage": manage,
            "conditions": conditions,
            "condition_form": bound.get("condition")
            or (forms.ConditionForm(prefix="condition") if manage else None),
            "inspections": list(project.inspections.order_by("-planned_on", "-id")),
            "inspections_open": inspections_open,
            "inspection_form": bound.get("inspection")
            or (forms.InspectionForm(prefix="inspection") if manage else None),
            "judgements": list(
                project.support_judgements.select_related("case__region", "case__round", "judged_by")
            ),
            "support_form": bound.get("support") or (_support_form(project) if manage else None),
            "reviewed": oversight.continuation_reviewed(project),
        },
        status=status,
    )


@login_required
def page(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    if request.method != "POST":
        return _page(request, project)
    project = get_project(request, public_id, permissions.can_manage)
    verb = request.POST.get("verb")
    if verb == "condition":
        form: Any = forms.ConditionForm(request.POST, prefix="condition")
        if form.is_valid():
            with service_errors(form) as outcome:
                oversight.add_condition(request.user, project, **form.cleaned_data)
            if outcome.ok:
                messages.success(request, _("採択の条件を登録しました。"))
                return redirect(_page_url(project) + "#conditions-title")
    elif verb == "inspection":
        form = forms.InspectionForm(request.POST, prefix="inspection")
        if form.is_valid():
            with service_errors(form) as outcome:
                inspection = oversight.plan_inspection(request.user, project, **form.cleaned_data)
            if outcome.ok:
                messages.success(request, _("現地調査の予定を登録しました。"))
                return redirect(_inspection_url(inspection))
    elif verb == "support":
        form = _support_form(project, request.POST)
        if form.is_valid():
            with service_errors(form) as outcome:
                oversight.judge_support(request.user, project, **form.cleaned_data)
            if outcome.ok:
                messages.success(request, _("更なる支援の要否を記録しました。"))
                return redirect(_page_url(project) + "#support-title")
    else:
        raise Http404
    return _page(request, project, {verb: form}, status=422)


def _inspection_page(
    request: HttpRequest, inspection: Inspection, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    project = inspection.project
    bound = bound or {}
    may = moves.option_map(INSPECTION, user, inspection)
    record = permissions.can_see_inspection_record(user, inspection).allowed
    manage = permissions.can_manage(user, project).allowed

    def allowed(name: str) -> bool:
        return name in may and may[name].allowed

    return render(
        request,
        "grants/oversight/inspection.html",
        {
            "project": project,
            "inspection": inspection,
            "record": record,
            "documents": list(inspection.documents.order_by("uploaded_at", "id")) if record else [],
            "done_form": bound.get("done")
            or (
                forms.InspectionDoneForm(prefix="done", initial={"done_on": today_tokyo()})
                if allowed("done")
                else None
            ),
            "close_form": bound.get("closed")
            or (forms.InspectionCloseForm(prefix="closed") if allowed("closed") else None),
            "file_form": bound.get("file") or (forms.InspectionFileForm(prefix="file") if manage else None),
            "actions": moves.actions(
                INSPECTION, user, inspection, _move_url(project, "inspection", inspection.pk)
            ),
        },
        status=status,
    )


def _inspection(
    request: HttpRequest, public_id: Any, pk: int, check: Any = permissions.can_view
) -> Inspection:
    project = get_project(request, public_id, check)
    inspection = get_object_or_404(Inspection.objects.select_related("created_by"), project=project, pk=pk)
    inspection.project = project
    return inspection


@login_required
def inspection(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _inspection_page(request, _inspection(request, public_id, pk))
    item = _inspection(request, public_id, pk, permissions.can_manage)
    form = forms.InspectionFileForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        with service_errors(form) as outcome:
            oversight.add_inspection_file(request.user, item, form.cleaned_data["file"])
        if outcome.ok:
            messages.success(request, _("資料を登録しました。"))
            return redirect(_inspection_url(item))
    return _inspection_page(request, item, {"file": form}, status=422)


def _run_form_move(request: HttpRequest, project: Project, obj: Any, name: str) -> HttpResponse:
    """A move posted with its form: 達成の確認 (date, evidence), 実施の記録 (date, findings, confirmed
    first), 完了 (a note)."""
    if isinstance(obj, AdoptionCondition):
        form: Any = forms.ConditionMetForm(request.POST, prefix=f"met-{obj.pk}")
        if form.is_valid():
            with service_errors(form) as outcome:
                oversight.condition_met(request.user, obj, **form.cleaned_data)
            if outcome.ok:
                messages.success(request, _("採択の条件の達成を記録しました。"))
                return redirect(_page_url(project) + "#conditions-title")
        return _page(request, project, {f"met-{obj.pk}": form}, status=422)
    if name == "done":
        form = forms.InspectionDoneForm(request.POST, prefix="done")
        if form.is_valid():
            if moves.confirmation_needed(request, INSPECTION.move("done")):
                return moves.confirmation_page(
                    request,
                    INSPECTION,
                    obj,
                    "done",
                    cancel_url=_inspection_url(obj),
                    summary=moves.form_summary(form),
                )
            with service_errors(form) as outcome:
                oversight.inspection_done(request.user, obj, **form.cleaned_data)
            if outcome.ok:
                messages.success(request, _("現地調査の実施を記録しました。"))
                return redirect(_inspection_url(obj))
        return _inspection_page(request, obj, {"done": form}, status=422)
    form = forms.InspectionCloseForm(request.POST, prefix="closed")
    if form.is_valid():
        with service_errors(form) as outcome:
            oversight.inspection_closed(request.user, obj, form.cleaned_data["note"])
        if outcome.ok:
            messages.success(request, _("現地調査を完了としました。"))
            return redirect(_inspection_url(obj))
    return _inspection_page(request, obj, {"closed": form}, status=422)


# The moves that need only a reason (typed on the shared confirmation page), and their service.
RUNS: dict[tuple[str, str], Any] = {
    ("condition", "waived"): oversight.condition_waived,
    ("condition", "reopened"): oversight.condition_reopened,
    ("inspection", "follow_up"): oversight.inspection_follow_up,
    ("inspection", "cancelled"): oversight.inspection_cancelled,
}


@login_required
def move(request: HttpRequest, public_id: Any, kind: str, pk: int, name: str) -> HttpResponse:
    """One move of a condition or an inspection: the confirmation page (with the reason), then the service."""
    project = get_project(request, public_id)
    if kind == "condition":
        process: Any = CONDITION
        obj: Any = get_object_or_404(AdoptionCondition, project=project, pk=pk)
        back = _page_url(project) + "#conditions-title"
    elif kind == "inspection":
        process = INSPECTION
        obj = get_object_or_404(Inspection, project=project, pk=pk)
        back = _inspection_url(obj)
    else:
        raise Http404
    obj.project = project
    try:
        process.move(name)
    except LookupError:
        raise Http404 from None
    if name in FORM_MOVES:
        if request.method != "POST":
            return redirect(back)
        enforce(permissions.can_manage(request.user, project))
        decision = workflow.can(process, request.user, obj, name)
        if not decision.allowed:
            messages.error(request, decision.reason)
            return redirect(back)
        return _run_form_move(request, project, obj, name)
    if (kind, name) not in RUNS:
        raise Http404
    service = RUNS[(kind, name)]

    def run(reason: str) -> HttpResponse:
        service(request.user, obj, reason)
        messages.success(
            request, _("「%(move)s」を行いました。") % {"move": process.move(name).history_label}
        )
        return redirect(back)

    return moves.move_view(request, process, obj, name, run=run, cancel_url=back)


urlpatterns: list[URLPattern] = [
    path("p/<uuid:public_id>/oversight/", page, name="oversight"),
    path("p/<uuid:public_id>/inspections/<int:pk>/", inspection, name="inspection"),
    path(
        "p/<uuid:public_id>/oversight/<slug:kind>/<int:pk>/<slug:name>/",
        move,
        name="oversight_move",
    ),
]

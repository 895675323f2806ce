"""Pages of the reports area: the reports a project owes with their due dates, the completion date, a report's
form with its checklist, its cost lines with their receipts, and the report's moves (submit, accept, return).

- ``grants:reports``: every report with its due date, the call's words beside it, status and overdue flag.
- ``grants:completion_date`` (POST): the grantee records the completion date; the due dates follow.
- ``grants:report``: one report: an answer per content item, the CO2 block, files, the checklist, the moves.
- ``grants:report_costs``: the completion report's actual costs, totals per fiscal year, flags and receipts.
- ``grants:cost_line_edit``, ``grants:cost_line_delete``: one cost line.
- ``grants:report_document_upload`` (POST), ``grants:report_document_delete`` (POST): files of a report.
- ``grants:report_transition`` (POST): ``submit`` (grantee), ``accept`` and ``return`` (secretariat).

Thin views: the permission first, then the form, the service, a redirect with a message; when the service
refuses, the page again with what was typed and the errors.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.carbon.models import SavedCalculation
from junkan.common import moves, workflow
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.forms import add_errors
from junkan.grants.forms import reports as forms
from junkan.grants.models import CostLine, GrantDocument, Project, Report
from junkan.grants.processes import REPORT
from junkan.grants.services import documents, report_reminders
from junkan.grants.services import reports as services
from junkan.grants.views.projects import get_project
from junkan.jp.dates import today_tokyo
from junkan.programs.models import ReportKind


def get_report(project: Project, pk: int) -> Report:
    report = get_object_or_404(Report.objects.select_related("co2_calculation"), project=project, pk=pk)
    report.project = project
    return report


# --- The list of reports ------------------------------------------------------------------------------------


def _list_page(
    request: HttpRequest, project: Project, form: forms.CompletionDateForm | None = None, status: int = 200
) -> HttpResponse:
    today = today_tokyo()
    reports = list(project.reports.order_by("due_on", "fiscal_year", "id"))
    due = {d.report.pk: d for d in report_reminders.reports_due(reports, today)}
    rows = [{"report": r, "due": due.get(r.pk)} for r in reports]
    may_act = permissions.can_act(request.user, project).allowed
    may_set_completion = permissions.can_set_completion(request.user, project).allowed
    if form is None and may_set_completion:
        form = forms.CompletionDateForm(
            initial={"completed_on": project.completed_on, "plan_made_on": project.plan_made_on}
        )
    if form is not None and not any(r.kind == ReportKind.ANNUAL for r in reports):
        # The plan date counts the annual reports only (seed 003); other calls have none to count.
        form.fields.pop("plan_made_on", None)
    return render(
        request,
        "grants/reports/list.html",
        {
            "project": project,
            "rows": rows,
            "form": form if may_set_completion else None,
            "may_act": may_act,
            "provisional": project.completed_on is None,
            "today": today,
        },
        status=status,
    )


@login_required
def report_list(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    return _list_page(request, project)


@login_required
@require_POST
def completion_date(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    form = forms.CompletionDateForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.set_completion(
                request.user,
                project,
                completed_on=form.cleaned_data["completed_on"],
                plan_made_on=form.cleaned_data["plan_made_on"],
            )
        if outcome.ok:
            messages.success(request, _("事業完了日を登録しました。報告書の提出期限を更新しました。"))
            return redirect("grants:reports", project.public_id)
    return _list_page(request, project, form)


# --- One report ---------------------------------------------------------------------------------------------


def _calculations(project: Project) -> QuerySet[SavedCalculation]:
    return SavedCalculation.objects.filter(organization=project.organization).order_by("-updated_at", "-id")


def _report_page(
    request: HttpRequest,
    project: Project,
    report: Report,
    *,
    form: forms.ReportForm | None = None,
    upload_form: forms.ReportDocumentForm | None = None,
    return_form: forms.ReturnForm | None = None,
    submit_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    may_act = permissions.can_act(user, project).allowed
    may_manage = permissions.can_manage(user, project).allowed
    may_edit = permissions.can_edit_report(user, report, project).allowed
    may = moves.option_map(REPORT, user, report)
    if form is None:
        form = forms.ReportForm(
            report=report, calculations=_calculations(project), split=services.split_applies(project)
        )
    if may_edit and upload_form is None:
        upload_form = forms.ReportDocumentForm(prefix="doc")
    if "returned" in may and return_form is None:
        return_form = forms.ReturnForm(prefix="return")
    result = services.check(report, project)
    problems = [
        {
            "field": p.field,
            "message": services.problem_message(p),
            "link": _problem_link(project, report, p.field),
        }
        for p in result.problems
    ]
    files = list(report.documents.filter(cost_line__isnull=True).select_related("uploaded_by"))
    return render(
        request,
        "grants/reports/report.html",
        {
            "project": project,
            "report": report,
            "form": form,
            "upload_form": upload_form if may_edit else None,
            "return_form": return_form if "returned" in may else None,
            "may_act": may_act,
            "may_edit": may_edit,
            "may_manage": may_manage,
            "result": result,
            "problems": problems,
            "submit_errors": submit_errors or [],
            "files": files,
            "completion": report.kind in services.COMPLETION_KINDS,
            "annual": report.kind == ReportKind.ANNUAL,
            "due": next(iter(report_reminders.reports_due([report], today_tokyo())), None),
            "returned": bool(report.return_reason)
            and workflow.can(REPORT, None, report, "submitted").allowed,
            "reviewable": "accepted" in may,
            "provisional": project.completed_on is None,
        },
        status=status,
    )


def _problem_link(project: Project, report: Report, field: str) -> str:
    """Where a checklist item points: the field on this page, the costs page or the completion date."""
    if field == "completed_on":
        return reverse("grants:reports", args=[project.public_id]) + "#completion-title"
    if field == "cost_lines" or field.startswith("cost_line_"):
        anchor = f"#line-{field.removeprefix('cost_line_')}" if field.startswith("cost_line_") else ""
        return reverse("grants:report_costs", args=[project.public_id, report.pk]) + anchor
    if field == "co2":
        return "#co2-title"
    if field == "utility_data":
        return "#files-title"
    if field == "viability":
        return "#viability-title"
    return f"#id_{field}"


@login_required
def report_detail(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id)
    report = get_report(project, pk)
    if request.method != "POST":
        return _report_page(request, project, report)
    enforce(permissions.can_act(request.user, project))
    form = forms.ReportForm(
        request.POST,
        report=report,
        calculations=_calculations(project),
        split=services.split_applies(project),
    )
    if form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            services.save_report(
                request.user,
                report,
                answers=form.answers(),
                base_version=data["version"],
                co2_calculation=data.get("co2_calculation"),
                expected_t_co2=data.get("expected_t_co2"),
                actual_t_co2=data.get("actual_t_co2"),
                cause_analysis=data.get("cause_analysis") or "",
                direct_t_co2=data.get("direct_t_co2"),
                indirect_t_co2=data.get("indirect_t_co2"),
                figures=form.figures(),
            )
        if outcome.ok:
            if request.POST.get("then") != "submit":
                messages.success(request, _("「%(report)s」を保存しました。") % {"report": report})
                return redirect("grants:report", project.public_id, report.pk)
            # 保存して提出する: what was typed is saved first, so a refused submission loses nothing.
            try:
                services.transition_report(request.user, report, "submit")
            except ValidationError as error:
                messages.success(request, _("「%(report)s」を保存しました。") % {"report": report})
                return _report_page(
                    request, project, get_report(project, report.pk), submit_errors=error.messages
                )
            messages.success(request, _("「%(report)s」を保存して提出しました。") % {"report": report})
            return redirect("grants:report", project.public_id, report.pk)
    return _report_page(request, project, report, form=form)


@login_required
@require_POST
def report_transition(request: HttpRequest, public_id: Any, pk: int, move: str) -> HttpResponse:
    if move not in services.MOVES:
        raise Http404
    check = permissions.can_act if move == "submit" else permissions.can_manage
    project = get_project(request, public_id, check)
    report = get_report(project, pk)
    return_form = forms.ReturnForm(request.POST, prefix="return") if move == "return" else None
    if return_form is not None and not return_form.is_valid():
        return _report_page(request, project, report, return_form=return_form)
    reason = return_form.cleaned_data["reason"] if return_form is not None else ""
    name = services.MOVE_NAMES[move]
    if moves.confirmation_needed(request, REPORT.move(name)):
        decision = workflow.can(REPORT, request.user, report, name)
        if not decision:
            return _report_page(request, project, report, submit_errors=[decision.reason])
        return moves.confirmation_page(
            request,
            REPORT,
            report,
            name,
            cancel_url=reverse("grants:report", args=[project.public_id, report.pk]),
            summary=[
                (_("補助事業"), project.title),
                (_("補助事業者"), project.organization.name),
                (_("提出日時"), moves.display_value(report.submitted_at)),
            ],
        )
    try:
        services.transition_report(request.user, report, move, reason=reason)
    except ValidationError as error:
        if return_form is not None:
            add_errors(return_form, error)
        return _report_page(request, project, report, return_form=return_form, submit_errors=error.messages)
    done = {
        "submit": _("「%(report)s」を提出しました。"),
        "accept": _("「%(report)s」を受理しました。"),
        "return": _("「%(report)s」を差し戻しました。"),
    }[move]
    messages.success(request, done % {"report": report})
    return redirect("grants:report", project.public_id, report.pk)


# --- Cost lines ---------------------------------------------------------------------------------------------


def _cost_form(project: Project, data: Any = None, **kwargs: Any) -> forms.CostLineForm:
    years = services.decided_years(project)
    return forms.CostLineForm(
        data,
        categories=list(project.project_type.cost_categories.order_by("order", "id")),
        years=years,
        contracts=project.contracts.order_by("ordered_on", "id"),
        **kwargs,
    )


COST_ALIASES = {"expense": "category", "item": "category"}


def _completion_report(project: Project, pk: int) -> Report:
    report = get_report(project, pk)
    if report.kind not in services.COMPLETION_KINDS:
        raise Http404
    return report


def _costs_page(
    request: HttpRequest,
    project: Project,
    report: Report,
    *,
    form: forms.CostLineForm | None = None,
    upload: tuple[int, forms.ReportDocumentForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    may_edit = (
        permissions.can_edit_report(request.user, report, project).allowed
        and permissions.can_record_costs(request.user, project).allowed
    )
    lines = list(
        report.cost_lines.select_related("contract").prefetch_related(
            Prefetch("documents", queryset=GrantDocument.objects.order_by("uploaded_at", "id"))
        )
    )
    result = services.check(report, project)
    years = []
    for total in result.costs.years:
        rows = []
        for line in lines:
            if line.fiscal_year != total.fiscal_year:
                continue
            flag = result.costs.flag(str(line.pk))
            upload_form = None
            if may_edit:
                if upload is not None and upload[0] == line.pk:
                    upload_form = upload[1]
                else:
                    upload_form = forms.ReportDocumentForm(prefix=f"line{line.pk}", evidence=True)
            rows.append({"line": line, "flag": flag, "upload_form": upload_form})
        years.append({"total": total, "rows": rows})
    if may_edit and form is None:
        form = _cost_form(project, prefix="new")
    return render(
        request,
        "grants/reports/costs.html",
        {
            "project": project,
            "report": report,
            "years": years,
            "costs": result.costs,
            "form": form if may_edit else None,
            "may_edit": may_edit,
        },
        status=status,
    )


@login_required
def report_costs(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id)
    report = _completion_report(project, pk)
    if request.method != "POST":
        return _costs_page(request, project, report)
    enforce(permissions.can_act(request.user, project))
    form = _cost_form(project, request.POST, prefix="new")
    if form.is_valid():
        try:
            services.add_cost_line(request.user, report, **form.values())
        except ValidationError as error:
            add_errors(form, error, COST_ALIASES)
        else:
            messages.success(request, _("経費の実績を追加しました。領収書等または請求書を添付してください。"))
            return redirect("grants:report_costs", project.public_id, report.pk)
    return _costs_page(request, project, report, form=form)


@login_required
def cost_line_edit(request: HttpRequest, public_id: Any, pk: int, line_pk: int) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    report = _completion_report(project, pk)
    line = get_object_or_404(CostLine, report=report, pk=line_pk)
    line.report = report
    if request.method == "POST":
        form = _cost_form(project, request.POST)
        if form.is_valid():
            try:
                services.update_cost_line(request.user, line, **form.values())
            except ValidationError as error:
                add_errors(form, error, COST_ALIASES)
            else:
                messages.success(request, _("経費の実績を更新しました。"))
                return redirect("grants:report_costs", project.public_id, report.pk)
    else:
        form = _cost_form(project, initial=forms.CostLineForm.initial_of(line))
    return render(
        request,
        "grants/reports/cost_line_edit.html",
        {"project": project, "report": report, "line": line, "form": form},
    )


@login_required
@require_POST
def cost_line_delete(request: HttpRequest, public_id: Any, pk: int, line_pk: int) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    report = _completion_report(project, pk)
    line = get_object_or_404(CostLine, report=report, pk=line_pk)
    line.report = report
    try:
        services.remove_cost_line(request.user, line)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("経費の実績「%(line)s」を削除しました。") % {"line": line.description})
    return redirect("grants:report_costs", project.public_id, report.pk)


# --- Files --------------------------------------------------------------------------------------------------


@login_required
@require_POST
def document_upload(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    report = get_report(project, pk)
    line: CostLine | None = None
    raw_line = request.POST.get("cost_line", "")
    if raw_line:
        if not raw_line.isdigit():
            raise Http404
        line = get_object_or_404(CostLine, report=report, pk=int(raw_line))
        line.report = report
    prefix = f"line{line.pk}" if line is not None else "doc"
    form = forms.ReportDocumentForm(request.POST, request.FILES, prefix=prefix, evidence=line is not None)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.add_report_document(
                request.user, report, form.cleaned_data["kind"], form.cleaned_data["file"], cost_line=line
            )
        if outcome.ok:
            messages.success(request, _("ファイルを登録しました。"))
            if line is not None:
                return redirect("grants:report_costs", project.public_id, report.pk)
            return redirect("grants:report", project.public_id, report.pk)
    if line is not None:
        return _costs_page(request, project, report, upload=(line.pk, form))
    return _report_page(request, project, report, upload_form=form)


@login_required
@require_POST
def document_delete(request: HttpRequest, public_id: Any, pk: int, document_id: Any) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    report = get_report(project, pk)
    document = get_object_or_404(
        GrantDocument.objects.select_related("report", "cost_line"), report=report, public_id=document_id
    )
    document.project = project
    back_to_costs = document.cost_line_id is not None
    recording = permissions.can_record_costs(request.user, project)
    if back_to_costs and not recording:
        messages.error(request, recording.reason)
    else:
        try:
            documents.remove_document(request.user, document)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("ファイル「%(name)s」を削除しました。") % {"name": document.original_name}
            )
    if back_to_costs:
        return redirect("grants:report_costs", project.public_id, report.pk)
    return redirect("grants:report", project.public_id, report.pk)


urlpatterns: list[URLPattern] = [
    path("p/<uuid:public_id>/reports/", report_list, name="reports"),
    path("p/<uuid:public_id>/reports/completion/", completion_date, name="completion_date"),
    path("p/<uuid:public_id>/reports/<int:pk>/", report_detail, name="report"),
    path("p/<uuid:public_id>/reports/<int:pk>/costs/", report_costs, name="report_costs"),
    path("p/<uuid:public_id>/reports/<int:pk>/costs/<int:line_pk>/", cost_line_edit, name="cost_line_edit"),
    path(
        "p/<uuid:public_id>/reports/<int:pk>/costs/<int:line_pk>/delete/",
        cost_line_delete,
        name="cost_line_delete",
    ),
    path("p/<uuid:public_id>/reports/<int:pk>/files/", document_upload, name="report_document_upload"),
    path(
        "p/<uuid:public_id>/reports/<int:pk>/files/<uuid:document_id>/delete/",
        document_delete,
        name="report_document_delete",
    ),
    path("p/<uuid:public_id>/reports/<int:pk>/<str:move>/", report_transition, name="report_transition"),
]

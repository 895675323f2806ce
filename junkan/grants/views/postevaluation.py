"""補助金調書 (PDF) and 事後評価: a project's page and the secretariat's list with its CSV.

- ``grants:statement``: the 補助金調書 of a local-government grantee (its owners and members, the
  secretariat), audited as an export (``grants.statement.exported``).
- ``grants:post_evaluation``: the project's post-evaluation; whoever sees the project reads it, the
  secretariat records and corrects it.
- ``grants:post_evaluations``: every completed project with its evaluation's due date and standing, filtered
  (due / overdue / done / not yet), paged; ``grants:post_evaluations_csv`` the same as CSV (audited).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common import files
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.common.spreadsheets import spreadsheet_safe
from junkan.grants import permissions, statement
from junkan.grants.engine import post_evaluation as engine
from junkan.grants.forms.post_evaluation import PostEvaluationForm
from junkan.grants.models import PostEvaluation, Project
from junkan.grants.services import post_evaluation as services
from junkan.grants.views.projects import get_project
from junkan.jp.dates import today_tokyo

PAGE_SIZE = 50
FILTER_LABELS = {
    "due": gettext_lazy("評価の年度（未実施）"),
    "overdue": gettext_lazy("期限を過ぎたもの"),
    "done": gettext_lazy("実施済み"),
    "not_yet": gettext_lazy("評価の年度の前"),
}


@login_required
def statement_pdf(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_download_statement)
    today = today_tokyo()
    content = statement.render(statement.build(project), today)
    response = HttpResponse(content, content_type="application/pdf")
    code = project.organization.municipality.code if project.organization.municipality_id else "lg"
    response["Content-Disposition"] = f'attachment; filename="hojokin-chosho-{code}-{project.pk}.pdf"'
    return files.exported(
        request, response, "grants.statement.exported", project, format="pdf", on=today.isoformat()
    )


def _standing(project: Project, today: Any) -> None:
    evaluation = getattr(project, "post_evaluation", None) if _has_evaluation(project) else None
    project.evaluation = evaluation
    project.evaluation_due_on = engine.due_on(project.completed_on) if project.completed_on else None
    project.evaluation_year = engine.evaluation_year(project.completed_on) if project.completed_on else None
    project.evaluation_standing = (
        engine.standing(project.completed_on, today, done=evaluation is not None).value
        if project.completed_on
        else ""
    )


def _has_evaluation(project: Project) -> bool:
    try:
        project.post_evaluation  # noqa: B018 - the reverse one-to-one raises when there is none
    except PostEvaluation.DoesNotExist:
        return False
    return True


@login_required
def post_evaluation(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    today = today_tokyo()
    _standing(project, today)
    may_record = permissions.can_record_post_evaluation(request.user, project)
    form = None
    if may_record:
        evaluation = project.evaluation
        plans = services.plans_for(project)
        if request.method == "POST":
            form = PostEvaluationForm(request.POST, plans=plans)
            if form.is_valid():
                with service_errors(form) as outcome:
                    services.record_evaluation(request.user, project, **form.cleaned_data)
                if outcome.ok:
                    messages.success(request, _("事後評価を記録しました。"))
                    return redirect("grants:post_evaluation", project.public_id)
        else:
            initial: dict[str, Any] = {"evaluated_on": today}
            if evaluation is not None:
                initial = {name: getattr(evaluation, name) for name in services.FIELDS}
            form = PostEvaluationForm(initial=initial, plans=plans)
    elif request.method == "POST":
        enforce(may_record)
    return render(
        request,
        "grants/post_evaluation/detail.html",
        {"project": project, "evaluation": project.evaluation, "form": form, "today": today},
    )


def post_evaluations(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_use_secretariat_pages(request.user))
    today = today_tokyo()
    current = request.GET.get("filter", "")
    if current not in FILTER_LABELS:
        current = ""
    page = page_of(request, services.projects(current, today), PAGE_SIZE)
    rows = list(page.object_list)
    for project in rows:
        _standing(project, today)
    counts = services.counts(today)
    return render(
        request,
        "grants/post_evaluation/list.html",
        {
            "page": page,
            "projects": rows,
            "filters": [(name, label, counts[name]) for name, label in FILTER_LABELS.items()],
            "current": current,
            "query": f"filter={current}" if current else "",
            "today": today,
        },
    )


CSV_HEADERS = (
    "補助事業",
    "補助事業者",
    "公募",
    "事業完了日",
    "評価の年度",
    "評価の期限",
    "状況",
    "評価日",
    "総合評価",
    "実績報告書のCO2削減量（t-CO2/年）",
    "評価時点のCO2削減量（t-CO2/年）",
    "達成率（%）",
    "評価の内容",
    "今後の計画への反映",
    "反映する地域の事業計画",
    "環境省の分析への提供事項",
)
STANDING_LABELS = {
    engine.Standing.NOT_YET.value: gettext_lazy("評価の年度の前"),
    engine.Standing.DUE.value: gettext_lazy("評価の年度（未実施）"),
    engine.Standing.OVERDUE.value: gettext_lazy("期限超過"),
    engine.Standing.DONE.value: gettext_lazy("実施済み"),
}


def post_evaluations_csv(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_use_secretariat_pages(request.user))
    today = today_tokyo()
    current = request.GET.get("filter", "")
    if current not in FILTER_LABELS:
        current = ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    count = 0
    for project in services.projects(current, today).select_related("post_evaluation__business_plan"):
        _standing(project, today)
        e = project.evaluation
        row: list[object] = [
            project.title,
            project.organization.name,
            project.program.name,
            project.completed_on.isoformat() if project.completed_on else "",
            project.evaluation_year or "",
            project.evaluation_due_on.isoformat() if project.evaluation_due_on else "",
            str(STANDING_LABELS.get(project.evaluation_standing, "")),
            e.evaluated_on.isoformat() if e else "",
            e.get_rating_display() if e else "",
            "" if project.promised_t_co2 is None else f"{project.promised_t_co2:f}",
            "" if e is None or e.actual_t_co2 is None else f"{e.actual_t_co2:f}",
            "" if e is None or e.achievement_percent is None else f"{e.achievement_percent:f}",
            e.evaluation if e else "",
            e.feedback_to_plan if e else "",
            str(e.business_plan) if e and e.business_plan else "",
            e.ministry_note if e else "",
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
        count += 1
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="post-evaluations-{today.isoformat()}.csv"'
    return files.exported(
        request, response, "grants.post_evaluations.exported", None, format="csv", filter=current, rows=count
    )


urlpatterns = [
    path("p/<uuid:public_id>/statement.pdf", statement_pdf, name="statement"),
    path("p/<uuid:public_id>/post-evaluation/", post_evaluation, name="post_evaluation"),
    path("post-evaluations/", post_evaluations, name="post_evaluations"),
    path("post-evaluations/export.csv", post_evaluations_csv, name="post_evaluations_csv"),
]

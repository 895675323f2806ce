"""The records-retention list (secretariat only; 404 for everyone else, signed in or not).

``grants:retention`` lists every project with a retention date, those that may be disposed of first. Disposal
is two steps: ``?confirm=<public_id>`` shows what will be removed, and a POST with ``project`` and the
confirmation box disposes of it (``services.retention.dispose``).
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import retention as engine
from junkan.grants.models import CostLine, Project
from junkan.grants.services import retention as services
from junkan.jp.dates import today_tokyo

PAGE_SIZE = 50


class DisposeForm(forms.Form):
    project = forms.UUIDField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=gettext_lazy("保存期限を過ぎていることを確認し、この補助事業の書類と経費の明細を廃棄します"),
        error_messages={"required": gettext_lazy("廃棄する場合は、確認のチェックを入れてください。")},
    )


def _confirmation(public_id: str, today: object) -> tuple[Project | None, dict[str, int]]:
    try:
        key = uuid.UUID(public_id)
    except ValueError:
        return None, {}
    project = get_object_or_404(Project.objects.select_related("program", "organization"), public_id=key)
    counts = {
        "documents": project.documents.count(),
        "cost_lines": CostLine.objects.filter(report__project=project).count(),
    }
    return project, counts


def retention_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_use_secretariat_pages(request.user))
    today = today_tokyo()
    form = None
    target: Project | None = None
    counts: dict[str, int] = {}
    if request.method == "POST":
        form = DisposeForm(request.POST)
        if form.is_valid():
            target = get_object_or_404(Project, public_id=form.cleaned_data["project"])
            try:
                services.dispose(request.user, target, today=today)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("「%(title)s」の書類と経費の明細を廃棄しました。") % {"title": target.title}
                )
                return redirect("grants:retention")
        raw = request.POST.get("project", "")
        target, counts = _confirmation(raw, today)
    elif request.GET.get("confirm"):
        target, counts = _confirmation(request.GET["confirm"], today)
        if target is not None:
            form = DisposeForm(initial={"project": target.public_id})
    if target is not None:
        target.may_dispose = engine.may_dispose(target.retain_until, today)
    page = page_of(
        request,
        services.overview(today).annotate(document_count=Count("documents", distinct=True)),
        PAGE_SIZE,
    )
    projects = list(page.object_list)
    for project in projects:
        project.may_dispose = project.disposed_at is None and engine.may_dispose(project.retain_until, today)
        project.disposable_from = (
            engine.disposable_from(project.retain_until) if project.retain_until else None
        )
    return render(
        request,
        "grants/retention/list.html",
        {
            "projects": projects,
            "page": page,
            "disposable_count": services.disposable(today).count(),
            "form": form,
            "target": target,
            "counts": counts,
            "today": today,
            "years_kept": engine.YEARS_KEPT,
        },
    )


urlpatterns = [
    path("retention/", retention_list, name="retention"),
]

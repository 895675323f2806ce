"""Information requests and hearings of a project (seed 002 4(4)).

- ``grants:requests``: the requests of the project, and the new-request form for the secretariat (POST here).
- ``grants:request_detail``: one request with its files and history; the grantee answers it (text and files),
  the secretariat closes or reopens it (POST here with ``action``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from junkan.common import moves, workflow
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.forms import requests as request_forms
from junkan.grants.models import InfoRequest
from junkan.grants.processes import INFO_REQUEST
from junkan.grants.services import requests as services
from junkan.grants.views.projects import get_project
from junkan.jp.dates import today_tokyo


@login_required
def request_list(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    managing = permissions.can_manage(request.user, project).allowed
    form = None
    if request.method == "POST":
        enforce(permissions.can_manage(request.user, project))
        form = request_forms.InfoRequestForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            with service_errors(form) as outcome:
                info = services.create_request(
                    request.user,
                    project,
                    kind=data["kind"],
                    subject=data["subject"],
                    body=data["body"],
                    requested_on=data["requested_on"],
                    answer_by=data["answer_by"],
                    meeting_at=data["meeting_at"],
                    place=data["place"],
                    files=data["files"],
                )
            if outcome.ok:
                messages.success(request, _("要請を登録し、補助事業者に通知しました。"))
                return redirect("grants:request_detail", public_id=project.public_id, pk=info.pk)
    elif managing and project.disposed_at is None:
        form = request_forms.InfoRequestForm(initial={"requested_on": today_tokyo()})
    today = today_tokyo()
    infos = list(
        project.info_requests.select_related("requested_by")
        .annotate(file_count=Count("documents"))
        .order_by("-requested_on", "-id")
    )
    for info in infos:
        info.overdue = services.is_overdue(info, today)
    return render(
        request,
        "grants/requests/list.html",
        {"project": project, "infos": infos, "form": form, "can_manage": managing, "today": today},
    )


@login_required
def request_detail(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id)
    info = get_object_or_404(
        InfoRequest.objects.select_related("requested_by", "answered_by"), project=project, pk=pk
    )
    info.project = project
    answer_form = note_form = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "answer":
            enforce(permissions.can_act(request.user, project))
            answer_form = request_forms.AnswerForm(request.POST, request.FILES)
            form: Any = answer_form
            kwargs: dict[str, Any] = {}
            if answer_form.is_valid():
                kwargs = {
                    "answer": answer_form.cleaned_data["answer"],
                    "files": answer_form.cleaned_data["files"],
                }
        elif action in {"close", "reopen"}:
            enforce(permissions.can_manage(request.user, project))
            note_form = request_forms.NoteForm(request.POST)
            form = note_form
            kwargs = {"note": note_form.cleaned_data["note"]} if note_form.is_valid() else {}
        else:
            return HttpResponseBadRequest(_("不明な操作です。"))
        state = workflow.can(INFO_REQUEST, None, info, services.MOVE_NAMES[action])
        if not state:
            messages.error(request, state.reason)
            return redirect("grants:request_detail", public_id=project.public_id, pk=info.pk)
        if form.is_valid():
            with service_errors(form) as outcome:
                services.transition_request(request.user, info, action, **kwargs)
            if outcome.ok:
                done = {
                    "answer": _("回答を送信しました。"),
                    "close": _("要請を完了にしました。"),
                    "reopen": _("補助事業者に再回答を求めました。"),
                }[action]
                messages.success(request, done)
                return redirect("grants:request_detail", public_id=project.public_id, pk=info.pk)
    may = moves.option_map(INFO_REQUEST, request.user, info)
    answering = bool(may.get("answered"))
    closing = bool(may.get("closed"))
    if answering and answer_form is None:
        answer_form = request_forms.AnswerForm(initial={"answer": info.answer})
    if closing and note_form is None:
        note_form = request_forms.NoteForm()
    return render(
        request,
        "grants/requests/detail.html",
        {
            "project": project,
            "info": info,
            "documents": list(info.documents.select_related("uploaded_by").order_by("uploaded_at", "id")),
            "history": list(services.history(info)),
            "answer_form": answer_form if answering else None,
            "note_form": note_form if closing else None,
            "can_reopen": bool(may.get("reopened")),
            # Closing before an answer needs a note saying why (the button says so).
            "is_open": workflow.can(INFO_REQUEST, None, info, "answered").allowed,
            "overdue": services.is_overdue(info, today_tokyo()),
        },
    )


urlpatterns = [
    path("p/<uuid:public_id>/requests/", request_list, name="requests"),
    path("p/<uuid:public_id>/requests/<int:pk>/", request_detail, name="request_detail"),
]

"""Pages of call questions: ask, the public answers of a call, the secretariat's inbox and answer page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from junkan.callqa import caching, permissions, services
from junkan.callqa.forms import AnswerForm, AskForm
from junkan.callqa.models import Question, QuestionStatus
from junkan.callqa.processes import QUESTION
from junkan.common import cache, workflow
from junkan.common.forms import service_errors
from junkan.common.paging import paginate
from junkan.common.permissions import enforce
from junkan.programs.models import Program

PER_PAGE = 30


def _program(slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not program.published:
        raise Http404
    return program


def published(program: Program):  # type: ignore[no-untyped-def]
    return (
        Question.objects.filter(program=program, status=QuestionStatus.PUBLISHED)
        .select_related("project_type")
        .order_by("-answered_at", "-id")
    )


def program_answers(request: HttpRequest, slug: str) -> HttpResponse:
    """The published answers are the same for everyone: rendered once per change of the Q&A, page and
    language; the invitation to ask is per person."""
    program = _program(slug)
    number = request.GET.get("page")
    body = cache.fragment(
        f"callqa:answers:{program.pk}",
        (caching.SCOPE,),
        (number,),
        lambda: render_to_string(
            "callqa/_answers_body.html",
            {"page": paginate(published(program), PER_PAGE, number)},
            request=request,
        ),
    )
    return render(
        request,
        "callqa/answers.html",
        {"program": program, "body": body, "can_ask": permissions.can_ask(request.user, program).allowed},
    )


@login_required
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(slug)
    enforce(permissions.can_ask(request.user, program))
    form = AskForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            question = services.ask(
                request.user, program, data["project_type"], data["organization_name"], data["body"]
            )
        if outcome.ok:
            messages.success(request, _("質問を受け付けました。回答はメールでお知らせします。"))
            return redirect("callqa:question", pk=question.pk)
    return render(request, "callqa/ask.html", {"program": program, "form": form})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    questions = Question.objects.filter(asker=request.user).select_related("program").order_by("-created_at")
    page = paginate(questions, PER_PAGE, request.GET.get("page"))
    return render(request, "callqa/mine.html", {"page": page})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_use_inbox(request.user))
    status = request.GET.get("status", QuestionStatus.RECEIVED)
    # The same for every secretariat member: rendered once per change of the questions, state, page, language.
    listing = cache.fragment(
        "callqa_inbox",
        (caching.SCOPE,),
        (status, request.GET.get("page", "")),
        lambda: _inbox_listing(request, status),
    )
    return render(request, "callqa/inbox.html", {"listing": listing})


def _inbox_listing(request: HttpRequest, status: str) -> str:
    questions = Question.objects.select_related("program").only(
        "body", "created_at", "program__name", "program__short_name", "program__closes_at"
    )
    if status in QuestionStatus.values:
        questions = questions.filter(status=status)
    page = paginate(questions.order_by("created_at", "id"), PER_PAGE, request.GET.get("page"))
    return render_to_string(
        "callqa/_inbox_listing.html",
        {"page": page, "status": status, "statuses": QuestionStatus.choices, "query": f"status={status}"},
    )


@login_required
def question(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Question.objects.select_related("program", "project_type", "asker"), pk=pk)
    enforce(permissions.can_view_question(request.user, item))
    options = workflow.options(QUESTION, request.user, item, visible_only=True)
    initial = {"public_question": item.public_question or item.body, "answer": item.answer}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST":
        move = request.POST.get("move", "")
        if move not in [o.name for o in options]:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            if QUESTION.move(move).irreversible and not data["confirmed"]:
                form.add_error("confirmed", _("掲載してよいか確認し、チェックを入れてください。"))
            else:
                with service_errors(form) as outcome:
                    services.answer(request.user, item, move, data["public_question"], data["answer"])
                if outcome.ok:
                    messages.success(request, _("回答を記録しました。質問者にメールでお知らせします。"))
                    return redirect("callqa:question", pk=item.pk)
    return render(
        request,
        "callqa/question.html",
        {"question": item, "form": form, "options": [o for o in options if o.move.who(request.user, item)]},
    )

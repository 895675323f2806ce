"""Pages of the exchange: themes, topics and replies, moderation, and consultations to the secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.accounts.permissions import is_secretariat
from junkan.common import cache, workflow
from junkan.common.forms import service_errors
from junkan.common.paging import page_of, paginate
from junkan.common.permissions import enforce
from junkan.exchange import caching, permissions, services
from junkan.exchange.forms import (
    ConsultationFilterForm,
    ConsultationForm,
    MessageForm,
    ReasonForm,
    ReplyForm,
    TopicForm,
)
from junkan.exchange.models import Consultation, ConsultationStatus, Reply, Report, Theme, Topic, TopicKind
from junkan.exchange.processes import CONSULTATION
from junkan.registry.stats import registered_counts

PER_PAGE = 30
REPLIES_PER_PAGE = 50


def theme_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_browse_themes(request.user))
    themes = Theme.objects.annotate(count=Count("topics", filter=Q(topics__is_hidden=False)))
    return render(
        request,
        "exchange/theme_list.html",
        {
            "themes": themes,
            "can_take_part": permissions.can_take_part(request.user).allowed,
            "can_consult": permissions.can_consult(request.user).allowed,
            "is_staff": is_secretariat(request.user),
            "counts": SimpleLazyObject(registered_counts),
        },
    )


def _theme(slug: str) -> Theme:
    theme = caching.themes().get(slug)
    if theme is None:
        raise Http404
    return theme


@login_required
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = _theme(slug)
    enforce(permissions.can_take_part(request.user))
    staff = is_secretariat(request.user)
    viewer = caching.viewer_kind(request.user, staff)
    number = request.GET.get("page")

    def listing() -> str:
        topics = (
            theme.topics.annotate(reply_count=Count("replies", filter=Q(replies__is_hidden=False)))
            .order_by("-last_activity_at", "-id")
            .values(
                "id", "title", "is_hidden", "kind", "organization__name", "reply_count", "last_activity_at"
            )
        )
        if not staff:
            topics = topics.filter(Q(is_hidden=False) | Q(author=request.user))
        page = paginate(topics, PER_PAGE, number)
        kinds = {value: str(label) for value, label in TopicKind.choices}
        for topic in page.object_list:
            topic["kind_label"] = kinds.get(topic["kind"], topic["kind"])
        return render_to_string("exchange/_topics.html", {"page": page})

    # The page of topics is the same for every viewer of one kind: rendered once per change of the forum.
    topics = cache.fragment("exchange-topics", (caching.SCOPE,), (theme.pk, viewer, number), listing)
    return render(
        request,
        "exchange/theme_detail.html",
        {"theme": theme, "topics": topics, "can_post": permissions.can_post(request.user, theme).allowed},
    )


@login_required
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    enforce(permissions.can_post(request.user, theme))
    form = TopicForm(request.POST or None, organizations=permissions.registered_organizations(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            topic = services.start_topic(
                request.user, theme, data["organization"], data["kind"], data["title"], data["body"]
            )
        if outcome.ok:
            messages.success(request, _("投稿しました。"))
            return redirect("exchange:topic", pk=topic.pk)
    return render(request, "exchange/topic_form.html", {"theme": theme, "form": form})


def _topic(request: HttpRequest, pk: int) -> Topic:
    # The theme for the page's links and the permission to reply; the author and organization are read
    # only when the cached thread is rendered afresh.
    topic = get_object_or_404(Topic.objects.select_related("theme"), pk=pk)
    enforce(permissions.can_view_post(request.user, topic))
    return topic


@login_required
def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _topic(request, pk)
    staff = is_secretariat(request.user)
    organizations = permissions.registered_organizations(request.user)
    form = ReplyForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.post_reply(
                request.user, topic, form.cleaned_data["organization"], form.cleaned_data["body"]
            )
        if outcome.ok:
            messages.success(request, _("返信しました。"))
            return redirect("exchange:topic", pk=topic.pk)
    number = request.GET.get("page")

    def thread() -> str:
        replies = topic.replies.select_related("organization", "author")
        if not staff:
            replies = replies.filter(Q(is_hidden=False) | Q(author=request.user))
        page = paginate(replies.order_by("created_at", "id"), REPLIES_PER_PAGE, number)
        context = {"topic": topic, "page": page, "is_staff": staff, "csrf_token": caching.CSRF_PLACEHOLDER}
        return render_to_string("exchange/_thread.html", context)

    # The topic and its page of replies are the same for every viewer of one kind (the report and moderation
    # forms carry a placeholder for this request's CSRF token): rendered once per change of the forum.
    viewer = caching.viewer_kind(request.user, staff)
    posts = cache.fragment("exchange-thread", (caching.SCOPE,), (topic.pk, viewer, number), thread)
    return render(
        request,
        "exchange/topic_detail.html",
        {
            "topic": topic,
            "posts": caching.with_csrf_token(posts, request),
            "form": form,
            "can_reply": bool(organizations) and permissions.can_post(request.user, topic.theme).allowed,
        },
    )


def _target(kind: str, pk: int) -> Topic | Reply:
    if kind == "topic":
        return get_object_or_404(Topic, pk=pk)
    if kind == "reply":
        return get_object_or_404(Reply.objects.select_related("topic"), pk=pk)
    raise Http404


def _topic_of(target: Topic | Reply) -> Topic:
    return target if isinstance(target, Topic) else target.topic


@login_required
@require_POST
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target = _target(kind, pk)
    enforce(permissions.can_view_post(request.user, target))
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.report(request.user, target, form.cleaned_data["reason"])
        messages.success(request, _("事務局に通報しました。ご協力ありがとうございます。"))
    else:
        messages.error(request, _("通報の理由を入力してください。"))
    return redirect("exchange:topic", pk=_topic_of(target).pk)


@login_required
@require_POST
def moderate(request: HttpRequest, kind: str, pk: int, verb: str) -> HttpResponse:
    enforce(permissions.can_moderate(request.user))
    target = _target(kind, pk)
    form = ReasonForm(request.POST)
    if verb not in ("hide", "show"):
        raise Http404
    if not form.is_valid():
        messages.error(request, _("理由を入力してください。"))
    else:
        with service_errors(request=request) as outcome:
            action = services.hide if verb == "hide" else services.unhide
            action(request.user, target, form.cleaned_data["reason"])
        if outcome.ok:
            messages.success(
                request, _("投稿を非表示にしました。") if verb == "hide" else _("投稿を再表示しました。")
            )
    if request.POST.get("next") == "moderation":
        return redirect("exchange:moderation")
    return redirect("exchange:topic", pk=_topic_of(target).pk)


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    enforce(permissions.can_moderate(request.user))
    item = get_object_or_404(Report, pk=pk)
    with service_errors(request=request) as outcome:
        services.dismiss_report(request.user, item)
    if outcome.ok:
        messages.success(request, _("通報を確認済みにしました（投稿はそのままです）。"))
    return redirect("exchange:moderation")


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_moderate(request.user))
    reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "reporter", "topic", "reply", "reply__topic"
    )
    page = page_of(request, reports.order_by("created_at", "id"), PER_PAGE)
    return render(request, "exchange/moderation.html", {"page": page, "reason_form": ReasonForm()})


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    staff = is_secretariat(request.user)
    if not staff:
        enforce(permissions.can_consult(request.user))
    status = request.GET.get("status")
    number = request.GET.get("page")

    def listing() -> str:
        form = ConsultationFilterForm({"status": status} if status is not None else None)
        consultations = Consultation.objects.all()
        if not staff:
            consultations = consultations.filter(asker=request.user)
        if form.is_valid() and form.cleaned_data["status"]:
            consultations = consultations.filter(status=form.cleaned_data["status"])
        rows = consultations.order_by("-updated_at", "-id").values(
            "id", "subject", "status", "created_at", "organization__name", "asker__full_name"
        )
        page = paginate(rows, PER_PAGE, number)
        labels = {value: str(label) for value, label in ConsultationStatus.choices}
        for row in page.object_list:
            row["status_label"] = labels.get(row["status"], row["status"])
        query = urlencode({"status": status}) if status is not None else ""
        context = {"page": page, "form": form, "is_staff": staff, "query": query}
        return render_to_string("exchange/_consultations.html", context)

    if staff:
        # Every consultation, the same for the whole secretariat: rendered once per change, filter and page.
        table = cache.fragment("exchange-consultations", (caching.CONSULTATIONS,), (status, number), listing)
    else:
        table = mark_safe(listing())  # noqa: S308 - rendered by the template engine, escaped
    return render(request, "exchange/consultation_list.html", {"table": table, "is_staff": staff})


@login_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_consult(request.user))
    form = ConsultationForm(
        request.POST or None, organizations=permissions.registered_organizations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            consultation = services.open_consultation(
                request.user, data["organization"], data["subject"], data["body"]
            )
        if outcome.ok:
            messages.success(request, _("事務局に相談を送りました。回答をお知らせします。"))
            return redirect("exchange:consultation", pk=consultation.pk)
    return render(request, "exchange/consultation_form.html", {"form": form})


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("organization", "asker"), pk=pk)
    enforce(permissions.can_view_consultation(request.user, consultation))
    return consultation


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    return render(
        request,
        "exchange/consultation_detail.html",
        {
            "consultation": consultation,
            "thread": consultation.messages.select_related("author").order_by("created_at", "id")[:200],
            "options": workflow.options(CONSULTATION, request.user, consultation),
            "with_message": ("answered", "followed_up"),
        },
    )


@login_required
@require_POST
def consultation_move(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    consultation = _consultation(request, pk)
    try:
        CONSULTATION.move(move)
    except LookupError as error:
        raise Http404 from error
    form = MessageForm(request.POST)
    body = form.data.get("body", "")
    with service_errors(request=request) as outcome:
        services.move(request.user, consultation, move, body)
    if outcome.ok:
        messages.success(
            request, _("「%(label)s」を記録しました。") % {"label": CONSULTATION.move(move).history_label}
        )
    return redirect("exchange:consultation", pk=consultation.pk)

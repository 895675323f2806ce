"""Pages of the mail magazine: subscribe, confirm and unsubscribe (no login: signed links), and the
secretariat's pages (subscriber counts, issues with their delivery counts, preview, send, send log)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from junkan.common import moves
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.newsletter import mail, permissions, segments, services, tokens
from junkan.newsletter.forms import DeliveryFilterForm, IssueForm, SubscribeForm
from junkan.newsletter.models import Delivery, DeliveryStatus, Issue, Segment, Subscriber, SubscriberStatus
from junkan.newsletter.processes import ISSUE

ISSUES_PER_PAGE = 30
LOG_PER_PAGE = 100
# A delivery still "sending" after this long was claimed by a worker that stopped: outcome unknown.
STALE_AFTER = timedelta(minutes=30)


# Public ------------------------------------------------------------------------------------------


def subscribe(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_subscribe(request.user))
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.request_subscription(request.user, form.cleaned_data["email"])
        return redirect("newsletter:requested")
    return render(request, "newsletter/subscribe.html", {"form": form})


def requested(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/requested.html")


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/invalid_link.html", status=404)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button; the POST confirms (mail scanners open links, only people press buttons)."""
    subscriber = tokens.subscriber_from_confirm_token(token)
    if subscriber is None or not subscriber.awaiting_confirmation:
        return _invalid_link(request)
    if request.method == "POST":
        try:
            services.confirm(request.user, subscriber)
        except ValidationError:
            return _invalid_link(request)
        return render(
            request,
            "newsletter/confirmed.html",
            {"unsubscribe_url": tokens.unsubscribe_url(subscriber)},
        )
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@csrf_exempt  # the signed link is the authority; mail programs POST here without a form (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button; a POST (the button, or a mail program's one-click) unsubscribes."""
    subscriber = tokens.subscriber_from_unsubscribe_token(token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscriber = services.unsubscribe(request.user, subscriber)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


# Secretariat -------------------------------------------------------------------------------------


def _delivery_counts() -> dict[str, Count]:
    return {
        f"{status}_count": Count("deliveries", filter=Q(deliveries__status=status))
        for status in DeliveryStatus
    } | {"total_count": Count("deliveries")}


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_manage(request.user))
    by_status = Subscriber.objects.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in SubscriberStatus}
    )
    issues = Issue.objects.select_related("created_by").annotate(**_delivery_counts()).order_by("-number")
    page = page_of(request, issues, ISSUES_PER_PAGE)
    return render(
        request,
        "newsletter/manage.html",
        {
            "subscriber_counts": [(status.label, by_status[status.value]) for status in SubscriberStatus],
            "segment_counts": [(segment.label, count) for segment, count in _segment_counts()],
            "page": page,
        },
    )


def _segment_counts() -> list[tuple[Segment, int]]:
    counts = segments.counts()
    return [(segment, counts[segment.value]) for segment in Segment]


def _issue(request: HttpRequest, pk: int) -> Issue:
    enforce(permissions.can_manage(request.user))
    return get_object_or_404(Issue.objects.annotate(**_delivery_counts()), pk=pk)


@login_required
def issue_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    issue = None
    if pk is not None:
        issue = _issue(request, pk)
        enforce(permissions.can_edit_issue(request.user, issue))
    else:
        enforce(permissions.can_manage(request.user))
    form = IssueForm(request.POST or None, instance=issue, segment_counts=segments.counts())
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            saved = services.save_issue(request.user, form.service_data(), issue)
        if outcome.ok:
            messages.success(request, _("保存しました。配信前に内容を確認してください。"))
            return redirect("newsletter:issue", pk=saved.pk)
    return render(request, "newsletter/issue_form.html", {"form": form, "issue": issue})


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview: the mail exactly as a subscriber will read it, and what sending it would do."""
    issue = _issue(request, pk)
    return render(
        request,
        "newsletter/issue.html",
        {
            "issue": issue,
            "subject": mail.issue_subject(issue),
            "body": mail.issue_body(issue, _("（購読者ごとの配信停止のリンク）")),
            "recipient_count": None if issue.sending_started else segments.recipients(issue.segment).count(),
            "may": moves.option_map(ISSUE, request.user, issue),
            "retryable_count": issue.pending_count + issue.failed_count,
            "can_edit": permissions.can_edit_issue(request.user, issue).allowed,
            "can_retry": permissions.can_retry_issue(request.user, issue).allowed,
        },
    )


@login_required
def issue_send(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation page (subject, recipients now); POST confirmed: 配信開始."""
    issue = _issue(request, pk)

    def run(_reason: str) -> HttpResponse:
        with service_errors(request=request) as outcome:
            count = services.send_issue(request.user, issue)
        if outcome.ok:
            messages.success(
                request,
                _("%(count)s人への配信を始めました。送信の状況は配信記録で確認できます。") % {"count": count},
            )
        return redirect("newsletter:issue", pk=pk)

    return moves.move_view(
        request,
        ISSUE,
        issue,
        "sending",
        run=run,
        cancel_url=reverse("newsletter:issue", args=[pk]),
        summary=[
            (_("件名"), mail.issue_subject(issue)),
            (_("配信先"), issue.get_segment_display()),
            (
                _("配信する人数（現在）"),
                _("%(count)s人") % {"count": segments.recipients(issue.segment).count()},
            ),
        ],
    )


@login_required
@require_POST
def issue_retry(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    enforce(permissions.can_retry_issue(request.user, issue))
    with service_errors(request=request) as outcome:
        count = services.retry_issue(request.user, issue)
    if outcome.ok:
        messages.success(request, _("未送信の%(count)s件を再送します。") % {"count": count})
    return redirect("newsletter:issue", pk=pk)


@login_required
def issue_log(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    form = DeliveryFilterForm(request.GET or None)
    deliveries = Delivery.objects.filter(issue=issue).select_related("subscriber").order_by("id")
    if form.is_valid() and form.cleaned_data["status"]:
        deliveries = deliveries.filter(status=form.cleaned_data["status"])
    page = page_of(request, deliveries, LOG_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    stale_before = timezone.now() - STALE_AFTER
    return render(
        request,
        "newsletter/log.html",
        {
            "issue": issue,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "rows": [
                {
                    "delivery": d,
                    "stale": d.in_flight and d.claimed_at and d.claimed_at < stale_before,
                }
                for d in page
            ],
        },
    )

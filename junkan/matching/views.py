"""Pages of matching: asking for an introduction, the request thread, my requests, the secretariat's view,
matching events and the digest setting. Every page asks ``permissions``; moves run through ``services``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.audit.models import AuditEntry
from junkan.common import cache, moves, workflow
from junkan.common.paging import paginate
from junkan.common.permissions import enforce
from junkan.matching import caching, forms, permissions, services
from junkan.matching.models import CollaborationRequest, MatchingEvent, Origin, RequestStatus
from junkan.matching.processes import REQUEST
from junkan.organizations.models import Organization
from junkan.organizations.permissions import remember_memberships
from junkan.registry.models import RegionRegistration, RegistrationStatus, Solution

PAGE = 20
# Moves with a small form of their own on the request page; the others are plain buttons.
FORM_MOVES = ("introduce", "meet", "close")


def _request(request: HttpRequest, pk: int) -> CollaborationRequest:
    item = get_object_or_404(
        CollaborationRequest.objects.select_related(
            "requester", "recipient", "region", "solution__registration"
        ),
        pk=pk,
    )
    remember_memberships(request.user, [item.requester_id, item.recipient_id])  # one query for both sides
    enforce(permissions.can_view_request(request.user, item))
    return item


def _my_organizations(request: HttpRequest) -> Any:
    return Organization.objects.filter(memberships__user=request.user).order_by("name").distinct()


@login_required
def ask(request: HttpRequest) -> HttpResponse:
    """Ask to be introduced: to a solution's company (from a region) or to a region (from a company)."""
    solution = region = None
    if request.GET.get("solution", "").isdigit():
        solution = get_object_or_404(
            Solution.objects.select_related("registration__organization"),
            pk=request.GET["solution"],
            registration__status=RegistrationStatus.APPROVED,
        )
        recipient = solution.registration.organization
    elif request.GET.get("region", "").isdigit():
        region = get_object_or_404(
            RegionRegistration.objects.select_related("organization"),
            pk=request.GET["region"],
            status=RegistrationStatus.APPROVED,
        )
        recipient = region.organization
    else:
        raise Http404(_("相談の相手が指定されていません。"))
    organizations = _my_organizations(request).exclude(pk=recipient.pk)
    if not organizations.exists():
        messages.error(request, _("相談するには、登録した団体のメンバーとしてログインしてください。"))
        return redirect(_back(solution, region))
    form = forms.AskForm(request.POST if request.method == "POST" else None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        requester = form.cleaned_data["requester"]
        if solution is not None and region is None:
            region = RegionRegistration.objects.filter(
                organization=requester, status=RegistrationStatus.APPROVED
            ).first()
        origin = (
            request.POST.get("origin") if request.POST.get("origin") in Origin.values else Origin.DIRECTORY
        )
        score = _float(request.POST.get("score"))
        item = services.ask(
            request.user,
            requester,
            recipient,
            form.cleaned_data["message"],
            region=region,
            solution=solution,
            origin=origin,
            score=score,
        )
        messages.success(request, _("相談を送りました。相手が承諾すると、互いの連絡先が表示されます。"))
        return redirect("matching:request", item.pk)
    return render(
        request,
        "matching/ask.html",
        {
            "form": form,
            "solution": solution,
            "region": region,
            "recipient": recipient,
            "origin": request.GET.get("origin", Origin.DIRECTORY),
            "score": request.GET.get("score", ""),
            "back": _back(solution, region),
        },
    )


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _back(solution: Solution | None, region: RegionRegistration | None) -> str:
    if solution is not None:
        return reverse("registry:company", args=[solution.registration_id])
    assert region is not None
    return reverse("registry:region", args=[region.pk])


def _history(item: CollaborationRequest) -> list[dict[str, Any]]:
    rows = []
    for entry in AuditEntry.objects.for_object(item).select_related("actor").order_by("at", "id"):
        label = workflow.audit_label(entry.action)
        if label is None:
            label = {
                "matching.request.created": _("相談"),
                "matching.request.message": _("メッセージ"),
            }.get(entry.action)
        if label is None:
            continue
        rows.append(
            {
                "at": entry.at,
                "label": label,
                "actor": entry.actor,
                "reason": (entry.data or {}).get("reason", ""),
            }
        )
    return rows


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The request: what it is about, its state and history, the thread, contacts once accepted."""
    item = _request(request, pk)
    may = moves.option_map(REQUEST, request.user, item)
    urls = {name: reverse("matching:move", args=[item.pk, name]) for name in may if name not in FORM_MOVES}
    contacts = None
    if permissions.can_see_contacts(request.user, item).allowed:
        contacts = _contacts(item)

    # The thread and the history are the same for everyone who may see the request (its parties and the
    # secretariat): rendered once per change of matching.
    def thread() -> str:
        return render_to_string("matching/_thread.html", {"thread": item.messages.select_related("author")})

    def history() -> str:
        return render_to_string("matching/_history.html", {"history": _history(item)})

    scope = (caching.SCOPE,)
    return render(
        request,
        "matching/request.html",
        {
            "item": item,
            "state": REQUEST.state_label(REQUEST.state_of(item)),
            "actions": moves.actions(REQUEST, request.user, item, urls),
            "may": may,
            "introduce_form": forms.IntroduceForm(),
            "meet_form": forms.MeetForm(initial={"meeting_on": timezone.localdate()}),
            "close_form": forms.CloseForm(),
            "message_form": forms.MessageForm(),
            "can_post": permissions.can_post_message(request.user, item).allowed,
            "contacts": contacts,
            "contacts_hidden": permissions.can_see_contacts(request.user, item).reason,
            "history": cache.fragment("matching-request-history", scope, (item.pk,), history),
            "thread": cache.fragment("matching-request-thread", scope, (item.pk,), thread),
        },
    )


def _contacts(item: CollaborationRequest) -> list[dict[str, str]]:
    from junkan.registry.models import CompanyRegistration

    people = []
    for organization in (item.requester, item.recipient):
        registration = (
            RegionRegistration.objects.filter(
                organization=organization, status=RegistrationStatus.APPROVED
            ).first()
            or CompanyRegistration.objects.filter(
                organization=organization, status=RegistrationStatus.APPROVED
            ).first()
        )
        if registration is not None:
            people.append(
                {
                    "organization": str(organization),
                    "name": registration.contact_name,
                    "email": registration.contact_email,
                    "phone": registration.contact_phone,
                }
            )
    return people


@login_required
def move(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One move of the request (confirmation page first for the irreversible ones)."""
    item = _request(request, pk)
    try:
        REQUEST.move(name)
    except LookupError:
        raise Http404(name) from None
    back = reverse("matching:request", args=[item.pk])
    fields: dict[str, Any] = {}
    summary: list[tuple[str, str]] = [
        (_("相談した団体"), str(item.requester)),
        (_("相談を受けた団体"), str(item.recipient)),
    ]
    form_class = {"introduce": forms.IntroduceForm, "meet": forms.MeetForm, "close": forms.CloseForm}.get(
        name
    )
    if form_class is not None and request.method == "POST":
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return redirect(back)
        fields = dict(form.cleaned_data)
        summary += moves.form_summary(form)

    def run(reason: str) -> HttpResponse:
        services.move(request.user, item, name, reason, **fields)
        messages.success(
            request, _("「%(label)s」を記録しました。") % {"label": REQUEST.move(name).history_label}
        )
        return redirect(back)

    return moves.move_view(request, REQUEST, item, name, run=run, cancel_url=back, summary=summary)


@login_required
@require_POST
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    item = _request(request, pk)
    form = forms.MessageForm(request.POST)
    if form.is_valid():
        services.post_message(request.user, item, form.cleaned_data["body"])
        messages.success(request, _("メッセージを送りました。"))
        return redirect("matching:request", item.pk)
    return detail_with_errors(request, item, form)


def detail_with_errors(
    request: HttpRequest, item: CollaborationRequest, form: forms.MessageForm
) -> HttpResponse:
    messages.error(request, _("メッセージを入力してください。"))
    return redirect("matching:request", item.pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The requests of my organizations, newest first."""
    # Plain rows (no model instances, no messages): the date, both names and the state, labelled once.
    rows = (
        services.requests_of(request.user)
        .order_by("-created_at", "-id")
        .values("id", "created_at", "status", "requester__name", "recipient__name")
    )
    page = paginate(rows, PAGE, request.GET.get("page"))
    labels = {value: str(label) for value, label in RequestStatus.choices}
    for row in page.object_list:
        row["status_label"] = labels.get(row["status"], row["status"])
    return render(request, "matching/mine.html", {"page": page})


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The secretariat's view: requests by state and age, conversion, events."""
    enforce(permissions.can_manage_matching(request.user))
    now = timezone.now()
    buckets = [(_("1週間以内"), 7), (_("1か月以内"), 31), (_("3か月以内"), 92)]
    # Per state, how many were last updated within each bucket (as of now), and in all.
    per_state = caching.counts_since([now - timedelta(days=days) for _label, days in buckets])
    table = []
    for value, label in RequestStatus.choices:
        found = per_state.get(value, [0] * (len(buckets) + 1))
        row: dict[str, Any] = {"state": value, "label": label, "counts": []}
        previous = 0
        for count in found[:-1]:
            row["counts"].append(count - previous)
            previous = count
        row["counts"].append(found[-1] - previous)
        row["total"] = found[-1]
        table.append(row)
    state = request.GET.get("state", "")
    number = request.GET.get("page")
    events_number = request.GET.get("events")
    labels = {value: str(label) for value, label in RequestStatus.choices}

    def listing() -> str:
        rows = CollaborationRequest.objects.order_by("updated_at", "id").values(
            "id", "updated_at", "status", "requester__name", "recipient__name"
        )
        if state in RequestStatus.values:
            rows = rows.filter(status=state)
        page = paginate(rows, PAGE, number)
        for row in page.object_list:
            row["status_label"] = labels.get(row["status"], row["status"])
        context = {"page": page, "query": f"state={state}" if state else ""}
        return render_to_string("matching/_manage_requests.html", context)

    def event_list() -> str:
        events = MatchingEvent.objects.annotate(pair_count=Count("pairs", distinct=True)).order_by(
            "-held_on", "-id"
        )
        return render_to_string(
            "matching/_manage_events.html", {"events": paginate(events, PAGE, events_number)}
        )

    # The list of requests and the events are the same for the whole secretariat: rendered once per change
    # of matching, state filter and page.
    scope = (caching.SCOPE,)
    return render(
        request,
        "matching/manage.html",
        {
            "table": table,
            "bucket_labels": [b[0] for b in buckets] + [_("3か月より前")],
            "funnel": caching.funnel(),
            "state_label": labels.get(state, ""),
            "requests": cache.fragment("matching-manage-requests", scope, (state, number), listing),
            "events": cache.fragment("matching-manage-events", scope, (events_number,), event_list),
            "event_form": forms.EventForm(),
        },
    )


@login_required
@require_POST
def event_create(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_manage_matching(request.user))
    form = forms.EventForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("matching:manage")
    event = services.add_event(request.user, **form.cleaned_data)
    messages.success(request, _("マッチング会を登録しました。"))
    return redirect("matching:event", event.pk)


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    enforce(permissions.can_manage_matching(request.user))
    item = get_object_or_404(MatchingEvent, pk=pk)
    form = forms.PairForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_pair(request.user, item, form.cleaned_data["region"], form.cleaned_data["company"])
        messages.success(request, _("組合せを記録しました。"))
        return redirect("matching:event", item.pk)
    pairs = item.pairs.select_related("region", "company")
    return render(request, "matching/event.html", {"event": item, "pairs": pairs, "form": form})


@login_required
def digest(request: HttpRequest) -> HttpResponse:
    """Turn the weekly e-mail of new fits on or off."""
    from junkan.matching.models import DigestSubscription

    current = DigestSubscription.objects.filter(user=request.user).first()
    form = forms.DigestForm(
        request.POST if request.method == "POST" else None,
        initial={"enabled": current.enabled if current else True},
    )
    if request.method == "POST" and form.is_valid():
        services.set_digest(request.user, form.cleaned_data["enabled"])
        messages.success(request, _("設定を保存しました。"))
        return redirect("matching:digest")
    return render(request, "matching/digest.html", {"form": form})

"""Pages of the events app: the public listing and detail with registration, the signed registration
page, the iCalendar file, and the organizers' pages (their events, the form, attendees and exports)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.accounts.permissions import is_secretariat
from junkan.audit.models import AuditEntry
from junkan.common import files, moves, workflow
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.events import calendar, export, mail, permissions, services
from junkan.events.forms import EventFilterForm, EventForm, ReasonForm, RegistrationForm
from junkan.events.models import Event, Registration, RegistrationStatus
from junkan.events.presentation import moment_text, period_text
from junkan.events.processes import EVENT, REGISTRATION
from junkan.organizations.models import Organization

PER_PAGE = 20


def _events() -> QuerySet[Event]:
    return Event.objects.select_related("organizer").with_counts()


def _event(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(_events(), pk=pk)
    enforce(permissions.can_view_event(request.user, event))
    return event


def _own_registration(request: HttpRequest, event: Event) -> Registration | None:
    user = request.user
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, email=user.email.lower()).first()


def _seats(event: Event) -> dict[str, object]:
    remaining = None if event.capacity is None else max(event.capacity - event.confirmed_count, 0)
    return {"remaining": remaining, "full": remaining == 0}


# Public ------------------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list_events(request.user))
    form = EventFilterForm(request.GET or None)
    when, kind = "upcoming", ""
    if form.is_valid():
        when = form.cleaned_data["when"] or "upcoming"
        kind = form.cleaned_data["kind"]
    now = timezone.now()
    events = _events().public()
    if when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "id")
    if kind:
        events = events.filter(kind=kind)
    page = page_of(request, events, PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "when": when,
            "page": page,
            "query": query.urlencode(),
            "items": [{"event": e, "period": period_text(e.starts_at, e.ends_at), **_seats(e)} for e in page],
        },
    )


def _detail_context(request: HttpRequest, event: Event, form: RegistrationForm | None = None) -> dict:
    registration = _own_registration(request, event)
    active = registration is not None and registration.is_active
    open_now = event.registration_is_open()
    if form is None and open_now and not active:
        form = RegistrationForm(user=request.user)
    organizer = permissions.is_organizer(request.user, event)
    return {
        "event": event,
        "period": period_text(event.starts_at, event.ends_at),
        "closes": moment_text(event.closes_at),
        "registration": registration if active else None,
        "position": services.waitlist_position(registration) if active else None,
        "show_online_link": permissions.can_see_online_link(request.user, event, registration),
        "form": form if open_now and not active else None,
        "open": open_now,
        "is_past": event.is_past(),
        "started": event.has_started(),
        "is_organizer": organizer,
        "can_edit": permissions.can_edit_event(request.user, event).allowed,
        "may": moves.option_map(EVENT, request.user, event),
        "may_cancel_registration": active
        and workflow.can(REGISTRATION, request.user, registration, "cancelled").allowed,
        "reason_form": ReasonForm(),
        "audit": AuditEntry.objects.for_object(event).order_by("-at")[:30] if organizer else [],
        **_seats(event),
    }


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return render(request, "events/detail.html", _detail_context(request, event))


@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    decision = permissions.can_register(request.user, event)
    if not decision.allowed:
        if decision.hide:
            enforce(decision)
        messages.error(request, decision.reason)
        return redirect("events:detail", pk=pk)
    form = RegistrationForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "events/detail.html", _detail_context(request, event, form), status=400)
    data = form.cleaned_data
    email = request.user.email if request.user.is_authenticated else data["email"]
    registration, created = services.register(
        request.user, event, name=data["name"], email=email, affiliation=data["affiliation"]
    )
    if not created:
        messages.info(
            request,
            _(
                "このメールアドレスではすでに申し込まれています。"
                "お送りした確認メールのリンクから、申込内容の確認とキャンセルができます。"
            ),
        )
        return redirect("events:detail", pk=pk)
    if registration.has_seat:
        messages.success(request, _("参加申込を受け付けました。確認のメールをお送りしました。"))
    else:
        messages.success(
            request,
            _(
                "定員に達しているため、キャンセル待ちで受け付けました。参加が確定したらメールでお知らせします。"
            ),
        )
    if request.user.is_authenticated:
        return redirect("events:detail", pk=pk)
    # The person who just typed the address may see what they registered; nobody else learns of it.
    return redirect("events:registration", token=mail.registration_token(registration))


@login_required
@require_POST
def cancel_own(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = _own_registration(request, event)
    if registration is None:
        raise Http404
    enforce(permissions.can_cancel_registration(request.user, registration))
    _cancel(request, registration, request.user)
    return redirect("events:detail", pk=pk)


def _cancel(request: HttpRequest, registration: Registration, actor: Any) -> None:
    """Cancel as ``actor`` (None: the holder of the mailed link)."""
    with service_errors(request=request) as outcome:
        services.cancel_registration(actor, registration)
    if outcome.ok:
        messages.success(request, _("参加申込をキャンセルしました。"))


def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    """The page the confirmation mail links to: status, the online link when confirmed, cancel."""
    registration = mail.registration_from_token(token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        if registration.is_active:
            _cancel(request, registration, None)
        return redirect("events:registration", token=token)
    event = registration.event
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": event,
            "token": token,
            "period": period_text(event.starts_at, event.ends_at),
            "position": services.waitlist_position(registration),
            "show_online_link": permissions.can_see_online_link(None, event, registration),
            "can_cancel": registration.is_active and not event.has_started(),
        },
    )


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    response = HttpResponse(calendar.event_ical(request, event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="junkan-event-{event.pk}.ics"'
    return response


# Organizers --------------------------------------------------------------------------------------


def _my_organizations(request: HttpRequest) -> list[Organization]:
    return list(Organization.objects.filter(memberships__user=request.user).order_by("name", "id"))


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_manage_events(request.user))
    staff = is_secretariat(request.user)
    organizations = _my_organizations(request)
    events = _events().order_by("-starts_at", "-id")
    if not staff:
        events = events.filter(organizer__in=organizations)
    page = page_of(request, events, PER_PAGE)
    return render(
        request,
        "events/manage.html",
        {
            "page": page,
            "query": "",
            "can_create": staff or bool(organizations),
            "items": [{"event": e, "period": period_text(e.starts_at, e.ends_at)} for e in page],
        },
    )


def _event_form(request: HttpRequest, event: Event | None) -> HttpResponse:
    staff = is_secretariat(request.user)
    organizers = _my_organizations(request)
    if event is not None and event.organizer and event.organizer not in organizers:
        organizers.append(event.organizer)  # the secretariat editing an organization's event
    if not staff and not organizers:
        enforce(permissions.can_create_event(request.user, None))
    form = EventForm(request.POST or None, instance=event, organizers=organizers, secretariat=staff)
    if request.method == "POST" and form.is_valid():
        data, organizer = form.service_data()
        with service_errors(form) as outcome:
            saved = services.save_event(request.user, data, organizer, event)
        if outcome.ok:
            messages.success(request, _("イベントを保存しました。"))
            return redirect("events:detail", pk=saved.pk)
    return render(request, "events/form.html", {"form": form, "event": event})


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_manage_events(request.user))
    return _event_form(request, None)


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    enforce(permissions.can_edit_event(request.user, event))
    return _event_form(request, event)


@login_required
@require_POST
def event_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    with service_errors(request=request) as outcome:
        services.publish_event(request.user, event)
    if outcome.ok:
        messages.success(request, _("イベントを公開しました。"))
    return redirect("events:detail", pk=pk)


@login_required
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation page (with the reason); POST confirmed: 開催中止, everyone registered is told."""
    event = _event(request, pk)

    def run(reason: str) -> HttpResponse:
        services.cancel_event(request.user, event, reason)
        messages.success(request, _("開催の中止を登録し、申込者にお知らせしました。"))
        return redirect("events:detail", pk=pk)

    return moves.move_view(
        request,
        EVENT,
        event,
        "cancelled",
        run=run,
        cancel_url=reverse("events:detail", args=[pk]),
        summary=[
            (_("日時"), period_text(event.starts_at, event.ends_at)),
            (
                _("お知らせする申込者"),
                _("%(count)s人")
                % {
                    "count": event.registrations.filter(
                        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
                    ).count()
                },
            ),
        ],
    )


@login_required
def attendees(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    enforce(permissions.can_manage_attendees(request.user, event))
    rows = export.ordered(event)
    cancelled = sum(1 for registration, _position in rows if not registration.is_active)
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "rows": rows,
            "cancelled_count": cancelled,
            "period": period_text(event.starts_at, event.ends_at),
        },
    )


@login_required
def attendees_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = _event(request, pk)
    enforce(permissions.can_manage_attendees(request.user, event))
    stamp = timezone.localtime().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(export.to_csv(event), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            export.to_xlsx(event),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-attendees-{stamp}.{fmt}"'
    return files.exported(request, response, "events.attendees.exported", event, format=fmt)

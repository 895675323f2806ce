"""One event as an iCalendar file (RFC 5545) in Japan time, written as junkan.programs.feeds does."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from junkan.events.models import Event, EventStatus
from junkan.jp.dates import TOKYO


def location_text(event: Event) -> str:
    """Where it takes place; the online link is never in the public file."""
    venue = "　".join(part for part in (event.venue, event.venue_address) if part)
    if event.is_online and venue:
        return _("%(venue)s（オンライン併用）") % {"venue": venue}
    return venue or _("オンライン")


def event_ical(request: HttpRequest, event: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//junkan//events//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    url = request.build_absolute_uri(reverse("events:detail", args=[event.pk]))
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}@{request.get_host().split(':')[0]}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at.astimezone(TOKYO))
    item.add("dtend", event.ends_at.astimezone(TOKYO))
    item.add("summary", f"【{event.get_kind_display()}】{event.title}")
    item.add("description", f"{event.summary}\n{_('主催')}：{event.organizer_name}\n{url}")
    item.add("location", location_text(event))
    item.add("url", url)
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    item.add("last-modified", event.updated_at)
    calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()

"""Feeds of published calls: Atom for new calls, iCalendar for their deadlines (必着, Asia/Tokyo)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from junkan.common.permissions import enforce
from junkan.jp.dates import TOKYO
from junkan.programs import permissions, presentation
from junkan.programs.models import Program

FEED_SIZE = 50


class NewProgramsFeed(Feed):
    """The most recently published calls, newest first."""

    feed_type = Atom1Feed
    title = gettext_lazy("循環：公募の新着")
    subtitle = gettext_lazy("地域循環共生圏プラットフォームに掲載された補助事業の公募")

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        enforce(permissions.can_list_programs(request.user))
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("programs:list")

    def items(self) -> list[Program]:
        return list(
            Program.objects.published()
            .exclude(published_at=None)
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: Program) -> str:
        return item.name

    def item_description(self, item: Program) -> str:
        period = _("公募期間：%(opens)s から %(closes)s まで（必着）") % {
            "opens": presentation.moment_text(item.opens_at),
            "closes": presentation.moment_text(item.closes_at),
        }
        return f"{period}\n{item.executing_body}\n{item.summary}"

    def item_link(self, item: Program) -> str:
        return reverse("programs:detail", args=[item.slug])

    def item_pubdate(self, item: Program) -> datetime | None:
        return item.published_at.astimezone(TOKYO) if item.published_at else None

    def item_updateddate(self, item: Program) -> datetime:
        return item.updated_at.astimezone(TOKYO)

    def item_author_name(self, item: Program) -> str:
        return item.executing_body


def deadline_calendar(request: HttpRequest) -> HttpResponse:
    """Every published call's deadline as an instant event (必着 time, Asia/Tokyo) in an iCalendar file."""
    enforce(permissions.can_list_programs(request.user))
    programs = Program.objects.published().order_by("closes_at", "id")
    slug = request.GET.get("program")
    if slug:
        programs = programs.filter(slug=slug)
    calendar = Calendar()
    calendar.add("prodid", "-//junkan//programs deadlines//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("循環：公募の締切"))
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    host = request.get_host().split(":")[0]
    now = timezone.now()
    for program in programs:
        event = Event()
        event.add("uid", f"program-{program.slug}-deadline@{host}")
        event.add("dtstamp", now)
        # A deadline is an instant: DTSTART without DTEND (RFC 5545 §3.6.1).
        event.add("dtstart", program.closes_at.astimezone(TOKYO))
        event.add("summary", _("【締切】%(name)s（必着）") % {"name": program.short_name or program.name})
        event.add(
            "description",
            _("%(name)s\n締切：%(closes)s必着\n%(body)s")
            % {
                "name": program.name,
                "closes": presentation.moment_text(program.closes_at),
                "body": program.executing_body,
            },
        )
        event.add("url", request.build_absolute_uri(reverse("programs:detail", args=[program.slug])))
        event.add("last-modified", program.updated_at)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="junkan-deadlines.ics"'
    return response

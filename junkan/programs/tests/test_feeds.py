"""The Atom feed of new calls and the iCalendar feed of deadlines parse and say the right things."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest
from django.urls import reverse
from icalendar import Calendar

from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
JST = timezone(timedelta(hours=9))


def test_atom_feed_lists_published_calls_newest_first(client_as, make_program):
    make_program("draft-call", published=False)
    response = client_as(None).get(reverse("programs:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "循環：公募の新着"
    entries = root.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [
        f"http://testserver/programs/{SLUG_2019}/",
        f"http://testserver/programs/{SLUG_2015}/",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}title").text.startswith("平成31年度二酸化炭素排出抑制対策事業費等補助金")
    assert first.find(f"{ATOM}published").text.startswith("2019-05-20T00:00:00+09:00")
    assert "令和元年(2019年)6月21日（金）17時00分 まで（必着）" in first.find(f"{ATOM}summary").text
    assert first.find(f"{ATOM}author/{ATOM}name").text == "一般社団法人低炭素社会創出促進協会"


def test_a_new_call_comes_first(client_as, make_program):
    make_program("new-call")
    root = ET.fromstring(client_as(None).get(reverse("programs:feed")).content)  # noqa: S314
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href").endswith("/programs/new-call/")


def test_ical_feed_has_one_instant_event_per_deadline(client_as, make_program):
    make_program("draft-call", published=False)
    response = client_as(None).get(reverse("programs:deadlines"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "循環：公募の締切"
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [
        f"program-{SLUG_2015}-deadline@testserver",
        f"program-{SLUG_2019}-deadline@testserver",
    ]
    deadline = events[1]
    start = deadline.decoded("DTSTART")
    assert start == datetime(2019, 6, 21, 17, 0, tzinfo=JST)
    assert str(start.tzinfo) == "Asia/Tokyo"
    assert "DTEND" not in deadline
    assert (
        str(deadline["SUMMARY"]) == "【締切】地域の多様な課題に応える脱炭素型地域づくりモデル形成事業（必着）"
    )
    assert str(deadline["URL"]) == f"http://testserver/programs/{SLUG_2019}/"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Tokyo"


def test_ical_feed_of_one_call(client_as):
    response = client_as(None).get(reverse("programs:deadlines"), {"program": SLUG_2015})
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("DTSTART") == datetime(2015, 6, 29, 17, 0, tzinfo=JST)

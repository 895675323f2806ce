"""The home page: what is coming (events, calls), what is new (news, cases, registrations), the numbers;
cached, and refreshed at once after a change or when something shown starts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from junkan.portal import home
from junkan.registry.models import RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_event(organization):
    from junkan.events.models import Event, EventFormat, EventKind, EventStatus

    def make(title: str, days: float, status: str = EventStatus.PUBLISHED) -> Event:
        starts_at = timezone.now().replace(microsecond=0) + timedelta(days=days)
        return Event.objects.create(
            kind=EventKind.FORUM,
            title=title,
            summary="概要",
            body="本文",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            format=EventFormat.ONLINE,
            online_url="https://meet.example.jp/room",
            organizer=organization,
            status=status,
        )

    return make


def test_the_event_box_shows_the_next_three_coming_events(client, make_event):
    from junkan.events.models import EventStatus

    make_event("終わったフォーラム", -2)
    make_event("下書きのフォーラム", 3, status=EventStatus.DRAFT)
    for i, days in enumerate((20, 5, 9, 30)):
        make_event(f"フォーラム{i}", days)
    body = client.get("/").content.decode()
    box = body[body.index('id="home-events"') : body.index('id="home-news"')]
    assert [t for t in ("フォーラム1", "フォーラム2", "フォーラム0") if t in box] == [
        "フォーラム1",
        "フォーラム2",
        "フォーラム0",
    ]
    assert box.index("フォーラム1") < box.index("フォーラム2") < box.index("フォーラム0")  # soonest first
    assert "フォーラム3" not in box and "終わった" not in box and "下書き" not in box


def test_the_numbers_count_approved_registrations(client, make_region):
    make_region("承認済みA", ["202053"])
    make_region("承認済みB", ["011002"])
    make_region("審査中", ["131016"], status=RegistrationStatus.SUBMITTED)
    data = home.home_data()
    assert data["numbers"].regions == 2
    body = client.get("/").content.decode()
    assert '<span class="stat-number">2</span><span class="stat-label">登録された実践地域' in body


def test_the_page_is_cached_and_refreshed_by_a_change(client, make_news, django_assert_num_queries):
    make_news("最初のお知らせ")
    client.get("/")
    with django_assert_num_queries(0):
        home.home_data()
    make_news("新しいお知らせ")  # a save raises the version
    assert "新しいお知らせ" in client.get("/").content.decode()


def test_a_newly_approved_region_is_counted_and_listed_at_once(client, make_region, make_staff):
    from django.utils import timezone as tz

    from junkan.registry import services

    client.get("/")
    waiting = make_region("遠野 里山の循環", ["032085"], status=RegistrationStatus.SUBMITTED)
    waiting.submitted_at = tz.now()
    waiting.save(update_fields=["submitted_at"])
    services.approve(make_staff(), waiting)
    body = client.get("/").content.decode()
    assert "遠野 里山の循環" in body[body.index('id="home-registrations"') :]


def test_the_cache_expires_when_a_shown_event_starts(make_event):
    event = make_event("まもなく始まる会", 1)
    now = timezone.now()
    assert home.home_data(now)["valid_until"] == event.starts_at
    later = event.starts_at + timedelta(seconds=1)
    assert event not in home.home_data(later)["events"]  # rebuilt although nothing was saved


def test_open_and_coming_calls_with_their_deadlines(client, make_program_for_home):
    now = timezone.now()
    make_program_for_home("open-call", opens=now - timedelta(days=2), closes=now + timedelta(days=12))
    make_program_for_home("later-call", opens=now + timedelta(days=5), closes=now + timedelta(days=40))
    make_program_for_home("closed-call", opens=now - timedelta(days=40), closes=now - timedelta(days=1))
    body = client.get("/").content.decode()
    box = body[body.index('id="home-calls"') : body.index('id="home-events"')]
    assert "テスト公募 open-call" in box and "テスト公募 later-call" in box and "closed-call" not in box
    assert box.index("open-call") < box.index("later-call")
    assert "公募中" in box and "公募予定" in box and "締切" in box


@pytest.fixture
def make_program_for_home(db):
    from junkan.programs.tests.conftest import make_program

    return make_program.__wrapped__(db)


def test_home_query_count_is_small_and_constant(
    client, make_news, make_region, django_assert_max_num_queries
):
    for i in range(20):
        make_news(f"お知らせ{i}")
        make_region(f"地域{i}", ["202053"])
    home.invalidate()
    with django_assert_max_num_queries(12):
        client.get("/")
    with django_assert_max_num_queries(0):
        client.get("/")

"""Matching's secretariat view and a request's thread and history are cached per change
(``matching.caching``): a change shows on the very next request, and the ages in the secretariat's table
are counted for the moment asked."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from junkan.audit.services import record
from junkan.matching import services
from junkan.matching.models import CollaborationRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(officer, town, firm):
    return services.ask(officer, town.organization, firm.organization, "相談です", region=town)


def _ages(page: str, state: str) -> list[int]:
    row = re.search(rf'\?state={state}">[^<]*</a></th>((?:<td class="num">\d+</td>)+)', page)
    assert row, page
    return [int(n) for n in re.findall(r">(\d+)<", row.group(1))]


def test_the_secretariats_view_follows_every_change(
    client_as, make_staff, asked, officer, seller, town, firm
):
    staff = make_staff()
    url = reverse("matching:manage")
    page = client_as(staff).get(url).text
    assert _ages(page, "requested") == [1, 0, 0, 0, 1]
    assert "北海道下川町" in page
    services.move(seller, asked, "accept")
    page = client_as(staff).get(url).text
    assert _ages(page, "requested") == [0, 0, 0, 0, 0] and _ages(page, "accepted") == [1, 0, 0, 0, 1]
    assert "北海道下川町" in client_as(staff).get(url, {"state": "accepted"}).text
    assert "北海道下川町" not in client_as(staff).get(url, {"state": "requested"}).text
    town.organization.name = "改名した町"
    town.organization.save(update_fields=["name"])
    assert "改名した町" in client_as(staff).get(url).text
    event = services.add_event(staff, "冬のマッチング会", timezone.localdate(), "offline")
    assert "冬のマッチング会" in client_as(staff).get(url).text
    services.add_pair(staff, event, town.organization, firm.organization)
    assert "1組" in client_as(staff).get(url).text


def test_the_ages_are_counted_for_the_moment_asked(client_as, make_staff, asked, monkeypatch):
    staff = make_staff()
    url = reverse("matching:manage")
    assert _ages(client_as(staff).get(url).text, "requested") == [1, 0, 0, 0, 1]
    later = timezone.now() + timedelta(days=10)  # nothing changed, but the request is older now
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert _ages(client_as(staff).get(url).text, "requested") == [0, 1, 0, 0, 1]


def test_the_request_page_follows_its_thread_and_history(client_as, asked, officer, seller, make_staff):
    url = reverse("matching:request", args=[asked.pk])
    assert "まだメッセージはありません" in client_as(seller).get(url).text
    services.post_message(officer, asked, "よろしくお願いします")
    assert "よろしくお願いします" in client_as(seller).get(url).text
    services.move(seller, asked, "accept")
    page = client_as(officer).get(url).text
    assert page.count("企業 担当") >= 1  # the history names who accepted
    seller.full_name = "企業 改名"
    seller.save(update_fields=["full_name"])
    assert "企業 改名" in client_as(officer).get(url).text
    # an audit entry about the request alone (no other row saved) shows in its history too
    before = client_as(officer).get(url).text.count("メッセージ")
    record(make_staff(), "matching.request.message", asked)
    assert client_as(officer).get(url).text.count("メッセージ") == before + 1


def test_query_counts_do_not_grow_with_the_lists(
    client_as, make_staff, asked, officer, seller, town, firm, django_assert_num_queries
):
    staff = make_staff()
    pages = [
        (staff, reverse("matching:manage"), 3),  # session, person, roles (the TOTP check is cached)
        (officer, reverse("matching:request", args=[asked.pk]), 5),  # + the request, the memberships
        (officer, reverse("matching:mine"), 5),  # + the count, the page of rows
    ]
    for n in (1, 6):
        for i in range(n):
            services.post_message(officer, asked, f"メッセージ{i}")
            services.ask(officer, town.organization, firm.organization, f"相談{i}", region=town)
            services.add_event(staff, f"会{i}", timezone.localdate(), "offline")
        for person, url, queries in pages:
            client = client_as(person)
            client.get(url)  # fills the cache
            with django_assert_num_queries(queries):
                assert client.get(url).status_code == 200
    assert CollaborationRequest.objects.count() == 8

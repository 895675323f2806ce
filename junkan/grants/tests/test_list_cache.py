"""The secretariat's list of projects is cached per change of the grants (``grants.caching``): a change of
anything it shows is on the very next request; the forms with the person's CSRF token are never cached."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.grants.models import AwardYear, ReportStatus

pytestmark = pytest.mark.django_db


def _listing(client, params=None) -> str:
    return client.get(reverse("grants:index"), params or {}).content.decode().split('id="due-title"')[1]


def test_the_list_follows_every_change_it_shows(client_as, make_project, staff) -> None:
    project = make_project("decided", title="最初の事業名")
    client = client_as(staff)
    body = _listing(client)
    assert "最初の事業名" in body and "9,000,000" in body  # the chart of decided amounts
    with CaptureQueriesContext(connection) as cached:
        assert _listing(client) == body  # the same page again: served from the cache
    with CaptureQueriesContext(connection) as fresh:
        _listing(client, {"status": "decided"})  # other filters: rendered
    assert len(cached) < len(fresh)

    project.title = "名前を変えた事業"
    project.save(update_fields=["title"])
    assert "名前を変えた事業" in _listing(client)

    project.organization.name = "改名した町"
    project.organization.save(update_fields=["name"])
    assert "改名した町" in _listing(client)

    year = AwardYear.objects.get(project=project)
    year.decided_amount = 7_654_321
    year.save(update_fields=["decided_amount"])
    assert "7,654,321" in _listing(client)

    # The overdue completion report leaves the due board once it is handed in.
    board = _listing(client).split('id="filter-title"')[0]
    assert "名前を変えた事業" in board
    for report in project.reports.all():
        report.status = ReportStatus.SUBMITTED
        report.save(update_fields=["status"])
    assert "名前を変えた事業" not in _listing(client).split('id="filter-title"')[0]

    project.program.short_name = "改めた公募名"
    project.program.save(update_fields=["short_name"])
    assert "改めた公募名" in _listing(client)


def test_each_language_and_page_is_its_own(client_as, make_project, staff) -> None:
    make_project("decided")
    client = client_as(staff)
    assert 'lang="ja"' in client.get(reverse("grants:index")).content.decode()
    en = client.get(reverse("grants:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in en and "Reports overdue or due within 30 days" in en
    assert client.get(reverse("grants:index"), {"page": "2"}).status_code == 404
    assert client.get(reverse("grants:index"), {"page": "2"}).status_code == 404  # never cached


def test_no_token_in_the_cached_part(client_as, make_project, staff) -> None:
    make_project("decided")
    assert "csrfmiddlewaretoken" not in _listing(client_as(staff))

"""The project overview's shared parts are cached per change of the project or of anything recorded under
it (``grants.caching.PROJECT_SCOPE``): each change is on the very next request; what the person may do stays
theirs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from junkan.grants.models import AdoptionCondition, AwardYear, ReportStatus, SupportJudgement

pytestmark = pytest.mark.django_db


def _page(client, project) -> str:
    response = client.get(reverse("grants:project", args=[project.public_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_overview_follows_every_change_it_shows(client_as, make_project, staff, co_org) -> None:
    project = make_project("decided")
    client = client_as(staff)
    page = _page(client, project)
    assert "9,000,000" in page and co_org.name in page
    with CaptureQueriesContext(connection) as cached:
        again = _page(client, project)
    assert _without_tokens(again) == _without_tokens(page)  # the same page, the cached parts included
    assert len(cached) <= 8  # the project, the permission, the person's next steps and the council

    year = AwardYear.objects.get(project=project)
    year.decided_amount = 7_654_321
    year.save(update_fields=["decided_amount"])
    assert "7,654,321" in _page(client, project)

    report = project.reports.order_by("id").first()
    report.status = ReportStatus.SUBMITTED
    report.save(update_fields=["status"])
    assert report.get_status_display() in _page(client, project)

    AdoptionCondition.objects.create(project=project, text="地域協議会を年2回開催すること", created_by=staff)
    assert "地域協議会を年2回開催すること" in _page(client, project)

    SupportJudgement.objects.create(
        project=project,
        fiscal_year=2019,
        needed=False,
        reason="自走できる見込み",
        judged_by=staff,
        judged_at=timezone.now(),
    )
    assert "自走できる見込み" in _page(client, project)

    co_org.name = "改名した共同申請者"
    co_org.save(update_fields=["name"])
    assert "改名した共同申請者" in _page(client, project)


def test_the_next_steps_are_each_persons_own(client_as, make_project, staff, owner) -> None:
    """The grantee is asked to apply for the grant; the secretariat, shown the same cached parts, is not."""
    project = make_project("adopted")
    asked = "交付申請書を提出してください。"
    assert asked in _page(client_as(owner), project)
    assert asked not in _page(client_as(staff), project)
    assert asked in _page(client_as(owner), project)


def test_overdue_is_judged_on_the_day_of_the_request(client_as, make_project, staff, monkeypatch) -> None:
    project = make_project("decided")
    report = project.reports.exclude(due_on=None).order_by("due_on").first()
    client = client_as(staff)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: report.due_on)
    assert "提出期限を過ぎています" not in _page(client, project)
    monkeypatch.setattr(
        timezone, "localdate", lambda *a, **k: date.fromordinal(report.due_on.toordinal() + 3)
    )
    assert "提出期限を過ぎています（3日）" in _page(client, project)


def _without_tokens(page: str) -> str:
    return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', "", page)

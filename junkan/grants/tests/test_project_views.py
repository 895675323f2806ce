"""The project list, overview, history and file downloads, as every kind of person."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.audit.services import record
from junkan.grants.models import DocumentKind, GrantDocument

pytestmark = pytest.mark.django_db


def _url(name: str, project: Any, *args: Any) -> str:
    return reverse(f"grants:{name}", args=[project.public_id, *args])


@pytest.mark.parametrize("who", ["owner", "member", "co_member", "staff"])
def test_parties_and_secretariat_see_the_overview(request, client_as, make_project, who) -> None:
    project = make_project("decided")
    response = client_as(request.getfixturevalue(who)).get(_url("project", project))
    assert response.status_code == 200
    body = response.content.decode()
    assert project.title in body
    # Every due date is shown with the words of the call beside it.
    report = project.reports.get(kind="completion")
    assert report.due_text in body
    assert "2020年3月10日" in body  # the earlier of 2020-02-29 + 30 days and March 10 of FY2019


def test_outsider_gets_404_on_every_project_page(client_as, make_project, outsider) -> None:
    project = make_project("paid")
    client = client_as(outsider)
    for name in ("project", "history"):
        assert client.get(_url(name, project)).status_code == 404


def test_anonymous_is_sent_to_login(client_as, make_project) -> None:
    project = make_project("decided")
    response = client_as(None).get(_url("project", project))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_overdue_report_is_flagged_in_words(client_as, make_project, owner) -> None:
    project = make_project("decided")  # completion report due 2020-03-10, long past
    body = client_as(owner).get(_url("project", project)).content.decode()
    assert "提出期限を過ぎています" in body


def test_index_lists_own_and_co_applicant_projects_only(
    client_as, make_project, owner, co_member, outsider
) -> None:
    project = make_project("decided")
    assert project.title in client_as(owner).get(reverse("grants:index")).content.decode()
    assert project.title in client_as(co_member).get(reverse("grants:index")).content.decode()
    assert project.title not in client_as(outsider).get(reverse("grants:index")).content.decode()


def test_secretariat_index_filters_and_due_board(client_as, make_project, staff) -> None:
    decided = make_project("decided", title="期限切れの事業")
    paid = make_project("paid", title="支払済みの事業")
    client = client_as(staff)
    body = client.get(reverse("grants:index")).content.decode()
    assert decided.title in body and paid.title in body
    # The due board (above the filters) lists the decided project's overdue completion report in any case.
    board = body.split('id="filter-title"')[0]
    assert decided.title in board and paid.title not in board

    def listed(params: dict[str, str]) -> str:
        return client.get(reverse("grants:index"), params).content.decode().split('id="filter-title"')[1]

    only_overdue = listed({"overdue": "1"})
    assert decided.title in only_overdue
    assert paid.title not in only_overdue  # its completion report was submitted
    only_paid = listed({"status": "paid"})
    assert paid.title in only_paid and decided.title not in only_paid


def test_index_query_count_does_not_grow_with_rows(client_as, make_project, staff) -> None:
    from junkan.grants import caching

    client = client_as(staff)
    make_project("decided")
    client.get(reverse("grants:index"))
    caching.invalidate()  # rendered afresh, not from the cache
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:index"))
    for _ in range(4):
        make_project("decided")
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("grants:index"))
    assert len(five) == len(one)
    with CaptureQueriesContext(connection) as cached:
        client.get(reverse("grants:index"))
    assert len(cached) < len(one)


def test_history_shows_entries_of_the_project_and_its_reports(client_as, make_project, owner, staff) -> None:
    project = make_project("decided")
    report = project.reports.first()
    record(staff, "grants.project.decided", project, changes={"status": ["applied", "decided"]})
    record(owner, "grants.report.submitted", report)
    body = client_as(owner).get(_url("history", project)).content.decode()
    # In words, not codes (issue 13): the moves' history labels and the state's name.
    assert "grants.project.decided" not in body and "<code>" not in body
    assert "交付決定" in body and "報告の提出" in body
    assert "状態：交付申請中 → 交付決定" in body


def _document(project: Any, owner: Any) -> GrantDocument:
    document = GrantDocument(
        project=project,
        kind=DocumentKind.RECEIPT,
        original_name="領収書.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
        uploaded_by=owner,
    )
    document.file.save("upload", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    return document


def _read(response: Any) -> bytes:
    content = b"".join(response.streaming_content)
    for closer in response._resource_closers:
        closer()
    return content


@pytest.mark.parametrize("who", ["owner", "member", "co_member", "staff"])
def test_files_are_served_to_those_who_see_the_project(request, client_as, make_project, owner, who) -> None:
    project = make_project("completed")
    document = _document(project, owner)
    response = client_as(request.getfixturevalue(who)).get(_url("document", project, document.public_id))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _read(response) == b"%PDF-1.4"


def test_files_are_404_for_outsiders_and_after_disposal(client_as, make_project, owner, outsider) -> None:
    from django.utils import timezone

    project = make_project("completed")
    document = _document(project, owner)
    assert client_as(outsider).get(_url("document", project, document.public_id)).status_code == 404
    project.disposed_at = timezone.now()
    project.save(update_fields=["disposed_at"])
    assert client_as(owner).get(_url("document", project, document.public_id)).status_code == 404


def test_a_project_cannot_be_deleted(make_project) -> None:
    from junkan.grants.models import Project, RetentionError

    project = make_project("paid")
    with pytest.raises(RetentionError):
        project.delete()
    with pytest.raises(RetentionError):
        Project.objects.filter(pk=project.pk).delete()
    assert Project.objects.filter(pk=project.pk).exists()


def _chart(body: str) -> str:
    return body.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]


def test_the_list_charts_the_decided_money_by_fiscal_year_of_the_listed_projects(
    client_as, make_project, staff, owner, outsider
) -> None:
    make_project("decided")
    make_project("paid")
    make_project("adopted")  # no decision yet: not counted
    client = client_as(staff)
    chart = _chart(client.get(reverse("grants:index")).content.decode())
    assert '<th scope="row">平成31年度</th><td class="num">18,000,000円</td>' in chart
    assert "<title id=" in chart and "<desc id=" in chart and chart.count('class="chart-bar"') == 1
    chart = _chart(client.get(reverse("grants:index"), {"status": "paid"}).content.decode())
    assert '<td class="num">9,000,000円</td>' in chart  # the filter applies to the chart too
    assert '<td class="num">18,000,000円</td>' in _chart(
        client_as(owner).get(reverse("grants:index")).content.decode()
    )
    assert '<figure class="chart">' not in client_as(outsider).get(reverse("grants:index")).content.decode()


def test_the_overview_charts_the_decided_money_by_year_once_decided(client_as, make_project, owner) -> None:
    client = client_as(owner)
    assert (
        '<figure class="chart">' not in client.get(_url("project", make_project("adopted"))).content.decode()
    )
    chart = _chart(client.get(_url("project", make_project("decided"))).content.decode())
    assert '<th scope="row">平成31年度</th><td class="num">9,000,000円</td>' in chart

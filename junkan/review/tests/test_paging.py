"""The assignment matrix and a member's list are paged; saving a page of the matrix changes that page only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.review import secretariat, services, views
from junkan.review.models import Assignment, AssignmentStatus

pytestmark = pytest.mark.django_db


def active_pairs(committee):
    return set(
        Assignment.objects.filter(committee=committee, status=AssignmentStatus.ACTIVE).values_list(
            "member_id", "application_id"
        )
    )


def test_saving_a_page_of_the_matrix_leaves_the_other_pages(
    client_as, committee, members, staff, make_application, monkeypatch
):
    monkeypatch.setattr(secretariat, "ASSIGNMENT_PAGE", 2)
    applications = [make_application() for _ in range(3)]
    everything = {(m.pk, a.pk) for m in members for a in applications}
    services.save_manual_assignments(staff, committee, everything, everything)
    client = client_as(staff)
    url = reverse("review:assignment", args=[committee.pk])
    first = client.get(url)
    assert [r["application"].pk for r in first.context["rows"]] == [a.pk for a in applications[:2]]
    # The loads count every page.
    assert [m["load"] for m in first.context["members"]] == [3, 3]
    second = client.get(url + "?page=2")
    assert [r["application"].pk for r in second.context["rows"]] == [applications[2].pk]
    assert client.get(url + "?page=3").status_code == 404
    assert client.get(url + "?page=abc").status_code == 404
    # Unticking everything on page 2 withdraws page 2's assignments only.
    shown = [str(applications[2].pk)]
    response = client.post(url, {"page": "2", "shown": shown})
    assert response.status_code == 302 and response["Location"] == url + "?page=2"
    assert active_pairs(committee) == {(m.pk, a.pk) for m in members for a in applications[:2]}
    # A crafted id of another page in ``shown`` is ignored unless it belongs to the review.
    response = client.post(url, {"page": "1", "shown": ["999999", "x"]})
    assert active_pairs(committee) == {(m.pk, a.pk) for m in members for a in applications[:2]}


def test_a_members_list_is_paged(
    client_as, committee, members, staff, reviewer, make_application, monkeypatch
):
    monkeypatch.setattr(views, "ASSIGNED_PAGE", 2)
    applications = [make_application() for _ in range(3)]
    everything = {(m.pk, a.pk) for m in members for a in applications}
    services.save_manual_assignments(staff, committee, everything, everything)
    client = client_as(reviewer)
    url = reverse("review:assigned", args=[committee.pk])
    first = client.get(url)
    assert len(first.context["rows"]) == 2 and first.context["total"] == 3
    assert "3件" in first.content.decode()
    assert len(client.get(url + "?page=2").context["rows"]) == 1
    assert client.get(url + "?page=9").status_code == 404


def test_the_results_are_summarised_per_type_and_the_ranked_list_is_paged(
    client_as, committee, members, staff, make_application, monkeypatch
):
    monkeypatch.setattr(secretariat, "RESULTS_PAGE", 2)
    applications = [make_application(type_code="1") for _ in range(2)] + [make_application(type_code="3")]
    everything = {(m.pk, a.pk) for m in members for a in applications}
    services.save_manual_assignments(staff, committee, everything, everything)
    client = client_as(staff)
    url = reverse("review:results", args=[committee.pk])
    first = client.get(url)
    shown = [r["application"].pk for g in first.context["groups"] for r in g["rows"]]
    assert sorted(shown) == sorted(a.pk for a in applications[:2])
    # The summary counts every application of every type, whatever the page.
    assert [g["count"] for g in first.context["groups"]] == [2, 0, 1]
    text = first.content.decode()
    assert "全3件のうち1〜2件目" in text and 'href="?page=2#type-3-title"' in text
    second = client.get(url + "?page=2")
    assert [r["application"].pk for g in second.context["groups"] for r in g["rows"]] == [applications[2].pk]
    assert 'id="type-3-title"' in second.content.decode()
    assert client.get(url + "?page=3").status_code == 404
    assert client.get(url + "?page=-1").status_code == 404


def test_the_cached_lists_see_declarations_and_automatic_assignments_at_once(
    client_as, committee, members, staff, reviewer, make_application
):
    application = make_application()
    client = client_as(staff)
    matrix = reverse("review:assignment", args=[committee.pk])
    assert "checked" not in client.get(matrix).content.decode()
    services.auto_assign(staff, committee)  # bulk_create: no post_save
    assert client.get(matrix).content.decode().count(" checked") == 2
    own = reverse("review:assigned", args=[committee.pk])
    assert "未申告" in client_as(reviewer).get(own).content.decode()
    services.declare(reviewer, Assignment.objects.get(member=members[0], application=application), "none", "")
    assert "未申告" not in client_as(reviewer).get(own).content.decode()

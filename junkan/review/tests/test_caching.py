"""The results are cached per committee, and every change that alters them is seen at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.review import analysis, services
from junkan.review.models import Outcome, ScoreSheet
from junkan.review.tests.conftest import score

pytestmark = pytest.mark.django_db


def results_of(client, committee):
    response = client.get(reverse("review:results", args=[committee.pk]))
    assert response.status_code == 200
    return {row["application"].pk: row for group in response.context["groups"] for row in group["rows"]}


def count_queries(client, committee):
    with CaptureQueriesContext(connection) as captured:
        results_of(client, committee)
    return len(captured.captured_queries)


@pytest.fixture
def scored(committee, members, staff, make_application):
    applications = [make_application(amount=6_000_000) for _ in range(2)]
    services.save_manual_assignments(staff, committee, {(m.pk, a.pk) for m in members for a in applications})
    score(members[0], applications[0], 5)
    return applications


def test_the_results_are_computed_once_and_then_read_from_the_cache(client_as, committee, staff, scored):
    client = client_as(staff)
    first = count_queries(client, committee)
    second = count_queries(client, committee)
    # The sheets, marks, applications, criteria, budgets, assignments and decisions are not read again.
    assert second <= first - 8


def test_a_submitted_sheet_changes_the_results_at_once(
    client_as, committee, members, staff, scored, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    before = results_of(client, committee)[scored[1].pk]
    assert before["submitted"] == 0 and before["result"].score is None
    with django_capture_on_commit_callbacks(execute=True):
        score(members[1], scored[1], 3)
    after = results_of(client, committee)[scored[1].pk]
    assert after["submitted"] == 1 and after["result"].score is not None
    # The second member's sheet on the first application moves its score.
    first = results_of(client, committee)[scored[0].pk]["result"].score
    score(members[1], scored[0], 1)
    assert results_of(client, committee)[scored[0].pk]["result"].score < first


def test_a_reopened_sheet_leaves_the_results_at_once(client_as, committee, members, staff, scored):
    client = client_as(staff)
    assert results_of(client, committee)[scored[0].pk]["submitted"] == 1
    sheet = ScoreSheet.objects.get(pk=analysis.submitted_sheets(committee)[0].pk)  # plain rows: the model
    services.reopen_sheet(staff, sheet)
    assert results_of(client, committee)[scored[0].pk]["submitted"] == 0


def test_budget_and_decision_changes_are_seen_at_once(client_as, committee, members, staff, scored):
    client = client_as(staff)
    score(members[1], scored[0], 4)
    assert results_of(client, committee)[scored[0].pk]["decision"] is None
    response = client.get(reverse("review:results", args=[committee.pk]))
    assert "予算額を入力すると採択案を表示します" in response.content.decode()
    types = {t.code: t for t in committee.program.project_types.all()}
    services.set_budgets(staff, committee, {types[scored[0].project_type.code]: 10_000_000})
    assert results_of(client, committee)[scored[0].pk]["proposed"]
    services.decide(staff, committee, scored[0], {"outcome": Outcome.NOT_ADOPTED, "reasons": "評点が低い"})
    assert results_of(client, committee)[scored[0].pk]["decision"].outcome == Outcome.NOT_ADOPTED


def test_a_withdrawn_application_leaves_the_results_at_once(client_as, committee, staff, scored):
    client = client_as(staff)
    assert scored[1].pk in results_of(client, committee)
    scored[1].status = "withdrawn"
    scored[1].save(update_fields=["status"])
    assert scored[1].pk not in results_of(client, committee)


def test_another_committee_keeps_its_cached_results(
    client_as, committee, staff, scored, review_call, django_capture_on_commit_callbacks
):
    """A change is scoped: budgets of one committee do not throw away another call's results."""
    from junkan.common import cache
    from junkan.review import caching

    other = caching.scopes(committee.pk + 1000, review_call.pk + 1000)
    mine = caching.scopes(committee.pk, review_call.pk)
    before_other, before_mine = cache.tokens(*other), cache.tokens(*mine)
    with django_capture_on_commit_callbacks(execute=True):
        types = list(committee.program.project_types.all())
        services.set_budgets(staff, committee, {types[0]: 1_000_000})
    assert cache.tokens(*other) == before_other
    assert cache.tokens(*mine) != before_mine


def test_the_rendered_table_is_cached_and_a_submitted_sheet_changes_it_at_once(
    client_as, committee, members, staff, scored
):
    client = client_as(staff)
    url = reverse("review:results", args=[committee.pk])
    html = client.get(url).content.decode()
    assert html.count(">1/2</td>") == 1 and html.count(">0/2</td>") == 1
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url).content.decode()
    table = html[html.index('class="review-type"') : html.index('id="decide-title"')]
    assert table in again
    # The cached table reads neither sheets, marks nor applications.
    read = " ".join(q["sql"] for q in captured.captured_queries)
    assert "review_scoresheet" not in read and "review_mark" not in read
    score(members[1], scored[1], 3)
    html = client.get(url).content.decode()
    assert html.count(">1/2</td>") == 2 and ">0/2</td>" not in html

"""The number of SQL queries of the review pages does not grow with the number of applications (2 vs 20)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.review import services
from junkan.review.models import Outcome
from junkan.review.tests.conftest import score

pytestmark = pytest.mark.django_db


def fill(committee, members, staff, make_application, count, offset=0):
    """``count`` applications, assigned to both members and scored; every other one decided."""
    applications = [make_application(type_code="1" if i % 3 else "3") for i in range(count)]
    services.save_manual_assignments(
        staff,
        committee,
        {(m.pk, a.pk) for m in members for a in applications},
        shown={(m.pk, a.pk) for m in members for a in applications},
    )
    for i, application in enumerate(applications):
        score(members[0], application, 1 + (i + offset) % 5)
        score(members[1], application, 1 + (i + offset + 2) % 5)
        if i % 2:
            services.decide(
                staff, committee, application, {"outcome": Outcome.NOT_ADOPTED, "reasons": "評点が低い"}
            )
    types = {t.code: t for t in committee.program.project_types.all()}
    services.set_budgets(staff, committee, {types["1"]: 30_000_000, types["3"]: 10_000_000})
    return applications


def queries(client, url):
    client.get(url)  # warm caches (content types, sessions)
    cache.clear()  # count the queries of computing the page, not of reading cached results
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


PAGES = {
    "assigned": ("reviewer", lambda c: reverse("review:assigned", args=[c.pk])),
    "results": ("staff", lambda c: reverse("review:results", args=[c.pk])),
    "assignment": ("staff", lambda c: reverse("review:assignment", args=[c.pk])),
    "committee": ("staff", lambda c: reverse("review:committee", args=[c.pk])),
    "index": ("reviewer", lambda c: reverse("review:index")),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_queries_do_not_grow_with_applications(
    page, client_as, committee, members, staff, reviewer, make_application, django_assert_max_num_queries
):
    who, url = PAGES[page]
    client = client_as({"reviewer": reviewer, "staff": staff}[who])
    fill(committee, members, staff, make_application, 2)
    few = queries(client, url(committee))
    fill(committee, members, staff, make_application, 18, offset=2)
    client.get(url(committee))
    cache.clear()
    with django_assert_max_num_queries(few):
        response = client.get(url(committee))
    assert response.status_code == 200
    if page == "results":
        assert len(response.context["groups"][0]["rows"]) + len(response.context["groups"][2]["rows"]) == 20

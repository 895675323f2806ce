"""A bank sees a region's published business plan and support cases only while the region consents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.finance import services
from junkan.regional.models import BusinessPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(region):
    published = BusinessPlan.objects.create(
        region=region,
        title="南信州 再エネ地産地消の事業計画",
        summary="公共施設への電力供給",
        is_published=True,
    )
    private = BusinessPlan.objects.create(region=region, title="検討中の内部計画", is_published=False)
    return published, private


def test_with_consent_the_bank_sees_the_published_plan(client_as, region, institution, banker, owner, plans):
    published, private = plans
    services.set_consent(owner, region, True)
    response = client_as(banker).get(reverse("finance:region", args=[region.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert published.title in body and reverse("regional:plan", args=[published.pk]) in body
    assert private.title not in body


def test_without_consent_the_plan_is_not_reachable_through_finance(
    client_as, region, institution, banker, owner, plans
):
    url = reverse("finance:region", args=[region.pk])
    assert client_as(banker).get(url).status_code == 404  # never consented
    services.set_consent(owner, region, True)
    assert client_as(banker).get(url).status_code == 200
    services.set_consent(owner, region, False)
    assert client_as(banker).get(url).status_code == 404  # withdrawn
    assert published_title_not_in_list(client_as(banker), plans[0].title)


def published_title_not_in_list(client, title: str) -> bool:
    return title not in client.get(reverse("finance:regions")).content.decode()


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_others_never_see_the_finance_page(client_as, region, owner, plans, request, who):
    services.set_consent(owner, region, True)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_as(user).get(reverse("finance:region", args=[region.pk]))
    assert response.status_code == (302 if user is None else 404)


@pytest.mark.parametrize("who", ["owner", "member", "staff"])
def test_the_region_and_the_secretariat_see_what_banks_would_see(client_as, region, plans, request, who):
    body = client_as(request.getfixturevalue(who)).get(reverse("finance:region", args=[region.pk])).content
    assert plans[0].title in body.decode() and plans[1].title not in body.decode()

"""GET /api/v1/support/regions: published cases only, the shape of the issue, amounts as int yen, paged."""

from __future__ import annotations

import pytest

from junkan.regional.models import ConsortiumCase

pytestmark = pytest.mark.django_db

URL = "/api/v1/support/regions"


def test_nothing_unpublished_is_listed(world, client):
    assert client.get(URL).json() == {"count": 0, "results": []}


def test_a_published_region_with_its_consortium_hearing_team_and_kpis(world, client):
    case, team, plan = world["case"], world["team"], world["plan"]
    ConsortiumCase.objects.filter(pk=case.pk).update(is_published=True)
    team.is_published = True
    team.save(update_fields=["is_published"])
    plan.is_published = True
    plan.save(update_fields=["is_published"])
    body = client.get(URL).json()
    assert body["count"] == 1
    region = body["results"][0]
    assert region["region_id"] == case.region_id
    assert region["name"] == "南信州 地域循環共生圏"
    assert region["municipalities"] == ["202053"]
    assert region["stage"] == "support_team"
    assert region["fiscal_year"] == 2025
    assert region["consortium"] == {
        "members": 2,
        "sectors": ["finance", "government"],
        "meetings": 1,
        "budget_cap": 2_000_000,
        "budget_spent": 0,
    }
    assert region["hearing"]["decision"] == "team"
    assert [c["key"] for c in region["hearing"]["criteria"]] == [
        "stakeholders",
        "partnership",
        "management",
        "resources",
        "private",
        "wide_area",
    ]
    assert all(c["met"] is True for c in region["hearing"]["criteria"])
    assert region["team"] == {"experts": 3, "visits": 1, "cost": 5_000_000, "cost_cap": 10_000_000}
    assert region["kpis"] == [
        {
            "name": "CO2排出量",
            "area": "environment",
            "unit": "t-CO2/年",
            "baseline": "1000",
            "target": "900",
            "actual": "950",
            "year": 2026,
        }
    ]
    assert isinstance(region["consortium"]["budget_cap"], int)


def test_unpublished_team_and_plan_stay_out(world, client):
    ConsortiumCase.objects.filter(pk=world["case"].pk).update(is_published=True)
    region = client.get(URL).json()["results"][0]
    assert region["team"] is None and region["kpis"] == []


def test_paged_with_limit_and_offset(world, client):
    ConsortiumCase.objects.update(is_published=True)
    first = client.get(URL, {"limit": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1
    second = client.get(URL, {"limit": 1, "offset": 1}).json()
    assert {first["results"][0]["name"], second["results"][0]["name"]} == {"南信州 地域循環共生圏", "下川町"}
    assert client.get(URL, {"limit": 101}).status_code == 400

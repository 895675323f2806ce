"""Open data of the regional support program, mounted at /api/v1/support.

``GET /api/v1/support/regions?limit=50&offset=0``: the regions with a published consortium case, by
name, ``{"results": [...], "count": N}`` (the project's pager, at most 100 a page).
Each result: ``region_id``, ``name``, ``municipalities`` (団体コード), ``stage`` (``consortium`` |
``hearing`` | ``support_team`` | ``business`` | ``ended``),
``fiscal_year`` of the latest published case, ``consortium`` (members, sectors, meetings, budget_cap,
budget_spent in yen), ``hearing`` (criteria with ``met``, ``decision``) once decided, ``team`` (experts,
visits, cost, cost_cap in yen) when published, ``kpis`` of published plans (one row per KPI and year).
Only published cases, teams and plans appear; planned members are not counted.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from junkan.common.api import Pager
from junkan.common.permissions import enforce
from junkan.municipalities.models import Municipality
from junkan.regional import progress
from junkan.regional.engine.budget import TEAM_COST_CAP
from junkan.regional.engine.hearing import CRITERION_KEYS
from junkan.regional.engine.stage import Stage
from junkan.regional.models import HearingStatus
from junkan.regional.permissions import can_read_open_data

router = Router(tags=["support"])

MAX_PAGE_SIZE = 100


class Consortium(Schema):
    members: int
    sectors: list[str]
    meetings: int
    budget_cap: int = Field(..., description="上限額（円）")
    budget_spent: int = Field(..., description="執行額の合計（円）")


class Criterion(Schema):
    key: str
    met: bool


class HearingOut(Schema):
    criteria: list[Criterion]
    decision: str = Field(..., description="team | continue | end")


class Team(Schema):
    experts: int
    visits: int
    cost: int = Field(..., description="費用（円、コンサルティング料を含む）")
    cost_cap: int = Field(..., description="上限（円）")


class KpiOut(Schema):
    name: str
    area: str = Field(..., description="environment | economy | society")
    unit: str
    baseline: str = Field(..., description="基準値（10進の文字列）")
    target: str | None
    actual: str | None
    year: int


class RegionOut(Schema):
    region_id: int
    name: str
    municipalities: list[str]
    stage: str
    fiscal_year: int | None
    consortium: Consortium | None
    hearing: HearingOut | None
    team: Team | None
    kpis: list[KpiOut]


class RegionPager(Pager):
    """The project's pager with the page's regions read together (a fixed number of queries per page)."""

    items_attribute = "results"

    class Output(Schema):
        results: list[Any]
        count: int

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        rows = progress.progress_for(list(page["results"]), published_only=True)
        return {"results": [_region(r) for r in rows], "count": page["count"]}


def _number(value: Any) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _region(row: progress.RegionProgress) -> dict[str, Any]:
    case = row.case
    hearing = row.hearing
    decided = hearing is not None and hearing.status == HearingStatus.DECIDED
    judgements = {j.key: j.met for j in hearing.judgements.all()} if decided and hearing else {}
    stage = row.stage if row.stage != Stage.REGISTERED else Stage.CONSORTIUM
    return {
        "region_id": row.region.pk,
        "name": row.region.name,
        "municipalities": sorted(m.code for m in row.region.municipalities.all() if m.code),
        "stage": stage.value,
        "fiscal_year": case.round.fiscal_year if case else None,
        "consortium": {
            "members": row.members,
            "sectors": row.sectors,
            "meetings": row.meetings,
            "budget_cap": int(case.budget_cap),
            "budget_spent": row.spent,
        }
        if case
        else None,
        "hearing": {
            "criteria": [{"key": key, "met": bool(judgements.get(key))} for key in CRITERION_KEYS],
            "decision": hearing.outcome,
        }
        if decided and hearing
        else None,
        "team": {
            "experts": row.experts,
            "visits": row.visits,
            "cost": row.team.cost,
            "cost_cap": TEAM_COST_CAP,
        }
        if row.team
        else None,
        "kpis": [
            {
                "name": k.kpi.name,
                "area": k.kpi.area,
                "unit": k.kpi.unit,
                "baseline": _number(k.kpi.baseline),
                "target": _number(point.target),
                "actual": _number(point.actual),
                "year": point.fiscal_year,
            }
            for k in row.kpis
            for point in k.years
        ],
    }


@router.get("/regions", response=list[RegionOut], summary="支援を受けている地域（公開分）")
@paginate(RegionPager, max_limit=MAX_PAGE_SIZE)
def regions(request: HttpRequest) -> Any:
    enforce(can_read_open_data(request.user))
    return progress.regions_in_program(published_only=True).prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.only("pk", "code"))
    )

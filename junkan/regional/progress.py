"""Where regions stand: each region's stage and figures, read for a page of regions at once (a fixed number of
queries per page, whatever the number of regions)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from junkan.regional.engine import kpi as kpi_engine
from junkan.regional.engine.hearing import Outcome
from junkan.regional.engine.stage import Facts, Stage, stage_of
from junkan.regional.models import (
    BodyMember,
    CaseStatus,
    ConsortiumCase,
    Hearing,
    Kpi,
    KpiYear,
    PlanStatus,
    SupportTeam,
    TeamStatus,
)
from junkan.registry.models import RegionRegistration

STAGE_NAMES = {
    Stage.REGISTERED: _("登録"),
    Stage.CONSORTIUM: _("環境整備"),
    Stage.HEARING: _("移行ヒアリング"),
    Stage.SUPPORT_TEAM: _("支援チーム"),
    Stage.BUSINESS: _("事業化"),
    Stage.ENDED: _("終了"),
}

SUPPORTED = (CaseStatus.SELECTED, CaseStatus.HEARING, CaseStatus.CLOSED)


@dataclass
class KpiRow:
    kpi: Kpi
    progress: kpi_engine.Progress
    years: list[kpi_engine.YearPoint]


@dataclass
class RegionProgress:
    """One region's stage, its latest case with the consortium's figures, hearing, team and KPIs."""

    region: RegionRegistration
    stage: Stage = Stage.REGISTERED
    case: ConsortiumCase | None = None
    members: int = 0
    sectors: list[str] = field(default_factory=list)
    meetings: int = 0
    spent: int = 0
    hearing: Hearing | None = None
    team: SupportTeam | None = None
    experts: int = 0
    visits: int = 0
    kpis: list[KpiRow] = field(default_factory=list)

    @property
    def stage_label(self) -> str:
        return str(STAGE_NAMES[self.stage])


def regions_in_program(published_only: bool) -> QuerySet[RegionRegistration]:
    """Regions with a consortium case past the draft (published cases only for the open data)."""
    cases = ConsortiumCase.objects.exclude(status=CaseStatus.DRAFT)
    if published_only:
        cases = cases.filter(is_published=True, status__in=SUPPORTED)
    return RegionRegistration.objects.filter(pk__in=cases.values("region_id")).order_by("name", "pk")


def _stage(
    case: ConsortiumCase | None, hearing: Hearing | None, team: SupportTeam | None, business: bool
) -> Stage:
    closed = case is not None and case.status == CaseStatus.CLOSED
    ended = closed and (hearing is None or hearing.outcome == Outcome.END)
    return stage_of(
        Facts(
            consortium=case is not None and case.status in SUPPORTED,
            hearing_pending=case is not None and case.status == CaseStatus.HEARING,
            ended=ended,
            team=team is not None and team.status in (TeamStatus.FORMED, TeamStatus.COMPLETED),
            business=business,
        )
    )


def progress_for(
    regions: Iterable[RegionRegistration], *, published_only: bool = False
) -> list[RegionProgress]:
    """The progress of the given regions (one page), in their order."""
    regions = list(regions)
    if not regions:
        return []
    ids = [r.pk for r in regions]
    cases = ConsortiumCase.objects.filter(region_id__in=ids).exclude(status=CaseStatus.DRAFT)
    if published_only:
        cases = cases.filter(is_published=True, status__in=SUPPORTED)
    latest: dict[int, ConsortiumCase] = {}
    for case in (
        cases.select_related("round", "body")
        .annotate(spent_total=_spent(), meeting_count=Count("body__meetings", distinct=True))
        .order_by("region_id", "-round__fiscal_year")
    ):
        latest.setdefault(case.region_id, case)
    members: dict[int, list[str]] = defaultdict(list)
    for body_id, sector in BodyMember.objects.filter(
        body_id__in=[c.body_id for c in latest.values()], left_on__isnull=True, planned=False
    ).values_list("body_id", "sector"):
        members[body_id].append(sector)
    hearings = {
        h.case_id: h
        for h in Hearing.objects.filter(case_id__in=[c.pk for c in latest.values()]).prefetch_related(
            "judgements"
        )
    }
    teams: dict[int, SupportTeam] = {}
    team_rows = SupportTeam.objects.filter(
        region_id__in=ids, status__in=(TeamStatus.FORMED, TeamStatus.COMPLETED)
    )
    if published_only:
        team_rows = team_rows.filter(is_published=True)
    for team in team_rows.annotate(
        expert_count=Count("experts", distinct=True), visit_count=Count("visits", distinct=True)
    ).order_by("region_id", "-created_at"):
        teams.setdefault(team.region_id, team)
    plans = (
        Kpi.objects.filter(plan__region_id__in=ids)
        .select_related("plan")
        .prefetch_related(Prefetch("years", queryset=KpiYear.objects.order_by("fiscal_year")))
    )
    if published_only:
        plans = plans.filter(plan__is_published=True)
    kpis: dict[int, list[KpiRow]] = defaultdict(list)
    business: set[int] = set()
    for row in plans.order_by("plan__region_id", "area", "pk"):
        kpis[row.plan.region_id].append(kpi_row(row))
        if row.plan.status == PlanStatus.BUSINESS:
            business.add(row.plan.region_id)
    result = []
    for region in regions:
        case = latest.get(region.pk)
        hearing = hearings.get(case.pk) if case else None
        team = teams.get(region.pk)
        sectors = members.get(case.body_id, []) if case else []
        result.append(
            RegionProgress(
                region=region,
                stage=_stage(case, hearing, team, region.pk in business),
                case=case,
                members=len(sectors),
                sectors=sorted(set(sectors)),
                meetings=getattr(case, "meeting_count", 0) if case else 0,
                spent=int(getattr(case, "spent_total", 0) or 0) if case else 0,
                hearing=hearing,
                team=team,
                experts=getattr(team, "expert_count", 0) if team else 0,
                visits=getattr(team, "visit_count", 0) if team else 0,
                kpis=kpis.get(region.pk, []),
            )
        )
    return result


def _spent() -> Any:
    from django.db.models import OuterRef, Subquery, Sum

    from junkan.regional.models import CostLine

    return Subquery(
        CostLine.objects.filter(case_id=OuterRef("pk"))
        .values("case_id")
        .annotate(total=Sum("actual"))
        .values("total")[:1]
    )


def kpi_row(row: Kpi) -> KpiRow:
    years = list(row.years.all())
    progress = kpi_engine.Progress(
        baseline=row.baseline,
        targets={y.fiscal_year: y.target for y in years if y.target is not None},
        actuals={y.fiscal_year: y.actual for y in years if y.actual is not None},
    )
    return KpiRow(kpi=row, progress=progress, years=progress.years())


def region_progress(region: RegionRegistration, *, published_only: bool = False) -> RegionProgress:
    return progress_for([region], published_only=published_only)[0]


def stage_counts(queryset: QuerySet[RegionRegistration]) -> dict[Stage, int]:
    """How many regions are at each stage (the secretariat's overview; reads every region in the program)."""
    counts: dict[Stage, int] = dict.fromkeys(Stage, 0)
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = RegionRegistration.objects.filter(pk__in=ids[start : start + 500])
        for row in progress_for(chunk):
            counts[row.stage] += 1
    return counts

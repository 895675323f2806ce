"""The engines' rules applied to the stored records (read-only, except ``draft_team_for``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.regional.engine import budget, hearing, period, team
from junkan.regional.models import (
    Body,
    BodyKind,
    CaseStatus,
    ConsortiumCase,
    Hearing,
    Sector,
    SupportTeam,
    TeamStatus,
)


def engine_lines(case: ConsortiumCase) -> list[budget.Line]:
    return [
        budget.Line(budget.CostKind(c.kind), int(c.planned), int(c.actual), c.reason)
        for c in case.cost_lines.all()
    ]


def budget_problems(case: ConsortiumCase) -> list[str]:
    return budget.budget_problems(engine_lines(case), int(case.budget_cap))


def has_government_member(body: Body) -> bool:
    """A local-government member (行政), current or planned: seed 000 「行政の関与が条件」."""
    return body.members.filter(sector=Sector.GOVERNMENT, left_on__isnull=True).exists()


def past_cases(case: ConsortiumCase) -> list[period.PastCase]:
    supported = (CaseStatus.SELECTED, CaseStatus.HEARING, CaseStatus.CLOSED)
    rows = (
        ConsortiumCase.objects.filter(region_id=case.region_id)
        .exclude(pk=case.pk)
        .filter(round__fiscal_year__lt=case.round.fiscal_year)
        .values_list("round__fiscal_year", "status", "decided_at")
    )
    # A closed case counts as supported only if it had been selected (decided_at set by the selection).
    return [
        period.PastCase(year, status in supported and (status != CaseStatus.CLOSED or decided is not None))
        for year, status, decided in rows
    ]


def kind_problem(case: ConsortiumCase) -> str | None:
    return period.kind_problem(period.CaseKind(case.kind), case.round.fiscal_year, past_cases(case))


def case_problems(case: ConsortiumCase) -> list[str]:
    """What must be in place before the case is submitted or selected."""
    problems: list[str] = []
    problem = kind_problem(case)
    if problem:
        problems.append(problem)
    if not has_government_member(case.body):
        problems.append(
            _("コンソーシアムに行政（地方公共団体）の構成員を加えてください（参加予定でも構いません）。")
        )
    if case.economy_account_id is None and not case.analyses.exists():
        problems.append(_("地域経済循環分析などによる地域の現状と課題の分析を添付してください。"))
    if not case.desired_future.strip():
        problems.append(_("構想の「ありたい未来」を入力してください。"))
    problems.extend(budget_problems(case))
    return problems


def may_continue(case: ConsortiumCase) -> bool:
    return period.can_continue(period.CaseKind(case.kind))


def engine_judgements(hearing_row: Hearing) -> list[hearing.Judgement]:
    return [hearing.Judgement(j.key, j.met, j.evidence, j.comment) for j in hearing_row.judgements.all()]


def hearing_problems(hearing_row: Hearing) -> list[str]:
    judgements = engine_judgements(hearing_row)
    if not hearing_row.outcome:
        missing = hearing.unjudged(judgements)
        if missing:
            return [hearing.decision_problem(judgements, hearing.Outcome.END, True) or ""]
        return [_("決定（移行・継続・終了）を選んで保存してください。")]
    problem = hearing.decision_problem(
        judgements, hearing.Outcome(hearing_row.outcome), may_continue(hearing_row.case)
    )
    if problem:
        return [problem]
    if not hearing_row.reasons.strip():
        return [_("決定の理由を入力して保存してください。")]
    return []


def team_conflicts(team_row: SupportTeam) -> dict[int, list[str]]:
    """The team's experts in conflict with the region, with the reasons (the review's conflict rules)."""
    from junkan.review.analysis import area_index, area_key
    from junkan.review.engine import coi

    region = team_row.region
    organization = region.organization
    areas = set(region.municipalities.all())
    if organization.municipality_id:
        areas.add(organization.municipality)
    party = coi.Party(
        name=region.name, organization=organization.pk, areas=frozenset(area_key(m) for m in areas)
    )
    application = coi.Application(id=region.pk, parties=(party,))
    experts = list(team_row.experts.select_related("workplace", "residence", "expert"))
    ids = {m.pk for m in areas} | {pk for e in experts for pk in (e.workplace_id, e.residence_id) if pk}
    index = area_index(ids)
    found: dict[int, list[str]] = {}
    for seat in experts:
        member = coi.Member(
            id=seat.pk,
            organizations=frozenset({seat.organization_id} if seat.organization_id else set()),
            workplaces=frozenset({area_key(seat.workplace)} if seat.workplace_id else set()),
            residences=frozenset({area_key(seat.residence)} if seat.residence_id else set()),
        )
        reasons = [r.label for r in coi.detect(member, application, index)]
        if seat.declared_conflict.strip():
            reasons.append(_("申告：%(note)s") % {"note": seat.declared_conflict.strip()})
        if reasons:
            found[seat.pk] = reasons
    return found


def team_problems(team_row: SupportTeam) -> list[str]:
    problems: list[str] = []
    size = team.size_problem(team_row.experts.count())
    if size:
        problems.append(size)
    conflicts = team_conflicts(team_row)
    if conflicts:
        names = "、".join(
            str(seat.expert) for seat in team_row.experts.select_related("expert") if seat.pk in conflicts
        )
        problems.append(
            _("地域と利害関係のある専門家がいます：%(names)s。交代してください。") % {"names": names}
        )
    when = team.period_problem(team_row.starts_on, team_row.ends_on)
    if when:
        problems.append(when)
    problems.extend(budget.team_cost_problems(int(team_row.consulting_fee), [int(team_row.other_costs)]))
    return problems


def draft_team_for(case: ConsortiumCase) -> SupportTeam:
    """After a hearing decides to move on: a team in draft for the region to fill in its request."""
    existing = SupportTeam.objects.filter(case=case).first()
    if existing is not None:
        return existing
    body = Body.objects.create(
        kind=BodyKind.TEAM, name=_("%(region)s 支援チーム") % {"region": case.region.name}, region=case.region
    )
    return SupportTeam.objects.create(region=case.region, case=case, body=body, status=TeamStatus.DRAFT)

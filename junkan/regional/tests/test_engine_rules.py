"""The rules of regional support: caps, team size, periods, the hearing decision, KPI rates, stages."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from junkan.regional.engine import budget, hearing, kpi, period, stage, team
from junkan.regional.engine.budget import CostKind, Line

amounts = st.integers(min_value=0, max_value=5_000_000)


def test_budget_within_the_default_cap_has_no_problem() -> None:
    lines = [Line(CostKind.MEETINGS, 800_000, 750_000), Line(CostKind.COMMISSIONS, 1_200_000, 1_000_000)]
    assert budget.budget_problems(lines, budget.CONSORTIUM_DEFAULT_CAP) == []
    assert budget.remaining(budget.CONSORTIUM_DEFAULT_CAP, lines) == 250_000


def test_one_yen_over_the_cap_is_refused_with_the_figures() -> None:
    lines = [Line(CostKind.MEETINGS, 2_000_001, 0)]
    assert budget.budget_problems(lines, 2_000_000) == [
        "予定額の合計2,000,001円が上限額2,000,000円を超えています。"
    ]
    lines = [Line(CostKind.MEETINGS, 1_000_000, 1_500_000), Line(CostKind.MATERIALS, 500_000, 600_000)]
    assert "執行額の合計2,100,000円が上限額2,000,000円を超えています。" in budget.budget_problems(
        lines, 2_000_000
    )


def test_other_costs_need_a_reason_and_kinds_are_not_repeated() -> None:
    assert budget.budget_problems([Line(CostKind.OTHER, 10_000, 0)], 2_000_000) == [
        "「その他」の経費には理由を入力してください。"
    ]
    assert budget.budget_problems([Line(CostKind.OTHER, 10_000, 0, "会場の託児")], 2_000_000) == []
    assert "同じ経費の区分が二度あります。" in budget.budget_problems(
        [Line(CostKind.MEETINGS, 1), Line(CostKind.MEETINGS, 2)], 2_000_000
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(list(CostKind)), amounts, amounts), max_size=6), amounts)
def test_a_budget_without_problems_never_exceeds_its_cap(
    rows: list[tuple[CostKind, int, int]], cap: int
) -> None:
    lines = [
        Line(kind, planned, actual, "理由") for kind, planned, actual in {r[0]: r for r in rows}.values()
    ]
    if not budget.budget_problems(lines, cap):
        assert budget.planned_total(lines) <= cap
        assert budget.actual_total(lines) <= cap
    assert 0 <= budget.remaining(cap, lines) <= cap


def test_team_cost_includes_the_consulting_fee() -> None:
    assert budget.team_cost_problems(6_000_000, [4_000_000]) == []
    assert budget.team_cost_problems(6_000_000, [4_000_001]) == [
        "支援チームの費用10,000,001円（コンサルティング料を含む）が上限10,000,000円（10,000千円）を超えています。"
    ]


@pytest.mark.parametrize(
    ("count", "ok"), [(0, False), (2, False), (3, True), (4, True), (5, True), (6, False)]
)
def test_team_size_is_three_to_five(count: int, ok: bool) -> None:
    problem = team.size_problem(count)
    assert (problem is None) is ok
    if not ok:
        assert "3～5名" in str(problem) and f"現在{count}名" in str(problem)


def test_team_period_is_at_most_two_years() -> None:
    start = date(2026, 4, 1)
    assert team.period_problem(start, date(2028, 3, 31)) is None
    assert "最長2年" in str(team.period_problem(start, date(2028, 4, 1)))
    assert "前になっています" in str(team.period_problem(start, date(2026, 3, 31)))
    assert "入力してください" in str(team.period_problem(None, None))
    assert team.add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(min_value=0, max_value=2000)
)
def test_period_accepted_exactly_when_shorter_than_two_years(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    assert (team.period_problem(start, end) is None) == (end < team.add_years(start, 2))
    assert team.planned_visits(start, end) >= 3


def test_consortium_is_one_year_and_a_continuing_second_at_most() -> None:
    none: list[period.PastCase] = []
    first = [period.PastCase(2025, True)]
    assert period.kind_problem(period.CaseKind.NEW, 2025, none) is None
    assert period.kind_problem(period.CaseKind.CONTINUING, 2025, none) is not None
    assert period.kind_problem(period.CaseKind.NEW, 2026, first) is not None
    assert period.kind_problem(period.CaseKind.CONTINUING, 2026, first) is None
    assert "前年度" in str(period.kind_problem(period.CaseKind.CONTINUING, 2027, first))
    both = [*first, period.PastCase(2026, True)]
    assert "最長2年" in str(period.kind_problem(period.CaseKind.CONTINUING, 2027, both))
    # A case that was not selected does not count as a year of support.
    assert period.kind_problem(period.CaseKind.NEW, 2026, [period.PastCase(2025, False)]) is None
    assert period.can_continue(period.CaseKind.NEW) and not period.can_continue(period.CaseKind.CONTINUING)


def _all(met: bool = True) -> list[hearing.Judgement]:
    return [hearing.Judgement(c.key, met, "根拠", "所見") for c in hearing.CRITERIA]


def test_six_criteria_in_two_groups() -> None:
    assert len(hearing.CRITERIA) == 6
    assert [c.group for c in hearing.CRITERIA].count(hearing.Group.RELATIONSHIPS) == 2
    assert [c.group for c in hearing.CRITERIA].count(hearing.Group.CONCEPT) == 4


def test_no_decision_until_every_criterion_is_judged_with_evidence_and_comment() -> None:
    judgements = _all()[:5]
    problem = hearing.decision_problem(judgements, hearing.Outcome.END, True)
    assert problem is not None and "広域連携" in problem
    no_comment = [*_all()[:5], hearing.Judgement("wide_area", True, "根拠", " ")]
    assert hearing.decision_problem(no_comment, hearing.Outcome.END, True) is not None
    unanswered = [*_all()[:5], hearing.Judgement("wide_area", None, "根拠", "所見")]
    assert hearing.decision_problem(unanswered, hearing.Outcome.END, True) is not None
    for outcome in hearing.Outcome:
        assert hearing.decision_problem(_all(), outcome, True) is None


def test_moving_to_a_team_needs_all_six_met_and_a_second_year_cannot_continue() -> None:
    one_unmet = [*_all()[:5], hearing.Judgement("wide_area", False, "根拠", "所見")]
    assert "広域連携" in str(hearing.decision_problem(one_unmet, hearing.Outcome.TEAM, True))
    assert hearing.decision_problem(one_unmet, hearing.Outcome.CONTINUE, True) is None
    assert "最長2年" in str(hearing.decision_problem(one_unmet, hearing.Outcome.CONTINUE, False))
    assert hearing.decision_problem(one_unmet, hearing.Outcome.END, False) is None


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.lists(st.sampled_from([True, False, None]), min_size=6, max_size=6),
    st.sampled_from(list(hearing.Outcome)),
)
def test_a_decision_is_never_allowed_with_an_unjudged_criterion(
    marks: list[bool | None], outcome: hearing.Outcome
) -> None:
    judgements = [
        hearing.Judgement(c.key, m, "根拠", "所見") for c, m in zip(hearing.CRITERIA, marks, strict=True)
    ]
    allowed = hearing.decision_problem(judgements, outcome, True) is None
    if None in marks:
        assert not allowed
    if outcome is hearing.Outcome.TEAM and allowed:
        assert all(marks)


def test_achievement_rate_up_and_down() -> None:
    assert kpi.achievement_rate(Decimal(10), Decimal(20), Decimal(15)) == Decimal("50.0")
    # CO2 t/年 going down: 1,000 → 800 planned, 900 reached = 50 %.
    assert kpi.achievement_rate(Decimal(1000), Decimal(800), Decimal(900)) == Decimal("50.0")
    assert kpi.achievement_rate(Decimal(0), Decimal(3), Decimal(1)) == Decimal("33.3")
    assert kpi.achievement_rate(Decimal(0), Decimal(3), Decimal(2)) == Decimal("66.7")
    assert kpi.achievement_rate(Decimal(5), Decimal(5), Decimal(6)) is None


def test_progress_lists_years_in_order_with_rates() -> None:
    progress = kpi.Progress(
        Decimal(100), targets={2027: Decimal(140), 2026: Decimal(120)}, actuals={2026: Decimal(110)}
    )
    years = progress.years()
    assert [p.fiscal_year for p in years] == [2026, 2027]
    assert years[0].rate == Decimal("50.0") and years[1].rate is None
    assert progress.latest() == years[0]
    assert kpi.Progress(Decimal(1)).latest() is None


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=2),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2),
)
def test_reaching_the_target_is_one_hundred_percent(baseline: Decimal, target: Decimal) -> None:
    rate = kpi.achievement_rate(baseline, target, target)
    assert rate == (None if target == baseline else Decimal("100.0"))
    if rate is not None:
        assert kpi.achievement_rate(baseline, target, baseline) == Decimal("0.0")


def test_stage_of_a_region() -> None:
    S = stage.Stage
    assert stage.stage_of(stage.Facts()) is S.REGISTERED
    assert stage.stage_of(stage.Facts(consortium=True)) is S.CONSORTIUM
    assert stage.stage_of(stage.Facts(consortium=True, hearing_pending=True)) is S.HEARING
    assert stage.stage_of(stage.Facts(consortium=True, ended=True)) is S.ENDED
    assert stage.stage_of(stage.Facts(consortium=True, team=True)) is S.SUPPORT_TEAM
    assert stage.stage_of(stage.Facts(consortium=True, team=True, business=True)) is S.BUSINESS
    assert stage.step_index(S.HEARING) == stage.step_index(S.CONSORTIUM) == 1
    assert stage.step_index(S.ENDED) == -1

"""What a report lacks before it is handed in, its cost totals, and the reminder days (pure engine)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.grants.engine import report_checks as rc
from junkan.grants.engine.report_checks import CostLineFacts, ReportFacts, check_report
from junkan.jp.business_days import is_business_day

D = Decimal
DECIDED = date(2019, 7, 10)
COMPLETION_ITEMS = (
    "a. 事業の背景",
    "b. 事業の目的・構想において目指す地域の姿",
    "c. 調査内容（調査項目、検証方法、実施結果、分析及び考察等）",
)
ANNUAL_ITEMS = (
    "（ア）FS調査の活用状況：本報告の対象とする年度におけるFS調査の活用状況",
    "（イ）①二酸化炭素の削減量：導入前のものは見込まれる削減量を、導入後のものは稼働した実績による削減量を",
    "（イ）②実績報告書における削減量に達しなかった場合の原因：①の削減量が…達しなかった場合に、その原因を分析",
    "（ウ）今後の取組：事業化までのスケジュールにおける進捗状況",
)


def line(key: str = "1", **kw) -> CostLineFacts:
    values = {
        "key": key,
        "fiscal_year": 2019,
        "amount": 8_500_000,
        "paid_on": date(2020, 2, 25),
        "description": "実現可能性調査の委託",
        "evidence": 1,
    }
    values.update(kw)
    return CostLineFacts(**values)


def completion(**kw) -> ReportFacts:
    values = {
        "kind": "completion",
        "contents": COMPLETION_ITEMS,
        "answers": dict.fromkeys(COMPLETION_ITEMS, "記入例"),
        "cost_lines": (line(),),
        "decided_on": DECIDED,
        "decided_years": (2019,),
        "completed_on": date(2020, 2, 20),
        "expected_t_co2": D("120.5"),
    }
    values.update(kw)
    return ReportFacts(**values)


def annual(**kw) -> ReportFacts:
    values = {
        "kind": "annual",
        "contents": ANNUAL_ITEMS,
        "answers": {item: "記入例" for item in ANNUAL_ITEMS if "②" not in item},
        "expected_t_co2": D(100),
        "promised_t_co2": D(100),
    }
    values.update(kw)
    return ReportFacts(**values)


def codes(facts: ReportFacts) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in check_report(facts).problems]


def test_a_complete_completion_report_has_no_problems():
    result = check_report(completion())
    assert result.ok
    assert result.problems == ()
    assert result.reduction == D("120.5")
    assert result.costs.total == result.costs.eligible_total == 8_500_000


def test_every_content_item_must_be_answered_blank_counts_as_missing():
    answers = {COMPLETION_ITEMS[0]: "背景", COMPLETION_ITEMS[1]: " \u3000\n"}  # only spaces, full-width too
    result = check_report(completion(answers=answers))
    assert [(p.field, p.code) for p in result.problems] == [
        ("item_1", rc.ANSWER_MISSING),
        ("item_2", rc.ANSWER_MISSING),
    ]
    assert result.problems[0].message == f"「{COMPLETION_ITEMS[1]}」を記入してください。"
    assert result.problems[0].params == {"item": COMPLETION_ITEMS[1]}


@pytest.mark.parametrize("kind", ["completion", "study_report"])
def test_the_completion_report_needs_a_cost_line(kind):
    assert ("cost_lines", rc.COST_LINES_MISSING) in codes(completion(kind=kind, cost_lines=()))


def test_the_completion_report_needs_the_completion_date():
    assert codes(completion(completed_on=None)) == [("completed_on", rc.COMPLETION_DATE_MISSING)]


def test_each_cost_line_needs_a_receipt_or_invoice():
    result = check_report(completion(cost_lines=(line("1"), line("2", evidence=0, description="旅費"))))
    assert [(p.field, p.code) for p in result.problems] == [("cost_line_2", rc.EVIDENCE_MISSING)]
    assert "旅費" in result.problems[0].message
    assert [f.has_evidence for f in result.costs.lines] == [True, False]


@pytest.mark.parametrize(
    ("kw", "reason_word"),
    [
        ({"paid_on": date(2019, 7, 9)}, "支払"),  # paid the day before the decision
        ({"ordered_on": date(2019, 7, 1), "paid_on": date(2019, 8, 1)}, "発注"),  # ordered before it
        ({"fiscal_year": 2020}, "交付決定のない年度"),
    ],
)
def test_a_line_before_the_decision_is_flagged_and_left_out_of_the_eligible_total(kw, reason_word):
    result = check_report(completion(cost_lines=(line("1"), line("2", amount=300_000, **kw))))
    assert result.ok  # a flag, not a problem: the grantee reports what was spent
    flag = result.costs.flag("2")
    assert flag is not None and not flag.eligible and reason_word in flag.reason
    assert result.costs.total == 8_800_000
    assert result.costs.eligible_total == 8_500_000
    assert result.costs.ineligible_total == 300_000


def test_a_line_on_the_decision_day_is_eligible():
    result = check_report(completion(cost_lines=(line(paid_on=DECIDED, ordered_on=DECIDED),)))
    assert result.costs.lines[0].eligible


def test_totals_per_fiscal_year():
    lines = (line("1", amount=100), line("2", fiscal_year=2020, amount=50), line("3", amount=7))
    result = check_report(completion(cost_lines=lines, decided_years=(2019, 2020)))
    assert [(y.fiscal_year, y.total, y.eligible, y.ineligible) for y in result.costs.years] == [
        (2019, 107, 107, 0),
        (2020, 50, 50, 0),
    ]
    assert result.costs.flag("9") is None


def test_without_a_decision_date_no_line_is_flagged():
    result = check_report(completion(decided_on=None, cost_lines=(line(paid_on=date(2000, 1, 1)),)))
    assert result.costs.eligible_total == 8_500_000


def test_the_completion_report_needs_its_co2_figure():
    assert codes(completion(expected_t_co2=None)) == [("co2", rc.CO2_MISSING)]
    # A saved calculation gives the figure (and wins over a typed one).
    result = check_report(completion(expected_t_co2=D(1), calculation_t_co2=D("98.765")))
    assert result.ok and result.reduction == D("98.765")
    # Zero is a figure.
    assert check_report(completion(expected_t_co2=D(0))).ok


@pytest.mark.parametrize("kind", ["interim", "continuation_plan"])
def test_other_reports_need_only_their_answers(kind):
    facts = ReportFacts(kind=kind, contents=("見込まれる達成状況", "翌年度の事業計画"), answers={})
    assert [p.field for p in check_report(facts).problems] == ["item_0", "item_1"]
    facts = ReportFacts(kind=kind, contents=("見込まれる達成状況",), answers={"見込まれる達成状況": "順調"})
    result = check_report(facts)
    assert result.ok and result.reduction is None


def test_annual_report_at_the_promise_needs_no_cause_analysis():
    result = check_report(annual())
    assert result.ok
    assert result.reduction == D(100)
    assert not result.below_promise and not result.cause_required


def test_annual_item_two_is_not_asked_as_an_answer():
    # The cause item (②) is the cause analysis field, not a textarea answer.
    result = check_report(annual(answers={}))
    assert [p.field for p in result.problems] == ["item_0", "item_1", "item_3"]


def test_annual_report_below_the_promise_needs_the_cause_analysis():
    facts = annual(expected_t_co2=D(60), actual_t_co2=None)
    result = check_report(facts)
    assert result.below_promise and result.cause_required
    assert [(p.field, p.code) for p in result.problems] == [("cause_analysis", rc.CAUSE_MISSING)]
    assert result.problems[0].params == {"reduction": "60", "promised": "100"}
    written = annual(expected_t_co2=D(60), cause_analysis="設備の稼働開始が遅れたため。")
    assert check_report(written).ok


def test_annual_report_needs_a_reduction_figure():
    assert codes(annual(expected_t_co2=None, actual_t_co2=None)) == [("co2", rc.YEAR_REDUCTION_MISSING)]


def test_annual_actual_figure_needs_the_utility_data():
    facts = annual(expected_t_co2=D(40), actual_t_co2=D(70))
    result = check_report(facts)
    assert result.reduction == D(110) and result.utility_data_required
    assert codes(facts) == [("utility_data", rc.UTILITY_DATA_MISSING)]
    assert check_report(annual(expected_t_co2=D(40), actual_t_co2=D(70), utility_documents=1)).ok
    # An actual figure of zero computes nothing: no data needed.
    assert not check_report(annual(actual_t_co2=D(0))).utility_data_required


def test_annual_without_a_promise_never_asks_for_the_cause():
    assert check_report(annual(promised_t_co2=None, expected_t_co2=D(0))).ok


def test_reduction_of():
    assert rc.reduction_of("completion", None, None, None) is None
    assert rc.reduction_of("study_report", D(5), D(7), None) == D(5)
    assert rc.reduction_of("annual", D(5), D(7), D(3)) == D(10)  # the calculation is only the basis there
    assert rc.reduction_of("interim", D(5), D(7), D(3)) is None


# Reminders ------------------------------------------------------------------------------------------------


def test_reminder_days_before_and_after_a_tuesday_due_date():
    due = date(2020, 3, 10)
    assert rc.reminder_days(due, (10, 5, 1), date(2020, 4, 1)) == (
        date(2020, 2, 25),
        date(2020, 3, 3),
        date(2020, 3, 9),
        date(2020, 3, 11),  # the day after
        date(2020, 3, 18),  # then weekly
        date(2020, 3, 25),
        date(2020, 4, 1),
    )


def test_overdue_days_move_to_the_next_open_day():
    # Due Friday 2019-12-27: Saturday, then the year-end closure (12/29–1/3) and a weekend: Monday 1/6.
    assert rc.overdue_reminder_dates(date(2019, 12, 27), date(2020, 1, 31)) == (
        date(2020, 1, 6),
        date(2020, 1, 14),  # raw 1/11 Saturday; 1/13 is 成人の日
        date(2020, 1, 20),
        date(2020, 1, 27),
    )
    # Due Tuesday 2020-04-28: 4/29 昭和の日 → 4/30; a week later 5/6 (振替休日) → 5/7.
    assert rc.overdue_reminder_dates(date(2020, 4, 28), date(2020, 5, 8)) == (
        date(2020, 4, 30),
        date(2020, 5, 7),
    )


def test_overdue_days_since():
    full = rc.overdue_reminder_dates(date(2019, 12, 27), date(2020, 6, 30))
    since = date(2020, 3, 1)
    assert rc.overdue_reminder_dates(date(2019, 12, 27), date(2020, 6, 30), since=since) == tuple(
        d for d in full if d >= since
    )


def test_reminder_to_send_on_each_day_once():
    due = date(2020, 3, 10)
    days = (10, 5, 1)
    assert rc.reminder_to_send(due, days, date(2020, 2, 24)) is None  # too early
    assert rc.reminder_to_send(due, days, date(2020, 2, 25)) == date(2020, 2, 25)
    assert rc.reminder_to_send(due, days, date(2020, 2, 25), [date(2020, 2, 25)]) is None  # sent already
    # The next day: nothing new since the one sent.
    assert rc.reminder_to_send(due, days, date(2020, 2, 26), [date(2020, 2, 25)]) is None
    # A missed day is caught up the next time, once.
    assert rc.reminder_to_send(due, days, date(2020, 3, 4), [date(2020, 2, 25)]) == date(2020, 3, 3)
    assert rc.reminder_to_send(due, days, date(2020, 3, 4), [date(2020, 2, 25), date(2020, 3, 4)]) is None
    # The due day itself is not a reminder day (1 business day before is); the day after is overdue.
    assert rc.reminder_to_send(due, days, date(2020, 3, 10), [date(2020, 3, 9)]) is None
    assert rc.reminder_to_send(due, days, date(2020, 3, 11), [date(2020, 3, 9)]) == date(2020, 3, 11)
    assert rc.is_overdue_reminder(due, date(2020, 3, 11))
    assert not rc.is_overdue_reminder(due, date(2020, 3, 9))


def test_a_long_overdue_report_is_reminded_on_its_weekly_day():
    due = date(2016, 4, 30)
    today = date(2020, 6, 15)
    day = rc.reminder_to_send(due, (10, 5, 1), today)
    assert day is not None and day <= today and (today - day).days < 14
    assert day in rc.overdue_reminder_dates(due, today)


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    st.lists(st.integers(min_value=0, max_value=20), max_size=4),
    st.integers(min_value=-40, max_value=120),
)
def test_running_every_day_sends_each_reminder_day_exactly_once(due, business_days, offset):
    sent: list[date] = []
    start = due - timedelta(days=40)
    end = due + timedelta(days=max(offset, 0) + 40)
    day = start
    while day <= end:
        if rc.reminder_to_send(due, business_days, day, sent) is not None:
            sent.append(day)
        # Running twice on the same day never sends again.
        assert rc.reminder_to_send(due, business_days, day, sent) is None or day not in sent
        day += timedelta(days=1)
    expected = rc.reminder_days(due, business_days, end)
    expected = tuple(d for d in expected if d >= start)
    assert tuple(sent) == expected
    assert all(is_business_day(d) for d in sent if d > due)


lines_strategy = st.lists(
    st.builds(
        CostLineFacts,
        key=st.uuids().map(str),
        fiscal_year=st.sampled_from([2019, 2020, 2021]),
        amount=st.integers(min_value=1, max_value=10**12),
        paid_on=st.dates(min_value=date(2019, 1, 1), max_value=date(2021, 12, 31)),
        description=st.just("経費"),
        evidence=st.integers(min_value=0, max_value=2),
        ordered_on=st.none() | st.dates(min_value=date(2019, 1, 1), max_value=date(2021, 12, 31)),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(lines_strategy, st.sets(st.sampled_from([2019, 2020, 2021])))
def test_cost_totals_add_up(lines, years):
    costs = rc.check_costs(lines, DECIDED, years)
    assert costs.total == sum(line.amount for line in lines)
    assert costs.eligible_total + costs.ineligible_total == costs.total
    assert sum(y.total for y in costs.years) == costs.total
    assert sum(y.eligible for y in costs.years) == costs.eligible_total
    for flag in costs.lines:
        before = flag.line.paid_on < DECIDED or (
            flag.line.ordered_on is not None and flag.line.ordered_on < DECIDED
        )
        assert flag.eligible == (not before and flag.line.fiscal_year in years)
        assert flag.has_evidence == (flag.line.evidence > 0)
        assert flag.eligible or flag.reason


@settings(max_examples=100, deadline=None)
@given(lines_strategy)
def test_completion_problems_name_exactly_the_lines_without_evidence(lines):
    result = check_report(completion(cost_lines=tuple(lines)))
    missing = {p.field for p in result.problems if p.code == rc.EVIDENCE_MISSING}
    assert missing == {f"cost_line_{line.key}" for line in lines if line.evidence == 0}
    assert (("cost_lines", rc.COST_LINES_MISSING) in [(p.field, p.code) for p in result.problems]) == (
        not lines
    )

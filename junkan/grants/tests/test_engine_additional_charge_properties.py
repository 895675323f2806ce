"""Properties of the 加算金 that hold for any input (hypothesis), checked against integer arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from junkan.grants.engine.additional_charge import (
    AdditionalCharge,
    Repayment,
    additional_charge,
)

START = date(2000, 1, 1)
days_from_start = st.integers(min_value=0, max_value=365 * 40)
amounts = st.integers(min_value=1, max_value=10**11)
offsets = st.integers(min_value=0, max_value=3 * 366)


@st.composite
def cases(draw: st.DrawFn) -> tuple[int, date, list[Repayment]]:
    """An amount, its receipt date and up to five repayments (days after receipt) not exceeding it."""
    amount = draw(amounts)
    received = START + timedelta(days=draw(days_from_start))
    repayments: list[Repayment] = []
    left = amount
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        if left == 0:
            break
        paid = draw(st.integers(min_value=1, max_value=left))
        left -= paid
        repayments.append(Repayment(received + timedelta(days=draw(offsets)), paid))
    return amount, received, repayments


def by_hand(principal: int, days: int) -> int:
    """principal × 10.95% × days ÷ 365, truncated, in integers: × 1095 ÷ 3,650,000."""
    return principal * 1095 * days // 3_650_000


def last_day(received: date, repayments: list[Repayment]) -> date:
    return max((r.paid_on for r in repayments), default=received)


@settings(max_examples=300)
@given(cases())
def test_each_period_is_the_formula_and_the_total_is_their_sum(case):
    amount, received, repayments = case
    result = additional_charge(amount, received, repayments)
    for period in result.periods:
        assert period.days == (period.end - period.start).days + 1
        assert period.yen == by_hand(period.principal, period.days)
        assert 0 <= period.amount - period.yen < 1
    assert result.total == sum(p.yen for p in result.periods)
    assert 0 <= result.exact_total - result.total < max(1, len(result.periods))


@settings(max_examples=300)
@given(cases())
def test_periods_cover_every_day_from_receipt_to_the_last_repayment(case):
    amount, received, repayments = case
    result = additional_charge(amount, received, repayments)
    if not repayments:
        assert result.periods == ()
        return
    assert result.periods[0].start == received
    assert result.periods[-1].end == last_day(received, repayments)
    assert sum(p.days for p in result.periods) == (last_day(received, repayments) - received).days + 1
    for earlier, later in zip(result.periods, result.periods[1:], strict=False):
        assert later.start == earlier.end + timedelta(days=1)
        assert later.principal < earlier.principal  # each repayment lowers it; equal ones are merged
    assert result.periods[0].principal == amount


@settings(max_examples=200)
@given(cases(), st.permutations(range(5)))
def test_order_of_repayments_does_not_matter(case, order):
    amount, received, repayments = case
    shuffled = [repayments[i] for i in order if i < len(repayments)]
    assert additional_charge(amount, received, shuffled) == additional_charge(amount, received, repayments)


@settings(max_examples=200)
@given(cases(), st.data())
def test_splitting_a_repayment_on_its_day_changes_nothing(case, data):
    amount, received, repayments = case
    assume(repayments and repayments[0].amount >= 2)
    first = repayments[0]
    part = data.draw(st.integers(min_value=1, max_value=first.amount - 1))
    split = [Repayment(first.paid_on, part), Repayment(first.paid_on, first.amount - part), *repayments[1:]]
    assert (
        additional_charge(amount, received, split).total
        == additional_charge(amount, received, repayments).total
    )


@settings(max_examples=200)
@given(cases(), st.integers(min_value=0, max_value=10**11), offsets)
def test_monotone_in_the_amount(case, extra, after):
    amount, received, repayments = case
    until = last_day(received, repayments) + timedelta(days=after)
    smaller = additional_charge(amount, received, repayments, until)
    larger = additional_charge(amount + extra, received, repayments, until)
    assert smaller.total <= larger.total


@settings(max_examples=200)
@given(cases(), offsets, offsets)
def test_monotone_in_the_days_until_the_rest_is_paid(case, after, more):
    amount, received, repayments = case
    until = last_day(received, repayments) + timedelta(days=after)
    sooner = additional_charge(amount, received, repayments, until)
    later = additional_charge(amount, received, repayments, until + timedelta(days=more))
    assert sooner.total <= later.total


@settings(max_examples=200)
@given(amounts, days_from_start, offsets, offsets)
def test_repaying_the_whole_amount_earlier_never_costs_more(amount, start, early, delay):
    received = START + timedelta(days=start)
    sooner = additional_charge(amount, received, [Repayment(received + timedelta(days=early), amount)])
    later = additional_charge(amount, received, [Repayment(received + timedelta(days=early + delay), amount)])
    assert sooner.total <= later.total
    assert sooner.exact_total <= later.exact_total


@settings(max_examples=300)
@given(cases(), st.data())
def test_repaying_a_part_earlier_never_costs_more_before_truncation(case, data):
    amount, received, repayments = case
    assume(repayments)
    index = data.draw(st.integers(min_value=0, max_value=len(repayments) - 1))
    moved = repayments[index]
    earlier_day = received + timedelta(days=data.draw(st.integers(0, (moved.paid_on - received).days)))
    earlier = [*repayments[:index], Repayment(earlier_day, moved.amount), *repayments[index + 1 :]]
    until = last_day(received, repayments)
    before: AdditionalCharge = additional_charge(amount, received, repayments, until)
    after: AdditionalCharge = additional_charge(amount, received, earlier, until)
    assert after.exact_total <= before.exact_total
    # Each period is truncated on its own, so the total may move by less than a yen per period:
    # repaying earlier can gain at most (periods - 1) yen of truncation, never a larger charge in substance.
    assert after.total <= before.total + max(0, len(before.periods) - 1)


@settings(max_examples=200)
@given(amounts, days_from_start)
def test_paid_back_on_the_day_received_is_one_day(amount, start):
    received = START + timedelta(days=start)
    result = additional_charge(amount, received, [Repayment(received, amount)])
    assert [p.days for p in result.periods] == [1]
    assert result.total == amount * 3 // 10_000


@settings(max_examples=200)
@given(amounts, st.integers(min_value=0, max_value=4000))
def test_a_leap_day_is_just_one_more_day(amount, days):
    # The same number of days costs the same whether or not it contains February 29.
    leap = additional_charge(amount, date(2020, 2, 1), until=date(2020, 2, 1) + timedelta(days=days))
    common = additional_charge(amount, date(2021, 2, 1), until=date(2021, 2, 1) + timedelta(days=days))
    assert leap.total == common.total == by_hand(amount, days + 1)

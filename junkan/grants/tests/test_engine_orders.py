"""Orders against the decision date (inclusive) and the diff of two plan versions; unit and property tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.grants.engine.orders import (
    BEFORE_DECISION,
    COMPETITIVE,
    NO_DECISION_YET,
    NON_COMPETITIVE,
    NON_COMPETITIVE_WITHOUT_REASON,
    Flags,
    Order,
    check,
    flatten,
    merged,
    plan_diff,
    totals,
)

DECIDED = date(2019, 7, 10)


def order(day: date, amount: int = 1_000_000, method: str = COMPETITIVE, reason: str = "") -> Order:
    return Order(day, amount, method, reason)


# --- Flags ------------------------------------------------------------------------------------------------


def test_an_order_of_the_decision_day_is_eligible() -> None:
    # 「交付決定日以降（交付決定日を含む。）」
    flags = check(DECIDED, order(DECIDED))
    assert flags == Flags()
    assert flags.eligible and not flags.ineligible and flags.codes == ()


def test_an_order_of_the_day_before_the_decision_is_not() -> None:
    flags = check(DECIDED, order(DECIDED - timedelta(days=1)))
    assert flags.before_decision and flags.ineligible and not flags.eligible
    assert flags.codes == (BEFORE_DECISION,)


def test_an_order_of_the_day_after_is_eligible() -> None:
    assert check(DECIDED, order(DECIDED + timedelta(days=1))).eligible


def test_no_decision_yet_flags_every_order() -> None:
    flags = check(None, order(date(2030, 1, 1)))
    assert flags.no_decision_yet and not flags.before_decision
    assert flags.codes == (NO_DECISION_YET,)
    assert flags.ineligible


def test_non_competitive_needs_a_reason() -> None:
    flags = check(DECIDED, order(DECIDED, method=NON_COMPETITIVE, reason="  "))
    assert flags.codes == (NON_COMPETITIVE_WITHOUT_REASON,)
    # A warning, not ineligibility by date; still not counted as eligible.
    assert not flags.ineligible and not flags.eligible
    assert check(DECIDED, order(DECIDED, method=NON_COMPETITIVE, reason="特許技術を持つ唯一の業者")).eligible


def test_competitive_needs_no_reason() -> None:
    assert check(DECIDED, order(DECIDED, method=COMPETITIVE)).eligible


def test_several_flags_in_a_fixed_order() -> None:
    flags = check(DECIDED, order(date(2019, 4, 1), method=NON_COMPETITIVE))
    assert flags.codes == (BEFORE_DECISION, NON_COMPETITIVE_WITHOUT_REASON)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"ordered_on": "2019-07-10"}, TypeError),
        ({"ordered_on": None}, TypeError),
        ({"amount": 1.5}, TypeError),
        ({"amount": True}, TypeError),
        ({"amount": -1}, ValueError),
        ({"method": "lottery"}, ValueError),
    ],
)
def test_orders_refuse_impossible_values(kwargs: dict[str, Any], error: type[Exception]) -> None:
    values: dict[str, Any] = {"ordered_on": DECIDED, "amount": 1, "method": COMPETITIVE, **kwargs}
    with pytest.raises(error):
        Order(**values)


def test_check_refuses_a_decision_date_that_is_not_a_date() -> None:
    with pytest.raises(TypeError):
        check("2019-07-10", order(DECIDED))  # type: ignore[arg-type]


# --- Totals -----------------------------------------------------------------------------------------------


def test_totals_split_eligible_and_flagged() -> None:
    result = totals(
        DECIDED,
        [
            order(DECIDED, 6_600_000),
            order(DECIDED - timedelta(days=1), 300_000),
            order(date(2019, 8, 1), 250_000, NON_COMPETITIVE, "災害復旧で緊急を要したため"),
            order(date(2019, 8, 2), 200_000, NON_COMPETITIVE),
        ],
    )
    assert result.eligible == 6_850_000
    assert result.flagged == 500_000
    assert result.flagged_count == 2
    assert result.total == 7_350_000


def test_totals_of_nothing() -> None:
    result = totals(DECIDED, [])
    assert (result.eligible, result.flagged, result.flagged_count, result.total) == (0, 0, 0, 0)


def test_totals_without_a_decision_flag_everything() -> None:
    result = totals(None, [order(DECIDED, 10), order(DECIDED, 20)])
    assert (result.eligible, result.flagged, result.flagged_count) == (0, 30, 2)


# --- Plan diff --------------------------------------------------------------------------------------------

PLAN: dict[str, Any] = {
    "background": {"background": "人口減少が進む。", "economic_analysis": "域外流出が大きい。"},
    "content": {"survey_items": [{"title": "ポテンシャル調査", "method": "現地調査"}]},
    "structure": {"other_subsidies": False},
    "costs": {
        "years": [
            {
                "fiscal_year": 2019,
                "total_cost": 9_500_000,
                "lines": [{"category": "委託料", "unit_price": 6_600_000, "quantity": 1}],
            }
        ]
    },
}


def test_flatten_names_leaves_by_dotted_keys_and_years() -> None:
    paths = [row["path"] for row in flatten(PLAN)]
    assert paths == [
        "background.background",
        "background.economic_analysis",
        "content.survey_items.1.title",
        "content.survey_items.1.method",
        "structure.other_subsidies",
        "costs.years.fy2019.fiscal_year",
        "costs.years.fy2019.total_cost",
        "costs.years.fy2019.lines.1.category",
        "costs.years.fy2019.lines.1.unit_price",
        "costs.years.fy2019.lines.1.quantity",
    ]
    assert all(row["label"] == "" for row in flatten(PLAN))


def test_no_change_no_diff() -> None:
    assert plan_diff(PLAN, PLAN) == []


def test_changed_added_and_removed() -> None:
    after = merged(
        PLAN,
        {
            "background": {"background": "人口減少と高齢化が進む。", "economic_analysis": ""},
            "schedule": {"schedule": "6月 調査開始"},
            "costs": {
                "years": [
                    {
                        "fiscal_year": 2019,
                        "total_cost": 9_800_000,
                        "lines": [{"category": "委託料", "unit_price": 6_900_000, "quantity": 1}],
                    }
                ]
            },
        },
    )
    found = {c.path: c for c in plan_diff(PLAN, after)}
    assert found["background.background"].kind == "changed"
    assert found["background.background"].before == "人口減少が進む。"
    assert found["background.background"].after == "人口減少と高齢化が進む。"
    # A field emptied reads as removed.
    assert found["background.economic_analysis"].kind == "removed"
    assert found["background.economic_analysis"].before == "域外流出が大きい。"
    assert found["schedule.schedule"].kind == "added"
    # Money as the forms show it, with separators.
    assert found["costs.years.fy2019.total_cost"].before == "9,500,000"
    assert found["costs.years.fy2019.total_cost"].after == "9,800,000"
    assert found["costs.years.fy2019.lines.1.unit_price"].kind == "changed"
    assert set(found) == {
        "background.background",
        "background.economic_analysis",
        "schedule.schedule",
        "costs.years.fy2019.total_cost",
        "costs.years.fy2019.lines.1.unit_price",
    }


def test_years_are_matched_by_fiscal_year_not_position() -> None:
    before = {
        "costs": {"years": [{"fiscal_year": 2019, "total_cost": 1}, {"fiscal_year": 2020, "total_cost": 2}]}
    }
    after = {"costs": {"years": [{"fiscal_year": 2020, "total_cost": 2}]}}
    found = plan_diff(before, after)
    assert {c.path for c in found} == {"costs.years.fy2019.fiscal_year", "costs.years.fy2019.total_cost"}
    assert {c.kind for c in found} == {"removed"}


def test_booleans_read_as_words() -> None:
    found = plan_diff(PLAN, merged(PLAN, {"structure": {"other_subsidies": True}}))
    assert [(c.before, c.after) for c in found] == [("いいえ", "はい")]


def test_merged_updates_field_by_field_and_keeps_the_rest() -> None:
    result = merged(PLAN, {"background": {"background": "新しい背景"}, "schedule": {"schedule": "6月"}})
    assert result["background"] == {"background": "新しい背景", "economic_analysis": "域外流出が大きい。"}
    assert result["schedule"] == {"schedule": "6月"}
    assert result["costs"] is PLAN["costs"]
    assert PLAN["background"]["background"] == "人口減少が進む。"


def test_merged_replaces_lists_whole() -> None:
    result = merged(PLAN, {"costs": {"years": []}})
    assert result["costs"] == {"years": []}


# --- Properties -------------------------------------------------------------------------------------------

days = st.integers(min_value=-400, max_value=400)
amounts = st.integers(min_value=0, max_value=10**12)
methods = st.sampled_from([COMPETITIVE, NON_COMPETITIVE])
reasons = st.sampled_from(["", " ", "唯一の業者"])


@st.composite
def orders_(draw: st.DrawFn) -> Order:
    return Order(DECIDED + timedelta(days=draw(days)), draw(amounts), draw(methods), draw(reasons))


@given(orders_(), st.one_of(st.none(), days.map(lambda n: DECIDED + timedelta(days=n))))
def test_before_decision_is_exactly_a_date_earlier_than_the_decision(
    item: Order, decided: date | None
) -> None:
    flags = check(decided, item)
    assert flags.before_decision == (decided is not None and item.ordered_on < decided)
    assert flags.no_decision_yet == (decided is None)
    assert flags.eligible == (not flags.codes)
    assert not (flags.before_decision and flags.no_decision_yet)


@given(
    st.lists(orders_(), max_size=12), st.one_of(st.none(), days.map(lambda n: DECIDED + timedelta(days=n)))
)
def test_totals_add_up(items: list[Order], decided: date | None) -> None:
    result = totals(decided, items)
    assert result.total == sum(item.amount for item in items)
    assert result.eligible == sum(item.amount for item in items if check(decided, item).eligible)
    assert result.flagged_count == sum(1 for item in items if not check(decided, item).eligible)
    assert result.eligible >= 0 and result.flagged >= 0


leaves = st.one_of(
    st.text(alphabet="あいう abc", max_size=4),
    st.integers(min_value=0, max_value=10**9),
    st.booleans(),
    st.none(),
)
fields = st.dictionaries(st.sampled_from(["a", "b", "c"]), leaves, max_size=3)
rows = st.lists(st.fixed_dictionaries({"x": leaves, "y": leaves}), max_size=2)
years = st.lists(
    st.fixed_dictionaries({"fiscal_year": st.integers(min_value=2019, max_value=2021), "total_cost": leaves}),
    max_size=2,
    unique_by=lambda year: year["fiscal_year"],
)
sections = st.dictionaries(
    st.sampled_from(["overview", "background", "costs"]),
    st.one_of(fields, st.fixed_dictionaries({"items": rows}), st.fixed_dictionaries({"years": years})),
    max_size=3,
)


@given(sections)
def test_a_plan_has_no_diff_with_itself(plan: dict[str, Any]) -> None:
    assert plan_diff(plan, plan) == []


@given(sections, sections)
def test_the_diff_is_symmetric(a: dict[str, Any], b: dict[str, Any]) -> None:
    forward = {c.path: c for c in plan_diff(a, b)}
    backward = {c.path: c for c in plan_diff(b, a)}
    assert set(forward) == set(backward)
    swap = {"added": "removed", "removed": "added", "changed": "changed"}
    for path, change in forward.items():
        assert (backward[path].before, backward[path].after) == (change.after, change.before)
        assert backward[path].kind == swap[change.kind]
        assert change.before != change.after


@given(sections, sections)
def test_the_diff_lists_only_paths_that_exist(a: dict[str, Any], b: dict[str, Any]) -> None:
    paths = {row["path"] for row in flatten(a)} | {row["path"] for row in flatten(b)}
    assert {c.path for c in plan_diff(a, b)} <= paths


@given(sections, sections)
def test_merging_takes_every_field_of_the_change(a: dict[str, Any], b: dict[str, Any]) -> None:
    result = merged(a, b)
    for key, value in b.items():
        old = a.get(key)
        assert result[key] == ({**old, **value} if isinstance(old, dict) else value)
        assert all(result[key][field] == item for field, item in value.items())
    assert all(result[key] == value for key, value in a.items() if key not in b)
    assert merged(result, b) == result

"""Score sheets: Japanese validation, the 0–100 weighted score, aggregation, disagreement, required, ranks."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.programs.engine.criteria import Criterion
from junkan.review.engine.scoring import (
    Mark,
    RequiredRule,
    RequiredStatus,
    ReviewPolicy,
    ScoreSheet,
    ScoringInputError,
    aggregate,
    competition_ranks,
    display,
    exact_sheet_score,
    sheet_score,
    to_decimal,
    validate_sheet,
)

GATE = Criterion(
    "1a",
    "公募要領の【2. 公募する事業の対象】に定める各要件を満たしているか",
    0,
    pass_fail=True,
    required=True,
)
CRITERIA = (
    GATE,
    Criterion("1b", "どの程度優れていると考えられるか", 2),
    Criterion("2", "地域の現状と課題の認識の妥当性・適切性", 1),
    Criterion(
        "4",
        "情報発信を行う場合は、より多様なステークホルダーに情報を発信する工夫がなされているか",
        1,
        not_applicable_allowed=True,
    ),
)
BY_TYPE = {"1": CRITERIA}


def sheet(
    member: int, application: int, gate: bool = True, p1: int = 5, p2: int = 5, p4: int | None = 5, **kw
) -> ScoreSheet:
    marks = {
        "1a": Mark(passed=gate, comment="" if gate else "要件aを満たさない"),
        "1b": Mark(points=p1),
        "2": Mark(points=p2),
        "4": Mark(points=p4) if p4 is not None else Mark(not_applicable=True),
    }
    return ScoreSheet(member, application, marks, **kw)


def messages(s: ScoreSheet) -> list[str]:
    return [problem.message for problem in validate_sheet(CRITERIA, s)]


def test_the_weighted_score_is_normalized_to_100():
    assert sheet_score(CRITERIA, sheet(1, 1)) == Decimal("100.0000000000")
    assert sheet_score(CRITERIA, sheet(1, 1, p1=0, p2=0, p4=0)) == 0
    # (2·4/5 + 1·3/5 + 1·1/5) / 4 × 100 = 60
    assert sheet_score(CRITERIA, sheet(1, 1, p1=4, p2=3, p4=1)) == 60
    # 該当なし drops the criterion: (2·4/5 + 1·3/5) / 3 × 100 = 73.33…
    assert exact_sheet_score(CRITERIA, sheet(1, 1, p1=4, p2=3, p4=None)) == Fraction(220, 3)
    assert sheet_score(CRITERIA, sheet(1, 1, p1=4, p2=3, p4=None)) == Decimal("73.3333333333")


def test_a_failed_gate_does_not_change_the_points():
    assert sheet_score(CRITERIA, sheet(1, 1, gate=False)) == 100


def test_scales_other_than_0_to_5():
    criteria = (
        Criterion("a", "A", 1, scale_min=1, scale_max=3),
        Criterion("b", "B", 3, scale_min=0, scale_max=10),
    )
    s = ScoreSheet(1, 1, {"a": Mark(points=2), "b": Mark(points=10)})
    assert exact_sheet_score(criteria, s) == Fraction(100 * (Fraction(1, 2) + 3), 4)


def test_a_complete_sheet_has_no_problems():
    assert validate_sheet(CRITERIA, sheet(1, 1)) == ()


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ({"1b": None}, "「どの程度優れていると考えられるか」の評点を入力してください（0～5）。"),
        (
            {"1a": None},
            "「公募要領の【2. 公募する事業の対象】に定める各要件を満たし…」の適否を選んでください。",
        ),
        ({"1b": Mark()}, "「どの程度優れていると考えられるか」の評点を入力してください（0～5）。"),
        (
            {"1b": Mark(points=6)},
            "「どの程度優れていると考えられるか」の評点は0から5までの整数で入力してください（入力値：6）。",
        ),
        ({"1b": Mark(points=-1)}, "の評点は0から5までの整数で入力してください（入力値：-1）。"),
        ({"1b": Mark(points=True)}, "の評点は0から5までの整数で入力してください"),
        (
            {"1b": Mark(passed=True)},
            "「どの程度優れていると考えられるか」は適・否ではなく、評点（0～5）で評価してください。",
        ),
        ({"1a": Mark(points=3)}, "は点数ではなく、適・否で判定してください。"),
        ({"1a": Mark(passed=False)}, "を「否」とする場合は、その理由をコメントに記入してください。"),
        (
            {"2": Mark(not_applicable=True)},
            "「地域の現状と課題の認識の妥当性・適切性」は「該当なし」にできません。",
        ),
        (
            {"4": Mark(points=3, not_applicable=True)},
            "に評価と「該当なし」の両方が入力されています。どちらかにしてください。",
        ),
        ({"9": Mark(points=3)}, "観点「9」はこの事業区分の審査の観点にありません。"),
    ],
)
def test_validation_messages_in_japanese(marks, expected):
    base = dict(sheet(1, 1).marks)
    for code, mark in marks.items():
        if mark is None:
            del base[code]
        else:
            base[code] = mark
    found = messages(ScoreSheet(1, 1, base))
    assert len(found) == 1 and expected in found[0], found


def test_an_invalid_sheet_has_no_score():
    with pytest.raises(ScoringInputError, match="評点を入力してください"):
        sheet_score(CRITERIA, ScoreSheet(1, 1, {}))


def test_a_sheet_with_every_scored_criterion_not_applicable_has_no_score():
    criteria = (Criterion("a", "A", not_applicable_allowed=True),)
    assert sheet_score(criteria, ScoreSheet(1, 1, {"a": Mark(not_applicable=True)})) is None


def test_rounding_half_up_for_display_from_the_exact_value():
    assert to_decimal(Fraction(2, 3), 2) == Decimal("0.67")
    assert to_decimal(Fraction(1, 8), 2) == Decimal("0.13")
    assert to_decimal(Fraction(-1, 8), 2) == Decimal("-0.13")
    assert display(Decimal("84.995")) == "85.00"
    assert display(Decimal("84.994")) == "84.99"
    assert display(None) == "－"


def test_aggregation_mean_spread_deviation():
    sheets = [sheet(1, 1, p1=5, p2=5, p4=5), sheet(2, 1, p1=4, p2=3, p4=1), sheet(3, 1, p1=4, p2=3, p4=None)]
    result = aggregate(BY_TYPE, {1: "1"}, sheets)[1]
    assert result.sheet_count == 3
    assert result.member_scores == {1: 100, 2: 60, 3: Decimal("73.3333333333")}
    assert result.score == Decimal("77.7777777778")  # (100 + 60 + 220/3) / 3
    assert result.display == "77.78"
    assert (result.minimum, result.maximum, result.spread) == (60, 100, 40)
    # Population standard deviation of 100, 60, 220/3 around 700/9: sqrt(22400/81) = 16.62958838566…
    assert result.std_dev == Decimal("16.6295883857")
    assert result.disagreement
    assert [(c.code, c.mean, c.marks, c.not_applicable) for c in result.criteria] == [
        ("1a", Decimal(1), 3, 0),
        ("1b", Decimal("4.3333333333"), 3, 0),
        ("2", Decimal("3.6666666667"), 3, 0),
        ("4", Decimal(3), 2, 1),
    ]
    assert result.rank == 1


def test_the_disagreement_threshold_is_inclusive_and_configurable():
    sheets = [sheet(1, 1, p1=5, p2=5, p4=5), sheet(2, 1, p1=4, p2=4, p4=4)]  # 100 and 80
    assert aggregate(BY_TYPE, {1: "1"}, sheets)[1].disagreement
    assert not aggregate(BY_TYPE, {1: "1"}, sheets, ReviewPolicy(disagreement_threshold=Decimal("20.01")))[
        1
    ].disagreement
    assert not aggregate(BY_TYPE, {1: "1"}, sheets[:1])[1].disagreement


def test_required_criteria_fail_by_majority_and_are_disputed_otherwise():
    applications = {1: "1", 2: "1", 3: "1"}
    sheets = [
        sheet(1, 1, gate=False),
        sheet(2, 1, gate=False),
        sheet(3, 1),  # 2 of 3: failed
        sheet(1, 2, gate=False),
        sheet(2, 2),
        sheet(3, 2),  # 1 of 3: disputed
        sheet(1, 3, gate=False),
        sheet(2, 3),  # 1 of 2 is not a majority: disputed
    ]
    results = aggregate(BY_TYPE, applications, sheets)
    assert [r.required[0].status for r in (results[1], results[2], results[3])] == [
        RequiredStatus.FAILED,
        RequiredStatus.DISPUTED,
        RequiredStatus.DISPUTED,
    ]
    assert (results[1].required[0].passes, results[1].required[0].fails) == (1, 2)
    assert results[1].failed_required and not results[1].disputed_required
    assert results[2].disputed_required and not results[2].failed_required
    assert results[1].rank is None  # not ranked: it cannot be adopted
    assert [results[2].rank, results[3].rank] == [1, 1]
    strict = aggregate(BY_TYPE, applications, sheets, ReviewPolicy(required_rule=RequiredRule.ANY))
    assert all(r.failed_required and r.rank is None for r in strict.values())


def test_competition_ranking_per_type_with_ties():
    assert competition_ranks({1: Fraction(90), 2: Fraction(80), 3: Fraction(80), 4: Fraction(70)}) == {
        1: 1,
        2: 2,
        3: 2,
        4: 4,
    }
    applications = {1: "1", 2: "1", 3: "1", 4: "1", 5: "3", 6: "3", 7: "1"}
    criteria = {"1": CRITERIA, "3": CRITERIA}
    sheets = [
        sheet(1, 1, p1=5),
        sheet(1, 2, p1=4),
        sheet(1, 3, p1=4),
        sheet(1, 4, p1=3),
        sheet(1, 5, p1=1),
        sheet(1, 6, p1=2),
    ]
    results = aggregate(criteria, applications, sheets)
    assert {a: r.rank for a, r in results.items()} == {1: 1, 2: 2, 3: 2, 4: 4, 7: None, 6: 1, 5: 2}
    assert list(results) == [1, 2, 3, 4, 7, 6, 5]  # by type, rank, id; unranked last in its type
    assert results[7].score is None and results[7].sheet_count == 0 and results[7].display == "－"
    assert results[7].required[0].status is RequiredStatus.UNJUDGED


def test_exactly_equal_scores_tie_even_when_decimals_would_round_differently():
    # 100/3 + 200/3 = 100 = 50 + 50: exact arithmetic makes the two means equal.
    criteria = {"x": (Criterion("a", "A", 1, scale_min=0, scale_max=3),)}
    marks = {p: {"a": Mark(points=p)} for p in range(4)}
    sheets = [
        ScoreSheet(1, 1, marks[1]),
        ScoreSheet(2, 1, marks[2]),
        ScoreSheet(1, 2, marks[0]),
        ScoreSheet(2, 2, marks[3]),
    ]
    results = aggregate(criteria, {1: "x", 2: "x"}, sheets)
    assert results[1].rank == results[2].rank == 1


def test_bad_sheets_are_refused_with_every_problem():
    with pytest.raises(ScoringInputError) as caught:
        aggregate(
            BY_TYPE,
            {1: "1", 2: "9"},
            [sheet(1, 1), sheet(1, 1), sheet(1, 5), sheet(1, 2), ScoreSheet(2, 1, {})],
        )
    problems = caught.value.problems
    assert "委員1・申請1の採点票：同じ委員の採点票が重複しています。" in problems
    assert "委員1・申請5の採点票：対象の申請がありません。" in problems
    assert "委員1・申請2の採点票：事業区分「9」の審査の観点がありません。" in problems
    assert any(p.startswith("委員2・申請1の採点票：") and "評点を入力してください" in p for p in problems)


points = st.integers(0, 5)


@settings(max_examples=200, deadline=None)
@given(p1=points, p2=points, p4=st.none() | points, bump=st.sampled_from(["1b", "2"]))
def test_the_score_stays_in_0_to_100_and_grows_with_points(p1, p2, p4, bump):
    s = sheet(1, 1, p1=p1, p2=p2, p4=p4)
    value = exact_sheet_score(CRITERIA, s)
    assert value is not None and 0 <= value <= 100
    if (p1 if bump == "1b" else p2) < 5:
        higher = sheet(1, 1, p1=p1 + (bump == "1b"), p2=p2 + (bump == "2"), p4=p4)
        assert exact_sheet_score(CRITERIA, higher) > value


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(points, points, points), min_size=1, max_size=6))
def test_the_mean_lies_between_the_extremes_and_the_spread_is_their_difference(marks):
    sheets = [sheet(m, 1, p1=a, p2=b, p4=c) for m, (a, b, c) in enumerate(marks)]
    result = aggregate(BY_TYPE, {1: "1"}, sheets)[1]
    assert result.minimum <= result.score <= result.maximum
    assert result.spread == result.maximum - result.minimum
    assert result.std_dev <= result.spread
    assert result.disagreement == (result.spread >= 20)

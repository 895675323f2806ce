"""The proposed adoption set (採択案): the highest total score that fits each project type's budget.

The calls decide adoption within the money available: seed 002 3.(2)「環境省から交付を受けた補助金の
範囲内において補助金の採否を決定します」; seed 003 8.「審査委員会は、補助事業者を選定し、予算の範囲内に
おいて採択案件を決定（内示）する」. Applications that do not meet the basic requirements are not accepted
(seed 002 3.(1)「対象事業の基本的要件に適合しない応募申請、または提出された応募書類に不備がある場合は、
受理できません」), so candidates marked ineligible, or that failed a required criterion (``scoring``), are
excluded, as are those without a score or with a score of 0. The committee may still attach conditions or
decide otherwise; this is a proposal (seed 002 3.(2)「採択に条件を付し」).

Per type this is a 0/1 knapsack: maximize Σ score subject to Σ amount ≤ budget, amounts in int yen.
Budgets up to ~10^10 yen rule out a table over yen, so the solver is an exact depth-first
branch-and-bound: items sorted by score per yen, the bound of a node is its LP relaxation (the greedy fill
with one fractional item, Dantzig's bound) tightened to Martello and Toth's U2 (the critical item either
left out or forced in), and the incumbent starts from the greedy solution. Scores (Decimal, at most 10
places) are scaled to integers so every comparison is exact.

Ties: among sets of equal total score the proposal is the one that adopts the best-ranked application that
differs, then the next (by rank, then id). This is built into the objective: item i of n, at position p_i in
(rank, id) order, is worth score_i·2^n + 2^(n−1−p_i); the bonus sum is below 2^n, so it only decides between
equal scores, and no two sets are worth the same, which makes the answer unique and deterministic.

After ``node_limit`` nodes the search stops and returns the best set found with a proven bound: the largest LP
bound of the nodes not yet explored. The result then says "within X points of optimal" instead of "optimal".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import accumulate
from typing import Final

from junkan.jp.money import format_yen

SCORE_PLACES: Final = 10
DEFAULT_NODE_LIMIT: Final = 200_000
DEFAULT_NEXT: Final = 5


class AdoptionInputError(ValueError):
    """Inputs that cannot be used (negative amounts, missing budgets, duplicate ids); Japanese message."""


class ExclusionReason(StrEnum):
    """Why a candidate is not in the proposal at all."""

    INELIGIBLE = "ineligible"
    FAILED_REQUIRED = "failed_required"
    NO_SCORE = "no_score"
    ZERO_SCORE = "zero_score"


EXCLUSION_LABELS: Final[dict[ExclusionReason, str]] = {
    ExclusionReason.INELIGIBLE: "基本的要件に適合しない、又は応募書類に不備があるため対象外",
    ExclusionReason.FAILED_REQUIRED: "必須の審査の観点を満たさないため対象外",
    ExclusionReason.NO_SCORE: "提出された採点票がないため対象外",
    ExclusionReason.ZERO_SCORE: "評点が0点のため対象外",
}


@dataclass(frozen=True)
class Candidate:
    """An application as the proposal sees it: type, amount requested (int yen), score, rank, flags."""

    application_id: int
    project_type: str
    amount: int
    score: Decimal | None
    rank: int | None = None
    eligible: bool = True
    failed_required: bool = False


@dataclass(frozen=True)
class Excluded:
    """A candidate left out before the knapsack, with the reason."""

    application_id: int
    reason: ExclusionReason

    @property
    def label(self) -> str:
        """The reason in Japanese."""
        return EXCLUSION_LABELS[self.reason]


@dataclass(frozen=True)
class NextCandidate:
    """A candidate not adopted, in rank order: its amount and whether it would fit in what remains."""

    application_id: int
    rank: int | None
    score: Decimal
    amount: int
    fits_remaining: bool


@dataclass(frozen=True)
class KnapsackResult:
    """The chosen item indices, their integer value, the proven upper bound, the nodes, and completeness."""

    chosen: tuple[int, ...]
    value: int
    upper_bound: int
    nodes: int
    complete: bool


@dataclass(frozen=True)
class TypeProposal:
    """The proposal for one project type within its budget."""

    project_type: str
    budget: int
    chosen: tuple[int, ...]
    total_amount: int
    total_score: Decimal
    remaining: int
    optimal: bool
    upper_bound: Decimal
    nodes: int
    lowest_adopted: int | None
    first_not_adopted: int | None
    next_candidates: tuple[NextCandidate, ...]
    excluded: tuple[Excluded, ...]

    @property
    def gap(self) -> Decimal:
        """How many points the proposal can at most be below the optimum (0 when optimal)."""
        return self.upper_bound - self.total_score

    @property
    def status(self) -> str:
        """「最適解です。」 or 「最適解との差は最大 X 点以内です。」 in Japanese."""
        if self.optimal:
            return "予算の範囲内で合計点が最大となる組合せ（最適解）です。"
        if self.gap == 0:
            return "合計点は最大（最適）です。同点の組合せの中での選択は探索の上限により確定していません。"
        return (
            f"探索の上限に達したため、最適解との差は最大{self.gap.normalize():f}点以内です"
            f"（合計点の上限は{self.upper_bound.normalize():f}点）。"
        )

    @property
    def summary(self) -> str:
        """One line for the committee: count, amount, remaining."""
        return (
            f"採択案{len(self.chosen)}件、合計{format_yen(self.total_amount)}、"
            f"予算残{format_yen(self.remaining)}（予算{format_yen(self.budget)}）"
        )


def _bound(
    start: int,
    room: int,
    value: int,
    weights: Sequence[int],
    values: Sequence[int],
    wsum: Sequence[int],
    vsum: Sequence[int],
) -> int:
    """Upper bound of a node: the Martello–Toth bound U2, never above the LP (Dantzig) bound, floored."""
    # Items start..critical-1 fit whole (wsum[critical] - wsum[start] <= room); ``critical`` does not.
    critical = bisect_right(wsum, wsum[start] + room, lo=start) - 1
    base = value + vsum[critical] - vsum[start]
    if critical == len(weights):
        return base
    left = room - (wsum[critical] - wsum[start])
    # U0: the critical item left out, the room filled at the next item's ratio.
    after = critical + 1
    without = base + (values[after] * left // weights[after] if after < len(weights) else 0)
    if critical == start or weights[critical - 1] == 0:
        return without  # The critical item cannot be taken: nothing before it frees room.
    # U1: the critical item taken, the missing room freed at the previous item's ratio.
    before = critical - 1
    missing = weights[critical] - left
    with_it = base + values[critical] - (-(-values[before] * missing // weights[before]))
    return max(without, with_it)


def knapsack(
    weights: Sequence[int], values: Sequence[int], capacity: int, node_limit: int = DEFAULT_NODE_LIMIT
) -> KnapsackResult:
    """Exact 0/1 knapsack by branch-and-bound with the LP bound; indices refer to the input order."""
    count = len(weights)
    if any(w < 0 for w in weights) or any(v < 0 for v in values) or capacity < 0:
        raise AdoptionInputError("金額・評点・予算にマイナスの値は指定できません。")
    # Zero-cost items first, then by value per yen; ties keep the input order (the caller's preference).
    order = sorted(
        range(count),
        key=lambda i: (weights[i] != 0, -Fraction(values[i], weights[i]) if weights[i] else 0, i),
    )
    w = [weights[i] for i in order]
    v = [values[i] for i in order]
    wsum = [0, *accumulate(w)]
    vsum = [0, *accumulate(v)]

    best_value, best_mask, room = 0, 0, capacity
    for position in range(count):  # Greedy incumbent: every item that still fits, in ratio order.
        if w[position] <= room:
            room -= w[position]
            best_value += v[position]
            best_mask |= 1 << position

    # A node: (next position, room left, value so far, chosen bit mask).
    stack: list[tuple[int, int, int, int]] = [(0, capacity, 0, 0)]
    nodes = 0
    while stack:
        if nodes >= node_limit:
            break
        position, room, value, mask = stack.pop()
        nodes += 1
        if position == count:
            if value > best_value:
                best_value, best_mask = value, mask
            continue
        if _bound(position, room, value, w, v, wsum, vsum) <= best_value:
            continue
        # Everything left fits: take it all (the only completion that can beat the incumbent).
        if wsum[count] - wsum[position] <= room:
            stack.append(
                (
                    count,
                    room - (wsum[count] - wsum[position]),
                    value + vsum[count] - vsum[position],
                    mask | (((1 << count) - 1) ^ ((1 << position) - 1)),
                )
            )
            continue
        stack.append((position + 1, room, value, mask))
        if w[position] <= room:
            stack.append((position + 1, room - w[position], value + v[position], mask | (1 << position)))
    complete = not stack
    upper = best_value
    for position, room, value, _mask in stack:
        upper = max(upper, _bound(position, room, value, w, v, wsum, vsum) if position < count else value)
    chosen = tuple(sorted(order[p] for p in range(count) if best_mask >> p & 1))
    return KnapsackResult(chosen=chosen, value=best_value, upper_bound=upper, nodes=nodes, complete=complete)


def _scaled(score: Decimal) -> int:
    """A score as an integer count of 10^-10 points; AdoptionInputError when it has more places."""
    scaled = score.scaleb(SCORE_PLACES)
    if scaled != scaled.to_integral_value():
        raise AdoptionInputError(f"評点は小数点以下{SCORE_PLACES}桁までで指定してください（{score}）。")
    return int(scaled)


def _preference(candidate: Candidate) -> tuple[bool, int, Decimal, int]:
    """Rank order: ranked before unranked, then rank, then higher score, then id."""
    score = candidate.score if candidate.score is not None else Decimal(0)
    return candidate.rank is None, candidate.rank or 0, -score, candidate.application_id


def _exclusion(candidate: Candidate) -> ExclusionReason | None:
    """Why a candidate cannot be in the proposal, if it cannot."""
    if not candidate.eligible:
        return ExclusionReason.INELIGIBLE
    if candidate.failed_required:
        return ExclusionReason.FAILED_REQUIRED
    if candidate.score is None:
        return ExclusionReason.NO_SCORE
    if candidate.score <= 0:
        return ExclusionReason.ZERO_SCORE
    return None


def propose_type(
    project_type: str,
    candidates: Sequence[Candidate],
    budget: int,
    node_limit: int = DEFAULT_NODE_LIMIT,
    next_count: int = DEFAULT_NEXT,
) -> TypeProposal:
    """The proposal for one type: chosen ids in rank order, totals, the cut line and the next candidates."""
    excluded = tuple(
        Excluded(c.application_id, reason)
        for c in sorted(candidates, key=_preference)
        if (reason := _exclusion(c)) is not None
    )
    pool = sorted((c for c in candidates if _exclusion(c) is None), key=_preference)
    count = len(pool)
    weights = [c.amount for c in pool]
    # Scores dominate; the bonus 2^(n-1-position) only separates equal totals, preferring better ranks.
    values = [
        _scaled(c.score or Decimal(0)) * (1 << count) + (1 << (count - 1 - p)) for p, c in enumerate(pool)
    ]
    result = knapsack(weights, values, budget, node_limit)
    chosen = [pool[i] for i in result.chosen]
    chosen_ids = {c.application_id for c in chosen}
    total_amount = sum(c.amount for c in chosen)
    total_score = sum((c.score or Decimal(0) for c in chosen), Decimal(0))
    remaining = budget - total_amount
    upper = Decimal(result.upper_bound >> count).scaleb(-SCORE_PLACES) if count else Decimal(0)
    not_chosen = [c for c in pool if c.application_id not in chosen_ids]
    return TypeProposal(
        project_type=project_type,
        budget=budget,
        chosen=tuple(c.application_id for c in chosen),
        total_amount=total_amount,
        total_score=total_score,
        remaining=remaining,
        optimal=result.complete,
        upper_bound=max(upper, total_score),
        nodes=result.nodes,
        lowest_adopted=chosen[-1].application_id if chosen else None,
        first_not_adopted=not_chosen[0].application_id if not_chosen else None,
        next_candidates=tuple(
            NextCandidate(c.application_id, c.rank, c.score or Decimal(0), c.amount, c.amount <= remaining)
            for c in not_chosen[:next_count]
        ),
        excluded=excluded,
    )


def propose(
    candidates: Iterable[Candidate],
    budgets: Mapping[str, int],
    node_limit: int = DEFAULT_NODE_LIMIT,
    next_count: int = DEFAULT_NEXT,
) -> dict[str, TypeProposal]:
    """The proposal of every project type that has a budget; candidates of other types are an input error."""
    candidates = list(candidates)
    ids = [c.application_id for c in candidates]
    if len(ids) != len(set(ids)):
        raise AdoptionInputError("同じ申請が候補に重複しています。")
    if any(c.amount < 0 for c in candidates):
        raise AdoptionInputError("申請額にマイナスの金額は指定できません。")
    if any(not isinstance(b, int) or isinstance(b, bool) or b < 0 for b in budgets.values()):
        raise AdoptionInputError("予算額は0円以上の整数（円）で指定してください。")
    missing = sorted({c.project_type for c in candidates} - set(budgets))
    if missing:
        raise AdoptionInputError(f"予算額が設定されていない事業区分があります：{'、'.join(missing)}")
    return {
        project_type: propose_type(
            project_type,
            [c for c in candidates if c.project_type == project_type],
            budgets[project_type],
            node_limit,
            next_count,
        )
        for project_type in sorted(budgets)
    }

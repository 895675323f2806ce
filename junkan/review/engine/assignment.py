"""Automatic assignment of reviewers (審査委員の割当て): k per application, no conflicts, an even load.

The calls have each application examined by the committee's members (seed 002 3.(2)「審査委員による審査」;
seed 003 8.「審査委員会による審査」); the review issue asks that every application get the configured number
of reviewers, that conflicts of interest be respected (``coi``), that manual assignments stay, and that the
load be spread evenly. Here "evenly" means: the difference between the largest and the smallest number of
applications a member has (manual ones included) is as small as possible.

Method, and why it is optimal. Every application ``a`` still needs ``need[a] = k − (its manual reviewers)``
new reviewers among the members it is not conflicted with and not already assigned to; member ``m`` starts
from ``base[m]`` manual assignments. Whether loads can all lie in ``[lo, hi]`` is a flow problem: source →
application (exactly ``need[a]``) → member (at most 1 per pair, only allowed pairs) → sink (between
``lo − base[m]`` and ``hi − base[m]``); it is decided exactly by a max-flow with lower bounds (``flow``).
Being feasible for ``hi`` alone is monotone in ``hi``, and for ``lo`` alone monotone in ``lo``, so binary
search finds the smallest possible maximum load ``hi*`` and the largest possible minimum load ``lo*``. The
member-load vectors reachable this way are the integer points of a base polyhedron (an M-convex set) shifted
by ``base``, and such a set has an element that attains both at once (Frank & Murota, "Discrete decreasing
minimization", 2022: a decreasingly minimal element is increasingly maximal, so it minimizes the maximum and
maximizes the minimum). Hence ``[lo*, hi*]`` is feasible and ``hi* − lo*`` is the least spread any
assignment can have; the code checks that feasibility rather than relying on the theorem, and widens the
window step by step if it ever failed. Without conflicts and manual assignments, with k ≤ number of members,
the spread is at most 1 (the cyclic assignment achieves it).

When an application has fewer than k members it may be given (conflicts, too few members), the assignment is
infeasible: that application gets every member it can, the others are assigned as usual, and the result lists
the shortages with a Japanese message. Manual assignments that have become conflicted (e.g. a conflict
declared after the assignment) are returned as ``withdrawn``, to be removed, and are not counted.

Deterministic: ids are sorted before the network is built, and Dinic's algorithm explores arcs in order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from junkan.review.engine.flow import INFINITE, Arc, feasible_flow

Pair = tuple[int, int]  # (member id, application id)


class AssignmentInputError(ValueError):
    """Inputs that cannot be assigned (unknown ids, k < 1); the message is Japanese."""


@dataclass(frozen=True)
class Shortage:
    """An application that cannot get k reviewers: how many it needs and how many it can have."""

    application_id: int
    needed: int
    available: int


@dataclass(frozen=True)
class AssignmentResult:
    """The full assignment (manual kept plus automatic added), loads, and what could not be done."""

    pairs: tuple[Pair, ...]
    added: tuple[Pair, ...]
    kept: tuple[Pair, ...]
    withdrawn: tuple[Pair, ...]
    loads: Mapping[int, int]
    shortages: tuple[Shortage, ...]

    @property
    def feasible(self) -> bool:
        """Whether every application got its k reviewers."""
        return not self.shortages

    @property
    def spread(self) -> int:
        """The largest load minus the smallest (0 without members)."""
        return max(self.loads.values()) - min(self.loads.values()) if self.loads else 0

    def reviewers(self, application_id: int) -> tuple[int, ...]:
        """The members assigned to an application, in id order."""
        return tuple(member for member, application in self.pairs if application == application_id)

    def message(self, labels: Mapping[int, str] | None = None) -> str | None:
        """The Japanese message listing the applications without enough reviewers, or None."""
        return shortage_message(self.shortages, labels)


def shortage_message(shortages: Iterable[Shortage], labels: Mapping[int, str] | None = None) -> str | None:
    """「利益相反のない審査委員が足りないため、次の申請に必要な人数を割り当てられません：…」, or None."""
    shortages = list(shortages)
    if not shortages:
        return None
    labels = labels or {}
    items = "、".join(
        f"{labels.get(s.application_id, f'申請{s.application_id}')}"
        f"（必要{s.needed}名、割当て可能{s.available}名）"
        for s in shortages
    )
    return (
        f"利益相反のない審査委員が足りないため、次の{len(shortages)}件の申請に必要な人数の審査委員を"
        f"割り当てられません：{items}。審査委員を追加するか、割当て人数を見直してください。"
    )


@dataclass(frozen=True)
class _Plan:
    """What remains to be assigned: each application's allowed members and need, each member's base load."""

    members: tuple[int, ...]
    applications: tuple[int, ...]
    allowed: Mapping[int, tuple[int, ...]]
    need: Mapping[int, int]
    base: Mapping[int, int]

    @property
    def total(self) -> int:
        """All assignments at the end: base plus needs."""
        return sum(self.base.values()) + sum(self.need.values())


def _solve(plan: _Plan, lo: int, hi: int) -> list[Pair] | None:
    """The new pairs giving every member a load in [lo, hi], or None when impossible."""
    members, applications = plan.members, [a for a in plan.applications if plan.need[a] > 0]
    node = {("m", m): index for index, m in enumerate(members)}
    node.update({("a", a): len(members) + index for index, a in enumerate(applications)})
    source, sink = len(node), len(node) + 1
    arcs = [Arc(sink, source, 0, INFINITE)]
    pair_arcs: list[tuple[int, Pair]] = []
    for application in applications:
        need = plan.need[application]
        arcs.append(Arc(source, node["a", application], need, need))
        for member in plan.allowed[application]:
            pair_arcs.append((len(arcs), (member, application)))
            arcs.append(Arc(node["a", application], node["m", member], 0, 1))
    for member in members:
        lower, upper = max(0, lo - plan.base[member]), hi - plan.base[member]
        if upper < lower:
            return None
        arcs.append(Arc(node["m", member], sink, lower, upper))
    flows = feasible_flow(sink + 1, arcs)
    if flows is None:
        return None
    return [pair for index, pair in pair_arcs if flows[index] == 1]


def _smallest_max(plan: _Plan) -> int:
    """The least possible maximum load (binary search; feasibility is monotone in the bound)."""
    low = max([*plan.base.values(), -(-plan.total // len(plan.members))])
    # Each application adds at most one to a member, so this bound is always feasible.
    high = max(low, max(plan.base.values()) + sum(1 for need in plan.need.values() if need > 0))
    while low < high:
        middle = (low + high) // 2
        if _solve(plan, 0, middle) is None:
            low = middle + 1
        else:
            high = middle
    return low


def _largest_min(plan: _Plan, hi: int) -> int:
    """The greatest possible minimum load (binary search), given a maximum at which the plan is feasible."""
    low, high = min(plan.base.values()), min(plan.total // len(plan.members), hi)
    while low < high:
        middle = (low + high + 1) // 2
        if _solve(plan, middle, INFINITE // 4) is None:
            high = middle - 1
        else:
            low = middle
    return low


def _plan(
    applications: Collection[int],
    members: Collection[int],
    reviewers_per_application: int,
    forbidden: Collection[Pair],
    kept: Collection[Pair],
) -> tuple[_Plan, list[Shortage]]:
    """Needs, allowed members and base loads; the shortages where too few members are allowed."""
    member_ids, application_ids = tuple(sorted(set(members))), tuple(sorted(set(applications)))
    base = dict.fromkeys(member_ids, 0)
    have: dict[int, set[int]] = {a: set() for a in application_ids}
    for member, application in kept:
        base[member] += 1
        have[application].add(member)
    allowed, need, shortages = {}, {}, []
    for application in application_ids:
        choices = tuple(
            m for m in member_ids if m not in have[application] and (m, application) not in forbidden
        )
        wanted = max(0, reviewers_per_application - len(have[application]))
        if len(choices) < wanted:
            shortages.append(
                Shortage(application, reviewers_per_application, len(have[application]) + len(choices))
            )
        allowed[application], need[application] = choices, min(wanted, len(choices))
    return _Plan(member_ids, application_ids, allowed, need, base), shortages


def assign(
    applications: Collection[int],
    members: Collection[int],
    reviewers_per_application: int,
    forbidden: Collection[Pair] = frozenset(),
    manual: Collection[Pair] = frozenset(),
) -> AssignmentResult:
    """Give every application ``reviewers_per_application`` reviewers; see the module for the method."""
    if reviewers_per_application < 1:
        raise AssignmentInputError("1件あたりの審査委員の人数は1名以上にしてください。")
    forbidden = frozenset(forbidden)
    application_set, member_set = set(applications), set(members)
    unknown = sorted(p for p in set(manual) if p[0] not in member_set or p[1] not in application_set)
    if unknown:
        raise AssignmentInputError(f"審査委員または申請が見つからない割当てがあります：{unknown}")
    withdrawn = tuple(sorted(p for p in set(manual) if p in forbidden))
    kept = tuple(sorted(p for p in set(manual) if p not in forbidden))
    plan, shortages = _plan(application_set, member_set, reviewers_per_application, forbidden, kept)
    added: list[Pair] = []
    if sum(plan.need.values()) > 0:
        hi = _smallest_max(plan)
        lo = _largest_min(plan, hi)
        solution = _solve(plan, lo, hi)
        while solution is None:  # Not expected (see the module); widen rather than fail.
            lo = max(0, lo - 1)
            solution = _solve(plan, lo, hi)
        added = solution
    pairs = tuple(sorted([*kept, *added]))
    loads = dict.fromkeys(plan.members, 0)
    for member, _application in pairs:
        loads[member] += 1
    return AssignmentResult(
        pairs=pairs,
        added=tuple(sorted(added)),
        kept=kept,
        withdrawn=withdrawn,
        loads=loads,
        shortages=tuple(shortages),
    )

"""Support budgets: the consortium's per-case cap and cost kinds ①–⑤ (seed 000 ①), the support team's cap.

Seed 000 ①: 「支援内容（200万円程度を上限。請負先による執行）」 with the cost kinds
① 開催経費 ② 資料・広報資料の作成費 ③ 外部の専門家等の交通費及び謝金
④ 調査・マーケティング・地域経済循環分析などの委託費 ⑤ 先進地区への視察に要する経費 「など」:
the 「など」 becomes その他, which needs a reason. Seed 000 ②: 「1支援チーム派遣団体当たりの費用は、
請負者のコンサルティング料含め10,000千円を上限とする」. Amounts are int yen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

CONSORTIUM_DEFAULT_CAP: Final = 2_000_000
TEAM_COST_CAP: Final = 10_000_000


class CostKind(StrEnum):
    """The consortium's cost kinds ①–⑤ and その他."""

    MEETINGS = "meetings"
    MATERIALS = "materials"
    EXPERTS = "experts"
    COMMISSIONS = "commissions"
    STUDY_TOURS = "study_tours"
    OTHER = "other"


COST_KIND_LABELS: Final[dict[CostKind, str]] = {
    CostKind.MEETINGS: "① 地域コンソーシアムの開催経費",
    CostKind.MATERIALS: "② 資料・広報資料の作成費",
    CostKind.EXPERTS: "③ 外部の専門家等の交通費・謝金",
    CostKind.COMMISSIONS: "④ 調査・マーケティング・地域経済循環分析の委託費",
    CostKind.STUDY_TOURS: "⑤ 先進地区への視察経費",
    CostKind.OTHER: "その他",
}


@dataclass(frozen=True)
class Line:
    """One cost kind's planned and actual amounts (yen) and, for その他, the reason."""

    kind: CostKind
    planned: int = 0
    actual: int = 0
    reason: str = ""


def planned_total(lines: Iterable[Line]) -> int:
    """The sum of the planned amounts."""
    return sum(line.planned for line in lines)


def actual_total(lines: Iterable[Line]) -> int:
    """The sum of the actual (executed) amounts."""
    return sum(line.actual for line in lines)


def line_problems(line: Line) -> list[str]:
    """What is wrong with one line by itself, in Japanese (empty when nothing)."""
    problems: list[str] = []
    label = COST_KIND_LABELS[line.kind]
    if line.planned < 0 or line.actual < 0:
        problems.append(f"{label}の金額は0円以上で入力してください。")
    if line.kind is CostKind.OTHER and (line.planned or line.actual) and not line.reason.strip():
        problems.append("「その他」の経費には理由を入力してください。")
    return problems


def budget_problems(lines: Iterable[Line], cap: int) -> list[str]:
    """Every problem of a consortium budget against its cap: lines, then planned and actual totals."""
    lines = list(lines)
    problems = [p for line in lines for p in line_problems(line)]
    kinds = [line.kind for line in lines]
    if len(kinds) != len(set(kinds)):
        problems.append("同じ経費の区分が二度あります。")
    planned = planned_total(lines)
    actual = actual_total(lines)
    if planned > cap:
        problems.append(f"予定額の合計{planned:,}円が上限額{cap:,}円を超えています。")
    if actual > cap:
        problems.append(f"執行額の合計{actual:,}円が上限額{cap:,}円を超えています。")
    return problems


def remaining(cap: int, lines: Iterable[Line]) -> int:
    """What may still be executed under the cap (never negative)."""
    return max(cap - actual_total(lines), 0)


def team_cost_problems(
    consulting_fee: int, other_costs: Iterable[int], cap: int = TEAM_COST_CAP
) -> list[str]:
    """The support team's cost per region, consulting fee included, against the 10,000千円 cap."""
    costs = list(other_costs)
    problems: list[str] = []
    if consulting_fee < 0 or any(c < 0 for c in costs):
        problems.append("費用は0円以上で入力してください。")
    total = consulting_fee + sum(costs)
    if total > cap:
        problems.append(
            f"支援チームの費用{total:,}円（コンサルティング料を含む）が"
            f"上限{cap:,}円（{cap // 1000:,}千円）を超えています。"
        )
    return problems

"""The transition hearing (移行ヒアリング, seed 000): six criteria in two groups, and what may be decided.

Seed 000: 「構想が具体化した段階でヒアリングを実施し、以下の条件を満たした場合には
支援チームによる支援②に移行」.
Decided here: every criterion must be judged (met or not, with evidence and the panel's comment) before any
decision; moving to a support team needs all six met; continuing the consortium stage is possible only
when the case may still continue (its first year); ending is always possible once all are judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Group(StrEnum):
    """The two groups of criteria."""

    RELATIONSHIPS = "relationships"
    CONCEPT = "concept"


GROUP_LABELS: Final[dict[Group, str]] = {
    Group.RELATIONSHIPS: "地域の関係性の構築",
    Group.CONCEPT: "構想の経済合理性と持続可能性",
}


@dataclass(frozen=True)
class Criterion:
    """One criterion: its key, group, short name and the question as seed 000 asks it."""

    key: str
    group: Group
    name: str
    question: str


CRITERIA: Final[tuple[Criterion, ...]] = (
    Criterion(
        "stakeholders",
        Group.RELATIONSHIPS,
        "ステークホルダーの組織化",
        "地域の核となるステークホルダー（地元企業、地銀、NPOなど）を組織できているか。",
    ),
    Criterion(
        "partnership",
        Group.RELATIONSHIPS,
        "パートナーシップ",
        "官民連携などのパートナーシップは構築されているか。",
    ),
    Criterion(
        "management",
        Group.CONCEPT,
        "地域経営の観点",
        "地域内経済循環の拡大を目指すという地域経営の観点があるか。",
    ),
    Criterion(
        "resources",
        Group.CONCEPT,
        "地域資源の持続可能な活用",
        "地域内経済循環に寄与する地域資源の持続可能な活用につながっているか。",
    ),
    Criterion("private", Group.CONCEPT, "民間の知見・資金の活用", "民間の知見・資金の活用の観点があるか。"),
    Criterion(
        "wide_area",
        Group.CONCEPT,
        "広域連携",
        "広域連携（都市と農村の連携、流域連携等）を視野に入れているか。",
    ),
)
CRITERION_KEYS: Final = tuple(c.key for c in CRITERIA)


class Outcome(StrEnum):
    """The hearing's decision."""

    TEAM = "team"
    CONTINUE = "continue"
    END = "end"


OUTCOME_LABELS: Final[dict[Outcome, str]] = {
    Outcome.TEAM: "支援チームによる支援に移行する",
    Outcome.CONTINUE: "環境整備（コンソーシアム）の支援を継続する",
    Outcome.END: "支援を終了する",
}


@dataclass(frozen=True)
class Judgement:
    """The panel's judgement of one criterion: met (None while not judged), evidence and comment."""

    key: str
    met: bool | None
    evidence: str = ""
    comment: str = ""


def criterion(key: str) -> Criterion:
    """The criterion of a key (KeyError for an unknown key)."""
    for item in CRITERIA:
        if item.key == key:
            return item
    raise KeyError(key)


def unjudged(judgements: Iterable[Judgement]) -> list[Criterion]:
    """The criteria not yet judged: no answer, no evidence or no comment, in the seed's order."""
    given: Mapping[str, Judgement] = {j.key: j for j in judgements}
    missing = []
    for item in CRITERIA:
        judgement = given.get(item.key)
        if (
            judgement is None
            or judgement.met is None
            or not judgement.evidence.strip()
            or not judgement.comment.strip()
        ):
            missing.append(item)
    return missing


def all_met(judgements: Iterable[Judgement]) -> bool:
    """Whether every one of the six criteria is judged as met."""
    given = {j.key: j for j in judgements}
    return all(given.get(key) is not None and given[key].met is True for key in CRITERION_KEYS)


def decision_problem(judgements: Iterable[Judgement], outcome: Outcome, may_continue: bool) -> str | None:
    """Why this decision cannot be made now, in Japanese, or None."""
    judgements = list(judgements)
    missing = unjudged(judgements)
    if missing:
        names = "、".join(f"「{c.name}」" for c in missing)
        return (
            f"六つの観点すべてを判定してから決定してください（未判定：{names}。"
            "判定・根拠・コメントが必要です）。"
        )
    if outcome is Outcome.TEAM and not all_met(judgements):
        unmet = "、".join(f"「{criterion(j.key).name}」" for j in judgements if j.met is False)
        return f"支援チームへの移行は六つの観点すべてを満たす場合に限ります（満たしていない観点：{unmet}）。"
    if outcome is Outcome.CONTINUE and not may_continue:
        return "環境整備の支援は最長2年です。2年目の案件は継続できません。"
    return None

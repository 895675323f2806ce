"""Where a region stands (seed 000): 登録 → 環境整備 → (移行ヒアリング) → 支援チーム → 事業化, or 終了."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Stage(StrEnum):
    """The stages, with the keys of the open-data API."""

    REGISTERED = "registered"
    CONSORTIUM = "consortium"
    HEARING = "hearing"
    SUPPORT_TEAM = "support_team"
    BUSINESS = "business"
    ENDED = "ended"


STAGE_LABELS: Final[dict[Stage, str]] = {
    Stage.REGISTERED: "登録",
    Stage.CONSORTIUM: "環境整備",
    Stage.HEARING: "移行ヒアリング",
    Stage.SUPPORT_TEAM: "支援チーム",
    Stage.BUSINESS: "事業化",
    Stage.ENDED: "終了",
}
# The stages shown as steps on the region's page (ended is shown instead of the remaining steps).
PATH: Final = (Stage.REGISTERED, Stage.CONSORTIUM, Stage.SUPPORT_TEAM, Stage.BUSINESS)


@dataclass(frozen=True)
class Facts:
    """What decides a region's stage, read from its latest records."""

    consortium: bool = False
    hearing_pending: bool = False
    ended: bool = False
    team: bool = False
    business: bool = False


def stage_of(facts: Facts) -> Stage:
    """The furthest stage reached; ended only when no later stage goes on."""
    if facts.business:
        return Stage.BUSINESS
    if facts.team:
        return Stage.SUPPORT_TEAM
    if facts.ended:
        return Stage.ENDED
    if facts.hearing_pending:
        return Stage.HEARING
    if facts.consortium:
        return Stage.CONSORTIUM
    return Stage.REGISTERED


def step_index(stage: Stage) -> int:
    """The position of the stage on PATH (the hearing counts as the consortium step; ended as -1)."""
    if stage is Stage.ENDED:
        return -1
    if stage is Stage.HEARING:
        return PATH.index(Stage.CONSORTIUM)
    return PATH.index(stage)

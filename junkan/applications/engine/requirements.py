"""An application's requirements checklist as rows: each requirement, its answer, where the plan shows it.

The requirements are declared in the call's form specification (``requirements`` of a section, per project
type); the answers are that section's stored data. Pure Python: the reviewers' compact table and the tests
read the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from junkan.applications.engine.spec import MET, NOT_APPLICABLE, NOT_MET, RequirementSpec, SectionSpec

ANSWER_LABELS = {MET: "満たしている", NOT_MET: "満たしていない"}


@dataclass(frozen=True)
class Row:
    """One requirement with the answer (``yes``/``no``/``na`` or ``""``) and the place in the plan."""

    requirement: RequirementSpec
    answer: str
    where: str

    @property
    def answer_label(self) -> str:
        """The answer in the form's words, or 「未回答」."""
        if self.answer == NOT_APPLICABLE:
            return self.requirement.not_applicable or "該当しない"
        return ANSWER_LABELS.get(self.answer, "未回答")

    @property
    def is_met(self) -> bool:
        """Met, or not applicable where the requirement allows it (seed 002 ③e: only with 情報発信)."""
        return self.answer == MET or (self.answer == NOT_APPLICABLE and bool(self.requirement.not_applicable))

    @property
    def is_open(self) -> bool:
        """Unanswered, answered 「満たしていない」, or met without saying where."""
        return not self.is_met or (self.answer == MET and not self.where.strip())


def rows(section: SectionSpec, data: Mapping[str, Any]) -> list[Row]:
    """The requirements of ``section`` (already narrowed to the project type) with the answers in ``data``."""
    result = []
    for requirement in section.requirements:
        answer = data.get(requirement.key)
        where = data.get(requirement.where_key)
        result.append(
            Row(
                requirement,
                answer if answer in {MET, NOT_MET, NOT_APPLICABLE} else "",
                where if isinstance(where, str) else "",
            )
        )
    return result


def open_count(found: list[Row]) -> int:
    """How many requirements still keep the application from being submitted."""
    return sum(1 for row in found if row.is_open)

"""What is wrong with an input, field by field, in Japanese (shared by every economy engine)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with the inputs: the field (JSON path), a reason code and a Japanese message."""

    field: str
    code: str
    message: str


class EconomyInputError(ValueError):
    """The inputs cannot be computed; ``problems`` lists every one, each naming its field in Japanese."""

    def __init__(self, problems: Sequence[InputProblem]) -> None:
        """Keep the problems; the message joins theirs."""
        self.problems = tuple(problems)
        super().__init__(" ".join(problem.message for problem in self.problems))

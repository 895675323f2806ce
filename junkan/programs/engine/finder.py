"""The program finder: from the nature of a project, which call fits, as seed 003 §12 does with ◎○△.

The matrix is data passed in: each candidate (a call) marks each nature of a project with ◎ (より適合性が
ある), ○ (適合性がある) or △ (案件によっては適合性がある). A candidate scores 2 for ◎, 1 for ○ and 0 for △
or no mark on each nature the applicant ticks; the highest score is suggested (ties are all suggested,
since the call itself says the secretariat may point an applicant to the other program).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

MARK_SCORES: Final[dict[str, int]] = {"◎": 2, "○": 1, "△": 0}
MARK_MEANINGS: Final[dict[str, str]] = {
    "◎": "より適合性がある",
    "○": "適合性がある",
    "△": "案件によっては適合性がある",
}


@dataclass(frozen=True)
class Candidate:
    """A call in the matrix: a key, its name and its mark for each nature (nature code → ◎, ○ or △)."""

    key: str
    name: str
    fits: Mapping[str, str]


@dataclass(frozen=True)
class Suggestion:
    """How a candidate fits the chosen natures: its score, its marks in order, whether it is suggested."""

    candidate: Candidate
    score: int
    max_score: int
    marks: tuple[tuple[str, str | None], ...]
    best: bool


def check_fits(fits: Mapping[str, str], natures: Sequence[str]) -> list[str]:
    """Problems with a candidate's marks as written in data: unknown natures or marks."""
    problems = [f"事業の性質「{code}」はありません。" for code in fits if code not in natures]
    problems.extend(
        f"適合性「{mark}」は使えません（◎・○・△のいずれか）。"
        for mark in fits.values()
        if mark not in MARK_SCORES
    )
    return problems


def suggest(candidates: Sequence[Candidate], chosen: Sequence[str]) -> tuple[Suggestion, ...]:
    """Rank the candidates for the chosen natures, best first; ValueError if none is chosen."""
    natures = list(dict.fromkeys(chosen))
    if not natures:
        raise ValueError("choose at least one nature of the project")
    ranked = []
    for order, candidate in enumerate(candidates):
        marks = tuple((nature, candidate.fits.get(nature)) for nature in natures)
        score = sum(MARK_SCORES.get(mark or "", 0) for _, mark in marks)
        top_marks = sum(1 for _, mark in marks if mark == "◎")
        ranked.append((-score, -top_marks, order, candidate, score, marks))
    ranked.sort(key=lambda row: row[:3])
    best_score = ranked[0][4] if ranked else 0
    return tuple(
        Suggestion(candidate, score, 2 * len(natures), marks, best=score == best_score and score > 0)
        for *_, candidate, score, marks in ranked
    )

"""Score sheets (採点票), the weighted score of a sheet, aggregation per application, disagreement and ranks.

What is scored is each call's list of review criteria (``criteria``; seed 002 3.(2)
【想定される審査の項目】, seed 003 8.【審査項目】). A member fills one sheet per assigned application: a mark
per criterion (points on its scale, 適/否 for a pass/fail criterion, or 該当なし where allowed) with an
optional comment, and an overall comment.

- Sheet score (0–100): Σ weight·(points − min)/(max − min) / Σ weight × 100 over the scored criteria that
  apply; 該当なし removes the criterion from both sums; pass/fail criteria carry no points.
- Application score: the mean of its submitted sheets' scores (each member counts once), with the spread
  (max − min), the population standard deviation, and a disagreement flag when the spread reaches
  ``ReviewPolicy.disagreement_threshold`` (20 points by default).
- Required pass/fail criteria (e.g. seed 002 ①「公募要領の【2. 公募する事業の対象】に定める各要件を
  満たしているか」, seed 003「実施要領や公募要領に定める各要件を満たしているか」): decided here, the
  application fails when a strict majority of the submitted sheets judge 否 (``RequiredRule.MAJORITY``,
  default), so one member alone cannot exclude it; a 否 short of a majority marks it *disputed* for the
  committee to settle. With ``RequiredRule.ANY`` one 否 is enough. A 否 on a required criterion must give
  its reason in the comment.
- Rank per project type among the applications that have a score and have not failed a required criterion
  (those cannot be adopted: seed 002 3.(1)「対象事業の基本的要件に適合しない応募申請…は、受理できません」),
  by score, ties sharing a rank and skipping the next ones (competition ranking 1, 2, 2, 4).

Arithmetic is exact (``Fraction``); results are ``Decimal`` with 10 decimal places (ROUND_HALF_UP), and the
``display`` values are rounded half-up to 2 places from the exact value (no double rounding). Ranks compare
exact values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import Final

from junkan.programs.engine.criteria import Criterion

PLACES: Final = 10
DISPLAY_PLACES: Final = 2
DEFAULT_DISAGREEMENT: Final = Decimal(20)


class ScoringInputError(ValueError):
    """Sheets that cannot be aggregated; ``problems`` lists them in Japanese."""

    def __init__(self, problems: list[str]) -> None:
        """Keep the problems; the message lists them one per line."""
        self.problems = problems
        super().__init__("\n".join(problems))


class RequiredRule(StrEnum):
    """When a required pass/fail criterion counts as failed: by a majority of sheets, or by any sheet."""

    MAJORITY = "majority"
    ANY = "any"


class RequiredStatus(StrEnum):
    """The outcome of a required criterion for an application."""

    PASSED = "passed"
    DISPUTED = "disputed"
    FAILED = "failed"
    UNJUDGED = "unjudged"


REQUIRED_STATUS_LABELS: Final[dict[RequiredStatus, str]] = {
    RequiredStatus.PASSED: "適",
    RequiredStatus.DISPUTED: "要審議（否とした委員あり）",
    RequiredStatus.FAILED: "否",
    RequiredStatus.UNJUDGED: "未判定",
}


@dataclass(frozen=True)
class ReviewPolicy:
    """Choices of the aggregation: the disagreement threshold (0–100 points) and the required rule."""

    disagreement_threshold: Decimal = DEFAULT_DISAGREEMENT
    required_rule: RequiredRule = RequiredRule.MAJORITY


@dataclass(frozen=True)
class Mark:
    """A member's mark on one criterion: points, 適 (True) / 否 (False), or 該当なし; and a comment."""

    points: int | None = None
    passed: bool | None = None
    not_applicable: bool = False
    comment: str = ""


@dataclass(frozen=True)
class ScoreSheet:
    """One member's sheet for one application: a mark per criterion code, and an overall comment."""

    member_id: int
    application_id: int
    marks: Mapping[str, Mark] = field(default_factory=dict)
    overall_comment: str = ""


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong with a sheet: the criterion code ('' for the sheet), a reason code, a message."""

    criterion: str
    code: str
    message: str


def to_decimal(value: Fraction, places: int = PLACES) -> Decimal:
    """An exact value as a Decimal with ``places`` decimal places, rounded half-up (away from zero at .5)."""
    scaled = value * 10**places
    whole, rest = divmod(abs(scaled.numerator), scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return Decimal(-whole if scaled < 0 else whole).scaleb(-places)


def display(value: Decimal | None) -> str:
    """A score for people: 2 decimal places, half-up (「85.33」); 「－」 when there is none."""
    if value is None:
        return "－"
    return f"{value.quantize(Decimal(1).scaleb(-DISPLAY_PLACES), rounding=ROUND_HALF_UP)}"


def validate_sheet(criteria: Sequence[Criterion], sheet: ScoreSheet) -> tuple[SheetProblem, ...]:
    """Every problem of a sheet (missing marks, off the scale, 該当なし not allowed…); empty when complete."""
    problems: list[SheetProblem] = []
    codes = {criterion.code for criterion in criteria}
    for code in sorted(set(sheet.marks) - codes):
        problems.append(
            SheetProblem(code, "unknown", f"観点「{code}」はこの事業区分の審査の観点にありません。")
        )
    for criterion in criteria:
        problems.extend(_check_mark(criterion, sheet.marks.get(criterion.code)))
    return tuple(problems)


def _check_mark(criterion: Criterion, mark: Mark | None) -> list[SheetProblem]:
    """The problems of one mark against its criterion."""
    name = f"「{criterion.short_text}」"

    def problem(code: str, message: str) -> list[SheetProblem]:
        return [SheetProblem(criterion.code, code, message)]

    if mark is None or (mark.points is None and mark.passed is None and not mark.not_applicable):
        if criterion.pass_fail:
            return problem("missing", f"{name}の適否を選んでください。")
        return problem("missing", f"{name}の評点を入力してください（{criterion.scale_label}）。")
    if mark.not_applicable:
        if not criterion.not_applicable_allowed:
            return problem("not_applicable", f"{name}は「該当なし」にできません。")
        if mark.points is not None or mark.passed is not None:
            return problem(
                "ambiguous", f"{name}に評価と「該当なし」の両方が入力されています。どちらかにしてください。"
            )
        return []
    if criterion.pass_fail:
        if mark.points is not None or not isinstance(mark.passed, bool):
            return problem("pass_fail", f"{name}は点数ではなく、適・否で判定してください。")
        if criterion.required and mark.passed is False and not mark.comment.strip():
            return problem("reason", f"{name}を「否」とする場合は、その理由をコメントに記入してください。")
        return []
    points = mark.points
    if mark.passed is not None or points is None:
        return problem(
            "points", f"{name}は適・否ではなく、評点（{criterion.scale_label}）で評価してください。"
        )
    if (
        isinstance(points, bool)
        or not isinstance(points, int)
        or not criterion.scale_min <= points <= criterion.scale_max
    ):
        return problem(
            "out_of_scale",
            f"{name}の評点は{criterion.scale_min}から{criterion.scale_max}までの整数で入力してください（入力値：{points}）。",
        )
    return []


def exact_sheet_score(criteria: Sequence[Criterion], sheet: ScoreSheet) -> Fraction | None:
    """The exact 0–100 score of a valid sheet; None when every scored criterion is 該当なし."""
    problems = validate_sheet(criteria, sheet)
    if problems:
        raise ScoringInputError([problem.message for problem in problems])
    total, weights = Fraction(0), 0
    for criterion in criteria:
        mark = sheet.marks[criterion.code]
        if criterion.effective_weight == 0 or mark.not_applicable or mark.points is None:
            continue
        span = criterion.scale_max - criterion.scale_min
        total += Fraction(criterion.effective_weight * (mark.points - criterion.scale_min), span)
        weights += criterion.effective_weight
    return total * 100 / weights if weights else None


def sheet_score(criteria: Sequence[Criterion], sheet: ScoreSheet) -> Decimal | None:
    """The 0–100 score of a valid sheet as a Decimal (10 places); ScoringInputError when invalid."""
    exact = exact_sheet_score(criteria, sheet)
    return None if exact is None else to_decimal(exact)


@dataclass(frozen=True)
class RequiredOutcome:
    """A required pass/fail criterion for one application: how many sheets said 適 and 否, and the outcome."""

    code: str
    text: str
    passes: int
    fails: int
    status: RequiredStatus


@dataclass(frozen=True)
class CriterionSummary:
    """A criterion over an application's sheets: mean points (or share of 適), marks, 該当なし count."""

    code: str
    text: str
    mean: Decimal | None
    marks: int
    not_applicable: int


@dataclass(frozen=True)
class ApplicationResult:
    """The aggregation of one application: its score, spread, flags, required outcomes and rank."""

    application_id: int
    project_type: str
    sheet_count: int
    member_scores: Mapping[int, Decimal | None]
    score: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None
    spread: Decimal | None
    std_dev: Decimal | None
    disagreement: bool
    required: tuple[RequiredOutcome, ...]
    criteria: tuple[CriterionSummary, ...]
    rank: int | None
    exact_score: Fraction | None = field(default=None, repr=False, compare=False)

    @property
    def failed_required(self) -> bool:
        """Whether a required criterion failed (the application cannot be adopted)."""
        return any(outcome.status is RequiredStatus.FAILED for outcome in self.required)

    @property
    def disputed_required(self) -> bool:
        """Whether some member judged a required criterion 否 without it failing."""
        return any(outcome.status is RequiredStatus.DISPUTED for outcome in self.required)

    @property
    def display(self) -> str:
        """The score rounded half-up to 2 places from its exact value, 「－」 without sheets."""
        return "－" if self.exact_score is None else display(to_decimal(self.exact_score, DISPLAY_PLACES))


def _required_outcome(criterion: Criterion, marks: list[Mark], rule: RequiredRule) -> RequiredOutcome:
    """Count 適 and 否 and decide by the rule."""
    passes = sum(1 for mark in marks if mark.passed is True)
    fails = sum(1 for mark in marks if mark.passed is False)
    if passes + fails == 0:
        status = RequiredStatus.UNJUDGED
    elif fails and (rule is RequiredRule.ANY or 2 * fails > passes + fails):
        status = RequiredStatus.FAILED
    elif fails:
        status = RequiredStatus.DISPUTED
    else:
        status = RequiredStatus.PASSED
    return RequiredOutcome(criterion.code, criterion.text, passes, fails, status)


def _summary(criterion: Criterion, marks: list[Mark]) -> CriterionSummary:
    """Mean points of a scored criterion, or the share of 適 (0–1) of a pass/fail one."""
    applicable = [mark for mark in marks if not mark.not_applicable]
    if criterion.pass_fail:
        values = [Fraction(1 if mark.passed else 0) for mark in applicable]
    else:
        values = [Fraction(mark.points or 0) for mark in applicable]
    mean = to_decimal(sum(values, Fraction(0)) / len(values)) if values else None
    return CriterionSummary(
        criterion.code, criterion.text, mean, len(applicable), len(marks) - len(applicable)
    )


def _sqrt(value: Fraction) -> Decimal:
    """The square root of a non-negative exact value, to 10 places (half-up)."""
    with localcontext() as context:
        context.prec = 60
        root = (Decimal(value.numerator) / Decimal(value.denominator)).sqrt()
        return root.quantize(Decimal(1).scaleb(-PLACES), rounding=ROUND_HALF_UP)


def _result(
    application_id: int,
    project_type: str,
    criteria: Sequence[Criterion],
    sheets: list[ScoreSheet],
    policy: ReviewPolicy,
) -> ApplicationResult:
    """Aggregate one application's valid sheets (rank left empty)."""
    exact = {sheet.member_id: exact_sheet_score(criteria, sheet) for sheet in sheets}
    scores = [value for value in exact.values() if value is not None]
    mean = sum(scores, Fraction(0)) / len(scores) if scores else None
    low, high = (min(scores), max(scores)) if scores else (None, None)
    spread = high - low if high is not None and low is not None else None
    variance = sum(((s - mean) ** 2 for s in scores), Fraction(0)) / len(scores) if mean is not None else None
    return ApplicationResult(
        application_id=application_id,
        project_type=project_type,
        sheet_count=len(sheets),
        member_scores={
            member: None if value is None else to_decimal(value) for member, value in sorted(exact.items())
        },
        score=None if mean is None else to_decimal(mean),
        minimum=None if low is None else to_decimal(low),
        maximum=None if high is None else to_decimal(high),
        spread=None if spread is None else to_decimal(spread),
        std_dev=None if variance is None else _sqrt(variance),
        disagreement=spread is not None and spread >= Fraction(policy.disagreement_threshold),
        required=tuple(
            _required_outcome(c, [s.marks[c.code] for s in sheets], policy.required_rule)
            for c in criteria
            if c.pass_fail and c.required
        ),
        criteria=tuple(_summary(c, [s.marks[c.code] for s in sheets]) for c in criteria),
        rank=None,
        exact_score=mean,
    )


def competition_ranks(scores: Mapping[int, Fraction]) -> dict[int, int]:
    """Rank 1 for the highest; equal scores share a rank and the next ranks are skipped (1, 2, 2, 4)."""
    ordered = sorted(scores.values(), reverse=True)
    first: dict[Fraction, int] = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in sorted(scores.items())}


def aggregate(
    criteria_by_type: Mapping[str, Sequence[Criterion]],
    applications: Mapping[int, str],
    sheets: Iterable[ScoreSheet],
    policy: ReviewPolicy | None = None,
) -> dict[int, ApplicationResult]:
    """Results of every application (id → project type code) from the submitted sheets; ranks per type."""
    policy = policy or ReviewPolicy()
    problems: list[str] = []
    by_application: dict[int, list[ScoreSheet]] = {application: [] for application in applications}
    seen: set[tuple[int, int]] = set()
    for sheet in sheets:
        where = f"委員{sheet.member_id}・申請{sheet.application_id}の採点票"
        if sheet.application_id not in applications:
            problems.append(f"{where}：対象の申請がありません。")
            continue
        if (sheet.member_id, sheet.application_id) in seen:
            problems.append(f"{where}：同じ委員の採点票が重複しています。")
            continue
        seen.add((sheet.member_id, sheet.application_id))
        criteria = criteria_by_type.get(applications[sheet.application_id])
        if criteria is None:
            problems.append(
                f"{where}：事業区分「{applications[sheet.application_id]}」の審査の観点がありません。"
            )
            continue
        problems.extend(f"{where}：{problem.message}" for problem in validate_sheet(criteria, sheet))
        by_application[sheet.application_id].append(sheet)
    if problems:
        raise ScoringInputError(problems)
    results = {
        application: _result(
            application,
            applications[application],
            criteria_by_type.get(applications[application], ()),
            sorted(by_application[application], key=lambda sheet: sheet.member_id),
            policy,
        )
        for application in sorted(applications)
    }
    for project_type in sorted(set(applications.values())):
        ranked = {
            r.application_id: r.exact_score
            for r in results.values()
            if r.project_type == project_type and r.exact_score is not None and not r.failed_required
        }
        for application, rank in competition_ranks(ranked).items():
            results[application] = _with_rank(results[application], rank)
    order = sorted(
        results.values(), key=lambda r: (r.project_type, r.rank is None, r.rank or 0, r.application_id)
    )
    return {r.application_id: r for r in order}


def _with_rank(result: ApplicationResult, rank: int) -> ApplicationResult:
    """A copy with its rank set."""
    return replace(result, rank=rank)

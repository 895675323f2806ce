"""The review criteria (審査の観点) of a call as data, and their validator.

The criteria come from the calls' own lists:

- FY2019 (seed 002) 3.(2)「応募者より提出された応募書類を基に、以下の項目等について審査委員による審査を行い」
  and 【想定される審査の項目】: five items for types ① and ② (「②…上記①と同じ」), four for type ③;
- FY2015 (seed 003) 8.「以下の項目等について審査委員会による審査を行う」and 【審査項目】: nine items, the
  same for both types.

A criterion is either scored on an integer scale (``scale_min``–``scale_max``, 0–5 in the shipped files) with
a ``weight``, or judged pass/fail (``pass_fail``: 適・否). A ``required`` pass/fail criterion is a gate: an
application that fails it cannot be adopted (seed 002 3.(1)「対象事業の基本的要件に適合しない応募申請…は、
受理できません」). Pass/fail criteria carry no points, so their weight is not used (``effective_weight``
is 0).
``not_applicable_allowed`` lets a member mark a criterion 該当なし, e.g. seed 002 ③「情報発信を行う場合は、
…」for a council that does no information dissemination; such a criterion then counts neither for nor
against the application.

The keys are those of ``review_criteria`` in the programs data form (``code``, ``text``, ``weight``,
``pass_fail``) plus ``scale_min``, ``scale_max``, ``required`` and ``not_applicable_allowed``; their defaults
are those of the data form, so rows of the existing programs tables read as criteria on the 0–5 scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

FORMAT: Final = 1
MAX_WEIGHT: Final = 100
MAX_SCALE: Final = 100
DEFAULTS: Final[dict[str, Any]] = {
    "weight": 1,
    "pass_fail": False,
    "scale_min": 0,
    "scale_max": 5,
    "required": False,
    "not_applicable_allowed": False,
}
KEYS: Final = ("code", "text", *DEFAULTS)


class CriteriaDataError(ValueError):
    """Criteria that cannot be used; ``problems`` says where and what, in Japanese."""

    def __init__(self, problems: list[str]) -> None:
        """Keep the problems; the message lists them one per line."""
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Criterion:
    """One review criterion of a project type: what is judged, on which scale, with which weight."""

    code: str
    text: str
    weight: int = 1
    pass_fail: bool = False
    scale_min: int = 0
    scale_max: int = 5
    required: bool = False
    not_applicable_allowed: bool = False

    @property
    def effective_weight(self) -> int:
        """The weight in the score: 0 for a pass/fail criterion, which carries no points."""
        return 0 if self.pass_fail else self.weight

    @property
    def scale_label(self) -> str:
        """The scale as the scoring form shows it: 「0～5」 or 「適・否」."""
        return "適・否" if self.pass_fail else f"{self.scale_min}～{self.scale_max}"

    @property
    def short_text(self) -> str:
        """The text cut to 30 characters, for messages that name the criterion."""
        return self.text if len(self.text) <= 30 else self.text[:30] + "…"


@dataclass(frozen=True)
class CallCriteria:
    """The criteria file of one call: the program's slug, the source in the call, and each type's list."""

    program: str
    source: str
    types: Mapping[str, tuple[Criterion, ...]]


def _is_int(value: Any) -> bool:
    """An int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def criterion_from_record(record: Any, where: str, problems: list[str]) -> Criterion | None:
    """One criterion from its mapping; problems (Japanese, prefixed with ``where``) appended."""
    if not isinstance(record, Mapping):
        problems.append(f"{where}：オブジェクトで指定してください。")
        return None
    before = len(problems)
    problems.extend(f"{where}.{key}：この項目はありません。" for key in record if key not in KEYS)
    values: dict[str, Any] = {**DEFAULTS}
    for key in ("code", "text"):
        value = record.get(key)
        if key not in record:
            problems.append(f"{where}.{key}：必須の項目です。")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{where}.{key}：空でない文字列で指定してください。")
        else:
            values[key] = value
    for key, default in DEFAULTS.items():
        if key not in record or record[key] is None:
            continue
        value = record[key]
        if isinstance(default, bool) and not isinstance(value, bool):
            problems.append(f"{where}.{key}：true か false で指定してください。")
        elif not isinstance(default, bool) and not _is_int(value):
            problems.append(f"{where}.{key}：整数で指定してください。")
        else:
            values[key] = value
    if len(problems) > before:
        return None
    criterion = Criterion(**values)
    problems.extend(f"{where}：{problem}" for problem in check_criterion(criterion))
    return criterion if len(problems) == before else None


def check_criterion(criterion: Criterion) -> list[str]:
    """What is wrong with one criterion on its own (Japanese, without the location)."""
    problems = []
    if not 0 <= criterion.weight <= MAX_WEIGHT:
        problems.append(f"重み（weight）は0以上{MAX_WEIGHT}以下の整数にしてください。")
    if criterion.pass_fail:
        if criterion.required and criterion.not_applicable_allowed:
            problems.append("必須の適否の観点（required）に「該当なし」は認められません。")
        return problems
    if criterion.required:
        problems.append(
            "必須（required）は適否を判定する観点（pass_fail: true）にだけ指定できます。"
            "点数で評価する観点は必須にできません。"
        )
    if not 0 <= criterion.scale_min < criterion.scale_max <= MAX_SCALE:
        problems.append(
            f"評点の範囲は 0 ≦ scale_min < scale_max ≦ {MAX_SCALE} にしてください"
            f"（指定は{criterion.scale_min}～{criterion.scale_max}）。"
        )
    return problems


def check_criteria(criteria: Sequence[Criterion]) -> list[str]:
    """What is wrong with a project type's list as a whole: duplicate codes, nothing to score."""
    problems = []
    seen: set[str] = set()
    for criterion in criteria:
        if criterion.code in seen:
            problems.append(f"観点のコード「{criterion.code}」が重複しています。")
        seen.add(criterion.code)
    if not any(criterion.effective_weight > 0 for criterion in criteria):
        problems.append("点数で評価する観点（重みが1以上のもの）を1つ以上指定してください。")
    return problems


def criteria_from_records(
    records: Any, where: str = "review_criteria"
) -> tuple[tuple[Criterion, ...], list[str]]:
    """A project type's criteria from a list of mappings, and every problem found (empty when usable)."""
    if not isinstance(records, list):
        return (), [f"{where}：観点の配列で指定してください。"]
    problems: list[str] = []
    criteria = []
    for index, record in enumerate(records):
        criterion = criterion_from_record(record, f"{where}[{index}]", problems)
        if criterion is not None:
            criteria.append(criterion)
    if not problems:
        problems.extend(f"{where}：{problem}" for problem in check_criteria(criteria))
    return tuple(criteria), problems


def parse_criteria_file(data: Any) -> CallCriteria:
    """The criteria of a call from a file's data; CriteriaDataError listing every problem, if any."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise CriteriaDataError(["criteria：オブジェクトで指定してください。"])
    allowed = {"format", "program", "source", "project_types"}
    problems.extend(f"criteria.{key}：この項目はありません。" for key in data if key not in allowed)
    if data.get("format", FORMAT) != FORMAT:
        problems.append(
            f"criteria.format：この形式（{data.get('format')}）は読み込めません（{FORMAT}のみ）。"
        )
    for key in ("program", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(f"criteria.{key}：空でない文字列で指定してください。")
    types: dict[str, tuple[Criterion, ...]] = {}
    entries = data.get("project_types")
    if not isinstance(entries, list) or not entries:
        problems.append("criteria.project_types：事業区分を1つ以上、配列で指定してください。")
        entries = []
    for index, entry in enumerate(entries):
        where = f"criteria.project_types[{index}]"
        if not isinstance(entry, Mapping):
            problems.append(f"{where}：オブジェクトで指定してください。")
            continue
        problems.extend(
            f"{where}.{key}：この項目はありません。"
            for key in entry
            if key not in {"code", "review_criteria"}
        )
        code = entry.get("code")
        if not isinstance(code, str) or not code.strip():
            problems.append(f"{where}.code：事業区分のコードを文字列で指定してください。")
            continue
        if code in types:
            problems.append(f"{where}.code：事業区分「{code}」が重複しています。")
        criteria, found = criteria_from_records(entry.get("review_criteria"), f"{where}.review_criteria")
        problems.extend(found)
        types[code] = criteria
    if problems:
        raise CriteriaDataError(problems)
    return CallCriteria(program=data["program"], source=data["source"], types=types)


def load_criteria_file(path: Path) -> CallCriteria:
    """Read and check a criteria YAML file (``junkan/review/data/criteria_*.yaml``)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CriteriaDataError([f"YAMLとして読み取れません：{error}"]) from error
    return parse_criteria_file(data)

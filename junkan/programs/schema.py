"""The data form of a program (the YAML file staff import and export, and each version snapshot).

Pure Python, so that the data migration, the import command and the tests check a file the same way.
``normalize(data)`` returns the canonical dict (every key present, in model-field names, dates as ISO
strings) and the list of problems, each prefixed with where it is (``project_types[0].cap``).
Choice values mirror the TextChoices of ``junkan.programs.models`` (a test keeps them in step).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from junkan.jp.dates import TOKYO
from junkan.programs.engine.criteria import Criterion, check_criteria, check_criterion
from junkan.programs.engine.deadlines import check_due_rule_data
from junkan.programs.engine.eligibility import KIND_LABELS, check_rule_data
from junkan.programs.engine.finder import check_fits

FORMAT: Final = 1
KINDS: Final = tuple(KIND_LABELS)
BUDGET_ACCOUNTS: Final = ("energy_special_account", "general_account")
BASE_AMOUNT_KINDS: Final = ("fixed", "per_case")
REPORT_KINDS: Final = ("completion", "study_report", "interim", "annual", "continuation_plan")
DUE_FROM: Final = ("completion", "plan_made", "none")
NATURES: Final = ("model_project", "high_co2_reduction", "leads_to_facilities", "study_or_plan")
RESERVED_SLUGS: Final = frozenset({"finder", "feed", "deadlines", "new", "api"})
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE = re.compile(r"[A-Za-z0-9_-]+")


class ProgramDataError(ValueError):
    """A program file that cannot be loaded; ``problems`` says where and what, in Japanese."""

    def __init__(self, problems: list[str]) -> None:
        """Keep the problems; the message lists them one per line."""
        self.problems = problems
        super().__init__("\n".join(problems))


Checker = Callable[[Any, str, list[str]], Any]


@dataclass(frozen=True)
class F:
    """One key of the data: its checker, whether it is required, and its default."""

    check: Checker
    required: bool = False
    default: Any = None


def _text(value: Any, where: str, problems: list[str]) -> str:
    """A string."""
    if not isinstance(value, str):
        problems.append(f"{where}：文字列で指定してください。")
        return ""
    return value


def _nonblank(value: Any, where: str, problems: list[str]) -> str:
    """A string that is not blank."""
    text = _text(value, where, problems)
    if isinstance(value, str) and not text.strip():
        problems.append(f"{where}：空にできません。")
    return text


def _integer(value: Any, where: str, problems: list[str]) -> int:
    """An int (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(f"{where}：整数で指定してください。")
        return 0
    return value


def _optional_amount(value: Any, where: str, problems: list[str]) -> int | None:
    """None or an amount in yen (int, not negative)."""
    if value is None:
        return None
    amount = _integer(value, where, problems)
    if amount < 0:
        problems.append(f"{where}：マイナスの金額は指定できません。")
    return amount


def _flag(value: Any, where: str, problems: list[str]) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        problems.append(f"{where}：true か false で指定してください。")
        return False
    return value


def _choice(*values: str) -> Checker:
    """One of ``values``."""

    def check(value: Any, where: str, problems: list[str]) -> str:
        if value not in values:
            problems.append(f"{where}：{'、'.join(values)} のいずれかで指定してください。")
        return value if isinstance(value, str) else ""

    return check


def _moment(value: Any, where: str, problems: list[str]) -> str:
    """An aware datetime (YAML timestamp or ISO string), kept as an ISO string."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            problems.append(f"{where}：日時は 2019-06-21T17:00:00+09:00 の形で指定してください。")
            return ""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        problems.append(f"{where}：日時は時差付き（+09:00）で指定してください。")
        return ""
    return value.astimezone(TOKYO).isoformat()


def _optional_moment(value: Any, where: str, problems: list[str]) -> str | None:
    """None or an aware datetime."""
    return None if value is None else _moment(value, where, problems)


def _optional_day(value: Any, where: str, problems: list[str]) -> str | None:
    """None or a date (YAML date or ISO string), kept as an ISO string."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            problems.append(f"{where}：日付は 2020-02-29 の形で指定してください。")
            return None
    if isinstance(value, datetime) or not isinstance(value, date):
        problems.append(f"{where}：日付で指定してください。")
        return None
    return value.isoformat()


def _texts(value: Any, where: str, problems: list[str]) -> list[str]:
    """A list of strings."""
    if not isinstance(value, list):
        problems.append(f"{where}：文字列の配列で指定してください。")
        return []
    return [_text(item, f"{where}[{index}]", problems) for index, item in enumerate(value)]


def _kinds(value: Any, where: str, problems: list[str]) -> list[str]:
    """A list of organization kinds."""
    kinds = _texts(value, where, problems)
    for index, kind in enumerate(kinds):
        if kind not in KINDS:
            problems.append(f"{where}[{index}]：組織の種別「{kind}」はありません（{', '.join(KINDS)}）。")
    return kinds


def _mapping(value: Any, where: str, problems: list[str]) -> dict[str, Any]:
    """A mapping."""
    if not isinstance(value, dict):
        problems.append(f"{where}：オブジェクトで指定してください。")
        return {}
    return dict(value)


def _rules(scope: str) -> Checker:
    """A list of {code, params} naming rules of the eligibility engine for ``scope``."""

    def check(value: Any, where: str, problems: list[str]) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            problems.append(f"{where}：規則の配列で指定してください。")
            return []
        rules = []
        for index, rule in enumerate(value):
            here = f"{where}[{index}]"
            rule = _record(
                rule, here, problems, {"code": F(_nonblank, True), "params": F(_mapping, default={})}
            )
            problems.extend(f"{here}：{p}" for p in check_rule_data(rule["code"], rule["params"], scope))  # type: ignore[arg-type]
            rules.append(rule)
        return rules

    return check


def _records(fields: Mapping[str, F], key: Callable[[dict[str, Any]], object] | None = None) -> Checker:
    """A list of records with ``fields``; ``key`` (if given) must be unique."""

    def check(value: Any, where: str, problems: list[str]) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            problems.append(f"{where}：配列で指定してください。")
            return []
        records = [_record(item, f"{where}[{index}]", problems, fields) for index, item in enumerate(value)]
        if key is not None:
            seen: set[object] = set()
            for index, record in enumerate(records):
                if key(record) in seen:
                    problems.append(f"{where}[{index}]：同じ識別の項目が重複しています（{key(record)}）。")
                seen.add(key(record))
        return records

    return check


def _record(value: Any, where: str, problems: list[str], fields: Mapping[str, F]) -> dict[str, Any]:
    """One record: each key checked, missing required keys reported, unknown keys refused, defaults filled."""
    if not isinstance(value, dict):
        problems.append(f"{where}：オブジェクトで指定してください。")
        value = {}
    unknown = [name for name in value if name not in fields]
    problems.extend(f"{where}.{name}：この項目はありません。" for name in unknown)
    record: dict[str, Any] = {}
    for name, spec in fields.items():
        if name not in value:
            if spec.required:
                problems.append(f"{where}.{name}：必須の項目です。")
            default = spec.default
            record[name] = (
                list(default)
                if isinstance(default, list)
                else dict(default)
                if isinstance(default, dict)
                else default
            )
            continue
        record[name] = spec.check(value[name], f"{where}.{name}", problems)
    return record


def _fits(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    """Nature code → ◎, ○ or △."""
    fits = _mapping(value, where, problems)
    problems.extend(f"{where}：{p}" for p in check_fits(fits, NATURES))
    return fits


def _optional_text(value: Any, where: str, problems: list[str]) -> str | None:
    """None or a string."""
    return None if value is None else _text(value, where, problems)


CATEGORY_FIELDS: Final = {
    "expense": F(_nonblank, True),
    "item": F(_text, default=""),
    "description": F(_text, default=""),
    "rules": F(_rules("category"), default=[]),
}
CRITERION_FIELDS: Final = {
    "code": F(_nonblank, True),
    "text": F(_nonblank, True),
    "weight": F(_integer, default=1),
    "pass_fail": F(_flag, default=False),
    "scale_min": F(_integer, default=0),
    "scale_max": F(_integer, default=5),
    "required": F(_flag, default=False),
    "not_applicable_allowed": F(_flag, default=False),
}
REPORT_FIELDS: Final = {
    "code": F(_nonblank, True),
    "kind": F(_choice(*REPORT_KINDS), True),
    "name": F(_nonblank, True),
    "condition": F(_text, default=""),
    "contents": F(_texts, default=[]),
    "due_from": F(_choice(*DUE_FROM), default="completion"),
    "due_rule": F(_nonblank, True),
    "due_params": F(_mapping, default={}),
    "due_text": F(_nonblank, True),
}
DOCUMENT_FIELDS: Final = {"name": F(_nonblank, True), "note": F(_text, default="")}
TYPE_FIELDS: Final = {
    "code": F(_nonblank, True),
    "name": F(_nonblank, True),
    "description": F(_text, default=""),
    "requirements": F(_texts, default=[]),
    "allowed_kinds": F(_kinds, True, default=[]),
    "conditional_kinds": F(_kinds, default=[]),
    "conditional_note": F(_text, default=""),
    "applicant_note": F(_text, default=""),
    "joint_allowed": F(_flag, default=True),
    "representative_kinds": F(_kinds, default=[]),
    "joint_note": F(_text, default=""),
    "rate_numerator": F(_integer, default=1),
    "rate_denominator": F(_integer, default=1),
    "base_amount_kind": F(_choice(*BASE_AMOUNT_KINDS), True),
    "base_amount": F(_optional_amount, default=None),
    "base_amount_text": F(_text, default=""),
    "cap": F(_optional_amount, default=None),
    "multi_year": F(_flag, default=False),
    "multi_year_note": F(_text, default=""),
    "period_end": F(_optional_day, default=None),
    "period_note": F(_text, default=""),
    "required_documents": F(_records(DOCUMENT_FIELDS), default=[]),
    "rules": F(_rules("type"), default=[]),
    "cost_categories": F(_records(CATEGORY_FIELDS, lambda r: (r["expense"], r["item"])), default=[]),
    "review_criteria": F(_records(CRITERION_FIELDS, lambda r: r["code"]), default=[]),
    "report_rules": F(_records(REPORT_FIELDS, lambda r: r["code"]), default=[]),
}
FINDER_FIELDS: Final = {
    "name": F(_nonblank, True),
    "program": F(_optional_text, default=None),
    "budget_account": F(_choice("", *BUDGET_ACCOUNTS), default=""),
    "planned_awards": F(_text, default=""),
    "fits": F(_fits, default={}),
    "note": F(_text, default=""),
}
THEME_FIELDS: Final = {"slug": F(_nonblank, True), "name": F(_nonblank, True)}
ATTACHMENT_FIELDS: Final = {
    "title": F(_nonblank, True),
    "filename": F(_nonblank, True),
    "sha256": F(_text, default=""),
    "content": F(_optional_text, default=None),
}
PROGRAM_FIELDS: Final = {
    "format": F(_integer, default=FORMAT),
    "slug": F(_nonblank, True),
    "name": F(_nonblank, True),
    "short_name": F(_text, default=""),
    "fiscal_year": F(_integer, True),
    "executing_body": F(_nonblank, True),
    "budget_account": F(_choice(*BUDGET_ACCOUNTS), True),
    "summary": F(_text, default=""),
    "opens_at": F(_moment, True),
    "closes_at": F(_moment, True),
    "how_to_apply": F(_text, default=""),
    "application_forms": F(_text, default=""),
    "contact": F(_text, default=""),
    "themes": F(_records(THEME_FIELDS, lambda r: r["slug"]), default=[]),
    "ineligible_cost_examples": F(_texts, default=[]),
    "published": F(_flag, default=False),
    "published_at": F(_optional_moment, default=None),
    "attachments": F(_records(ATTACHMENT_FIELDS, lambda r: r["title"]), default=[]),
    "project_types": F(_records(TYPE_FIELDS, lambda r: r["code"]), True, default=[]),
    "finder_entries": F(_records(FINDER_FIELDS), default=[]),
}


def _check_type(record: dict[str, Any], where: str, problems: list[str]) -> None:
    """Rules across the keys of one project type: the rate, the 基準額, the cap, the report rules."""
    if isinstance(record["code"], str) and not _CODE.fullmatch(record["code"]):
        problems.append(f"{where}.code：区分コードは半角英数字・ハイフン・下線で指定してください。")
    numerator, denominator = record["rate_numerator"], record["rate_denominator"]
    if not (isinstance(numerator, int) and isinstance(denominator, int) and 1 <= numerator <= denominator):
        problems.append(f"{where}.rate_numerator：補助率は0より大きく1以下にしてください（定額は1/1）。")
    if record["base_amount_kind"] == "fixed" and record["base_amount"] is None:
        problems.append(f"{where}.base_amount：基準額を金額で定める場合（fixed）は金額を指定してください。")
    cap = record["cap"]
    if isinstance(cap, int) and (cap <= 0 or cap % 1000):
        problems.append(f"{where}.cap：上限額は1,000円単位の正の金額にしてください。")
    if not record["allowed_kinds"]:
        problems.append(f"{where}.allowed_kinds：応募できる者の種別を1つ以上指定してください。")
    criteria = []
    for index, criterion in enumerate(record["review_criteria"]):
        values = Criterion(**criterion)
        problems.extend(f"{where}.review_criteria[{index}]：{p}" for p in check_criterion(values))
        criteria.append(values)
    if criteria:
        # Duplicate codes are already reported by the list checker.
        problems.extend(f"{where}.review_criteria：{p}" for p in check_criteria(criteria) if "重複" not in p)
    for index, report in enumerate(record["report_rules"]):
        problems.extend(
            f"{where}.report_rules[{index}].due_params：{p}"
            for p in check_due_rule_data(report["due_rule"], report["due_params"])
        )


def normalize(data: Any) -> tuple[dict[str, Any], list[str]]:
    """The canonical form of a program's data and every problem found in it."""
    problems: list[str] = []
    record = _record(data, "program", problems, PROGRAM_FIELDS)
    if record["format"] != FORMAT:
        problems.append(f"program.format：この形式（{record['format']}）は読み込めません（{FORMAT}のみ）。")
    slug = record["slug"]
    if (
        isinstance(slug, str)
        and slug
        and (not _SLUG.fullmatch(slug) or slug in RESERVED_SLUGS or len(slug) > 80)
    ):
        problems.append(
            "program.slug：半角の英小文字・数字とハイフンで、80文字以内で指定してください（予約語は不可）。"
        )
    opens_at, closes_at = record["opens_at"], record["closes_at"]
    if opens_at and closes_at and datetime.fromisoformat(closes_at) <= datetime.fromisoformat(opens_at):
        problems.append("program.closes_at：締切日時は公募開始日時より後にしてください。")
    if not record["project_types"] and isinstance(data, dict) and "project_types" in data:
        problems.append("program.project_types：事業区分を1つ以上指定してください。")
    # Themes are a set; a fixed order makes exports comparable.
    record["themes"] = sorted(record["themes"], key=lambda theme: str(theme["slug"]))
    for index, project_type in enumerate(record["project_types"]):
        _check_type(project_type, f"program.project_types[{index}]", problems)
    return record, problems


def validated(data: Any) -> dict[str, Any]:
    """The canonical form; ProgramDataError listing every problem when there is one."""
    record, problems = normalize(data)
    if problems:
        raise ProgramDataError(problems)
    return record

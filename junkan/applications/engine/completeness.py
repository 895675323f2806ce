"""The checklist of an application: what is missing or invalid, each item pointing to its section and field.

Drafts are saved as they are typed, complete or not; submission is allowed only when this checklist (and
the eligibility engine's rules, added by the caller) is empty. Pure Python: the caller passes plain data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from junkan.applications.engine import costs
from junkan.applications.engine.spec import (
    CO2_DIRECT,
    CO2_INDIRECT,
    CO2_TOTAL,
    Applicant,
    DocumentSpec,
    FieldSpec,
    FormSpec,
    SectionSpec,
)
from junkan.carbon.engine import split

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9０-９()（）+\-‐－ー ]{6,20}$")


@dataclass(frozen=True)
class Item:
    """One thing to fix: the section, the field (or ""), and a Japanese message naming it."""

    section: str
    field: str
    message: str
    kind: str = "missing"  # missing | invalid | rule

    @property
    def anchor(self) -> str:
        """The id of the input on the section's page (``id_<field>``), or the section's heading."""
        return f"id_{self.field}" if self.field else "section-top"


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def _value_problem(spec: FieldSpec, value: Any) -> str | None:
    """Why a stored, non-blank value is not acceptable (values are normally checked by the form on save)."""
    kind = spec.kind
    if kind == "email" and not EMAIL.match(str(value)):
        return f"「{spec.label}」のメールアドレスの形式が正しくありません。"
    if kind == "phone" and not PHONE.match(str(value)):
        return f"「{spec.label}」の電話番号の形式が正しくありません。"
    if kind == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return f"「{spec.label}」の日付が正しくありません。"
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"「{spec.label}」は整数で入力してください。"
        if spec.minimum is not None and value < spec.minimum:
            return f"「{spec.label}」は{spec.minimum}以上にしてください。"
        if spec.maximum is not None and value > spec.maximum:
            return f"「{spec.label}」は{spec.maximum}以下にしてください。"
    if kind == "decimal":
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return f"「{spec.label}」は数値で入力してください。"
        if not number.is_finite():  # "NaN" would raise on the comparison below; "Infinity" is no amount
            return f"「{spec.label}」は数値で入力してください。"
        if spec.minimum is not None and number < spec.minimum:
            return f"「{spec.label}」は{spec.minimum}以上にしてください。"
    if kind == "choice" and str(value) not in {o.value for o in spec.options}:
        return f"「{spec.name}」の選択肢が正しくありません。"
    return None


def check_section(section: SectionSpec, data: Mapping[str, Any], who: Applicant) -> list[Item]:
    items: list[Item] = []
    for spec in section.fields:
        value = data.get(spec.key)
        required = spec.is_required(who.type_code)
        if spec.required_if is not None:
            other, expected = spec.required_if
            required = required or data.get(other) == expected
        if is_blank(value):
            if required:
                items.append(Item(section.key, spec.key, f"「{spec.name}」が入力されていません。"))
            continue
        if spec.kind == "items":
            rows = [
                row
                for row in value or ()
                if isinstance(row, Mapping) and not all(is_blank(v) for v in row.values())
            ]
            if required and not rows:
                items.append(Item(section.key, spec.key, f"「{spec.label}」を1件以上入力してください。"))
            for number, row in enumerate(rows, start=1):
                for sub in spec.subfields:
                    if sub.required and is_blank(row.get(sub.key)):
                        items.append(
                            Item(
                                section.key,
                                spec.key,
                                f"「{spec.label}」の{number}件目：「{sub.label}」が入力されていません。",
                            )
                        )
            continue
        problem = _value_problem(spec, value)
        if problem:
            items.append(Item(section.key, spec.key, problem, "invalid"))
        elif str(value) in spec.blocking:
            items.append(Item(section.key, spec.key, spec.blocking_message, "rule"))
    return items


def _figure(value: Any) -> Decimal | None:
    """A stored CO2 figure (a decimal string) as Decimal; None when blank or not a finite number."""
    if is_blank(value):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def check_co2_split(section: SectionSpec, data: Mapping[str, Any]) -> list[Item]:
    """Direct and indirect reductions (seed 002 4.(3)① ※): both or neither, adding up to the CO2 figure."""
    keys = {f.key for f in section.fields}
    if not {CO2_DIRECT, CO2_INDIRECT} <= keys:
        return []
    total = _figure(data.get(CO2_TOTAL))
    if total is not None and total < 0:
        total = None  # the figure has its own item; the parts are not compared with it
    problems = split.check(total, _figure(data.get(CO2_DIRECT)), _figure(data.get(CO2_INDIRECT)))
    field = {"direct": CO2_DIRECT, "indirect": CO2_INDIRECT}
    return [Item(section.key, field[p.part], p.message, "invalid") for p in problems]


def check_budget(section: SectionSpec, data: Mapping[str, Any]) -> list[Item]:
    """歳入歳出予算書（見込書）抜粋: at least one revenue and one expenditure line with an amount."""
    items = []
    for side, label in (("revenue", "歳入"), ("expenditure", "歳出")):
        rows = [
            r
            for r in data.get(side) or []
            if not is_blank(r.get("item")) and isinstance(r.get("amount"), int)
        ]
        if not rows:
            items.append(Item(section.key, side, f"{section.title}：{label}の事項と金額を入力してください。"))
    return items


def check_documents(documents: Sequence[DocumentSpec], counts: Mapping[str, int]) -> list[Item]:
    items = []
    for spec in documents:
        have = counts.get(spec.code, 0)
        if spec.required and have < spec.min_count:
            if spec.min_count > 1:
                message = f"添付書類「{spec.label}」を{spec.min_count}点提出してください（現在{have}点）。"
            else:
                message = f"添付書類「{spec.label}」が提出されていません。"
            items.append(Item("documents", spec.code, message))
    return items


def check(
    spec: FormSpec,
    who: Applicant,
    sections: Mapping[str, Mapping[str, Any]],
    document_counts: Mapping[str, int],
    pending_co_applicants: Sequence[str] = (),
) -> list[Item]:
    """Every missing or invalid item of the application, in the order of the forms."""
    items: list[Item] = []
    for section in spec.sections_for(who):
        data = sections.get(section.key, {})
        if section.kind == "fields":
            items.extend(check_section(section, data, who))
            items.extend(check_co2_split(section, data))
        elif section.kind == "costs":
            _, problems = costs.read(data)
            items.extend(Item(section.key, "", p.message) for p in problems)
        elif section.kind == "budget":
            items.extend(check_budget(section, data))
    items.extend(check_documents(spec.documents_for(who), document_counts))
    for name in pending_co_applicants:
        items.append(Item("co_applicants", "", f"共同申請者「{name}」がまだ参加を承諾していません。"))
    return items

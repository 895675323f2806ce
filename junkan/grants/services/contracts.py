"""Contracts and orders of a project (契約・発注), recorded by the grantee while the project is carried out.

Seed 002 「補助事業の開始日等」: a contract or order dated before the grant decision is not eligible (one of
the decision day is), and the counterparty is chosen competitively unless that is markedly difficult or
unsuitable, in which case the reason is recorded. An order before the decision is still recorded, so that
the books are complete, and shown flagged as ineligible; the flags come from
:mod:`junkan.grants.engine.orders`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.audit.services import plain, record
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import orders
from junkan.grants.models import Contract, ProcurementMethod, Project
from junkan.grants.services.lifecycle import lock

# What each flag says on the page and in messages (text, never colour only).
FLAG_TEXT = {
    orders.BEFORE_DECISION: gettext_lazy("交付決定日前の発注のため補助対象外"),
    orders.NO_DECISION_YET: gettext_lazy("交付決定がまだないため補助対象外（交付決定日以降の発注のみ対象）"),
    orders.NON_COMPETITIVE_WITHOUT_REASON: gettext_lazy("競争によらない理由が記録されていません"),
}
FIELDS = ("ordered_on", "counterparty", "subject", "amount", "method", "non_competitive_reason")


@dataclass(frozen=True)
class Row:
    """A contract with its flags, as the list shows it."""

    contract: Contract
    flags: orders.Flags

    @property
    def flag_texts(self) -> list[str]:
        return [str(FLAG_TEXT[code]) for code in self.flags.codes]


def as_order(contract: Contract) -> orders.Order:
    return orders.Order(
        contract.ordered_on, contract.amount, contract.method, contract.non_competitive_reason or ""
    )


def flags_of(project: Project, contract: Contract) -> orders.Flags:
    """The engine's flags of ``contract`` under the project's grant decision."""
    return orders.check(project.decided_on, as_order(contract))


def rows(project: Project, contracts: Iterable[Contract]) -> tuple[list[Row], orders.Totals]:
    """The contracts with their flags, and the eligible and flagged totals (no query of its own)."""
    contracts = list(contracts)
    found = [Row(c, flags_of(project, c)) for c in contracts]
    return found, orders.totals(project.decided_on, [as_order(c) for c in contracts])


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """The contract's fields checked and tidied; ValidationError naming every field at fault."""
    errors: dict[str, str] = {}
    ordered_on = values.get("ordered_on")
    if not isinstance(ordered_on, date):
        errors["ordered_on"] = _("契約・発注日を入力してください。")
    counterparty = str(values.get("counterparty") or "").strip()
    if not counterparty:
        errors["counterparty"] = _("契約の相手方を入力してください。")
    elif len(counterparty) > 200:
        errors["counterparty"] = _("契約の相手方は200文字以内で入力してください。")
    subject = str(values.get("subject") or "").strip()
    if not subject:
        errors["subject"] = _("件名・内容を入力してください。")
    elif len(subject) > 300:
        errors["subject"] = _("件名・内容は300文字以内で入力してください。")
    amount = values.get("amount")
    if amount is None:
        errors["amount"] = _("契約金額を入力してください。")
    elif isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        errors["amount"] = _("契約金額は0円以上の金額で入力してください。")
    method = values.get("method")
    reason = str(values.get("non_competitive_reason") or "").strip()
    if method not in ProcurementMethod.values:
        errors["method"] = _("相手方の決定方法を選んでください。")
    elif method == ProcurementMethod.NON_COMPETITIVE and not reason:
        errors["non_competitive_reason"] = _(
            "競争によらずに相手方を決めた場合は、その理由（競争性のある手続によることが著しく困難又は不相当である理由）を入力してください。"
        )
    if errors:
        raise ValidationError(errors)
    return {
        "ordered_on": ordered_on,
        "counterparty": counterparty,
        "subject": subject,
        "amount": amount,
        "method": method,
        "non_competitive_reason": reason if method == ProcurementMethod.NON_COMPETITIVE else "",
    }


def _require_open(project: Project) -> None:
    if project.status not in permissions.RECORDING_OPEN:
        raise ValidationError(
            _(
                "この補助事業は「%(status)s」のため、契約・発注を登録・変更できません（交付決定後、完了実績報告まで）。"
            )
            % {"status": project.get_status_display()}
        )


def _data(project: Project, contract: Contract) -> dict[str, Any]:
    return {
        "contract": contract.pk,
        "ordered_on": contract.ordered_on.isoformat(),
        "counterparty": contract.counterparty,
        "amount": contract.amount,
        "flags": list(flags_of(project, contract).codes),
    }


def add_contract(
    actor: Any,
    project: Project,
    *,
    ordered_on: date | None,
    counterparty: str,
    subject: str,
    amount: int | None,
    method: str,
    non_competitive_reason: str = "",
) -> Contract:
    """Record a contract or order of the project (grantee, after the decision and before completion)."""
    enforce(permissions.can_act(actor, project))
    values = _clean(
        {
            "ordered_on": ordered_on,
            "counterparty": counterparty,
            "subject": subject,
            "amount": amount,
            "method": method,
            "non_competitive_reason": non_competitive_reason,
        }
    )
    with transaction.atomic():
        project = lock(project)
        _require_open(project)
        contract = Contract.objects.create(project=project, created_by=actor, **values)
        record(
            actor,
            "grants.contract.added",
            project,
            changes={key: [None, plain(value)] for key, value in values.items()},
            data=_data(project, contract),
        )
    return contract


def update_contract(
    actor: Any,
    contract: Contract,
    *,
    ordered_on: date | None,
    counterparty: str,
    subject: str,
    amount: int | None,
    method: str,
    non_competitive_reason: str = "",
) -> Contract:
    """Correct a recorded contract (grantee, while contracts may be recorded)."""
    enforce(permissions.can_act(actor, contract.project))
    values = _clean(
        {
            "ordered_on": ordered_on,
            "counterparty": counterparty,
            "subject": subject,
            "amount": amount,
            "method": method,
            "non_competitive_reason": non_competitive_reason,
        }
    )
    with transaction.atomic():
        project = lock(contract.project)
        _require_open(project)
        contract = Contract.objects.select_for_update(of=("self",)).get(pk=contract.pk, project=project)
        changes = {
            key: [plain(getattr(contract, key)), plain(value)]
            for key, value in values.items()
            if getattr(contract, key) != value
        }
        if not changes:
            return contract
        for key, value in values.items():
            setattr(contract, key, value)
        contract.save(update_fields=list(FIELDS))
        record(actor, "grants.contract.changed", project, changes=changes, data=_data(project, contract))
    return contract


def remove_contract(actor: Any, contract: Contract) -> None:
    """Delete a contract recorded by mistake (grantee); not once a reported cost refers to it."""
    enforce(permissions.can_act(actor, contract.project))
    with transaction.atomic():
        project = lock(contract.project)
        _require_open(project)
        contract = Contract.objects.select_for_update(of=("self",)).get(pk=contract.pk, project=project)
        if contract.cost_lines.exists():
            raise ValidationError(
                _(
                    "この契約・発注は経費の実績から参照されているため削除できません。先に経費の実績を修正してください。"
                )
            )
        data = _data(project, contract)
        changes = {key: [plain(getattr(contract, key)), None] for key in FIELDS}
        contract.delete()
        record(actor, "grants.contract.removed", project, changes=changes, data=data)

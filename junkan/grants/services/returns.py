"""交付決定の解除 and 返還命令 with 加算金 (seed 002 「皆様へ」4; 適正化法 第17条・第18条・第19条).

- :func:`cancel` (secretariat): DECIDED, COMPLETED, DETERMINED or PAID → CANCELLED. When the project was never
  completed, its records are kept counting from the day of the cancellation (``engine.retention``).
- :func:`order_return` (secretariat): a 返還命令 of part or all of the subsidy paid. Possible when the
  project is CANCELLED (the usual case: 「支払い済の補助金のうち解除対象となった額」), and also when it is
  PAID without a cancellation, for a partial return found after the payment (e.g. costs found ineligible
  at a later inspection: 適正化法 第18条第2項). The orders of a project never add up to more than was paid.
  The subsidy counts as received on the payment day unless another day is given.
- :func:`record_repayment` (secretariat) records a payment (納付) against an order. Money paid goes to the
  principal first, then to the 加算金 (施行令: 納付金額は、まず返還を命ぜられた補助金の額に充てる), which is
  why the 加算金 is final only once the whole principal has been paid back: it is the engine's
  :func:`~junkan.grants.engine.additional_charge.additional_charge` on the principal with the principal
  parts of the payments. Payments never add up to more than the principal and that final 加算金.
- :func:`settle` makes the ReturnOrder's one move (``processes.RETURN_ORDER``, ``settled``: ORDERED →
  SETTLED) once principal and final 加算金 are paid, storing the 加算金 and its working. ``record_repayment``
  calls it when a payment completes the order.

Audit: ``grants.project.cancelled`` (the project's move), ``grants.return_order.ordered``,
``grants.return_order.repayment_recorded`` and ``grants.return_order.settled``, recorded on the order (the
project's history lists them).

Not handled here: the 延滞金 on amounts not paid by the 納期限 (適正化法 第19条第2項).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.common import workflow
from junkan.common.permissions import Decision, allow, deny, enforce
from junkan.grants import permissions
from junkan.grants.engine import additional_charge as charge_engine
from junkan.grants.engine import retention
from junkan.grants.models import (
    Project,
    ProjectStatus,
    ReturnOrder,
    ReturnOrderStatus,
    ReturnPayment,
)
from junkan.grants.processes import PROJECT, RETURN_ORDER
from junkan.grants.services import lifecycle, mail

# Statuses from which a return may be ordered (see the module docstring).
ORDERABLE_STATUSES: Final = (ProjectStatus.CANCELLED, ProjectStatus.PAID)


# Cancellation -----------------------------------------------------------------------------------------


def cancel(actor: Any, project: Project, *, cancelled_on: date, reason: str) -> Project:
    """交付決定の解除 (secretariat): the project becomes CANCELLED; its records are kept from then on."""
    enforce(permissions.can_manage(actor, project))
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = lifecycle.lock(project)
        if locked.status not in PROJECT.move("cancelled").sources:
            raise ValidationError(
                _("この補助事業は「%(status)s」のため、交付決定の解除はできません。")
                % {"status": locked.get_status_display()}
            )
        errors: dict[str, str] = {}
        if not reason:
            errors["reason"] = _("解除の理由を入力してください。")
        if locked.decided_on is not None and cancelled_on < locked.decided_on:
            errors["cancelled_on"] = _("解除日は交付決定日（%(day)s）以後の日付にしてください。") % {
                "day": locked.decided_on.isoformat()
            }
        if errors:
            raise ValidationError(errors)
        fields: dict[str, Any] = {"cancelled_on": cancelled_on, "cancellation_reason": reason}
        if locked.completed_on is None:
            fields["retain_until"] = retention.retain_until(cancelled_on)
        elif locked.retain_until is None:
            fields["retain_until"] = retention.retain_until(locked.completed_on)
        workflow.transition(PROJECT, actor, locked, "cancelled", fields=fields, reason=reason)
    return locked


def order_needed(project: Project) -> bool:
    """Money was paid and not all of it has been ordered back yet (the cancellation page says so)."""
    return bool(project.paid_amount) and returnable(project) > 0


def can_order(user: Any, project: Project) -> Decision:
    """May ``user`` issue a return order on ``project`` now (secretariat; cancelled or paid; money left)."""
    decision = permissions.can_manage(user, project)
    if not decision:
        return decision
    if project.status not in ORDERABLE_STATUSES:
        return deny(
            _(
                "この補助事業は「%(status)s」のため、返還命令はできません。"
                "先に交付決定を解除してください（支払済みの事業の一部返還を除きます）。"
            )
            % {"status": project.get_status_display()}
        )
    if not order_needed(project):
        return deny(_("補助金が支払われていないか、支払額の全額についてすでに返還を命じています。"))
    return allow()


# Return orders ------------------------------------------------------------------------------------------


def ordered_so_far(project: Project, *, exclude: ReturnOrder | None = None) -> int:
    """The principal of every return order of the project."""
    orders = ReturnOrder.objects.filter(project=project)
    if exclude is not None:
        orders = orders.exclude(pk=exclude.pk)
    return int(orders.aggregate(total=Sum("principal"))["total"] or 0)


def returnable(project: Project) -> int:
    """What may still be ordered back: the amount paid less the principal of earlier orders."""
    return max((project.paid_amount or 0) - ordered_so_far(project), 0)


def order_return(
    actor: Any,
    project: Project,
    *,
    ordered_on: date,
    pay_by: date,
    principal: int,
    reason: str,
    number: str = "",
    received_on: date | None = None,
) -> ReturnOrder:
    """返還命令 (secretariat) of ``principal`` yen, with 加算金 from ``received_on`` (default: paid_on)."""
    enforce(permissions.can_manage(actor, project))
    reason = (reason or "").strip()
    number = (number or "").strip()
    with transaction.atomic():
        locked = lifecycle.lock(project)
        if locked.status not in ORDERABLE_STATUSES:
            raise ValidationError(
                _(
                    "この補助事業は「%(status)s」のため、返還命令はできません。"
                    "先に交付決定を解除してください（支払済みの事業の一部返還を除きます）。"
                )
                % {"status": locked.get_status_display()}
            )
        if not locked.paid_amount or locked.paid_on is None:
            raise ValidationError(_("補助金が支払われていないため、返還を命ずる額はありません。"))
        received = received_on or locked.paid_on
        left = locked.paid_amount - ordered_so_far(locked)
        errors: dict[str, str] = {}
        if not reason:
            errors["reason"] = _("返還の理由を入力してください。")
        if principal < 1:
            errors["principal"] = _("返還を命ずる額は1円以上で入力してください。")
        elif principal > left:
            errors["principal"] = _(
                "返還を命ずる額は、支払額（%(paid)s円）から既に返還を命じた額を差し引いた%(left)s円以下にしてください。"
            ) % {"paid": f"{locked.paid_amount:,}", "left": f"{left:,}"}
        if received < locked.paid_on:
            errors["received_on"] = _("受領日は支払日（%(day)s）以後の日付にしてください。") % {
                "day": locked.paid_on.isoformat()
            }
        if ordered_on < received:
            errors["ordered_on"] = _("命令日は補助金の受領日（%(day)s）以後の日付にしてください。") % {
                "day": received.isoformat()
            }
        elif locked.cancelled_on is not None and ordered_on < locked.cancelled_on:
            errors["ordered_on"] = _("命令日は交付決定の解除日（%(day)s）以後の日付にしてください。") % {
                "day": locked.cancelled_on.isoformat()
            }
        if pay_by < ordered_on:
            errors["pay_by"] = _("納期限は命令日以後の日付にしてください。")
        if errors:
            raise ValidationError(errors)
        to_date = charge_engine.additional_charge(principal, received, (), until=ordered_on)
        order = ReturnOrder.objects.create(
            project=locked,
            number=number,
            ordered_on=ordered_on,
            reason=reason,
            principal=principal,
            received_on=received,
            pay_by=pay_by,
            working={"as_of": ordered_on.isoformat(), "final": False, **charge_dict(to_date)},
            ordered_by=actor,
        )
        record(
            actor,
            "grants.return_order.ordered",
            order,
            changes={"status": [None, ReturnOrderStatus.ORDERED]},
            data={
                "return_order": order.pk,
                "number": number,
                "principal": principal,
                "received_on": received.isoformat(),
                "ordered_on": ordered_on.isoformat(),
                "pay_by": pay_by.isoformat(),
                "additional_charge_to_date": to_date.total,
            },
        )
        order_pk = order.pk
        transaction.on_commit(lambda: _mail_ordered(order_pk))
    return order


@dataclass(frozen=True)
class Statement:
    """Where an order stands: the payments split into principal and 加算金, and the 加算金 computed."""

    order: ReturnOrder
    payments: tuple[ReturnPayment, ...]
    principal_paid: int
    charge_paid: int
    principal_left: int
    charge: charge_engine.AdditionalCharge
    final: bool

    @property
    def paid(self) -> int:
        return self.principal_paid + self.charge_paid

    @property
    def charge_left(self) -> int:
        """The 加算金 still to pay (final once the principal is paid back; to date otherwise)."""
        return max(self.charge.total - self.charge_paid, 0)

    @property
    def total_due(self) -> int:
        return self.order.principal + self.charge.total

    @property
    def left(self) -> int:
        return self.principal_left + self.charge_left

    @property
    def settled(self) -> bool:
        return self.final and self.paid >= self.total_due


def principal_repayments(principal: int, payments: Sequence[ReturnPayment]) -> list[charge_engine.Repayment]:
    """The principal part of each payment, in date order (payments go to the principal first)."""
    left = principal
    parts: list[charge_engine.Repayment] = []
    for payment in sorted(payments, key=lambda p: (p.paid_on, p.pk or 0)):
        part = min(payment.amount, left)
        if part > 0:
            parts.append(charge_engine.Repayment(payment.paid_on, part))
        left -= part
    return parts


def statement(
    order: ReturnOrder, payments: Sequence[ReturnPayment] | None = None, *, today: date
) -> Statement:
    """The order's state on ``today``: the 加算金 to date (final when the principal is paid back)."""
    rows = tuple(
        sorted(order.payments.all() if payments is None else payments, key=lambda p: (p.paid_on, p.pk or 0))
    )
    parts = principal_repayments(order.principal, rows)
    principal_paid = sum(p.amount for p in parts)
    principal_left = order.principal - principal_paid
    final = principal_left == 0
    until: date | None = None
    if not final:
        last = max((p.paid_on for p in parts), default=order.received_on)
        until = max(today, last, order.received_on)
    charge = charge_engine.additional_charge(order.principal, order.received_on, parts, until=until)
    total_paid = sum(p.amount for p in rows)
    return Statement(
        order=order,
        payments=rows,
        principal_paid=principal_paid,
        charge_paid=total_paid - principal_paid,
        principal_left=principal_left,
        charge=charge,
        final=final,
    )


def projected(order: ReturnOrder, st: Statement, on: date) -> charge_engine.AdditionalCharge | None:
    """The 加算金 if everything left is paid on ``on`` (the pay-by date); None when already final or past."""
    if st.final:
        return None
    parts = principal_repayments(order.principal, st.payments)
    last = max((p.paid_on for p in parts), default=order.received_on)
    if on < last:
        return None
    return charge_engine.additional_charge(order.principal, order.received_on, parts, until=on)


def _lock_order(order: ReturnOrder) -> tuple[Project, ReturnOrder]:
    project = lifecycle.lock(order.project)
    locked = ReturnOrder.objects.select_for_update(of=("self",)).get(pk=order.pk)
    locked.project = project
    return project, locked


def record_repayment(actor: Any, order: ReturnOrder, *, paid_on: date, amount: int) -> ReturnPayment:
    """A payment (納付) against the order (secretariat); settles the order when it completes it."""
    enforce(permissions.can_manage(actor, order.project))
    with transaction.atomic():
        _project, locked = _lock_order(order)
        if locked.status != ReturnOrderStatus.ORDERED:
            raise ValidationError(_("この返還命令は納付済みです。"))
        errors: dict[str, str] = {}
        if amount < 1:
            errors["amount"] = _("納付額は1円以上で入力してください。")
        if paid_on < locked.received_on:
            errors["paid_on"] = _("納付日は補助金の受領日（%(day)s）以後の日付にしてください。") % {
                "day": locked.received_on.isoformat()
            }
        if errors:
            raise ValidationError(errors)
        existing = list(locked.payments.all())
        payment = ReturnPayment(order=locked, paid_on=paid_on, amount=amount, recorded_by=actor)
        after = statement(locked, [*existing, payment], today=paid_on)
        if after.final and after.paid > after.total_due:
            raise ValidationError(
                {
                    "amount": _(
                        "納付額の合計（%(paid)s円）が、返還を命じた額と加算金の合計（%(due)s円）を超えます。"
                        "未納の額は、この納付を除いて%(left)s円です。"
                    )
                    % {
                        "paid": f"{after.paid:,}",
                        "due": f"{after.total_due:,}",
                        "left": f"{after.total_due - (after.paid - amount):,}",
                    }
                }
            )
        payment.save()
        record(
            actor,
            "grants.return_order.repayment_recorded",
            locked,
            data={
                "return_order": locked.pk,
                "payment": payment.pk,
                "paid_on": paid_on.isoformat(),
                "amount": amount,
                "principal_left": after.principal_left,
            },
        )
        if after.settled:
            settle(actor, locked)
    return payment


def settle(actor: Any, order: ReturnOrder) -> ReturnOrder:
    """完納 (``settled``: ORDERED → SETTLED) once principal and final 加算金 are paid; stores the 加算金."""
    enforce(permissions.can_manage(actor, order.project))
    with transaction.atomic():
        _project, locked = _lock_order(order)
        payments = list(locked.payments.all())
        last_day = max((p.paid_on for p in payments), default=locked.received_on)
        st = statement(locked, payments, today=last_day)
        if locked.status in RETURN_ORDER.move("settled").sources and not st.settled:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "まだ納付されていない額があります（元金 %(principal)s円、加算金 %(charge)s円）。"
                    )
                    % {"principal": f"{st.principal_left:,}", "charge": f"{st.charge_left:,}"}
                }
            )
        result = workflow.transition(
            RETURN_ORDER,
            actor,
            locked,
            "settled",
            fields={
                "additional_charge": st.charge.total,
                "working": {"as_of": last_day.isoformat(), "final": True, **charge_dict(st.charge)},
                "settled_on": last_day,
            },
            data={"return_order": locked.pk, "settled_on": last_day.isoformat(), "paid": st.paid},
        )
    for key in ("status", "additional_charge", "working", "settled_on"):
        setattr(order, key, getattr(result, key))
    return result


def charge_dict(result: charge_engine.AdditionalCharge) -> dict[str, Any]:
    """The engine's result as plain JSON values, every period as written on a 加算金計算書."""
    return {
        "rate": charge_engine.RATE_LABEL,
        "total": result.total,
        "exact_total": charge_engine.decimal_text(result.exact_total),
        "received": result.received,
        "repaid": result.repaid,
        "outstanding": result.outstanding,
        "outstanding_from": result.outstanding_from.isoformat() if result.outstanding_from else None,
        "per_day_on_outstanding": charge_engine.decimal_text(result.per_day_on_outstanding),
        "until": result.until.isoformat() if result.until else None,
        "periods": [
            {
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "days": p.days,
                "principal": p.principal,
                "amount": charge_engine.decimal_text(p.amount),
                "yen": p.yen,
                "start_note": p.start_note,
                "end_note": p.end_note,
                "formula": p.formula,
            }
            for p in result.periods
        ],
    }


# E-mails ------------------------------------------------------------------------------------------------


def _mail_ordered(order_pk: int) -> None:
    order = ReturnOrder.objects.select_related("project__program", "project__organization").get(pk=order_pk)
    project = order.project
    at_pay_by = charge_engine.additional_charge(order.principal, order.received_on, (), until=order.pay_by)
    mail.send(
        "grants/email/return_ordered.txt",
        _("[循環] 補助金の返還命令（%(title)s）") % {"title": project.title},
        mail.member_addresses(project),
        {
            "project": project,
            "order": order,
            "to_date": order.working,
            "at_pay_by": at_pay_by,
            "rate_label": charge_engine.RATE_LABEL,
            "url": mail.project_url("grants:return_order", project, order.pk),
        },
    )


def mail_settled(order_pk: int) -> None:
    order = ReturnOrder.objects.select_related("project__program", "project__organization").get(pk=order_pk)
    project = order.project
    mail.send(
        "grants/email/return_settled.txt",
        _("[循環] 返還金の完納のお知らせ（%(title)s）") % {"title": project.title},
        mail.member_addresses(project),
        {
            "project": project,
            "order": order,
            "url": mail.project_url("grants:return_order", project, order.pk),
        },
    )

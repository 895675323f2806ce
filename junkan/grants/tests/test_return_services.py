"""交付決定の解除 and return orders with 加算金: each move, its audit entry, figures checked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.grants.engine.retention import retain_until
from junkan.grants.models import Project, ProjectStatus, ReturnOrder, ReturnOrderStatus
from junkan.grants.processes import RETURN_ORDER
from junkan.grants.services import returns

pytestmark = pytest.mark.django_db

REASON = "補助対象外の経費を計上していたことが判明したため（交付規程第17条）"


def paid_ten_million(project: Project) -> Project:
    """The issue's example: 10,000,000 yen received on 2020-04-01."""
    Project.objects.filter(pk=project.pk).update(
        decided_amount=10_000_000,
        determined_amount=10_000_000,
        paid_amount=10_000_000,
        paid_on=date(2020, 4, 1),
        payment_requested_on=date(2020, 3, 30),
    )
    project.refresh_from_db()
    return project


def cancelled(make_project, staff, stage: str = "paid") -> Project:
    project = make_project(stage)
    returns.cancel(staff, project, cancelled_on=date(2020, 4, 20), reason=REASON)
    project.refresh_from_db()
    return project


def order(staff, project: Project, principal: int = 10_000_000, **kwargs) -> ReturnOrder:
    values = {
        "ordered_on": date(2020, 5, 1),
        "pay_by": date(2020, 5, 31),
        "reason": REASON,
        "number": "低炭社協第1号",
    }
    values.update(kwargs)
    return returns.order_return(staff, project, principal=principal, **values)


# Cancellation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["decided", "completed", "determined", "paid"])
def test_cancel_from_each_allowed_status(make_project, staff, stage, django_capture_on_commit_callbacks):
    project = make_project(stage)
    with django_capture_on_commit_callbacks(execute=True):
        returns.cancel(staff, project, cancelled_on=date(2020, 4, 20), reason=REASON)
    project.refresh_from_db()
    assert project.status == ProjectStatus.CANCELLED
    assert project.cancelled_on == date(2020, 4, 20)
    assert project.cancellation_reason == REASON
    entry = AuditEntry.objects.for_object(project).get(action="grants.project.cancelled")
    assert entry.changes["status"] == [stage, "cancelled"]
    assert entry.data == {"reason": REASON}
    (message,) = mail.outbox
    assert "交付決定の解除" in message.subject and REASON in message.body


def test_cancelled_before_completion_keeps_records_from_the_cancellation(make_project, staff):
    project = cancelled(make_project, staff, "decided")
    # Cancelled on 2020-04-20 (FY2020, ends 2021-03-31): kept until 2026-03-31.
    assert project.retain_until == date(2026, 3, 31) == retain_until(date(2020, 4, 20))


def test_cancelled_after_completion_keeps_the_completion_date(make_project, staff):
    project = cancelled(make_project, staff, "completed")
    assert project.retain_until == date(2025, 3, 31)


@pytest.mark.parametrize("stage", ["adopted", "applied"])
def test_no_cancellation_before_the_decision(make_project, staff, stage):
    with pytest.raises(ValidationError):
        returns.cancel(staff, make_project(stage), cancelled_on=date(2020, 4, 20), reason=REASON)


def test_cancel_needs_a_reason_and_a_date_after_the_decision(make_project, staff):
    project = make_project("decided")
    with pytest.raises(ValidationError) as caught:
        returns.cancel(staff, project, cancelled_on=date(2019, 7, 9), reason="  ")
    assert set(caught.value.message_dict) == {"reason", "cancelled_on"}
    project.refresh_from_db()
    assert project.status == ProjectStatus.DECIDED
    assert not AuditEntry.objects.filter(action="grants.project.cancelled").exists()


def test_cannot_cancel_twice(make_project, staff):
    project = cancelled(make_project, staff, "decided")
    with pytest.raises(ValidationError):
        returns.cancel(staff, project, cancelled_on=date(2020, 4, 21), reason=REASON)


@pytest.mark.parametrize(
    ("who", "error"), [("owner", PermissionDenied), ("co_member", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_secretariat_cancels(make_project, request, who, error):
    with pytest.raises(error):
        returns.cancel(
            request.getfixturevalue(who), make_project("paid"), cancelled_on=date(2020, 4, 20), reason=REASON
        )


# Return orders ---------------------------------------------------------------------------------------------


def test_order_after_cancellation(make_project, staff, django_capture_on_commit_callbacks):
    project = paid_ten_million(cancelled(make_project, staff))
    with django_capture_on_commit_callbacks(execute=True):
        result = order(staff, project)
    assert result.status == ReturnOrderStatus.ORDERED
    assert result.received_on == date(2020, 4, 1)  # the payment day by default
    # To the order day: 2020-04-01..2020-05-01 = 31 days × 10,000,000 × 0.03% = 93,000.
    assert result.working["total"] == 93_000
    assert result.working["final"] is False
    assert result.working["periods"][0]["days"] == 31
    entry = AuditEntry.objects.for_object(result).get(action="grants.return_order.ordered")
    assert entry.data["principal"] == 10_000_000
    assert entry.changes == {"status": [None, "ordered"]}
    (message,) = mail.outbox
    assert "返還命令" in message.subject
    body = message.body
    assert "10,000,000円" in body and "2020年5月31日" in body
    assert "10.95%" in body
    # Paid in full on the pay-by date: 61 days (04-01..05-31) × 3,000 = 183,000; 10,183,000 in all.
    assert "183,000円" in body and "10,183,000円" in body
    assert "10,000,000円 × 10.95% × 61日 ÷ 365日" in body


def test_partial_return_of_a_paid_project_without_cancellation(make_project, staff):
    project = make_project("paid")
    result = order(staff, project, principal=500_000, received_on=date(2020, 4, 15))
    assert result.received_on == date(2020, 4, 15)
    project.refresh_from_db()
    assert project.status == ProjectStatus.PAID
    assert returns.returnable(project) == 8_000_000


def test_orders_never_add_up_to_more_than_was_paid(make_project, staff):
    project = cancelled(make_project, staff)  # 8,500,000 paid
    order(staff, project, principal=8_000_000)
    with pytest.raises(ValidationError) as caught:
        order(staff, project, principal=500_001)
    assert "500,000円以下" in caught.value.message_dict["principal"][0]
    order(staff, project, principal=500_000)
    assert returns.returnable(project) == 0


def test_order_validations(make_project, staff):
    project = cancelled(make_project, staff)
    with pytest.raises(ValidationError) as caught:
        order(
            staff,
            project,
            principal=9_000_000,
            received_on=date(2020, 4, 9),
            ordered_on=date(2020, 4, 19),
            pay_by=date(2020, 4, 1),
            reason="",
        )
    assert set(caught.value.message_dict) == {"principal", "received_on", "ordered_on", "pay_by", "reason"}
    assert not ReturnOrder.objects.exists()


def test_no_order_without_a_payment_or_before_cancellation(make_project, staff):
    with pytest.raises(ValidationError, match="支払われていない"):
        order(staff, cancelled(make_project, staff, "decided"))
    with pytest.raises(ValidationError, match="交付決定を解除"):
        order(staff, make_project("determined"))


@pytest.mark.parametrize(("who", "error"), [("owner", PermissionDenied), ("outsider", Http404)])
def test_only_the_secretariat_orders(make_project, staff, request, who, error):
    project = cancelled(make_project, staff)
    with pytest.raises(error):
        order(request.getfixturevalue(who), project, principal=1_000)


# Repayments and settlement -------------------------------------------------------------------------------


def test_two_partial_repayments_settle_with_the_engines_figure(
    make_project, staff, django_capture_on_commit_callbacks
):
    project = paid_ten_million(cancelled(make_project, staff))
    result = order(staff, project)
    # By hand: 2020-04-01..06-30 = 30 + 31 + 30 = 91 days on 10,000,000: 10,000,000 × 0.1095 × 91 / 365
    # = 273,000; 07-01..09-30 = 31 + 31 + 30 = 92 days on 6,000,000 = 165,600. 加算金 438,600.
    returns.record_repayment(staff, result, paid_on=date(2020, 6, 30), amount=4_000_000)
    result.refresh_from_db()
    assert result.status == ReturnOrderStatus.ORDERED
    with django_capture_on_commit_callbacks(execute=True):
        returns.record_repayment(staff, result, paid_on=date(2020, 9, 30), amount=6_438_600)
    result.refresh_from_db()
    assert result.status == ReturnOrderStatus.SETTLED
    assert result.additional_charge == 438_600
    assert result.settled_on == date(2020, 9, 30)
    assert result.working["final"] is True
    assert [(p["days"], p["principal"], p["yen"]) for p in result.working["periods"]] == [
        (91, 10_000_000, 273_000),
        (92, 6_000_000, 165_600),
    ]
    recorded = AuditEntry.objects.for_object(result).filter(action="grants.return_order.repayment_recorded")
    assert recorded.count() == 2
    settled = AuditEntry.objects.for_object(result).get(action="grants.return_order.settled")
    assert settled.changes["status"] == ["ordered", "settled"]
    assert settled.changes["additional_charge"] == [None, 438_600]
    assert any("完納" in m.subject for m in mail.outbox)


def test_principal_first_then_the_charge(make_project, staff):
    project = paid_ten_million(cancelled(make_project, staff))
    result = order(staff, project)
    returns.record_repayment(staff, result, paid_on=date(2020, 6, 30), amount=4_000_000)
    returns.record_repayment(staff, result, paid_on=date(2020, 9, 30), amount=6_000_000)
    result.refresh_from_db()
    st = returns.statement(result, today=date(2020, 10, 1))
    assert st.final and st.principal_left == 0
    assert (st.charge.total, st.charge_paid, st.charge_left) == (438_600, 0, 438_600)
    assert result.status == ReturnOrderStatus.ORDERED
    with pytest.raises(ValidationError) as caught:
        returns.record_repayment(staff, result, paid_on=date(2020, 10, 15), amount=438_601)
    assert "438,600円" in caught.value.message_dict["amount"][0]
    with pytest.raises(ValidationError, match="まだ納付されていない額"):
        returns.settle(staff, result)
    returns.record_repayment(staff, result, paid_on=date(2020, 10, 15), amount=438_600)
    result.refresh_from_db()
    assert result.status == ReturnOrderStatus.SETTLED
    assert result.additional_charge == 438_600
    assert result.settled_on == date(2020, 10, 15)


def test_the_charge_to_date_runs_on_the_unpaid_principal(make_project, staff):
    project = paid_ten_million(cancelled(make_project, staff))
    result = order(staff, project)
    returns.record_repayment(staff, result, paid_on=date(2020, 6, 30), amount=4_000_000)
    st = returns.statement(result, today=date(2020, 9, 30))
    assert not st.final
    assert st.charge.total == 438_600  # the same as paying the rest today
    projected = returns.projected(result, st, date(2020, 7, 1))
    assert projected is not None and projected.total == 273_000 + 1_800


def test_repayment_validations(make_project, staff):
    project = paid_ten_million(cancelled(make_project, staff))
    result = order(staff, project)
    with pytest.raises(ValidationError) as caught:
        returns.record_repayment(staff, result, paid_on=date(2020, 3, 31), amount=0)
    assert set(caught.value.message_dict) == {"paid_on", "amount"}
    # Paid back on the day received: one day of 加算金 (3,000), then the order is settled.
    returns.record_repayment(staff, result, paid_on=date(2020, 4, 1), amount=10_003_000)
    result.refresh_from_db()
    assert result.status == ReturnOrderStatus.SETTLED and result.additional_charge == 3_000
    with pytest.raises(ValidationError, match="納付済み"):
        returns.record_repayment(staff, result, paid_on=date(2020, 4, 2), amount=1)


def test_unknown_move_and_people(make_project, staff, owner, outsider):
    project = paid_ten_million(cancelled(make_project, staff))
    result = order(staff, project)
    with pytest.raises(LookupError):
        RETURN_ORDER.move("withdraw")
    with pytest.raises(PermissionDenied):
        returns.record_repayment(owner, result, paid_on=date(2020, 6, 30), amount=1)
    with pytest.raises(Http404):
        returns.settle(outsider, result)

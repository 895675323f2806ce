"""額の確定, payment, cancellation and return orders of a project.

- ``grants:money``: the determination (preview with the working, or the stored one), the payment request and
  record, the return orders; the forms of whoever may act on each.
- ``grants:determine``, ``grants:payment_request``, ``grants:payment_record``: POST only.
- ``grants:cancel``: 交付決定の解除 (secretariat).
- ``grants:return_order_new``, ``grants:return_order``: a return order, printable, with the 加算金 working and
  the repayment form for the secretariat.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.common import moves, workflow
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import additional_charge as charge_engine
from junkan.grants.forms import add_errors
from junkan.grants.forms import money as money_forms
from junkan.grants.models import ReturnOrder, ReturnPayment
from junkan.grants.processes import PROJECT, RETURN_ORDER
from junkan.grants.services import money, returns
from junkan.grants.views.confirm import rehearse
from junkan.grants.views.projects import get_project
from junkan.jp.dates import today_tokyo
from junkan.jp.money import format_yen


def _state_moves(project: Any) -> set[str]:
    """The project's moves open from its current state, whoever makes them (what the page is about now)."""
    return {option.name for option in workflow.options(PROJECT, None, project)}


def _lines(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored line dicts with their payment day as a date (for the 和暦 filters)."""
    return [{**row, "paid_on_date": date.fromisoformat(row["paid_on"])} for row in rows]


def _orders(project: Any, today: date) -> list[tuple[ReturnOrder, returns.Statement]]:
    orders = project.return_orders.prefetch_related(
        Prefetch("payments", queryset=ReturnPayment.objects.order_by("paid_on", "id"))
    ).order_by("-ordered_on", "-id")
    return [(order, returns.statement(order, today=today)) for order in orders]


def _money_page(
    request: HttpRequest,
    project: Any,
    *,
    determine_form: money_forms.DetermineForm | None = None,
    request_form: money_forms.PaymentRequestForm | None = None,
    record_form: money_forms.PaymentRecordForm | None = None,
    adjustments: dict[int, money.YearAdjustment] | None = None,
) -> HttpResponse:
    today = today_tokyo()
    managing = permissions.can_manage(request.user, project).allowed
    acting = permissions.can_act(request.user, project).allowed
    now = _state_moves(project)
    may = moves.option_map(PROJECT, request.user, project)
    determining = "determined" in now
    paying = "paid" in now
    preview = None
    working = project.determination_working or None
    if determining:
        preview = money.determination_preview(project, adjustments)
        working = preview.working() or None
        lines = [
            {
                "fiscal_year": row.line.fiscal_year,
                "expense": row.line.expense,
                "item": row.line.item,
                "description": row.line.description,
                "amount": row.line.amount,
                "paid_on_date": row.line.paid_on,
                "eligible": row.check.eligible,
                "reason": row.check.reason,
            }
            for row in preview.lines
        ]
        if "determined" in may and determine_form is None:
            determine_form = money_forms.DetermineForm(
                years=list(preview.decided), initial={"determined_on": today}
            )
    else:
        lines = _lines(working.get("lines", [])) if working else []
    if paying:
        if acting and project.payment_requested_on is None and request_form is None:
            request_form = money_forms.PaymentRequestForm(initial={"requested_on": today})
        if "paid" in may and project.payment_requested_on is not None and record_form is None:
            record_form = money_forms.PaymentRecordForm(
                initial={"paid_on": today, "amount": f"{project.determined_amount:,}"}
            )
    orders = _orders(project, today)
    return render(
        request,
        "grants/money/money.html",
        {
            "project": project,
            "preview": preview,
            "working": working,
            "lines": lines,
            "eligible_total": sum(line["amount"] for line in lines if line["eligible"]),
            "excluded_total": sum(line["amount"] for line in lines if not line["eligible"]),
            "determine_form": determine_form if "determined" in may else None,
            "request_form": request_form if acting and paying else None,
            "record_form": record_form if "paid" in may else None,
            "orders": orders,
            "can_manage": managing,
            "can_act": acting,
            "can_cancel": bool(may.get("cancelled")),
            "can_order": returns.can_order(request.user, project).allowed,
            "before_completion": bool(now & {"grant_applied", "decided", "completed"}),
            "is_determined": paying,
            "today": today,
        },
    )


def _not_now(request: HttpRequest, project: Any, message: str) -> HttpResponse:
    """A form posted when its step is no longer possible (twice, or in another tab): say so on the page."""
    messages.error(request, message)
    return redirect("grants:money", public_id=project.public_id)


@login_required
def money_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    return _money_page(request, project)


@login_required
@require_POST
def determine(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    enforce(permissions.can_manage(request.user, project))
    if "determined" not in _state_moves(project):
        return _not_now(
            request,
            project,
            _("この補助事業は「%(status)s」のため、額の確定はできません。")
            % {"status": project.get_status_display()},
        )
    years = list(money.decided_by_year(project))
    form = money_forms.DetermineForm(request.POST, years=years)
    if not form.is_valid():
        return _money_page(request, project, determine_form=form)
    adjustments = form.adjustments()
    if request.POST.get("action") == "preview":
        return _money_page(request, project, determine_form=form, adjustments=adjustments)

    def run() -> Any:
        return money.determine(
            request.user, project, determined_on=form.cleaned_data["determined_on"], adjustments=adjustments
        )

    refused = None
    if moves.confirmation_needed(request, PROJECT.move("determined")):
        refused = rehearse(run)
        if refused is None:
            preview = money.determination_preview(project, adjustments)
            assert preview.result is not None
            return moves.confirmation_page(
                request,
                PROJECT,
                project,
                "determined",
                cancel_url=reverse("grants:money", args=[project.public_id]),
                summary=[
                    (_("補助事業者"), project.organization.name),
                    (_("交付決定額"), format_yen(project.decided_amount or 0)),
                    (_("確定額"), format_yen(preview.result.determined_total)),
                    *moves.form_summary(form),
                ],
            )
    try:
        if refused is not None:
            raise refused
        run()
    except ValidationError as error:
        add_errors(form, error)
        return _money_page(request, project, determine_form=form, adjustments=adjustments)
    messages.success(request, _("交付額を確定しました。補助事業者に確定通知をお送りしました。"))
    return redirect("grants:money", public_id=project.public_id)


@login_required
@require_POST
def payment_request(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    enforce(permissions.can_act(request.user, project))
    if "paid" not in _state_moves(project) or project.payment_requested_on is not None:
        return _not_now(request, project, _("精算払請求は、額の確定の後に1回行います。"))
    form = money_forms.PaymentRequestForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            money.request_payment(request.user, project, requested_on=form.cleaned_data["requested_on"])
        if outcome.ok:
            messages.success(request, _("精算払請求書の提出を記録しました。"))
            return redirect("grants:money", public_id=project.public_id)
    return _money_page(request, project, request_form=form)


@login_required
@require_POST
def payment_record(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    enforce(permissions.can_manage(request.user, project))
    if "paid" not in _state_moves(project) or project.payment_requested_on is None:
        return _not_now(request, project, _("支払は、額の確定と精算払請求書の提出の後に記録します。"))
    form = money_forms.PaymentRecordForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            money.record_payment(
                request.user,
                project,
                paid_on=form.cleaned_data["paid_on"],
                amount=form.cleaned_data["amount"],
            )
        if outcome.ok:
            messages.success(request, _("補助金の支払を記録しました。"))
            return redirect("grants:money", public_id=project.public_id)
    return _money_page(request, project, record_form=form)


@login_required
def cancel(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The cancellation form (date and reason), then its confirmation page, then 交付決定の解除."""
    project = get_project(request, public_id)
    enforce(permissions.can_manage(request.user, project))
    decision = workflow.can(PROJECT, request.user, project, "cancelled")
    allowed = decision.allowed
    back = reverse("grants:money", args=[project.public_id])
    if request.method == "POST" and allowed:
        form = money_forms.CancelForm(request.POST)
        if form.is_valid():

            def run() -> Any:
                return returns.cancel(
                    request.user,
                    project,
                    cancelled_on=form.cleaned_data["cancelled_on"],
                    reason=form.cleaned_data["reason"],
                )

            refused = None
            if moves.confirmation_needed(request, PROJECT.move("cancelled")):
                refused = rehearse(run)
                if refused is None:
                    summary = [(_("補助事業者"), project.organization.name), *moves.form_summary(form)]
                    if returns.order_needed(project):
                        summary.append(
                            (
                                _("支払済みの補助金"),
                                _("%(amount)s（解除の後、返還命令を登録してください）")
                                % {"amount": format_yen(project.paid_amount or 0)},
                            )
                        )
                    return moves.confirmation_page(
                        request, PROJECT, project, "cancelled", cancel_url=back, summary=summary
                    )
            with service_errors(form) as outcome:
                if refused is not None:
                    raise refused
                run()
            if outcome.ok:
                if returns.order_needed(project):
                    messages.success(
                        request,
                        _(
                            "交付決定を解除しました。補助事業者に通知しました。続けて返還命令を登録してください。"
                        ),
                    )
                    return redirect("grants:return_order_new", public_id=project.public_id)
                messages.success(request, _("交付決定を解除しました。補助事業者に通知しました。"))
                return redirect("grants:money", public_id=project.public_id)
    else:
        form = money_forms.CancelForm(initial={"cancelled_on": today_tokyo()})
    return render(
        request,
        "grants/money/cancel.html",
        {"project": project, "form": form, "allowed": allowed, "refusal": decision.reason},
    )


def _order_confirmation(
    request: HttpRequest, project: Any, form: money_forms.ReturnOrderForm
) -> HttpResponse:
    """The 確認画面 of a new return order: the order is created by its service, so the page is filled here
    (there is no order yet, so no state before)."""
    move = RETURN_ORDER.move("ordered")
    return render(
        request,
        "common/confirm.html",
        {
            "process": RETURN_ORDER,
            "object": project,
            "move": move,
            "state_before": _("（まだありません）"),
            "state_after": RETURN_ORDER.state_label(move.target),
            "summary": [
                (_("補助事業者"), project.organization.name),
                *moves.form_summary(form, yen_fields=["principal"]),
            ],
            "carried": [
                (key, value)
                for key in request.POST
                if key not in ("csrfmiddlewaretoken", moves.CONFIRMED)
                for value in request.POST.getlist(key)
            ],
            "files_posted": False,
            "action_url": request.get_full_path(),
            "cancel_url": reverse("grants:money", args=[project.public_id]),
        },
    )


@login_required
def return_order_new(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    enforce(permissions.can_manage(request.user, project))
    allowed = returns.can_order(request.user, project).allowed
    left = returns.returnable(project) if allowed else 0
    if request.method == "POST" and allowed:
        form = money_forms.ReturnOrderForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data

            def run() -> Any:
                return returns.order_return(
                    request.user,
                    project,
                    ordered_on=data["ordered_on"],
                    pay_by=data["pay_by"],
                    principal=data["principal"],
                    reason=data["reason"],
                    number=data["number"],
                    received_on=data["received_on"],
                )

            refused = None
            if moves.confirmation_needed(request, RETURN_ORDER.move("ordered")):
                refused = rehearse(run)
                if refused is None:
                    return _order_confirmation(request, project, form)
            with service_errors(form) as outcome:
                if refused is not None:
                    raise refused
                order = run()
            if outcome.ok:
                messages.success(request, _("返還命令を登録しました。補助事業者に通知しました。"))
                return redirect("grants:return_order", public_id=project.public_id, pk=order.pk)
    else:
        form = money_forms.ReturnOrderForm(
            initial={
                "ordered_on": today_tokyo(),
                "principal": f"{left:,}" if left else "",
                "received_on": project.paid_on,
            }
        )
    return render(
        request,
        "grants/money/return_order_form.html",
        {"project": project, "form": form, "allowed": allowed and left > 0, "left": left},
    )


@login_required
def return_order(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id)
    order = get_object_or_404(
        ReturnOrder.objects.select_related("ordered_by").prefetch_related(
            Prefetch(
                "payments",
                queryset=ReturnPayment.objects.select_related("recorded_by").order_by("paid_on", "id"),
            )
        ),
        project=project,
        pk=pk,
    )
    # Payments are recorded while the order can still be settled (the secretariat's move).
    recording = "settled" in moves.option_map(RETURN_ORDER, request.user, order)
    form = None
    if recording:
        form = money_forms.RepaymentForm(initial={"paid_on": today_tokyo()})
    if request.method == "POST":
        enforce(permissions.can_manage(request.user, project))
        form = money_forms.RepaymentForm(request.POST)
        if form.is_valid():
            with service_errors(form) as outcome:
                returns.record_repayment(
                    request.user,
                    order,
                    paid_on=form.cleaned_data["paid_on"],
                    amount=form.cleaned_data["amount"],
                )
            if outcome.ok:
                order.refresh_from_db()
                if order.settled_on is not None:
                    messages.success(request, _("納付を記録しました。返還命令の額と加算金が完納されました。"))
                else:
                    messages.success(request, _("納付を記録しました。"))
                return redirect("grants:return_order", public_id=project.public_id, pk=order.pk)
    today = today_tokyo()
    st = returns.statement(order, today=today)
    at_pay_by = returns.projected(order, st, order.pay_by) if order.pay_by >= today else None
    charge_at_pay_by = max(at_pay_by.total - st.charge_paid, 0) if at_pay_by else 0
    return render(
        request,
        "grants/money/return_order.html",
        {
            "project": project,
            "order": order,
            "st": st,
            "at_pay_by": at_pay_by,
            "charge_at_pay_by": charge_at_pay_by,
            "due_at_pay_by": st.principal_left + charge_at_pay_by,
            "form": form if recording else None,
            "rate_label": charge_engine.RATE_LABEL,
            "per_day": charge_engine.decimal_text(
                charge_engine.exact_charge(st.principal_left, 1), grouped=True
            ),
            "today": today,
        },
    )


urlpatterns = [
    path("p/<uuid:public_id>/money/", money_view, name="money"),
    path("p/<uuid:public_id>/money/determine/", determine, name="determine"),
    path("p/<uuid:public_id>/money/payment-request/", payment_request, name="payment_request"),
    path("p/<uuid:public_id>/money/payment/", payment_record, name="payment_record"),
    path("p/<uuid:public_id>/cancel/", cancel, name="cancel"),
    path("p/<uuid:public_id>/returns/new/", return_order_new, name="return_order_new"),
    path("p/<uuid:public_id>/returns/<int:pk>/", return_order, name="return_order"),
]

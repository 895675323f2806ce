"""The five processes of a grant, each declared once (read by ``common.workflow.transition``).

``grants.project`` — the adopted project::

    adopted ─交付申請→ applied ─交付決定→ decided ─完了実績報告→ completed ─額の確定→ determined ─支払→ paid
    applied ─差戻し→ adopted;  completed ─報告の差戻し→ decided
    adopted, applied ─辞退→ declined                      (the grantee's owner, before the decision)
    decided, completed, determined, paid ─交付決定の解除→ cancelled   (the secretariat; a return order follows
                                                                       when money was paid)

``grants.report`` — 未提出/差戻し ─提出→ 提出済み ─受理→ 受理 / ─差戻し→ 差戻し. Submitting the completion
report completes the project; returning it reopens the project.

``grants.plan_change`` — 承認申請中 ─承認/不承認→, or ─取下げ→ (the grantee).

``grants.return_order`` — 返還命令中 ─完納→ 納付済み (once principal and final 加算金 are paid).

``grants.info_request`` — 回答待ち ─回答→ 回答済み ─完了→ 完了; 回答済み ─再回答の依頼→ 回答待ち;
回答待ち ─完了→ 完了 (a hearing that took place, a request withdrawn).

A move without sources is the creation of the object by its service (``services.returns.order_return`` …):
it is declared for its history label and its confirmation text, never run by ``transition``.

Who: the grantee (補助事業者) is every member of the lead organization (``permissions.can_act``), the
decline only its owners and the members an owner allows to act for applications
(``permissions.can_decline``); the secretariat decides (``permissions.can_manage``). Co-applicants look only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common import history
from junkan.common.permissions import Decision, allow, deny
from junkan.common.workflow import Context, Move, Process, transition
from junkan.grants import permissions
from junkan.grants.models import (
    COMPLETION_REPORT_KINDS,
    InfoRequest,
    InfoRequestStatus,
    PlanChange,
    PlanChangeStatus,
    Project,
    ProjectStatus,
    Report,
    ReportStatus,
    ReturnOrder,
    ReturnOrderStatus,
)

P = ProjectStatus
R = ReportStatus


# Who -----------------------------------------------------------------------------------------------------


def _project_of(obj: Any) -> Project:
    return obj if isinstance(obj, Project) else obj.project


def grantee(user: Any, obj: Any) -> Decision:
    """The grantee's members act (交付申請, reports, answers, withdrawing a plan change)."""
    return permissions.can_act(user, _project_of(obj))


def secretariat(user: Any, obj: Any) -> Decision:
    """The secretariat decides (交付決定, acceptance, 額の確定, payment, cancellation, approvals)."""
    return permissions.can_manage(user, _project_of(obj))


def grantee_owner(user: Any, obj: Any) -> Decision:
    """Only the owners of the lead organization (or members an owner allows) decline the grant."""
    return permissions.can_decline(user, _project_of(obj))


# Guards --------------------------------------------------------------------------------------------------


def not_disposed(obj: Any) -> Decision:
    if _project_of(obj).disposed_at is not None:
        return deny(_("この補助事業の記録は保存期限を過ぎて廃棄されています。"))
    return allow()


def completion_report_accepted(project: Project) -> Decision:
    """額の確定 needs the completion report (or F/S report) accepted first."""
    if project.reports.filter(kind__in=COMPLETION_REPORT_KINDS, status=R.SUBMITTED).exists():
        return deny(_("完了実績報告書がまだ受理されていません。報告の画面で先に受理してください。"))
    return allow()


def decision_checks_done(project: Project) -> Decision:
    """交付決定 needs the points of seed 002 「採択後」2.(2) ア–ウ confirmed for every year applied for."""
    from junkan.grants.services.oversight import missing_checks

    missing = missing_checks(project)
    if missing:
        return deny(
            _(
                "交付決定の前の確認（%(items)s）がまだ記録されていません。交付決定の画面で確認を記録してください。"
            )
            % {"items": "、".join(missing)}
        )
    return allow()


def payment_requested(project: Project) -> Decision:
    if project.payment_requested_on is None:
        return deny(_("精算払請求書がまだ提出されていません。"))
    return allow()


def report_owed_now(report: Report) -> Decision:
    """A report is handed in while the project stands: the completion report before completion, the others
    from the decision on (never after a cancellation or a decline)."""
    project = report.project
    status = project.status
    if status in (P.CANCELLED, P.DECLINED):
        return deny(_("交付決定が解除された補助事業の報告は提出できません。"))
    if report.kind in COMPLETION_REPORT_KINDS:
        if status != P.DECIDED:
            return deny(
                _("この補助事業は「%(status)s」のため、完了実績報告書を提出できません。")
                % {"status": project.get_status_display()}
            )
    elif status not in UNDER_DECISION:
        return deny(
            _("この補助事業は「%(status)s」のため、報告を提出できません。")
            % {"status": project.get_status_display()}
        )
    return allow()


def report_complete(report: Report) -> Decision:
    """The report's checklist is clean (the first problem in words otherwise)."""
    from junkan.grants.services import reports

    result = reports.check(report, report.project)
    if result.problems:
        return deny(reports.problem_message(result.problems[0]))
    return allow()


def return_paid_in_full(order: ReturnOrder) -> Decision:
    from junkan.grants.services import returns

    payments = list(order.payments.all())
    last_day = max((p.paid_on for p in payments), default=order.received_on)
    st = returns.statement(order, payments, today=last_day)
    if not st.settled:
        return deny(
            _("まだ納付されていない額があります（元金 %(principal)s円、加算金 %(charge)s円）。")
            % {"principal": f"{st.principal_left:,}", "charge": f"{st.charge_left:,}"}
        )
    return allow()


def change_still_open_for_project(change: PlanChange) -> Decision:
    """A change is approved while the project can still change its plan (or continue)."""
    from junkan.grants.services import changes

    return changes.kind_allowed(change.project, change.kind)


# Effects -------------------------------------------------------------------------------------------------


def _after_commit(function: Any, *args: Any) -> None:
    transaction.on_commit(lambda: function(*args))


def _mail_project(name: str) -> Any:
    def effect(ctx: Context) -> None:
        from junkan.grants.services import project_mail

        _after_commit(getattr(project_mail, name), ctx.obj.pk, ctx.reason)

    effect.__name__ = f"mail_{name}"
    return effect


def _schedule_reports(ctx: Context) -> None:
    from junkan.grants.services.reports import schedule_reports

    schedule_reports(ctx.obj)


def _mail_report(ctx: Context) -> None:
    from junkan.grants.services import report_mail

    _after_commit(report_mail.mail_move, ctx.obj.pk, ctx.move.name)


def _project_follows_report(ctx: Context) -> None:
    """Submitting the completion report completes the project; returning it reopens the project."""
    report = ctx.obj
    if report.kind not in COMPLETION_REPORT_KINDS:
        return
    if ctx.move.name == "submitted":
        transition(
            PROJECT,
            ctx.actor,
            report.project,
            "completed",
            fields={"promised_t_co2": _decimal(ctx.data.get("reduction_t_co2"))},
            data={"report": report.pk, "reduction_t_co2": ctx.data.get("reduction_t_co2")},
        )
    elif ctx.move.name == "returned":
        transition(PROJECT, ctx.actor, report.project, "completion_reopened", data={"report": report.pk})


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _mail_request(ctx: Context) -> None:
    from junkan.grants.services import requests

    _after_commit(requests.mail_move, ctx.obj.pk, ctx.move.name)


def _mail_settled(ctx: Context) -> None:
    from junkan.grants.services import returns

    _after_commit(returns.mail_settled, ctx.obj.pk)


# Statuses in which the grant decision stands and the project is carried out or accounted for.
UNDER_DECISION = frozenset({P.DECIDED, P.COMPLETED, P.DETERMINED, P.PAID})


PROJECT: Process[Project] = Process(
    key="grants.project",
    label=gettext_lazy("補助事業"),
    model=Project,
    states=ProjectStatus,
    initial=P.ADOPTED,
    lock_related=("program", "project_type", "organization"),
    moves=(
        Move(
            "opened",
            sources=(),
            target=P.ADOPTED,
            label=gettext_lazy("補助事業として登録する"),
            done=gettext_lazy("補助事業の登録（採択）"),
            who=secretariat,
        ),
        Move(
            "grant_applied",
            sources=(P.ADOPTED,),
            target=P.APPLIED,
            label=gettext_lazy("交付申請をする"),
            done=gettext_lazy("交付申請"),
            who=grantee,
            guards=(not_disposed,),
        ),
        Move(
            "grant_application_returned",
            sources=(P.APPLIED,),
            target=P.ADOPTED,
            label=gettext_lazy("交付申請を差し戻す"),
            done=gettext_lazy("交付申請の差戻し"),
            who=secretariat,
            effects=(_mail_project("returned"),),
            needs_reason=True,
            style="secondary",
        ),
        Move(
            "decided",
            sources=(P.APPLIED,),
            target=P.DECIDED,
            label=gettext_lazy("交付決定をする"),
            done=gettext_lazy("交付決定"),
            who=secretariat,
            guards=(decision_checks_done,),
            effects=(_schedule_reports, _mail_project("decided")),
            confirm=gettext_lazy(
                "交付決定をすると、補助事業者に交付決定の通知をお送りし、交付決定日から契約・発注と経費の計上が"
                "できるようになります。交付決定額と交付決定番号は後から変更できません"
                "（変更は計画変更の承認、取りやめは交付決定の解除によります）。"
            ),
        ),
        Move(
            "declined",
            sources=(P.ADOPTED, P.APPLIED),
            target=P.DECLINED,
            label=gettext_lazy("補助事業を辞退する"),
            done=gettext_lazy("辞退"),
            who=grantee_owner,
            guards=(not_disposed,),
            effects=(_mail_project("declined"),),
            needs_reason=True,
            confirm=gettext_lazy(
                "辞退すると、この補助事業の交付申請・交付決定は行われず、元に戻すことはできません。"
                "採択の記録（審査の結果と採択一覧）は残り、補助事業は「辞退」と表示されます。"
            ),
            style="danger",
        ),
        Move(
            "completed",
            sources=(P.DECIDED,),
            target=P.COMPLETED,
            label=gettext_lazy("完了実績報告書を提出する"),
            done=gettext_lazy("事業完了（完了実績報告書の提出）"),
            who=grantee,
        ),
        Move(
            "completion_reopened",
            sources=(P.COMPLETED,),
            target=P.DECIDED,
            label=gettext_lazy("完了実績報告書を差し戻す"),
            done=gettext_lazy("完了実績報告書の差戻し（事業実施中に戻す）"),
            who=secretariat,
            style="secondary",
        ),
        Move(
            "determined",
            sources=(P.COMPLETED,),
            target=P.DETERMINED,
            label=gettext_lazy("交付額を確定する"),
            done=gettext_lazy("額の確定"),
            who=secretariat,
            guards=(completion_report_accepted,),
            effects=(_mail_project("determined"),),
            confirm=gettext_lazy(
                "額の確定をすると、確定額が補助事業者に通知され、この額で精算払の請求を受けます。"
                "確定額と計算過程は記録され、後から変更できません。"
            ),
        ),
        Move(
            "paid",
            sources=(P.DETERMINED,),
            target=P.PAID,
            label=gettext_lazy("支払を記録する"),
            done=gettext_lazy("補助金の支払"),
            who=secretariat,
            guards=(payment_requested,),
            effects=(_mail_project("paid"),),
        ),
        Move(
            "cancelled",
            sources=(P.DECIDED, P.COMPLETED, P.DETERMINED, P.PAID),
            target=P.CANCELLED,
            label=gettext_lazy("交付決定を解除する"),
            done=gettext_lazy("交付決定の解除"),
            who=secretariat,
            effects=(_mail_project("cancelled"),),
            needs_reason=True,
            confirm=gettext_lazy(
                "交付決定を解除すると、この補助事業は取りやめとなり、元に戻すことはできません。"
                "補助事業者に解除を通知します。すでに補助金を支払っている場合は、続けて返還命令を登録してください"
                "（加算金は受領の日から計算されます）。"
            ),
            style="danger",
        ),
    ),
)


REPORT: Process[Report] = Process(
    key="grants.report",
    label=gettext_lazy("報告"),
    model=Report,
    states=ReportStatus,
    initial=R.PENDING,
    lock_related=("project",),
    moves=(
        Move(
            "submitted",
            sources=(R.PENDING, R.RETURNED),
            target=R.SUBMITTED,
            label=gettext_lazy("報告を提出する"),
            done=gettext_lazy("報告の提出"),
            who=grantee,
            guards=(not_disposed, report_owed_now, report_complete),
            effects=(_project_follows_report, _mail_report),
            stamp="submitted_at",
        ),
        Move(
            "accepted",
            sources=(R.SUBMITTED,),
            target=R.ACCEPTED,
            label=gettext_lazy("報告を受理する"),
            done=gettext_lazy("報告の受理"),
            who=secretariat,
            effects=(_mail_report,),
            confirm=gettext_lazy(
                "受理すると、補助事業者はこの報告を修正できなくなり、受理の通知をお送りします。"
                "受理を取り消すことはできません（完了実績報告書は、受理の後に額の確定に進みます）。"
            ),
            stamp="reviewed_at",
        ),
        Move(
            "returned",
            sources=(R.SUBMITTED,),
            target=R.RETURNED,
            label=gettext_lazy("報告を差し戻す"),
            done=gettext_lazy("報告の差戻し"),
            who=secretariat,
            effects=(_project_follows_report, _mail_report),
            needs_reason=True,
            stamp="reviewed_at",
            style="secondary",
        ),
    ),
)


PLAN_CHANGE: Process[PlanChange] = Process(
    key="grants.plan_change",
    label=gettext_lazy("計画変更"),
    model=PlanChange,
    states=PlanChangeStatus,
    initial=PlanChangeStatus.REQUESTED,
    lock_related=("project",),
    moves=(
        Move(
            "requested",
            sources=(),
            target=PlanChangeStatus.REQUESTED,
            label=gettext_lazy("計画変更の承認を申請する"),
            done=gettext_lazy("計画変更の承認申請"),
            who=grantee,
        ),
        Move(
            "approved",
            sources=(PlanChangeStatus.REQUESTED,),
            target=PlanChangeStatus.APPROVED,
            label=gettext_lazy("承認する"),
            done=gettext_lazy("計画変更の承認"),
            who=secretariat,
            guards=(change_still_open_for_project,),
        ),
        Move(
            "refused",
            sources=(PlanChangeStatus.REQUESTED,),
            target=PlanChangeStatus.REFUSED,
            label=gettext_lazy("不承認とする"),
            done=gettext_lazy("計画変更の不承認"),
            who=secretariat,
            style="secondary",
        ),
        Move(
            "withdrawn",
            sources=(PlanChangeStatus.REQUESTED,),
            target=PlanChangeStatus.WITHDRAWN,
            label=gettext_lazy("申請を取り下げる"),
            done=gettext_lazy("計画変更の申請の取下げ"),
            who=grantee,
            style="secondary",
        ),
    ),
)


RETURN_ORDER: Process[ReturnOrder] = Process(
    key="grants.return_order",
    label=gettext_lazy("返還命令"),
    model=ReturnOrder,
    states=ReturnOrderStatus,
    initial=ReturnOrderStatus.ORDERED,
    lock_related=("project",),
    moves=(
        Move(
            "ordered",
            sources=(),
            target=ReturnOrderStatus.ORDERED,
            label=gettext_lazy("返還を命ずる"),
            done=gettext_lazy("返還命令"),
            who=secretariat,
            confirm=gettext_lazy(
                "返還命令を登録すると、補助事業者に返還命令と加算金の計算をお送りします。"
                "命令した額・納期限・受領日は後から変更できません（加算金は受領の日から年10.95%で計算されます）。"
            ),
            style="danger",
        ),
        Move(
            "settled",
            sources=(ReturnOrderStatus.ORDERED,),
            target=ReturnOrderStatus.SETTLED,
            label=gettext_lazy("完納とする"),
            done=gettext_lazy("返還金の完納"),
            who=secretariat,
            guards=(return_paid_in_full,),
            effects=(_mail_settled,),
        ),
    ),
)


INFO_REQUEST: Process[InfoRequest] = Process(
    key="grants.info_request",
    label=gettext_lazy("情報提供・ヒアリングの要請"),
    model=InfoRequest,
    states=InfoRequestStatus,
    initial=InfoRequestStatus.OPEN,
    lock_related=("project",),
    moves=(
        Move(
            "created",
            sources=(),
            target=InfoRequestStatus.OPEN,
            label=gettext_lazy("要請を登録する"),
            done=gettext_lazy("要請の登録"),
            who=secretariat,
        ),
        Move(
            "answered",
            sources=(InfoRequestStatus.OPEN,),
            target=InfoRequestStatus.ANSWERED,
            label=gettext_lazy("回答する"),
            done=gettext_lazy("要請への回答"),
            who=grantee,
            guards=(not_disposed,),
            effects=(_mail_request,),
            stamp="answered_at",
        ),
        Move(
            "closed",
            sources=(InfoRequestStatus.OPEN, InfoRequestStatus.ANSWERED),
            target=InfoRequestStatus.CLOSED,
            label=gettext_lazy("完了とする"),
            done=gettext_lazy("要請の完了"),
            who=secretariat,
            guards=(not_disposed,),
            effects=(_mail_request,),
        ),
        Move(
            "reopened",
            sources=(InfoRequestStatus.ANSWERED,),
            target=InfoRequestStatus.OPEN,
            label=gettext_lazy("再回答を求める"),
            done=gettext_lazy("再回答の依頼"),
            who=secretariat,
            guards=(not_disposed,),
            effects=(_mail_request,),
            style="secondary",
        ),
    ),
)

from junkan.grants import oversight_processes  # noqa: E402  (declares the conditions and inspections)

PROCESSES = (PROJECT, REPORT, PLAN_CHANGE, RETURN_ORDER, INFO_REQUEST, *oversight_processes.PROCESSES)

# Audit codes written by the grants services outside a move, in words (history pages).
OTHER_ACTIONS: dict[str, Any] = {
    "grants.project.completion_date_set": gettext_lazy("事業完了日の登録"),
    "grants.project.payment_requested": gettext_lazy("精算払請求書の提出"),
    "grants.project.continuation_approved": gettext_lazy("継続の承認"),
    "grants.project.continuation_recorded": gettext_lazy("継続（計画の変更なし）の記録"),
    "grants.project.disposed": gettext_lazy("書類の廃棄"),
    "grants.project.records_disposed": gettext_lazy("書類の廃棄"),
    "grants.project.contract_added": gettext_lazy("契約・発注の登録"),
    "grants.project.contract_updated": gettext_lazy("契約・発注の修正"),
    "grants.project.contract_removed": gettext_lazy("契約・発注の削除"),
    "grants.contract.added": gettext_lazy("契約・発注の登録"),
    "grants.contract.changed": gettext_lazy("契約・発注の修正"),
    "grants.contract.removed": gettext_lazy("契約・発注の削除"),
    "grants.plan_version.created": gettext_lazy("実施計画の新しい版"),
    "grants.report.saved": gettext_lazy("報告の保存"),
    "grants.report.rescheduled": gettext_lazy("提出期限の変更"),
    "grants.report.unscheduled": gettext_lazy("不要になった報告の削除"),
    "grants.report.reminded": gettext_lazy("提出期限のお知らせ"),
    "grants.cost_line.added": gettext_lazy("経費の実績の登録"),
    "grants.cost_line.changed": gettext_lazy("経費の実績の修正"),
    "grants.cost_line.updated": gettext_lazy("経費の実績の修正"),
    "grants.cost_line.removed": gettext_lazy("経費の実績の削除"),
    "grants.document.added": gettext_lazy("書類の登録"),
    "grants.document.removed": gettext_lazy("書類の削除"),
    "grants.document.downloaded": gettext_lazy("書類のダウンロード"),
    "grants.return_order.repayment_recorded": gettext_lazy("返還金の納付の記録"),
    **oversight_processes.OTHER_ACTIONS,
    "grants.statement.exported": gettext_lazy("補助金調書のダウンロード"),
    "grants.post_evaluation.recorded": gettext_lazy("事後評価の記録"),
    "grants.post_evaluation.updated": gettext_lazy("事後評価の修正"),
    "grants.post_evaluations.exported": gettext_lazy("事後評価の一覧のダウンロード（CSV）"),
}


def action_label(action: str) -> str:
    """An audit code of a grant in words: the move's history label, or the service's action."""
    from junkan.common.workflow import audit_label

    label = audit_label(action)
    if label is not None:
        return label
    if action in OTHER_ACTIONS:
        return str(OTHER_ACTIONS[action])
    return action


# The history's words for what grants records besides the declared moves.
history.label_actions(
    {
        "grants.project.completion_date_set": gettext_lazy("完了予定日の設定"),
        "grants.project.continuation_approved": gettext_lazy("継続の承認"),
        "grants.project.continuation_recorded": gettext_lazy("継続審査の結果の記録"),
        "grants.project.contract_added": gettext_lazy("契約・発注の追加"),
        "grants.project.contract_removed": gettext_lazy("契約・発注の削除"),
        "grants.project.contract_updated": gettext_lazy("契約・発注の変更"),
        "grants.project.disposed": gettext_lazy("保存期間満了による文書の廃棄"),
        "grants.project.records_disposed": gettext_lazy("保存期間満了による文書の廃棄"),
        "grants.project.payment_requested": gettext_lazy("支払の請求"),
        "grants.report.reminded": gettext_lazy("報告の督促"),
        "grants.report.rescheduled": gettext_lazy("報告期限の変更"),
        "grants.report.unscheduled": gettext_lazy("報告予定の取消し"),
        "grants.return_order.repayment_recorded": gettext_lazy("返還金の納付の記録"),
        "grants.statement.exported": gettext_lazy("補助金調書のダウンロード"),
        "grants.post_evaluation.recorded": gettext_lazy("事後評価の記録"),
        "grants.post_evaluation.updated": gettext_lazy("事後評価の修正"),
        "grants.post_evaluations.exported": gettext_lazy("事後評価の一覧のダウンロード（CSV）"),
        **oversight_processes.OTHER_ACTIONS,
    }
)

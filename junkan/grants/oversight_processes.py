"""The processes of the oversight of a grant, declared once (read by ``common.workflow.transition``).

``grants.condition`` — a condition of adoption (採択の条件) followed during the project::

    (set) → 未達成 ─達成を確認→ 達成;  未達成 ─取りやめ→ 取りやめ (with the reason);  達成 ─再確認→ 未達成

``grants.inspection`` — a site inspection (現地調査)::

    (planned) → 予定 ─実施を記録→ 実施済み ─是正・対応を求める→ 是正・対応の確認中 ─完了とする→ 完了
    実施済み ─完了とする→ 完了;  予定 ─中止→ 中止 (with the reason)

Who: the secretariat records every step (``permissions.can_manage``); the grantee's members and the
co-applicants read (``permissions.can_view``); everyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from junkan.common.permissions import Decision
from junkan.common.workflow import Context, Move, Process
from junkan.grants import permissions
from junkan.grants.models import (
    AdoptionCondition,
    ConditionStatus,
    Inspection,
    InspectionStatus,
)

C = ConditionStatus
I = InspectionStatus  # noqa: E741


def secretariat(user: Any, obj: Any) -> Decision:
    """The secretariat records conditions and inspections."""
    return permissions.can_manage(user, obj.project)


def _mail_grantee(ctx: Context) -> None:
    """The grantee's members are told of the findings, a follow-up or a cancellation (after the commit)."""
    from django.db import transaction

    from junkan.grants.services.oversight import mail_inspection

    pk, name = ctx.obj.pk, ctx.move.name
    transaction.on_commit(lambda: mail_inspection(pk, name))


def project_kept(obj: Any) -> Decision:
    """The project's guard: nothing is recorded once its records are disposed of (one rule, one message)."""
    # Imported here: grants.processes imports this module at its end to list every grants process.
    from junkan.grants.processes import not_disposed

    return not_disposed(obj)


CONDITION: Process[AdoptionCondition] = Process(
    key="grants.condition",
    label=gettext_lazy("採択の条件"),
    model=AdoptionCondition,
    states=ConditionStatus,
    initial=C.OPEN,
    lock_related=("project",),
    moves=(
        Move(
            "set",
            sources=(),
            target=C.OPEN,
            label=gettext_lazy("採択の条件を登録する"),
            done=gettext_lazy("採択の条件の登録"),
            who=secretariat,
        ),
        Move(
            "met",
            sources=(C.OPEN,),
            target=C.MET,
            label=gettext_lazy("達成を確認する"),
            done=gettext_lazy("採択の条件の達成の確認"),
            who=secretariat,
            guards=(project_kept,),
        ),
        Move(
            "waived",
            sources=(C.OPEN,),
            target=C.WAIVED,
            label=gettext_lazy("条件を取りやめる"),
            done=gettext_lazy("採択の条件の取りやめ"),
            who=secretariat,
            guards=(project_kept,),
            needs_reason=True,
            confirm=gettext_lazy(
                "条件を取りやめると、この条件は達成を求めないものとして記録され、元に戻すことはできません。"
                "取りやめの理由は補助事業者も見ることができます。"
            ),
            style="danger",
        ),
        Move(
            "reopened",
            sources=(C.MET,),
            target=C.OPEN,
            label=gettext_lazy("未達成に戻す"),
            done=gettext_lazy("採択の条件の再確認（未達成に戻す）"),
            who=secretariat,
            guards=(project_kept,),
            needs_reason=True,
            style="secondary",
        ),
    ),
)


INSPECTION: Process[Inspection] = Process(
    key="grants.inspection",
    label=gettext_lazy("現地調査"),
    model=Inspection,
    states=InspectionStatus,
    initial=I.PLANNED,
    lock_related=("project",),
    moves=(
        Move(
            "planned",
            sources=(),
            target=I.PLANNED,
            label=gettext_lazy("現地調査を予定する"),
            done=gettext_lazy("現地調査の予定の登録"),
            who=secretariat,
        ),
        Move(
            "done",
            sources=(I.PLANNED,),
            target=I.DONE,
            label=gettext_lazy("実施を記録する"),
            done=gettext_lazy("現地調査の実施の記録"),
            who=secretariat,
            guards=(project_kept,),
            effects=(_mail_grantee,),
            confirm=gettext_lazy(
                "実施を記録すると、調査の結果（所見）が補助事業者に公開され、実施日と所見は後から変更できません。"
            ),
        ),
        Move(
            "follow_up",
            sources=(I.DONE,),
            target=I.FOLLOW_UP,
            label=gettext_lazy("是正・対応を求める"),
            done=gettext_lazy("現地調査の指摘への是正・対応の要請"),
            who=secretariat,
            guards=(project_kept,),
            effects=(_mail_grantee,),
            needs_reason=True,
            style="secondary",
        ),
        Move(
            "closed",
            sources=(I.DONE, I.FOLLOW_UP),
            target=I.CLOSED,
            label=gettext_lazy("完了とする"),
            done=gettext_lazy("現地調査の完了"),
            who=secretariat,
            guards=(project_kept,),
        ),
        Move(
            "cancelled",
            sources=(I.PLANNED,),
            target=I.CANCELLED,
            label=gettext_lazy("中止する"),
            done=gettext_lazy("現地調査の中止"),
            who=secretariat,
            guards=(project_kept,),
            effects=(_mail_grantee,),
            needs_reason=True,
            confirm=gettext_lazy(
                "中止すると、この現地調査は行わないものとして記録され、元に戻すことはできません。"
                "改めて行うときは、新しく予定を登録してください。"
            ),
            style="danger",
        ),
    ),
)

PROCESSES = (CONDITION, INSPECTION)

# Audit codes of the oversight written outside a move, in words (history pages).
OTHER_ACTIONS: dict[str, Any] = {
    "grants.project.decision_checked": gettext_lazy("交付決定前の確認の記録"),
    "grants.project.decision_unchecked": gettext_lazy("交付決定前の確認の取消し"),
    "grants.project.support_judged": gettext_lazy("更なる支援の要否の判断"),
}

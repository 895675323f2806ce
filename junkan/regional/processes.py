"""The processes of regional support, each declared once (junkan.common.workflow).

- ``regional.case``: a consortium support case — 作成中 → 選定中 → 支援中 / 不選定 → 移行ヒアリング → 終了.
- ``regional.hearing``: the transition hearing — 判定中 → 決定済み (the decision is sent to the region).
- ``regional.team``: a support team — 作成中 → 依頼中 → 支援中 / 見送り → 支援終了.
- ``regional.plan``: a business plan — 策定中 → 策定済み → 事業化.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common.permissions import Decision, allow, deny
from junkan.common.workflow import Context, Move, Process, transition
from junkan.regional import caching, mail, rules
from junkan.regional import permissions as p
from junkan.regional.models import (
    BusinessPlan,
    CaseStatus,
    ConsortiumCase,
    Hearing,
    HearingStatus,
    PlanStatus,
    SupportTeam,
    TeamStatus,
)

C = CaseStatus
T = TeamStatus


def _decision(problems: list[str]) -> Decision:
    return deny(problems[0]) if problems else allow()


# Consortium case -------------------------------------------------------------------------------------------


def case_ready(case: ConsortiumCase) -> Decision:
    return _decision(rules.case_problems(case))


def case_budget_within_cap(case: ConsortiumCase) -> Decision:
    return _decision(rules.budget_problems(case))


def consortium_has_met(case: ConsortiumCase) -> Decision:
    # The case page reads it with the case (an annotation of the same name); anywhere else, asked here.
    met = getattr(case, "consortium_has_met", None)
    if met is None:
        met = case.body.meetings.exists()
    if not met:
        return deny(_("移行ヒアリングの前に、コンソーシアムの会議を1回以上記録してください。"))
    return allow()


def open_hearing(context: Context) -> None:
    from junkan.regional.engine.hearing import CRITERIA
    from junkan.regional.models import Judgement

    hearing, _created = Hearing.objects.get_or_create(case=context.obj)
    Judgement.objects.bulk_create(
        [Judgement(hearing=hearing, key=c.key) for c in CRITERIA], ignore_conflicts=True
    )
    caching.invalidate()  # bulk_create sends no signal


def mail_selection(context: Context) -> None:
    case = context.obj
    transaction.on_commit(lambda: mail.case_decided(case.pk))


CASE = Process(
    key="regional.case",
    label=gettext_lazy("環境整備の支援案件"),
    model=ConsortiumCase,
    states=CaseStatus,
    initial=C.DRAFT,
    lock_related=("region", "round", "body"),
    moves=(
        Move(
            "submit",
            sources=(C.DRAFT,),
            target=C.SUBMITTED,
            label=gettext_lazy("応募する"),
            done=gettext_lazy("応募"),
            who=p.region_move,
            guards=(case_ready,),
            confirm=gettext_lazy("応募した後は、事務局の選定が終わるまで構想と予定額を変更できません。"),
            stamp="submitted_at",
        ),
        Move(
            "select",
            sources=(C.SUBMITTED,),
            target=C.SELECTED,
            label=gettext_lazy("支援する地域に選定する"),
            done=gettext_lazy("選定"),
            who=p.secretariat_move,
            guards=(case_ready, case_budget_within_cap),
            effects=(mail_selection,),
            needs_reason=True,
            confirm=gettext_lazy("選定の結果は地域にメールで通知されます。"),
            stamp="decided_at",
        ),
        Move(
            "not_select",
            sources=(C.SUBMITTED,),
            target=C.NOT_SELECTED,
            label=gettext_lazy("選定しない"),
            done=gettext_lazy("不選定"),
            who=p.secretariat_move,
            effects=(mail_selection,),
            needs_reason=True,
            confirm=gettext_lazy("選定しない結果は地域にメールで通知されます。"),
            stamp="decided_at",
            style="danger",
        ),
        Move(
            "to_hearing",
            sources=(C.SELECTED,),
            target=C.HEARING,
            label=gettext_lazy("移行ヒアリングを申し込む"),
            done=gettext_lazy("移行ヒアリングの申込み"),
            who=p.region_move,
            guards=(consortium_has_met,),
            effects=(open_hearing,),
        ),
        Move(
            "close",
            sources=(C.SELECTED,),
            target=C.CLOSED,
            label=gettext_lazy("ヒアリングを行わずに終了する"),
            done=gettext_lazy("終了"),
            who=p.secretariat_move,
            needs_reason=True,
            confirm=gettext_lazy("終了した案件は再開できません。"),
            style="danger",
        ),
        Move(
            "decided",
            sources=(C.HEARING,),
            target=C.CLOSED,
            label=gettext_lazy("ヒアリングの決定により終了する"),
            done=gettext_lazy("ヒアリングの決定"),
            who=p.secretariat_move,
        ),
    ),
)


# Hearing ---------------------------------------------------------------------------------------------------


def hearing_decidable(hearing: Hearing) -> Decision:
    return _decision(rules.hearing_problems(hearing))


def hearing_effects(context: Context) -> None:
    from junkan.regional.engine.hearing import Outcome

    hearing = context.obj
    transition(CASE, None, hearing.case, "decided", data={"outcome": hearing.outcome})
    if hearing.outcome == Outcome.TEAM:
        rules.draft_team_for(hearing.case)
    transaction.on_commit(lambda: mail.hearing_decided(hearing.pk))


HEARING = Process(
    key="regional.hearing",
    label=gettext_lazy("移行ヒアリング"),
    model=Hearing,
    states=HearingStatus,
    initial=HearingStatus.OPEN,
    lock_related=("case", "case__region"),
    moves=(
        Move(
            "decide",
            sources=(HearingStatus.OPEN,),
            target=HearingStatus.DECIDED,
            label=gettext_lazy("決定して地域に通知する"),
            done=gettext_lazy("決定・通知"),
            who=p.secretariat_move,
            guards=(hearing_decidable,),
            effects=(hearing_effects,),
            confirm=gettext_lazy("決定は地域にメールで通知され、変更できません。"),
            stamp="decided_at",
        ),
    ),
)


# Support team ----------------------------------------------------------------------------------------------


def team_request_ready(team: SupportTeam) -> Decision:
    if not team.fields.exists():
        return deny(_("求める専門分野を1つ以上選んでください。"))
    if not team.request_note.strip():
        return deny(_("依頼の内容を入力してください。"))
    return allow()


def team_formable(team: SupportTeam) -> Decision:
    return _decision(rules.team_problems(team))


def mail_team(context: Context) -> None:
    team = context.obj
    transaction.on_commit(lambda: mail.team_changed(team.pk, context.move.name))


TEAM = Process(
    key="regional.team",
    label=gettext_lazy("支援チーム"),
    model=SupportTeam,
    states=TeamStatus,
    initial=T.DRAFT,
    lock_related=("region", "body"),
    moves=(
        Move(
            "request",
            sources=(T.DRAFT,),
            target=T.REQUESTED,
            label=gettext_lazy("支援チームの派遣を依頼する"),
            done=gettext_lazy("派遣の依頼"),
            who=p.region_move,
            guards=(team_request_ready,),
            stamp="requested_at",
        ),
        Move(
            "form",
            sources=(T.REQUESTED,),
            target=T.FORMED,
            label=gettext_lazy("この編成で支援チームを派遣する"),
            done=gettext_lazy("編成・派遣の決定"),
            who=p.secretariat_move,
            guards=(team_formable,),
            effects=(mail_team,),
            confirm=gettext_lazy(
                "編成を地域に通知します。派遣の後も専門家の交代はできますが、3～5名を保ってください。"
            ),
            stamp="formed_at",
        ),
        Move(
            "refuse",
            sources=(T.REQUESTED,),
            target=T.REFUSED,
            label=gettext_lazy("派遣を見送る"),
            done=gettext_lazy("見送り"),
            who=p.secretariat_move,
            effects=(mail_team,),
            needs_reason=True,
            confirm=gettext_lazy("見送りは地域にメールで通知されます。"),
            style="danger",
        ),
        Move(
            "complete",
            sources=(T.FORMED,),
            target=T.COMPLETED,
            label=gettext_lazy("支援を終了する"),
            done=gettext_lazy("支援終了"),
            who=p.secretariat_move,
            confirm=gettext_lazy("支援を終了すると、訪問の記録は追加できなくなります。"),
        ),
    ),
)


# Business plan ---------------------------------------------------------------------------------------------


def plan_has_kpis(plan: BusinessPlan) -> Decision:
    if not plan.kpis.filter(years__target__isnull=False).exists():
        return deny(_("目標値のあるKPIを1つ以上設定してください。"))
    return allow()


def plan_has_support(plan: BusinessPlan) -> Decision:
    if not plan.programs.exists() and not plan.applications.exists():
        return deny(_("事業化の前に、関連する予算事業か応募を1つ以上結び付けてください。"))
    return allow()


PLAN = Process(
    key="regional.plan",
    label=gettext_lazy("事業計画"),
    model=BusinessPlan,
    states=PlanStatus,
    initial=PlanStatus.DRAFT,
    lock_related=("region",),
    moves=(
        Move(
            "adopt",
            sources=(PlanStatus.DRAFT,),
            target=PlanStatus.ADOPTED,
            label=gettext_lazy("事業計画を策定済みにする"),
            done=gettext_lazy("策定"),
            who=p.region_move,
            guards=(plan_has_kpis,),
            stamp="adopted_at",
        ),
        Move(
            "start_business",
            sources=(PlanStatus.ADOPTED,),
            target=PlanStatus.BUSINESS,
            label=gettext_lazy("事業化した"),
            done=gettext_lazy("事業化"),
            who=p.region_move,
            guards=(plan_has_support,),
            confirm=gettext_lazy("地域の段階が「事業化」になります。"),
        ),
    ),
)

PROCESSES: dict[str, Process[Any]] = {"case": CASE, "hearing": HEARING, "team": TEAM, "plan": PLAN}

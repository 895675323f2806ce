"""Every change in regional support other than a process move: permission check, ``transaction.atomic()``,
``update_fields``, an audit entry. Moves go through ``junkan.common.workflow.transition`` (processes.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from junkan.audit.services import plain, record
from junkan.common import files, uploads
from junkan.common.permissions import enforce
from junkan.regional import caching
from junkan.regional import permissions as p
from junkan.regional.engine import budget, team
from junkan.regional.models import (
    Activity,
    AnalysisFile,
    Body,
    BodyKind,
    BodyMember,
    BusinessPlan,
    CaseKind,
    CaseStatus,
    ConsortiumCase,
    Coordinator,
    CostLine,
    Hearing,
    HearingStatus,
    Judgement,
    Kpi,
    KpiYear,
    Meeting,
    MeetingFile,
    PdcaCycle,
    PlanStatus,
    Round,
    Route,
    SupportTeam,
    TeamExpert,
    TeamStatus,
    Visit,
)


def _lock(obj: Model) -> Any:
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _update(
    actor: Any, obj: Model, values: Mapping[str, Any], action: str, audit_obj: Model | None = None
) -> Any:
    """Set the fields that changed, save only those, and record what changed."""
    changes: dict[str, list[Any]] = {}
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            changes[key] = [plain(old), plain(value)]
            setattr(obj, key, value)
    if changes:
        fields = [*changes]
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            fields.append("updated_at")
        obj.save(update_fields=fields)
        record(actor, action, audit_obj or obj, changes=changes)
    return obj


def _store(model: type[Any], actor: Any, upload: UploadedFile, used: int, **owner: Any) -> Any:
    """Check an upload by its content and size (the project's upload rules) and keep it."""
    try:
        accepted = files.accept(upload.file, upload.size, upload.name or "", used)
    except uploads.UploadRejected as error:
        raise ValidationError({"file": str(error)}) from None
    stored = model(
        original_name=accepted.name,
        content_type=accepted.kind.content_type,
        size=accepted.size,
        sha256=accepted.sha256,
        uploaded_by=actor,
        **owner,
    )
    stored.file.save("upload", upload, save=False)
    stored.save()
    return stored


# Rounds and cases ------------------------------------------------------------------------------------------


def announce_round(
    actor: Any, *, fiscal_year: int, name: str, budget_cap: int, announced_on: date, **extra: Any
) -> Round:
    enforce(p.can_manage(actor))
    if budget_cap <= 0:
        raise ValidationError({"budget_cap": _("上限額は1円以上で入力してください。")})
    with transaction.atomic():
        if Round.objects.filter(fiscal_year=fiscal_year).exists():
            raise ValidationError({"fiscal_year": _("この年度の募集回は既にあります。")})
        round_ = Round.objects.create(
            fiscal_year=fiscal_year, name=name, budget_cap=budget_cap, announced_on=announced_on, **extra
        )
        record(
            actor, "regional.round.announced", round_, data={"fiscal_year": fiscal_year, "cap": budget_cap}
        )
    return round_


def start_case(
    actor: Any,
    region: Any,
    round_: Round,
    *,
    kind: str = CaseKind.NEW,
    route: str = Route.APPLIED,
    recommended_by: str = "",
) -> ConsortiumCase:
    """A region applies (or the secretariat records a recommended region): the case, its consortium and
    budget lines, the concept started from the region's concept sheet."""
    enforce(p.can_start_case(actor, region))
    if not round_.is_open:
        raise ValidationError(_("この募集回は応募を受け付けていません。"))
    if route == Route.RECOMMENDED and not p.can_manage(actor).allowed:
        raise ValidationError(_("推薦による案件は事務局が登録します。"))
    resources = "、".join(r.name for r in region.resources.all())
    note = region.resources_note.strip()
    with transaction.atomic():
        previous = (
            ConsortiumCase.objects.filter(region=region, round__fiscal_year=round_.fiscal_year - 1)
            .select_related("body")
            .first()
        )
        if kind == CaseKind.CONTINUING and previous is not None:
            body = previous.body
        else:
            body = Body.objects.create(
                kind=BodyKind.CONSORTIUM,
                name=_("%(region)s 地域コンソーシアム") % {"region": region.name},
                region=region,
            )
        source = previous if kind == CaseKind.CONTINUING and previous is not None else None
        try:
            with transaction.atomic():
                case = ConsortiumCase.objects.create(
                    region=region,
                    round=round_,
                    kind=kind,
                    route=route,
                    recommended_by=recommended_by,
                    budget_cap=round_.budget_cap,
                    body=body,
                    desired_future=source.desired_future if source else region.desired_future,
                    backcasting=source.backcasting if source else region.backcasting,
                    resources=source.resources if source else "\n".join(x for x in (resources, note) if x),
                    challenges=source.challenges if source else region.challenges,
                    partners=source.partners if source else region.stakeholders,
                )
        except IntegrityError:
            raise ValidationError(_("この地域はこの募集回に既に案件があります。")) from None
        CostLine.objects.bulk_create([CostLine(case=case, kind=k.value) for k in budget.CostKind])
        caching.invalidate()  # bulk_create sends no signal
        record(
            actor,
            "regional.case.created",
            case,
            data={"round": round_.fiscal_year, "kind": kind, "route": route},
        )
    return case


CONCEPT_FIELDS = ("desired_future", "backcasting", "resources", "challenges", "partners")


def case_is_open(case: ConsortiumCase) -> bool:
    """The concept is worked out while the case is being written and during the stage."""
    return case.status in (CaseStatus.DRAFT, CaseStatus.SELECTED)


def update_concept(actor: Any, case: ConsortiumCase, data: Mapping[str, Any]) -> ConsortiumCase:
    enforce(p.can_edit_case(actor, case))
    with transaction.atomic():
        case = _lock(case)
        if not case_is_open(case):
            raise ValidationError(_("この状態の案件の構想は変更できません。"))
        values = {k: str(data.get(k, "")).strip() for k in CONCEPT_FIELDS}
        if "is_published" in data:
            values["is_published"] = bool(data["is_published"])
        return _update(actor, case, values, "regional.case.concept_changed")


def save_budget(actor: Any, case: ConsortiumCase, rows: Mapping[str, Mapping[str, Any]]) -> None:
    """Planned amounts (the region while writing; the secretariat) and actual amounts (the secretariat,
    who executes the budget), never above the case's cap."""
    enforce(p.can_edit_case(actor, case))
    secretariat = p.can_manage(actor).allowed
    with transaction.atomic():
        case = _lock(case)
        if not secretariat and case.status != CaseStatus.DRAFT:
            raise ValidationError(_("応募した後の経費は事務局が管理します。"))
        if case.status in (CaseStatus.NOT_SELECTED, CaseStatus.CLOSED):
            raise ValidationError(_("この状態の案件の経費は変更できません。"))
        lines = {line.kind: line for line in case.cost_lines.select_for_update()}
        proposed: list[budget.Line] = []
        for kind in budget.CostKind:
            line = lines[kind.value]
            row = rows.get(kind.value, {})
            planned = int(row.get("planned", line.planned))
            actual = int(row.get("actual", line.actual)) if secretariat else int(line.actual)
            proposed.append(budget.Line(kind, planned, actual, str(row.get("reason", line.reason)).strip()))
        problems = budget.budget_problems(proposed, int(case.budget_cap))
        if problems:
            raise ValidationError(problems)
        for new in proposed:
            line = lines[new.kind.value]
            _update(
                actor,
                line,
                {"planned": new.planned, "actual": new.actual, "reason": new.reason},
                "regional.case.budget_changed",
                audit_obj=case,
            )


def economy_accounts(actor: Any, case: ConsortiumCase) -> QuerySet[Any]:
    """The 地域経済循環 data the person may attach to the case: what they may see of the region's own
    organization's data and of the data on its municipalities (bounded by the region, not the country)."""
    from junkan.economy import permissions as economy_permissions
    from junkan.economy.models import RegionalAccount

    region = case.region
    near = (
        Q(organization_id=region.organization_id)
        | Q(region_id=region.pk)
        | Q(municipality__in=region.municipalities.all())
    )
    return economy_permissions.visible(RegionalAccount.objects.filter(near), actor).order_by(
        "area_name", "-data_year", "id"
    )


def economy_choices(actor: Any, case: ConsortiumCase) -> list[tuple[int, str]]:
    """What ``economy_accounts`` gives, as (id, label) in the same order, for showing the choice: the region's
    accounts are read once per generation of the economy and registry data (shared by everyone), and the
    person's share is picked by ``economy.permissions.visible_rows`` (the rule of ``visible`` on rows already
    read: the secretariat all; others the public ones and the private ones of their organizations). No query
    for the secretariat, nor for a member of the region's organization (their membership is known already)
    unless another organization's private data is on the list. Choosing is still checked against
    ``economy_accounts`` (the form's queryset and ``link_economy_account``)."""
    from junkan.common import cache
    from junkan.economy import caching as economy_caching
    from junkan.economy import permissions as economy_permissions
    from junkan.economy.models import RegionalAccount, Visibility
    from junkan.organizations.permissions import membership_of
    from junkan.registry import caching as registry_caching

    region = case.region

    def rows() -> list[tuple[int, str, bool, int | None]]:
        near = (
            Q(organization_id=region.organization_id)
            | Q(region_id=region.pk)
            | Q(municipality__in=region.municipalities.all())
        )
        found = RegionalAccount.objects.filter(near).order_by("area_name", "-data_year", "id")
        return [(a.pk, a.display_name, a.visibility == Visibility.PUBLIC, a.organization_id) for a in found]

    accounts = cache.keyed(
        "regional.case.economy_accounts", (economy_caching.SCOPE, registry_caching.SCOPE), [region.pk], rows
    )

    def organizations(private: set[int]) -> set[int]:
        # Usually only the region's own organization holds private data here: its membership is known.
        if private <= {region.organization_id}:
            return private if membership_of(actor, region.organization) is not None else set()
        return set(economy_permissions.organization_ids(actor)) & private

    return economy_permissions.visible_rows(
        [((pk, label), public, org) for pk, label, public, org in accounts], actor, organizations
    )


def link_economy_account(actor: Any, case: ConsortiumCase, account: Any | None) -> ConsortiumCase:
    """Attach one of the platform's 地域経済循環分析 to the case (None takes it off)."""
    enforce(p.can_edit_case(actor, case))
    with transaction.atomic():
        case = _lock(case)
        if not case_is_open(case):
            raise ValidationError(_("この状態の案件の分析は変更できません。"))
        if account is not None and not economy_accounts(actor, case).filter(pk=account.pk).exists():
            raise ValidationError({"account": _("この地域の分析として選べるデータではありません。")})
        return _update(actor, case, {"economy_account": account}, "regional.case.economy_linked")


def add_analysis(actor: Any, case: ConsortiumCase, upload: UploadedFile) -> AnalysisFile:
    enforce(p.can_edit_case(actor, case))
    with transaction.atomic():
        case = _lock(case)
        used = case.analyses.aggregate(total=Sum("size"))["total"] or 0
        stored = _store(AnalysisFile, actor, upload, used, case=case)
        record(
            actor,
            "regional.case.analysis_added",
            case,
            data={"name": stored.original_name, "size": stored.size},
        )
    return stored


# Bodies ----------------------------------------------------------------------------------------------------


def create_council(actor: Any, project: Any, name: str) -> Body:
    """The council (協議会) of a type ③ grant project as a regional body."""
    from junkan.grants import permissions as grants

    enforce(grants.can_act(actor, project))
    with transaction.atomic():
        body = Body.objects.create(kind=BodyKind.COUNCIL, name=name.strip(), grant_project=project)
        record(actor, "regional.body.created", body, data={"project": str(project.public_id)})
    return body


def update_body(actor: Any, body: Body, data: Mapping[str, Any]) -> Body:
    enforce(p.can_edit_body(actor, body))
    with transaction.atomic():
        body = _lock(body)
        values = {
            "name": str(data.get("name", body.name)).strip() or body.name,
            "purpose": str(data.get("purpose", "")).strip(),
            "reuses_existing": bool(data.get("reuses_existing")),
            "is_published": bool(data.get("is_published")),
        }
        return _update(actor, body, values, "regional.body.changed")


def add_member(actor: Any, body: Body, data: Mapping[str, Any]) -> BodyMember:
    enforce(p.can_edit_body(actor, body))
    joined, left = data.get("joined_on"), data.get("left_on")
    if joined and left and left < joined:
        raise ValidationError({"left_on": _("退任日が参加日より前になっています。")})
    with transaction.atomic():
        member = BodyMember.objects.create(body=body, **data)
        record(actor, "regional.body.member_added", body, data={"name": member.name, "sector": member.sector})
    return member


def end_member(actor: Any, member: BodyMember, left_on: date) -> BodyMember:
    enforce(p.can_edit_body(actor, member.body))
    if member.joined_on and left_on < member.joined_on:
        raise ValidationError({"left_on": _("退任日が参加日より前になっています。")})
    with transaction.atomic():
        member = _lock(member)
        return _update(
            actor, member, {"left_on": left_on, "planned": False}, "regional.body.member_left", member.body
        )


def save_meeting(actor: Any, body: Body, data: Mapping[str, Any], meeting: Meeting | None = None) -> Meeting:
    enforce(p.can_edit_body(actor, body))
    with transaction.atomic():
        if meeting is None:
            meeting = Meeting.objects.create(body=body, **data)
            record(
                actor,
                "regional.meeting.added",
                body,
                data={"meeting": meeting.pk, "held_on": str(meeting.held_on)},
            )
            return meeting
        if meeting.body_id != body.pk:
            raise ValidationError(_("この会議体の会議ではありません。"))
        return _update(actor, _lock(meeting), dict(data), "regional.meeting.changed", body)


def add_meeting_file(actor: Any, meeting: Meeting, upload: UploadedFile) -> MeetingFile:
    enforce(p.can_edit_body(actor, meeting.body))
    with transaction.atomic():
        meeting = _lock(meeting)
        used = meeting.files.aggregate(total=Sum("size"))["total"] or 0
        stored = _store(MeetingFile, actor, upload, used, meeting=meeting)
        record(
            actor,
            "regional.meeting.file_added",
            meeting.body,
            data={"meeting": meeting.pk, "name": stored.original_name},
        )
    return stored


# Hearing ---------------------------------------------------------------------------------------------------


def save_hearing(
    actor: Any,
    hearing: Hearing,
    *,
    held_on: date | None,
    panel: str,
    judgements: Mapping[str, Mapping[str, Any]],
    outcome: str,
    reasons: str,
) -> Hearing:
    """The panel's judgements of the six criteria and the draft decision (saved before it is decided)."""
    enforce(p.can_judge(actor, hearing))
    with transaction.atomic():
        hearing = _lock(hearing)
        if hearing.status != HearingStatus.OPEN:
            raise ValidationError(_("決定済みのヒアリングは変更できません。"))
        for row in hearing.judgements.select_for_update():
            given = judgements.get(row.key, {})
            _update(
                actor,
                row,
                {
                    "met": given.get("met"),
                    "evidence": str(given.get("evidence", "")).strip(),
                    "comment": str(given.get("comment", "")).strip(),
                },
                "regional.hearing.judged",
                hearing,
            )
        return _update(
            actor,
            hearing,
            {"held_on": held_on, "panel": panel.strip(), "outcome": outcome, "reasons": reasons.strip()},
            "regional.hearing.changed",
        )


def hearing_open(hearing: Hearing) -> bool:
    return hearing.status == HearingStatus.OPEN


# Support teams ---------------------------------------------------------------------------------------------


def start_team(actor: Any, region: Any, case: ConsortiumCase | None = None) -> SupportTeam:
    """A team request in draft (the hearing's decision to move on opens one too)."""
    enforce(p.can_work_on_region(actor, region))
    from junkan.regional.rules import draft_team_for

    with transaction.atomic():
        if case is not None:
            team_row = draft_team_for(case)
        else:
            body = Body.objects.create(
                kind=BodyKind.TEAM, name=_("%(region)s 支援チーム") % {"region": region.name}, region=region
            )
            team_row = SupportTeam.objects.create(region=region, body=body)
        record(actor, "regional.team.created", team_row)
    return team_row


def request_open(team_row: SupportTeam) -> bool:
    """The region still writes its request."""
    return team_row.status == TeamStatus.DRAFT


def team_open(team_row: SupportTeam) -> bool:
    """Experts, period and cost may still change."""
    return team_row.status in (TeamStatus.DRAFT, TeamStatus.REQUESTED, TeamStatus.FORMED)


def visits_open(team_row: SupportTeam) -> bool:
    return team_row.status == TeamStatus.FORMED


def update_request(actor: Any, team_row: SupportTeam, fields: Iterable[Any], note: str) -> SupportTeam:
    enforce(p.can_work_on_region(actor, team_row.region))
    with transaction.atomic():
        team_row = _lock(team_row)
        if not request_open(team_row):
            raise ValidationError(_("依頼した後の内容は変更できません。"))
        team_row.fields.set(list(fields))
        return _update(actor, team_row, {"request_note": note.strip()}, "regional.team.request_changed")


def set_terms(
    actor: Any,
    team_row: SupportTeam,
    *,
    starts_on: date | None,
    ends_on: date | None,
    consulting_fee: int,
    other_costs: int,
) -> SupportTeam:
    """Period and cost, checked at once: never above 10,000千円, never longer than two years."""
    enforce(p.can_compose_team(actor, team_row))
    problems = budget.team_cost_problems(consulting_fee, [other_costs])
    when = team.period_problem(starts_on, ends_on)
    if when and (starts_on or ends_on):
        problems.append(when)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        team_row = _lock(team_row)
        if team_row.status in (TeamStatus.REFUSED, TeamStatus.COMPLETED):
            raise ValidationError(_("この状態の支援チームは変更できません。"))
        return _update(
            actor,
            team_row,
            {
                "starts_on": starts_on,
                "ends_on": ends_on,
                "consulting_fee": consulting_fee,
                "other_costs": other_costs,
            },
            "regional.team.terms_changed",
        )


def add_expert(actor: Any, team_row: SupportTeam, data: Mapping[str, Any]) -> TeamExpert:
    """Put an expert of the directory on the team (at most five; conflicts are checked before forming)."""
    enforce(p.can_compose_team(actor, team_row))
    with transaction.atomic():
        team_row = _lock(team_row)
        if team_row.status in (TeamStatus.REFUSED, TeamStatus.COMPLETED):
            raise ValidationError(_("この状態の支援チームは変更できません。"))
        if team_row.experts.count() >= team.MAX_EXPERTS:
            raise ValidationError(team.size_problem(team.MAX_EXPERTS + 1) or "")
        if team_row.experts.filter(expert=data["expert"]).exists():
            raise ValidationError({"expert": _("この専門家は既にチームにいます。")})
        seat = TeamExpert.objects.create(team=team_row, **data)
        record(actor, "regional.team.expert_added", team_row, data={"expert": seat.expert.name})
    return seat


def remove_expert(actor: Any, seat: TeamExpert) -> None:
    enforce(p.can_compose_team(actor, seat.team))
    with transaction.atomic():
        team_row = _lock(seat.team)
        if team_row.status == TeamStatus.FORMED and team_row.experts.count() <= team.MIN_EXPERTS:
            raise ValidationError(team.size_problem(team.MIN_EXPERTS - 1) or "")
        if seat.visits.exists():
            raise ValidationError(_("訪問の記録がある専門家は外せません。"))
        name = seat.expert.name
        seat.delete()
        record(actor, "regional.team.expert_removed", team_row, data={"expert": name})


ADVICE_FIELDS = ("advice_resources", "advice_stakeholders", "advice_consortium", "advice_plan")


def add_visit(
    actor: Any, team_row: SupportTeam, data: Mapping[str, Any], experts: Iterable[TeamExpert]
) -> Visit:
    enforce(p.can_record_visit(actor, team_row))
    experts = list(experts)
    if not experts:
        raise ValidationError({"experts": _("訪問した専門家を1人以上選んでください。")})
    if any(seat.team_id != team_row.pk for seat in experts):
        raise ValidationError({"experts": _("このチームの専門家を選んでください。")})
    if not any(str(data.get(k, "")).strip() for k in ADVICE_FIELDS):
        raise ValidationError(_("助言の内容を1つ以上入力してください。"))
    with transaction.atomic():
        team_row = _lock(team_row)
        if team_row.status != TeamStatus.FORMED:
            raise ValidationError(_("訪問は派遣中の支援チームについて記録します。"))
        visit = Visit.objects.create(team=team_row, **data)
        visit.experts.set(experts)
        record(
            actor, "regional.team.visited", team_row, data={"visit": visit.pk, "on": str(visit.visited_on)}
        )
    return visit


# Coordinators ----------------------------------------------------------------------------------------------


def appoint_coordinator(actor: Any, region: Any, data: Mapping[str, Any]) -> Coordinator:
    enforce(p.can_appoint_coordinator(actor, region))
    with transaction.atomic():
        coordinator = Coordinator.objects.create(region=region, **data)
        record(actor, "regional.coordinator.appointed", region, data={"name": coordinator.name})
    return coordinator


def log_activity(actor: Any, coordinator: Coordinator, data: Mapping[str, Any]) -> Activity:
    enforce(p.can_log_activity(actor, coordinator))
    with transaction.atomic():
        activity = Activity.objects.create(coordinator=coordinator, **data)
        record(actor, "regional.coordinator.activity", coordinator.region, data={"kind": activity.kind})
    return activity


# Business plans --------------------------------------------------------------------------------------------


def create_plan(actor: Any, region: Any, data: Mapping[str, Any]) -> BusinessPlan:
    enforce(p.can_work_on_region(actor, region))
    with transaction.atomic():
        team_row = region.support_teams.filter(status__in=(TeamStatus.FORMED, TeamStatus.COMPLETED)).first()
        plan = BusinessPlan.objects.create(region=region, team=team_row, **data)
        record(actor, "regional.plan.created", plan)
    return plan


def update_plan(
    actor: Any,
    plan: BusinessPlan,
    data: Mapping[str, Any],
    programs: Iterable[Any],
    applications: Iterable[Any],
) -> BusinessPlan:
    enforce(p.can_edit_plan(actor, plan))
    with transaction.atomic():
        plan = _lock(plan)
        plan.programs.set(list(programs))
        plan.applications.set(list(applications))
        return _update(actor, plan, dict(data), "regional.plan.changed")


def add_kpi(actor: Any, plan: BusinessPlan, data: Mapping[str, Any]) -> Kpi:
    enforce(p.can_edit_plan(actor, plan))
    with transaction.atomic():
        kpi = Kpi.objects.create(plan=plan, **data)
        record(actor, "regional.plan.kpi_added", plan, data={"kpi": kpi.name, "area": kpi.area})
    return kpi


def set_kpi_year(
    actor: Any, kpi: Kpi, fiscal_year: int, target: Decimal | None, actual: Decimal | None
) -> KpiYear:
    """A year's target (while the plan is being written or later revised) and actual."""
    enforce(p.can_edit_plan(actor, kpi.plan))
    if target is None and actual is None:
        raise ValidationError(_("目標値か実績値を入力してください。"))
    with transaction.atomic():
        row, _created = KpiYear.objects.select_for_update().get_or_create(kpi=kpi, fiscal_year=fiscal_year)
        values = {
            "target": target if target is not None else row.target,
            "actual": actual if actual is not None else row.actual,
        }
        _update(actor, row, values, "regional.plan.kpi_year", kpi.plan)
    return row


def add_cycle(actor: Any, plan: BusinessPlan, data: Mapping[str, Any]) -> PdcaCycle:
    enforce(p.can_edit_plan(actor, plan))
    if plan.status == PlanStatus.DRAFT:
        raise ValidationError(_("PDCAの記録は事業計画を策定した後に行います。"))
    with transaction.atomic():
        cycle = PdcaCycle.objects.create(plan=plan, **data)
        record(actor, "regional.plan.cycle_added", plan, data={"fiscal_year": cycle.fiscal_year})
    return cycle


def judgement_rows(hearing: Hearing) -> list[Judgement]:
    """The six judgements in the seed's order."""
    from junkan.regional.engine.hearing import CRITERION_KEYS

    rows = {j.key: j for j in hearing.judgements.all()}
    return [rows[k] for k in CRITERION_KEYS if k in rows]

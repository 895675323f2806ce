"""The rules applied to stored records: what must be in place, caps, team size and conflicts, the hearing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.common import workflow
from junkan.regional import services
from junkan.regional.models import CaseStatus, ConsortiumCase, HearingStatus, TeamStatus
from junkan.regional.processes import CASE, HEARING, PLAN, TEAM

from .conftest import judge_all, pdf, selected_case

pytestmark = pytest.mark.django_db


def test_a_case_starts_from_the_regions_concept_sheet_with_the_rounds_cap(owner, region, round_):
    case = services.start_case(owner, region, round_)
    assert case.desired_future == region.desired_future
    assert case.partners == "森林組合、信用金庫"
    assert case.budget_cap == 2_000_000
    assert case.cost_lines.count() == 6
    with pytest.raises(ValidationError, match="既に案件"):
        services.start_case(owner, region, round_)


def test_an_outsider_cannot_start_a_case(outsider, region, round_):
    with pytest.raises(Http404):
        services.start_case(outsider, region, round_)


def test_submission_needs_a_government_member_and_the_analysis(owner, region, round_):
    case = services.start_case(owner, region, round_)
    decision = workflow.can(CASE, owner, case, "submit")
    assert not decision.allowed and "行政" in decision.reason
    services.add_member(owner, case.body, {"name": "飯田市", "sector": "government", "planned": True})
    decision = workflow.can(CASE, owner, case, "submit")
    assert not decision.allowed and "地域経済循環分析" in decision.reason
    services.add_analysis(owner, case, pdf())
    assert workflow.can(CASE, owner, case, "submit").allowed
    workflow.transition(CASE, owner, case, "submit")
    assert AuditEntry.objects.filter(action="regional.case.submit").count() == 1


def test_an_analysis_that_is_not_a_document_is_refused(owner, region, round_):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = services.start_case(owner, region, round_)
    with pytest.raises(ValidationError):
        services.add_analysis(owner, case, SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf"))
    assert not case.analyses.exists()


def test_budget_never_above_the_cap_and_only_the_secretariat_executes(owner, staff, region, round_):
    case = services.start_case(owner, region, round_)
    with pytest.raises(ValidationError, match="上限額"):
        services.save_budget(
            owner, case, {"meetings": {"planned": 1_500_000}, "materials": {"planned": 500_001}}
        )
    assert sum(line.planned for line in case.cost_lines.all()) == 0  # nothing half-saved
    services.save_budget(owner, case, {"meetings": {"planned": 1_000_000, "actual": 900_000}})
    line = case.cost_lines.get(kind="meetings")
    assert (line.planned, line.actual) == (1_000_000, 0)  # the region cannot record spending
    services.save_budget(staff, case, {"meetings": {"planned": 1_000_000, "actual": 900_000}})
    line.refresh_from_db()
    assert line.actual == 900_000
    with pytest.raises(ValidationError, match="執行額の合計"):
        services.save_budget(
            staff, case, {"meetings": {"actual": 1_500_000}, "materials": {"actual": 600_000}}
        )
    with pytest.raises(ValidationError, match="その他"):
        services.save_budget(staff, case, {"other": {"planned": 10_000}})


def test_selection_is_mailed_with_the_reason(
    owner, staff, region, round_, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = selected_case(owner, staff, region, round_)
    assert case.status == CaseStatus.SELECTED
    assert case.selection_reason == "適切"
    assert any("選定結果" in m.subject and "適切" in m.body for m in mail.outbox)


def test_only_the_secretariat_selects(owner, staff, region, round_):
    case = services.start_case(owner, region, round_)
    services.add_member(owner, case.body, {"name": "飯田市", "sector": "government"})
    services.add_analysis(owner, case, pdf())
    workflow.transition(CASE, owner, case, "submit")
    with pytest.raises(PermissionDenied):
        workflow.transition(CASE, owner, case, "select", reason="自分で")
    with pytest.raises(ValidationError):
        workflow.transition(CASE, staff, case, "select")  # a reason is required


def test_a_continuing_case_is_the_second_and_last_year(owner, staff, region, round_):
    first = selected_case(owner, staff, region, round_)
    second_round = services.announce_round(
        staff, fiscal_year=2026, name="2026", budget_cap=1_500_000, announced_on=date(2026, 4, 1)
    )
    new = services.start_case(owner, region, second_round, kind="new")
    assert "継続" in workflow.can(CASE, owner, new, "submit").reason
    ConsortiumCase.objects.filter(pk=new.pk).delete()
    second = services.start_case(owner, region, second_round, kind="continuing")
    assert second.body_id == first.body_id  # the same consortium goes on
    assert second.budget_cap == 1_500_000
    services.add_analysis(owner, second, pdf())
    assert workflow.can(CASE, owner, second, "submit").allowed
    workflow.transition(CASE, owner, second, "submit")
    workflow.transition(CASE, staff, second, "select", fields={"selection_reason": "継続"}, reason="継続")
    third_round = services.announce_round(
        staff, fiscal_year=2027, name="2027", budget_cap=2_000_000, announced_on=date(2027, 4, 1)
    )
    third = services.start_case(owner, region, third_round, kind="continuing")
    assert "最長2年" in workflow.can(CASE, owner, third, "submit").reason


def test_the_hearing_decides_only_when_all_six_are_judged(
    owner, staff, region, round_, django_capture_on_commit_callbacks
):
    case = selected_case(owner, staff, region, round_)
    workflow.transition(CASE, owner, case, "to_hearing")
    hearing = case.hearing
    assert hearing.judgements.count() == 6
    services.save_hearing(
        staff, hearing, held_on=None, panel="", judgements={}, outcome="team", reasons="理由"
    )
    hearing.refresh_from_db()
    assert "六つの観点" in workflow.can(HEARING, staff, hearing, "decide").reason
    judge_all(staff, hearing, "team", unmet=frozenset({"wide_area"}))
    hearing.refresh_from_db()
    assert "広域連携" in workflow.can(HEARING, staff, hearing, "decide").reason
    judge_all(staff, hearing, "team")
    with pytest.raises(PermissionDenied):
        workflow.transition(HEARING, owner, hearing, "decide")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(HEARING, staff, hearing, "decide")
    hearing.refresh_from_db()
    case.refresh_from_db()
    assert hearing.status == HearingStatus.DECIDED and case.status == CaseStatus.CLOSED
    assert case.teams.get().status == TeamStatus.DRAFT  # the region may now request its team
    assert any("移行ヒアリングの結果" in m.subject and "kankyo@example.jp" in m.to for m in mail.outbox)
    with pytest.raises(ValidationError):
        judge_all(staff, hearing, "end")


def test_team_of_three_to_five_without_conflicts_within_the_cost_cap(owner, staff, region, round_, experts):
    from junkan.municipalities.models import Municipality

    case = selected_case(owner, staff, region, round_)
    team = services.start_team(owner, region, case)
    services.update_request(owner, team, experts[0].fields.all(), "依頼")
    workflow.transition(TEAM, owner, team, "request")
    for expert in experts[:2]:
        services.add_expert(staff, team, {"expert": expert})
    assert "あと1名" in workflow.can(TEAM, staff, team, "form").reason
    # An expert living in 長野県飯田市 conflicts with the region (the review's residence rule).
    seat = services.add_expert(
        staff, team, {"expert": experts[2], "residence": Municipality.objects.get(code="202053")}
    )
    decision = workflow.can(TEAM, staff, team, "form")
    assert not decision.allowed and "利害関係" in decision.reason and experts[2].name in decision.reason
    services.remove_expert(staff, seat)
    services.add_expert(staff, team, {"expert": experts[3], "declared_conflict": "地域の顧問"})
    assert "利害関係" in workflow.can(TEAM, staff, team, "form").reason
    services.remove_expert(staff, team.experts.get(expert=experts[3]))
    services.add_expert(staff, team, {"expert": experts[4]})
    assert "支援期間" in workflow.can(TEAM, staff, team, "form").reason
    with pytest.raises(ValidationError, match="10,000千円"):
        services.set_terms(
            staff,
            team,
            starts_on=date(2026, 4, 1),
            ends_on=date(2027, 3, 31),
            consulting_fee=9_000_000,
            other_costs=1_000_001,
        )
    with pytest.raises(ValidationError, match="最長2年"):
        services.set_terms(
            staff, team, starts_on=date(2026, 4, 1), ends_on=date(2028, 4, 1), consulting_fee=0, other_costs=0
        )
    services.set_terms(
        staff,
        team,
        starts_on=date(2026, 4, 1),
        ends_on=date(2028, 3, 31),
        consulting_fee=9_000_000,
        other_costs=1_000_000,
    )
    workflow.transition(TEAM, staff, team, "form")
    for expert in experts[:3]:
        if not team.experts.filter(expert=expert).exists():
            services.add_expert(staff, team, {"expert": expert})
    services.add_expert(staff, team, {"expert": experts[5]})
    with pytest.raises(ValidationError, match="5名"):
        services.add_expert(staff, team, {"expert": experts[3]})


def test_visits_record_advice_and_only_team_experts_or_the_secretariat_record(
    world, owner, team_expert, other_expert
):
    team = world["team"]
    seat = team.experts.get(user=team_expert)
    services.add_visit(
        team_expert, team, {"visited_on": date(2026, 9, 1), "advice_plan": "KPIの見直し"}, [seat]
    )
    assert team.visits.count() == 2
    with pytest.raises(PermissionDenied):
        services.add_visit(owner, team, {"visited_on": date(2026, 9, 1), "advice_plan": "x"}, [seat])
    with pytest.raises(Http404):
        services.add_visit(other_expert, team, {"visited_on": date(2026, 9, 1), "advice_plan": "x"}, [seat])
    with pytest.raises(ValidationError, match="助言"):
        services.add_visit(team_expert, team, {"visited_on": date(2026, 9, 1)}, [seat])


def test_kpis_and_the_plan_moves(world, owner, staff):
    plan = world["plan"]
    kpi = world["kpi"]
    services.set_kpi_year(owner, kpi, 2026, None, Decimal(920))
    row = kpi.years.get(fiscal_year=2026)
    assert (row.target, row.actual) == (Decimal(900), Decimal(920))  # the target is kept
    workflow.transition(PLAN, owner, plan, "adopt")
    assert "予算事業" in workflow.can(PLAN, owner, plan, "start_business").reason
    with pytest.raises(ValidationError):
        services.add_cycle(
            owner,
            world["plan"].__class__.objects.create(region=plan.region, title="草案"),
            {"fiscal_year": 2026, "check_note": "c", "act_note": "a"},
        )


def test_coordinator_logs_activities(world, coordinator, outsider, owner):
    appointed = world["coordinator"]
    services.log_activity(
        coordinator, appointed, {"done_on": date(2026, 5, 1), "kind": "funding", "note": "融資の相談"}
    )
    assert appointed.activities.count() == 1
    with pytest.raises(PermissionDenied):
        services.log_activity(owner, appointed, {"done_on": date(2026, 5, 1), "kind": "funding", "note": "x"})
    with pytest.raises(Http404):
        services.log_activity(
            outsider, appointed, {"done_on": date(2026, 5, 1), "kind": "funding", "note": "x"}
        )


def test_every_process_is_well_declared():
    for process in (CASE, HEARING, TEAM, PLAN):
        assert workflow.problems(process) == []


def _account(organization, user, *, municipality_code="202053", visibility="private", area="長野県飯田市"):
    from junkan.economy.models import RegionalAccount
    from junkan.municipalities.models import Municipality

    return RegionalAccount.objects.create(
        organization=organization,
        created_by=user,
        municipality=Municipality.objects.get(code=municipality_code),
        area_name=area,
        data_year=2018,
        production=Decimal("8948"),
        distribution=Decimal("7316"),
        visibility=visibility,
    )


def test_a_platform_analysis_satisfies_the_requirement_instead_of_a_file(owner, region, round_):
    case = services.start_case(owner, region, round_)
    services.add_member(owner, case.body, {"name": "飯田市", "sector": "government", "planned": True})
    account = _account(region.organization, owner)
    assert list(services.economy_accounts(owner, case)) == [account]
    services.link_economy_account(owner, case, account)
    case.refresh_from_db()
    assert case.economy_account == account
    assert workflow.can(CASE, owner, case, "submit").allowed
    assert AuditEntry.objects.filter(action="regional.case.economy_linked").count() == 1
    # Taken off again, the requirement is back.
    services.link_economy_account(owner, case, None)
    case.refresh_from_db()
    assert "地域経済循環分析" in workflow.can(CASE, owner, case, "submit").reason


def test_another_organizations_private_data_or_another_regions_data_cannot_be_attached(
    owner, outsider, region, round_
):
    from junkan.organizations.models import Organization

    case = services.start_case(owner, region, round_)
    other = Organization.objects.create(kind="company", name="別の会社（架空）")
    private_elsewhere = _account(other, outsider)  # same municipality, another organization, private
    far_public = _account(other, outsider, municipality_code="011002", visibility="public", area="札幌市")
    assert list(services.economy_accounts(owner, case)) == []
    for account in (private_elsewhere, far_public):
        with pytest.raises(ValidationError):
            services.link_economy_account(owner, case, account)
    case.refresh_from_db()
    assert case.economy_account is None

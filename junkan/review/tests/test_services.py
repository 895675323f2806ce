"""The review's services: conflicts, assignment, sheets, aggregation, proposal, decisions, notification."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.municipalities.models import Municipality
from junkan.review import analysis, services
from junkan.review.models import (
    Assignment,
    AssignmentStatus,
    CommitteeStatus,
    Decision,
    Exclusion,
    Mark,
    Outcome,
    ScoreSheet,
    SheetStatus,
)
from junkan.review.tests.conftest import assignment_of, full_marks, score

pytestmark = pytest.mark.django_db


def nagano() -> Municipality:
    return Municipality.objects.get(kind="prefecture", code__startswith="20")


# Conflicts of interest ----------------------------------------------------------------------------


def test_a_member_working_for_the_prefecture_is_excluded_from_its_municipalitys_application(
    committee, members, staff, make_application, organization
):
    iida = make_application(organization)
    other = make_application()
    services.update_member(staff, members[1], {"workplace": nagano()}, [])
    exclusion = Exclusion.objects.get()
    assert (exclusion.member, exclusion.application) == (members[1], iida)
    assert "勤務先の長野県" in exclusion.reasons[0]["label"]
    entry = AuditEntry.objects.get(action="review.exclusion.created")
    assert entry.data["application"] == iida.pk and entry.data["member"] == members[1].pk
    assert not Exclusion.objects.filter(application=other).exists()


def test_platform_membership_of_the_applicant_is_a_conflict(
    committee, staff, make_reviewer, application, organization, make_application
):
    from junkan.organizations.models import Membership

    person = make_reviewer("iida-staff@example.jp")
    Membership.objects.create(organization=organization, user=person)
    iida = make_application(organization)
    member = services.add_member(staff, committee, person, {})
    reasons = Exclusion.objects.get(member=member).reasons
    assert Exclusion.objects.get(member=member).application == iida
    assert {r["kind"] for r in reasons} == {"same_organization", "workplace"}


def test_a_conflict_found_later_withdraws_the_assignment_and_is_audited(
    committee, members, staff, make_application, organization
):
    iida = make_application(organization)
    services.save_manual_assignments(staff, committee, {(members[1].pk, iida.pk)})
    assert assignment_of(members[1], iida).is_active
    services.update_member(staff, members[1], {"residence": Municipality.objects.get(code="202053")}, [])
    assignment = assignment_of(members[1], iida)
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert assignment.withdrawn_reason == "利益相反"
    assert AuditEntry.objects.filter(
        action="review.assignment.withdrawn", object_id=str(assignment.pk)
    ).exists()


def test_a_corrected_profile_lifts_the_exclusion(committee, members, staff, make_application, organization):
    make_application(organization)
    services.update_member(staff, members[0], {"workplace": nagano()}, [])
    assert Exclusion.objects.count() == 1
    services.update_member(staff, members[0], {"workplace": None}, [])
    assert not Exclusion.objects.exists()
    assert AuditEntry.objects.filter(action="review.exclusion.lifted").count() == 1


def test_a_declared_conflict_excludes_and_cannot_be_taken_back(committee, members, assigned, reviewer):
    assignment = assignment_of(members[0], assigned)
    with pytest.raises(ValidationError) as error:
        services.declare(reviewer, assignment, "advisory", "")
    assert "note" in error.value.message_dict
    services.declare(reviewer, assignment, "advisory", "申請者の協議会の顧問")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    exclusion = Exclusion.objects.get(member=members[0])
    assert exclusion.reasons[0]["source"] == "declared"
    assert "申請者の協議会の顧問" in exclusion.reasons[0]["label"]
    with pytest.raises(Http404):  # the member no longer sees the application
        services.declare(reviewer, assignment, "none", "")


def test_declaring_for_someone_elses_assignment_is_refused(members, assigned, reviewer2):
    with pytest.raises(Http404):
        services.declare(reviewer2, assignment_of(members[0], assigned), "none", "")


# Assignment ---------------------------------------------------------------------------------------


def test_automatic_assignment_gives_k_reviewers_and_balances_the_load(
    committee, staff, make_reviewer, make_application, organization
):
    members = [services.add_member(staff, committee, make_reviewer(f"r{i}@example.jp"), {}) for i in range(4)]
    services.update_member(staff, members[0], {"workplace": nagano()}, [])
    iida = make_application(organization)
    applications = [iida, *(make_application() for _ in range(8))]
    result = services.auto_assign(staff, committee)
    assert result.feasible
    active = Assignment.objects.filter(status=AssignmentStatus.ACTIVE)
    for application in applications:
        assert active.filter(application=application).count() == 2
    assert not active.filter(member=members[0], application=iida).exists()
    loads = [active.filter(member=m).count() for m in members]
    assert sum(loads) == 18 and max(loads) - min(loads) <= 1
    entry = AuditEntry.objects.get(action="review.assignment.auto")
    assert len(entry.data["added"]) == 18


def test_automatic_assignment_keeps_manual_ones_and_reports_shortages(
    committee, members, staff, make_application
):
    first, second = make_application(), make_application()
    services.save_manual_assignments(staff, committee, {(members[0].pk, first.pk)})
    committee.reviewers_per_application = 3
    committee.save(update_fields=["reviewers_per_application"])
    result = services.auto_assign(staff, committee)
    assert not result.feasible
    message = services.shortage_message(result, [first, second])
    assert "必要2名" not in message and "必要3名、割当て可能2名" in message
    manual = assignment_of(members[0], first)
    assert manual.source == "manual" and manual.is_active


def test_manual_assignment_refuses_conflicts(committee, members, staff, make_application, organization):
    iida = make_application(organization)
    services.update_member(staff, members[0], {"workplace": nagano()}, [])
    with pytest.raises(ValidationError, match="利益相反があるため"):
        services.save_manual_assignments(staff, committee, {(members[0].pk, iida.pk)})
    assert not Assignment.objects.exists()


def test_an_assignment_with_a_submitted_sheet_is_not_withdrawn(committee, members, staff, assigned):
    score(members[0], assigned, 4)
    with pytest.raises(ValidationError, match="提出済み"):
        services.save_manual_assignments(staff, committee, {(members[1].pk, assigned.pk)})
    assert assignment_of(members[0], assigned).is_active


def test_only_the_committees_secretariat_assigns(committee, members, make_staff, assigned, reviewer):
    other = make_staff("other-secretariat@example.jp")
    with pytest.raises(PermissionDenied):
        services.auto_assign(other, committee)
    with pytest.raises(PermissionDenied):
        services.auto_assign(reviewer, committee)


# Score sheets and aggregation ---------------------------------------------------------------------


def test_a_draft_may_be_incomplete_but_a_submission_may_not(members, assigned, reviewer):
    assignment = assignment_of(members[0], assigned)
    services.declare(reviewer, assignment, "none", "")
    marks = full_marks(assigned, 4)
    first = next(iter(marks))
    partial = {first: marks[first]}
    sheet = services.save_sheet(reviewer, assignment, partial, "途中", submit=False)
    assert sheet.status == SheetStatus.DRAFT and sheet.marks.count() == 1
    with pytest.raises(services.SheetNotSubmittable) as error:
        services.save_sheet(reviewer, assignment, partial, "途中で提出", submit=True)
    assert len(error.value.problems) == len(marks) - 1
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT and sheet.overall_comment == "途中"
    sheet = services.save_sheet(reviewer, assignment, marks, "完成", submit=True)
    assert sheet.status == SheetStatus.SUBMITTED
    assert sheet.score == Decimal(80)
    with pytest.raises(PermissionDenied):
        services.save_sheet(reviewer, assignment, marks, "提出後の変更", submit=False)


def test_scoring_requires_a_declaration_first(members, assigned, reviewer):
    with pytest.raises(PermissionDenied, match="利害関係"):
        services.save_sheet(reviewer, assignment_of(members[0], assigned), full_marks(assigned, 3), "")
    assert not ScoreSheet.objects.exists()


def test_a_fail_on_a_required_criterion_needs_its_reason(members, assigned, reviewer):
    assignment = assignment_of(members[0], assigned)
    services.declare(reviewer, assignment, "none", "")
    with pytest.raises(services.SheetNotSubmittable) as error:
        services.save_sheet(reviewer, assignment, full_marks(assigned, 3, passed=False), "", submit=True)
    assert [p.code for p in error.value.problems] == ["reason"]


def test_aggregation_mean_spread_disagreement_and_rank(committee, members, staff, make_application):
    strong, weak = make_application(), make_application()
    services.save_manual_assignments(
        staff, committee, {(m.pk, a.pk) for m in members for a in (strong, weak)}
    )
    score(members[0], strong, 5)
    score(members[1], strong, 3)
    score(members[0], weak, 2)
    score(members[1], weak, 2)
    results = analysis.compute_results(committee).results
    assert results[strong.pk].score == Decimal(80)
    assert results[strong.pk].spread == Decimal(40)
    assert results[strong.pk].disagreement
    assert results[strong.pk].rank == 1
    assert results[weak.pk].score == Decimal(40) and not results[weak.pk].disagreement
    assert results[weak.pk].rank == 2


def test_a_required_criterion_failed_by_the_majority_leaves_no_rank(committee, members, assigned):
    score(members[0], assigned, 5, passed=False)
    score(members[1], assigned, 5, passed=False)
    result = analysis.compute_results(committee).results[assigned.pk]
    assert result.failed_required and result.rank is None


def test_sheets_of_withdrawn_assignments_do_not_count(committee, members, staff, assigned, reviewer2):
    score(members[0], assigned, 5)
    score(members[1], assigned, 1)
    services.update_member(staff, members[1], {"residence": Municipality.objects.get(code="202053")}, [])
    assert analysis.compute_results(committee).results[assigned.pk].score == Decimal(
        60
    )  # a company: no conflict
    services.declare(reviewer2, assignment_of(members[1], assigned), "financial", "取引先")
    assert analysis.compute_results(committee).results[assigned.pk].score == Decimal(100)


# The proposal -------------------------------------------------------------------------------------


def test_the_proposal_is_the_best_set_within_the_budget_brute_force(
    committee, members, staff, make_application
):
    amounts = [6_000_000, 5_000_000, 4_000_000, 3_000_000, 2_500_000]
    points = [5, 4, 4, 3, 2]
    applications = [make_application(amount=a) for a in amounts]
    services.save_manual_assignments(staff, committee, {(members[0].pk, a.pk) for a in applications})
    for application, p in zip(applications, points, strict=True):
        score(members[0], application, p)
    type_1 = committee.program.project_types.get(code="1")
    budget = 10_000_000
    services.set_budgets(staff, committee, {type_1: budget})
    computed = analysis.compute_results(committee)
    proposal = computed.proposals["1"]
    scores = {a.pk: computed.results[a.pk].score for a in applications}
    best = max(
        (
            combo
            for n in range(len(applications) + 1)
            for combo in combinations(applications, n)
            if sum(a.requested_amount for a in combo) <= budget
        ),
        key=lambda combo: sum(scores[a.pk] for a in combo),
    )
    assert sum(scores[pk] for pk in proposal.chosen) == sum(scores[a.pk] for a in best)
    assert proposal.total_amount <= budget and proposal.optimal
    assert AuditEntry.objects.get(action="review.budget.set").changes == {"1": [None, budget]}


# Decisions, notification, publication -------------------------------------------------------------


def test_decisions_are_checked(committee, staff, application):
    with pytest.raises(ValidationError) as error:
        services.decide(
            staff, committee, application, {"outcome": Outcome.ADOPTED_WITH_CONDITIONS, "reasons": ""}
        )
    assert set(error.value.message_dict) == {"reasons", "conditions"}
    with pytest.raises(ValidationError, match="補助金所要額"):
        services.decide(
            staff, committee, application, {"outcome": Outcome.ADOPTED, "reasons": "高評価", "amount": 10**9}
        )
    assert not Decision.objects.exists()
    decision = services.decide(
        staff, committee, application, {"outcome": Outcome.NOT_ADOPTED, "reasons": "低評価"}
    )
    assert decision.amount == 0
    decision = services.decide(
        staff, committee, application, {"outcome": Outcome.ADOPTED, "reasons": "再審議で採択"}
    )
    assert decision.amount == application.requested_amount
    entry = AuditEntry.objects.get(action="review.decision.changed")
    assert entry.changes["outcome"] == ["not_adopted", "adopted"]


def test_finalize_notifies_every_applicant_without_review_detail(
    committee, members, staff, make_application, django_capture_on_commit_callbacks
):
    adopted, rejected = make_application(), make_application()
    services.save_manual_assignments(staff, committee, {(members[0].pk, a.pk) for a in (adopted, rejected)})
    score(members[0], adopted, 5)
    score(members[0], rejected, 1)
    services.decide(
        staff,
        committee,
        adopted,
        {
            "outcome": Outcome.ADOPTED_WITH_CONDITIONS,
            "reasons": "評点1位",
            "conditions": "協議会に県を加えること",
        },
    )
    with pytest.raises(ValidationError, match="採否が決まっていない応募が1件"):
        services.finalize(staff, committee)
    assert mail.outbox == []
    services.decide(staff, committee, rejected, {"outcome": Outcome.NOT_ADOPTED, "reasons": "評点が低い"})
    with pytest.raises(ValidationError, match="審査中"):
        services.publish(staff, committee)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.finalize(staff, committee) == 2
    committee.refresh_from_db()
    assert committee.status == CommitteeStatus.DECIDED
    assert len(mail.outbox) == 2
    bodies = {m.subject: m.body for m in mail.outbox}
    body = next(b for b in bodies.values() if adopted.title in b)
    assert "条件付き採択" in body and "協議会に県を加えること" in body
    for text in bodies.values():
        # The link holds a random UUID that may contain "100" by chance: look for the score in the prose only.
        prose = re.sub(r"https?://\S+", "", text)
        assert "評点1位" not in prose and "評点が低い" not in prose and "100" not in prose
        assert "審査の内容（評点・順位・審査委員の意見等）は開示しておりません" in text
    assert Decision.objects.filter(notified_at__isnull=False).count() == 2
    with pytest.raises(PermissionDenied):
        services.decide(staff, committee, rejected, {"outcome": Outcome.ADOPTED, "reasons": "変更"})
    services.publish(staff, committee)
    committee.refresh_from_db()
    assert committee.status == CommitteeStatus.PUBLISHED


def test_apply_proposal_records_the_undecided(committee, members, staff, make_application):
    applications = [make_application(amount=a) for a in (4_000_000, 4_000_000, 4_000_000)]
    services.save_manual_assignments(staff, committee, {(members[0].pk, a.pk) for a in applications})
    for application, p in zip(applications, (5, 4, 3), strict=True):
        score(members[0], application, p)
    with pytest.raises(ValidationError, match="予算額が入力されていない"):
        services.apply_proposal(staff, committee)
    services.set_budgets(staff, committee, {committee.program.project_types.get(code="1"): 8_000_000})
    assert services.apply_proposal(staff, committee) == 3
    outcomes = [Decision.objects.get(application=a).outcome for a in applications]
    assert outcomes == [Outcome.ADOPTED, Outcome.ADOPTED, Outcome.NOT_ADOPTED]


def test_hearing_invitation_and_changes(committee, staff, application, django_capture_on_commit_callbacks):
    import datetime

    slot = services.save_hearing(
        staff,
        committee,
        {
            "application": application,
            "date": datetime.date(2019, 7, 10),
            "start_time": datetime.time(10, 0),
            "end_time": datetime.time(10, 30),
            "place": "東京都千代田区 会議室A",
            "online_url": "",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_to_hearing(staff, slot)
    assert len(mail.outbox) == 1 and "2019年7月10日 10:00～10:30" in mail.outbox[0].body
    assert "会議室A" in mail.outbox[0].body
    slot.refresh_from_db()
    assert slot.invited_at is not None
    services.save_hearing(
        staff,
        committee,
        {
            "application": application,
            "date": datetime.date(2019, 7, 11),
            "start_time": datetime.time(10, 0),
            "end_time": datetime.time(10, 30),
            "place": "東京都千代田区 会議室A",
            "online_url": "",
        },
        slot,
    )
    slot.refresh_from_db()
    assert slot.invited_at is None
    services.save_hearing_notes(staff, slot, "質疑：需要家の見込みについて確認した。")
    assert AuditEntry.objects.filter(action__startswith="review.hearing.").count() == 4


def test_a_member_with_submitted_sheets_cannot_leave(members, staff, assigned):
    score(members[0], assigned, 3)
    with pytest.raises(ValidationError, match="提出済み"):
        services.remove_member(staff, members[0])
    member = services.remove_member(staff, members[1])
    assert not member.active
    assert not Assignment.objects.filter(member=members[1], status=AssignmentStatus.ACTIVE).exists()


def test_reopen_gives_the_sheet_back(members, staff, assigned, reviewer):
    sheet = score(members[0], assigned, 3)
    services.reopen_sheet(staff, sheet)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT and sheet.score is None
    assert Mark.objects.filter(sheet=sheet).count() == 6
    services.save_sheet(reviewer, sheet.assignment, full_marks(assigned, 5), "", submit=True)
    sheet.refresh_from_db()
    assert sheet.score == Decimal(100)

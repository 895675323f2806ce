"""Opening projects, the grant application and the grant decision: every rule, move and audit entry."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from junkan.audit.models import AuditEntry
from junkan.grants.models import AwardYear, PlanVersion, Project, ProjectStatus
from junkan.grants.services import award
from junkan.grants.tests.conftest import DECIDED_ON, TOKYO

pytestmark = pytest.mark.django_db

START = date(2019, 7, 15)
END = date(2020, 2, 28)


def submit_snapshot(project: Any, author: Any) -> Any:
    """Fill the application's sections with the sample contents and freeze them as submission 1 (ORM only)."""
    from junkan.applications import snapshot
    from junkan.applications.models import Section, Submission
    from junkan.applications.samples import section_contents

    application = project.application
    for key, data in section_contents(application).items():
        Section.objects.update_or_create(
            application=application, key=key, defaults={"data": data, "updated_by": author}
        )
    received = timezone.now()
    return Submission.objects.create(
        application=application,
        version=1,
        receipt_number=application.receipt_number,
        received_at=received,
        submitted_by=author,
        snapshot=snapshot.build(application, application.receipt_number, received, 1),
    )


def actions(project: Any) -> list[str]:
    return list(AuditEntry.objects.for_object(project).order_by("id").values_list("action", flat=True))


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def apply(actor: Any, project: Any, **kwargs: Any) -> Project:
    values: dict[str, Any] = {"years": {2019: 9_000_000}, "planned_start_on": START, "planned_end_on": END}
    values.update(kwargs)
    return award.submit_grant_application(actor, project, **values)


# --- Opening projects -------------------------------------------------------------------------------------


def make_application(call: Any, organization: Any, owner: Any, number: int = 1, type_code: str = "1") -> Any:
    """An accepted application of ``call`` without a project (ORM only)."""
    from junkan.applications.models import Application, ApplicationStatus

    return Application.objects.create(
        program=call,
        project_type=call.project_types.get(code=type_code),
        organization=organization,
        created_by=owner,
        title=f"地域新電力の事業化に向けた調査（{number}）",
        status=ApplicationStatus.ACCEPTED,
        receipt_number=f"{call.fiscal_year}-{call.pk}-9{number:03d}",
        submitted_at=timezone.now(),
        requested_amount=7_000_000,
        total_cost=8_000_000,
    )


@pytest.fixture
def accepted(grant_call, organization, owner) -> Any:
    return make_application(grant_call, organization, owner)


def test_open_project_copies_the_application(staff, accepted):
    project = award.open_project(
        staff,
        accepted,
        adopted_on=date(2019, 7, 1),
        adopted_amount=8_000_000,
        conditions=" 報告書を公表すること ",
    )
    assert project.status == ProjectStatus.ADOPTED
    assert project.program == accepted.program
    assert project.project_type == accepted.project_type
    assert project.organization == accepted.organization
    assert project.title == accepted.title
    assert project.adopted_amount == 8_000_000
    assert project.adoption_conditions == "報告書を公表すること"
    assert project.multi_year is accepted.project_type.multi_year is True
    entry = AuditEntry.objects.for_object(project).get()
    assert entry.action == "grants.project.opened"
    assert entry.data["adopted_amount"] == 8_000_000
    assert entry.actor == staff


def test_opening_a_project_tells_the_grantee(staff, accepted, owner, django_capture_on_commit_callbacks):
    """Issue 13: opening the project sent no e-mail; the grantee now learns of it (and sees it on /my/)."""
    from django.core import mail as outbox

    from junkan.dashboard.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        project = award.open_project(staff, accepted, adopted_on=date(2019, 7, 1), adopted_amount=8_000_000)
    (message,) = outbox.outbox
    assert "補助事業を登録しました" in message.subject
    assert owner.email in message.to
    assert str(project.public_id) in message.body
    assert Notification.objects.filter(user=owner, subject=message.subject).exists()


def test_open_project_twice_is_refused(staff, accepted):
    award.open_project(staff, accepted, adopted_on=date(2019, 7, 1), adopted_amount=1)
    with pytest.raises(ValidationError) as error:
        award.open_project(staff, accepted, adopted_on=date(2019, 7, 1), adopted_amount=1)
    assert messages_of(error)["application"] == ["この応募の補助事業はすでに登録されています。"]
    assert Project.objects.filter(application=accepted).count() == 1


def test_open_project_needs_an_accepted_application_and_good_figures(staff, accepted):
    accepted.status = "submitted"
    accepted.save(update_fields=["status"])
    with pytest.raises(ValidationError) as error:
        award.open_project(staff, accepted, adopted_on="2019-07-01", adopted_amount=-1)  # type: ignore[arg-type]
    assert messages_of(error) == {
        "application": ["受理された応募のみ補助事業として登録できます。"],
        "adopted_on": ["採択日を入力してください。"],
        "adopted_amount": ["採択額は0円以上の金額で入力してください。"],
    }
    assert not Project.objects.exists()


@pytest.mark.parametrize("who", ["owner", "member", "co_member", "outsider"])
def test_only_the_secretariat_opens_projects(request, who, accepted, grant_call):
    user = request.getfixturevalue(who)
    with pytest.raises(Http404):
        award.open_project(user, accepted, adopted_on=date(2019, 7, 1), adopted_amount=1)
    with pytest.raises(Http404):
        award.open_adopted(user, grant_call)
    assert not Project.objects.exists()


def _decision(
    application: Any, staff: Any, outcome: str = "adopted", notified: datetime | None = None
) -> Any:
    from junkan.review.models import Committee, Decision

    committee, _ = Committee.objects.get_or_create(
        program=application.program, defaults={"created_by": staff}
    )
    return Decision.objects.create(
        committee=committee,
        application=application,
        outcome=outcome,
        conditions="事業性評価を重点的に行うこと" if outcome == "conditional" else "",
        reasons="記録用",
        amount=7_000_000,
        decided_by=staff,
        decided_at=timezone.now(),
        notified_at=notified,
    )


def test_open_adopted_opens_each_notified_adoption_once(staff, make_project, grant_call, organization, owner):
    numbers = iter(range(1, 10))

    def bare_application() -> Any:
        return make_application(grant_call, organization, owner, next(numbers))

    # Notified at 00:30 in Japan on 2019-07-01 (still June 30 in UTC): adopted on July 1.
    notified = datetime(2019, 7, 1, 0, 30, tzinfo=TOKYO)
    conditional = bare_application()
    _decision(conditional, staff, "conditional", notified)
    adopted = bare_application()
    _decision(adopted, staff, "adopted", notified)
    _decision(bare_application(), staff, "not_adopted", notified)
    _decision(bare_application(), staff, "adopted", None)  # not notified yet
    already = make_project("decided")
    _decision(already.application, staff, "adopted", notified)

    opened = award.open_adopted(staff, grant_call)

    assert {p.application_id for p in opened} == {conditional.pk, adopted.pk}
    project = Project.objects.get(application=conditional)
    assert project.adopted_on == date(2019, 7, 1)
    assert project.adopted_amount == 7_000_000
    assert project.adoption_conditions == "事業性評価を重点的に行うこと"
    assert actions(project) == ["grants.project.opened"]
    assert award.open_adopted(staff, grant_call) == []
    assert Project.objects.filter(application__in=[conditional, adopted]).count() == 2


# --- The plan as adopted and the prefilled grant application ----------------------------------------------


def test_plan_sections_keep_forms_2_and_3(project, owner):
    submission = submit_snapshot(project, owner)
    sections = award.plan_sections(submission.snapshot)
    assert "letter" not in sections and "budget" not in sections
    assert {"overview", "background", "concept", "schedule", "costs"} <= set(sections)
    assert sections["costs"]["years"][0]["lines"][0]["unit_price"] == 6_600_000


def test_initial_grant_application_from_form_3_capped_by_the_adopted_amount(project, owner, monkeypatch):
    submit_snapshot(project, owner)
    monkeypatch.setattr(award, "today_tokyo", lambda: date(2019, 7, 2))
    initial = award.grant_application_initial(project)
    # 様式3: 6,600,000 + 300,000 + 250,000 + 200,000 = 7,350,000 (定額, below the 10,000,000 cap).
    assert initial["years"] == {2019: 7_350_000}
    assert initial["planned_start_on"] == date(2019, 7, 2)
    assert initial["planned_end_on"] == date(2020, 2, 29)
    project.adopted_amount = 5_000_000
    assert award.grant_application_initial(project)["years"] == {2019: 5_000_000}


def test_initial_grant_application_without_a_submission(project):
    assert award.grant_application_initial(project)["years"] == {2019: 9_000_000}


# --- 交付申請 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_grant_application(request, who, project, owner):
    user = request.getfixturevalue(who)
    submit_snapshot(project, owner)
    result = apply(user, project, years={2019: 7_350_000}, note="よろしくお願いします。")
    project.refresh_from_db()
    assert result.status == project.status == ProjectStatus.APPLIED
    assert project.applied_amount == 7_350_000
    assert project.applied_at is not None
    assert (project.planned_start_on, project.planned_end_on) == (START, END)
    assert list(project.award_years.values_list("fiscal_year", "applied_amount", "decided_amount")) == [
        (2019, 7_350_000, None)
    ]
    version = project.plan_versions.get()
    assert (version.number, version.reason, version.created_by) == (1, "交付申請", user)
    assert "background" in version.sections and "letter" not in version.sections
    entry = AuditEntry.objects.for_object(project).get(action="grants.project.grant_applied")
    assert entry.changes["status"] == ["adopted", "applied"]
    assert entry.data == {"years": {"2019": 7_350_000}, "note": "よろしくお願いします。", "plan_version": 1}


def test_grant_application_over_the_adopted_amount(project, owner):
    with pytest.raises(ValidationError) as error:
        apply(owner, project, years={2019: 9_000_001})
    assert messages_of(error)["years"][0].startswith("採択額を超えて申請することはできません。")
    project.refresh_from_db()
    assert project.status == ProjectStatus.ADOPTED
    assert not AwardYear.objects.exists() and not PlanVersion.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"years": {}}, "years", "年度ごとの交付申請額を入力してください。"),
        ({"years": {"2019": 1}}, "years", "交付申請額の年度は、事業の計画にある年度から選んでください。"),
        ({"years": {2019: -1}}, "amount_2019", "平成31年度の交付申請額は0円以上の金額で入力してください。"),
        (
            {"years": {2019: "100"}},
            "amount_2019",
            "平成31年度の交付申請額は0円以上の金額で入力してください。",
        ),
        (
            {"years": {2019: 1, 2020: 1}},
            "amount_2020",
            "令和2年度は事業の実施期間（令和元年(2019年)7月15日〜令和2年(2020年)2月28日）に含まれない年度です。",
        ),
        ({"planned_start_on": None}, "planned_start_on", "事業開始予定日を入力してください。"),
        ({"planned_end_on": None}, "planned_end_on", "事業完了予定日を入力してください。"),
        (
            {"planned_start_on": date(2019, 8, 1), "planned_end_on": date(2019, 7, 31)},
            "planned_end_on",
            "事業完了予定日は事業開始予定日以降の日付にしてください。",
        ),
        (
            {"planned_end_on": date(2020, 3, 1)},
            "planned_end_on",
            "事業完了予定日は補助事業期間の終了日（令和2年(2020年)2月29日）までにしてください。",
        ),
    ],
)
def test_grant_application_rules(project, owner, kwargs, field, message):
    with pytest.raises(ValidationError) as error:
        apply(owner, project, **kwargs)
    assert messages_of(error)[field] == [message]
    project.refresh_from_db()
    assert project.status == ProjectStatus.ADOPTED
    assert actions(project) == []


def test_zero_is_a_valid_amount_for_a_year(project, owner):
    apply(owner, project, years={2019: 0})
    assert AwardYear.objects.get(project=project).applied_amount == 0


def test_grant_application_only_once(make_project, owner):
    applied = make_project("applied")
    with pytest.raises(ValidationError) as error:
        apply(owner, applied)
    assert error.value.messages == [
        "補助事業は「交付申請中」のため、この手続（交付申請をする）はできません。"
    ]


@pytest.mark.parametrize(("who", "raised"), [("co_member", PermissionDenied), ("staff", PermissionDenied)])
def test_only_the_grantee_applies(request, who, raised, project):
    with pytest.raises(raised):
        apply(request.getfixturevalue(who), project)
    assert actions(project) == []


def test_outsiders_do_not_see_the_project(project, outsider):
    with pytest.raises(Http404):
        apply(outsider, project)


def test_returned_and_applied_again(project, owner, staff, django_capture_on_commit_callbacks):
    submit_snapshot(project, owner)
    apply(owner, project, years={2019: 7_000_000})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        award.return_grant_application(staff, project, " 事業開始予定日を確認してください。 ")
    project.refresh_from_db()
    assert project.status == ProjectStatus.ADOPTED
    entry = AuditEntry.objects.for_object(project).get(action="grants.project.grant_application_returned")
    assert entry.data == {"reason": "事業開始予定日を確認してください。"}
    assert [m.to for m in mail.outbox] == [["officer@example.jp"]]
    assert "事業開始予定日を確認してください。" in mail.outbox[0].body
    assert "差戻し" in mail.outbox[0].subject
    # The correction starts from what was applied for; the plan version is not made twice.
    assert award.grant_application_initial(project)["years"] == {2019: 7_000_000}
    apply(owner, project, years={2019: 6_500_000})
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPLIED
    assert list(project.award_years.values_list("applied_amount", flat=True)) == [6_500_000]
    assert project.plan_versions.count() == 1
    assert actions(project) == [
        "grants.project.grant_applied",
        "grants.project.grant_application_returned",
        "grants.project.grant_applied",
    ]


def test_return_needs_a_reason_and_an_application(make_project, staff):
    applied = make_project("applied")
    with pytest.raises(ValidationError) as error:
        award.return_grant_application(staff, applied, "  ")
    assert messages_of(error) == {"reason": ["差戻しの理由を入力してください。"]}
    decided = make_project("decided")
    with pytest.raises(ValidationError):
        award.return_grant_application(staff, decided, "理由")


@pytest.mark.parametrize(("who", "raised"), [("owner", PermissionDenied), ("outsider", Http404)])
def test_only_the_secretariat_returns(request, who, raised, make_project):
    applied = make_project("applied")
    with pytest.raises(raised):
        award.return_grant_application(request.getfixturevalue(who), applied, "理由")


# --- 交付決定 --------------------------------------------------------------------------------------------


def decide(actor: Any, project: Any, **kwargs: Any) -> Project:
    values: dict[str, Any] = {
        "decided_on": DECIDED_ON,
        "decision_number": " 低炭素協第101号 ",
        "amounts": {2019: 8_800_000},
        "conditions": "交付規程に従うこと",
    }
    values.update(kwargs)
    return award.decide(actor, project, **values)


def test_decision(make_project, staff, django_capture_on_commit_callbacks):
    applied = make_project("applied")
    Project.objects.filter(pk=applied.pk).update(adoption_conditions="成果を公表すること")
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff, applied)
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.DECIDED
    assert applied.decided_on == DECIDED_ON
    assert applied.decision_number == "低炭素協第101号"
    assert applied.decided_amount == 8_800_000
    assert applied.decision_conditions == "交付規程に従うこと"
    assert list(applied.award_years.values_list("decided_amount", flat=True)) == [8_800_000]
    entry = AuditEntry.objects.for_object(applied).get(action="grants.project.decided")
    assert entry.changes["status"] == ["applied", "decided"]
    assert entry.changes["decided_amount"] == [None, 8_800_000]
    assert entry.data == {"amounts": {"2019": 8_800_000}}
    # The reports are scheduled from the planned end in the same transaction.
    completion = applied.reports.get(kind="completion")
    assert completion.due_on == date(2020, 3, 10)
    # The decision notice.
    [message] = mail.outbox
    assert message.to == [applied.application.created_by.email]
    assert "低炭素協第101号" in message.subject
    body = message.body
    assert "令和元年(2019年)7月10日" in body
    assert "8,800,000円" in body and "平成31年度：8,800,000円" in body
    assert "交付規程に従うこと" in body
    assert "契約・発注日が交付決定日（令和元年(2019年)7月10日）より前のものは補助の対象になりません。" in body


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (
            {"amounts": {2019: 9_000_001}},
            "amount_2019",
            "平成31年度の交付決定額は交付申請額（9,000,000円）以下にしてください。",
        ),
        ({"amounts": {}}, "amount_2019", "平成31年度の交付決定額を入力してください。"),
        ({"amounts": {2019: -5}}, "amount_2019", "平成31年度の交付決定額は0円以上の金額で入力してください。"),
        (
            {"amounts": {2019: 1, 2020: 1}},
            "amounts",
            "交付申請のない年度（令和2年度）の交付決定額は入力できません。",
        ),
        ({"decision_number": "  "}, "decision_number", "交付決定番号を入力してください。"),
        ({"decision_number": "第" * 61}, "decision_number", "交付決定番号は60文字以内で入力してください。"),
        ({"decided_on": None}, "decided_on", "交付決定日を入力してください。"),
        (
            {"decided_on": date(2019, 7, 4)},
            "decided_on",
            "交付決定日は交付申請日（令和元年(2019年)7月5日）以降の日付にしてください。",
        ),
    ],
)
def test_decision_rules(make_project, staff, kwargs, field, message):
    applied = make_project("applied")
    with pytest.raises(ValidationError) as error:
        decide(staff, applied, **kwargs)
    assert messages_of(error)[field] == [message]
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.APPLIED
    assert applied.award_years.get().decided_amount is None
    assert not applied.reports.exists()
    assert actions(applied) == []


def test_decision_once(decided_project, staff):
    with pytest.raises(ValidationError) as error:
        decide(staff, decided_project)
    assert error.value.messages == ["補助事業は「交付決定」のため、この手続（交付決定をする）はできません。"]


def test_decision_before_an_application(project, staff):
    with pytest.raises(ValidationError):
        decide(staff, project)


@pytest.mark.parametrize(
    ("who", "raised"),
    [
        ("owner", PermissionDenied),
        ("member", PermissionDenied),
        ("co_member", PermissionDenied),
        ("outsider", Http404),
    ],
)
def test_only_the_secretariat_decides(request, who, raised, make_project):
    applied = make_project("applied")
    with pytest.raises(raised):
        decide(request.getfixturevalue(who), applied)
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.APPLIED


def test_the_decision_mail_goes_to_the_cover_letter_contact(
    make_project, owner, staff, django_capture_on_commit_callbacks
):
    applied = make_project("applied")
    submit_snapshot(applied, owner)
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff, applied)
    assert [m.to for m in mail.outbox] == [["officer@example.jp"]]

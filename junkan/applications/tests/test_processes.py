"""The application process (``applications.processes``): every declared move, as a person who may and as
people who may not; withdrawal ends at the review's decision; the application shows its real stage."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from junkan.applications import services
from junkan.applications.models import ApplicationStatus as S
from junkan.applications.processes import APPLICATION
from junkan.audit.models import AuditEntry
from junkan.common import workflow

pytestmark = pytest.mark.django_db


def _decision(application, staff, outcome="adopted", notified=True):
    from junkan.review import services as review
    from junkan.review.models import Decision

    committee = review.create_committee(staff, application.program, {"reviewers_per_application": 2})
    return Decision.objects.create(
        committee=committee,
        application=application,
        outcome=outcome,
        reasons="計画が具体的",
        amount=9_000_000,
        decided_by=staff,
        decided_at=timezone.now(),
        notified_at=timezone.now() if notified else None,
    )


def _project(application, status="adopted"):
    from junkan.grants.models import Project

    return Project.objects.create(
        application=application,
        program=application.program,
        project_type=application.project_type,
        organization=application.organization,
        title=application.title,
        status=status,
        adopted_on=timezone.localdate(),
        adopted_amount=9_000_000,
    )


def test_the_declaration_is_sound():
    assert workflow.problems(APPLICATION) == []
    assert {m.name for m in APPLICATION.moves} == {"submitted", "accepted", "returned", "withdrawn"}
    # Every irreversible step of the applicant asks for confirmation.
    assert APPLICATION.move("submitted").irreversible
    assert APPLICATION.move("withdrawn").irreversible


def test_submit_as_owner_not_as_member_outsider_or_secretariat(complete, owner, member, outsider, staff):
    now = timezone.now()
    with pytest.raises(services.NotSubmittable):
        services.submit(member, complete, now)
    with pytest.raises(Http404):
        services.submit(outsider, complete, now)
    with pytest.raises(Http404):
        services.submit(staff, complete, now)
    complete.refresh_from_db()
    assert complete.status == S.DRAFT
    services.submit(owner, complete, now)
    complete.refresh_from_db()
    assert complete.status == S.SUBMITTED
    assert workflow.audit_label("applications.application.submitted") == "提出"


def test_a_member_the_owner_allows_may_submit(complete, member, organization):
    from junkan.organizations.models import Membership

    Membership.objects.filter(organization=organization, user=member).update(acts_for_applications=True)
    services.submit(member, complete, timezone.now())
    complete.refresh_from_db()
    assert complete.status == S.SUBMITTED


def test_accept_and_return_by_the_secretariat_only(submitted, owner, outsider, staff):
    for person, error in ((owner, PermissionDenied), (outsider, Http404)):
        with pytest.raises(error):
            services.accept(person, submitted)
        with pytest.raises(error):
            services.return_for_correction(person, submitted, "不足", timezone.localdate())
    services.return_for_correction(
        staff, submitted, "様式2の記入漏れ", timezone.localdate() + timedelta(days=7)
    )
    submitted.refresh_from_db()
    assert submitted.status == S.RETURNED
    assert submitted.return_reason == "様式2の記入漏れ"
    # Not from 不備返却: only a submitted application is accepted.
    with pytest.raises(ValidationError):
        services.accept(staff, submitted)


def test_withdraw_as_owner_not_as_member_or_outsider(submitted, owner, member, outsider):
    with pytest.raises(PermissionDenied):
        services.withdraw(member, submitted)
    with pytest.raises(Http404):
        services.withdraw(outsider, submitted)
    # Until the review has decided, also after the deadline.
    with mock.patch(
        "django.utils.timezone.now", return_value=submitted.program.closes_at + timedelta(days=1)
    ):
        services.withdraw(owner, submitted)
    submitted.refresh_from_db()
    assert submitted.status == S.WITHDRAWN
    with pytest.raises(ValidationError):
        services.withdraw(owner, submitted)


def test_no_withdrawal_after_the_decision(submitted, owner, staff):
    """Issue 13: after adoption the officer could still withdraw with one click."""
    services.accept(staff, submitted)
    _decision(submitted, staff)
    decision = workflow.can(APPLICATION, owner, submitted, "withdrawn")
    assert not decision.allowed
    assert "採否が決まった" in decision.reason
    with pytest.raises(ValidationError):
        services.withdraw(owner, submitted)
    submitted.refresh_from_db()
    assert submitted.status == S.ACCEPTED


def test_no_withdrawal_once_a_project_is_open(submitted, owner, staff):
    services.accept(staff, submitted)
    _project(submitted)
    assert "補助事業の画面" in workflow.can(APPLICATION, owner, submitted, "withdrawn").reason
    with pytest.raises(ValidationError):
        services.withdraw(owner, submitted)


def test_the_page_offers_no_withdrawal_after_the_decision(submitted, owner, staff, client_as):
    services.accept(staff, submitted)
    client = client_as(owner)
    url = reverse("applications:withdraw", args=[submitted.public_id])
    page = client.get(reverse("applications:detail", args=[submitted.public_id])).content.decode()
    assert url in page
    _decision(submitted, staff)
    page = client.get(reverse("applications:detail", args=[submitted.public_id])).content.decode()
    assert f'href="{url}"' not in page
    assert "採否が決まった応募は取り下げられません" in page
    response = client.post(url, {"confirmed": "yes"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == S.ACCEPTED


def test_withdrawal_asks_for_confirmation_first(submitted, owner, client_as):
    client = client_as(owner)
    url = reverse("applications:withdraw", args=[submitted.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "元に戻せないこと" in page.content.decode()
    # A post without the confirmation shows the page again and changes nothing.
    assert client.post(url).status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == S.WITHDRAWN
    assert AuditEntry.objects.filter(action="applications.application.withdrawn").count() == 1


def test_submit_shows_the_whole_application_before_submitting(complete, owner, client_as):
    client = client_as(owner)
    url = reverse("applications:submit", args=[complete.public_id])
    page = client.get(url).content.decode()
    assert "最終確認" in page
    assert "元に戻せないこと" in page
    complete.refresh_from_db()
    assert complete.status == S.DRAFT
    response = client.post(url, {"confirmed": "yes"})
    assert response.status_code == 302
    complete.refresh_from_db()
    assert complete.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("outcome", "project_status", "expected"),
    [
        (None, None, "受理"),
        ("adopted", None, "採択"),
        ("not_adopted", None, "不採択"),
        ("adopted", "adopted", "採択（交付申請前）"),
        ("adopted", "decided", "交付決定（事業実施中）"),
        ("adopted", "determined", "額の確定"),
    ],
)
def test_the_application_shows_its_real_stage(
    submitted, owner, staff, client_as, outcome, project_status, expected
):
    """Issue 13: the application still said 「受理」 after 採択."""
    from junkan.grants.stages import stage_of

    services.accept(staff, submitted)
    if outcome:
        _decision(submitted, staff, outcome)
    if project_status:
        _project(submitted, project_status)
    assert stage_of(submitted).label == expected
    page = client_as(owner).get(reverse("applications:detail", args=[submitted.public_id])).content.decode()
    assert f">{expected}</span>" in page


def test_a_paid_project_that_still_owes_reports_is_reporting(submitted, staff):
    from junkan.grants.models import Report
    from junkan.grants.stages import stage_of

    services.accept(staff, submitted)
    project = _project(submitted, "paid")
    assert stage_of(submitted).label == "支払済み"
    Report.objects.create(
        project=project, rule_code="annual", kind="annual", name="事業報告書", due_text="毎年"
    )
    assert stage_of(submitted).label == "事後報告中"

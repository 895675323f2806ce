"""The review's processes (``review.processes``): the score sheet and the committee's 採否確定 and 公表,
every move as a person who may and as people who may not; the confirmation pages before each irreversible
step; the buttons only when allowed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.common import workflow
from junkan.review import services
from junkan.review.models import CommitteeStatus, Decision, Outcome, ScoreSheet, SheetStatus
from junkan.review.processes import COMMITTEE, SHEET
from junkan.review.tests.conftest import assignment_of, full_marks, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(staff, make_staff, reviewer, outsider):
    """owner: the committee's secretariat; member: a secretariat colleague who does not manage it and a
    committee member; outsider; anonymous."""
    return {
        "owner": staff,
        "member": make_staff("colleague@example.jp"),
        "reviewer": reviewer,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture
def decided(committee, members, staff, assigned):
    """One application under review, scored and decided (adopted), not yet confirmed."""
    score(members[0], assigned, 5)
    services.decide(staff, committee, assigned, {"outcome": Outcome.ADOPTED, "reasons": "評点が高い"})
    return committee


def test_the_declarations_are_sound():
    for process in (SHEET, COMMITTEE):
        assert workflow.problems(process) == []
    assert SHEET.move("submitted").irreversible
    assert COMMITTEE.move("decided").irreversible and COMMITTEE.move("published").irreversible
    assert workflow.audit_label("review.sheet.submitted") == "採点票の提出"
    assert workflow.audit_label("review.committee.decided") == "採否の確定・通知"
    assert workflow.audit_label("review.committee.published") == "採択案件の公表"


def test_sheet_moves_as_allowed_and_refused(members, staff, assigned, reviewer, reviewer2, outsider):
    sheet = score(members[0], assigned, 3)
    assert sheet.status == SheetStatus.SUBMITTED
    # Only the committee's secretariat gives a sheet back; the member, another member and outsiders may not.
    assert not workflow.can(SHEET, reviewer, sheet, "reopened")
    assert workflow.can(SHEET, outsider, sheet, "reopened").hide
    with pytest.raises(Http404):
        services.reopen_sheet(outsider, sheet)
    with pytest.raises(PermissionDenied):
        services.reopen_sheet(reviewer, sheet)
    services.reopen_sheet(staff, sheet)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT and sheet.score is None and sheet.submitted_at is None
    # Submitting is the member's: the secretariat may not submit a member's sheet.
    assert not workflow.can(SHEET, staff, sheet, "submitted")
    assert workflow.can(SHEET, reviewer, sheet, "submitted")
    with pytest.raises(ValidationError):
        services.reopen_sheet(staff, sheet)  # a draft is not given back


def test_committee_moves_as_allowed_and_refused(decided, people, django_capture_on_commit_callbacks):
    committee = decided
    assert workflow.can(COMMITTEE, people["owner"], committee, "decided")
    assert not workflow.can(COMMITTEE, people["member"], committee, "decided").hide  # 403: not theirs
    assert not workflow.can(COMMITTEE, people["reviewer"], committee, "decided")
    assert workflow.can(COMMITTEE, people["outsider"], committee, "decided").hide
    with pytest.raises(PermissionDenied):
        services.finalize(people["member"], committee)
    with pytest.raises(Http404):
        services.finalize(people["outsider"], committee)
    with pytest.raises(ValidationError):
        services.publish(people["owner"], committee)  # not before 採否確定
    with django_capture_on_commit_callbacks(execute=True):
        assert services.finalize(people["owner"], committee) == 1
    committee.refresh_from_db()
    assert committee.status == CommitteeStatus.DECIDED and committee.decided_at is not None
    assert Decision.objects.get().notified_at == committee.decided_at
    assert len(mail.outbox) == 1
    with pytest.raises(PermissionDenied):
        services.publish(people["member"], committee)
    services.publish(people["owner"], committee)
    committee.refresh_from_db()
    assert committee.status == CommitteeStatus.PUBLISHED and committee.published_at is not None


def test_finalize_is_refused_while_an_application_is_undecided(
    client_as, committee, members, staff, assigned
):
    decision = workflow.can(COMMITTEE, staff, committee, "decided")
    assert not decision and "採否が決まっていない応募が1件" in decision.reason
    page = client_as(staff)
    text = page.get(reverse("review:results", args=[committee.pk])).content.decode()
    # The button is shown disabled with the reason; the confirmation page is not reachable.
    assert (
        "採否を確定して申請者に通知する" in text
        and "採否が決まっていない応募が1件" in text
        and "disabled" in text
    )
    response = page.get(reverse("review:finalize", args=[committee.pk]))
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.status == CommitteeStatus.REVIEWING


def test_the_results_page_asks_the_guard_with_its_cached_figures_and_a_decision_shows_at_once(
    client_as, committee, members, staff, assigned, django_capture_on_commit_callbacks
):
    page = client_as(staff)
    url = reverse("review:results", args=[committee.pk])
    page.get(url)
    with CaptureQueriesContext(connection) as captured:
        text = page.get(url).content.decode()
    assert "採否が決まっていない応募が1件" in text
    assert not any("review_decision" in query["sql"] for query in captured.captured_queries)
    score(members[0], assigned, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(staff, committee, assigned, {"outcome": Outcome.ADOPTED, "reasons": "評点が高い"})
    text = page.get(url).content.decode()
    assert "採否が決まっていない応募" not in text  # the button is enabled at once


def test_figures_handed_to_the_guard_never_let_the_move_through(committee, staff, assigned):
    """A page's figures (display only) claiming that everything is decided: the move counts again."""
    committee.known_decisions = (1, 0, [])
    assert workflow.can(COMMITTEE, staff, committee, "decided")  # what the page would show
    with pytest.raises(ValidationError, match="採否が決まっていない応募が1件"):
        services.finalize(staff, committee)
    committee.refresh_from_db()
    assert committee.status == CommitteeStatus.REVIEWING


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("member", 403), ("reviewer", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_the_confirmation_page_of_finalize(client_as, people, decided, who, status):
    url = reverse("review:finalize", args=[decided.pk])
    response = client_as(people[who]).get(url)
    assert response.status_code == status
    if status == 200:
        text = response.content.decode()
        assert "元に戻せないこと" in text and "全ての申請者に結果がメールで通知されます" in text
        assert "5,000,000円" in text  # the adopted total
        assert 'name="confirmed" value="yes"' in text
    # Without the confirmation nothing happens, whoever posts.
    client_as(people[who]).post(url)
    decided.refresh_from_db()
    assert decided.status == CommitteeStatus.REVIEWING
    response = client_as(people[who]).post(url, {"confirmed": "yes"})
    decided.refresh_from_db()
    assert (decided.status == CommitteeStatus.DECIDED) == (who == "owner")


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("member", 403), ("reviewer", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_the_confirmation_page_of_publication(client_as, people, decided, who, status):
    services.finalize(people["owner"], decided)
    url = reverse("review:publish", args=[decided.pk])
    response = client_as(people[who]).get(url)
    assert response.status_code == status
    if status == 200:
        assert "公表は取り消せません" in response.content.decode()
    client_as(people[who]).post(url, {"confirmed": "yes"})
    decided.refresh_from_db()
    assert (decided.status == CommitteeStatus.PUBLISHED) == (who == "owner")


def test_results_show_only_the_allowed_buttons(client_as, people, decided):
    url = reverse("review:results", args=[decided.pk])
    text = client_as(people["owner"]).get(url).content.decode()
    assert reverse("review:finalize", args=[decided.pk]) in text
    assert reverse("review:publish", args=[decided.pk]) not in text
    services.finalize(people["owner"], decided)
    text = client_as(people["owner"]).get(url).content.decode()
    assert reverse("review:finalize", args=[decided.pk]) not in text
    assert reverse("review:publish", args=[decided.pk]) in text
    assert client_as(people["member"]).get(url).status_code == 403
    assert client_as(people["outsider"]).get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 404), ("member", 404), ("reviewer", 200), ("outsider", 404), ("anonymous", 302)],
)
def test_sheet_submission_goes_through_its_confirmation_page(
    client_as, people, committee, members, assigned, who, status
):
    services.declare(people["reviewer"], assignment_of(members[0], assigned), "none", "")
    url = reverse("review:sheet", args=[committee.pk, assigned.public_id])
    data = {"overall_comment": "具体的な計画", "action": "submit"}
    for pk, mark in full_marks(assigned, 4).items():
        data[f"mark_{pk}"] = "pass" if mark.passed and mark.points is None else str(mark.points)
    response = client_as(people[who]).post(url, data)
    assert response.status_code == status
    sheets = ScoreSheet.objects.filter(assignment=assignment_of(members[0], assigned))
    if status != 200:
        assert not sheets.filter(status=SheetStatus.SUBMITTED).exists()
        return
    text = response.content.decode()
    assert "採点票を提出する：内容の確認" in text and "具体的な計画" in text and "80.00" in text
    assert sheets.get().status == SheetStatus.DRAFT  # kept as a draft, not submitted
    assert client_as(people[who]).post(url, {**data, "confirmed": "yes"}).status_code == 302
    assert sheets.get().status == SheetStatus.SUBMITTED


@pytest.mark.parametrize(("who", "allowed"), [("owner", True), ("member", False), ("outsider", False)])
def test_reopen_by_the_page(client_as, people, committee, members, assigned, who, allowed):
    sheet = score(members[0], assigned, 3)
    decision_page = reverse("review:decision", args=[committee.pk, assigned.public_id])
    reopen = reverse("review:sheet_reopen", args=[committee.pk, sheet.pk])
    if who == "owner":
        assert reopen in client_as(people[who]).get(decision_page).content.decode()
    client_as(people[who]).post(reopen)
    sheet.refresh_from_db()
    assert (sheet.status == SheetStatus.DRAFT) == allowed
    if allowed:
        assert reopen not in client_as(people[who]).get(decision_page).content.decode()


def test_the_committee_page_shows_its_history_in_words(client_as, staff, decided):
    import re

    services.update_committee(staff, decided, {"reviewers_per_application": 4})
    services.finalize(staff, decided)
    text = client_as(staff).get(reverse("review:committee", args=[decided.pk])).content.decode()
    section = text[text.index('id="audit-title"') :]
    assert "審査委員会の作成" in section and "採否の確定・通知" in section and "委員の追加" in section
    assert "1件あたりの審査委員の人数" in section and "審査中 → 採否決定・通知済み" in section
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\.[a-z_]+\b", section) and "{'" not in section
    assert staff.email not in section

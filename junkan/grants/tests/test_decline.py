"""辞退 before the grant decision, and what the application, the start page and the history say about it.

After adoption an application is no longer withdrawn (applications.processes ends withdrawal at the decision);
the grantee's owner declines the project here, through a confirmation page, and the adoption stays on record
while the application shows the project's stage.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from junkan.applications.models import ApplicationStatus
from junkan.common import workflow
from junkan.grants.models import ProjectStatus
from junkan.grants.processes import PROJECT
from junkan.grants.stages import stage_of

pytestmark = pytest.mark.django_db

REASON = "地元との合意形成に時間を要し、本年度の実施が困難となったため。"


def decline_url(project: Any) -> str:
    return reverse("grants:decline", args=[project.public_id])


def plan_url(project: Any) -> str:
    return reverse("grants:plan", args=[project.public_id])


def test_the_owner_declines_through_a_confirmation_page(
    make_project, client_as, owner, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAIL = "jimukyoku@example.jp"
    project = make_project("applied")
    client = client_as(owner)
    assert f'href="{decline_url(project)}"' in client.get(plan_url(project)).content.decode()
    page = client.get(decline_url(project))
    text = page.content.decode()
    assert page.status_code == 200
    assert "補助事業を辞退する：内容の確認" in text and "元に戻すことはできません" in text
    assert 'name="reason"' in text and 'name="confirmed" value="yes"' in text
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPLIED
    # Confirmed without a reason: the page again, with the error, nothing done.
    refused = client.post(decline_url(project), {"confirmed": "yes", "reason": " "})
    assert refused.status_code == 400 and "理由を入力してください" in refused.content.decode()
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPLIED
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(decline_url(project), {"confirmed": "yes", "reason": REASON})
    assert done.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.DECLINED
    (message,) = mail.outbox
    assert "辞退" in message.subject and "jimukyoku@example.jp" in message.to and REASON in message.body
    # The application shows the project's stage; the adoption itself stays (not withdrawn).
    application = project.application
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert stage_of(application).label == "辞退"
    # The history says it in words, with the reason.
    history = client.get(reverse("grants:history", args=[project.public_id])).content.decode()
    assert "辞退" in history and REASON in history and "grants.project.declined" not in history


@pytest.mark.parametrize(
    ("who", "status"), [("member", 403), ("co_member", 403), ("staff", 403), ("outsider", 404)]
)
def test_only_the_owner_declines(make_project, client_as, request, who, status):
    project = make_project("adopted")
    client = client_as(request.getfixturevalue(who))
    response = client.post(decline_url(project), {"confirmed": "yes", "reason": REASON})
    assert response.status_code == status
    project.refresh_from_db()
    assert project.status == ProjectStatus.ADOPTED
    if who in ("member", "co_member", "staff"):
        assert f'href="{decline_url(project)}"' not in client.get(plan_url(project)).content.decode()


def test_anonymous_is_sent_to_log_in(make_project, client_as):
    project = make_project("adopted")
    response = client_as(None).get(decline_url(project))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_no_decline_after_the_decision_the_secretariat_cancels_instead(make_project, owner, staff):
    project = make_project("decided")
    assert "declined" not in {o.name for o in workflow.options(PROJECT, owner, project)}
    assert workflow.can(PROJECT, staff, project, "cancelled").allowed


def test_an_adopted_application_is_not_withdrawn(make_project, owner):
    from junkan.applications.processes import APPLICATION

    project = make_project("adopted")
    decision = workflow.can(APPLICATION, owner, project.application, "withdrawn")
    assert not decision.allowed and "辞退" in decision.reason


def test_opening_a_project_appears_on_the_start_page(
    grant_call, organization, owner, member, staff, client_as, django_capture_on_commit_callbacks
):
    """Issue 13: the grantee is told by e-mail when the project is opened, and finds it on /my/."""
    from junkan.grants.services import award
    from junkan.grants.tests.test_award_services import make_application

    application = make_application(grant_call, organization, owner)
    with django_capture_on_commit_callbacks(execute=True):
        project = award.open_project(staff, application, adopted_on=date(2019, 7, 1), adopted_amount=1_000)
    (message,) = mail.outbox
    assert {owner.email, member.email} <= set(message.to)
    for person in (owner, member):
        page = client_as(person).get(reverse("dashboard:home")).content.decode()
        assert "補助事業を登録しました" in page and project.title in page

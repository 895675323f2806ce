"""The oversight of a grant: the checks before the decision (seed 002 「採択後」2.(2) ア–ウ), the
conditions of adoption, site inspections and the judgement on further support after the continuation
review — services and pages as the secretariat, the grantee's owner and member, an outsider (404) and
anonymous (login)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.grants.models import DecisionCheck, DecisionCheckItem, ProjectStatus
from junkan.grants.services import award
from junkan.grants.services import oversight as services

pytestmark = pytest.mark.django_db

PEOPLE = ("staff", "owner", "member", "outsider", "anonymous")


def person(request: Any, who: str) -> Any:
    return None if who == "anonymous" else request.getfixturevalue(who)


def unchecked(make_project: Any) -> Any:
    project = make_project("applied")
    DecisionCheck.objects.filter(award_year__project=project).delete()
    return project


def decide(staff: Any, project: Any) -> Any:
    return award.decide(
        staff,
        project,
        decided_on=date(2019, 7, 10),
        decision_number="低炭素協第1号",
        amounts={2019: 9_000_000},
        conditions="",
    )


# --- 交付決定の前の確認 -----------------------------------------------------------------------------------


def test_the_decision_is_refused_until_every_point_is_checked(make_project, staff):
    project = unchecked(make_project)
    with pytest.raises(ValidationError) as refused:
        decide(staff, project)
    assert "交付決定の前の確認（平成31年度 ア・イ・ウ）" in " ".join(refused.value.messages)
    for item in DecisionCheckItem.values[:2]:
        services.record_check(staff, project, 2019, item, "資金計画を確認")
    assert services.missing_checks(project) == ["平成31年度 ウ"]
    with pytest.raises(ValidationError):
        decide(staff, project)
    services.record_check(staff, project, 2019, DecisionCheckItem.ELIGIBLE_ONLY)
    decided = decide(staff, project)
    assert decided.status == ProjectStatus.DECIDED
    entries = AuditEntry.objects.filter(action="grants.project.decision_checked")
    assert entries.count() == 3 and entries.first().actor == staff


def test_checks_are_the_secretariats_and_only_before_the_decision(make_project, staff, owner, outsider):
    project = unchecked(make_project)
    with pytest.raises(PermissionDenied):
        services.record_check(owner, project, 2019, DecisionCheckItem.PLAN_READY)
    with pytest.raises(Http404):
        services.record_check(outsider, project, 2019, DecisionCheckItem.PLAN_READY)
    with pytest.raises(ValidationError):
        services.record_check(staff, project, 2020, DecisionCheckItem.PLAN_READY)
    services.record_check(staff, project, 2019, DecisionCheckItem.PLAN_READY)
    with pytest.raises(ValidationError):
        services.record_check(staff, project, 2019, DecisionCheckItem.PLAN_READY)
    services.withdraw_check(staff, project, 2019, DecisionCheckItem.PLAN_READY)
    assert AuditEntry.objects.filter(action="grants.project.decision_unchecked").count() == 1
    decided = make_project("decided")
    with pytest.raises(ValidationError):
        services.withdraw_check(staff, decided, 2019, DecisionCheckItem.PLAN_READY)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_decision_page_with_its_checklist(request, client_as, make_project, who):
    project = unchecked(make_project)
    client = client_as(person(request, who))
    page = reverse("grants:decide", args=[project.public_id])
    post = reverse("grants:decision_check", args=[project.public_id])
    data = {"verb": "check", "fiscal_year": 2019, "item": "plan_ready", "note": "見積書3者分を確認"}
    response = client.get(page)
    answer = client.post(post, data)
    if who == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert answer.status_code == 302 and "/login/" in answer["Location"]
    elif who == "outsider":
        assert response.status_code == answer.status_code == 404
    elif who in ("owner", "member"):
        assert response.status_code == answer.status_code == 403
    else:
        body = response.content.decode()
        assert "補助対象経費以外の経費を含まないこと。" in body
        assert "がまだ記録されていません" in body and 'value="decide"' not in body
        assert answer.status_code == 302
        check = DecisionCheck.objects.get(award_year__project=project, item="plan_ready")
        assert check.note == "見積書3者分を確認" and check.checked_by == request.getfixturevalue("staff")
    if who != "staff":
        assert not DecisionCheck.objects.filter(award_year__project=project).exists()


def test_the_confirmation_page_shows_the_checklist(client_as, make_project, staff):
    project = make_project("applied")
    client = client_as(staff)
    page = reverse("grants:decide", args=[project.public_id])
    body = client.get(page).content.decode()
    assert 'value="decide"' in body and "すべて確認済み" in body
    response = client.post(
        page,
        {
            "verb": "decide",
            "decided_on": "2019-07-10",
            "decision_number": "低炭素協第9号",
            "amount_2019": "9000000",
            "conditions": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "内容の確認" in body
    assert "準備が確実に行われていること。" in body and "すべて確認済み" in body

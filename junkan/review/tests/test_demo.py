"""The review demo: a published committee with scored applications and one conflict; loading twice changes
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from junkan.accounts import demo as accounts_demo
from junkan.applications import demo as applications_demo
from junkan.audit.models import AuditEntry
from junkan.organizations import demo as organizations_demo
from junkan.programs.models import Program
from junkan.review import demo
from junkan.review.models import (
    Assignment,
    Committee,
    CommitteeStatus,
    Decision,
    Exclusion,
    Outcome,
    ScoreSheet,
    SheetStatus,
)

pytestmark = pytest.mark.django_db
PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "programs" / "data"


def load() -> list[tuple[str, str, str]]:
    if not Program.objects.filter(slug=demo.PROGRAM).exists():  # flushed by an earlier transactional test
        from junkan.programs.services import import_program

        import_program(
            None, yaml.safe_load((PROGRAMS_DATA / f"{demo.PROGRAM}.yaml").read_text(encoding="utf-8"))
        )
    accounts_demo.load(lambda _: None)
    organizations_demo.load(lambda _: None)
    applications_demo.load(lambda _: None)
    return demo.load(lambda _: None)


def test_the_demo_committee_is_scored_decided_and_published(client):
    logins = load()
    assert {email for email, _p, _d in logins} >= {"reviewer2@example.jp", "reviewer3@example.jp"}
    committee = Committee.objects.get(program__slug=demo.PROGRAM)
    assert committee.status == CommitteeStatus.PUBLISHED
    assert committee.members.count() == 3
    exclusion = Exclusion.objects.get(committee=committee)
    assert exclusion.member.user.email == "reviewer2@example.jp"
    assert exclusion.application.organization.name == "長野県飯田市"
    assert not Assignment.objects.filter(
        member=exclusion.member, application=exclusion.application, status="active"
    ).exists()
    decisions = Decision.objects.filter(committee=committee)
    assert decisions.count() == 8
    assert decisions.filter(outcome=Outcome.ADOPTED_WITH_CONDITIONS).count() == 1
    assert decisions.filter(outcome=Outcome.NOT_ADOPTED).exists()
    assert ScoreSheet.objects.filter(status=SheetStatus.SUBMITTED).count() == 16
    response = client.get(reverse("review:adopted", args=[demo.PROGRAM]))
    assert response.status_code == 200 and "長野県飯田市" in response.content.decode()


def test_loading_twice_changes_nothing():
    first = load()
    counts = (AuditEntry.objects.count(), Decision.objects.count(), ScoreSheet.objects.count())
    assert load() == first
    assert (AuditEntry.objects.count(), Decision.objects.count(), ScoreSheet.objects.count()) == counts

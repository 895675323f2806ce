"""Fixtures of the review tests: a call with its criteria, accepted applications, a committee with members.

Applications are made directly in the state 受理 (the applications app tests the way there); the review is
then driven through the review's services and views.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "programs" / "data"


@pytest.fixture
def review_call(db) -> Any:
    """A copy of the FY2019 call with its review criteria (types 1–3), under its own slug."""
    from junkan.programs.services import import_program

    data = copy.deepcopy(
        yaml.safe_load((PROGRAMS_DATA / "fy2019-decarbonised-region-model.yaml").read_text(encoding="utf-8"))
    )
    data.update(slug="review-test-call", published=True)
    return import_program(None, data).program


@pytest.fixture
def make_org(db) -> Callable[..., Any]:
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Organization

    def make(name: str, code: str | None = None) -> Any:
        if code is None:
            return Organization.objects.create(kind="company", name=name)
        municipality = Municipality.objects.get(code=code)
        kind = "prefecture" if municipality.kind == "prefecture" else "municipality"
        return Organization.objects.create(kind=kind, name=name, municipality=municipality)

    return make


@pytest.fixture
def make_application(review_call, owner, make_org) -> Callable[..., Any]:
    """An accepted application (受理) of the review call."""
    from django.utils import timezone

    from junkan.applications.models import Application, ApplicationStatus

    counter = itertools.count(1)

    def make(
        organization: Any = None, type_code: str = "1", amount: int = 5_000_000, title: str | None = None
    ) -> Any:
        n = next(counter)
        organization = organization or make_org(f"株式会社テスト{n}（架空）")
        return Application.objects.create(
            program=review_call,
            project_type=review_call.project_types.get(code=type_code),
            organization=organization,
            created_by=owner,
            title=title or f"テスト事業{n}",
            status=ApplicationStatus.ACCEPTED,
            receipt_number=f"2019-900-{n:04d}",
            submitted_at=timezone.now(),
            requested_amount=amount,
            total_cost=amount,
        )

    return make


@pytest.fixture
def make_reviewer(make_staff) -> Callable[[str], Any]:
    from junkan.accounts.models import Role

    def make(email: str) -> Any:
        user = make_staff(email, role=Role.REVIEWER)
        user.full_name = f"審査 {email.split('@')[0]}"
        user.save(update_fields=["full_name"])
        return user

    return make


@pytest.fixture
def reviewer(make_reviewer) -> Any:
    return make_reviewer("reviewer1@example.jp")


@pytest.fixture
def reviewer2(make_reviewer) -> Any:
    return make_reviewer("reviewer2@example.jp")


@pytest.fixture
def committee(review_call, staff) -> Any:
    from junkan.review import services

    return services.create_committee(staff, review_call, {"reviewers_per_application": 2})


@pytest.fixture
def members(committee, staff, reviewer, reviewer2) -> list[Any]:
    from junkan.review import services

    return [
        services.add_member(staff, committee, reviewer, {"affiliation": "○○大学 教授"}),
        services.add_member(staff, committee, reviewer2, {"affiliation": "△△研究所 主任研究員"}),
    ]


@pytest.fixture
def application(make_application) -> Any:
    return make_application()


@pytest.fixture
def assigned(committee, members, application, staff) -> Any:
    """The application assigned to both members by hand; returns the application."""
    from junkan.review import services

    services.save_manual_assignments(staff, committee, {(m.pk, application.pk) for m in members})
    return application


def assignment_of(member: Any, application: Any) -> Any:
    from junkan.review.models import Assignment

    return Assignment.objects.get(member=member, application=application)


def full_marks(application: Any, points: int, passed: bool = True, comment: str = "") -> dict[int, Any]:
    """A complete sheet: ``points`` on every scored criterion, 適 (or 否) on the pass/fail ones."""
    from junkan.review import analysis
    from junkan.review.services import MarkInput

    rows = analysis.load_criteria(application.program_id)[application.project_type.code].rows
    return {
        r.pk: MarkInput(passed=passed, comment=comment) if r.pass_fail else MarkInput(points=points)
        for r in rows
    }


def score(member: Any, application: Any, points: int, passed: bool = True) -> Any:
    """Declare no relationship and submit a complete sheet, as the member."""
    from junkan.review import services

    assignment = assignment_of(member, application)
    services.declare(member.user, assignment, "none", "")
    return services.save_sheet(
        member.user,
        assignment,
        full_marks(application, points, passed, "" if passed else "要件を満たしていない"),
        "総合所見",
        submit=True,
    )

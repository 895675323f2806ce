"""Fixtures of the grants tests: the two calls, accepted applications and projects at each stage.

Projects are made directly in the state a test needs (ORM only, no services), so that each area's tests
start where they need to; the services and views under test then drive them on. People:
``owner``/``member`` (root conftest) are members of the grantee 長野県飯田市; ``co_member`` belongs to an
accepted co-applicant; ``outsider`` belongs to nothing; ``staff`` is the secretariat (with TOTP).
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "programs" / "data"
TOKYO = ZoneInfo("Asia/Tokyo")

ADOPTED_ON = date(2019, 7, 1)
APPLIED_AT = datetime(2019, 7, 5, 10, 0, tzinfo=TOKYO)
DECIDED_ON = date(2019, 7, 10)
PLANNED_END = date(2020, 2, 29)
COMPLETED_ON = date(2020, 2, 20)
STAGES = ("adopted", "applied", "decided", "completed", "determined", "paid")


def _call(slug: str, source: str) -> Any:
    from junkan.programs.services import import_program

    data = copy.deepcopy(yaml.safe_load((PROGRAMS_DATA / f"{source}.yaml").read_text(encoding="utf-8")))
    data.update(slug=slug, published=True)
    return import_program(None, data).program


@pytest.fixture
def grant_call(db) -> Any:
    """A copy of the FY2019 call (seed 002): types 1 and 2 (F/S), 3 (協議会); completion report a–g / a–d."""
    return _call("grant-test-call", "fy2019-decarbonised-region-model")


@pytest.fixture
def ecotown_call(db) -> Any:
    """A copy of the FY2015 call (seed 003): FS調査書 or 事業化計画書, then four annual 事業報告書."""
    return _call("grant-test-ecotown", "fy2015-ecotown-low-carbon")


@pytest.fixture
def co_member(make_user) -> Any:
    return make_user("co@example.jp", full_name="共同 申請子")


@pytest.fixture
def co_org(co_member) -> Any:
    """長野県松本市, a co-applicant organization with ``co_member`` as its member."""
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization

    org = Organization.objects.create(
        kind="municipality", name="長野県松本市", municipality=Municipality.objects.get(code="202029")
    )
    Membership.objects.create(organization=org, user=co_member, role=MembershipRole.OWNER)
    return org


def schedule_reports_directly(project: Any, completed_on: date) -> None:
    """The reports the call's data says the project owes, due from ``completed_on`` (test data only)."""
    from junkan.grants.models import Report
    from junkan.programs.engine.deadlines import ReportSpec, schedule

    rules = list(project.project_type.report_rules.all())
    specs = [
        ReportSpec(r.code, r.kind, r.due_from, r.due_rule, r.due_params, r.due_text, r.name) for r in rules
    ]
    by_code = {r.code: r for r in rules}
    for item in schedule(specs, completed_on=completed_on, plan_made_on=project.plan_made_on):
        rule = by_code[item.report.code]
        Report.objects.create(
            project=project,
            rule_code=rule.code,
            kind=rule.kind,
            name=rule.name,
            contents=list(rule.contents),
            fiscal_year=item.due.fiscal_year if rule.kind == "annual" else None,
            period_start=item.due.period_start,
            period_end=item.due.period_end,
            due_on=item.due.due,
            due_text=rule.due_text,
        )


@pytest.fixture
def make_project(grant_call, organization, owner, co_org, staff) -> Callable[..., Any]:
    """A project of ``call`` (default: the FY2019 copy) at ``stage`` (one of STAGES), ORM only.

    decided: decision on 2019-07-10 for 9,000,000 yen (FY2019), plan version 1, reports scheduled from the
    planned end (2020-02-29); completed: completed on 2020-02-20, completion report submitted with one
    cost line of 8,500,000 yen; determined: 8,500,000 yen determined on 2020-03-25; paid: paid 2020-04-10."""
    from django.utils import timezone

    from junkan.applications.models import Application, ApplicationStatus, CoApplicant, CoApplicantStatus
    from junkan.grants.engine.retention import retain_until
    from junkan.grants.models import (
        AwardYear,
        CostLine,
        DecisionCheck,
        DecisionCheckItem,
        PlanVersion,
        Project,
        Report,
        ReportStatus,
    )

    counter = itertools.count(1)

    def make(stage: str = "adopted", call: Any = None, type_code: str = "1", title: str | None = None) -> Any:
        if stage not in STAGES:
            raise ValueError(stage)
        call = call or grant_call
        n = next(counter)
        project_type = call.project_types.get(code=type_code)
        application = Application.objects.create(
            program=call,
            project_type=project_type,
            organization=organization,
            created_by=owner,
            title=title or f"竜丘地区の再エネ地産地消の実現可能性調査（テスト{n}）",
            status=ApplicationStatus.ACCEPTED,
            receipt_number=f"{call.fiscal_year}-{call.pk}-{n:04d}",
            submitted_at=timezone.now(),
            requested_amount=9_000_000,
            total_cost=9_500_000,
        )
        CoApplicant.objects.create(
            application=application,
            organization=co_org,
            role="調査への協力",
            status=CoApplicantStatus.ACCEPTED,
            invited_by=owner,
        )
        project = Project.objects.create(
            application=application,
            program=call,
            project_type=project_type,
            organization=organization,
            title=application.title,
            adopted_on=ADOPTED_ON,
            adopted_amount=9_000_000,
        )
        index = STAGES.index(stage)
        if index >= 1:
            project.status = "applied"
            project.applied_at = APPLIED_AT
            project.applied_amount = 9_000_000
            project.planned_start_on = DECIDED_ON
            project.planned_end_on = PLANNED_END
            year = AwardYear.objects.create(project=project, fiscal_year=2019, applied_amount=9_000_000)
            # The examination before the decision is done (ア–ウ confirmed); test_oversight clears it.
            for item in DecisionCheckItem.values:
                DecisionCheck.objects.create(
                    award_year=year, item=item, checked_by=staff, checked_at=timezone.now()
                )
            PlanVersion.objects.create(
                project=project, number=1, sections={}, reason="交付申請", created_by=owner
            )
        if index >= 2:
            project.status = "decided"
            project.decided_on = DECIDED_ON
            project.decision_number = f"低炭素協第{n}号"
            project.decided_amount = 9_000_000
            AwardYear.objects.filter(project=project).update(decided_amount=9_000_000)
        if index >= 3:
            project.status = "completed"
            project.completed_on = COMPLETED_ON
            project.plan_made_on = COMPLETED_ON
            project.retain_until = retain_until(COMPLETED_ON)
        project.save()
        if index >= 2:
            schedule_reports_directly(project, project.completed_on or PLANNED_END)
        if index >= 3:
            report = project.reports.exclude(kind="annual").order_by("id").first()
            Report.objects.filter(pk=report.pk).update(
                status=ReportStatus.SUBMITTED,
                submitted_at=timezone.now(),
                submitted_by=owner,
                answers=dict.fromkeys(report.contents, "記入例"),
            )
            CostLine.objects.create(
                report=report,
                fiscal_year=2019,
                expense="業務費",
                item="委託料",
                description="実現可能性調査の委託",
                amount=8_500_000,
                paid_on=date(2020, 2, 25),
            )
        if index >= 4:
            project.status = "determined"
            project.determined_on = date(2020, 3, 25)
            project.determined_amount = 8_500_000
            Report.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
        if index >= 5:
            project.status = "paid"
            project.payment_requested_on = date(2020, 4, 1)
            project.paid_on = date(2020, 4, 10)
            project.paid_amount = 8_500_000
        project.save()
        return project

    return make


@pytest.fixture
def project(make_project) -> Any:
    """A project just adopted (交付申請前)."""
    return make_project("adopted")


@pytest.fixture
def decided_project(make_project) -> Any:
    return make_project("decided")

"""The grants demo: projects at every stage after adoption, made through the services; loading twice changes
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.grants import demo
from junkan.grants.models import (
    PlanChangeStatus,
    Project,
    ProjectStatus,
    ReportStatus,
    ReturnOrderStatus,
)
from junkan.programs.models import Program, ReportKind
from junkan.review.tests.test_demo import load as load_review

pytestmark = pytest.mark.django_db
PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "programs" / "data"


def load() -> list[tuple[str, str, str]]:
    load_review()
    if not Program.objects.filter(slug=demo.FY2015).exists():
        from junkan.programs.services import import_program

        import_program(
            None, yaml.safe_load((PROGRAMS_DATA / f"{demo.FY2015}.yaml").read_text(encoding="utf-8"))
        )
    return demo.load(lambda _: None)


def test_the_demo_has_a_project_at_each_stage(client_as) -> None:
    load()
    by_org = {p.organization.name: p for p in Project.objects.select_related("organization")}
    assert by_org["長野県飯田市"].status == ProjectStatus.DECIDED
    assert by_org["長野県飯田市"].info_requests.count() == 1
    in_progress = by_org["岡山県真庭市"]
    assert in_progress.status == ProjectStatus.DECIDED
    assert in_progress.plan_versions.count() == 2
    assert {c.status for c in in_progress.plan_changes.all()} == {
        PlanChangeStatus.APPROVED,
        PlanChangeStatus.REQUESTED,
    }
    assert any(c.ordered_on < in_progress.decided_on for c in in_progress.contracts.all())
    assert by_org["秋田県湯沢市"].status == ProjectStatus.COMPLETED
    paid = by_org["鹿児島県大崎町"]
    assert paid.status == ProjectStatus.PAID
    assert paid.paid_amount == paid.determined_amount <= paid.decided_amount
    cancelled = by_org["高知県梼原町"]
    assert cancelled.status == ProjectStatus.CANCELLED
    order = cancelled.return_orders.get()
    assert order.status == ReturnOrderStatus.ORDERED and order.payments.count() == 1
    follow_up = by_org["福岡県北九州市"]
    annual = {r.fiscal_year: r for r in follow_up.reports.filter(kind=ReportKind.ANNUAL)}
    assert set(annual) == {2015, 2016, 2017, 2018}
    below = annual[2016]
    assert below.status == ReportStatus.SUBMITTED
    assert (below.expected_t_co2 or 0) + (below.actual_t_co2 or 0) < follow_up.promised_t_co2
    assert below.cause_analysis
    # Its 事後評価 (FY2016) and, as a city, its 補助金調書.
    evaluation = follow_up.post_evaluation
    assert evaluation.achievement_percent is not None and evaluation.feedback_to_plan
    assert follow_up.organization.is_local_government and follow_up.decided_on is not None
    # Every step went through the services: the audit log has each project's moves.
    actions = set(AuditEntry.objects.filter(action__startswith="grants.").values_list("action", flat=True))
    assert {
        "grants.project.opened",
        "grants.project.grant_applied",
        "grants.project.decided",
        "grants.project.completed",
        "grants.project.determined",
        "grants.project.paid",
        "grants.project.cancelled",
        "grants.report.submitted",
        "grants.return_order.ordered",
    } <= actions
    # The secretariat's list opens with every project.
    from junkan.accounts.models import User

    staff = User.objects.get(email="secretariat@example.jp")
    body = client_as(staff).get(reverse("grants:index")).content.decode()
    assert all(p.title in body for p in by_org.values())


def test_loading_twice_changes_nothing() -> None:
    load()
    projects = Project.objects.count()
    entries = AuditEntry.objects.count()
    load()
    assert Project.objects.count() == projects
    assert AuditEntry.objects.count() == entries

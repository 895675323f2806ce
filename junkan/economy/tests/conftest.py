"""Fixtures of the economy tests: the demo table and account of an organization, and an analysis."""

from __future__ import annotations

import pytest

from junkan.economy import demo, services
from junkan.economy.models import Visibility


@pytest.fixture
def table(owner, organization):
    """The fictional 5-sector table, private to the organization (飯田市)."""
    return services.save_table(
        owner,
        demo.demo_model(),
        demo.TABLE_SETTINGS,
        organization=organization,
        visibility=Visibility.PRIVATE,
    )


@pytest.fixture
def account(owner, organization):
    """The fictional account 架空市 2018, private to the organization."""
    return services.save_account(
        owner,
        demo.ACCOUNT,
        demo.INDUSTRIES,
        organization=organization,
        visibility=Visibility.PRIVATE,
        is_fictional=True,
    )


@pytest.fixture
def analysis(owner, organization, table, account):
    return services.save_analysis(
        owner,
        organization,
        table,
        demo.ANALYSIS_DEMAND,
        title="チップボイラーの波及効果",
        visibility=Visibility.PRIVATE,
        account=account,
        demand_note=demo.DEMAND_NOTE,
    )


@pytest.fixture
def application(db, organization, owner):
    """An application of the organization to a copy of the FY2019 call, with a filled 様式3."""
    import copy
    from datetime import timedelta
    from pathlib import Path

    import yaml
    from django.utils import timezone

    from junkan.applications import services as application_services
    from junkan.applications.samples import fill
    from junkan.programs.services import import_program

    data = copy.deepcopy(
        yaml.safe_load(
            (
                Path(__file__).resolve().parents[2]
                / "programs"
                / "data"
                / "fy2019-decarbonised-region-model.yaml"
            ).read_text(encoding="utf-8")
        )
    )
    now = timezone.now()
    data.update(
        slug="economy-test-call",
        opens_at=(now - timedelta(days=3)).isoformat(),
        closes_at=(now + timedelta(days=10)).isoformat(),
        published=True,
        published_at=(now - timedelta(days=3)).isoformat(),
    )
    program = import_program(None, data).program
    started = application_services.start(
        owner, program, program.project_types.get(code="1"), organization, "竜丘地区の再エネ地産地消の調査"
    )
    return fill(owner, started, documents=False)

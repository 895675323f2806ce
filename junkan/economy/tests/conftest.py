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
    from junkan.economy.tests.helpers import make_application

    return make_application(owner, organization)

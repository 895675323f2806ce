from __future__ import annotations

import pytest


@pytest.fixture
def region(organization):
    """An approved region of 飯田市: its owner and member take part in the exchange."""
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        challenges="c",
        desired_future="d",
        backcasting="b",
        contact_name="環境 太郎",
        contact_email="kankyo@example.jp",
        status=RegistrationStatus.APPROVED,
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    return region


@pytest.fixture
def theme(db):
    from junkan.exchange.models import Theme

    return Theme.objects.create(slug="energy", title="地域エネルギー", description="再エネ")


@pytest.fixture
def topic(region, theme, owner, organization):
    from junkan.exchange import services

    return services.start_topic(owner, theme, organization, "question", "薪の調達", "燃料の確保について")


@pytest.fixture
def company_org(db):
    from junkan.organizations.models import Organization

    return Organization.objects.create(kind="company", name="他社（架空）")

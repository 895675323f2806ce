from __future__ import annotations

import secrets

import pytest
from django.utils import timezone

# Tasks run at once through the root conftest's autouse ``_immediate_tasks`` fixture.


@pytest.fixture
def make_subscriber(db):
    from junkan.newsletter.models import Subscriber, SubscriberStatus

    def make(email: str, status: str = SubscriberStatus.CONFIRMED) -> Subscriber:
        return Subscriber.objects.create(
            email=email,
            status=status,
            nonce=secrets.token_hex(16),
            confirmed_at=timezone.now() if status == SubscriberStatus.CONFIRMED else None,
        )

    return make


@pytest.fixture
def approved_region(organization):
    """An approved region of 飯田市 (members: owner@, member@) with its own contact address."""
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    return RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        challenges="森林の荒廃",
        desired_future="森が稼ぐ地域",
        backcasting="2030年まで",
        contact_name="環境 太郎",
        contact_email="Kankyo@Example.jp",
        status=RegistrationStatus.APPROVED,
    )


@pytest.fixture
def approved_company(make_user):
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import CompanyRegistration, Industry, RegistrationStatus

    org = Organization.objects.create(kind="company", name="株式会社テスト循環（架空）")
    Membership.objects.create(organization=org, user=make_user("sales@example.jp"), role=MembershipRole.OWNER)
    return CompanyRegistration.objects.create(
        organization=org,
        summary="木質バイオマス",
        industry=Industry.objects.get(code="33"),
        agreed_to_purpose=True,
        contact_name="営業 一郎",
        contact_email="contact@company.example.jp",
        status=RegistrationStatus.APPROVED,
    )

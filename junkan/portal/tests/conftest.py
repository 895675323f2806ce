from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The map's base layer is cached; every test starts without it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_region(organization) -> Callable[..., object]:
    """A practice region of the 飯田市 organization on the given municipality codes."""
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    def make(name: str, codes: list[str], status: str = RegistrationStatus.APPROVED) -> RegionRegistration:
        region = RegionRegistration.objects.create(
            organization=organization,
            name=name,
            status=status,
            challenges="人口減少",
            desired_future="森と水が地域で回る暮らし",
            backcasting="2030年までに地域の電力を地域で賄う",
            contact_name="環境 太郎",
            contact_email="kankyo@example.jp",
        )
        region.municipalities.set(Municipality.objects.filter(code__in=codes))
        return region

    return make


@pytest.fixture
def make_company(owner) -> Callable[..., object]:
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import CompanyRegistration, Industry, RegistrationStatus, Solution

    def make(name: str, status: str = RegistrationStatus.APPROVED) -> CompanyRegistration:
        org = Organization.objects.create(kind="company", name=name)
        Membership.objects.create(organization=org, user=owner, role=MembershipRole.OWNER)
        company = CompanyRegistration.objects.create(
            organization=org,
            status=status,
            summary="木質バイオマスの熱利用",
            industry=Industry.objects.get(code="33"),
            agreed_to_purpose=True,
            contact_name="営業 一郎",
            contact_email="sales@example.jp",
        )
        Solution.objects.create(
            registration=company, title=f"{name}の薪ボイラー", description="設計から保守まで"
        )
        return company

    return make


@pytest.fixture
def make_news() -> Callable[..., object]:
    from datetime import timedelta

    from django.utils import timezone

    from junkan.portal.models import News

    def make(title: str, *, published: bool = True, days_ago: float = 1, body: str = "本文です。") -> News:
        return News.objects.create(
            title=title,
            body=body,
            is_published=published,
            published_at=timezone.now() - timedelta(days=days_ago),
        )

    return make


@pytest.fixture
def people(owner, member, outsider, staff, organization):
    """Everyone a public page is tested as: anonymous, a member of an organization, an outsider, staff."""
    return {"anonymous": None, "owner": owner, "member": member, "outsider": outsider, "staff": staff}

from __future__ import annotations

import pytest


@pytest.fixture
def company_org(owner, member):
    """A fictional company with the same owner and member as the 飯田市 organization."""
    from junkan.organizations.models import Membership, MembershipRole, Organization

    org = Organization.objects.create(kind="company", name="株式会社テスト循環（架空）")
    Membership.objects.create(organization=org, user=owner, role=MembershipRole.OWNER)
    Membership.objects.create(organization=org, user=member, role=MembershipRole.MEMBER)
    return org


@pytest.fixture
def region(organization):
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import LocalResource, RegionRegistration, SdgGoal

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        challenges="人口減少と森林の荒廃",
        desired_future="森と水とエネルギーが地域で回る暮らし",
        backcasting="2030年までに公共施設へ地域の電力を供給する",
        contact_name="環境 太郎",
        contact_email="kankyo@example.jp",
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    region.resources.set(LocalResource.objects.filter(code__in=["energy", "forest"]))
    region.sdg_goals.set(SdgGoal.objects.filter(number__in=[7, 15]))
    return region


@pytest.fixture
def company(company_org):
    from junkan.registry.models import CompanyRegistration, Industry, LocalResource, SdgGoal, Solution

    company = CompanyRegistration.objects.create(
        organization=company_org,
        summary="木質バイオマスの熱利用",
        industry=Industry.objects.get(code="33"),
        agreed_to_purpose=True,
        contact_name="営業 一郎",
        contact_email="sales@example.jp",
    )
    solution = Solution.objects.create(
        registration=company, title="薪ボイラーの導入支援", description="設計から保守まで"
    )
    solution.resources.set(LocalResource.objects.filter(code="forest"))
    solution.sdg_goals.set(SdgGoal.objects.filter(number=7))
    return company

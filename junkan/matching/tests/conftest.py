from __future__ import annotations

import pytest


@pytest.fixture
def officer(make_user):
    return make_user("officer-test@example.jp", full_name="地域 担当")


@pytest.fixture
def seller(make_user):
    return make_user("seller-test@example.jp", full_name="企業 担当")


@pytest.fixture
def town(officer):
    """北海道下川町 with its officer, and its approved region."""
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import LocalResource, RegionRegistration, SdgGoal

    org = Organization.objects.create(
        kind="municipality", name="北海道下川町", municipality=Municipality.objects.get(code="014681")
    )
    Membership.objects.create(organization=org, user=officer, role=MembershipRole.OWNER)
    region = RegionRegistration.objects.create(
        organization=org,
        name="森林未来都市しもかわ",
        status="approved",
        challenges="エネルギー代金の域外流出。林業の担い手不足。",
        desired_future="森林で暮らしが回る町",
        backcasting="公共施設の熱を地域の木でまかなう",
        contact_name="下川 一郎",
        contact_email="town-contact@example.jp",
    )
    region.municipalities.set([Municipality.objects.get(code="014681")])
    region.resources.set(LocalResource.objects.filter(code__in=["forest", "energy"]))
    region.sdg_goals.set(SdgGoal.objects.filter(number__in=[7, 15]))
    return region


@pytest.fixture
def firm(seller, django_capture_on_commit_callbacks):
    """An approved company with a wood-chip boiler solution for 北海道 and a beach clean-up one."""
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import CompanyRegistration, Industry, LocalResource, Solution

    org = Organization.objects.create(kind="company", name="株式会社チップ熱（架空）")
    Membership.objects.create(organization=org, user=seller, role=MembershipRole.OWNER)
    company = CompanyRegistration.objects.create(
        organization=org,
        summary="木質チップボイラーの設計と運営",
        industry=Industry.objects.get(code="33"),
        agreed_to_purpose=True,
        contact_name="営業 次郎",
        contact_email="firm-contact@example.jp",
    )
    boiler = Solution.objects.create(
        registration=company,
        title="木質チップボイラーの導入と運営",
        description="公共施設の暖房を地域の間伐材のチップでまかないます。灯油代を地域に残します。",
    )
    boiler.resources.set(LocalResource.objects.filter(code="forest"))
    boiler.regions_served.set([Municipality.objects.get(code="010006")])  # 北海道
    beach = Solution.objects.create(
        registration=company,
        title="海岸漂着ごみの回収",
        description="ビーチクリーンと海洋プラスチックの再資源化",
    )
    beach.resources.set(LocalResource.objects.filter(code="sea"))
    company.status = "approved"
    with django_capture_on_commit_callbacks(execute=True):
        company.save()  # the profiles are written after the commit
    return company

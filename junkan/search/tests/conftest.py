"""Fixtures of the search tests: registrations taken through the real review flow, and case studies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def company_org(owner, member):
    from junkan.organizations.models import Membership, MembershipRole, Organization

    org = Organization.objects.create(
        kind="company", name="株式会社テスト循環（架空）", address="長野県長野市中御所1丁目"
    )
    Membership.objects.create(organization=org, user=owner, role=MembershipRole.OWNER)
    return org


@pytest.fixture
def make_region(organization) -> Callable[..., Any]:
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import LocalResource, RegionRegistration, SdgGoal

    def make(name: str = "南信州 地域循環共生圏", challenges: str = "森林の手入れ不足", **extra: Any) -> Any:
        region = RegionRegistration.objects.create(
            organization=organization,
            name=name,
            challenges=challenges,
            desired_future="森と水とエネルギーが地域で回る暮らし",
            backcasting="2030年までに公共施設の熱を地域の木で賄う",
            contact_name="環境 太郎",
            contact_email="kankyo@example.jp",
            **extra,
        )
        region.municipalities.set(Municipality.objects.filter(code__in=["202053", "204072"]))
        region.resources.set(LocalResource.objects.filter(code__in=["energy", "forest"]))
        region.sdg_goals.set(SdgGoal.objects.filter(number__in=[7, 15]))
        return region

    return make


@pytest.fixture
def make_company(company_org) -> Callable[..., Any]:
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import CompanyRegistration, Industry, LocalResource, SdgGoal, Solution

    def make(
        titles: tuple[str, ...] = ("薪ボイラーの導入支援",), description: str = "木質バイオマスの熱利用"
    ) -> Any:
        company = CompanyRegistration.objects.create(
            organization=company_org,
            summary="地域の森林資源をいかす熱供給",
            industry=Industry.objects.get(code="33"),
            agreed_to_purpose=True,
            contact_name="営業 一郎",
            contact_email="sales@example.jp",
        )
        for title in titles:
            solution = Solution.objects.create(registration=company, title=title, description=description)
            solution.resources.set(LocalResource.objects.filter(code="forest"))
            solution.sdg_goals.set(SdgGoal.objects.filter(number=7))
            solution.regions_served.set(Municipality.objects.filter(code="200000"))
        return company

    return make


@pytest.fixture
def approve(owner, staff) -> Callable[[Any], Any]:
    """Submit as the owner and approve as the secretariat, through the registry's services."""
    from junkan.registry import services

    def run(registration: Any) -> Any:
        services.submit(owner, registration)
        return services.approve(staff, registration)

    return run


@pytest.fixture
def make_case(db) -> Callable[..., Any]:
    from junkan.cases.models import CaseStudy
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import LocalResource, SdgGoal

    counter = iter(range(1, 10_000))

    def make(
        title: str = "木質バイオマスボイラーによる地域熱供給",
        actions: str = "間伐材をチップにして公共施設に熱を供給しました。",
        published: bool = True,
        codes: tuple[str, ...] = ("014681",),
        resources: tuple[str, ...] = ("forest",),
        goals: tuple[int, ...] = (7,),
        **extra: Any,
    ) -> Any:
        case = CaseStudy.objects.create(
            slug=f"case-{next(counter)}",
            title=title,
            summary=extra.pop("summary", "町の事例です。"),
            actions=actions,
            published=published,
            **extra,
        )
        case.municipalities.set(Municipality.objects.filter(code__in=codes))
        case.resources.set(LocalResource.objects.filter(code__in=resources))
        case.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
        return case

    return make

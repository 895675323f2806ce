"""Demo registrations: approved regions on real municipalities (descriptions are illustrative, not official)
and a fictional company with two solutions. Needs the organizations demo, which loads first."""

from __future__ import annotations

from collections.abc import Callable

from junkan.municipalities.models import Municipality
from junkan.organizations.models import Organization
from junkan.registry.models import (
    CompanyRegistration,
    Industry,
    LocalResource,
    RegionRegistration,
    RegistrationStatus,
    SdgGoal,
    Solution,
)

NOTE = "（デモ用の架空の記載です）"

# organization, region name, municipality codes, resources, goals, challenges, future, path
REGIONS = [
    (
        "長野県飯田市",
        "南信州 地域循環共生圏（デモ）",
        ["202053"],
        ["energy", "forest", "people"],
        [7, 11, 13, 15],
        "森林の手入れ不足と若い世代の流出",
        "地域の森と太陽の恵みでエネルギーと仕事が地域の中で回る暮らし",
        "2030年までに公共施設の電力と熱を地域の再生可能エネルギーで賄い、担い手を育てる",
    ),
    (
        "北海道下川町",
        "森林未来都市しもかわ（デモ）",
        ["014681"],
        ["forest", "energy", "culture"],
        [7, 8, 15],
        "人口減少と高齢化、林業の担い手不足",
        "循環型の森林経営で、誰もが豊かに暮らせる町",
        "木質バイオマスの熱供給を全地区に広げ、森林資源を余さず使う産業をつくる",
    ),
]

COMPANY = "株式会社みどり循環エナジー（架空）"
SOLUTIONS = [
    ("木質バイオマス熱供給の導入支援", "エネルギー", ["forest", "energy"], [7, 13, 15], ["200000", "010006"]),
    ("営農型太陽光発電の共同事業化", "エネルギー・農業", ["energy", "food"], [2, 7], []),
]


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    approved = RegistrationStatus.APPROVED
    for org_name, name, codes, resources, goals, challenges, future, path in REGIONS:
        organization = Organization.objects.filter(name=org_name).first()
        if organization is None:
            continue
        region, created = RegionRegistration.objects.get_or_create(
            organization=organization,
            name=name,
            defaults={
                "status": approved,
                "challenges": challenges + NOTE,
                "desired_future": future,
                "backcasting": path,
                "contact_name": "環境政策担当（デモ）",
                "contact_email": "officer@example.jp",
            },
        )
        if created:
            region.municipalities.set(Municipality.objects.filter(code__in=codes))
            region.resources.set(LocalResource.objects.filter(code__in=resources))
            region.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
    organization = Organization.objects.filter(name=COMPANY).first()
    if organization is not None:
        company, created = CompanyRegistration.objects.get_or_create(
            organization=organization,
            defaults={
                "status": approved,
                "summary": "地域の再生可能エネルギー事業を地域の事業者と共同でつくる架空の会社です。" + NOTE,
                "industry": Industry.objects.get(code="33"),
                "agreed_to_purpose": True,
                "contact_name": "地域エネルギー事業部（架空）",
                "contact_email": "company@example.jp",
            },
        )
        if created:
            for title, fields, resources, goals, codes in SOLUTIONS:
                solution = Solution.objects.create(
                    registration=company, title=title, description=title + NOTE, fields=fields
                )
                solution.resources.set(LocalResource.objects.filter(code__in=resources))
                solution.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
                solution.regions_served.set(Municipality.objects.filter(code__in=codes))
    log(f"registry: {len(REGIONS)} demo regions, 1 fictional company with {len(SOLUTIONS)} solutions")
    return []

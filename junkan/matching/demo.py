"""Demo matching: profiles for the demo companies' solutions, two collaboration requests in different
states and one matching event with the pairs that met there. Idempotent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from junkan.accounts.demo import demo_user
from junkan.matching import services
from junkan.matching.models import CollaborationRequest, MatchingEvent, Mediation, Origin
from junkan.organizations.models import Organization
from junkan.registry.models import RegionRegistration, Solution

EVENT = "ビジネスマッチング会 北海道・東北（デモ）"


def _organization(name: str) -> Organization | None:
    return Organization.objects.filter(name=name).first()


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    profiles = services.rebuild_profiles()
    secretariat = demo_user("secretariat@example.jp")
    officer = demo_user("officer@example.jp")
    company_person = demo_user("company@example.jp")
    iida = _organization("長野県飯田市")
    midori = _organization("株式会社みどり循環エナジー（架空）")
    kouryoku = _organization("合同会社しずく小水力（架空）")
    made = 0
    if (
        iida
        and kouryoku
        and not CollaborationRequest.objects.filter(requester=iida, recipient=kouryoku).exists()
    ):
        solution = Solution.objects.filter(registration__organization=kouryoku).order_by("id").first()
        region = RegionRegistration.objects.filter(organization=iida).first()
        request = services.ask(
            officer,
            iida,
            kouryoku,
            "市内の農業用水路で小水力発電ができないか、可能性を伺いたいです。（デモ）",
            region=region,
            solution=solution,
            origin=Origin.SUGGESTION,
        )
        kouryoku_owner = kouryoku.memberships.select_related("user").first()
        services.move(kouryoku_owner.user if kouryoku_owner else None, request, "accept")
        services.move(secretariat, request, "introduce", mediation=Mediation.ONLINE)
        made += 1
    if midori and iida and not CollaborationRequest.objects.filter(requester=midori, recipient=iida).exists():
        solution = Solution.objects.filter(registration__organization=midori).order_by("id").first()
        services.ask(
            company_person,
            midori,
            iida,
            "営農型太陽光の共同事業化について、市内の農業者の方をご紹介いただけないでしょうか。（デモ）",
            region=RegionRegistration.objects.filter(organization=iida).first(),
            solution=solution,
            origin=Origin.SUGGESTION,
        )
        made += 1
    event = MatchingEvent.objects.filter(title=EVENT).first()
    if event is None:
        event = services.add_event(
            secretariat,
            EVENT,
            date(2026, 11, 20),
            Mediation.OFFLINE,
            "札幌市（デモ）",
            "デモ用の架空の開催記録です。",
        )
        for region_name, company_name in (
            ("北海道下川町", "株式会社もりのわ木材（架空）"),
            ("北海道下川町", "株式会社みどり循環エナジー（架空）"),
        ):
            region_org, company_org = _organization(region_name), _organization(company_name)
            if region_org and company_org:
                services.add_pair(secretariat, event, region_org, company_org)
    log(f"matching: {profiles} solution profiles, {made} new collaboration requests, event 「{EVENT}」")
    return []

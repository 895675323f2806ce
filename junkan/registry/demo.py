"""Demo registrations: about forty practice regions on real municipalities (what they say is written for
the demo and says so) and a dozen fictional companies with their solutions; the data is in ``demo_data``.

Everything goes through the registry's services, so every step is audited as in real use: the region's
or company's people create and submit it, the secretariat approves or refuses it. Each registration is
made once; one that exists (whatever its state now) is left as it is, so loading twice changes nothing.
Needs the accounts and organizations demos, which load first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from allauth.account.models import EmailAddress

from junkan.accounts.demo import DEMO_PASSWORD, demo_user
from junkan.accounts.models import User
from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.organizations import services as organization_services
from junkan.organizations.models import Membership, MembershipRole, Organization, OrganizationKind
from junkan.registry import services
from junkan.registry.demo_data import COMPANIES, NOTE, REGIONS, Company, Region
from junkan.registry.models import (
    CompanyRegistration,
    Industry,
    LocalResource,
    RegionRegistration,
    RegistrationStatus,
    SdgGoal,
)

S = RegistrationStatus
# email, name, kana, description: the people who act for the demo organizations made here.
REGIONS_PERSON = ("regions@example.jp", "地域 連携（デモ）", "ちいき れんけい", "デモの実践地域の担当者")
COMPANIES_PERSON = (
    "companies@example.jp",
    "企業 連携（デモ）",
    "きぎょう れんけい",
    "デモの架空企業の担当者",
)


def _person(email: str, name: str, kana: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "full_name_kana": kana}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _owner(organization: Organization) -> User | None:
    membership = (
        Membership.objects.filter(organization=organization, role=MembershipRole.OWNER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _places() -> dict[str, Municipality]:
    """The master entries the data names, by full name (official entries only: unions have no code)."""
    names = {name for spec in REGIONS for name in (spec.registrant, *spec.areas)}
    names |= {name for spec in COMPANIES for solution in spec.solutions for name in solution.served}
    found = {m.full_name: m for m in Municipality.objects.filter(full_name__in=names, code__isnull=False)}
    missing = names - set(found)
    if missing:
        raise LookupError(f"registry demo: not in the municipality master: {sorted(missing)}")
    return found


def _settle(
    owner: User, secretariat: User, registration: services.Registration, status: str, reason: str
) -> None:
    """Take a new draft to ``status`` the way people do: submit, then the secretariat decides."""
    if status == S.DRAFT:
        return
    services.submit(owner, registration)
    if status == S.APPROVED:
        services.approve(secretariat, registration)
    elif status == S.REFUSED:
        services.refuse(secretariat, registration, reason)


def _region_organization(spec: Region, person: User, places: dict[str, Municipality]) -> Organization | None:
    if spec.organization:  # one of the organizations demo's; not made here
        return Organization.objects.filter(name=spec.organization).first()
    name = f"（デモ）{spec.registrant}"
    organization = Organization.objects.filter(name=name).first()
    if organization is None:
        government = places[spec.registrant]
        kind = (
            OrganizationKind.PREFECTURE
            if government.kind == MunicipalityKind.PREFECTURE
            else OrganizationKind.MUNICIPALITY
        )
        organization = organization_services.create_organization(
            person,
            {"kind": kind, "name": name, "municipality": government, "name_kana": f"でも {government.kana}"},
        )
    return organization


def _load_regions(person: User, secretariat: User, places: dict[str, Municipality]) -> int:
    resources = {r.code: r.pk for r in LocalResource.objects.all()}
    goals = {g.number: g.pk for g in SdgGoal.objects.all()}
    made = 0
    for spec in REGIONS:
        organization = _region_organization(spec, person, places)
        owner = _owner(organization) if organization else None
        if (
            owner is None
            or RegionRegistration.objects.filter(organization=organization, name=spec.name).exists()
        ):
            continue
        data = {
            "name": spec.name,
            "resources_note": spec.note,
            "challenges": spec.challenges,
            "desired_future": spec.future,
            "backcasting": spec.path + NOTE,
            "stakeholders": spec.stakeholders,
            "contact_name": f"{spec.department} 担当（デモ）",
            "contact_email": f"{spec.contact}@example.jp",
        }
        m2m = {
            "municipalities": [places[name].pk for name in spec.areas],
            "resources": [resources[code] for code in spec.resources],
            "sdg_goals": [goals[number] for number in spec.goals],
        }
        region = services.save_region(owner, organization, data, m2m)
        _settle(owner, secretariat, region, spec.status, spec.reason)
        made += 1
    return made


def _company_organization(spec: Company, person: User) -> Organization | None:
    organization = Organization.objects.filter(name=spec.name).first()
    if organization is None and not spec.existing:
        organization = organization_services.create_organization(
            person, {"kind": spec.kind, "name": spec.name, "address": spec.address}
        )
    return organization


def _pks(places: dict[str, Municipality], names: Iterable[str]) -> list[int]:
    return [places[name].pk for name in names]


def _load_companies(person: User, secretariat: User, places: dict[str, Municipality]) -> int:
    resources = {r.code: r.pk for r in LocalResource.objects.all()}
    goals = {g.number: g.pk for g in SdgGoal.objects.all()}
    industries = {i.code: i for i in Industry.objects.all()}
    made = 0
    for spec in COMPANIES:
        organization = _company_organization(spec, person)
        owner = _owner(organization) if organization else None
        if owner is None or CompanyRegistration.objects.filter(organization=organization).exists():
            continue
        company = services.save_company(
            owner,
            organization,
            {
                "summary": spec.summary + NOTE,
                "industry": industries[spec.industry],
                "agreed_to_purpose": True,
                "contact_name": f"{spec.department} 担当（架空）",
                "contact_email": f"{spec.contact}@example.jp",
            },
        )
        for solution in spec.solutions:
            services.save_solution(
                owner,
                company,
                {
                    "title": solution.title,
                    "description": solution.description + NOTE,
                    "fields": solution.fields,
                    "track_record": solution.track_record,
                },
                {
                    "resources": [resources[code] for code in solution.resources],
                    "sdg_goals": [goals[number] for number in solution.goals],
                    "regions_served": _pks(places, solution.served),
                },
            )
        _settle(owner, secretariat, company, spec.status, spec.reason)
        made += 1
    return made


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    secretariat = demo_user("secretariat@example.jp")
    regions_person = _person(*REGIONS_PERSON[:3])
    companies_person = _person(*COMPANIES_PERSON[:3])
    places = _places()
    regions = _load_regions(regions_person, secretariat, places)
    companies = _load_companies(companies_person, secretariat, places)
    solutions = sum(len(spec.solutions) for spec in COMPANIES)
    log(
        f"registry: {len(REGIONS)} demo regions ({regions} new), "
        f"{len(COMPANIES)} fictional companies with {solutions} solutions ({companies} new)"
    )
    return [
        (REGIONS_PERSON[0], DEMO_PASSWORD, REGIONS_PERSON[3]),
        (COMPANIES_PERSON[0], DEMO_PASSWORD, COMPANIES_PERSON[3]),
    ]

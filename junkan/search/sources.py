"""What each kind of public object puts into the search index.

One function per kind turns objects into ``Entry`` values; each ``public_*`` queryset is the only
place that decides what is public: published case studies and guides, approved practice regions,
organizations with an approved registration, and the solutions of approved company registrations.
Querysets prefetch what the entries read, so indexing N objects takes a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from junkan.cases import markup
from junkan.cases.models import CaseStudy, Guide
from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.organizations.models import Organization
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus, Solution
from junkan.search.models import DocumentKind

APPROVED = RegistrationStatus.APPROVED
SUMMARY_CHARS = 200


@dataclass
class Entry:
    """One search document before analysis."""

    kind: str
    object_id: int
    title: str
    url: str
    summary: str
    text: str
    prefectures: set[str] = field(default_factory=set)
    resources: set[str] = field(default_factory=set)
    goals: set[int] = field(default_factory=set)


def _join(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _short(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _prefecture_of(municipality: Municipality) -> str | None:
    """The two-digit prefecture number of a master row (a union's from its prefecture)."""
    if municipality.code:
        return municipality.code[:2]
    if municipality.prefecture_id is not None and municipality.prefecture.code:
        return municipality.prefecture.code[:2]
    return None


def _prefectures(municipalities: Iterable[Municipality]) -> set[str]:
    return {code for code in (_prefecture_of(m) for m in municipalities) if code}


def _names(items: Iterable[object], attribute: str = "name") -> str:
    return "、".join(getattr(item, attribute) for item in items)


_MUNICIPALITIES = Prefetch("municipalities", queryset=Municipality.objects.select_related("prefecture"))


# Case studies and guides --------------------------------------------------------------------------


def public_cases() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.published().prefetch_related(
        _MUNICIPALITIES, "themes", "resources", "sdg_goals", "outcomes"
    )


def case_entry(case: CaseStudy) -> Entry:
    municipalities = list(case.municipalities.all())
    outcomes = "\n".join(f"{o.label} {o.value.normalize():f}{o.unit} {o.note}" for o in case.outcomes.all())
    return Entry(
        kind=DocumentKind.CASE,
        object_id=case.pk,
        title=case.title,
        url=case.get_absolute_url(),
        summary=_short(case.summary),
        text=_join(
            case.summary,
            case.region_label,
            _names(municipalities, "full_name"),
            _names(case.themes.all()),
            _names(case.resources.all()),
            markup.plain_text(case.background),
            markup.plain_text(case.actions),
            outcomes,
            markup.plain_text(case.outcomes_note),
            markup.plain_text(case.funding),
            markup.plain_text(case.stakeholders),
        ),
        prefectures=_prefectures(municipalities),
        resources={r.code for r in case.resources.all()},
        goals={g.number for g in case.sdg_goals.all()},
    )


def public_guides() -> QuerySet[Guide]:
    return Guide.objects.published()


def guide_entry(guide: Guide) -> Entry:
    return Entry(
        kind=DocumentKind.GUIDE,
        object_id=guide.pk,
        title=guide.title,
        url=guide.get_absolute_url(),
        summary=_short(guide.summary),
        text=_join(guide.summary, guide.get_category_display(), markup.plain_text(guide.body)),
    )


# Registry ---------------------------------------------------------------------------------------


def public_regions() -> QuerySet[RegionRegistration]:
    return (
        RegionRegistration.objects.filter(status=APPROVED)
        .select_related("organization", "partner_government")
        .prefetch_related(_MUNICIPALITIES, "resources", "sdg_goals")
    )


def region_entry(region: RegionRegistration) -> Entry:
    municipalities = list(region.municipalities.all())
    return Entry(
        kind=DocumentKind.REGION,
        object_id=region.pk,
        title=region.name,
        url=reverse("registry:region", args=[region.pk]),
        summary=_short(_join(_names(municipalities, "full_name"), region.desired_future)),
        text=_join(
            region.organization.name,
            region.partner_government.full_name if region.partner_government else "",
            _names(municipalities, "full_name"),
            _names(region.resources.all()),
            region.resources_note,
            region.challenges,
            region.desired_future,
            region.backcasting,
            region.stakeholders,
        ),
        prefectures=_prefectures(municipalities),
        resources={r.code for r in region.resources.all()},
        goals={g.number for g in region.sdg_goals.all()},
    )


_PUBLIC_SOLUTIONS = Solution.objects.prefetch_related(
    "resources",
    "sdg_goals",
    Prefetch("regions_served", queryset=Municipality.objects.select_related("prefecture")),
)


def public_organizations() -> QuerySet[Organization]:
    """Organizations with at least one approved registration (region or company)."""
    return Organization.objects.filter(
        Q(pk__in=RegionRegistration.objects.filter(status=APPROVED).values("organization"))
        | Q(pk__in=CompanyRegistration.objects.filter(status=APPROVED).values("organization"))
    ).select_related("municipality", "municipality__prefecture")


def _by_organization(queryset: QuerySet, ids: list[int] | None) -> dict[int, list]:
    if ids is not None:
        queryset = queryset.filter(organization_id__in=ids)
    grouped: dict[int, list] = {}
    for row in queryset:
        grouped.setdefault(row.organization_id, []).append(row)
    return grouped


def organization_entries(ids: list[int] | None) -> Iterator[Entry]:
    """Organizations read with their approved registrations in three queries (plus prefetches)."""
    organizations = public_organizations()
    if ids is not None:
        organizations = organizations.filter(pk__in=ids)
    organizations = list(organizations)
    if not organizations:
        return
    regions = _by_organization(
        RegionRegistration.objects.filter(status=APPROVED)
        .order_by("pk")
        .prefetch_related("resources", "sdg_goals"),
        ids,
    )
    companies = _by_organization(
        CompanyRegistration.objects.filter(status=APPROVED)
        .order_by("pk")
        .select_related("industry", "industry__parent")
        .prefetch_related(Prefetch("solutions", queryset=_PUBLIC_SOLUTIONS)),
        ids,
    )
    names = _prefecture_names()
    for organization in organizations:
        entry = organization_entry(
            organization, regions.get(organization.pk, []), companies.get(organization.pk, []), names
        )
        if entry is not None:
            yield entry


def _prefecture_in_address(address: str, names: dict[str, str]) -> str | None:
    for name, code in names.items():
        if address.startswith(name):
            return code
    return None


def organization_entry(
    organization: Organization,
    regions: list[RegionRegistration],
    companies: list[CompanyRegistration],
    prefecture_names: dict[str, str],
) -> Entry | None:
    if not regions and not companies:
        return None
    solutions = [s for company in companies for s in company.solutions.all()]
    if companies:
        url = reverse("registry:company", args=[companies[0].pk])
    else:
        url = reverse("registry:region", args=[regions[0].pk])
    prefectures: set[str] = set()
    if organization.municipality is not None:
        prefectures = _prefectures([organization.municipality])
    elif organization.address:
        code = _prefecture_in_address(organization.address, prefecture_names)
        prefectures = {code} if code else set()
    industries = [
        f"{c.industry.parent.name if c.industry.parent else ''} {c.industry.name}" for c in companies
    ]
    return Entry(
        kind=DocumentKind.ORGANIZATION,
        object_id=organization.pk,
        title=organization.name,
        url=url,
        summary=_short(
            _join(organization.get_kind_display(), organization.address, *(c.summary for c in companies))
        ),
        text=_join(
            organization.get_kind_display(),
            organization.name_kana,
            organization.address,
            organization.municipality.full_name if organization.municipality else "",
            *industries,
            *(c.summary for c in companies),
            *(r.name for r in regions),
            *(s.title for s in solutions),
        ),
        prefectures=prefectures,
        resources={r.code for x in [*regions, *solutions] for r in x.resources.all()},
        goals={g.number for x in [*regions, *solutions] for g in x.sdg_goals.all()},
    )


def public_solutions() -> QuerySet[Solution]:
    return (
        _PUBLIC_SOLUTIONS.filter(registration__status=APPROVED)
        .select_related("registration", "registration__organization")
        .order_by("pk")
    )


def solution_entry(solution: Solution) -> Entry:
    served = list(solution.regions_served.all())
    organization = solution.registration.organization
    return Entry(
        kind=DocumentKind.SOLUTION,
        object_id=solution.pk,
        title=solution.title,
        url=reverse("registry:company", args=[solution.registration_id]) + f"#solution-{solution.pk}",
        summary=_short(_join(organization.name, solution.description)),
        text=_join(
            organization.name,
            solution.description,
            solution.fields,
            _names(solution.resources.all()),
            _names(served, "full_name"),
            solution.track_record,
        ),
        prefectures=_prefectures(served),
        resources={r.code for r in solution.resources.all()},
        goals={g.number for g in solution.sdg_goals.all()},
    )


# Dispatch ---------------------------------------------------------------------------------------


def _prefecture_names() -> dict[str, str]:
    rows = Municipality.objects.filter(kind=MunicipalityKind.PREFECTURE).values_list("name", "code")
    return {name: code[:2] for name, code in rows if code}


def entries(kind: str, ids: Iterable[int] | None = None) -> Iterator[Entry]:
    """The entries of the public objects of ``kind`` (only those in ``ids`` when given)."""
    querysets: dict[str, Callable[[], QuerySet]] = {
        DocumentKind.CASE: public_cases,
        DocumentKind.GUIDE: public_guides,
        DocumentKind.REGION: public_regions,
        DocumentKind.SOLUTION: public_solutions,
    }
    wanted = None if ids is None else list(ids)
    if kind == DocumentKind.ORGANIZATION:
        yield from organization_entries(wanted)
        return
    queryset = querysets[kind]()
    if wanted is not None:
        queryset = queryset.filter(pk__in=wanted)
    build: dict[str, Callable[[object], Entry]] = {
        DocumentKind.CASE: case_entry,  # type: ignore[dict-item]
        DocumentKind.GUIDE: guide_entry,  # type: ignore[dict-item]
        DocumentKind.REGION: region_entry,  # type: ignore[dict-item]
        DocumentKind.SOLUTION: solution_entry,  # type: ignore[dict-item]
    }
    for obj in queryset.iterator(chunk_size=500) if wanted is None else queryset:
        yield build[kind](obj)

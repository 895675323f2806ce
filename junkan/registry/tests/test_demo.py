import pytest

from junkan.accounts import demo as accounts_demo
from junkan.audit.models import AuditEntry
from junkan.organizations import demo as organizations_demo
from junkan.organizations.models import Organization
from junkan.registry import demo
from junkan.registry.demo_data import COMPANIES, NOTE, REGIONS
from junkan.registry.models import CompanyRegistration, RegionRegistration, Solution
from junkan.search.models import DocumentKind, SearchDocument

pytestmark = pytest.mark.django_db

# Prefecture numbers of the eight regional blocks of Japan.
BLOCKS = {
    "北海道": {1},
    "東北": set(range(2, 8)),
    "関東": set(range(8, 15)),
    "中部": set(range(15, 24)),
    "近畿": set(range(24, 31)),
    "中国": set(range(31, 36)),
    "四国": set(range(36, 40)),
    "九州・沖縄": set(range(40, 48)),
}


def load() -> list[tuple[str, str, str]]:
    accounts_demo.load(lambda _: None)
    organizations_demo.load(lambda _: None)
    return demo.load(lambda _: None)


def state() -> dict[str, object]:
    return {
        "regions": sorted(RegionRegistration.objects.values_list("pk", "status", "updated_at")),
        "companies": sorted(CompanyRegistration.objects.values_list("pk", "status", "updated_at")),
        "solutions": sorted(Solution.objects.values_list("pk", "registration_id", "title")),
        "organizations": Organization.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_demo_is_idempotent():
    logins = load()
    first = state()
    assert load() == logins
    assert state() == first
    assert {email for email, _, _ in logins} == {"regions@example.jp", "companies@example.jp"}
    assert_counts_and_statuses()
    assert_audited_and_indexed()


def assert_counts_and_statuses() -> None:
    regions = RegionRegistration.objects
    assert regions.count() == len(REGIONS) >= 40
    assert regions.filter(status="approved").count() == 37
    assert regions.filter(status="submitted").count() == 3
    assert regions.filter(status="refused").count() == 2
    companies = CompanyRegistration.objects
    assert companies.count() == len(COMPANIES) == 13
    assert companies.filter(status="approved").count() == 11
    assert companies.filter(status="submitted").count() == 1
    assert companies.filter(status="refused").count() == 1
    assert Solution.objects.count() == 25
    assert all(1 <= c.solutions.count() <= 3 for c in companies.all())


def test_demo_regions_are_spread_over_japan_and_everything_is_marked_as_demo_or_fictional():
    load()
    numbers = set()
    multi = []
    for region in RegionRegistration.objects.prefetch_related("municipalities", "sdg_goals", "resources"):
        places = list(region.municipalities.all())
        prefectures = {int(m.code[:2]) for m in places}
        numbers |= prefectures
        if len(places) > 1:
            multi.append(len(prefectures))
        assert region.name.endswith("（デモ）")
        assert NOTE in region.backcasting  # the concept sheet says it is demo content
        assert region.desired_future and region.challenges and region.stakeholders
        assert region.sdg_goals.exists() and region.resources.exists()
        assert region.contact_email.endswith("@example.jp")
        assert region.organization.municipality_id is not None
        if region.organization.name not in ("長野県飯田市", "北海道下川町"):
            assert region.organization.name.startswith("（デモ）")
        if region.status == "refused":
            assert region.decision_reason
    assert all(numbers & block for block in BLOCKS.values())
    assert len(multi) >= 3 and max(multi) >= 2  # several span municipalities, one crosses prefectures
    assert RegionRegistration.objects.filter(organization__kind="prefecture").exists()
    for company in CompanyRegistration.objects.select_related("organization"):
        assert company.organization.name.endswith("（架空）")
        assert company.agreed_to_purpose and NOTE in company.summary
        assert company.contact_email.endswith("@example.jp")
    assert all(NOTE in s.description for s in Solution.objects.all())


def assert_audited_and_indexed() -> None:
    """The demo went through the audited services, and approval indexed the public registrations only."""
    approved = RegionRegistration.objects.filter(status="approved")
    actions = {
        "registry.region.created": len(REGIONS),
        "registry.region.submitted": len(REGIONS),
        "registry.region.approved": approved.count(),
    }
    for action, count in actions.items():
        assert AuditEntry.objects.filter(action=action).count() == count
    assert AuditEntry.objects.filter(action="registry.region.refused").count() == 2
    assert AuditEntry.objects.filter(action="registry.company.approved").count() == 11
    assert AuditEntry.objects.filter(action="registry.solution.created").count() == 25
    indexed = set(SearchDocument.objects.filter(kind=DocumentKind.REGION).values_list("object_id", flat=True))
    assert indexed == set(approved.values_list("pk", flat=True))
    public_solutions = Solution.objects.filter(registration__status="approved")
    assert set(
        SearchDocument.objects.filter(kind=DocumentKind.SOLUTION).values_list("object_id", flat=True)
    ) == set(public_solutions.values_list("pk", flat=True))

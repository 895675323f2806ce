from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.localbiz import services
from junkan.localbiz.models import Claim, ClaimStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(owner, member):
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import CompanyRegistration, Industry, RegistrationStatus, Solution

    org = Organization.objects.create(kind="company", name="株式会社テスト循環（架空）")
    Membership.objects.create(organization=org, user=owner, role=MembershipRole.OWNER)
    company = CompanyRegistration.objects.create(
        organization=org,
        summary="木質バイオマス",
        industry=Industry.objects.get(code="33"),
        agreed_to_purpose=True,
        contact_name="営業",
        contact_email="sales@example.jp",
        status=RegistrationStatus.APPROVED,
    )
    Solution.objects.create(
        registration=company, title="薪ボイラーの導入支援", description="設計から保守まで"
    )
    return company


def _form(**ticks):
    data = {}
    for n, text in ticks.items():
        data[f"meets_{n[1]}"] = "on"
        data[f"how_{n[1]}"] = text
    return data


def test_declare_confirm_and_filter(client_as, company, owner, outsider, staff):
    solution = company.solutions.get()
    url = reverse("localbiz:solution", args=[solution.pk])
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(None).get(url).status_code == 302
    assert client_as(staff).post(url, _form(c1="x")).status_code == 403
    client_as(owner).post(url, _form(c1="地域の森の木を地域で使う"))
    claim = Claim.objects.get()
    assert claim.status == ClaimStatus.DECLARED
    directory = reverse("registry:companies")
    assert company.organization.name not in client_as(None).get(directory, {"localbiz": 1}).text
    assert (
        "ローカルSDGsビジネス①"
        not in client_as(None).get(reverse("registry:company", args=[company.pk])).text
    )
    assert client_as(owner).post(reverse("localbiz:decide", args=[claim.pk, "confirm"])).status_code == 404
    client_as(staff).post(reverse("localbiz:decide", args=[claim.pk, "confirm"]))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert company.organization.name in client_as(None).get(directory, {"localbiz": 1}).text
    assert company.organization.name not in client_as(None).get(directory, {"localbiz": 2}).text
    assert "ローカルSDGsビジネス①" in client_as(None).get(reverse("registry:company", args=[company.pk])).text
    assert AuditEntry.objects.filter(action="localbiz.claim.confirmed").exists()
    # a changed explanation needs a new confirmation
    client_as(owner).post(url, _form(c1="説明を書き換えた"))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DECLARED
    assert company.organization.name not in client_as(None).get(directory, {"localbiz": 1}).text


def test_a_ticked_criterion_needs_an_explanation(client_as, company, owner):
    solution = company.solutions.get()
    response = client_as(owner).post(reverse("localbiz:solution", args=[solution.pk]), _form(c2=""))
    assert response.status_code == 200
    assert not Claim.objects.exists()


def test_return_needs_a_reason(company, owner, staff):
    from django.core.exceptions import ValidationError

    claim = services.declare(owner, company.solutions.get(), {3: "説明"})[0]
    with pytest.raises(ValidationError):
        services.decide(staff, claim, False, "")
    services.decide(staff, claim, False, "具体的に書いてください")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED and claim.return_reason


def test_case_studies_are_declared_and_confirmed_by_the_secretariat(client_as, staff, owner):
    from junkan.cases.models import CaseStudy

    case = CaseStudy.objects.create(
        slug="test-case", title="小水力の事例（テスト）", summary="概要", actions="取組", published=True
    )
    url = reverse("localbiz:case", args=[case.slug])
    assert client_as(owner).get(url).status_code == 404
    client_as(staff).post(url, _form(c2="都市と農村の連携"))
    assert Claim.objects.get(case_study=case).status == ClaimStatus.CONFIRMED
    listing = client_as(None).get(reverse("cases:list"), {"localbiz": 2}).text
    assert case.title in listing
    assert case.title not in client_as(None).get(reverse("cases:list"), {"localbiz": 1}).text

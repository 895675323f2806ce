"""The profiles' public body is cached per generation (registry, regional support), registration and
kind of viewer: a change shows on the very next request, and nothing per person is shared."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.hubs.models import Hub
from junkan.localbiz.models import Claim, ClaimStatus
from junkan.municipalities.models import Municipality
from junkan.registry.models import LocalResource, RegistrationStatus

pytestmark = pytest.mark.django_db


def _approve(registration):
    registration.status = RegistrationStatus.APPROVED
    registration.save(update_fields=["status"])


def test_region_profile_follows_every_change(client_as, region):
    _approve(region)
    url = reverse("registry:region", args=[region.pk])

    def page() -> str:
        return client_as(None).get(url).content.decode()

    assert "人口減少と森林の荒廃" in page()
    region.challenges = "担い手の確保"
    region.save(update_fields=["challenges"])
    assert "担い手の確保" in page()
    region.resources.add(LocalResource.objects.get(code="water"))
    assert LocalResource.objects.get(code="water").name in page()
    region.organization.name = "改名した団体"
    region.organization.save(update_fields=["name"])
    assert "改名した団体" in page()
    iida = Municipality.objects.get(code="202053")
    iida.full_name = "長野県飯田市（改）"
    iida.save(update_fields=["full_name"])
    assert "長野県飯田市（改）" in page()
    en = client_as(None).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in en and "担い手の確保" in en


def test_region_profile_follows_the_hubs(client_as, region):
    """The line 「担当の拠点」 is cached with the body: renaming a hub or changing its area shows at once."""
    _approve(region)
    url = reverse("registry:region", args=[region.pk])
    office = Hub.objects.get(slug="chubu-office")
    assert office.name in client_as(None).get(url).content.decode()
    office.name = "中部地方環境事務所（改）"
    office.save(update_fields=["name"])
    assert "中部地方環境事務所（改）" in client_as(None).get(url).content.decode()
    office.prefectures.clear()
    assert "中部地方環境事務所（改）" not in client_as(None).get(url).content.decode()


def test_region_profile_keeps_the_owner_panel_per_person(client_as, region, owner, outsider, staff):
    """Pending: the owners and the secretariat see it with their own panel; outsiders still get 404."""
    region.status = RegistrationStatus.SUBMITTED
    region.save(update_fields=["status"])
    url = reverse("registry:region", args=[region.pk])
    assert client_as(owner).get(url).status_code == 200
    staff_page = client_as(staff).get(url).content.decode()
    assert "承認して公開する" in staff_page and "人口減少と森林の荒廃" in staff_page
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(None).get(url).status_code == 404
    _approve(region)
    page = client_as(None).get(url).content.decode()
    assert "人口減少と森林の荒廃" in page and "登録の状態" not in page and "承認して公開する" not in page


def test_company_profile_follows_every_change(client_as, company, staff, owner):
    _approve(company)
    url = reverse("registry:company", args=[company.pk])

    def page() -> str:
        return client_as(None).get(url).content.decode()

    assert "薪ボイラーの導入支援" in page()
    solution = company.solutions.get()
    solution.title = "チップボイラーの導入支援"
    solution.save(update_fields=["title"])
    assert "チップボイラーの導入支援" in page()
    solution.regions_served.set([Municipality.objects.get(code="202053")])
    assert "長野県飯田市" in page()
    company.organization.name = "株式会社改名（架空）"
    company.organization.save(update_fields=["name"])
    assert "株式会社改名（架空）" in page()
    claim = Claim.objects.create(
        solution=solution, criterion=1, explanation="地域の間伐材", declared_by=owner
    )
    assert "ローカルSDGsビジネス①" not in page()
    claim.status = ClaimStatus.CONFIRMED
    claim.save(update_fields=["status"])
    assert "ローカルSDGsビジネス①" in page()


def test_company_profile_per_kind_of_viewer(client_as, company, owner, outsider):
    """The owners' declaration links and pending claims are never shown to others, whoever asked first."""
    _approve(company)
    solution = company.solutions.get()
    Claim.objects.create(solution=solution, criterion=2, explanation="近隣と補完", declared_by=owner)
    url = reverse("registry:company", args=[company.pk])
    owner_page = client_as(owner).get(url).content.decode()
    assert "ローカルSDGsビジネスの3要件を申告する" in owner_page and "確認待ち" in owner_page
    for viewer in (None, outsider):
        page = client_as(viewer).get(url).content.decode()
        assert "薪ボイラーの導入支援" in page
        assert "ローカルSDGsビジネスの3要件を申告する" not in page and "確認待ち" not in page


def test_editable_company_gives_its_owners_the_forms(client_as, company, owner, staff):
    """A draft's owners get the solution forms with their own CSRF token; the secretariat gets none."""
    url = reverse("registry:company", args=[company.pk])
    delete = reverse("registry:solution_delete", args=[company.pk, company.solutions.get().pk])
    assert delete not in client_as(staff).get(url).content.decode()
    first = client_as(owner).get(url).content.decode()
    second = client_as(owner).get(url).content.decode()
    assert delete in first and delete in second
    token = 'name="csrfmiddlewaretoken" value="'
    # Rendered afresh each time (a cached form would repeat its token).
    assert first.split(delete)[1].split(token)[1][:32] != second.split(delete)[1].split(token)[1][:32]

"""The directories' cards are cached per change of the registry: a change shows on the very next request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.registry.models import LocalResource, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_region_cards_follow_every_change(client_as, region):
    url = reverse("registry:regions")
    assert region.name not in client_as(None).get(url).content.decode()
    region.status = RegistrationStatus.APPROVED
    region.save(update_fields=["status"])
    assert region.name in client_as(None).get(url).content.decode()  # approved: shown at once
    region.resources.add(LocalResource.objects.get(code="water"))
    assert LocalResource.objects.get(code="water").name in client_as(None).get(url).content.decode()
    region.name = "名前を変えた地域"
    region.save(update_fields=["name"])
    assert "名前を変えた地域" in client_as(None).get(url).content.decode()
    en = client_as(None).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in en and "名前を変えた地域" in en


def test_company_cards_follow_the_organization_and_solutions(client_as, company):
    company.status = RegistrationStatus.APPROVED
    company.save(update_fields=["status"])
    url = reverse("registry:companies")
    assert company.organization.name in client_as(None).get(url).content.decode()
    company.organization.name = "株式会社改名（架空）"
    company.organization.save(update_fields=["name"])
    solution = company.solutions.first()
    solution.title = "新しいソリューション名"
    solution.save(update_fields=["title"])
    page = client_as(None).get(url).content.decode()
    assert "株式会社改名（架空）" in page and "新しいソリューション名" in page

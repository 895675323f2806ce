"""The directory's page links keep the active filters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.registry import views
from junkan.registry.models import LocalResource, RegionRegistration, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_next_page_link_keeps_the_filters(client_as, region, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 1)
    forest = LocalResource.objects.get(code="forest")
    region.status = RegistrationStatus.APPROVED
    region.save(update_fields=["status"])
    second = RegionRegistration.objects.create(
        organization=region.organization, name="二つ目の地域", status=RegistrationStatus.APPROVED
    )
    second.resources.set([forest])
    response = client_as(None).get(reverse("registry:regions"), {"resource": forest.pk})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    assert f'href="?resource={forest.pk}&amp;page=2"' in response.content.decode()

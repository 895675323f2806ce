"""The list of case studies is cached per change of the cases: a change shows on the very next request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.registry.models import LocalResource

pytestmark = pytest.mark.django_db


def test_the_list_follows_every_change(client, make_case):
    case = make_case(title="最初の事例", published=False)
    url = reverse("cases:list")
    assert "最初の事例" not in client.get(url).content.decode()
    case.published = True
    case.save(update_fields=["published"])
    assert "最初の事例" in client.get(url).content.decode()
    water = LocalResource.objects.get(code="water")
    case.resources.add(water)
    assert water.name in client.get(url).content.decode()
    filtered = client.get(url, {"resource": water.code}).content.decode()
    assert "最初の事例" in filtered and "条件をすべて解除" in filtered
    case.title = "題名を変えた事例"
    case.save(update_fields=["title"])
    assert "題名を変えた事例" in client.get(url, {"resource": water.code}).content.decode()
    case.delete()
    assert "題名を変えた事例" not in client.get(url).content.decode()

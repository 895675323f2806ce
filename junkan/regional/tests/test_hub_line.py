"""A support case names the regional hubs of its region's area (issue 20, seed 000)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.regional.models import ConsortiumCase

pytestmark = pytest.mark.django_db


def test_case_page_names_the_hubs_of_its_area(world, client_as):
    case = world["case"]
    ConsortiumCase.objects.filter(pk=case.pk).update(is_published=True)
    page = client_as(None).get(reverse("regional:case", args=[case.pk])).content.decode()
    assert "中部地方環境事務所" in page and "EPO中部" in page

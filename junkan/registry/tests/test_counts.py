from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_directories_show_the_number_of_approved_registrations(client_as, region):
    from junkan.registry.models import RegistrationStatus

    assert "実践地域等 0団体" in client_as(None).get(reverse("registry:regions")).text
    region.status = RegistrationStatus.APPROVED
    region.save(update_fields=["status"])
    assert "実践地域等 1団体" in client_as(None).get(reverse("registry:regions")).text
    assert "実践地域等 1団体" in client_as(None).get(reverse("registry:companies")).text

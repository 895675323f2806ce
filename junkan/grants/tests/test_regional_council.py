"""The type ③ council link on a project's page (the regional app's include): offered, created, shown."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_type_three_project_registers_its_council_and_shows_its_meetings(
    make_project, client_as, owner, outsider
):
    from junkan.regional import services
    from junkan.regional.models import Body

    project = make_project("decided", type_code="3")
    overview = reverse("grants:project", args=[project.public_id])
    page = client_as(owner).get(overview).content.decode()
    assert "協議会を登録する" in page
    new = reverse("regional:new_council", args=[project.public_id])
    assert client_as(outsider).post(new).status_code == 404
    assert client_as(owner).post(new).status_code == 302
    council = Body.objects.get(grant_project=project)
    services.save_meeting(
        owner, council, {"held_on": date(2019, 9, 1), "agenda": "ロードマップ案", "attendance": 18}
    )
    page = client_as(owner).get(overview).content.decode()
    assert "協議会を登録する" not in page and "ロードマップ案" in page
    assert client_as(owner).post(new).status_code == 302  # a second council is never made
    assert Body.objects.filter(grant_project=project).count() == 1


def test_other_types_have_no_council_section(make_project, client_as, owner):
    project = make_project("decided", type_code="1")
    page = client_as(owner).get(reverse("grants:project", args=[project.public_id])).content.decode()
    assert "協議会を登録する" not in page

"""The regional hub of a project (issue 20): the line on the project page, the secretariat's filter, the hub
staff's read-only list of their area."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_project_page_names_the_hubs_of_its_area(client_as, project, owner):
    page = client_as(owner).get(reverse("grants:project", args=[project.public_id])).text
    assert "中部地方環境事務所" in page and "EPO中部" in page


def test_secretariat_list_filters_by_hub(client_as, project, staff):
    url = reverse("grants:index")
    assert project.title in client_as(staff).get(url, {"hub": "chubu-office"}).text
    assert project.title not in client_as(staff).get(url, {"hub": "kyushu-office"}).text


def test_hub_staff_list_their_area_only(client_as, project, make_user, with_totp):
    from junkan.hubs import services
    from junkan.hubs.models import Hub

    chubu = make_user("chubu@example.jp")
    services.assign_staff(None, Hub.objects.get(slug="chubu-office"), chubu)
    kyushu = make_user("kyushu@example.jp")
    services.assign_staff(None, Hub.objects.get(slug="kyushu-office"), kyushu)
    with_totp(chubu)
    with_totp(kyushu)
    assert project.title in client_as(chubu).get(reverse("hubs:area_projects", args=["chubu-office"])).text
    assert (
        project.title not in client_as(kyushu).get(reverse("hubs:area_projects", args=["kyushu-office"])).text
    )
    assert client_as(kyushu).get(reverse("hubs:area_projects", args=["chubu-office"])).status_code == 404
    # the project pages themselves stay the grantee's and the secretariat's
    assert client_as(chubu).get(reverse("grants:project", args=[project.public_id])).status_code == 404


def test_the_area_list_follows_changes_of_projects_and_areas(client_as, project, staff):
    """The list is cached under the grants scope: a renamed project, a renamed grantee and a hub's changed
    area show on the very next request (fails without ``grants.caching``'s signals)."""
    from junkan.hubs.models import Hub
    from junkan.municipalities.models import Municipality

    client = client_as(staff)
    chubu, kyushu = (reverse("hubs:area_projects", args=[slug]) for slug in ("chubu-office", "kyushu-office"))
    assert project.title in client.get(chubu).text
    assert project.title not in client.get(kyushu).text
    project.title = "改めた事業名"
    project.save(update_fields=["title"])
    assert "改めた事業名" in client.get(chubu).text
    project.organization.name = "改名した市"
    project.organization.save(update_fields=["name"])
    assert "改名した市" in client.get(chubu).text
    Hub.objects.get(slug="kyushu-office").prefectures.add(Municipality.objects.get(code="200000"))
    assert "改めた事業名" in client.get(kyushu).text
    assert client.get(chubu, {"page": "2"}).status_code == 404

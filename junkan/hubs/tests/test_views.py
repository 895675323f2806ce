from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.hubs import services
from junkan.hubs.models import Hub, HubStaff

pytestmark = pytest.mark.django_db


def test_hub_list_and_detail_are_public(client_as):
    response = client_as(None).get(reverse("hubs:list"))
    assert response.status_code == 200
    assert "九州地方環境パートナーシップオフィス（EPO九州）" in response.text
    detail = client_as(None).get(reverse("hubs:detail", args=["chubu-office"]))
    assert "長野県" in detail.text
    assert reverse("hubs:area_regions", args=["chubu-office"]) not in detail.text


def test_area_page_shows_pending_regions_to_the_hub_staff_only(
    client_as, region, chubu_staff, kyushu_staff, outsider, owner, staff
):
    url = reverse("hubs:area_regions", args=["chubu-office"])
    own = client_as(chubu_staff).get(url)
    assert own.status_code == 200
    assert region.name in own.text
    assert client_as(kyushu_staff).get(url).status_code == 404  # another hub: nothing to learn
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(owner).get(url).status_code == 404
    assert client_as(None).get(url).status_code == 302
    assert region.name in client_as(staff).get(url).text


def test_other_area_does_not_list_the_region(client_as, region, kyushu_staff):
    response = client_as(kyushu_staff).get(reverse("hubs:area_regions", args=["epo-kyushu"]))
    assert response.status_code == 200
    assert region.name not in response.text


def test_hub_staff_see_a_pending_registration_of_their_area_only(
    client_as, region, chubu_staff, kyushu_staff, outsider
):
    url = reverse("registry:region", args=[region.pk])
    response = client_as(chubu_staff).get(url)
    assert response.status_code == 200
    assert "中部地方環境事務所" in response.text  # the hub line
    assert client_as(kyushu_staff).get(url).status_code == 404
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(None).get(url).status_code == 404


def test_hub_staff_cannot_decide(client_as, region, chubu_staff):
    url = reverse("registry:decide", args=["region", region.pk, "approve"])
    assert client_as(chubu_staff).post(url).status_code == 403
    region.refresh_from_db()
    assert region.status == "submitted"


def test_a_draft_stays_hidden_from_hub_staff(client_as, region, chubu_staff):
    region.status = "draft"
    region.save(update_fields=["status"])
    assert client_as(chubu_staff).get(reverse("registry:region", args=[region.pk])).status_code == 404


def test_secretariat_queue_filters_by_hub(client_as, region, staff):
    url = reverse("registry:review")
    assert region.name in client_as(staff).get(url, {"hub": "chubu-office"}).text
    assert region.name not in client_as(staff).get(url, {"hub": "kyushu-office"}).text
    assert region.name in client_as(staff).get(url).text


def test_assignment_grants_the_role_and_is_audited(make_user, staff):
    person = make_user("new-hub@example.jp")
    hub = Hub.objects.get(slug="kinki-office")
    services.assign_staff(staff, hub, person)
    assert person.has_role("hub_staff")
    assert HubStaff.objects.filter(hub=hub, user=person).exists()
    assert AuditEntry.objects.filter(action="hubs.staff.assigned", object_id=str(hub.pk)).exists()


def test_only_the_secretariat_assigns(make_user, owner):
    from django.core.exceptions import PermissionDenied

    person = make_user("x@example.jp")
    with pytest.raises(PermissionDenied):
        services.assign_staff(owner, Hub.objects.get(slug="kinki-office"), person)

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.finance import services
from junkan.finance.models import Offer, OfferKind
from junkan.municipalities.models import Municipality

pytestmark = pytest.mark.django_db


def _prefecture(name):
    return Municipality.objects.get(kind="prefecture", name=name)


def test_offers_are_public_and_filter_by_prefecture_and_kind(client_as, offer, institution):
    nationwide = Offer.objects.create(
        institution=institution,
        kind=OfferKind.FUND,
        title="全国ファンド",
        summary="s",
        conditions="c",
        contact="c",
        is_published=True,
    )
    nationwide.prefectures.set([_prefecture("北海道")])
    url = reverse("finance:offers")
    client = client_as(None)
    assert offer.title in client.get(url).text
    nagano = client.get(url, {"prefecture": _prefecture("長野県").pk}).text
    assert offer.title in nagano  # the institution's area, the offer having none of its own
    assert "全国ファンド" not in nagano
    hokkaido = client.get(url, {"prefecture": _prefecture("北海道").pk}).text
    assert offer.title not in hokkaido and "全国ファンド" in hokkaido
    assert offer.title not in client.get(url, {"kind": "fund"}).text


def test_unpublished_offer_is_hidden_from_outsiders(client_as, offer, banker, outsider, staff):
    offer.is_published = False
    offer.save(update_fields=["is_published"])
    url = reverse("finance:offer", args=[offer.pk])
    assert client_as(None).get(url).status_code == 404
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(banker).get(url).status_code == 200
    assert client_as(staff).get(url).status_code == 200
    assert offer.title not in client_as(None).get(reverse("finance:offers")).text


def test_a_bank_sees_a_region_only_with_consent(client_as, region, institution, banker, owner):
    url = reverse("finance:region", args=[region.pk])
    assert client_as(banker).get(url).status_code == 404
    assert region.name not in client_as(banker).get(reverse("finance:regions")).text
    services.set_consent(owner, region, True)
    response = client_as(banker).get(url)
    assert response.status_code == 200
    assert "kankyo-contact@example.jp" in response.text
    assert region.name in client_as(banker).get(reverse("finance:regions")).text
    services.set_consent(owner, region, False)
    assert client_as(banker).get(url).status_code == 404
    actions = list(
        AuditEntry.objects.filter(action__startswith="finance.consent")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["finance.consent.given", "finance.consent.withdrawn"]


def test_people_who_are_not_banks_never_see_the_finance_region_pages(client_as, region, owner, outsider):
    services.set_consent(owner, region, True)
    url = reverse("finance:region", args=[region.pk])
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(outsider).get(reverse("finance:regions")).status_code == 404
    assert client_as(None).get(url).status_code == 302
    assert client_as(owner).get(url).status_code == 200  # the region's own members


def test_an_unpublished_institution_is_not_a_bank_yet(client_as, region, institution, banker, owner):
    services.set_consent(owner, region, True)
    institution.is_published = False
    institution.save(update_fields=["is_published"])
    assert client_as(banker).get(reverse("finance:region", args=[region.pk])).status_code == 404


def test_only_region_members_change_consent(client_as, region, outsider, staff, banker):
    url = reverse("finance:consent_set", args=[region.pk])
    assert client_as(outsider).post(url, {"active": "1"}).status_code == 404
    assert client_as(banker).post(url, {"active": "1"}).status_code == 404
    assert client_as(staff).post(url, {"active": "1"}).status_code == 403
    assert not hasattr(region, "finance_consent")


def test_region_member_gives_consent_through_the_page(client_as, region, member):
    response = client_as(member).post(reverse("finance:consent_set", args=[region.pk]), {"active": "1"})
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.finance_consent.active


def test_a_bank_asks_a_consenting_region_through_matching(
    client_as, region, institution, banker, owner, outsider
):
    from junkan.matching.models import CollaborationRequest

    services.set_consent(owner, region, True)
    response = client_as(banker).post(
        reverse("finance:region", args=[region.pk]), {"message": "融資の相談です"}
    )
    item = CollaborationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("matching:request", args=[item.pk])
    assert item.requester == institution.organization and item.recipient == region.organization
    assert item.region == region and item.message == "融資の相談です"
    assert client_as(owner).get(reverse("matching:request", args=[item.pk])).status_code == 200
    assert client_as(outsider).get(reverse("matching:request", args=[item.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="finance.contact.sent").exists()


def test_no_contact_without_consent(client_as, region, institution, banker):
    response = client_as(banker).post(reverse("finance:region", args=[region.pk]), {"message": "相談"})
    assert response.status_code == 404
    from junkan.matching.models import CollaborationRequest

    assert not CollaborationRequest.objects.exists()


def test_bank_manages_its_offers_only(client_as, institution, banker, outsider, offer):
    create = reverse("finance:offer_create", args=[institution.pk])
    data = {
        "kind": "green_fund",
        "title": "新ファンド",
        "summary": "概要",
        "conditions": "条件",
        "contact": "連絡先",
        "url": "",
        "is_published": "on",
    }
    assert client_as(outsider).post(create, data).status_code == 404
    assert client_as(banker).post(create, data).status_code == 302
    new = Offer.objects.get(title="新ファンド")
    assert AuditEntry.objects.filter(action="finance.offer.created", object_id=str(new.pk)).exists()
    edit = reverse("finance:offer_edit", args=[offer.pk])
    assert client_as(outsider).get(edit).status_code == 404
    client_as(banker).post(edit, {**data, "title": "改名した融資"})
    offer.refresh_from_db()
    assert offer.title == "改名した融資"
    assert client_as(banker).get(reverse("finance:manage")).status_code == 200
    assert client_as(outsider).get(reverse("finance:manage")).status_code == 404

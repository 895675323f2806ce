from __future__ import annotations

import pytest

from junkan.hubs import areas
from junkan.hubs.models import Hub, HubKind
from junkan.municipalities.models import Municipality, MunicipalityKind

pytestmark = pytest.mark.django_db


def test_every_prefecture_has_exactly_one_office_and_one_epo():
    for prefecture in Municipality.objects.filter(kind=MunicipalityKind.PREFECTURE):
        kinds = sorted(h.kind for h in areas.hubs_for_prefecture(prefecture))
        assert kinds == [HubKind.EPO, HubKind.REGIONAL_OFFICE], prefecture.name  # sorted by value


def test_seven_offices_and_eight_epos():
    assert Hub.objects.filter(kind=HubKind.REGIONAL_OFFICE).count() == 7
    assert Hub.objects.filter(kind=HubKind.EPO).count() == 8


def test_a_municipality_is_placed_by_its_prefecture():
    iida = Municipality.objects.get(code="202053")
    assert areas.hub_for(iida).name == "中部地方環境事務所"
    assert areas.hub_for(iida, HubKind.EPO).slug == "epo-chubu"
    assert [h.slug for h in areas.hubs_for(iida)] == ["chubu-office", "epo-chubu"]


def test_shikoku_is_with_chushikoku_office_and_shikoku_epo():
    kagawa = Municipality.objects.get(kind=MunicipalityKind.PREFECTURE, name="香川県")
    assert areas.hub_for_prefecture(kagawa).slug == "chushikoku-office"
    assert areas.hub_for_prefecture(kagawa, HubKind.EPO).slug == "epo-shikoku"


def test_niigata_and_shizuoka_are_kanto():
    for name in ("新潟県", "静岡県"):
        prefecture = Municipality.objects.get(kind=MunicipalityKind.PREFECTURE, name=name)
        assert areas.hub_for_prefecture(prefecture).slug == "kanto-office"


def test_nothing_for_no_place():
    assert areas.hub_for(None) is None
    assert areas.hubs_for_prefecture(None) == []


def test_region_hubs_follow_its_areas(region):
    assert {h.slug for h in areas.hubs_for_region(region)} == {"chubu-office", "epo-chubu"}


def test_which_hubs_cover_a_prefecture_is_read_once_and_follows_a_change_at_once(django_assert_num_queries):
    """The map of hubs by prefecture is kept per process; a hub's new area or name is seen at once."""
    kagawa = Municipality.objects.get(kind=MunicipalityKind.PREFECTURE, name="香川県")
    areas.hubs_for_prefecture(kagawa)
    with django_assert_num_queries(0):
        assert areas.hub_for_prefecture(kagawa).slug == "chushikoku-office"

    kanto = Hub.objects.get(slug="kanto-office")
    kanto.prefectures.add(kagawa)  # a many-to-many change
    assert [h.slug for h in areas.hubs_for_prefecture(kagawa)] == [
        "kanto-office",  # offices by their order, then the EPO
        "chushikoku-office",
        "epo-shikoku",
    ]
    kanto.prefectures.remove(kagawa)
    office = Hub.objects.get(slug="chushikoku-office")
    office.name = "中国四国地方環境事務所（改称）"
    office.save()  # a save
    assert areas.hub_for_prefecture(kagawa).name == "中国四国地方環境事務所（改称）"
    office.delete()  # a delete
    assert areas.hub_for_prefecture(kagawa) is None

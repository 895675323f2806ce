"""The つながる map page: base layer, approved regions only, the text alternative, cache and query counts."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from junkan.portal import maps
from junkan.registry.models import RegistrationStatus

pytestmark = pytest.mark.django_db
URL = "/tsunagaru/"


@pytest.mark.parametrize("who", ["anonymous", "owner", "member", "outsider", "staff"])
def test_map_page_is_public_and_shows_approved_regions_only(client_as, people, make_region, who):
    approved = make_region("南信州 地域循環共生圏", ["202053", "204072"])
    make_region("審査中の地域", ["131016"], status=RegistrationStatus.SUBMITTED)
    make_region("作成中の地域", ["011002"], status=RegistrationStatus.DRAFT)
    make_region("不承認の地域", ["271004"], status=RegistrationStatus.REFUSED)
    response = client_as(people[who]).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("portal:tsunagaru") == URL
    # The marker: a link with an accessible name that says where the region is.
    marker = re.search(r'<a href="([^"]+)" aria-label="([^"]+)" class="map-marker">', body)
    assert marker is not None
    assert marker.group(1) == reverse("registry:region", args=[approved.pk])
    assert marker.group(2) == "南信州 地域循環共生圏（長野県）"
    assert body.count('class="map-marker"') == 1
    for hidden in ("審査中の地域", "作成中の地域", "不承認の地域"):
        assert hidden not in body  # neither on the map nor in the list, whoever looks


def test_text_alternative_groups_regions_by_prefecture(client, make_region):
    make_region("南信州 地域循環共生圏", ["202053"])
    make_region("北岩手 循環の森", ["032026", "033022"])  # 岩手県宮古市, 葛巻町 (illustrative)
    make_region("県境の流域", ["202053", "232017"])  # 長野県飯田市 and 愛知県豊橋市
    body = client.get(URL).content.decode()
    headings = re.findall(r'<h3 id="pref-(\d+)">([^ <]+)', body)
    assert [name for _, name in headings] == ["岩手県", "長野県", "愛知県"]  # by prefecture code
    nagano = body[body.index('id="pref-200000"') : body.index('id="pref-230006"')]
    assert "南信州 地域循環共生圏" in nagano and "県境の流域" in nagano
    aichi = body[body.index('id="pref-230006"') :]
    assert "県境の流域" in aichi and "南信州" not in aichi.split("</section>")[0]
    assert "2地域" in nagano


def test_base_layer_draws_every_office_once_and_the_okinawa_inset(client):
    body = client.get(URL).content.decode()
    dots = re.search(r'<path class="map-offices" d="([^"]+)"', body).group(1)
    base = maps.build_base_layer()
    assert base.office_count > 1_700  # cities, towns, villages and Tokyo's wards with an office
    assert dots.count("h0") <= base.office_count
    assert dots.count("h0") > 1_700
    assert 'class="map-inset"' in body and "沖縄県" in body
    assert re.search(
        r'<svg viewBox="0 0 [\d.]+ [\d.]+" role="group" aria-labelledby="japan-map-caption"', body
    )
    assert '<figcaption id="japan-map-caption">' in body


def test_okinawa_region_is_drawn_in_the_inset(client, make_region):
    make_region("那覇 島の循環", ["472018"])
    body = client.get(URL).content.decode()
    x, y = (float(v) for v in re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="7"', body).groups())
    inset = maps.JAPAN.insets["47"]
    assert inset.origin.x <= x <= inset.origin.x + inset.width
    assert inset.origin.y <= y <= inset.origin.y + inset.height
    assert "那覇 島の循環（沖縄県）" in body


def test_a_region_given_as_a_whole_prefecture_gets_a_marker(client, make_region):
    make_region("長野県まるごと", ["200000"])  # prefectures have no office position in the master
    body = client.get(URL).content.decode()
    assert 'aria-label="長野県まるごと（長野県）"' in body


def test_markers_run_north_to_south(client, make_region):
    make_region("南の地域", ["462012"])  # 鹿児島市
    make_region("北の地域", ["011002"])  # 札幌市
    make_region("真ん中の地域", ["131016"])  # 千代田区
    body = client.get(URL).content.decode()
    labels = re.findall(r'class="map-marker">\s*<title>([^（<]+)', body)
    assert labels == ["北の地域", "真ん中の地域", "南の地域"]


def test_base_layer_is_cached(client, make_region, django_assert_num_queries):
    make_region("南信州 地域循環共生圏", ["202053"])
    client.get(URL)
    assert cache.get(maps.BASE_CACHE_KEY) is not None
    # Second request: the regions (1 query + 1 prefetch) and no municipality scan.
    with django_assert_num_queries(2):
        maps.map_context()


def test_query_count_does_not_grow_with_regions(client, make_region, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_region("地域0", ["202053"])
    make_region("地域1", ["011002", "012025"])
    client.get(URL)  # warm the cache
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for i in range(2, 20):
        make_region(f"地域{i}", ["202053", "131016", "472018"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)

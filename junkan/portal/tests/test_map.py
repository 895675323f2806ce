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


def test_base_layer_draws_the_47_prefectures_and_the_okinawa_inset(client):
    body = client.get(URL).content.decode()
    outlines = re.findall(r'<path class="map-pref shade-(\d)" d="(M[^"]+Z)"', body)
    assert len(outlines) == 47
    assert {shade for shade, _ in outlines} == {"0"}  # no region yet
    assert all(d.count("L") >= 5 for _, d in outlines)  # real outlines, not boxes
    base = maps.build_base_layer()
    assert len(base.prefecture_centres) == 47
    assert 'class="map-inset"' in body and "沖縄県" in body
    assert re.search(
        r'<svg viewBox="0 0 [\d.]+ [\d.]+" role="group" aria-labelledby="japan-map-caption"', body
    )
    assert '<figcaption id="japan-map-caption">' in body
    assert "japanmap" in body and "Apache License 2.0" in body  # the outlines' attribution


def test_the_outlying_islands_are_drawn_in_their_prefecture(client):
    """japanmap has the area around each prefectural office only; the islands come from Natural Earth."""
    islands = {code: maps.island_paths(code) for code in ("01", "13", "15", "32", "42", "46", "47")}
    # 北海道 (利尻・礼文・奥尻), 東京都 (伊豆諸島・小笠原), 新潟県 (佐渡), 島根県 (隠岐),
    # 長崎県 (対馬・壱岐・五島), 鹿児島県 (種子島・屋久島・奄美), 沖縄県 (宮古・八重山・大東, in the inset)
    assert {code: len(paths) >= 1 for code, paths in islands.items()} == dict.fromkeys(islands, True)
    assert len(islands["13"]) >= 6 and len(islands["46"]) >= 10 and len(islands["47"]) >= 8
    inset = maps.JAPAN.insets["47"]
    for path in islands["47"]:
        x, y = (float(v) for v in path[1:].split("L", 1)[0].split())
        assert inset.contains_point(maps.Point(x, y)), path[:40]
    body = client.get(URL).content.decode()
    outlines = re.findall(r'<path class="map-pref shade-\d" d="(M[^"]+Z)"', body)
    assert len(outlines) == 47  # one shape per prefecture, its islands as further rings of the same path
    assert sum(d.count("M") for d in outlines) >= 47 + 60
    assert "Natural Earth" in body  # the islands' attribution


def test_prefectures_are_shaded_by_their_count(client, make_region):
    for i in range(3):
        make_region(f"長野の地域{i}", ["202053"])
    make_region("札幌の地域", ["011002"])
    body = client.get(URL).content.decode()
    shades = dict(re.findall(r'<path class="map-pref shade-(\d)" d="M([\d.]+ [\d.]+)', body))
    assert sorted(int(k) for k in shades) == [0, 1, 2]  # 0, 1–2 (北海道), 3–9 (長野県)


def test_a_newly_approved_region_appears_at_once(client, make_region, make_staff):
    from junkan.registry import services

    make_region("既存の地域", ["202053"])
    assert "遠野 里山の循環" not in client.get(URL).content.decode()  # the layer is now cached
    waiting = make_region("遠野 里山の循環", ["032085"], status=RegistrationStatus.SUBMITTED)
    assert "遠野 里山の循環" not in client.get(URL).content.decode()
    services.approve(make_staff(), waiting)
    body = client.get(URL).content.decode()
    assert 'aria-label="遠野 里山の循環（岩手県）"' in body
    assert '<h3 id="pref-030007">岩手県' in body


def test_a_changed_municipality_list_shows_at_once(client, make_region):
    from junkan.municipalities.models import Municipality

    region = make_region("動く地域", ["202053"])
    assert "動く地域（長野県）" in client.get(URL).content.decode()
    region.municipalities.set(Municipality.objects.filter(code="011002"))
    assert "動く地域（北海道）" in client.get(URL).content.decode()


def test_the_list_shows_a_few_regions_per_prefecture_and_links_to_the_rest(client, make_region):
    from junkan.municipalities.models import Municipality

    for i in range(maps.LIST_PER_PREFECTURE + 3):
        make_region(f"長野の地域{i:02d}", ["202053"])
    body = client.get(URL).content.decode()
    nagano = body[body.index('id="pref-200000"') :]
    nagano = nagano[: nagano.index("</section>")]
    assert nagano.count("<li>") == maps.LIST_PER_PREFECTURE
    prefecture = Municipality.objects.get(code="200000")
    assert f"{reverse('registry:regions')}?prefecture={prefecture.pk}" in nagano
    assert "長野県の実践地域をすべて見る（8地域）" in nagano


def test_many_regions_turn_the_prefectures_into_the_links(client, make_region, monkeypatch):
    monkeypatch.setattr(maps, "MARKER_LINKS_MAX", 2)
    make_region("地域A", ["202053"])
    make_region("地域B", ["204072"])
    make_region("地域C", ["011002"])
    body = client.get(URL).content.decode()
    assert 'class="map-marker"' not in body
    links = re.findall(r'<a href="#pref-(\d+)" class="map-pref-link" aria-label="([^"]+)">', body)
    assert links == [("010006", "北海道：1地域"), ("200000", "長野県：2地域")]
    assert re.search(r'<path class="map-region-dots" d="(M[\d.]+ [\d.]+h0){3}"', body)


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


def test_both_layers_are_cached(client, make_region, django_assert_num_queries):
    make_region("南信州 地域循環共生圏", ["202053"])
    client.get(URL)
    assert cache.get(maps.BASE_CACHE_KEY) is not None
    # Second time: neither the municipality master nor the registry is read.
    with django_assert_num_queries(0):
        maps.map_context()
    cache.delete(f"portal:map:regions:{maps.version()}")
    with django_assert_num_queries(3):  # prefectures, regions, their municipalities: .values() rows
        maps.map_context()


def test_query_count_does_not_grow_with_regions(client, make_region, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_region("地域0", ["202053"])
    make_region("地域1", ["011002", "012025"])
    client.get(URL)  # warm the base layer; the regions layer is rebuilt below after every change
    maps.invalidate()
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for i in range(2, 20):
        make_region(f"地域{i}", ["202053", "131016", "472018"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


def test_national_scale_map_stays_small(client, organization, django_assert_max_num_queries):
    """1,800 approved regions (national scale): a page of a fixed size, no query per region."""
    import time

    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration

    places = list(
        Municipality.objects.filter(kind__in=maps.OFFICE_KINDS, latitude__isnull=False).values_list(
            "pk", flat=True
        )[:1800]
    )
    regions = RegionRegistration.objects.bulk_create(
        RegionRegistration(
            organization=organization,
            name=f"全国の実践地域{i:04d}",
            status=RegistrationStatus.APPROVED,
            contact_name="環境 太郎",
            contact_email="kankyo@example.jp",
        )
        for i in range(1800)
    )
    through = RegionRegistration.municipalities.through
    through.objects.bulk_create(
        through(regionregistration_id=region.pk, municipality_id=places[i % len(places)])
        for i, region in enumerate(regions)
    )
    maps.invalidate()  # bulk_create sends no signal
    started = time.perf_counter()
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    cold = time.perf_counter() - started
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 300_000, len(response.content)
    assert 'class="map-marker"' not in body and body.count('class="map-pref-link"') >= 40
    assert body.count('<li><a href="/registry/regions/') <= 47 * maps.LIST_PER_PREFECTURE
    started = time.perf_counter()
    client.get(URL)
    warm = time.perf_counter() - started
    assert warm < cold  # the second request is served from the cache

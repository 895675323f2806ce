"""Public pages of case studies and guides, as every kind of visitor."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["anonymous", "owner", "member", "outsider", "staff"])
def visitor(request, client_as, organization):
    user = None if request.param == "anonymous" else request.getfixturevalue(request.param)
    return client_as(user)


def get(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_published_cases_only(visitor, make_case):
    make_case(title="公開中の事例")
    make_case(title="下書きの事例", published=False)
    html = get(visitor, reverse("cases:list"))
    assert "公開中の事例" in html
    assert "下書きの事例" not in html
    assert "1件の事例があります。" in html
    assert '<meta name="description"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"prefecture": "01"}, {"北海道の事例"}),
        ({"prefecture": "20"}, {"長野の事例", "広域の事例"}),
        ({"prefecture": "29"}, {"広域の事例"}),
        ({"resource": "sea"}, {"長野の事例"}),
        ({"theme": "wide-area"}, {"広域の事例"}),
        ({"goal": "14"}, {"長野の事例"}),
        ({"prefecture": "20", "resource": "forest"}, {"広域の事例"}),
        ({}, {"北海道の事例", "長野の事例", "広域の事例"}),
    ],
)
def test_filters(client, make_case, params, expected):
    make_case(title="北海道の事例", codes=("014681",))
    make_case(title="長野の事例", codes=("202053",), resources=("sea",), goals=(14,))
    make_case(
        title="広域の事例", codes=("200000", "294497"), themes=("wide-area",), resources=("forest", "energy")
    )
    html = get(client, reverse("cases:list"), **params)
    shown = {t for t in ("北海道の事例", "長野の事例", "広域の事例") if t in html}
    assert shown == expected


def test_a_union_counts_for_its_prefecture(client, make_case):
    from junkan.municipalities.models import Municipality

    union = Municipality.objects.create(
        kind="wide_area_union",
        name="テスト広域連合",
        full_name="長野県テスト広域連合",
        prefecture=Municipality.objects.get(code="200000"),
    )
    case = make_case(title="連合の事例", codes=())
    case.municipalities.set([union])
    assert "連合の事例" in get(client, reverse("cases:list"), prefecture="20")


def test_a_bad_filter_is_ignored_with_a_message(client, make_case):
    make_case(title="北海道の事例")
    html = get(client, reverse("cases:list"), resource="no-such")
    assert "北海道の事例" in html
    assert 'role="alert"' in html


def test_the_list_query_count_does_not_grow(client, make_case):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            get(client, reverse("cases:list"))
        return len(context.captured_queries)

    for _ in range(2):
        make_case(codes=("014681", "202053"), resources=("forest", "sea"), goals=(7, 14))
    few = queries()
    for _ in range(18):
        make_case(codes=("014681", "202053"), resources=("forest", "sea"), goals=(7, 14))
    assert queries() == few


def test_the_list_pages(client, make_case):
    for i in range(23):
        make_case(title=f"事例{i:02d}")
    html = get(client, reverse("cases:list"), page=2)
    assert "23件の事例があります。" in html
    assert "2 / 2 ページ" in html


def test_detail_as_every_visitor(visitor, make_case):
    case = make_case(outcomes=2, funding="**市民出資**と融資", background="課題です。")
    html = get(visitor, reverse("cases:detail", args=[case.slug]))
    assert "<h1>木質バイオマスによる地域熱供給</h1>" in html
    assert "北海道下川町" in html
    assert "1,200 t" in html and "1,201 t" in html
    assert "<strong>市民出資</strong>" in html
    assert '<meta name="description" content="町の森林をいかした事例です。">' in html
    assert '<meta property="og:title" content="木質バイオマスによる地域熱供給">' in html


def test_an_unpublished_case_is_hidden_but_the_secretariat_may_preview_it(client_as, make_case, owner, staff):
    case = make_case(published=False)
    url = reverse("cases:detail", args=[case.slug])
    assert client_as(None).get(url).status_code == 404
    assert client_as(owner).get(url).status_code == 404
    response = client_as(staff).get(url)
    assert response.status_code == 200
    assert "非公開（事務局のみ閲覧できます）" in response.content.decode()


def test_the_region_registration_is_linked_only_while_approved(client, make_case, organization, owner, staff):
    from junkan.registry import services
    from junkan.registry.models import RegionRegistration

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州",
        challenges="c",
        desired_future="f",
        backcasting="b",
        contact_name="n",
        contact_email="e@example.jp",
    )
    region.municipalities.set(organization.municipality and [organization.municipality])
    case = make_case(region_registration=region)
    url = reverse("cases:detail", args=[case.slug])
    link = f'href="/registry/regions/{region.pk}/"'
    assert link not in get(client, url)
    services.submit(owner, region)
    services.approve(staff, region)
    assert link in get(client, url)
    services.revoke(staff, region, "終了")
    assert link not in get(client, url)


def test_detail_query_count_does_not_grow_with_outcomes(client, make_case):
    def queries(case) -> int:
        with CaptureQueriesContext(connection) as context:
            get(client, reverse("cases:detail", args=[case.slug]))
        return len(context.captured_queries)

    assert queries(make_case(outcomes=1)) == queries(make_case(outcomes=15, codes=("014681", "202053")))


def test_guides_list_groups_published_guides(visitor, make_guide):
    make_guide(title="構想のつくり方", category="concept")
    make_guide(title="ローカルSDGsビジネスの3つの条件", category="business")
    make_guide(title="下書きの手引き", published=False)
    html = get(visitor, reverse("cases:guides"))
    assert "構想づくり" in html and "ローカルSDGsビジネス" in html
    assert "構想のつくり方" in html and "ローカルSDGsビジネスの3つの条件" in html
    assert "下書きの手引き" not in html


def test_guide_detail_with_contents_and_related(visitor, make_guide):
    guide = make_guide()
    make_guide(title="同じ分類の資料")
    html = get(visitor, reverse("cases:guide", args=[guide.slug]))
    assert '<a href="#section-1">はじめに</a>' in html
    assert '<h2 id="section-2">進め方</h2>' in html
    assert "同じ分類の資料" in html


def test_an_unpublished_guide_is_hidden(client_as, make_guide, outsider, staff):
    guide = make_guide(published=False)
    url = reverse("cases:guide", args=[guide.slug])
    assert client_as(None).get(url).status_code == 404
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(staff).get(url).status_code == 200


def test_unknown_pages_are_404(client):
    assert client.get(reverse("cases:detail", args=["nothing"])).status_code == 404
    assert client.get(reverse("cases:guide", args=["nothing"])).status_code == 404


def test_a_case_cannot_take_the_guides_address(make_case):
    from django.core.exceptions import ValidationError

    case = make_case(slug="guides-not")
    case.slug = "guides"
    with pytest.raises(ValidationError):
        case.full_clean()

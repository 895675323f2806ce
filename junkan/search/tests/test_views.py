"""The search page: Japanese segmentation at work, variants, no leaks, constant queries, accessible markup."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.registry import services as registry_services

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


@pytest.fixture(params=["anonymous", "owner", "member", "outsider", "staff"])
def visitor(request, client_as, organization):
    user = None if request.param == "anonymous" else request.getfixturevalue(request.param)
    return client_as(user)


def body(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def after_form(html: str) -> str:
    """The page after the search form: the count and the results."""
    return html.split('role="status"', 1)[1]


def test_the_empty_page_has_the_form_and_no_results(visitor):
    html = body(visitor)
    assert 'role="search"' in html
    assert 'name="q"' in html
    assert "検索結果は" not in html


def test_a_word_inside_a_compound_is_found(visitor, make_case):
    """The document says only 木質バイオマス; the query バイオマス finds it through segmentation."""
    make_case(title="山の町の熱供給", actions="町の木質バイオマスボイラーで熱をつくります。")
    html = body(visitor, q="バイオマス")
    assert "山の町の熱供給" in html
    assert "<mark>バイオマス</mark>" in html
    assert "「バイオマス」の検索結果は1件です。" in html


def test_a_compound_query_finds_its_parts_in_order(client, make_case):
    make_case(title="熱の話", actions="木質のペレットと、別の段落のバイオマス。")
    assert "熱の話" in body(client, q="木質バイオマス")


@pytest.mark.parametrize(
    ("written", "query"),
    [
        ("需給のシュミレーション", "シミュレーション"),
        ("需給のシミュレーション", "シュミレーション"),
        ("学校附属の農場", "付属"),
    ],
)
def test_a_variant_spelling_finds_the_document(client, make_case, written, query):
    make_case(title="表記の事例", actions=f"{written}を行いました。")
    html = body(client, q=query)
    assert "表記の事例" in html
    assert "検索結果は1件です。" in html


def test_pending_refused_and_revoked_registrations_never_appear(
    visitor, make_region, make_company, owner, staff, approve
):
    pending = make_region(name="審査中の地域", challenges="秘密のキーワード")
    registry_services.submit(owner, pending)
    make_company(titles=("作成中の秘密のキーワード技術",))
    approved = make_region(name="公開中の地域", challenges="公開のキーワード")
    approve(approved)
    revoked = make_region(name="取消しの地域", challenges="秘密のキーワード")
    approve(revoked)
    registry_services.revoke(staff, revoked, "終了")
    html = body(visitor, q="キーワード")
    assert "公開中の地域" in html
    for hidden in ("審査中の地域", "作成中の秘密", "取消しの地域", "秘密"):
        assert hidden not in after_form(html)


def test_unpublished_cases_never_appear(client, make_case, staff, client_as):
    make_case(title="下書きのバイオマス事例", published=False)
    assert "下書きのバイオマス事例" not in body(client, q="バイオマス")
    assert "下書きのバイオマス事例" not in body(client_as(staff), q="バイオマス")


def test_result_count_is_announced(client, make_case):
    make_case()
    html = body(client, q="バイオマス")
    status = html.split('role="status"', 1)[1].split("</div>", 1)[0]
    assert "検索結果は1件です。" in status


def test_filters_and_kind_links(client, make_case, make_region, approve):
    make_case(title="北海道の熱", actions="木質バイオマスの熱", codes=("014681",))
    approve(make_region(challenges="木質バイオマスの熱を使いたい"))
    html = body(client, q="バイオマス", prefecture="01")
    assert "北海道の熱" in html and "南信州 地域循環共生圏" not in after_form(html)
    html = body(client, q="バイオマス")
    assert "事例（1件）" in html and "実践地域（1件）" in html
    html = body(client, q="バイオマス", kind="region")
    assert "北海道の熱" not in after_form(html)
    assert 'aria-current="page">実践地域（1件）' in html


def test_a_bad_filter_is_reported_and_the_words_are_kept(client, make_case):
    make_case()
    html = body(client, q="バイオマス", prefecture="99")
    assert 'role="alert"' in html
    assert 'value="バイオマス"' in html


def test_html_in_documents_and_queries_is_escaped(client, make_case):
    make_case(title="<script>alert(1)</script>バイオマス")
    html = body(client, q="<b>バイオマス</b>")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<b>バイオマス" not in html


def test_pages_keep_the_query(client, make_case):
    for i in range(25):
        make_case(title=f"森林の事例{i}")
    html = body(client, q="森林", page=2)
    assert "検索結果は25件です。" in html
    assert 'start="21"' in html
    assert "q=%E6%A3%AE%E6%9E%97&amp;page=1" in html


def test_query_count_does_not_grow_with_results(client, make_case, make_region, approve):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL, {"q": "バイオマス", "resource": "forest"}).status_code == 200
        return len(context.captured_queries)

    make_case()
    approve(make_region(challenges="木質バイオマス"))
    few = queries()
    for i in range(18):
        make_case(title=f"木質バイオマスの事例{i}")
    assert queries() == few
    assert few <= 10


def test_a_phrase_query_of_several_words_uses_one_more_query_only(client, make_case):
    make_case(title="小田原の事例", actions="多様な主体の協働による森里川海資源の活用")
    with CaptureQueriesContext(connection) as context:
        html = body(client, q="森里川海")
    assert "小田原の事例" in html
    assert "<mark>森里川海</mark>" in html
    assert len(context.captured_queries) <= 11


def test_the_page_is_cached_until_the_index_or_the_filters_change(client, make_case):
    """The rendered page is kept per query (search.views: the index's scope and the filters' lists): a
    document indexed, changed or removed, or a renamed filter choice, is on the very next request."""
    case = make_case(title="最初の熱供給")
    assert "最初の熱供給" in after_form(body(client, q="間伐材"))
    with CaptureQueriesContext(connection) as cached:
        assert "最初の熱供給" in after_form(body(client, q="間伐材"))
    assert len(cached) == 0
    make_case(title="あとから加えた熱供給")
    assert "あとから加えた熱供給" in after_form(body(client, q="間伐材"))
    case.title = "名前を変えた熱供給"
    case.save()
    html = after_form(body(client, q="間伐材"))
    assert "名前を変えた熱供給" in html and "最初の熱供給" not in html
    case.delete()
    assert "名前を変えた熱供給" not in after_form(body(client, q="間伐材"))

    from junkan.registry.models import LocalResource

    resource = LocalResource.objects.get(code="forest")
    resource.name = "改めた地域資源の名前"
    resource.save(update_fields=["name"])
    assert "改めた地域資源の名前" in body(client, q="間伐材")
    assert client.get(URL, {"q": "間伐材", "page": "9"}).status_code == 404
    assert client.get(URL, {"q": "間伐材", "page": "9"}).status_code == 404

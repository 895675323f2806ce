"""sitemap.xml from every app, robots.txt, and the title, description and Open Graph tags of public pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from junkan.portal.seo import collected_sitemaps
from junkan.registry.models import RegistrationStatus as S
from junkan.support.models import Expert, SupportField

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return [loc.text for loc in root.iter(f"{NS}loc")]


def test_sitemap_lists_approved_registrations_and_never_pending_ones(client, make_region, make_company):
    approved = make_region("承認済みの地域", ["202053"])
    hidden = [
        make_region(f"{status}の地域", ["202053"], status=status)
        for status in (S.DRAFT, S.SUBMITTED, S.REFUSED, S.REVOKED)
    ]
    company = make_company("株式会社承認済み（架空）")
    pending_company = make_company("株式会社審査中（架空）", status=S.SUBMITTED)
    urls = sitemap_urls(client)
    assert f"http://testserver/registry/regions/{approved.pk}/" in urls
    assert f"http://testserver/registry/companies/{company.pk}/" in urls
    for region in hidden:
        assert f"http://testserver/registry/regions/{region.pk}/" not in urls
    assert f"http://testserver/registry/companies/{pending_company.pk}/" not in urls
    assert len(urls) == len(set(urls))


def test_sitemap_has_every_app_s_public_pages(client, make_news):
    news = make_news("公開済み")
    draft = make_news("下書き", published=False)
    expert = Expert.objects.create(name="公開 専門家", affiliation="架空", bio="経歴", is_published=True)
    hidden_expert = Expert.objects.create(name="非公開 専門家", affiliation="架空", bio="経歴")
    expert.fields.set(SupportField.objects.all()[:1])
    urls = sitemap_urls(client)
    for path in ("/", "/tsunagaru/", "/deau/", "/news/", "/registry/", "/registry/companies/", "/programs/"):
        assert f"http://testserver{path}" in urls
    for name in ("support:experts", "support:organizations", "support:measures", "support:funding"):
        assert f"http://testserver{reverse(name)}" in urls
    assert f"http://testserver{news.get_absolute_url()}" in urls
    assert f"http://testserver{draft.get_absolute_url()}" not in urls
    assert f"http://testserver/support/experts/{expert.pk}/" in urls
    assert f"http://testserver/support/experts/{hidden_expert.pk}/" not in urls


def test_sitemaps_are_collected_from_every_app_that_has_them():
    keys = collected_sitemaps()
    for key in ("portal-pages", "portal-news", "registry-regions", "registry-companies", "programs-calls"):
        assert key in keys
    assert any(key.startswith("support-") for key in keys)


def test_sitemap_lists_published_calls_only(client):
    from junkan.programs.models import Program

    published = Program.objects.filter(published=True).values_list("slug", flat=True)
    drafts = Program.objects.filter(published=False).values_list("slug", flat=True)
    urls = sitemap_urls(client)
    for slug in published:
        assert f"http://testserver/programs/{slug}/" in urls
    for slug in drafts:
        assert f"http://testserver/programs/{slug}/" not in urls


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_sitemap_query_count_does_not_grow(client, make_region, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_region("地域0", ["202053"])
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")
    for i in range(1, 20):
        make_region(f"地域{i}", ["202053"])
    with CaptureQueriesContext(connection) as many:
        client.get("/sitemap.xml")
    assert len(many) == len(few)


PUBLIC_PAGES = [
    "/",
    "/tsunagaru/",
    "/deau/",
    "/news/",
    "/support/experts/",
    "/support/organizations/",
    "/support/measures/",
    "/support/funding/",
]


def _meta(body: str, attribute: str, name: str) -> list[str]:
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', body)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_share_well(client, path):
    body = client.get(path).content.decode()
    title = re.search(r"<title>(.+?)</title>", body, re.DOTALL).group(1).strip()
    assert title.endswith("| 地域循環共生圏プラットフォーム 循環")
    descriptions = _meta(body, "name", "description")
    assert len(descriptions) == 1
    assert 20 <= len(descriptions[0]) <= 160
    assert _meta(body, "property", "og:title") == [title.split(" | ")[0]]
    assert _meta(body, "property", "og:description") == descriptions
    assert _meta(body, "property", "og:type") == ["website"]
    assert _meta(body, "property", "og:url") == [f"http://testserver{path}"]


def test_each_public_page_has_its_own_description(client):
    seen = {}
    for path in PUBLIC_PAGES:
        body = client.get(path).content.decode()
        seen[path] = _meta(body, "name", "description")[0]
    assert len(set(seen.values())) == len(seen)


def test_a_page_without_a_description_gets_the_default(client):
    body = client.get("/accounts/login/").content.decode()
    (description,) = _meta(body, "name", "description")
    assert "地域循環共生圏" in description


def test_description_from_extra_head_is_not_written_twice(rf):
    from django.template import engines

    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}試験{% endblock %}'
        '{% block extra_head %}<meta name="description" content="ページ独自の説明">{% endblock %}'
    )
    request = rf.get("/x/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    body = template.render({"request": request, "user": request.user}, request)
    assert _meta(body, "name", "description") == ["ページ独自の説明"]
    assert _meta(body, "property", "og:description") == ["ページ独自の説明"]
    assert _meta(body, "property", "og:title") == ["試験"]


def test_open_graph_tags_from_extra_head_are_not_written_twice(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines

    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}事例{% endblock %}{% block extra_head %}'
        '<meta name="description" content="It\'s 事例の説明">'
        '<meta property="og:type" content="article"><meta property="og:title" content="事例の題名">'
        "{% endblock %}"
    )
    request = rf.get("/cases/x/")
    request.user = AnonymousUser()
    body = template.render({"request": request, "user": request.user}, request)
    assert _meta(body, "property", "og:type") == ["article"]
    assert _meta(body, "property", "og:title") == ["事例の題名"]
    assert _meta(body, "property", "og:description") == ["It&#x27;s 事例の説明"]
    assert _meta(body, "property", "og:url") == ["http://testserver/cases/x/"]
    assert len(_meta(body, "name", "description")) == 1


def test_quotes_and_tags_in_a_title_are_escaped_in_meta(client, make_news):
    item = make_news('"引用" <b>と</b> & 記号', body='本文 "引用"')
    body = client.get(item.get_absolute_url()).content.decode()
    assert _meta(body, "property", "og:title") == ["&quot;引用&quot; &lt;b&gt;と&lt;/b&gt; &amp; 記号"]
    assert _meta(body, "name", "description") == ["本文 &quot;引用&quot;"]


@pytest.mark.parametrize(
    "url_name",
    ["cases:list", "cases:guides", "events:list", "programs:list", "registry:regions", "search:results"],
)
def test_other_apps_pages_have_each_share_tag_once(client, url_name):
    body = client.get(reverse(url_name)).content.decode()
    assert len(_meta(body, "name", "description")) == 1
    for name in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
        assert len(_meta(body, "property", name)) == 1, name

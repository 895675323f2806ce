"""News: list and detail as everyone, drafts and scheduled items hidden, the Atom feed, the admin."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.portal.models import News

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("who", ["anonymous", "owner", "member", "outsider", "staff"])
def test_news_list_shows_published_items_newest_first(client_as, people, make_news, who):
    make_news("古いお知らせ", days_ago=10)
    make_news("新しいお知らせ", days_ago=1)
    make_news("下書きのお知らせ", published=False)
    make_news("予約のお知らせ", days_ago=-3)  # published in three days
    response = client_as(people[who]).get(reverse("portal:news_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("新しいお知らせ") < body.index("古いお知らせ")
    assert "下書きのお知らせ" not in body
    assert "予約のお知らせ" not in body


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("owner", 404), ("member", 404), ("outsider", 404), ("staff", 200)],
)
def test_unpublished_news_is_hidden_except_from_the_secretariat(client_as, people, make_news, who, status):
    draft = make_news("下書きのお知らせ", published=False)
    scheduled = make_news("予約のお知らせ", days_ago=-1)
    for item in (draft, scheduled):
        response = client_as(people[who]).get(item.get_absolute_url())
        assert response.status_code == status
    if status == 200:
        assert "非公開（事務局のみ表示）" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_published_news_detail(client_as, people, make_news, who):
    item = make_news("サイトを公開しました", body="一段落目。\n\n二段落目。")
    body = client_as(people[who]).get(item.get_absolute_url()).content.decode()
    assert "<h1>サイトを公開しました</h1>" in body
    assert "<p>一段落目。</p>" in body and "<p>二段落目。</p>" in body
    assert '<meta property="og:type" content="article">' in body
    assert '<meta name="description" content="一段落目。 二段落目。">' in body


def test_news_list_query_count_is_constant(client, make_news, django_assert_max_num_queries):
    for i in range(2):
        make_news(f"お知らせ{i}")
    with django_assert_max_num_queries(3):
        client.get(reverse("portal:news_list"))
    for i in range(2, 20):
        make_news(f"お知らせ{i}")
    with django_assert_max_num_queries(3):
        client.get(reverse("portal:news_list"))


def test_atom_feed_is_valid_atom(client, make_news):
    make_news("古いお知らせ", days_ago=10)
    make_news("新しいお知らせ", days_ago=1, body="本文 <b>太字</b> & 記号")
    make_news("下書きのお知らせ", published=False)
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    # RFC 4287 §4.1.1: feed has id, title, updated, an author (no entry has one) and a self link.
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text
    assert root.find(f"{ATOM}title").text == "循環：お知らせ"
    datetime.fromisoformat(root.find(f"{ATOM}updated").text)
    assert root.find(f"{ATOM}author/{ATOM}name").text == "地域循環共生圏プラットフォーム事務局"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/news/feed/"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/news/"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["新しいお知らせ", "古いお知らせ"]
    ids = set()
    for entry in entries:
        # §4.1.2: each entry has id, title, updated and a link (no content, so an alternate link).
        ids.add(entry.find(f"{ATOM}id").text)
        updated = datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        published = datetime.fromisoformat(entry.find(f"{ATOM}published").text)
        assert updated >= published
        assert published.utcoffset().total_seconds() == 9 * 3600  # Japan time
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/news/")
    assert len(ids) == 2
    assert (
        entries[0].find(f"{ATOM}summary").text == "本文 <b>太字</b> & 記号"
    )  # escaped once, read back as text


def test_every_page_advertises_the_feed(client):
    body = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in body
    assert 'href="/news/feed/"' in body


def test_secretariat_writes_news_in_the_admin_and_it_is_audited(client_as, staff):
    client = client_as(staff)
    response = client.post(
        reverse("admin:portal_news_add"),
        {
            "title": "イベントのお知らせ",
            "body": "フォーラムを開催します。",
            "published_at_0": "2026-01-05",
            "published_at_1": "10:00:00",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    news = News.objects.get()
    assert news.title == "イベントのお知らせ" and news.is_published
    entry = AuditEntry.objects.get(action="portal.news.created")
    assert entry.actor == staff
    assert entry.changes["title"] == [None, "イベントのお知らせ"]
    response = client.post(
        reverse("admin:portal_news_change", args=[news.pk]),
        {
            "title": "フォーラムのお知らせ",
            "body": news.body,
            "published_at_0": "2026-01-05",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    changed = AuditEntry.objects.get(action="portal.news.changed")
    assert changed.changes["title"] == ["イベントのお知らせ", "フォーラムのお知らせ"]
    assert changed.changes["is_published"] == [True, False]


@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_others_cannot_use_the_news_admin(client_as, people, who):
    response = client_as(people[who]).get(reverse("admin:portal_news_add"))
    assert response.status_code == 302  # to the admin login: they are not staff
    assert not News.objects.exists()

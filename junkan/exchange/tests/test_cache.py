"""The exchange's lists are cached per change (``exchange.caching``): a change shows on the very next request,
each kind of viewer sees only what it may, and the cached forms carry each request's own CSRF token."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from junkan.exchange import caching, services
from junkan.exchange.models import Consultation, ConsultationStatus, Report, Theme, Topic

pytestmark = pytest.mark.django_db


def test_the_themes_follow_topics_and_titles(client_as, topic, theme, member, owner, organization):
    url = reverse("exchange:themes")
    assert "話題 1件" in client_as(member).get(url).text
    services.start_topic(owner, theme, organization, "question", "二つ目", "本文")
    assert "話題 2件" in client_as(member).get(url).text
    theme.title = "改めたテーマ名"
    theme.save(update_fields=["title"])
    assert "改めたテーマ名" in client_as(None).get(url).text
    assert "改めたテーマ名" in client_as(member).get(url).text


def test_a_themes_topics_follow_every_change(client_as, topic, theme, organization, owner, member, staff):
    url = reverse("exchange:theme", args=[theme.slug])
    assert topic.title in client_as(member).get(url).text
    # a reply: its count
    services.post_reply(member, topic, organization, "返信です")
    row = re.search(r'data-label="返信">(\d+)<', client_as(member).get(url).text)
    assert row and row.group(1) == "1"
    # a new topic, a renamed organization
    services.start_topic(member, theme, organization, "experience", "新しい話題", "本文")
    organization.name = "改名した市"
    organization.save(update_fields=["name"])
    page = client_as(member).get(url).text
    assert "新しい話題" in page and "改名した市" in page
    # hidden: gone for the other participants, still listed for its author and the secretariat
    services.hide(staff, topic, "理由")
    assert topic.title not in client_as(member).get(url).text
    assert topic.title in client_as(owner).get(url).text
    assert topic.title in client_as(staff).get(url).text
    services.unhide(staff, topic, "誤り")
    assert topic.title in client_as(member).get(url).text
    # the theme itself: closed for new topics
    theme.is_active = False
    theme.save(update_fields=["is_active"])
    assert "話題を投稿する" not in client_as(member).get(url).text


def test_a_topics_replies_follow_every_change(client_as, topic, organization, owner, member, staff):
    url = reverse("exchange:topic", args=[topic.pk])
    assert "返信はまだありません" in client_as(owner).get(url).text
    reply = services.post_reply(member, topic, organization, "最初の返信")
    assert "最初の返信" in client_as(owner).get(url).text
    member.full_name = "改名 花子"
    member.save(update_fields=["full_name"])
    assert "改名 花子" in client_as(owner).get(url).text
    services.hide(staff, reply, "個人情報を含むため")
    assert "最初の返信" not in client_as(owner).get(url).text
    assert "最初の返信" in client_as(member).get(url).text  # its author still sees it, with the reason
    staff_page = client_as(staff).get(url).text
    assert "最初の返信" in staff_page and "個人情報を含むため" in staff_page and "再表示する" in staff_page
    assert "再表示する" not in client_as(member).get(url).text  # moderation forms for the secretariat only


def test_signing_in_does_not_empty_the_forum_cache(topic, member):
    from django.contrib.auth.models import update_last_login

    from junkan.common import cache

    before = cache.tokens(caching.SCOPE)
    update_last_login(None, member)
    assert cache.tokens(caching.SCOPE) == before


def _token(page: str, action: str) -> str:
    form = page[page.index(f'action="{action}"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_the_cached_forms_carry_each_requests_own_csrf_token(topic, owner, member):
    url = reverse("exchange:topic", args=[topic.pk])
    report = reverse("exchange:report", args=["topic", topic.pk])
    for person, reason in ((owner, "一度目"), (member, "二度目")):  # the second page is read from the cache
        client = Client(enforce_csrf_checks=True)
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        page = client.get(url).text
        assert caching.CSRF_PLACEHOLDER not in page
        response = client.post(report, {"reason": reason, "csrfmiddlewaretoken": _token(page, report)})
        assert response.status_code == 302
    assert list(Report.objects.order_by("id").values_list("reason", flat=True)) == ["一度目", "二度目"]


def test_the_secretariats_consultations_follow_every_change(client_as, region, organization, member, staff):
    url = reverse("exchange:consultations")
    assert "相談はありません" in client_as(staff).get(url).text
    consultation = services.open_consultation(member, organization, "補助金の相談", "本文")
    page = client_as(staff).get(url).text
    assert "補助金の相談" in page and "受付（回答待ち）" in page
    services.move(staff, consultation, "answered", "回答です")
    assert "回答済み" in client_as(staff).get(url).text
    received = client_as(staff).get(url, {"status": ConsultationStatus.RECEIVED}).text
    assert "補助金の相談" not in received
    member.full_name = "相談 次郎"
    member.save(update_fields=["full_name"])
    assert "相談 次郎" in client_as(staff).get(url).text
    assert "補助金の相談" in client_as(member).get(url).text  # the asker's own list


def test_a_page_that_does_not_exist_is_404_cached_or_not(client_as, topic, theme, member, staff):
    assert (
        client_as(member).get(reverse("exchange:theme", args=[theme.slug]), {"page": "2"}).status_code == 404
    )
    assert client_as(member).get(reverse("exchange:topic", args=[topic.pk]), {"page": "2"}).status_code == 404
    assert client_as(staff).get(reverse("exchange:consultations"), {"page": "2"}).status_code == 404
    assert client_as(member).get(reverse("exchange:theme", args=["nothing"])).status_code == 404


def _many(theme: Theme, topic: Topic, organization, person, n: int) -> None:
    for i in range(n):
        extra = services.start_topic(person, theme, organization, "question", f"話題{i}", "本文")
        services.post_reply(person, extra, organization, "返信")
        services.post_reply(person, topic, organization, f"返信{i}")
        services.open_consultation(person, organization, f"相談{i}", "本文")


def test_query_counts_do_not_grow_with_the_lists(
    client_as, topic, theme, organization, member, staff, django_assert_num_queries
):
    pages = [
        (member, reverse("exchange:themes"), 4),  # session, person, roles, their registered organizations
        (member, reverse("exchange:theme", args=[theme.slug]), 4),
        (member, reverse("exchange:topic", args=[topic.pk]), 5),  # + the topic (its permission)
        (staff, reverse("exchange:consultations"), 3),  # session, person, roles (the TOTP check is cached)
    ]
    for n in (1, 6):
        _many(theme, topic, organization, member, n)
        for person, url, queries in pages:
            client = client_as(person)
            client.get(url)  # fills the cache
            with django_assert_num_queries(queries):
                assert client.get(url).status_code == 200
    assert Consultation.objects.count() == 7

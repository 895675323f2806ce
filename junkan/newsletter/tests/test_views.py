"""Mail magazine pages: public subscription pages and the secretariat's pages as every kind of person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from junkan.newsletter import services, tokens
from junkan.newsletter.models import Delivery, DeliveryStatus, Issue, IssueStatus, Subscriber

pytestmark = pytest.mark.django_db


def who(name, owner, member, outsider, staff):
    return {"owner": owner, "member": member, "outsider": outsider, "staff": staff, "anonymous": None}[name]


def test_subscribe_page(client):
    page = client.get(reverse("newsletter:subscribe")).content.decode()
    assert '<meta name="description"' in page
    assert 'name="email"' in page


def test_subscribe_prefills_the_account_address(client_as, outsider):
    page = client_as(outsider).get(reverse("newsletter:subscribe")).content.decode()
    assert 'value="outsider@example.jp"' in page


def test_subscribe_says_the_same_for_every_address(
    client, make_subscriber, django_capture_on_commit_callbacks
):
    make_subscriber("known@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("newsletter:subscribe"), {"email": "known@example.jp"})
        new = client.post(reverse("newsletter:subscribe"), {"email": "new@example.jp"})
    assert known.url == new.url == reverse("newsletter:requested")
    assert [m.to for m in mail.outbox] == [["new@example.jp"]]


def test_bad_address_keeps_the_input(client):
    response = client.post(reverse("newsletter:subscribe"), {"email": "not an address"})
    assert response.status_code == 200
    assert 'value="not an address"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_confirm_needs_the_button(client):
    subscriber = services.request_subscription(None, "a@example.jp")
    url = reverse("newsletter:confirm", args=[tokens.confirm_token(subscriber)])
    assert "購読を確定する" in client.get(url).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"  # opening the link (a mail scanner) does not subscribe
    assert "登録が完了しました" in client.post(url).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    # Used: the link now says so.
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("token", ["garbage", "1-abc", "WzFd:1u:x"])
def test_bad_links_say_so(client, token):
    for name in ("confirm", "unsubscribe"):
        response = client.get(reverse(f"newsletter:{name}", args=[token]))
        assert response.status_code == 404
        assert "このリンクは使えません" in response.content.decode()


def test_unsubscribe_page_and_one_click(make_subscriber):
    subscriber = make_subscriber("a@example.jp")
    client = Client(enforce_csrf_checks=True)
    url = reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)])
    assert "配信を停止する" in client.get(url).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "配信を停止しました" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert "すでに停止しています" in client.get(url).content.decode()


# Secretariat -------------------------------------------------------------------------------------

SECRETARIAT_PAGES = ["manage", "issue_create"]


@pytest.mark.parametrize(
    ("name", "status"), [("staff", 200), ("owner", 404), ("outsider", 404), ("anonymous", 302)]
)
def test_secretariat_pages(client_as, owner, member, outsider, staff, make_subscriber, name, status):
    issue = services.save_issue(staff, {"subject": "件名", "body": "本文", "segment": "all"})
    client = client_as(who(name, owner, member, outsider, staff))
    urls = [reverse(f"newsletter:{page}") for page in SECRETARIAT_PAGES] + [
        reverse(f"newsletter:{page}", args=[issue.pk]) for page in ("issue", "issue_edit", "issue_log")
    ]
    for url in urls:
        assert client.get(url).status_code == status, url
    make_subscriber("a@example.jp")
    send = reverse("newsletter:issue_send", args=[issue.pk])
    confirm = client.get(send)
    assert confirm.status_code == status
    if status == 200:
        assert "元に戻せないこと" in confirm.content.decode() and "1人" in confirm.content.decode()
    client.post(send)  # without the confirmation nothing is sent
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    response = client.post(send, {"confirmed": "yes"})
    assert response.status_code == (302 if status == 200 else status)
    issue.refresh_from_db()
    assert (issue.status == IssueStatus.DRAFT) == (name != "staff")


def test_create_and_preview(client_as, staff, make_subscriber):
    make_subscriber("a@example.jp")
    client = client_as(staff)
    response = client.post(
        reverse("newsletter:issue_create"), {"subject": "夏のお知らせ", "segment": "all", "body": "本文です"}
    )
    issue = Issue.objects.get()
    assert response.url == reverse("newsletter:issue", args=[issue.pk])
    page = client.get(response.url).content.decode()
    assert "[循環メールマガジン 第1号] 夏のお知らせ" in page
    assert "（購読者ごとの配信停止のリンク）" in page
    assert "1人に配信する" in page


def test_issue_errors_keep_the_input(client_as, staff):
    response = client_as(staff).post(
        reverse("newsletter:issue_create"), {"subject": "", "segment": "all", "body": "下書きの本文"}
    )
    assert response.status_code == 200
    assert "下書きの本文" in response.content.decode()
    assert not Issue.objects.exists()


def test_sent_issue_cannot_be_edited(client_as, staff, make_subscriber, django_capture_on_commit_callbacks):
    make_subscriber("a@example.jp")
    issue = services.save_issue(staff, {"subject": "件名", "body": "本文", "segment": "all"})
    with django_capture_on_commit_callbacks(execute=True):
        client_as(staff).post(reverse("newsletter:issue_send", args=[issue.pk]), {"confirmed": "yes"})
    assert len(mail.outbox) == 1
    assert client_as(staff).get(reverse("newsletter:issue_edit", args=[issue.pk])).status_code == 403
    again = client_as(staff).post(reverse("newsletter:issue_send", args=[issue.pk]), {"confirmed": "yes"})
    assert again.status_code == 302  # back to the issue with the reason; nothing sent twice
    assert len(mail.outbox) == 1


def test_send_to_nobody_shows_a_message(client_as, staff):
    issue = services.save_issue(staff, {"subject": "件名", "body": "本文", "segment": "companies"})
    response = client_as(staff).post(
        reverse("newsletter:issue_send", args=[issue.pk]), {"confirmed": "yes"}, follow=True
    )
    assert "購読者がいません" in response.content.decode()


def fill(staff, make_subscriber, start, count):
    """``count`` sent issues, each delivered to one new subscriber."""
    for n in range(start, start + count):
        subscriber = make_subscriber(f"p{n}@example.jp")
        issue = Issue.objects.create(
            number=n + 1, subject=f"第{n + 1}号", body="本文", status=IssueStatus.SENT, created_by=staff
        )
        Delivery.objects.create(
            issue=issue, subscriber=subscriber, status=DeliveryStatus.SENT, sent_at=timezone.now()
        )


def test_manage_query_count_does_not_grow(client_as, staff, make_subscriber, django_assert_max_num_queries):
    client = client_as(staff)
    fill(staff, make_subscriber, 0, 2)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("newsletter:manage"))
    fill(staff, make_subscriber, 2, 18)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("newsletter:manage"))
    page = response.content.decode()
    assert "第20号" in page
    assert response.context["page"].paginator.count == 20


def test_log_query_count_does_not_grow(client_as, staff, make_subscriber, django_assert_max_num_queries):
    issue = Issue.objects.create(number=1, subject="件名", body="本文", status=IssueStatus.SENDING)

    def add(start, count):
        for n in range(start, start + count):
            Delivery.objects.create(issue=issue, subscriber=make_subscriber(f"p{n}@example.jp"))

    client = client_as(staff)
    url = reverse("newsletter:issue_log", args=[issue.pk])
    add(0, 2)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    add(2, 18)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert "p19@example.jp" in page
    assert "p3@example.jp" not in client.get(url, {"status": "sent"}).content.decode()


def test_log_marks_stale_sending_rows(client_as, staff, make_subscriber):
    issue = Issue.objects.create(number=1, subject="件名", body="本文", status=IssueStatus.SENDING)
    Delivery.objects.create(
        issue=issue,
        subscriber=make_subscriber("a@example.jp"),
        status=DeliveryStatus.SENDING,
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    page = client_as(staff).get(reverse("newsletter:issue_log", args=[issue.pk])).content.decode()
    assert "送信結果不明" in page

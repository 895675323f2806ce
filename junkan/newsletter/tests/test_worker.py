"""Subscribe, send to a segment and unsubscribe with the production task backend and the real worker.

The database backend of django-tasks-db stores every task; ``manage.py db_worker --batch`` runs what is
queued and exits. Nothing is sent in the request: every mail below went through the queue.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from junkan.newsletter import tasks
from junkan.newsletter.models import Delivery, DeliveryStatus, Issue, IssueStatus, Segment, Subscriber

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings):
    """The production backend (the settings fixture makes django-tasks drop its cached backend)."""
    settings.TASKS = DATABASE_TASKS


def run_worker() -> None:
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload", verbosity=0
    )


def queued() -> Counter:
    from django_tasks_db.models import DBTaskResult

    return Counter(DBTaskResult.objects.values_list("status", flat=True))


def links(name: str) -> dict[str, str]:
    """The newest link of kind ``name`` (confirm / unsubscribe) mailed to each address."""
    found = {}
    for message in mail.outbox:
        match = re.search(rf"http://[^/\s]+(/newsletter/{name}/\S+/)", message.body)
        if match:
            found[message.to[0]] = match.group(1)
    return found


def subscribe(client: Client, addresses: list[str]) -> None:
    for address in addresses:
        response = client.post(reverse("newsletter:subscribe"), {"email": address})
        assert response.status_code == 302
    assert mail.outbox == []  # queued, not sent by the request
    run_worker()
    confirm = links("confirm")
    assert set(confirm) == set(addresses)
    for address in addresses:
        assert client.get(confirm[address]).status_code == 200
        assert "登録が完了しました" in client.post(confirm[address]).content.decode()
    run_worker()  # the welcome mails


def test_subscribe_send_to_a_segment_and_unsubscribe(client_as, staff, approved_region, make_user):
    anonymous = client_as(None)
    region_people = ["owner@example.jp", "member@example.jp", "kankyo@example.jp"]
    others = ["reader@example.jp", "sales@example.jp"]
    subscribe(anonymous, region_people + others)
    assert Subscriber.objects.filter(status="confirmed").count() == 5
    mail.outbox.clear()

    # The secretariat writes an issue for the registered regions and sends it.
    secretariat = client_as(staff)
    response = secretariat.post(
        reverse("newsletter:issue_create"),
        {"subject": "実践地域の皆さまへ", "segment": Segment.REGIONS, "body": "交流会のご案内です。"},
    )
    issue = Issue.objects.get()
    assert response.url == reverse("newsletter:issue", args=[issue.pk])
    assert "3人に配信する" in secretariat.get(response.url).content.decode()
    secretariat.post(reverse("newsletter:issue_send", args=[issue.pk]), {"confirmed": "yes"})
    assert mail.outbox == []
    assert queued()["READY"] == 1
    run_worker()
    received = Counter(message.to[0] for message in mail.outbox)
    assert received == Counter(region_people)  # each exactly once, nobody outside the segment
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    # One of them unsubscribes with the mail program's one-click button (RFC 8058): a POST, no CSRF token.
    message = next(m for m in mail.outbox if m.to == ["member@example.jp"])
    url = message.extra_headers["List-Unsubscribe"].strip("<>").split("://", 1)[1].split("/", 1)[1]
    one_click = Client(enforce_csrf_checks=True).post(
        "/" + url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    assert Subscriber.objects.get(email="member@example.jp").status == "unsubscribed"
    # Another with the link in the text, without logging in.
    unsubscribe = links("unsubscribe")["owner@example.jp"]
    assert "配信を停止する" in anonymous.get(unsubscribe).content.decode()
    anonymous.post(unsubscribe)
    assert Subscriber.objects.get(email="owner@example.jp").status == "unsubscribed"

    # The next issue, to everyone, reaches only those still subscribed.
    mail.outbox.clear()
    secretariat.post(
        reverse("newsletter:issue_create"), {"subject": "第2号", "segment": Segment.ALL, "body": "本文"}
    )
    second = Issue.objects.get(number=2)
    secretariat.post(reverse("newsletter:issue_send", args=[second.pk]), {"confirmed": "yes"})
    run_worker()
    assert Counter(m.to[0] for m in mail.outbox) == Counter(["kankyo@example.jp", *others])

    # Subscribing again works, through the same double opt-in.
    mail.outbox.clear()
    subscribe(anonymous, ["member@example.jp"])
    assert Subscriber.objects.get(email="member@example.jp").status == "confirmed"


def test_failed_batch_is_retried_without_sending_twice(
    client_as, staff, make_subscriber, settings, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    from junkan.newsletter.tests.backends import FlakyBackend

    settings.EMAIL_BACKEND = "junkan.newsletter.tests.backends.FlakyBackend"
    monkeypatch.setattr(tasks, "BATCH_SIZE", 3)
    addresses = [f"p{n}@example.jp" for n in range(7)]
    for address in addresses:
        make_subscriber(address)
    secretariat = client_as(staff)
    secretariat.post(
        reverse("newsletter:issue_create"), {"subject": "お知らせ", "segment": Segment.ALL, "body": "本文"}
    )
    issue = Issue.objects.get()

    # The mail server drops the line at the fifth message: the middle of the second batch.
    FlakyBackend.fail_once_for = {"p4@example.jp"}
    secretariat.post(reverse("newsletter:issue_send", args=[issue.pk]), {"confirmed": "yes"})
    assert queued() == Counter({"READY": 3})
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.jp", "p1@example.jp", "p2@example.jp",
                                                   "p3@example.jp", "p6@example.jp"]  # fmt: skip
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses["p4@example.jp"] == DeliveryStatus.FAILED
    assert statuses["p5@example.jp"] == DeliveryStatus.PENDING
    assert queued() == Counter({"SUCCESSFUL": 2, "FAILED": 1, "READY": 1})  # the retry waits
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["args"][2] == 2  # the second attempt
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING
    page = secretariat.get(reverse("newsletter:issue_log", args=[issue.pk])).content.decode()
    assert "SMTPServerDisconnected" in page

    # Time passes; the worker runs the retry: only the two unsent go out.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    run_worker()
    received = Counter(m.to[0] for m in mail.outbox)
    assert received == Counter(addresses)  # everyone exactly once
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert Delivery.objects.get(subscriber__email="p4@example.jp").attempts == 2

    # A retry pressed afterwards, or another worker, sends nothing more.
    response = secretariat.post(reverse("newsletter:issue_retry", args=[issue.pk]))
    assert response.status_code == 403
    tasks.send_batch.enqueue(issue.pk, list(Delivery.objects.values_list("pk", flat=True)))
    run_worker()
    assert Counter(m.to[0] for m in mail.outbox) == Counter(addresses)


def test_secretariat_retries_what_automatic_retries_left(
    client_as, staff, make_subscriber, settings, monkeypatch
):
    from junkan.newsletter.tests.backends import FlakyBackend

    settings.EMAIL_BACKEND = "junkan.newsletter.tests.backends.FlakyBackend"
    monkeypatch.setattr(tasks, "MAX_BATCH_ATTEMPTS", 1)  # no automatic retry
    for n in range(3):
        make_subscriber(f"p{n}@example.jp")
    secretariat = client_as(staff)
    secretariat.post(
        reverse("newsletter:issue_create"), {"subject": "お知らせ", "segment": Segment.ALL, "body": "本文"}
    )
    issue = Issue.objects.get()
    FlakyBackend.fail_once_for = {"p1@example.jp"}
    secretariat.post(reverse("newsletter:issue_send", args=[issue.pk]), {"confirmed": "yes"})
    run_worker()
    assert [m.to[0] for m in mail.outbox] == ["p0@example.jp"]
    page = secretariat.get(reverse("newsletter:issue", args=[issue.pk])).content.decode()
    assert "未送信分（2件）を再送する" in page
    secretariat.post(reverse("newsletter:issue_retry", args=[issue.pk]))
    run_worker()
    assert Counter(m.to[0] for m in mail.outbox) == Counter(
        ["p0@example.jp", "p1@example.jp", "p2@example.jp"]
    )
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT

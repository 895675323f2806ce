"""Double opt-in, unsubscribe, segments, and sending an issue without ever sending anyone two mails."""

from __future__ import annotations

import re
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.newsletter import segments, services, tasks, tokens
from junkan.newsletter.models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    Segment,
    Subscriber,
    SubscriberStatus,
)

S = SubscriberStatus
D = DeliveryStatus
pytestmark = pytest.mark.django_db


def link(message, name):
    return re.search(rf"http://\S+/newsletter/{name}/\S+/", message.body).group(0)


# Subscription ------------------------------------------------------------------------------------


def test_double_opt_in(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = services.request_subscription(None, " Hanako@Example.JP ")
    assert subscriber.email == "hanako@example.jp"
    assert subscriber.status == S.PENDING
    [message] = mail.outbox
    assert message.to == ["hanako@example.jp"]
    token = link(message, "confirm").split("/")[-2]
    assert segments.recipients(Segment.ALL).count() == 0  # not subscribed until confirmed

    found = tokens.subscriber_from_confirm_token(token)
    assert found == subscriber
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(None, found)
    subscriber.refresh_from_db()
    assert subscriber.status == S.CONFIRMED and subscriber.confirmed_at
    assert list(segments.recipients(Segment.ALL)) == [subscriber]
    welcome = mail.outbox[1]
    assert tokens.unsubscribe_url(subscriber) in welcome.body
    # The confirmation link works once.
    assert tokens.subscriber_from_confirm_token(token) is None
    with pytest.raises(ValidationError):
        services.confirm(None, found)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["newsletter.subscriber.requested", "newsletter.subscriber.confirmed"]


def test_confirmation_link_expires():
    subscriber = services.request_subscription(None, "a@example.jp")
    with mock.patch("django.core.signing.time.time", return_value=1_000_000_000):
        old = tokens.confirm_token(subscriber)
    assert tokens.subscriber_from_confirm_token(old) is None
    assert tokens.subscriber_from_confirm_token(tokens.confirm_token(subscriber)) == subscriber


@pytest.mark.parametrize("token", ["", "garbage", "WzEsImFiYyJd:1u:xyz", "1-abc"])
def test_forged_confirmation_links(token):
    services.request_subscription(None, "a@example.jp")
    assert tokens.subscriber_from_confirm_token(token) is None


def test_confirmed_address_gets_no_second_mail(make_subscriber, django_capture_on_commit_callbacks):
    make_subscriber("a@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = services.request_subscription(None, "A@example.jp")
    assert subscriber.status == S.CONFIRMED
    assert mail.outbox == []


def test_repeated_requests_are_throttled(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_subscription(None, "a@example.jp")
        services.request_subscription(None, "a@example.jp")
    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1


def test_unsubscribe_and_subscribe_again(make_subscriber, django_capture_on_commit_callbacks):
    subscriber = make_subscriber("a@example.jp")
    token = tokens.unsubscribe_token(subscriber)
    assert tokens.subscriber_from_unsubscribe_token(token) == subscriber
    services.unsubscribe(None, subscriber)
    services.unsubscribe(None, subscriber)  # twice: nothing more happens
    subscriber.refresh_from_db()
    assert subscriber.status == S.UNSUBSCRIBED
    assert AuditEntry.objects.filter(action="newsletter.subscriber.unsubscribed").count() == 1
    assert segments.recipients(Segment.ALL).count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        services.request_subscription(None, "a@example.jp")
    subscriber.refresh_from_db()
    assert subscriber.status == S.PENDING
    services.confirm(
        None, tokens.subscriber_from_confirm_token(link(mail.outbox[-1], "confirm").split("/")[-2])
    )
    subscriber.refresh_from_db()
    assert subscriber.status == S.CONFIRMED
    # The unsubscribe link stays the same and keeps working.
    assert tokens.subscriber_from_unsubscribe_token(token) == subscriber


def test_unsubscribing_voids_a_pending_confirmation_link():
    subscriber = services.request_subscription(None, "a@example.jp")
    token = tokens.confirm_token(subscriber)
    services.unsubscribe(None, subscriber)
    assert tokens.subscriber_from_confirm_token(token) is None


@pytest.mark.parametrize("token", ["1-forged", "x-y", "999-abc", "1-"])
def test_forged_unsubscribe_links(make_subscriber, token):
    make_subscriber("a@example.jp")
    assert tokens.subscriber_from_unsubscribe_token(token) is None


# Segments ----------------------------------------------------------------------------------------


def test_segments(make_subscriber, approved_region, approved_company, make_user):
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    owner_sub = make_subscriber("owner@example.jp")  # member of the approved region's organization
    contact_sub = make_subscriber("kankyo@example.jp")  # the region's contact address (case differs)
    company_sub = make_subscriber("sales@example.jp")  # member of the approved company
    company_contact = make_subscriber("contact@company.example.jp")
    stranger = make_subscriber("someone@example.jp")
    make_subscriber("member@example.jp", status=S.PENDING)  # a member, but not confirmed
    make_subscriber("outsider@example.jp", status=S.UNSUBSCRIBED)
    assert set(segments.recipients(Segment.REGIONS)) == {owner_sub, contact_sub}
    assert set(segments.recipients(Segment.COMPANIES)) == {company_sub, company_contact}
    assert set(segments.recipients(Segment.ALL)) == {
        owner_sub,
        contact_sub,
        company_sub,
        company_contact,
        stranger,
    }
    assert segments.counts() == {"all": 5, "regions": 2, "companies": 2}
    # A registration that is not approved puts nobody in the segment.
    RegionRegistration.objects.filter(pk=approved_region.pk).update(status=RegistrationStatus.REVOKED)
    assert segments.recipients(Segment.REGIONS).count() == 0
    with pytest.raises(ValueError, match="unknown segment"):
        segments.recipients("nobody")


# Issues ------------------------------------------------------------------------------------------


def write(staff, **extra):
    data = {"subject": "フォーラムのお知らせ", "body": "本文です。", "segment": Segment.ALL, **extra}
    return services.save_issue(staff, data)


def test_issue_numbers_and_drafts(staff, outsider):
    first = write(staff)
    second = write(staff, subject="第二号")
    assert (first.number, second.number) == (1, 2)
    services.save_issue(staff, {"subject": "直した件名", "body": "本文です。", "segment": "all"}, first)
    first.refresh_from_db()
    assert first.subject == "直した件名"
    assert AuditEntry.objects.get(action="newsletter.issue.updated").changes == {
        "subject": ["フォーラムのお知らせ", "直した件名"]
    }
    with pytest.raises(Http404):
        services.save_issue(outsider, {"subject": "x", "body": "y", "segment": "all"})


def test_send_issue(staff, make_subscriber, django_capture_on_commit_callbacks):
    people = [make_subscriber(f"p{n}@example.jp") for n in range(5)]
    make_subscriber("pending@example.jp", status=S.PENDING)
    make_subscriber("gone@example.jp", status=S.UNSUBSCRIBED)
    issue = write(staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_issue(staff, issue) == 5
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.sent_at
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    message = mail.outbox[0]
    assert message.subject == "[循環メールマガジン 第1号] フォーラムのお知らせ"
    subscriber = Subscriber.objects.get(email=message.to[0])
    url = tokens.unsubscribe_url(subscriber)
    assert url in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(Delivery.objects.values_list("status", flat=True)) == {D.SENT}
    with pytest.raises(PermissionDenied):
        services.send_issue(staff, issue)  # never twice
    assert AuditEntry.objects.filter(action="newsletter.issue.sent").count() == 1


def test_send_to_an_empty_segment_is_refused(staff, make_subscriber):
    make_subscriber("a@example.jp")
    issue = write(staff, segment=Segment.COMPANIES)
    with pytest.raises(ValidationError, match="購読者がいません"):
        services.send_issue(staff, issue)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    assert not Delivery.objects.exists()


def test_only_the_secretariat_sends(owner, staff, make_subscriber):
    make_subscriber("a@example.jp")
    issue = write(staff)
    with pytest.raises(Http404):
        services.send_issue(owner, issue)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def sending_issue(staff, make_subscriber, count):
    """An issue handed to the worker with its deliveries written, but no batch run yet."""
    for n in range(count):
        make_subscriber(f"p{n}@example.jp")
    issue = write(staff)
    services.send_issue(staff, issue)  # on_commit is not run in these tests: nothing is queued
    return issue, list(Delivery.objects.order_by("pk").values_list("pk", flat=True))


def test_a_batch_run_twice_sends_once(staff, make_subscriber):
    issue, pks = sending_issue(staff, make_subscriber, 3)
    assert tasks.deliver_batch(issue.pk, pks) == {"sent": 3, "skipped": 0}
    assert tasks.deliver_batch(issue.pk, pks) == {"sent": 0, "skipped": 0}
    assert len(mail.outbox) == 3


def test_claimed_deliveries_are_never_resent(staff, make_subscriber):
    """A row left 'sending' by a worker that died may have been sent: no retry touches it."""
    issue, pks = sending_issue(staff, make_subscriber, 3)
    Delivery.objects.filter(pk=pks[0]).update(status=D.SENDING)
    tasks.deliver_batch(issue.pk, pks)
    assert len(mail.outbox) == 2
    assert Delivery.objects.get(pk=pks[0]).status == D.SENDING
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING  # not complete: the log shows the unknown one
    with pytest.raises(ValidationError, match="再送する配信はありません"):
        services.retry_issue(staff, issue)


def test_failure_marks_the_delivery_and_keeps_the_rest_pending(staff, make_subscriber, settings):
    from junkan.newsletter.tests.backends import FlakyBackend

    settings.EMAIL_BACKEND = "junkan.newsletter.tests.backends.FlakyBackend"
    issue, pks = sending_issue(staff, make_subscriber, 4)
    FlakyBackend.fail_once_for = {"p1@example.jp"}
    with pytest.raises(smtplib.SMTPServerDisconnected):
        tasks.deliver_batch(issue.pk, pks)
    statuses = list(Delivery.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [D.SENT, D.FAILED, D.PENDING, D.PENDING]
    assert "SMTPServerDisconnected" in Delivery.objects.get(pk=pks[1]).error
    # The immediate backend cannot defer, so nothing was retried automatically; the secretariat retries.
    tasks.deliver_batch(issue.pk, pks)
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.jp" for n in range(4)]
    assert Delivery.objects.get(pk=pks[1]).attempts == 2
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_people_who_unsubscribe_meanwhile_are_skipped(staff, make_subscriber):
    issue, pks = sending_issue(staff, make_subscriber, 2)
    services.unsubscribe(None, Subscriber.objects.get(email="p0@example.jp"))
    assert tasks.deliver_batch(issue.pk, pks) == {"sent": 1, "skipped": 1}
    assert [m.to[0] for m in mail.outbox] == ["p1@example.jp"]
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_batches_of_batch_size(staff, make_subscriber, monkeypatch):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 2)
    issue, _pks = sending_issue(staff, make_subscriber, 5)
    send_batch = mock.Mock()
    monkeypatch.setattr(tasks, "send_batch", send_batch)
    assert tasks.enqueue_batches(issue.pk) == 3
    assert [len(call.args[1]) for call in send_batch.enqueue.call_args_list] == [2, 2, 1]

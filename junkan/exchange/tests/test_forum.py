from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.exchange.models import Reply, Report, Topic

pytestmark = pytest.mark.django_db


def test_theme_list_is_public_but_topics_are_for_participants(
    client_as, topic, theme, outsider, member, staff
):
    assert theme.title in client_as(None).get(reverse("exchange:themes")).text
    url = reverse("exchange:theme", args=[theme.slug])
    assert client_as(None).get(url).status_code == 302
    assert client_as(outsider).get(url).status_code == 403
    assert topic.title in client_as(member).get(url).text
    assert topic.title in client_as(staff).get(url).text
    topic_url = reverse("exchange:topic", args=[topic.pk])
    assert client_as(outsider).get(topic_url).status_code == 403
    assert client_as(member).get(topic_url).status_code == 200


def test_an_unapproved_registration_does_not_let_a_member_in(client_as, topic, region, member):
    region.status = "submitted"
    region.save(update_fields=["status"])
    assert client_as(member).get(reverse("exchange:topic", args=[topic.pk])).status_code == 403


def test_post_a_topic_and_reply(client_as, region, theme, organization, member, outsider):
    create = reverse("exchange:topic_create", args=[theme.slug])
    data = {
        "organization": organization.pk,
        "kind": "experience",
        "title": "小水力の経験",
        "body": "本文です",
    }
    assert client_as(outsider).post(create, data).status_code == 403
    response = client_as(member).post(create, data)
    topic = Topic.objects.get(title="小水力の経験")
    assert response.status_code == 302
    client_as(member).post(
        reverse("exchange:topic", args=[topic.pk]), {"organization": organization.pk, "body": "返信"}
    )
    assert Reply.objects.filter(topic=topic, body="返信").exists()
    assert AuditEntry.objects.filter(action="exchange.reply.posted").exists()


def test_bad_input_keeps_what_was_typed(client_as, region, theme, organization, member):
    response = client_as(member).post(
        reverse("exchange:topic_create", args=[theme.slug]),
        {"organization": organization.pk, "kind": "question", "title": "", "body": "消えない本文"},
    )
    assert response.status_code == 200
    assert "消えない本文" in response.text
    assert not Topic.objects.exists()


def test_report_hide_and_audit(client_as, topic, member, staff, owner):
    client_as(member).post(reverse("exchange:report", args=["topic", topic.pk]), {"reason": "宣伝です"})
    report = Report.objects.get()
    assert report.topic == topic and report.resolved_at is None
    assert "宣伝です" in client_as(staff).get(reverse("exchange:moderation")).text
    # a participant cannot hide
    hide_url = reverse("exchange:moderate", args=["topic", topic.pk, "hide"])
    assert client_as(member).post(hide_url, {"reason": "x"}).status_code == 404
    # the secretariat needs a reason
    client_as(staff).post(hide_url, {"reason": ""})
    topic.refresh_from_db()
    assert not topic.is_hidden
    client_as(staff).post(hide_url, {"reason": "営業目的の投稿のため"})
    topic.refresh_from_db()
    report.refresh_from_db()
    assert topic.is_hidden and topic.hidden_reason == "営業目的の投稿のため"
    assert report.resolved_at is not None
    entry = AuditEntry.objects.get(action="exchange.topic.hidden")
    assert entry.data["reason"] == "営業目的の投稿のため"
    assert entry.actor == staff
    # hidden: gone for other participants, still there for its author (with the reason) and the secretariat
    url = reverse("exchange:topic", args=[topic.pk])
    assert client_as(member).get(url).status_code == 404
    assert "営業目的の投稿のため" in client_as(owner).get(url).text
    assert client_as(staff).get(url).status_code == 200
    client_as(staff).post(
        reverse("exchange:moderate", args=["topic", topic.pk, "show"]), {"reason": "誤りでした"}
    )
    topic.refresh_from_db()
    assert not topic.is_hidden
    assert AuditEntry.objects.filter(action="exchange.topic.shown").exists()


def test_hidden_reply_is_left_out_for_others(client_as, topic, organization, owner, member, staff):
    from junkan.exchange import services

    reply = services.post_reply(member, topic, organization, "不適切な返信")
    services.hide(staff, reply, "個人情報を含むため")
    assert "不適切な返信" not in client_as(owner).get(reverse("exchange:topic", args=[topic.pk])).text
    assert "不適切な返信" in client_as(member).get(reverse("exchange:topic", args=[topic.pk])).text


def test_dismiss_a_report(client_as, topic, member, staff):
    from junkan.exchange import services

    report = services.report(member, topic, "念のため")
    client_as(staff).post(reverse("exchange:dismiss", args=[report.pk]))
    report.refresh_from_db()
    topic.refresh_from_db()
    assert report.resolved_at is not None and not topic.is_hidden
    assert AuditEntry.objects.filter(action="exchange.report.dismissed").exists()
    assert client_as(member).post(reverse("exchange:dismiss", args=[report.pk])).status_code == 404


def test_a_member_cannot_write_for_an_organization_not_theirs(client_as, region, theme, member, company_org):
    response = client_as(member).post(
        reverse("exchange:topic_create", args=[theme.slug]),
        {"organization": company_org.pk, "kind": "question", "title": "t", "body": "b"},
    )
    assert response.status_code == 200  # not a choice for this person
    assert not Topic.objects.exists()

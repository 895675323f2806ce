"""Every state change of the exchange: topics, replies, reports and moderation, consultations (audited)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.common import workflow
from junkan.common.permissions import deny, enforce
from junkan.exchange import caching, permissions
from junkan.exchange.models import (
    Consultation,
    ConsultationMessage,
    Reply,
    Report,
    Theme,
    Topic,
)
from junkan.exchange.processes import CONSULTATION


def _organization(actor: Any, organization: Any) -> Any:
    """The organization a participant writes for must be one of theirs (the secretariat writes for none)."""
    if organization is not None and organization in permissions.registered_organizations(actor):
        return organization
    enforce(deny(_("所属を選んでください。")))
    return None


def _required(text: str, label: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("%(label)sを入力してください。") % {"label": label})
    return text


def start_topic(actor: Any, theme: Theme, organization: Any, kind: str, title: str, body: str) -> Topic:
    enforce(permissions.can_post(actor, theme))
    organization = _organization(actor, organization)
    with transaction.atomic():
        topic = Topic.objects.create(
            theme=theme,
            organization=organization,
            author=actor,
            kind=kind,
            title=_required(title, _("題名")),
            body=_required(body, _("本文")),
        )
        record(actor, "exchange.topic.posted", topic, data={"theme": theme.slug})
    return topic


def post_reply(actor: Any, topic: Topic, organization: Any, body: str) -> Reply:
    enforce(permissions.can_post(actor, topic.theme))
    enforce(permissions.can_view_post(actor, topic))
    organization = _organization(actor, organization)
    with transaction.atomic():
        reply = Reply.objects.create(
            topic=topic, organization=organization, author=actor, body=_required(body, _("本文"))
        )
        Topic.objects.filter(pk=topic.pk).update(last_activity_at=timezone.now())
        caching.invalidate()  # update() sends no signal: the theme's list shows the last activity
        record(actor, "exchange.reply.posted", reply, data={"topic": topic.pk})
    return reply


def _noun(target: Topic | Reply) -> str:
    return "topic" if isinstance(target, Topic) else "reply"


def report(actor: Any, target: Topic | Reply, reason: str) -> Report:
    enforce(permissions.can_view_post(actor, target))
    reason = _required(reason, _("通報の理由"))
    with transaction.atomic():
        item = Report.objects.create(reporter=actor, reason=reason, **{_noun(target): target})
        record(
            actor, f"exchange.{_noun(target)}.reported", target, data={"reason": reason, "report": item.pk}
        )
        transaction.on_commit(lambda: _mail_secretariat_report(item.pk))
    return item


def hide(actor: Any, target: Topic | Reply, reason: str) -> Topic | Reply:
    """Hide a post with a reason; the open reports of the post are resolved with it."""
    enforce(permissions.can_moderate(actor))
    reason = _required(reason, _("非表示の理由"))
    with transaction.atomic():
        locked = type(target).objects.select_for_update().get(pk=target.pk)
        if locked.is_hidden:
            raise ValidationError(_("すでに非表示です。"))
        locked.is_hidden = True
        locked.hidden_reason = reason
        locked.hidden_at = timezone.now()
        locked.save(update_fields=["is_hidden", "hidden_reason", "hidden_at"])
        Report.objects.filter(resolved_at__isnull=True, **{_noun(locked): locked}).update(
            resolved_at=timezone.now()
        )
        record(
            actor,
            f"exchange.{_noun(locked)}.hidden",
            locked,
            changes={"is_hidden": [False, True]},
            data={"reason": reason},
        )
    return locked


def unhide(actor: Any, target: Topic | Reply, reason: str) -> Topic | Reply:
    enforce(permissions.can_moderate(actor))
    reason = _required(reason, _("再表示の理由"))
    with transaction.atomic():
        locked = type(target).objects.select_for_update().get(pk=target.pk)
        if not locked.is_hidden:
            raise ValidationError(_("非表示ではありません。"))
        locked.is_hidden = False
        locked.save(update_fields=["is_hidden"])
        record(
            actor,
            f"exchange.{_noun(locked)}.shown",
            locked,
            changes={"is_hidden": [True, False]},
            data={"reason": reason},
        )
    return locked


def dismiss_report(actor: Any, item: Report) -> Report:
    """The secretariat looked at a report and leaves the post as it is."""
    enforce(permissions.can_moderate(actor))
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=item.pk)
        if locked.resolved_at is not None:
            raise ValidationError(_("対応済みの通報です。"))
        locked.resolved_at = timezone.now()
        locked.save(update_fields=["resolved_at"])
        record(actor, "exchange.report.dismissed", locked.target, data={"report": locked.pk})
    return locked


def open_consultation(actor: Any, organization: Any, subject: str, body: str) -> Consultation:
    enforce(permissions.can_consult(actor))
    organization = _organization(actor, organization)
    subject = _required(subject, _("件名"))
    body = _required(body, _("相談の内容"))
    with transaction.atomic():
        consultation = Consultation.objects.create(asker=actor, organization=organization, subject=subject)
        ConsultationMessage.objects.create(consultation=consultation, author=actor, body=body)
        record(actor, "exchange.consultation.received", consultation)
        transaction.on_commit(lambda: _mail_secretariat_consultation(consultation.pk))
    return consultation


def move(actor: Any, consultation: Consultation, name: str, body: str = "") -> Consultation:
    """Make a move of the consultation; answering and following up carry a message."""
    needs_body = name in ("answered", "followed_up")
    if needs_body:
        body = _required(body, _("回答") if name == "answered" else _("追加の質問"))
    with transaction.atomic():
        locked = workflow.transition(CONSULTATION, actor, consultation, name)
        if needs_body:
            ConsultationMessage.objects.create(
                consultation=locked, author=actor, body=body, from_secretariat=name == "answered"
            )
        if name == "answered":
            transaction.on_commit(lambda: _mail_asker(locked.pk))
        elif name == "followed_up":
            transaction.on_commit(lambda: _mail_secretariat_consultation(locked.pk, follow_up=True))
    return locked


def _send(subject: str, template: str, context: dict[str, Any], to: list[str]) -> None:
    from junkan.accounts.tasks import send_email

    if to:
        send_email.enqueue(
            subject=subject,
            body=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
        )


def _secretariat() -> list[str]:
    # The secretariat's addresses are kept by the support app (experts' inquiries use the same rule).
    from junkan.support.services import secretariat_addresses

    return secretariat_addresses()


def _mail_secretariat_consultation(pk: int, follow_up: bool = False) -> None:
    consultation = Consultation.objects.select_related("asker", "organization").get(pk=pk)
    subject = (
        _("[循環] 事務局への相談（追加の質問）：%(s)s") if follow_up else _("[循環] 事務局への相談：%(s)s")
    )
    _send(
        subject % {"s": consultation.subject},
        "exchange/email/consultation_received.txt",
        {
            "consultation": consultation,
            "url": settings.SITE_URL + reverse("exchange:consultation", args=[pk]),
        },
        _secretariat(),
    )


def _mail_asker(pk: int) -> None:
    consultation = Consultation.objects.select_related("asker").get(pk=pk)
    _send(
        _("[循環] 相談に事務局が回答しました：%(s)s") % {"s": consultation.subject},
        "exchange/email/consultation_answered.txt",
        {
            "consultation": consultation,
            "url": settings.SITE_URL + reverse("exchange:consultation", args=[pk]),
        },
        [consultation.asker.email],
    )


def _mail_secretariat_report(pk: int) -> None:
    item = Report.objects.select_related("reporter").get(pk=pk)
    _send(
        _("[循環] 交流の場の投稿が通報されました"),
        "exchange/email/report.txt",
        {"report": item, "url": settings.SITE_URL + reverse("exchange:moderation")},
        _secretariat(),
    )

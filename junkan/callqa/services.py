"""State changes of call questions: asking, and answering through the declared process (audited)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.callqa import caching, permissions
from junkan.callqa.models import Question
from junkan.callqa.processes import QUESTION
from junkan.common import workflow
from junkan.common.permissions import enforce


def ask(actor: Any, program: Any, project_type: Any, organization_name: str, body: str) -> Question:
    enforce(permissions.can_ask(actor, program))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("質問を入力してください。")})
    if project_type is not None and project_type.program_id != program.pk:
        raise ValidationError({"project_type": _("この公募の事業区分を選んでください。")})
    with transaction.atomic():
        question = Question.objects.create(
            program=program,
            project_type=project_type,
            asker=actor,
            organization_name=organization_name.strip(),
            body=body,
        )
        record(actor, "callqa.question.received", question, data={"program": program.slug})
        transaction.on_commit(lambda: _mail_secretariat(question.pk))
    return question


def answer(actor: Any, question: Question, move: str, public_question: str, text: str) -> Question:
    """Save the wording and the answer, then make the move (publish, or answer the asker only)."""
    enforce(permissions.can_answer(actor, question))
    with transaction.atomic():
        fields = {"public_question": public_question.strip(), "answer": text.strip()}
        Question.objects.filter(pk=question.pk).update(**fields)
        caching.invalidate()  # update() sends no signal
        for key, value in fields.items():
            setattr(question, key, value)
        return workflow.transition(QUESTION, actor, question, move)


def _send(subject: str, template: str, context: dict[str, Any], to: list[str]) -> None:
    from junkan.accounts.tasks import send_email

    if to:
        send_email.enqueue(
            subject=subject,
            body=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
        )


def _mail_secretariat(pk: int) -> None:
    from junkan.support.services import secretariat_addresses

    question = Question.objects.select_related("program").get(pk=pk)
    _send(
        _("[循環] 公募への質問：%(name)s") % {"name": question.program.short_name or question.program.name},
        "callqa/email/received.txt",
        {"question": question, "url": settings.SITE_URL + reverse("callqa:question", args=[pk])},
        secretariat_addresses(),
    )


def mail_asker(question: Question) -> None:
    pk = question.pk

    def send() -> None:
        fresh = Question.objects.select_related("program", "asker").get(pk=pk)
        _send(
            _("[循環] 公募への質問に回答しました：%(name)s")
            % {"name": fresh.program.short_name or fresh.program.name},
            "callqa/email/answered.txt",
            {"question": fresh, "url": settings.SITE_URL + reverse("callqa:question", args=[pk])},
            [fresh.asker.email],
        )

    transaction.on_commit(send)

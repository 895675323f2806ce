"""A question about a call, from received to answered (``junkan.common.workflow``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from junkan.callqa import permissions
from junkan.callqa.models import Question, QuestionStatus
from junkan.common.permissions import Decision, allow, deny
from junkan.common.workflow import Context, Move, Process

S = QuestionStatus


def _has_answer(question: Question) -> Decision:
    if question.answer.strip():
        return allow()
    return deny(_("回答を入力してください。"))


def _has_public_wording(question: Question) -> Decision:
    if question.public_question.strip():
        return allow()
    return deny(_("公開する質問文を入力してください。"))


def _mail_asker(context: Context) -> None:
    from junkan.callqa.services import mail_asker

    mail_asker(context.obj)


QUESTION = Process(
    key="callqa.question",
    label=_("公募への質問"),
    model=Question,
    states=QuestionStatus,
    initial=S.RECEIVED,
    lock_related=("program",),
    moves=(
        Move(
            "published",
            sources=(S.RECEIVED,),
            target=S.PUBLISHED,
            label=_("回答を公開する"),
            done=_("回答を公開"),
            who=permissions.can_answer,
            guards=(_has_public_wording, _has_answer),
            effects=(_mail_asker,),
            stamp="answered_at",
            confirm=_(
                "公開する質問文と回答が公募のページに日付とともに掲載されます。質問者の名前と所属は掲載しません。"
            ),
        ),
        Move(
            "private",
            sources=(S.RECEIVED,),
            target=S.ANSWERED_PRIVATELY,
            label=_("質問者にのみ回答する"),
            done=_("質問者にのみ回答"),
            who=permissions.can_answer,
            guards=(_has_answer,),
            effects=(_mail_asker,),
            stamp="answered_at",
            style="secondary",
        ),
    ),
)

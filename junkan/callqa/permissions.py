"""Who may ask about a call and who answers. Published answers are public; questions as sent are not."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide


def can_ask(user: object, program: object) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("質問するにはログインしてください。"))
    if not program.published:  # type: ignore[attr-defined]
        return hide(_("公開されていない公募です。"))
    if timezone.now() > program.closes_at:  # type: ignore[attr-defined]
        return deny(_("この公募は締め切られたため、質問の受付を終了しました。"))
    return allow()


def can_view_question(user: object, question: object) -> Decision:
    if is_secretariat(user) or question.asker_id == getattr(user, "pk", None):  # type: ignore[attr-defined]
        return allow()
    return hide(_("この質問は表示できません。"))


def can_answer(user: object, question: object) -> Decision:
    if is_secretariat(user):
        return allow()
    view = can_view_question(user, question)
    if not view.allowed:
        return view
    return deny(_("回答は事務局が行います。"))


def can_use_inbox(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))

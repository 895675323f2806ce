"""The contact request of a financial institution to a region, declared once (``junkan.common.workflow``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from junkan.common.workflow import Context, Move, Process
from junkan.finance import permissions
from junkan.finance.models import ContactRequest, ContactStatus

S = ContactStatus


def _mail_bank(context: Context) -> None:
    from junkan.finance.services import notify_bank_of_answer

    notify_bank_of_answer(context.obj)


CONTACT = Process(
    key="finance.contact",
    label=_("金融機関からの相談の申込み"),
    model=ContactRequest,
    states=ContactStatus,
    initial=S.SENT,
    lock_related=("institution", "region"),
    moves=(
        Move(
            "accepted",
            sources=(S.SENT,),
            target=S.ACCEPTED,
            label=_("話を受ける"),
            done=_("話を受けると回答"),
            who=permissions.can_answer_contact,
            effects=(_mail_bank,),
            stamp="answered_at",
        ),
        Move(
            "declined",
            sources=(S.SENT,),
            target=S.DECLINED,
            label=_("見送る"),
            done=_("見送りと回答"),
            who=permissions.can_answer_contact,
            effects=(_mail_bank,),
            stamp="answered_at",
            style="secondary",
        ),
        Move(
            "withdrawn",
            sources=(S.SENT,),
            target=S.WITHDRAWN,
            label=_("申込みを取り下げる"),
            done=_("取下げ"),
            who=permissions.can_withdraw_contact,
            style="danger",
        ),
    ),
)

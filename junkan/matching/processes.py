"""The collaboration request (協業の相談) as a declared process: who may make each move, and its effects.

requested → accepted / declined (the other side answers) or withdrawn (the asker) → introduced (the
secretariat mediates online or in person, or the parties start on their own) → meeting held →
collaborating → closed with an outcome and why. A request can be closed from any open state after
acceptance. Every move goes through ``workflow.transition`` (row lock, audit entry with its label).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from junkan.common.workflow import Context, Move, Process
from junkan.matching import permissions
from junkan.matching.models import CollaborationRequest, RequestStatus

S = RequestStatus


def _notify(context: Context) -> None:
    from junkan.matching import mail

    mail.request_moved(context.obj, context.move.name, context.actor)


REQUEST = Process(
    key="matching.request",
    label=_("協業の相談"),
    model=CollaborationRequest,
    states=RequestStatus,
    initial=S.REQUESTED,
    moves=(
        Move(
            "accept",
            sources=(S.REQUESTED,),
            target=S.ACCEPTED,
            label=_("相談を受ける"),
            done=_("承諾"),
            who=permissions.is_recipient,
            effects=(_notify,),
            confirm=_("承諾すると、相手に担当者の連絡先が表示されます。"),
            stamp="answered_at",
        ),
        Move(
            "decline",
            sources=(S.REQUESTED,),
            target=S.DECLINED,
            label=_("辞退する"),
            done=_("辞退"),
            who=permissions.is_recipient,
            effects=(_notify,),
            needs_reason=True,
            confirm=_("辞退した相談は再開できません。"),
            stamp="answered_at",
            style="danger",
        ),
        Move(
            "withdraw",
            sources=(S.REQUESTED,),
            target=S.WITHDRAWN,
            label=_("相談を取り下げる"),
            done=_("取下げ"),
            who=permissions.is_requester,
            confirm=_("取り下げた相談は再開できません。"),
            style="secondary",
        ),
        Move(
            "introduce",
            sources=(S.ACCEPTED,),
            target=S.INTRODUCED,
            label=_("紹介済みにする"),
            done=_("紹介"),
            who=permissions.party_or_secretariat,
            effects=(_notify,),
            stamp="introduced_at",
        ),
        Move(
            "meet",
            sources=(S.INTRODUCED,),
            target=S.MEETING_HELD,
            label=_("面談したことを記録する"),
            done=_("面談"),
            who=permissions.party_or_secretariat,
        ),
        Move(
            "collaborate",
            sources=(S.MEETING_HELD,),
            target=S.COLLABORATING,
            label=_("協業を始めたことを記録する"),
            done=_("協業開始"),
            who=permissions.party_or_secretariat,
            effects=(_notify,),
        ),
        Move(
            "close",
            sources=(S.ACCEPTED, S.INTRODUCED, S.MEETING_HELD, S.COLLABORATING),
            target=S.CLOSED,
            label=_("結果を記録して終える"),
            done=_("終了"),
            who=permissions.party_or_secretariat,
            needs_reason=True,
            confirm=_("終えた相談は再開できません。結果と理由は事務局の集計に使われます。"),
            stamp="closed_at",
            style="secondary",
        ),
    ),
)

"""A consultation (相談) to the secretariat, tracked to an answer (``junkan.common.workflow``).

``exchange.services.move`` makes the move and writes its message in one transaction."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from junkan.common.workflow import Move, Process
from junkan.exchange import permissions
from junkan.exchange.models import Consultation, ConsultationStatus

S = ConsultationStatus


CONSULTATION = Process(
    key="exchange.consultation",
    label=_("事務局への相談"),
    model=Consultation,
    states=ConsultationStatus,
    initial=S.RECEIVED,
    lock_related=("asker",),
    moves=(
        Move(
            "answered",
            sources=(S.RECEIVED,),
            target=S.ANSWERED,
            label=_("回答する"),
            done=_("事務局が回答"),
            who=permissions.can_answer,
            stamp="answered_at",
        ),
        Move(
            "followed_up",
            sources=(S.ANSWERED,),
            target=S.RECEIVED,
            label=_("追加で質問する"),
            done=_("追加の質問"),
            who=permissions.can_follow_up,
            style="secondary",
        ),
        Move(
            "closed",
            sources=(S.RECEIVED, S.ANSWERED),
            target=S.CLOSED,
            label=_("解決したので終了する"),
            done=_("解決"),
            who=permissions.can_close,
            stamp="closed_at",
            style="secondary",
        ),
    ),
)

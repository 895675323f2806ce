"""Registrations (実践地域等登録, 企業等登録) as processes, declared once (read by ``common.workflow``).

    draft, refused ─申請→ submitted ─承認→ approved ─取消し→ revoked
                               submitted ─不承認→ refused

Both kinds share the states and the moves; each is its own process so that the audit codes stay
``registry.region.<move>`` and ``registry.company.<move>``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from junkan.common.workflow import Move, Process
from junkan.registry import permissions
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus

S = RegistrationStatus


def _moves() -> tuple[Move, ...]:
    return (
        Move(
            "submitted",
            sources=(S.DRAFT, S.REFUSED),
            target=S.SUBMITTED,
            label=_("事務局に申請する"),
            done=_("申請"),
            who=permissions.can_submit_registration,
            stamp="submitted_at",
        ),
        Move(
            "approved",
            sources=(S.SUBMITTED,),
            target=S.APPROVED,
            label=_("承認して公開する"),
            done=_("承認・公開"),
            who=permissions.can_decide_registration,
            stamp="decided_at",
        ),
        Move(
            "refused",
            sources=(S.SUBMITTED,),
            target=S.REFUSED,
            label=_("不承認にする"),
            done=_("不承認"),
            who=permissions.can_decide_registration,
            needs_reason=True,
            stamp="decided_at",
            style="danger",
        ),
        Move(
            "revoked",
            sources=(S.APPROVED,),
            target=S.REVOKED,
            label=_("登録を取り消す"),
            done=_("登録取消し"),
            who=permissions.can_decide_registration,
            needs_reason=True,
            confirm=_(
                "取り消した登録は公開されなくなり、元に戻せません。もう一度登録するには新しく申請が必要です。"
            ),
            stamp="decided_at",
            style="danger",
        ),
    )


REGION: Process[RegionRegistration] = Process(
    key="registry.region",
    label=_("実践地域等登録"),
    model=RegionRegistration,
    states=RegistrationStatus,
    initial=S.DRAFT,
    moves=_moves(),
    lock_related=("organization",),
)
COMPANY: Process[CompanyRegistration] = Process(
    key="registry.company",
    label=_("企業等登録"),
    model=CompanyRegistration,
    states=RegistrationStatus,
    initial=S.DRAFT,
    moves=_moves(),
    lock_related=("organization",),
)


def process_of(registration: Any) -> Process[Any]:
    return REGION if isinstance(registration, RegionRegistration) else COMPANY

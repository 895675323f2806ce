"""The application as a process, declared once (read by ``common.workflow.transition``).

    draft ─提出→ submitted ─受理→ accepted
    returned ─再提出→ submitted ─不備返却→ returned
    submitted, returned, accepted ─取下げ→ withdrawn   (only until the review has decided)

Withdrawal ends at adoption: once the review has decided (or a grant project has been opened) the application
cannot be withdrawn; after adoption the grantee declines the project in grants before the grant decision
(``grants.project.declined``), and after it the secretariat cancels the decision (``cancelled``, with a return
order when money was paid). The adoption itself stays on record: the review's results and the public list of
adopted projects keep it, and the application shows the project's stage (辞退 / 交付決定の解除).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from junkan.applications import permissions
from junkan.applications.models import Application, ApplicationStatus
from junkan.common.permissions import Decision, allow, deny
from junkan.common.workflow import Context, Move, Process

S = ApplicationStatus


def not_decided(application: Application) -> Decision:
    """An application with a review decision or a grant project cannot be withdrawn."""
    from junkan.grants.stages import has_project
    from junkan.review.reads import decision_of

    if has_project(application):
        return deny(
            _(
                "採択された応募は取り下げられません。事業をとりやめるときは、交付決定の前なら補助事業の画面から"
                "辞退を届け出てください（交付決定の後は、事務局が交付決定を解除します）。"
            )
        )
    if decision_of(application) is not None:
        return deny(_("採否が決まった応募は取り下げられません。事務局にご連絡ください。"))
    return allow()


def _mail_decision(ctx: Context) -> None:
    from django.db import transaction

    from junkan.applications import services

    pk = ctx.obj.pk
    transaction.on_commit(lambda: services.mail_decision(pk))


APPLICATION: Process[Application] = Process(
    key="applications.application",
    label=_("応募"),
    model=Application,
    states=ApplicationStatus,
    initial=S.DRAFT,
    lock_related=("program", "project_type", "organization"),
    moves=(
        Move(
            "submitted",
            sources=(S.DRAFT, S.RETURNED),
            target=S.SUBMITTED,
            label=_("提出する"),
            done=_("提出"),
            who=permissions.may_act_for_applicant,
            confirm=_(
                "提出すると、事務局が受理するか不備として返却するまで、内容を変更できなくなります。"
                "提出した内容はそのまま記録され、受付番号が付きます。"
            ),
        ),
        Move(
            "accepted",
            sources=(S.SUBMITTED,),
            target=S.ACCEPTED,
            label=_("受理する"),
            done=_("受理"),
            who=permissions.can_decide,
            effects=(_mail_decision,),
            stamp="decided_at",
        ),
        Move(
            "returned",
            sources=(S.SUBMITTED,),
            target=S.RETURNED,
            label=_("不備として返却する"),
            done=_("不備返却"),
            who=permissions.can_decide,
            effects=(_mail_decision,),
            stamp="decided_at",
            style="secondary",
        ),
        Move(
            "withdrawn",
            sources=(S.SUBMITTED, S.RETURNED, S.ACCEPTED),
            target=S.WITHDRAWN,
            label=_("応募を取り下げる"),
            done=_("取下げ"),
            who=permissions.can_withdraw,
            guards=(not_decided,),
            confirm=_(
                "取り下げた応募は審査の対象から外れ、元に戻すことはできません。"
                "もう一度応募するときは、受付期間内に新しく作成して提出してください。"
            ),
            style="danger",
        ),
    ),
)

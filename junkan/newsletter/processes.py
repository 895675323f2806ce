"""The process of a mail magazine issue, declared once (junkan.common.workflow).

``newsletter.issue``: 作成中 → 配信中 (the recipients are fixed and the worker sends in batches) → 配信済み
(the worker, once no delivery is left unsent). Subscriptions (確認待ち → 配信中 → 配信停止) are confirmed and
stopped through signed links, not by a person's move; their pages ask the subscriber's named predicates.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common.permissions import Decision, allow, deny
from junkan.common.workflow import Context, Move, Process
from junkan.newsletter import permissions as p
from junkan.newsletter import segments
from junkan.newsletter.models import Issue, IssueStatus

S = IssueStatus


def has_recipients(issue: Issue) -> Decision:
    if not segments.recipients(issue.segment).exists():
        return deny(_("この配信先には購読者がいません。配信先を見直してください。"))
    return allow()


def queue_batches(context: Context) -> None:
    from junkan.newsletter import tasks

    pk = context.obj.pk
    transaction.on_commit(lambda: tasks.enqueue_batches(pk))


ISSUE = Process(
    key="newsletter.issue",
    label=gettext_lazy("メールマガジン"),
    model=Issue,
    states=IssueStatus,
    initial=S.DRAFT,
    moves=(
        Move(
            "sending",
            sources=(S.DRAFT,),
            target=S.SENDING,
            label=gettext_lazy("配信する"),
            done=gettext_lazy("配信開始"),
            who=lambda user, issue: p.can_manage(user),
            guards=(has_recipients,),
            effects=(queue_batches,),
            confirm=gettext_lazy(
                "配信を始めると、この号の内容は変更できず、配信を取り消すこともできません。"
                "配信先は今の時点の購読者に確定します。"
            ),
            stamp="send_started_at",
        ),
        Move(
            "sent",
            sources=(S.SENDING,),
            target=S.SENT,
            label=gettext_lazy("配信を完了する"),
            done=gettext_lazy("配信完了"),
            who=lambda user, issue: p.can_manage(user),
            stamp="sent_at",
        ),
    ),
)

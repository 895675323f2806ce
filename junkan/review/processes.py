"""The processes of the review, each declared once (junkan.common.workflow).

- ``review.sheet``: a member's score sheet — 作成中 → 提出済み (the secretariat may give it back: → 作成中).
- ``review.committee``: the committee — 審査中 → 採否決定・通知済み (採否確定: every applicant is told)
  → 公表済み.

The decisions themselves (``review.decision.recorded/changed``) are records kept while the committee reviews,
not a process: they become final with the committee's 採否確定.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common.permissions import Decision, allow, deny
from junkan.common.workflow import Context, Move, Process
from junkan.review import permissions as p
from junkan.review.models import (
    Committee,
    CommitteeStatus,
    Declaration,
    Exclusion,
    ScoreSheet,
    SheetStatus,
)
from junkan.review.models import Decision as ReviewDecision

if TYPE_CHECKING:
    from junkan.review import analysis

C = CommitteeStatus
S = SheetStatus


# Score sheet -----------------------------------------------------------------------------------------------


def member_of_sheet(user: object, sheet: ScoreSheet) -> Decision:
    """The member the sheet belongs to, assigned, not excluded, who has declared no relationship."""
    assignment = sheet.assignment
    excluded = Exclusion.objects.filter(
        member=assignment.member_id, application=assignment.application_id
    ).exists()
    decision = p.can_review(user, assignment, excluded)
    if not decision:
        return decision
    declaration = Declaration.objects.filter(
        member=assignment.member_id, application=assignment.application_id
    ).first()
    if declaration is None or declaration.is_conflict:
        return deny(_("採点の前に、利害関係の申告をしてください。"))
    return allow()


def secretariat_of_sheet(user: object, sheet: ScoreSheet) -> Decision:
    return p.can_manage(user, sheet.assignment.committee)


def sheet_committee_reviewing(sheet: ScoreSheet) -> Decision:
    if not sheet.assignment.committee.is_reviewing:
        return deny(_("審査は終了しています。"))
    return allow()


SHEET = Process(
    key="review.sheet",
    label=gettext_lazy("採点票"),
    model=ScoreSheet,
    states=SheetStatus,
    initial=S.DRAFT,
    lock_related=("assignment__committee", "assignment__member"),
    moves=(
        Move(
            "submitted",
            sources=(S.DRAFT,),
            target=S.SUBMITTED,
            label=gettext_lazy("採点票を提出する"),
            done=gettext_lazy("採点票の提出"),
            who=member_of_sheet,
            guards=(sheet_committee_reviewing,),
            confirm=gettext_lazy(
                "提出した後は、評点とコメントを変更できません（変更が必要なときは事務局に差戻しを依頼します）。"
                "提出すると、この応募を審査する他の委員の評点が見えるようになります。"
            ),
            stamp="submitted_at",
        ),
        Move(
            "reopened",
            sources=(S.SUBMITTED,),
            target=S.DRAFT,
            label=gettext_lazy("委員に差し戻す"),
            done=gettext_lazy("採点票の差戻し"),
            who=secretariat_of_sheet,
            guards=(sheet_committee_reviewing,),
            style="secondary",
        ),
    ),
)


# Committee -------------------------------------------------------------------------------------------------


def every_application_decided(committee: Committee) -> Decision:
    """Applications under review exist and each has a recorded decision.

    Counted by the database; a page that has read the committee's results summary (cached per generation
    of the results) may hand its figures over as ``committee.known_decisions`` (``decisions_known``) so that
    showing the button asks nothing more. The move itself runs on the locked row, which never carries them."""
    known = getattr(committee, "known_decisions", None)
    total, undecided_count, first = known if known is not None else _decision_counts(committee)
    if not total:
        return deny(_("審査中の応募がありません。"))
    if undecided_count:
        labels = "、".join(f"{number or ''}「{title}」" for number, title in first)
        return deny(
            _("採否が決まっていない応募が%(count)s件あります：%(list)s")
            % {"count": undecided_count, "list": labels}
        )
    return allow()


def decisions_known(committee: Committee, summary: analysis.ResultsSummary) -> Committee:
    """``committee`` with the figures of its results summary for the guard above (display only)."""
    undecided = summary.application_count - summary.decided_count
    committee.known_decisions = (summary.application_count, undecided, summary.undecided_first)  # type: ignore[attr-defined]
    return committee


def _decision_counts(committee: Committee) -> tuple[int, int, list[tuple[str, str]]]:
    from junkan.review import analysis

    applications = analysis.review_applications(committee)
    decided = Exists(ReviewDecision.objects.filter(committee=committee, application=OuterRef("pk")))
    counts = applications.order_by().aggregate(total=Count("pk"), undecided=Count("pk", filter=~decided))
    first: list[tuple[str, str]] = []
    if counts["undecided"]:
        first = list(
            applications.exclude(decided).values_list("receipt_number", "title")[: analysis.UNDECIDED_NAMED]
        )
    return counts["total"], counts["undecided"], first


def notify_applicants(context: Context) -> None:
    """Every current decision is marked notified; the results are e-mailed after the commit."""
    from junkan.review.services.mail import mail_result

    committee = context.obj
    pks = list(context.data.get("decisions", ()))
    ReviewDecision.objects.filter(pk__in=pks).update(notified_at=committee.decided_at)
    transaction.on_commit(lambda: [mail_result(pk) for pk in pks])


COMMITTEE = Process(
    key="review.committee",
    label=gettext_lazy("審査委員会"),
    model=Committee,
    states=CommitteeStatus,
    initial=C.REVIEWING,
    lock_related=("program",),
    moves=(
        Move(
            "decided",
            sources=(C.REVIEWING,),
            target=C.DECIDED,
            label=gettext_lazy("採否を確定して申請者に通知する"),
            done=gettext_lazy("採否の確定・通知"),
            who=p.can_manage,
            guards=(every_application_decided,),
            effects=(notify_applicants,),
            confirm=gettext_lazy(
                "確定すると、採否・採択額・採択の条件は変更できません。委員の割当て・採点票・予算額も変更できなくなります。"
                "全ての申請者に結果がメールで通知されます（評点・順位・理由は記載しません）。"
            ),
            stamp="decided_at",
        ),
        Move(
            "published",
            sources=(C.DECIDED,),
            target=C.PUBLISHED,
            label=gettext_lazy("採択案件を公表する"),
            done=gettext_lazy("採択案件の公表"),
            who=p.can_manage,
            confirm=gettext_lazy(
                "公表すると、採択案件の一覧（事業名・申請者・地域・採択額）と事業区分ごとの件数が誰でも見られるページと"
                "オープンデータ（CSV・JSON）に載ります。公表は取り消せません。"
            ),
            stamp="published_at",
        ),
    ),
)

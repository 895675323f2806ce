"""E-mails of the project's moves (``processes.PROJECT``'s effects, queued after the commit).

Each function takes the project's pk and the move's reason (empty when the move has none)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.grants.models import Project
from junkan.grants.services import mail


def _project(pk: int) -> Project:
    return Project.objects.select_related("program", "organization", "application__created_by").get(pk=pk)


def opened(pk: int, reason: str = "") -> None:
    """The grantee learns that the project is open and where to go next (issue 13: no mail was sent)."""
    project = _project(pk)
    mail.send(
        "grants/email/project_opened.txt",
        _("[循環] 補助事業を登録しました（%(title)s）") % {"title": project.title},
        sorted(set(mail.member_addresses(project)) | set(mail.contact_addresses(project))),
        {"project": project, "url": mail.project_url("grants:project", project)},
    )


def returned(pk: int, reason: str) -> None:
    project = _project(pk)
    mail.send(
        "grants/award/email/returned.txt",
        _("[循環] 交付申請の差戻しのお知らせ（%(title)s）") % {"title": project.title},
        mail.contact_addresses(project),
        {"project": project, "reason": reason, "url": mail.project_url("grants:plan", project)},
    )


def decided(pk: int, reason: str = "") -> None:
    project = _project(pk)
    mail.send(
        "grants/award/email/decision.txt",
        _("[循環] 交付決定のお知らせ（交付決定番号 %(number)s）") % {"number": project.decision_number},
        mail.contact_addresses(project),
        {
            "project": project,
            "years": list(project.award_years.order_by("fiscal_year")),
            "url": mail.project_url("grants:plan", project),
        },
    )


def declined(pk: int, reason: str) -> None:
    """The secretariat (and the grantee's members, for their records) learn of the decline."""
    project = _project(pk)
    mail.send(
        "grants/email/project_declined.txt",
        _("[循環] 補助事業の辞退の届出（%(title)s）") % {"title": project.title},
        sorted(set(mail.member_addresses(project)) | set(mail.secretariat_addresses())),
        {"project": project, "reason": reason, "url": mail.project_url("grants:project", project)},
    )


def determined(pk: int, reason: str = "") -> None:
    project = _project(pk)
    mail.send(
        "grants/email/money_determined.txt",
        _("[循環] 交付額の確定のお知らせ（%(title)s）") % {"title": project.title},
        mail.member_addresses(project),
        {"project": project, "url": mail.project_url("grants:money", project)},
    )


def paid(pk: int, reason: str = "") -> None:
    project = _project(pk)
    mail.send(
        "grants/email/money_paid.txt",
        _("[循環] 補助金の支払のお知らせ（%(title)s）") % {"title": project.title},
        mail.member_addresses(project),
        {"project": project, "url": mail.project_url("grants:money", project)},
    )


def cancelled(pk: int, reason: str = "") -> None:
    project = _project(pk)
    mail.send(
        "grants/email/return_cancelled.txt",
        _("[循環] 交付決定の解除のお知らせ（%(title)s）") % {"title": project.title},
        mail.member_addresses(project),
        {"project": project, "url": mail.project_url("grants:money", project)},
    )

"""Records retention (帳簿及び証拠書類の保存, seed 002 2(7)) and disposal after the retention date.

The books and vouchers of a project are kept until ``retain_until`` (March 31 five years after the end of
the fiscal year of completion, or of the cancellation for a project cancelled before completion;
:mod:`junkan.grants.engine.retention`). Until that day has passed nothing of the project can be deleted
through the app: :func:`guard_delete` refuses, and every delete path calls it (``Project.delete`` does;
this module's :func:`dispose` does).

What disposal (廃棄) means here: the 帳簿及び証拠書類 are removed, the record that the project existed
and what was decided stays.

- Removed: every stored file of the project (receipts, invoices, utility data, report bodies, answers:
  the ``GrantDocument`` rows and their files) and the cost-line detail (``CostLine``: the 収支簿).
  The files are deleted from storage after the commit, so that a failed disposal leaves them in place.
- Kept: the Project row with its dates and amounts (decision, 確定額 and its working with the totals,
  payment, cancellation), reports' text, contracts, return orders and payments, requests and the whole
  audit log. ``disposed_at`` is set; the project then refuses the grantee's actions and file downloads
  (``permissions.can_act``, ``permissions.can_download``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import retention
from junkan.grants.models import CostLine, GrantDocument, Project
from junkan.grants.services import lifecycle
from junkan.jp.dates import today_tokyo


class RecordsKept(ValidationError):
    """Something of a project was about to be deleted while its records must still be kept."""


def guard_delete(project: Project, today: date | None = None) -> None:
    """Refuse (RecordsKept) any deletion of the project's records on or before its retention date."""
    day = today or today_tokyo()
    if retention.may_dispose(project.retain_until, day):
        return
    if project.retain_until is None:
        raise RecordsKept(
            _("この補助事業の書類の保存期限がまだ定まっていないため、記録を削除することはできません。")
        )
    raise RecordsKept(
        _("この補助事業の帳簿及び証拠書類は%(day)sまで保存する必要があるため、削除できません。")
        % {"day": project.retain_until.isoformat()}
    )


def disposable(today: date) -> QuerySet[Project]:
    """Projects whose retention date has passed and whose records have not been disposed of yet."""
    return Project.objects.filter(retain_until__lt=today, disposed_at__isnull=True).order_by(
        "retain_until", "id"
    )


def overview(today: date) -> QuerySet[Project]:
    """Every project with a retention date: disposable first, then still kept (by date), then disposed."""
    group = Case(
        When(disposed_at__isnull=False, then=Value(2)),
        When(retain_until__lt=today, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Project.objects.filter(retain_until__isnull=False)
        .select_related("program", "organization", "project_type")
        .annotate(retention_group=group)
        .order_by("retention_group", "retain_until", "id")
    )


def dispose(actor: Any, project: Project, *, today: date) -> Project:
    """廃棄 (secretariat): remove the files and cost lines after the retention date; keep the rest."""
    enforce(permissions.can_manage(actor, project))
    with transaction.atomic():
        locked = lifecycle.lock(project)
        if locked.disposed_at is not None:
            raise ValidationError(_("この補助事業の記録は既に廃棄されています。"))
        guard_delete(locked, today)
        docs = list(GrantDocument.objects.filter(project=locked))
        stored = [(doc.file.storage, doc.file.name) for doc in docs if doc.file.name]
        GrantDocument.objects.filter(pk__in=[doc.pk for doc in docs]).delete()
        lines = CostLine.objects.filter(report__project=locked)
        line_count = lines.count()
        lines.delete()
        lifecycle.update(
            actor,
            locked,
            "disposed",
            {"disposed_at": timezone.now()},
            data={
                "retain_until": locked.retain_until.isoformat() if locked.retain_until else None,
                "documents": len(docs),
                "document_names": [doc.original_name for doc in docs],
                "cost_lines": line_count,
            },
        )
        transaction.on_commit(lambda: _delete_files(stored))
    return locked


def _delete_files(stored: list[tuple[Any, str]]) -> None:
    for storage, name in stored:
        storage.delete(name)

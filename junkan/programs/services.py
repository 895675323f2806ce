"""State changes of calls: import, edits in the admin, publishing, deletion. Atomic, audited and versioned.

Every change is compared as the program's data form (``loader.dump_program``, the YAML export without
file contents). When it differs, the program's version number goes up, a ``ProgramVersion`` keeps the
new snapshot and the audit log records the changed paths (``project_types[code=1].cap``). Once a call
has applications, a change also needs a reason, so that rules never change silently under them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.audit.services import diff, record
from junkan.audit.services import snapshot as snapshot_fields
from junkan.common.permissions import enforce
from junkan.programs import permissions
from junkan.programs.loader import dump_program, load_program
from junkan.programs.models import Program, ProgramVersion, Theme
from junkan.programs.schema import ProgramDataError, validated

# Keys that identify a record inside a list of the data form, for readable audit paths.
_LIST_KEYS = {
    "project_types": ("code",),
    "cost_categories": ("expense", "item"),
    "review_criteria": ("code",),
    "report_rules": ("code",),
    "themes": ("slug",),
    "attachments": ("title",),
}


@dataclass(frozen=True)
class ImportResult:
    program: Program
    created: bool
    version: ProgramVersion | None
    warnings: list[str]


def snapshot(program: Program) -> dict[str, Any]:
    """The program's data form as stored now (no file contents), read fresh from the database."""
    fresh = Program.objects.prefetch_related(
        "themes",
        "attachments",
        "finder_entries",
        "project_types__cost_categories",
        "project_types__review_criteria",
        "project_types__report_rules",
    ).get(pk=program.pk)
    return dump_program(fresh)


def _flatten(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else key, out)
        return
    name = path.rsplit(".", 1)[-1]
    keys = _LIST_KEYS.get(name)
    if isinstance(value, list) and keys and all(isinstance(item, dict) for item in value):
        for item in value:
            label = "/".join(str(item.get(key, "")) for key in keys)
            rest = {k: v for k, v in item.items() if k not in keys}
            out[f"{path}[{label}]"] = True  # the record exists: additions and removals show too
            _flatten(rest, f"{path}[{label}]", out)
        return
    out[path] = value


def flat_diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{path: [before, after]}`` for every leaf of the data form that changed."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    if before is not None:
        _flatten(before, "", old)
    _flatten(after, "", new)
    return {
        path: [old.get(path), new.get(path)]
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    }


def _commit(
    actor: Any,
    program: Program,
    before: dict[str, Any] | None,
    reason: str,
    verb: str,
    *,
    require_reason: bool = True,
) -> ProgramVersion | None:
    """Version and audit a change already written in this transaction; None when nothing changed."""
    after = snapshot(program)
    if before == after:
        return None
    had_applications = program.has_applications()
    if require_reason and before is not None and had_applications and not reason.strip():
        raise ValidationError(
            {"change_reason": _("この公募には応募があります。変更する場合は変更理由を入力してください。")}
        )
    locked = Program.objects.select_for_update().get(pk=program.pk)
    number = 1 if before is None else locked.version + 1
    if before is not None:
        locked.version = number
        locked.save(update_fields=["version", "updated_at"])
        program.version = number
    version = ProgramVersion.objects.create(
        program=program,
        number=number,
        snapshot=after,
        reason=reason.strip(),
        had_applications=had_applications,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    changes = flat_diff(before, after) if before is not None else {"slug": [None, program.slug]}
    record(
        actor,
        f"programs.program.{verb}",
        program,
        changes=changes,
        data={"version": number, "reason": reason},
    )
    return version


def import_program(actor: Any, data: Any, *, replace: bool = False, reason: str = "") -> ImportResult:
    """Create a call from its data form, or with ``replace`` update the one with the same slug."""
    if actor is not None:
        enforce(permissions.can_manage_programs(actor))
    try:
        record_data = validated(data)
    except ProgramDataError as error:
        raise ValidationError(error.problems) from error
    with transaction.atomic():
        existing = Program.objects.select_for_update().filter(slug=record_data["slug"]).first()
        if existing is not None and not replace:
            raise ValidationError(
                _("識別子「%(slug)s」の公募は既にあります。置き換える場合はその旨を指定してください。")
                % {"slug": record_data["slug"]}
            )
        before = snapshot(existing) if existing is not None else None
        try:
            program, warnings = load_program(apps, record_data)
        except ProtectedError as error:
            raise ValidationError(
                _("応募などから参照されている事業区分・経費区分・審査の観点・報告は削除できません。")
            ) from error
        version = _commit(actor, program, before, reason, "imported" if before is None else "updated")
    return ImportResult(program, existing is None, version, warnings)


def begin_edit(program: Program | None) -> dict[str, Any] | None:
    """The data form before an edit in the admin (None for a new program); pass it to ``finish_edit``."""
    if program is None or program.pk is None:
        return None
    return snapshot(program)


def finish_edit(
    actor: Any, program: Program, before: dict[str, Any] | None, *, reason: str = ""
) -> ProgramVersion | None:
    """Version and audit an edit the admin has just saved (inside its transaction)."""
    enforce(permissions.can_manage_programs(actor))
    with transaction.atomic():
        return _commit(actor, program, before, reason, "created" if before is None else "updated")


def prepare_publication(program: Program) -> None:
    """Stamp the first publication time; the Atom feed lists calls by it."""
    if program.published and program.published_at is None:
        program.published_at = timezone.now()


def set_published(actor: Any, program: Program, published: bool, *, reason: str = "") -> Program:
    """Publish or withdraw a call."""
    enforce(permissions.can_manage_programs(actor))
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        if program.published == published:
            return program
        before = snapshot(program)
        program.published = published
        prepare_publication(program)
        program.save(update_fields=["published", "published_at", "updated_at"])
        # Publishing or withdrawing changes no rule: versioned and audited, but no reason is required.
        _commit(
            actor, program, before, reason, "published" if published else "withdrawn", require_reason=False
        )
    return program


def delete_program(actor: Any, program: Program) -> None:
    """Delete a call that nobody has applied to."""
    enforce(permissions.can_manage_programs(actor))
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        if program.has_applications():
            raise ValidationError(_("応募がある公募は削除できません。非公開にしてください。"))
        record(actor, "programs.program.deleted", program, changes={"slug": [program.slug, None]})
        for attachment in program.attachments.all():
            attachment.file.delete(save=False)
        program.delete()


def import_programs(
    actor: Any, documents: list[Any], *, replace: bool = False, reason: str = ""
) -> list[ImportResult]:
    """Import every program of a file, all or none."""
    with transaction.atomic():
        return [import_program(actor, document, replace=replace, reason=reason) for document in documents]


def save_theme(actor: Any, theme: Theme, *, changed: list[str]) -> Theme:
    """Create or change a theme of the call list filter."""
    enforce(permissions.can_manage_programs(actor))
    fields = ["slug", "name", "order"]
    with transaction.atomic():
        before = snapshot_fields(Theme.objects.get(pk=theme.pk), fields) if theme.pk else None
        created = theme.pk is None
        theme.full_clean()
        theme.save()
        after = snapshot_fields(theme, fields)
        changes = {k: [None, v] for k, v in after.items()} if created else diff(before or {}, after)
        if changes:
            record(actor, f"programs.theme.{'created' if created else 'updated'}", theme, changes=changes)
    return theme


def delete_theme(actor: Any, theme: Theme) -> None:
    enforce(permissions.can_manage_programs(actor))
    with transaction.atomic():
        record(actor, "programs.theme.deleted", theme, changes={"slug": [theme.slug, None]})
        theme.delete()

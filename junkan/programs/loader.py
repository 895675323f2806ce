"""Write a program's data (the form of ``junkan.programs.schema``) into the database, and read it back.

``load_program`` uses only ``apps.get_model``, so the data migration that ships the seed calls runs it
against the historical models and the import command against the current ones. Keep it to fields that
exist since migration 0001 (or give a later migration its own copy). Existing rows are updated in
place, matched by their natural keys (type code, 費目/細目, criterion code, report code, attachment
title), so that applications and reviews that refer to them keep their references; rows no longer in
the data are deleted (a protected reference stops the load). ``dump_program`` is the inverse.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.core.files.base import ContentFile

from junkan.jp.dates import TOKYO
from junkan.programs.schema import FORMAT, validated

PROGRAM_SCALARS = (
    "name",
    "short_name",
    "fiscal_year",
    "executing_body",
    "budget_account",
    "summary",
    "opens_at",
    "closes_at",
    "how_to_apply",
    "application_forms",
    "contact",
    "ineligible_cost_examples",
    "published",
    "published_at",
)
TYPE_SCALARS = (
    "name",
    "description",
    "requirements",
    "allowed_kinds",
    "conditional_kinds",
    "conditional_note",
    "applicant_note",
    "joint_allowed",
    "representative_kinds",
    "joint_note",
    "rate_numerator",
    "rate_denominator",
    "base_amount_kind",
    "base_amount",
    "base_amount_text",
    "cap",
    "multi_year",
    "multi_year_note",
    "period_end",
    "period_note",
    "required_documents",
    "rules",
)
CATEGORY_SCALARS = ("description", "rules")
CRITERION_SCALARS = (
    "text",
    "weight",
    "pass_fail",
    "scale_min",
    "scale_max",
    "required",
    "not_applicable_allowed",
)
REPORT_SCALARS = ("kind", "name", "condition", "contents", "due_from", "due_rule", "due_params", "due_text")
FINDER_SCALARS = ("name", "program", "budget_account", "planned_awards", "fits", "note")
MOMENTS = frozenset({"opens_at", "closes_at", "published_at"})
DAYS = frozenset({"period_end"})


def _db_value(name: str, value: Any) -> Any:
    """ISO strings of the data form as the datetime or date the model stores."""
    if value is None:
        return None
    if name in MOMENTS:
        return datetime.fromisoformat(value)
    if name in DAYS:
        return date.fromisoformat(value)
    return value


def _data_value(name: str, value: Any) -> Any:
    """A model value in the data form: datetimes in Japan time and dates as ISO strings."""
    if value is None:
        return None
    if name in MOMENTS:
        return value.astimezone(TOKYO).isoformat()
    if name in DAYS:
        return value.isoformat()
    return value


def _present(obj: Any, names: Iterable[str]) -> list[str]:
    """The names that are fields of ``obj``'s model: a historical model (a data migration) may lack some."""
    fields = {field.name for field in obj._meta.get_fields()}
    return [name for name in names if name in fields]


def _assign(obj: Any, record: Mapping[str, Any], names: Iterable[str]) -> None:
    for name in _present(obj, names):
        setattr(obj, name, _db_value(name, record[name]))


def _sync(
    existing: Iterable[Any],
    records: list[dict[str, Any]],
    key: Callable[[Any], object],
    record_key: Callable[[dict[str, Any]], object],
    make: Callable[[dict[str, Any]], Any],
    fill: Callable[[Any, dict[str, Any]], None],
    using: str,
) -> list[Any]:
    """Update rows matched by key, create the new ones, delete those no longer listed; in data order."""
    by_key = {key(obj): obj for obj in existing}
    kept = []
    for order, record in enumerate(records):
        obj = by_key.pop(record_key(record), None) or make(record)
        fill(obj, record)
        obj.order = order
        obj.save(using=using)
        kept.append(obj)
    for obj in by_key.values():
        obj.delete()
    return kept


def load_program(apps: Any, data: Any, using: str = "default") -> tuple[Any, list[str]]:
    """Create or update the program ``data`` describes; returns it and warnings (files not included)."""
    record = validated(data)
    Program = apps.get_model("programs", "Program")
    Theme = apps.get_model("programs", "Theme")
    program = Program.objects.using(using).filter(slug=record["slug"]).first() or Program(slug=record["slug"])
    _assign(program, record, PROGRAM_SCALARS)
    program.save(using=using)
    themes = []
    for order, theme in enumerate(record["themes"]):
        obj, _created = Theme.objects.using(using).get_or_create(
            slug=theme["slug"], defaults={"name": theme["name"], "order": order}
        )
        if obj.name != theme["name"]:
            obj.name = theme["name"]
            obj.save(using=using, update_fields=["name"])
        themes.append(obj)
    program.themes.set(themes)
    _load_types(apps, program, record["project_types"], using)
    _load_finder(apps, program, record["finder_entries"], using)
    warnings = _load_attachments(apps, program, record["attachments"], using)
    return program, warnings


def _load_types(apps: Any, program: Any, records: list[dict[str, Any]], using: str) -> None:
    ProjectType = apps.get_model("programs", "ProjectType")
    CostCategory = apps.get_model("programs", "CostCategory")
    ReviewCriterion = apps.get_model("programs", "ReviewCriterion")
    ReportRule = apps.get_model("programs", "ReportRule")
    types = _sync(
        ProjectType.objects.using(using).filter(program=program),
        records,
        key=lambda obj: obj.code,
        record_key=lambda rec: rec["code"],
        make=lambda rec: ProjectType(program=program, code=rec["code"]),
        fill=lambda obj, rec: _assign(obj, rec, TYPE_SCALARS),
        using=using,
    )
    for project_type, rec in zip(types, records, strict=True):
        _sync(
            CostCategory.objects.using(using).filter(project_type=project_type),
            rec["cost_categories"],
            key=lambda obj: (obj.expense, obj.item),
            record_key=lambda r: (r["expense"], r["item"]),
            make=lambda r, t=project_type: CostCategory(project_type=t, expense=r["expense"], item=r["item"]),
            fill=lambda obj, r: _assign(obj, r, CATEGORY_SCALARS),
            using=using,
        )
        _sync(
            ReviewCriterion.objects.using(using).filter(project_type=project_type),
            rec["review_criteria"],
            key=lambda obj: obj.code,
            record_key=lambda r: r["code"],
            make=lambda r, t=project_type: ReviewCriterion(project_type=t, code=r["code"]),
            fill=lambda obj, r: _assign(obj, r, CRITERION_SCALARS),
            using=using,
        )
        _sync(
            ReportRule.objects.using(using).filter(project_type=project_type),
            rec["report_rules"],
            key=lambda obj: obj.code,
            record_key=lambda r: r["code"],
            make=lambda r, t=project_type: ReportRule(project_type=t, code=r["code"]),
            fill=lambda obj, r: _assign(obj, r, REPORT_SCALARS),
            using=using,
        )


def _load_finder(apps: Any, program: Any, records: list[dict[str, Any]], using: str) -> None:
    """Finder entries are replaced as a whole (nothing refers to them)."""
    FinderEntry = apps.get_model("programs", "FinderEntry")
    FinderEntry.objects.using(using).filter(source_program=program).delete()
    for order, rec in enumerate(records):
        entry = FinderEntry(source_program=program, order=order, program_slug=rec["program"] or "")
        _assign(entry, rec, [name for name in FINDER_SCALARS if name != "program"])
        entry.save(using=using)


def _load_attachments(apps: Any, program: Any, records: list[dict[str, Any]], using: str) -> list[str]:
    """Attachments with their content are written; without it, a listed one is kept if it exists."""
    ProgramAttachment = apps.get_model("programs", "ProgramAttachment")
    existing = {obj.title: obj for obj in ProgramAttachment.objects.using(using).filter(program=program)}
    warnings = []
    for order, rec in enumerate(records):
        obj = existing.pop(rec["title"], None)
        if rec["content"] is not None:
            content = base64.b64decode(rec["content"], validate=True)
            if obj is None:
                obj = ProgramAttachment(program=program, title=rec["title"])
            if obj.sha256 != hashlib.sha256(content).hexdigest() or not obj.file:
                if obj.file:
                    obj.file.delete(save=False)
                obj.file.save(rec["filename"], ContentFile(content), save=False)
                obj.sha256 = hashlib.sha256(content).hexdigest()
        elif obj is None:
            warnings.append(
                f"資料「{rec['title']}」はファイルの内容が含まれていないため、取り込みませんでした。"
            )
            continue
        obj.order = order
        obj.save(using=using)
    for obj in existing.values():
        obj.file.delete(save=False)
        obj.delete()
    return warnings


def _row(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: _data_value(name, getattr(obj, name)) for name in _present(obj, names)}


def dump_program(program: Any, *, include_files: bool = False) -> dict[str, Any]:
    """The program in the data form (the inverse of ``load_program``); file contents only if asked."""
    types = []
    for project_type in program.project_types.all():
        row = {"code": project_type.code, **_row(project_type, TYPE_SCALARS)}
        row["cost_categories"] = [
            {"expense": c.expense, "item": c.item, **_row(c, CATEGORY_SCALARS)}
            for c in project_type.cost_categories.all()
        ]
        row["review_criteria"] = [
            {"code": c.code, **_row(c, CRITERION_SCALARS)} for c in project_type.review_criteria.all()
        ]
        row["report_rules"] = [
            {"code": r.code, **_row(r, REPORT_SCALARS)} for r in project_type.report_rules.all()
        ]
        types.append(row)
    attachments = []
    for attachment in program.attachments.all():
        item = {
            "title": attachment.title,
            "filename": attachment.file.name.rsplit("/", 1)[-1],
            "sha256": attachment.sha256,
            "content": None,
        }
        if include_files:
            with attachment.file.open("rb") as handle:
                item["content"] = base64.b64encode(handle.read()).decode("ascii")
        attachments.append(item)
    return {
        "format": FORMAT,
        "slug": program.slug,
        **_row(program, PROGRAM_SCALARS[:10]),
        "themes": [
            {"slug": t.slug, "name": t.name} for t in sorted(program.themes.all(), key=lambda t: t.slug)
        ],
        **_row(program, PROGRAM_SCALARS[10:]),
        "attachments": attachments,
        "project_types": types,
        "finder_entries": [
            {
                "name": entry.name,
                "program": entry.program_slug or None,
                **_row(entry, FINDER_SCALARS[2:]),
            }
            for entry in program.finder_entries.all()
        ],
    }

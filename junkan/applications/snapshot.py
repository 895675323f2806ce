"""The frozen copy of an application at submission: what the forms showed, with the computed amounts.

The snapshot is plain JSON so that it never changes when code or reference data change later. It holds:
``meta`` (call, type, applicant, receipt), ``sections`` (each with its rows: path, label, value as text),
``raw`` (the sections' stored data), ``costs`` (years, lines and the (1)–(8) block per year),
``co_applicants`` and ``documents`` (names, kinds, sizes, SHA-256). The PDF, the xlsx and the diff between
versions read only this.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from junkan.applications.checklist import figures, section_data, sections_of, spec_of
from junkan.applications.engine.spec import FieldSpec, SectionSpec
from junkan.applications.models import Application, CoApplicantStatus
from junkan.jp.dates import fiscal_year_label, format_wareki
from junkan.jp.money import format_yen


def field_text(spec: FieldSpec, value: Any) -> str:
    """A stored value as the form shows it."""
    if value is None or value == "":
        return ""
    if spec.kind == "boolean":
        return spec.true_label if value else spec.false_label
    if spec.kind == "choice":
        return next((o.label for o in spec.options if o.value == str(value)), str(value))
    if spec.kind == "integer" and isinstance(value, int):
        return f"{value:,}"
    if spec.kind == "date":
        try:
            return format_wareki(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if spec.kind in {"co2_calculation", "economy_analysis"}:
        return str(value.get("title", "")) if isinstance(value, dict) else str(value)
    return str(value)


def section_rows(section: SectionSpec, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for spec in section.fields:
        value = data.get(spec.key)
        if spec.kind == "items":
            for number, row in enumerate(value or [], start=1):
                for sub in spec.subfields:
                    rows.append(
                        {
                            "path": f"{section.key}.{spec.key}.{number}.{sub.key}",
                            "label": f"{spec.label}（{number}）{sub.label}",
                            "value": field_text(sub, row.get(sub.key)),
                        }
                    )
            continue
        rows.append(
            {"path": f"{section.key}.{spec.key}", "label": spec.label, "value": field_text(spec, value)}
        )
    return rows


def cost_rows(years: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for year in years:
        label = year["label"]
        for number, line in enumerate(year["lines"], start=1):
            rows.append(
                {
                    "path": f"costs.{year['fiscal_year']}.{number}",
                    "label": f"{label} {number}行目",
                    "value": f"{line['category']}｜{line['description']}｜"
                    f"{line['unit_price']:,}円 × {line['quantity']:,}{line['unit']} = {line['amount']:,}円",
                }
            )
        for step in year["steps"]:
            rows.append(
                {
                    "path": f"costs.{year['fiscal_year']}.{step['key']}",
                    "label": f"{label} {step['number']}{step['label']}",
                    "value": "" if step["value"] is None else f"{step['value']:,}円",
                }
            )
    return rows


def costs_block(application: Application, data: dict[str, dict[str, Any]]) -> dict[str, Any]:
    result = figures(application, data)
    estimates = dict(result.estimate.years) if result.estimate else {}
    years = []
    for year in result.years:
        estimate = estimates.get(year.fiscal_year)
        years.append(
            {
                "fiscal_year": year.fiscal_year,
                "label": fiscal_year_label(year.fiscal_year),
                "total_cost": year.total_cost,
                "other_income": year.other_income,
                "consumption_tax": year.consumption_tax,
                "eligible_cost": year.eligible_cost,
                "lines": [
                    {
                        "category": line.category,
                        "description": line.description,
                        "unit_price": line.unit_price,
                        "quantity": line.quantity,
                        "unit": line.unit,
                        "amount": line.amount,
                    }
                    for line in year.lines
                ],
                "steps": [
                    {"key": s.key, "number": s.number, "label": s.label, "value": s.value, "note": s.note}
                    for s in (estimate.steps if estimate else ())
                ],
                "subsidy": estimate.subsidy if estimate else None,
            }
        )
    return {
        "years": years,
        "total_cost": result.total_cost,
        "requested": result.requested,
        "rate": application.project_type.rate_label,
    }


def budget_block(data: dict[str, Any]) -> dict[str, Any]:
    def rows(side: str) -> list[dict[str, Any]]:
        return [
            {
                "item": str(r.get("item", "")),
                "amount": r.get("amount") if isinstance(r.get("amount"), int) else None,
            }
            for r in data.get(side) or []
            if r.get("item")
        ]

    return {"revenue": rows("revenue"), "expenditure": rows("expenditure"), "note": str(data.get("note", ""))}


def build(application: Application, receipt_number: str, received_at: Any, version: int) -> dict[str, Any]:
    """Everything the application shows, frozen; values are JSON (ints, strings, lists)."""
    data = section_data(application)
    organization = application.organization
    sections = []
    for section in sections_of(application):
        entry: dict[str, Any] = {
            "key": section.key,
            "form": section.form,
            "title": section.title,
            "kind": section.kind,
        }
        if section.kind == "fields":
            entry["rows"] = section_rows(section, data.get(section.key, {}))
        if section.requirements:
            entry["checklist"] = True  # the requirements (no official form): printed after the forms
        sections.append(entry)
    cost_data = costs_block(application, data)
    budget = budget_block(data.get("budget", {}))
    documents = [
        {
            "kind": d.kind,
            "name": d.original_name,
            "content_type": d.content_type,
            "size": d.size,
            "sha256": d.sha256,
            "public_id": str(d.public_id),
        }
        for d in application.documents.all()
    ]
    co_applicants = [
        {"name": co.organization.name, "kind": co.organization.get_kind_display(), "role": co.role}
        for co in application.co_applicants.all()
        if co.status == CoApplicantStatus.ACCEPTED
    ]
    rows = [r for s in sections for r in s.get("rows", [])] + cost_rows(cost_data["years"])
    rows += [
        {"path": f"co_applicants.{i}", "label": f"共同申請者（{i}）", "value": f"{c['name']}：{c['role']}"}
        for i, c in enumerate(co_applicants, start=1)
    ]
    rows += [{"path": f"documents.{d['sha256']}", "label": "添付書類", "value": d["name"]} for d in documents]
    return {
        "format": 1,
        "meta": {
            "receipt_number": receipt_number,
            "version": version,
            "received_at": timezone.localtime(received_at).isoformat(),
            "received_at_text": timezone.localtime(received_at).strftime("%Y年%m月%d日 %H時%M分%S秒"),
            "program": {
                "slug": application.program.slug,
                "name": application.program.name,
                "application_forms": application.program.application_forms,
            },
            "project_type": {"code": application.project_type.code, "name": application.project_type.label},
            "title": application.title,
            "applicant": {
                "name": organization.name,
                "kind": organization.get_kind_display(),
                "lg_code": organization.municipality.code if organization.municipality_id else "",
            },
        },
        "sections": sections,
        "raw": _jsonable(data),
        "costs": cost_data,
        "budget": budget,
        "co_applicants": co_applicants,
        "documents": documents,
        "rows": rows,
        "requested_text": format_yen(cost_data["requested"]),
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def diff_rows(application: Application, snap: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows two frozen versions are compared by: the form rows, and one row per attachment and kind.

    Attachments are rebuilt from the snapshot's ``documents`` (older versions included), keyed by kind and
    content, so a replaced file, a renamed one and one moved to another kind all show as changes.
    """
    labels = {d.code: d.label for d in spec_of(application).documents}
    rows = [r for r in snap.get("rows", []) if not str(r["path"]).startswith("documents.")]
    seen: dict[str, int] = {}
    for d in snap.get("documents", []):
        key = f"documents.{d['kind']}.{d['sha256']}"
        seen[key] = seen.get(key, 0) + 1
        rows.append(
            {
                "path": key if seen[key] == 1 else f"{key}.{seen[key]}",
                "label": f"添付書類（{labels.get(d['kind'], d['kind'])}）",
                "value": f"{d['name']}（{int(d.get('size') or 0):,}バイト）",
            }
        )
    return rows

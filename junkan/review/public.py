"""The public list of adopted projects, once a committee has published its results, and its open data.

Published per call: call, type, applicant, area, title, amount of each adopted project, and per type the
number of applications reviewed and adopted. Nothing of the review itself (scores, ranks, reasons,
conditions) is published (seed 002 3.(3)).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from junkan.common.permissions import enforce
from junkan.review import permissions
from junkan.review.models import ADOPTED_OUTCOMES, Committee, CommitteeStatus, Decision

CSV_HEADER = ["公募", "年度", "事業区分", "申請者", "地域", "補助事業名", "採択額（円）"]


def _published(slug: str) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("program"), program__slug=slug)
    enforce(permissions.can_view_publication(committee))
    return committee


def _adopted(committee: Committee) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(committee=committee, outcome__in=sorted(ADOPTED_OUTCOMES))
        .select_related("application__organization", "application__project_type")
        .order_by(
            "application__project_type__order", "application__project_type_id", "application__receipt_number"
        )
    )


def _counts(committee: Committee) -> list[dict[str, Any]]:
    """Per project type: applications reviewed (decided) and adopted, with the amounts adopted."""
    rows = (
        Decision.objects.filter(committee=committee)
        .values(
            "application__project_type__code",
            "application__project_type__name",
            "application__project_type__order",
        )
        .annotate(
            applications=Count("id"),
            adopted=Count("id", filter=Q(outcome__in=sorted(ADOPTED_OUTCOMES))),
        )
        .order_by("application__project_type__order", "application__project_type__code")
    )
    return [
        {
            "code": r["application__project_type__code"],
            "name": r["application__project_type__name"],
            "applications": r["applications"],
            "adopted": r["adopted"],
        }
        for r in rows
    ]


def _records(committee: Committee, decisions: list[Decision]) -> list[dict[str, Any]]:
    program = committee.program
    return [
        {
            "program": program.name,
            "fiscal_year": program.fiscal_year,
            "project_type": d.application.project_type.label,
            "project_type_code": d.application.project_type.code,
            "applicant": d.application.organization.name,
            "area": d.area,
            "title": d.application.title,
            "amount": d.amount,
        }
        for d in decisions
    ]


def adopted_index(request: HttpRequest) -> HttpResponse:
    committees = (
        Committee.objects.filter(status=CommitteeStatus.PUBLISHED)
        .select_related("program")
        .annotate(
            applications=Count("decisions", distinct=True),
            adopted=Count(
                "decisions", filter=Q(decisions__outcome__in=sorted(ADOPTED_OUTCOMES)), distinct=True
            ),
        )
        .order_by("-program__fiscal_year", "program__slug")
    )
    return render(request, "review/adopted_index.html", {"committees": committees})


def adopted(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _published(slug)
    decisions = list(_adopted(committee))
    counts = _counts(committee)
    return render(
        request,
        "review/adopted.html",
        {
            "committee": committee,
            "program": committee.program,
            "decisions": decisions,
            "counts": counts,
            "total_amount": sum(d.amount for d in decisions),
            "total_applications": sum(c["applications"] for c in counts),
            "total_adopted": sum(c["adopted"] for c in counts),
            "adoption_rows": [(f"{c['code']}. {c['name']}", c["adopted"]) for c in counts],
        },
    )


def adopted_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """UTF-8 with BOM so that Excel opens it as Japanese."""
    committee = _published(slug)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in _records(committee, list(_adopted(committee))):
        writer.writerow(
            [
                r["program"],
                r["fiscal_year"],
                r["project_type"],
                r["applicant"],
                r["area"],
                r["title"],
                r["amount"],
            ]
        )
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="adopted-{committee.program.slug}.csv"'
    return response


def adopted_json(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _published(slug)
    program = committee.program
    body = {
        "program": {"slug": program.slug, "name": program.name, "fiscal_year": program.fiscal_year},
        "published_at": timezone.localtime(committee.published_at).isoformat()
        if committee.published_at
        else None,
        "counts": _counts(committee),
        "adopted": _records(committee, list(_adopted(committee))),
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})

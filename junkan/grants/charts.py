"""The numbers the grants pages draw as charts (``{% column_chart %}`` shows them as a table too)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet, Sum

from junkan.grants.models import AwardYear, Project
from junkan.jp.dates import fiscal_year_label


def decided_by_year(projects: QuerySet[Project]) -> list[tuple[str, int]]:
    """交付決定額 per fiscal year over the projects (years without a decision left out), oldest first."""
    rows = (
        AwardYear.objects.filter(project__in=projects.values("pk"), decided_amount__isnull=False)
        .values("fiscal_year")
        .annotate(total=Sum("decided_amount"))
        .order_by("fiscal_year")
    )
    return [(fiscal_year_label(row["fiscal_year"]), int(row["total"])) for row in rows]


def project_decided_by_year(award_years: Iterable[Any]) -> list[tuple[str, int]]:
    """One project's 交付決定額 per fiscal year, once at least one year is decided (else nothing to draw)."""
    years = list(award_years)
    if not any(year.decided_amount is not None for year in years):
        return []
    return [(fiscal_year_label(year.fiscal_year), year.decided_amount or 0) for year in years]

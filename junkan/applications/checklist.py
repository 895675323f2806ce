"""An application's figures and checklist, from its stored sections, through the engines.

The subsidy arithmetic is :mod:`junkan.programs.engine.subsidy` (through ``programs.evaluation``),
the rules are :mod:`junkan.programs.engine.eligibility`,
completeness is :mod:`junkan.applications.engine.completeness`.
Nothing here re-implements them; this module only gathers the facts from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.db.models import Count

from junkan.applications.engine import completeness, costs, requirements
from junkan.applications.engine.spec import FormSpec, SectionSpec
from junkan.applications.models import Application, ApplicationStatus, CoApplicantStatus
from junkan.applications.spec import applicant_of, form_spec
from junkan.jp.dates import fiscal_year_label
from junkan.programs import evaluation
from junkan.programs.engine import eligibility, subsidy


@dataclass(frozen=True)
class Figures:
    years: tuple[costs.Year, ...]
    estimate: subsidy.MultiYearEstimate | None

    @property
    def total_cost(self) -> int:
        return sum(y.total_cost for y in self.years)

    @property
    def requested(self) -> int:
        return self.estimate.subsidy_total if self.estimate else 0


def section_data(application: Application) -> dict[str, dict[str, Any]]:
    return {s.key: s.data for s in application.sections.all()}


def spec_of(application: Application) -> FormSpec:
    """The call's forms, with its fiscal year in the titles that name one (「令和8年度歳入歳出予算書」)."""
    program = application.program
    return _spec_for(program.application_forms, getattr(program, "fiscal_year", None), program.slug)


@cache
def _spec_for(name: str, fiscal_year: int | None, slug: str) -> FormSpec:
    spec = form_spec(name)
    if spec is None:
        raise LookupError(f"no online forms for {slug}")
    return spec.for_fiscal_year(fiscal_year_label(fiscal_year) if fiscal_year else "当該年度")


def sections_of(application: Application) -> tuple[SectionSpec, ...]:
    return spec_of(application).sections_for(applicant_of(application))


def requirement_rows(application: Application, data: dict[str, dict[str, Any]]) -> list[requirements.Row]:
    """The requirements of the application's type with the answers in ``data`` (sections or snapshot raw)."""
    for section in sections_of(application):
        if section.requirements:
            return requirements.rows(section, data.get(section.key) or {})
    return []


def figures(application: Application, data: dict[str, dict[str, Any]] | None = None) -> Figures:
    data = section_data(application) if data is None else data
    years, _ = costs.read(data.get("costs", {}))
    return Figures(years, costs.estimate(years, application.project_type.amount_rule()))


def facts(
    application: Application, data: dict[str, dict[str, Any]], submitted_at: datetime | None
) -> eligibility.Facts:
    """What the eligibility rules look at, from the application as it stands."""
    organization = application.organization
    lead_code = organization.municipality.code if organization.municipality_id else None
    co_parties = tuple(
        eligibility.Party(
            co.organization.kind,
            co.organization.municipality.code if co.organization.municipality_id else None,
        )
        for co in application.co_applicants.all()
        if co.status != CoApplicantStatus.DECLINED
    )
    years, _ = costs.read(data.get("costs", {}))
    other = data.get("structure", {}).get("other_subsidies")
    other_leads = (
        Application.objects.filter(
            program=application.program, project_type=application.project_type, organization=organization
        )
        .exclude(pk=application.pk)
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .count()
    )
    return eligibility.Facts(
        applicant=eligibility.Party(organization.kind, lead_code),
        co_applicants=co_parties,
        cost_lines=costs.eligibility_lines(years),
        submitted_at=submitted_at,
        other_national_subsidy=other if isinstance(other, bool) else None,
        other_leads=other_leads,
    )


def items(application: Application, now: datetime | None = None) -> list[completeness.Item]:
    """Everything that keeps the application from being submitted: missing items, then rule violations."""
    data = section_data(application)
    spec = spec_of(application)
    counts = dict(application.documents.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    pending = [
        co.organization.name
        for co in application.co_applicants.all()
        if co.status == CoApplicantStatus.INVITED
    ]
    found = completeness.check(spec, applicant_of(application), data, counts, pending)
    result = evaluation.check_eligibility(application.project_type, facts(application, data, now))
    for violation in result.violations:
        section = "costs" if violation.lines or "経費" in violation.message else ""
        if violation.code == "within_call_period":
            continue  # the submission itself is refused outside the period, with its own message
        found.append(completeness.Item(section, "", f"{violation.message}（{violation.reference}）", "rule"))
    return found

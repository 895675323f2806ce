"""Run the engines on a project type stored in the database: the parameters they need come from its data.

The API, the public questionnaire and (later) the application module call these; the arithmetic and
the rules themselves live in ``junkan.programs.engine`` and are never re-implemented here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from junkan.programs.engine import deadlines, eligibility, finder, subsidy
from junkan.programs.models import FinderEntry, ProjectType, ReportRule


def category_names(project_type: ProjectType) -> list[str]:
    """The names a cost line may use: each 細目 (or 費目 without 細目), and 「費目/細目」 as well."""
    names: list[str] = []
    for category in project_type.cost_categories.all():
        names.append(category.name)
        if category.item:
            names.append(f"{category.expense}/{category.item}")
    return names


def _type_params(project_type: ProjectType, code: str, params: dict[str, Any]) -> dict[str, Any]:
    """A type-level rule's params, completed from the type's own fields (data is never written twice)."""
    filled = dict(params)
    program = project_type.program
    if code == "applicant_kind":
        filled.setdefault("kinds", list(project_type.allowed_kinds))
        filled.setdefault("conditional_kinds", list(project_type.conditional_kinds))
        filled.setdefault("conditional_note", project_type.conditional_note)
    elif code == "representative_local_government":
        filled.setdefault(
            "kinds",
            [
                k
                for k in project_type.effective_representative_kinds()
                if k in eligibility.LOCAL_GOVERNMENT_KINDS
            ],
        )
    elif code == "joint_application":
        filled.setdefault("allowed", project_type.joint_allowed)
    elif code == "eligible_categories":
        filled.setdefault("categories", category_names(project_type))
    elif code == "within_call_period":
        filled.setdefault("opens_at", program.opens_at)
        filled.setdefault("closes_at", program.closes_at)
    return filled


def rule_calls(project_type: ProjectType) -> list[tuple[str, dict[str, Any]]]:
    """Every rule of the type, then those of its cost categories, with complete params."""
    calls = [
        (rule["code"], _type_params(project_type, rule["code"], rule.get("params", {})))
        for rule in project_type.rules
    ]
    for category in project_type.cost_categories.all():
        for rule in category.rules:
            calls.append((rule["code"], {"category": category.name, **rule.get("params", {})}))
    return calls


def check_eligibility(project_type: ProjectType, facts: eligibility.Facts) -> eligibility.Result:
    """Whether an application with these facts may be made under this type, with every reason."""
    return eligibility.evaluate(facts, rule_calls(project_type))


def estimate(project_type: ProjectType, inputs: subsidy.CostInputs) -> subsidy.Estimate:
    """The subsidy for one fiscal year under the type's amount rule."""
    return subsidy.estimate(project_type.amount_rule(), inputs)


def report_due_dates(report: ReportRule, event: date) -> tuple[deadlines.Due, ...]:
    """When a report is due, counted from the completion or plan date (or fixed in the call)."""
    return deadlines.due_dates(report.due_rule, report.due_params, event)


def suggest_programs(entries: Sequence[FinderEntry], natures: Sequence[str]) -> tuple[finder.Suggestion, ...]:
    """Rank the finder entries of the calls for the natures the applicant ticked."""
    candidates = [finder.Candidate(str(entry.pk), entry.name, entry.fits) for entry in entries]
    return finder.suggest(candidates, natures)

"""Read the review from the database into the engines' inputs, and run them.

Nothing here writes. Every function issues a fixed number of queries, whatever the number of applications,
members or sheets (the results and assignment pages of a call with hundreds of applications stay fast).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from junkan.applications.models import Application, ApplicationStatus, CoApplicant, CoApplicantStatus
from junkan.common import cache
from junkan.municipalities.models import Municipality
from junkan.organizations.models import Membership
from junkan.programs.engine.criteria import Criterion, criteria_from_records
from junkan.programs.models import Program, ProjectType, ReviewCriterion, project_type_wide
from junkan.review.engine import coi, scoring
from junkan.review.engine.adoption import AdoptionInputError, Candidate, TypeProposal, propose
from junkan.review.models import (
    ADOPTED_OUTCOMES,
    Assignment,
    AssignmentStatus,
    Budget,
    Committee,
    CommitteeMember,
    Decision,
    Declaration,
    DeclarationKind,
    Exclusion,
    Mark,
    Outcome,
    ScoreSheet,
    SheetStatus,
)


def review_applications(committee: Committee) -> QuerySet[Application]:
    """The applications under review: the call's applications in the state 受理, in receipt order."""
    return (
        Application.objects.filter(program_id=committee.program_id, status=ApplicationStatus.ACCEPTED)
        .select_related("organization__municipality", "project_type")
        .defer(*project_type_wide("project_type__"))
        .order_by("project_type__order", "project_type_id", "receipt_number", "id")
    )


def active_members(committee: Committee) -> QuerySet[CommitteeMember]:
    return (
        CommitteeMember.objects.filter(committee=committee, active=True).select_related("user").order_by("id")
    )


# Criteria ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeCriteria:
    """A project type's criteria as rows (for forms) and as engine criteria, with any problem."""

    project_type: ProjectType
    rows: tuple[ReviewCriterion, ...]
    criteria: tuple[Criterion, ...]
    problems: tuple[str, ...]


def criterion_record(row: ReviewCriterion) -> dict[str, Any]:
    return {
        "code": row.code,
        "text": row.text,
        "weight": row.weight,
        "pass_fail": row.pass_fail,
        "scale_min": row.scale_min,
        "scale_max": row.scale_max,
        "required": row.required,
        "not_applicable_allowed": row.not_applicable_allowed,
    }


def type_criteria(project_type: ProjectType, rows: Iterable[ReviewCriterion]) -> TypeCriteria:
    rows = tuple(rows)
    criteria, problems = criteria_from_records([criterion_record(r) for r in rows])
    if not rows:
        problems = [_("この事業区分には審査の観点が登録されていません。")]
    return TypeCriteria(project_type, rows, criteria, tuple(problems))


def load_criteria(program: Program | int) -> dict[str, TypeCriteria]:
    """Each project type's criteria by type code (2 queries)."""
    program_id = program if isinstance(program, int) else program.pk
    types = (
        ProjectType.objects.filter(program_id=program_id)
        .defer(*project_type_wide())
        .prefetch_related(
            Prefetch("review_criteria", queryset=ReviewCriterion.objects.order_by("order", "id"))
        )
    )
    return {t.code: type_criteria(t, t.review_criteria.all()) for t in types.order_by("order", "id")}


def engine_mark(mark: Mark | MarkRow) -> scoring.Mark:
    return scoring.Mark(
        points=mark.points, passed=mark.passed, not_applicable=mark.not_applicable, comment=mark.comment
    )


def engine_sheet(
    sheet: ScoreSheet | SheetRow, marks: Iterable[Mark | MarkRow], codes: dict[int, str]
) -> scoring.ScoreSheet:
    """The engine's sheet; marks on criteria no longer listed are left out (the validator then says so)."""
    if isinstance(sheet, ScoreSheet):
        member_id, application_id = sheet.assignment.member_id, sheet.assignment.application_id
    else:
        member_id, application_id = sheet.member_id, sheet.application_id
    return scoring.ScoreSheet(
        member_id=member_id,
        application_id=application_id,
        marks={codes[m.criterion_id]: engine_mark(m) for m in marks if m.criterion_id in codes},
        overall_comment=sheet.overall_comment,
    )


# Conflicts of interest -------------------------------------------------------------------------------------


def area_key(municipality: Municipality) -> str:
    """The engine's key of a local government: its 団体コード, or ``union:<pk>`` for a union without one."""
    return municipality.code or f"union:{municipality.pk}"


def area_index(ids: set[int]) -> coi.AreaIndex:
    """Which areas enclose which, for the given local governments (ward → city, member → union)."""
    enclosing: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    unions = Municipality.objects.select_related("prefecture")
    rows = (
        Municipality.objects.filter(pk__in=ids)
        .select_related("parent", "prefecture")
        .prefetch_related(Prefetch("unions", queryset=unions))
    )
    for municipality in rows:
        key = area_key(municipality)
        names[key] = municipality.full_name
        if municipality.parent_id:
            enclosing[key].add(area_key(municipality.parent))
        if municipality.code is None and municipality.prefecture_id:
            enclosing[key].add(area_key(municipality.prefecture))
        for union in municipality.unions.all():
            union_key = area_key(union)
            names[union_key] = union.full_name
            enclosing[key].add(union_key)
            if union.prefecture_id:
                enclosing[union_key].add(area_key(union.prefecture))
    return coi.AreaIndex(enclosing={k: frozenset(v) for k, v in enclosing.items()}, names=names)


def _parties(application: Application) -> tuple[coi.Party, ...]:
    lead = application.organization
    parties = [
        coi.Party(
            name=lead.name,
            organization=lead.pk,
            areas=frozenset({area_key(lead.municipality)}) if lead.municipality_id else frozenset(),
        )
    ]
    for co in application.co_applicants.all():
        org = co.organization
        parties.append(
            coi.Party(
                name=org.name,
                organization=org.pk,
                areas=frozenset({area_key(org.municipality)}) if org.municipality_id else frozenset(),
                co_applicant=True,
            )
        )
    return tuple(parties)


def _engine_member(member: CommitteeMember, memberships: list[Membership]) -> coi.Member:
    """A member's organizations (profile and platform memberships) and governments (work, residence)."""
    organizations = {o.pk for o in member.organizations.all()} | {m.organization_id for m in memberships}
    workplaces = {area_key(member.workplace)} if member.workplace_id else set()
    # A person who acts for a local government on the platform works there.
    workplaces |= {
        area_key(m.organization.municipality) for m in memberships if m.organization.municipality_id
    }
    residences = {area_key(member.residence)} if member.residence_id else set()
    return coi.Member(
        id=member.pk,
        organizations=frozenset(organizations),
        workplaces=frozenset(workplaces),
        residences=frozenset(residences),
    )


def find_conflicts(committee: Committee) -> tuple[coi.Conflicts, list[CommitteeMember], list[Application]]:
    """Every conflicted (member pk, application pk) pair of the committee, detected and declared."""
    members = list(
        active_members(committee).select_related("workplace", "residence").prefetch_related("organizations")
    )
    applications = list(
        review_applications(committee).prefetch_related(
            Prefetch(
                "co_applicants",
                queryset=CoApplicant.objects.exclude(status=CoApplicantStatus.DECLINED).select_related(
                    "organization__municipality"
                ),
            )
        )
    )
    memberships: dict[int, list[Membership]] = defaultdict(list)
    for membership in Membership.objects.filter(user_id__in=[m.user_id for m in members]).select_related(
        "organization__municipality"
    ):
        memberships[membership.user_id].append(membership)
    engine_members = [_engine_member(m, memberships[m.user_id]) for m in members]
    engine_applications = [coi.Application(a.pk, _parties(a)) for a in applications]
    area_ids: set[int] = set()
    for member in members:
        area_ids |= {pk for pk in (member.workplace_id, member.residence_id) if pk}
        area_ids |= {
            m.organization.municipality_id
            for m in memberships[member.user_id]
            if m.organization.municipality_id
        }
    for application in applications:
        area_ids |= {
            p.organization.municipality_id for p in [application, *application.co_applicants.all()]
        } - {None}
    declarations = [
        coi.Declaration(d.member_id, d.application_id, coi.ConflictKind(d.kind), d.note)
        for d in Declaration.objects.filter(member__committee=committee, member__active=True).exclude(
            kind=DeclarationKind.NONE
        )
    ]
    conflicts = coi.find_conflicts(
        engine_members,
        engine_applications,
        declarations,
        area_index(area_ids),
        coi.CoiPolicy(nested_workplaces=committee.nested_workplaces),
    )
    return conflicts, members, applications


def reason_records(reasons: Iterable[coi.Reason]) -> list[dict[str, str]]:
    return [{"kind": r.kind.value, "source": r.source.value, "label": r.label} for r in reasons]


# Results ---------------------------------------------------------------------------------------------------
# What is cached is plain values (frozen dataclasses of ids, strings and numbers), never model instances:
# at national scale the results hold 400 applications and 2,000 sheets, and reading them back from the
# cache must cost little more than the bytes.


@dataclass(frozen=True)
class ApplicationRow:
    """An application under review as the results show it."""

    pk: int
    public_id: Any
    receipt_number: str
    title: str
    organization: str
    requested_amount: int
    project_type: str  # the type's code


@dataclass(frozen=True)
class DecisionRow:
    """A recorded decision as the results show it."""

    outcome: str
    amount: int

    @property
    def label(self) -> str:
        return str(Outcome(self.outcome).label)

    @property
    def is_adopted(self) -> bool:
        return self.outcome in ADOPTED_OUTCOMES


@dataclass(frozen=True)
class MarkRow:
    """A mark read as plain values (thousands of them on the results page; model instances cost more)."""

    criterion_id: int
    points: int | None
    passed: bool | None
    not_applicable: bool
    comment: str


@dataclass(frozen=True)
class SheetRow:
    """A submitted sheet as plain values: whose, its score, when, the overall comment and the marks."""

    pk: int
    application_id: int
    member_id: int
    member: str
    score: Decimal | None
    submitted_at: datetime | None
    overall_comment: str
    mark_rows: tuple[MarkRow, ...]


@dataclass(frozen=True)
class TypeRow:
    """A project type as the results show it (the budget form names it by ``pk``)."""

    pk: int
    code: str
    label: str


@dataclass
class Results:
    """Everything the results page, the decision page and the exports show, as plain values."""

    applications: list[ApplicationRow]
    types: list[TypeRow]
    criteria: dict[str, TypeCriteria]
    results: dict[int, scoring.ApplicationResult]
    sheets: dict[int, list[SheetRow]]  # empty in ``cached_results``: the sheets are cached apart
    submitted: dict[int, int]  # counted sheets per application
    assigned: dict[int, int]
    budgets: dict[str, int]
    proposals: dict[str, TypeProposal]
    decisions: dict[int, DecisionRow]
    problems: list[str] = field(default_factory=list)

    def rows(self, application: ApplicationRow, chosen: set[int]) -> dict[str, Any]:
        return {
            "application": application,
            "result": self.results.get(application.pk),
            "assigned": self.assigned.get(application.pk, 0),
            "submitted": self.submitted.get(application.pk, 0),
            "proposed": application.pk in chosen,
            "decision": self.decisions.get(application.pk),
        }

    def by_type(self, start: int = 0, stop: int | None = None) -> list[dict[str, Any]]:
        """One group per project type: its applications in rank order, with result and decision.

        ``start``/``stop`` cut the ranked list of every type one after the other (a page of the results):
        each group then holds only its rows within the cut, and ``continued`` says it began on a page before.
        """
        groups = []
        by_id = {a.pk: a for a in self.applications}
        position = 0
        for row_type in self.types:
            code = row_type.code
            apps = [a for a in self.applications if a.project_type == code]
            proposal = self.proposals.get(code)
            chosen = set(proposal.chosen) if proposal else set()
            rows = [self.rows(a, chosen) for a in apps]
            rows.sort(
                key=lambda r: (
                    r["result"] is None or r["result"].rank is None,
                    r["result"].rank if r["result"] and r["result"].rank else 0,
                    r["application"].receipt_number or "",
                )
            )
            first = position
            position += len(rows)
            low = max(start - first, 0)
            high = len(rows) if stop is None else max(min(stop - first, len(rows)), 0)
            groups.append(
                {
                    "code": code,
                    "project_type": row_type,
                    "criteria": self.criteria.get(code),
                    "rows": rows[low:high],
                    "count": len(rows),
                    "first": first,  # the position of the type's first row in the ranked list of every type
                    "continued": low > 0,
                    "budget": self.budgets.get(code),
                    "proposal": proposal,
                    "lowest": by_id.get(proposal.lowest_adopted)
                    if proposal and proposal.lowest_adopted
                    else None,
                    "next": [
                        {"candidate": n, "application": by_id[n.application_id]}
                        for n in (proposal.next_candidates if proposal else ())
                    ],
                    "requested": sum(a.requested_amount for a in apps),
                    "scored": sum(1 for a in apps if self.submitted.get(a.pk)),
                    "disagreements": sum(
                        1 for a in apps if (r := self.results.get(a.pk)) is not None and r.disagreement
                    ),
                    "decided": sum(1 for a in apps if a.pk in self.decisions),
                    "adopted": sum(1 for a in apps if (d := self.decisions.get(a.pk)) and d.is_adopted),
                }
            )
        return groups


def submitted_sheets(committee: Committee) -> list[SheetRow]:
    """The submitted sheets of active assignments as plain rows with their marks (2 queries)."""
    counted = {
        "assignment__committee": committee,
        "assignment__status": AssignmentStatus.ACTIVE,
        "assignment__member__active": True,
        "assignment__application__status": ApplicationStatus.ACCEPTED,
        "status": SheetStatus.SUBMITTED,
    }
    marks: dict[int, list[MarkRow]] = defaultdict(list)
    for sheet_id, *values in (
        Mark.objects.filter(**{f"sheet__{key}": value for key, value in counted.items()})
        .order_by("sheet_id", "criterion__order", "criterion_id")
        .values_list("sheet_id", "criterion_id", "points", "passed", "not_applicable", "comment")
    ):
        marks[sheet_id].append(MarkRow(*values))
    sheets = (
        ScoreSheet.objects.filter(**counted)
        .order_by("assignment__application_id", "assignment__member_id")
        .values_list(
            "pk",
            "assignment__application_id",
            "assignment__member_id",
            "assignment__member__user__full_name",
            "assignment__member__user__email",
            "score",
            "submitted_at",
            "overall_comment",
        )
    )
    return [
        SheetRow(pk, application_id, member_id, name or email, score, at, comment, tuple(marks[pk]))
        for pk, application_id, member_id, name, email, score, at, comment in sheets
    ]


def _application_rows(committee: Committee) -> list[ApplicationRow]:
    return [
        ApplicationRow(*values)
        for values in review_applications(committee).values_list(
            "pk",
            "public_id",
            "receipt_number",
            "title",
            "organization__name",
            "requested_amount",
            "project_type__code",
        )
    ]


def compute_results(committee: Committee) -> Results:
    """Aggregate the submitted sheets and propose the adoption set within each type's budget."""
    applications = _application_rows(committee)
    criteria = load_criteria(committee.program_id)
    codes = {row.pk: row.code for tc in criteria.values() for row in tc.rows}
    policy = scoring.ReviewPolicy(
        disagreement_threshold=committee.disagreement_threshold,
        required_rule=scoring.RequiredRule(committee.required_rule),
    )
    problems: list[str] = []
    sheets: dict[int, list[SheetRow]] = defaultdict(list)
    engine_sheets = []
    labels = {a.pk: a.receipt_number or a.title for a in applications}
    types = {a.pk: a.project_type for a in applications}
    for sheet in submitted_sheets(committee):
        application_id = sheet.application_id
        if application_id not in types:
            continue
        tc = criteria.get(types[application_id])
        engine = engine_sheet(sheet, sheet.mark_rows, codes)
        found = scoring.validate_sheet(tc.criteria, engine) if tc else ()
        if tc is None or tc.problems or found:
            problems.append(
                _("%(app)s・%(member)sの採点票は、審査の観点と合わないため集計から除きました。")
                % {"app": labels[application_id], "member": sheet.member}
            )
            continue
        sheets[application_id].append(sheet)
        engine_sheets.append(engine)
    results = scoring.aggregate(
        {code: tc.criteria for code, tc in criteria.items() if not tc.problems}, types, engine_sheets, policy
    )
    budgets = dict(Budget.objects.filter(committee=committee).values_list("project_type__code", "amount"))
    candidates = [
        Candidate(
            application_id=a.pk,
            project_type=a.project_type,
            amount=a.requested_amount,
            score=results[a.pk].score,
            rank=results[a.pk].rank,
            failed_required=results[a.pk].failed_required,
        )
        for a in applications
        if a.project_type in budgets
    ]
    try:
        proposals = propose(candidates, budgets) if budgets else {}
    except AdoptionInputError as error:
        problems.append(str(error))
        proposals = {}
    assigned = dict(
        Assignment.objects.filter(committee=committee, status=AssignmentStatus.ACTIVE, member__active=True)
        .values_list("application_id")
        .annotate(n=Count("id"))
        .values_list("application_id", "n")
    )
    decisions = {
        application_id: DecisionRow(outcome, amount)
        for application_id, outcome, amount in Decision.objects.filter(committee=committee).values_list(
            "application_id", "outcome", "amount"
        )
    }
    return Results(
        applications=applications,
        types=[TypeRow(tc.project_type.pk, code, tc.project_type.label) for code, tc in criteria.items()],
        criteria=criteria,
        results=results,
        sheets=dict(sheets),
        submitted={pk: len(found) for pk, found in sheets.items()},
        assigned=assigned,
        budgets=budgets,
        proposals=proposals,
        decisions=decisions,
        problems=problems,
    )


def cached_results(committee: Committee) -> Results:
    """``compute_results`` kept in the cache until a sheet, budget, decision, assignment, member or
    application of the committee changes (``review.caching``). Pages and exports read this; services
    that decide from the results compute them afresh. The sheets with their marks (half the bytes) are
    cached apart (``cached_sheets``): only the decision page and the score export read them."""
    scopes = results_scopes(committee)

    def compute() -> Results:
        full = compute_results(committee)
        cache.cached("review:results-sheets", scopes, lambda: full.sheets)
        return replace(full, sheets={})

    return cache.cached("review:results", scopes, compute)


def cached_sheets(committee: Committee) -> dict[int, list[SheetRow]]:
    """The counted sheets of ``cached_results`` per application, under the same generations."""
    return cache.cached(
        "review:results-sheets", results_scopes(committee), lambda: compute_results(committee).sheets
    )


def results_scopes(committee: Committee) -> tuple[str, ...]:
    """The cache scopes of a committee's results (``review.caching``)."""
    from junkan.review import caching

    return caching.scopes(committee.pk, committee.program_id)


def results_generation(committee: Committee) -> str:
    """A token that changes whenever the results may change (the rendered table is cached by it)."""
    return cache.tokens(*results_scopes(committee))


@dataclass(frozen=True)
class ResultsSummary:
    """What the results page shows besides the page of the table: a few figures, read without the rows."""

    types: list[TypeRow]
    budgets: dict[str, int]
    requested: dict[str, tuple[int, int]]
    problems: list[str]
    application_count: int
    decided_count: int
    # The first applications without a decision (receipt number, title), as the "decided" move's guard
    # names them: the results page asks the guard with these instead of counting again.
    undecided_first: list[tuple[str, str]]


UNDECIDED_NAMED = 5  # how many undecided applications a refusal to record the decisions names


def summarise(results: Results) -> ResultsSummary:
    requested: dict[str, tuple[int, int]] = {}
    for application in results.applications:
        total, count = requested.get(application.project_type, (0, 0))
        requested[application.project_type] = (total + application.requested_amount, count + 1)
    return ResultsSummary(
        types=list(results.types),
        budgets=dict(results.budgets),
        requested=requested,
        problems=list(results.problems),
        application_count=len(results.applications),
        decided_count=sum(1 for a in results.applications if a.pk in results.decisions),
        undecided_first=[
            (a.receipt_number, a.title) for a in results.applications if a.pk not in results.decisions
        ][:UNDECIDED_NAMED],
    )


def cached_summary(committee: Committee, results: Callable[[], Results] | None = None) -> ResultsSummary:
    """``summarise(cached_results(...))`` kept apart: a page whose table is cached reads only this.
    ``results`` gives the results when the summary is missing (a page that may need them too passes one
    getter for both, so a cold page reads them from the cache once)."""
    found = results or (lambda: cached_results(committee))
    return cache.cached("review:results-summary:2", results_scopes(committee), lambda: summarise(found()))


def exclusions(committee: Committee) -> QuerySet[Exclusion]:
    return Exclusion.objects.filter(committee=committee).select_related("member__user", "application")


def assignment_counts(committee: Committee) -> dict[str, Any]:
    """Members' loads and how many applications lack reviewers (2 queries)."""
    loads = dict(
        Assignment.objects.filter(committee=committee, status=AssignmentStatus.ACTIVE)
        .values_list("member_id")
        .annotate(n=Count("id"))
        .values_list("member_id", "n")
    )
    short = (
        review_applications(committee)
        .annotate(
            n=Count(
                "review_assignments",
                filter=Q(
                    review_assignments__committee=committee,
                    review_assignments__status=AssignmentStatus.ACTIVE,
                    review_assignments__member__active=True,
                ),
            )
        )
        .filter(n__lt=committee.reviewers_per_application)
        .count()
    )
    return {"loads": loads, "short": short}


def score_display(value: Decimal | None) -> str:
    return scoring.display(value)

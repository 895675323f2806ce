"""Public pages of calls: list, detail, 「応募できるか確認」, the amount estimate, the finder, downloads.

All public (no login). Unpublished calls answer 404 except to the secretariat. Forms use GET: they
change nothing, their results can be bookmarked, and they work without JavaScript.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone

from junkan.callqa import caching as callqa_caching
from junkan.common import cache, files
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.jp.dates import tokyo_date
from junkan.programs import caching, evaluation, permissions, presentation
from junkan.programs.engine import eligibility, finder, subsidy
from junkan.programs.forms import (
    EligibilityQuestionnaireForm,
    EstimateForm,
    FinderForm,
    ProgramFilterForm,
    project_type_of,
)
from junkan.programs.models import (
    FinderEntry,
    Program,
    ProgramAttachment,
    ProjectNature,
    ProjectType,
    Theme,
)

PROGRAMS_PER_PAGE = 20


def visible_programs(user: object) -> QuerySet[Program]:
    """Published calls; the secretariat sees unpublished ones too."""
    if permissions.can_see_unpublished(user):
        return Program.objects.all()
    return Program.objects.published()


def program_list(request: HttpRequest) -> HttpResponse:
    """The list is the same for everyone of a kind (the secretariat also sees unpublished calls): rendered
    once per change of the calls, language, query and the moments passed (a call opening or closing)."""
    enforce(permissions.can_list_programs(request.user))
    now = timezone.now()
    unpublished = permissions.can_see_unpublished(request.user).allowed
    body = cache.fragment(
        "programs:list",
        (caching.SCOPE,),
        (unpublished, request.GET.urlencode(), tokyo_date(now), _moments_passed(now)),
        lambda: render_to_string("programs/_list_body.html", _list_context(request, now), request=request),
    )
    return render(request, "programs/list.html", {"body": body})


def _moments_passed(now: datetime) -> tuple[int, int]:
    """How many openings and deadlines of all calls lie before ``now`` (and at it): a call's status changes
    only when this does, so it keys the cached list."""
    moments = cache.cached("programs:moments", (caching.SCOPE,), _moments)
    return bisect.bisect_left(moments, now), bisect.bisect_right(moments, now)


def _moments() -> list[datetime]:
    return sorted(moment for pair in Program.objects.values_list("opens_at", "closes_at") for moment in pair)


def _list_context(request: HttpRequest, now: datetime) -> dict[str, object]:
    visible = visible_programs(request.user)
    fiscal_years = sorted(set(visible.values_list("fiscal_year", flat=True)), reverse=True)
    themes = list(Theme.objects.filter(programs__in=visible).distinct())
    form = ProgramFilterForm(request.GET or None, fiscal_years=fiscal_years, themes=themes)
    form.is_valid()  # invalid filters are ignored; the valid ones still apply
    filters = getattr(form, "cleaned_data", {})
    programs = visible.prefetch_related(
        Prefetch(
            "project_types",
            ProjectType.objects.only(
                "program_id",
                "code",
                "name",
                "allowed_kinds",
                "conditional_kinds",
                "rate_numerator",
                "rate_denominator",
                "cap",
                "order",
            ),
        ),
        "themes",
    )
    if filters.get("status"):
        programs = programs.with_status(filters["status"], now)
    if filters.get("fiscal_year"):
        programs = programs.filter(fiscal_year=filters["fiscal_year"])
    if filters.get("theme"):
        programs = programs.filter(themes__slug=filters["theme"]).distinct()
    items = list(programs)
    kind = filters.get("applicant_kind")
    if kind:
        # Allowed kinds are a JSON list per type; calls are few, so this is filtered here, not in SQL.
        items = [
            program
            for program in items
            if any(
                kind in t.allowed_kinds or kind in t.conditional_kinds for t in program.project_types.all()
            )
        ]
    items.sort(key=lambda program: presentation.list_order(program, now))
    page = page_of(request, items, PROGRAMS_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    rows = [{"program": program, "timing": presentation.timing(program, now)} for program in page.object_list]
    filtered = bool(request.GET)
    return {"form": form, "rows": rows, "page": page, "query": query.urlencode(), "filtered": filtered}


def _program(request: HttpRequest, slug: str, queryset: QuerySet[Program] | None = None) -> Program:
    program = get_object_or_404(queryset if queryset is not None else Program.objects.all(), slug=slug)
    enforce(permissions.can_view_program(request.user, program))
    return program


def _with_rules(queryset: QuerySet[Program]) -> QuerySet[Program]:
    return queryset.prefetch_related(
        "project_types__cost_categories", "project_types__review_criteria", "project_types__report_rules"
    )


def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The page is the same for everyone of a kind (the secretariat's links; signed in or not for the Q&A's
    invitation to ask): rendered once per change of the calls or their Q&A, language, status and countdown."""
    program = _program(request, slug)
    timing = presentation.timing(program)
    can_manage = permissions.can_manage_programs(request.user).allowed
    body = cache.fragment(
        f"programs:detail:{program.pk}",
        (caching.SCOPE, callqa_caching.SCOPE),
        (timing, can_manage, request.user.is_authenticated),
        lambda: render_to_string(
            "programs/_detail_body.html", _detail_context(program.pk, timing, can_manage), request=request
        ),
    )
    return render(request, "programs/detail.html", {"program": program, "body": body})


def _detail_context(pk: int, timing: presentation.Timing, can_manage: bool) -> dict[str, object]:
    program = _with_rules(Program.objects.prefetch_related("themes", "attachments")).get(pk=pk)
    types = []
    for project_type in program.project_types.all():
        presentation.annotate_categories(project_type)
        types.append(
            {
                "type": project_type,
                "allowed": presentation.kind_labels(project_type.allowed_kinds),
                "conditional": presentation.kind_labels(project_type.conditional_kinds),
                "representatives": presentation.kind_labels(project_type.effective_representative_kinds()),
                "rules": presentation.type_rule_rows(project_type),
            }
        )
    return {
        "program": program,
        "timing": timing,
        "opens_text": presentation.moment_text(program.opens_at),
        "closes_text": presentation.moment_text(program.closes_at),
        "types": types,
        "can_manage": can_manage,
        "has_finder": program.finder_entries.exists(),
        "online": bool(program.application_forms) and timing.accepting,
    }


def attachment_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    program = _program(request, slug)
    attachment = get_object_or_404(ProgramAttachment, pk=pk, program=program)
    filename = attachment.file.name.rsplit("/", 1)[-1]
    return files.sandbox(FileResponse(attachment.file.open("rb"), filename=filename))


def eligibility_check(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug, Program.objects.prefetch_related("project_types__cost_categories"))
    submitted = "project_type" in request.GET or "applicant_kind" in request.GET
    initial = {"project_type": request.GET.get("type"), "other_national_subsidy": "no"}
    form = EligibilityQuestionnaireForm(request.GET if submitted else None, program=program, initial=initial)
    result = project_type = None
    if submitted and form.is_valid():
        project_type = project_type_of(program, form.cleaned_data["project_type"])
        result = evaluation.check_eligibility(project_type, form.facts(timezone.now()))
    skipped = [eligibility.RULES[code].title for code in result.skipped] if result else []
    return render(
        request,
        "programs/check.html",
        {
            "program": program,
            "form": form,
            "result": result,
            "project_type": project_type,
            "skipped": skipped,
        },
    )


def subsidy_estimate(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug, Program.objects.prefetch_related("project_types"))
    submitted = "project_type" in request.GET and "total_cost" in request.GET
    form = EstimateForm(
        request.GET if submitted else None, program=program, initial={"project_type": request.GET.get("type")}
    )
    result = project_type = None
    if submitted and form.is_valid():
        project_type = project_type_of(program, form.cleaned_data["project_type"])
        project_type.program = program
        try:
            result = evaluation.estimate(project_type, form.inputs())
        except subsidy.AmountInputError as error:
            form.add_problems(error.problems)
    return render(
        request,
        "programs/estimate.html",
        {"program": program, "form": form, "result": result, "project_type": project_type},
    )


def program_finder(request: HttpRequest) -> HttpResponse:
    """The ◎○△ tables of the calls that have one, and the suggestion for the natures ticked."""
    enforce(permissions.can_list_programs(request.user))
    visible = visible_programs(request.user)
    entries = list(
        FinderEntry.objects.filter(source_program__in=visible)
        .select_related("source_program")
        .order_by("-source_program__fiscal_year", "source_program_id", "order", "id")
    )
    linked = {p.slug: p for p in visible.filter(slug__in={e.program_slug for e in entries if e.program_slug})}
    groups: dict[int, list[FinderEntry]] = defaultdict(list)
    for entry in entries:
        groups[entry.source_program_id].append(entry)
    form = FinderForm(request.GET if "run" in request.GET else None)
    chosen = form.cleaned_data["natures"] if form.is_valid() else []
    tables = []
    for group in groups.values():
        suggestions = evaluation.suggest_programs(group, chosen) if chosen else ()
        by_key = {s.candidate.key: s for s in suggestions}
        tables.append(
            {
                "source": group[0].source_program,
                "columns": [
                    {"entry": e, "program": linked.get(e.program_slug), "suggestion": by_key.get(str(e.pk))}
                    for e in group
                ],
                "rows": [
                    {
                        "nature": label,
                        "chosen": code in chosen,
                        "marks": [e.fits.get(code, "") for e in group],
                    }
                    for code, label in ProjectNature.choices
                ],
                "ranked": [
                    {"suggestion": s, "entry": next(e for e in group if str(e.pk) == s.candidate.key)}
                    for s in suggestions
                ],
            }
        )
    return render(
        request,
        "programs/finder.html",
        {"form": form, "tables": tables, "chosen": chosen, "meanings": finder.MARK_MEANINGS},
    )

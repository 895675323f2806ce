"""The secretariat's side: an inbox per call (filters, sorting, search, totals per type, CSV export) and
受理 / 不備 on each submitted application.
"""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.applications import caching, permissions, services
from junkan.applications.forms import InboxFilterForm, ReturnForm
from junkan.applications.models import Application, ApplicationStatus
from junkan.applications.processes import APPLICATION
from junkan.applications.views import get_application
from junkan.common import cache, files, workflow
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.common.spreadsheets import spreadsheet_safe
from junkan.municipalities.models import Municipality
from junkan.organizations.models import OrganizationKind
from junkan.programs.models import Program, project_type_wide

PER_PAGE = 50
SORTS = {
    "received": ("submitted_at", _("提出日時（古い順）")),
    "-received": ("-submitted_at", _("提出日時（新しい順）")),
    "-amount": ("-requested_amount", _("補助金所要額（多い順）")),
    "amount": ("requested_amount", _("補助金所要額（少ない順）")),
    "receipt": ("receipt_number", _("受付番号順")),
}
ROW_FIELDS = (
    "public_id",
    "receipt_number",
    "title",
    "organization__name",
    "project_type__code",
    "requested_amount",
    "submitted_at",
    "status",
)
# The inbox holds what was submitted: drafts are the applicants' own.
INBOX_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.WITHDRAWN,
]


def _filtered(program: Program, form: InboxFilterForm) -> QuerySet[Application]:
    queryset = (
        Application.objects.filter(program=program, submitted_at__isnull=False)
        .select_related("project_type", "organization__municipality")
        .defer(*project_type_wide("project_type__"))
    )
    if not form.is_valid():
        return queryset.order_by("submitted_at", "id")
    data = form.cleaned_data
    if data["project_type"]:
        queryset = queryset.filter(project_type__code=data["project_type"])
    if data["status"]:
        queryset = queryset.filter(status=data["status"])
    if data["prefecture"]:
        queryset = queryset.filter(prefecture_code=data["prefecture"])
    if data["kind"]:
        queryset = queryset.filter(organization__kind=data["kind"])
    if data["q"]:
        q = data["q"].strip()
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(organization__name__icontains=q) | Q(receipt_number__icontains=q)
        )
    order = SORTS.get(data["sort"] or "received", SORTS["received"])[0]
    return queryset.order_by(order, "id")


def _filter_form(request: HttpRequest, program: Program) -> InboxFilterForm:
    form = InboxFilterForm(request.GET or None)
    form.fields["project_type"].choices = [
        ("", _("すべて")),
        *((t.code, t.label) for t in program.project_types.order_by("order", "code")),
    ]
    form.fields["status"].choices = [("", _("すべて"))] + [(s.value, s.label) for s in INBOX_STATUSES]
    form.fields["prefecture"].choices = [("", _("すべて"))] + [
        (m.code[:2], m.name) for m in Municipality.objects.filter(kind="prefecture").order_by("code")
    ]
    form.fields["kind"].choices = [("", _("すべて")), *OrganizationKind.choices]
    form.fields["sort"].choices = [(k, label) for k, (_o, label) in SORTS.items()]
    return form


@login_required
def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(Program, slug=slug)
    enforce(permissions.can_view_inbox(request.user, program))
    query = request.GET.copy()
    page_number = query.pop("page", [""])[-1]
    # The totals, the filters and the page of applications are the same for every secretariat member:
    # rendered once per change of the call's applications (caching.scopes), query, page and language.
    listing = cache.fragment(
        "applications_inbox",
        caching.scopes(program.pk),
        (program.pk, query.urlencode(), page_number),
        lambda: _listing(request, program, query.urlencode()),
    )
    return render(request, "applications/inbox.html", {"program": program, "listing": listing})


def _listing(request: HttpRequest, program: Program, query: str) -> str:
    form = _filter_form(request, program)
    # Plain rows of what the table shows (no model instances, the status label from a dict).
    statuses = dict(ApplicationStatus.choices)
    page = page_of(request, _filtered(program, form).values(*ROW_FIELDS), PER_PAGE)
    page.object_list = [{**row, "status_label": statuses.get(row["status"], row["status"])} for row in page]
    totals = (
        Application.objects.filter(program=program, submitted_at__isnull=False)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .values("project_type__code", "project_type__name")
        .annotate(count=Count("id"), requested=Sum("requested_amount"), total=Sum("total_cost"))
        .order_by("project_type__order", "project_type__code")
    )
    return render_to_string(
        "applications/_inbox_listing.html",
        {"program": program, "form": form, "page": page, "totals": totals, "query": query},
    )


def _csv_rows(queryset: QuerySet[Application]) -> Any:
    yield [
        "受付番号",
        "提出日時",
        "状態",
        "事業区分",
        "補助事業名",
        "代表申請者",
        "申請者の種別",
        "団体コード",
        "都道府県コード",
        "総事業費（円）",
        "補助金所要額（円）",
    ]
    for a in queryset:
        yield [
            a.receipt_number or "",
            timezone.localtime(a.submitted_at).strftime("%Y-%m-%d %H:%M:%S") if a.submitted_at else "",
            a.get_status_display(),
            a.project_type.code,
            a.title,
            a.organization.name,
            a.organization.get_kind_display(),
            a.organization.municipality.code if a.organization.municipality_id else "",
            a.prefecture_code,
            a.total_cost,
            a.requested_amount,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def inbox_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every application's key figures, UTF-8 with BOM so that Excel opens it as Japanese."""
    program = get_object_or_404(Program, slug=slug)
    enforce(permissions.can_view_inbox(request.user, program))
    form = _filter_form(request, program)
    writer = csv.writer(_Echo())
    rows = ([spreadsheet_safe(cell) for cell in row] for row in _csv_rows(_filtered(program, form)))
    body = "\ufeff" + "".join(writer.writerow(row) for row in rows)
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="applications-{program.slug}.csv"'
    return files.exported(request, response, "applications.inbox.exported", program, format="csv")


@login_required
def decide(request: HttpRequest, public_id: Any) -> HttpResponse:
    application = get_application(request, public_id)
    enforce(permissions.can_decide(request.user, application))
    decision = workflow.can(APPLICATION, request.user, application, "accepted")
    if not decision:
        messages.error(request, decision.reason)
        return redirect("applications:detail", application.public_id)
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        verb = request.POST.get("verb")
        if verb == "accept":
            services.accept(request.user, application)
            messages.success(request, _("受理しました。申請者にメールでお知らせしました。"))
            return redirect("applications:inbox", application.program.slug)
        if verb == "return" and form.is_valid():
            with service_errors(form) as outcome:
                services.return_for_correction(
                    request.user, application, form.cleaned_data["reason"], form.cleaned_data["reply_due_on"]
                )
            if outcome.ok:
                messages.success(request, _("不備として返却しました。申請者にメールでお知らせしました。"))
                return redirect("applications:inbox", application.program.slug)
    return render(request, "applications/decide.html", {"application": application, "form": form})

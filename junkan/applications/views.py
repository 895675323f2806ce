"""The applicant's pages: start, the form sections (autosaved), co-applicants, documents, checklist, submit,
withdraw, the frozen submissions with their PDF/xlsx, and the message thread. The secretariat's inbox is in
:mod:`junkan.applications.inbox`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.applications import checklist, permissions, services, snapshot
from junkan.applications.models import Application, CoApplicant, CoApplicantStatus, Document, Submission
from junkan.applications.processes import APPLICATION
from junkan.applications.sections import SectionPage
from junkan.applications.spec import applicant_of, form_spec
from junkan.carbon.models import SavedCalculation
from junkan.common import files, moves
from junkan.common.engine.diff import changes
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce
from junkan.economy.models import Analysis
from junkan.grants.stages import stage_of
from junkan.jp.money import format_yen
from junkan.organizations.models import Membership, Organization
from junkan.programs.models import Program, ProgramStatus


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "program", "project_type", "organization__municipality", "created_by"
    ).prefetch_related(
        Prefetch("co_applicants", queryset=CoApplicant.objects.select_related("organization__municipality"))
    )


def get_application(request: HttpRequest, public_id: Any, check: Any = permissions.can_view) -> Application:
    application = get_object_or_404(_applications(), public_id=public_id)
    enforce(check(request.user, application))
    return application


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list_own(request.user))
    org_ids = list(Membership.objects.filter(user=request.user).values_list("organization_id", flat=True))
    applications = _applications().visible_to_organizations(org_ids).order_by("-updated_at")
    invitations = CoApplicant.objects.filter(
        organization_id__in=org_ids, status=CoApplicantStatus.INVITED
    ).select_related("application__organization", "application__program", "organization")
    open_programs = [
        p for p in Program.objects.published().order_by("closes_at") if form_spec(p.application_forms)
    ]
    return render(
        request,
        "applications/mine.html",
        {
            "applications": applications,
            "invitations": invitations,
            "open_programs": [p for p in open_programs if p.status() == ProgramStatus.OPEN],
            "org_ids": set(org_ids),
        },
    )


@login_required
def start(request: HttpRequest, slug: str) -> HttpResponse:
    from junkan.applications.forms import StartForm

    program = get_object_or_404(Program, slug=slug)
    has_forms = form_spec(program.application_forms) is not None
    enforce(permissions.can_open_start(request.user, program, has_forms))
    organizations = Organization.objects.filter(memberships__user=request.user).order_by("name")
    form = StartForm(
        request.POST or None,
        project_types=program.project_types.order_by("order", "code"),
        organizations=organizations,
    )
    if not organizations:
        messages.info(request, _("応募するには、まず所属組織を登録してください。"))
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            application = services.start(
                request.user,
                program,
                form.cleaned_data["project_type"],
                form.cleaned_data["organization"],
                form.cleaned_data["title"],
            )
        if outcome.ok:
            messages.success(
                request, _("応募の作成を始めました。各様式を入力してください。入力内容は自動で保存されます。")
            )
            return redirect("applications:detail", application.public_id)
    return render(request, "applications/start.html", {"program": program, "form": form})


def _section_status(application: Application, items: list[Any]) -> list[dict[str, Any]]:
    sections = checklist.sections_of(application)
    by_section: dict[str, int] = {}
    for item in items:
        by_section[item.section] = by_section.get(item.section, 0) + 1
    saved = {s.key: s for s in application.sections.all()}
    return [{"spec": s, "problems": by_section.get(s.key, 0), "saved": saved.get(s.key)} for s in sections]


def _actions(request: HttpRequest, application: Application) -> list[moves.Action]:
    """The process's buttons on the application page (受理・不備返却 go through the secretariat's page)."""
    urls = {
        "submitted": reverse("applications:submit", args=[application.public_id]),
        "withdrawn": reverse("applications:withdraw", args=[application.public_id]),
        "accepted": reverse("applications:decide", args=[application.public_id]),
    }
    return moves.actions(APPLICATION, request.user, application, urls)


@login_required
def detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    application = get_application(request, public_id)
    can_edit = permissions.can_edit(request.user, application)
    items = checklist.items(application, timezone.now()) if can_edit else []
    submissions = list(application.submissions.order_by("-version"))
    actions = _actions(request, application)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "stage": stage_of(application),
            "items": items,
            "sections": _section_status(application, items),
            "submissions": submissions,
            "can_edit": can_edit,
            "can_submit": permissions.can_submit(request.user, application),
            "actions": [a for a in actions if a.name != "submitted"],
            "submit": next((a for a in actions if a.name == "submitted"), None),
            "documents": application.documents.all(),
            "unanswered": application.messages.filter(from_secretariat=True).count(),
        },
    )


@login_required
def section(request: HttpRequest, public_id: Any, key: str) -> HttpResponse:
    application = get_application(request, public_id)
    spec = checklist.spec_of(application).section(key, applicant_of(application))
    if spec is None:
        raise Http404
    if request.method == "POST":
        enforce(permissions.can_edit(request.user, application))
    calculations = SavedCalculation.objects.filter(organization=application.organization).order_by(
        "-updated_at"
    )
    analyses = Analysis.objects.filter(organization=application.organization).order_by("-created_at")
    page = SectionPage(
        application, spec, request.POST if request.method == "POST" else None, calculations, analyses
    )
    autosave = request.headers.get("X-Autosave") == "1"
    if request.method == "POST":
        outcome = page.save(request.user)
        if autosave:
            return JsonResponse(outcome.as_json(), status=outcome.http_status)
        if outcome.is_saved:
            messages.success(request, _("「%(title)s」を保存しました。") % {"title": spec.title})
            # ?saved=<section>: the page's script drops the copy of the input kept in the browser.
            following = request.POST.get("next")
            if following == "section" and (after := _next_section(application, key)):
                url = reverse("applications:section", args=[application.public_id, after])
            else:
                url = reverse("applications:section", args=[application.public_id, key])
            return redirect(f"{url}?saved={key}")
    can_edit = permissions.can_edit(request.user, application)
    return render(
        request,
        "applications/section.html",
        {
            "application": application,
            "spec": spec,
            "page": page,
            "can_edit": can_edit,
            "items": [i for i in checklist.items(application) if i.section == key] if can_edit else [],
            "next_key": _next_section(application, key),
            "nav": checklist.sections_of(application),
        },
    )


def _next_section(application: Application, key: str) -> str | None:
    keys = [s.key for s in checklist.sections_of(application)]
    index = keys.index(key) if key in keys else -1
    return keys[index + 1] if 0 <= index < len(keys) - 1 else None


@login_required
@require_POST
def costs_preview(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The (1)–(8) block recomputed from the form as it is typed (nothing saved)."""
    application = get_application(request, public_id, permissions.can_edit)
    spec = checklist.spec_of(application).section("costs", applicant_of(application))
    if spec is None:
        raise Http404
    page = SectionPage(application, spec, request.POST, None)
    return render(request, "applications/_costs_block.html", {"block": page.preview()})


# Co-applicants -------------------------------------------------------------------------------------------


@login_required
def co_applicants(request: HttpRequest, public_id: Any) -> HttpResponse:
    from junkan.applications.forms import CoApplicantForm

    application = get_application(request, public_id)
    candidates = Organization.objects.exclude(pk=application.organization_id).order_by("name_kana", "name")
    form = CoApplicantForm(request.POST or None, organizations=candidates)
    if request.method == "POST":
        enforce(permissions.can_manage_co_applicants(request.user, application))
        if form.is_valid():
            with service_errors(form) as outcome:
                services.invite_co_applicant(
                    request.user, application, form.cleaned_data["organization"], form.cleaned_data["role"]
                )
            if outcome.ok:
                messages.success(request, _("共同申請者に参加を依頼しました。"))
                return redirect("applications:co_applicants", application.public_id)
    return render(
        request,
        "applications/co_applicants.html",
        {
            "application": application,
            "form": form,
            "can_edit": permissions.can_manage_co_applicants(request.user, application),
        },
    )


@login_required
@require_POST
def co_applicant_remove(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    application = get_application(request, public_id)
    co = get_object_or_404(application.co_applicants.all(), pk=pk)
    services.remove_co_applicant(request.user, co)
    messages.success(request, _("共同申請者「%(name)s」を外しました。") % {"name": co.organization.name})
    return redirect("applications:co_applicants", application.public_id)


@login_required
@require_POST
def co_applicant_respond(request: HttpRequest, pk: int) -> HttpResponse:
    co = get_object_or_404(CoApplicant.objects.select_related("application", "organization"), pk=pk)
    enforce(permissions.can_respond_invitation(request.user, co))
    accept = request.POST.get("answer") == "accept"
    services.respond_co_applicant(request.user, co, accept)
    if accept:
        messages.success(request, _("共同申請者として参加しました。"))
        return redirect("applications:detail", co.application.public_id)
    messages.success(request, _("参加を辞退しました。"))
    return redirect("applications:mine")


# Documents -----------------------------------------------------------------------------------------------


@login_required
def documents(request: HttpRequest, public_id: Any) -> HttpResponse:
    from junkan.applications.forms import DocumentForm

    application = get_application(request, public_id)
    specs = checklist.spec_of(application).documents_for(applicant_of(application))
    form = DocumentForm(request.POST or None, request.FILES or None, kinds=[(d.code, d.label) for d in specs])
    if request.method == "POST":
        enforce(permissions.can_edit(request.user, application))
        if form.is_valid():
            with service_errors(form) as outcome:
                services.add_document(
                    request.user, application, form.cleaned_data["kind"], form.cleaned_data["file"]
                )
            if outcome.ok:
                messages.success(request, _("ファイルを登録しました。"))
                return redirect("applications:documents", application.public_id)
    uploaded = list(application.documents.select_related("uploaded_by"))
    return render(
        request,
        "applications/documents.html",
        {
            "application": application,
            "form": form,
            "specs": [{"spec": s, "files": [d for d in uploaded if d.kind == s.code]} for s in specs],
            "can_edit": permissions.can_edit(request.user, application),
        },
    )


@login_required
def document_download(request: HttpRequest, public_id: Any, document_id: Any) -> FileResponse:
    application = get_application(request, public_id)
    document = get_object_or_404(Document, application=application, public_id=document_id)
    return files.serve(
        request,
        document.file,
        document.original_name,
        document.content_type,
        audit_object=document,  # not the application: its history is the applicant's to read
        audit_action="applications.document.downloaded",
        audit_data={"document": str(document.public_id)},
    )


@login_required
@require_POST
def document_delete(request: HttpRequest, public_id: Any, document_id: Any) -> HttpResponse:
    application = get_application(request, public_id)
    document = get_object_or_404(Document, application=application, public_id=document_id)
    services.remove_document(request.user, document)
    messages.success(request, _("「%(name)s」を削除しました。") % {"name": document.original_name})
    return redirect("applications:documents", application.public_id)


# Submit, withdraw ----------------------------------------------------------------------------------------


@login_required
def submit(request: HttpRequest, public_id: Any) -> HttpResponse:
    """GET: the whole application for a last check (確認画面); POST with the confirmation: 提出."""
    received_at = timezone.now()  # the moment the server received the request decides (issue 5)
    application = get_application(request, public_id)
    back = reverse("applications:detail", args=[application.public_id])
    move = APPLICATION.move("submitted")
    if request.method != "POST" or moves.confirmation_needed(request, move):
        decision = permissions.can_submit(request.user, application, received_at)
        if not decision:
            if not permissions.is_lead_member(request.user, application):
                enforce(decision)
            messages.error(request, decision.reason)
            return redirect(back)
        problems = checklist.items(application, received_at)
        if problems:
            messages.error(request, _("未入力や不備の項目があるため提出できません。"))
            return redirect(back)
        preview = snapshot.build(application, _("（提出時に付番）"), received_at, 0)
        return moves.confirmation_page(
            request,
            APPLICATION,
            application,
            "submitted",
            cancel_url=back,
            summary=[
                (_("公募"), application.program.name),
                (_("代表申請者"), application.organization.name),
                (_("補助金所要額"), format_yen(application.requested_amount)),
            ],
            details_template="applications/_snapshot.html",
            context={"snap": preview, "application": application},
        )
    try:
        result = services.submit(request.user, application, received_at)
    except services.NotSubmittable as error:
        messages.error(request, error.message)
        return redirect(back)
    if result.created:
        messages.success(
            request,
            _("提出しました。受付番号は %(number)s です。確認のメールを担当者あてにお送りしました。")
            % {"number": result.submission.receipt_number},
        )
    else:
        messages.info(
            request,
            _("この応募はすでに提出されています（受付番号 %(number)s）。")
            % {"number": result.submission.receipt_number},
        )
    return redirect("applications:submission", application.public_id, result.submission.version)


@login_required
def withdraw(request: HttpRequest, public_id: Any) -> HttpResponse:
    """GET: the confirmation page; POST with the confirmation: 取下げ (only until the review decides)."""
    application = get_application(request, public_id)

    def run(_reason: str) -> HttpResponse:
        services.withdraw(request.user, application)
        messages.success(request, _("応募を取り下げました。"))
        return redirect("applications:detail", application.public_id)

    return moves.move_view(
        request,
        APPLICATION,
        application,
        "withdrawn",
        run=run,
        cancel_url=reverse("applications:detail", args=[application.public_id]),
        summary=[(_("受付番号"), application.receipt_number or "")],
    )


# Frozen submissions --------------------------------------------------------------------------------------


def _submission(request: HttpRequest, public_id: Any, version: int) -> tuple[Application, Submission]:
    application = get_application(request, public_id)
    submission = get_object_or_404(Submission, application=application, version=version)
    return application, submission


@login_required
def submission(request: HttpRequest, public_id: Any, version: int) -> HttpResponse:
    application, frozen = _submission(request, public_id, version)
    previous = application.submissions.filter(version=version - 1).first()
    diff = (
        changes(
            snapshot.diff_rows(application, previous.snapshot),
            snapshot.diff_rows(application, frozen.snapshot),
        )
        if previous
        else []
    )
    return render(
        request,
        "applications/submission.html",
        {
            "application": application,
            "submission": frozen,
            "snap": frozen.snapshot,
            "previous": previous,
            "diff": diff,
        },
    )


@login_required
def submission_pdf(request: HttpRequest, public_id: Any, version: int) -> HttpResponse:
    from junkan.applications.pdf import render_pdf

    _application, frozen = _submission(request, public_id, version)
    response = HttpResponse(render_pdf(frozen.snapshot), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="application-{frozen.receipt_number}-v{frozen.version}.pdf"'
    )
    return files.exported(
        request,
        response,
        "applications.submission.exported",
        frozen,
        version=frozen.version,
        format="pdf",
    )


@login_required
def submission_xlsx(request: HttpRequest, public_id: Any, version: int) -> HttpResponse:
    from junkan.applications.xlsx import render_xlsx

    _application, frozen = _submission(request, public_id, version)
    response = HttpResponse(
        render_xlsx(frozen.snapshot),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="costs-{frozen.receipt_number}-v{frozen.version}.xlsx"'
    )
    return files.exported(
        request,
        response,
        "applications.submission.exported",
        frozen,
        version=frozen.version,
        format="xlsx",
    )


# Messages ------------------------------------------------------------------------------------------------


@login_required
def thread(request: HttpRequest, public_id: Any) -> HttpResponse:
    from junkan.accounts.permissions import is_secretariat
    from junkan.applications.forms import MessageForm

    application = get_application(request, public_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        enforce(permissions.can_post_message(request.user, application))
        if form.is_valid():
            services.post_message(
                request.user, application, form.cleaned_data["body"], form.cleaned_data["requests_documents"]
            )
            messages.success(request, _("送信しました。"))
            return redirect("applications:messages", application.public_id)
    if not (is_secretariat(request.user) and not permissions.is_party(request.user, application)):
        form.fields.pop("requests_documents")
    return render(
        request,
        "applications/messages.html",
        {
            "application": application,
            "thread": application.messages.select_related("author"),
            "form": form,
        },
    )

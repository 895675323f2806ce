"""Pages of the award area: the grant application and decision, the plan and its versions, contracts and
orders, plan changes and the continuation review, and opening projects from a call's adoptions (secretariat).

Thin views: check the permission first, parse the form, call the service, redirect with a message; when the
service refuses, show the page again with what was typed and the errors.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.audit.models import AuditEntry
from junkan.common import moves, workflow
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import orders
from junkan.grants.forms import add_errors
from junkan.grants.forms import award as forms
from junkan.grants.models import PlanChange, PlanChangeKind, Project
from junkan.grants.processes import PLAN_CHANGE, PROJECT
from junkan.grants.services import award, changes, contracts, oversight
from junkan.grants.views.confirm import rehearse
from junkan.grants.views.projects import get_project
from junkan.jp.dates import today_tokyo
from junkan.jp.money import format_yen
from junkan.programs.models import Program


def _errors_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- 交付申請・計画 ----------------------------------------------------------------------------------------


def _grant_form(project: Project, data: Any = None) -> forms.GrantApplicationForm:
    initial = award.grant_application_initial(project)
    form_initial = {
        "planned_start_on": initial["planned_start_on"],
        "planned_end_on": initial["planned_end_on"],
        **{f"amount_{fy}": amount for fy, amount in initial["years"].items()},
    }
    return forms.GrantApplicationForm(
        data, years=initial["years"], adopted_amount=project.adopted_amount, initial=form_initial
    )


def _last_return(project: Project) -> AuditEntry | None:
    return (
        AuditEntry.objects.for_object(project)
        .filter(action="grants.project.grant_application_returned")
        .order_by("-at", "-id")
        .first()
    )


def _plan_page(request: HttpRequest, project: Project, form: Any = None, status: int = 200) -> HttpResponse:
    user = request.user
    may_act = permissions.can_act(user, project).allowed
    may_manage = permissions.can_manage(user, project).allowed
    may = moves.option_map(PROJECT, user, project)
    awaiting_application = workflow.can(PROJECT, None, project, "grant_applied").allowed
    if form is None and "grant_applied" in may and may["grant_applied"].allowed:
        form = _grant_form(project)
    versions = list(project.plan_versions.select_related("created_by").order_by("-number"))
    current = versions[0] if versions else None
    labels = changes.field_labels(project) if current else {}
    plan_changes = list(
        project.plan_changes.select_related("base_version", "result_version", "requested_by").order_by(
            "-requested_at", "-id"
        )
    )
    open_change = changes.open_change(project)
    may_change = permissions.can_request_change(user, project).allowed and current is not None
    may_continue = (
        permissions.can_continue(user, project).allowed and current is not None and not project.continuing
    )
    return render(
        request,
        "grants/award/plan.html",
        {
            "project": project,
            "form": form,
            "may_act": may_act,
            "may_manage": may_manage,
            "award_years": list(project.award_years.order_by("fiscal_year")),
            "submission": award.latest_submission(project.application),
            "returned": _last_return(project) if awaiting_application else None,
            "awaiting_application": awaiting_application,
            # The application awaits the decision (its return is open from the same state, without guards).
            "awaiting_decision": workflow.can(PROJECT, None, project, "grant_application_returned").allowed,
            "may_decide": "grant_application_returned" in may and may["grant_application_returned"].allowed,
            "actions": moves.actions(
                PROJECT, user, project, {"declined": reverse("grants:decline", args=[project.public_id])}
            ),
            "versions": versions,
            "current_version": current,
            "current_rows": changes.plan_rows(current.sections, labels) if current else [],
            "plan_changes": plan_changes,
            "open_change": open_change,
            "may_change": may_change and open_change is None,
            "may_continue": may_continue and open_change is None,
        },
        status=status,
    )


@login_required
def plan(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    return _plan_page(request, project)


@login_required
def grant_application(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The grant application form posts here; GET shows it on the plan page."""
    if request.method != "POST":
        project = get_project(request, public_id)
        return redirect(reverse("grants:plan", args=[project.public_id]) + "#grant-application")
    project = get_project(request, public_id, permissions.can_act)
    form = _grant_form(project, request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            award.submit_grant_application(
                request.user,
                project,
                years=form.amounts(),
                planned_start_on=form.cleaned_data["planned_start_on"],
                planned_end_on=form.cleaned_data["planned_end_on"],
                note=form.cleaned_data["note"],
            )
        if outcome.ok:
            messages.success(
                request, _("交付申請をしました。事務局の審査の後、交付決定の通知をお送りします。")
            )
            return redirect("grants:plan", public_id=project.public_id)
    return _plan_page(request, project, form, status=422)


@login_required
def plan_version(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    project = get_project(request, public_id)
    version = get_object_or_404(project.plan_versions.select_related("created_by"), number=number)
    previous = project.plan_versions.filter(number__lt=number).order_by("-number").first()
    labels = changes.field_labels(project)
    return render(
        request,
        "grants/award/plan_version.html",
        {
            "project": project,
            "version": version,
            "previous": previous,
            "rows": changes.plan_rows(version.sections, labels),
            "diff": changes.shown_diff(previous.sections, version.sections, labels) if previous else [],
            "source": PlanChange.objects.filter(project=project, result_version=version).first(),
        },
    )


# --- 交付決定 --------------------------------------------------------------------------------------------


@login_required
def decide(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_manage)
    years = list(project.award_years.order_by("fiscal_year"))
    initial = {
        "decided_on": today_tokyo(),
        "conditions": project.adoption_conditions,
        **{f"amount_{y.fiscal_year}": y.applied_amount for y in years},
    }
    form = forms.DecisionForm(years=years, initial=initial)
    return_form = forms.ReturnForm(prefix="return")
    status = 200
    if request.method == "POST":
        verb = request.POST.get("verb")
        if verb == "return":
            return_form = forms.ReturnForm(request.POST, prefix="return")
            if return_form.is_valid():
                try:
                    award.return_grant_application(request.user, project, return_form.cleaned_data["reason"])
                except ValidationError as error:
                    add_errors(return_form, error)
                else:
                    messages.success(
                        request, _("交付申請を差し戻しました。補助事業者にメールでお知らせします。")
                    )
                    return redirect("grants:plan", public_id=project.public_id)
        else:
            form = forms.DecisionForm(request.POST, years=years, initial=initial)
            if form.is_valid():

                def run() -> Any:
                    return award.decide(
                        request.user,
                        project,
                        decided_on=form.cleaned_data["decided_on"],
                        decision_number=form.cleaned_data["decision_number"],
                        amounts=form.amounts(),
                        conditions=form.cleaned_data["conditions"],
                    )

                refused = None
                if moves.confirmation_needed(request, PROJECT.move("decided")):
                    refused = rehearse(run)
                    if refused is None:
                        return moves.confirmation_page(
                            request,
                            PROJECT,
                            project,
                            "decided",
                            cancel_url=reverse("grants:decide", args=[project.public_id]),
                            summary=[
                                (_("補助事業者"), project.organization.name),
                                *moves.form_summary(
                                    form, yen_fields=[f"amount_{y.fiscal_year}" for y in years]
                                ),
                                (_("交付決定額の合計"), format_yen(sum(form.amounts().values()))),
                            ],
                            details_template="grants/award/_decision_checks.html",
                            context={"checklist": oversight.checklist(project), "check_forms": False},
                        )
                with service_errors(form) as outcome:
                    if refused is not None:
                        raise refused
                    run()
                if outcome.ok:
                    messages.success(
                        request,
                        _("交付決定を記録しました。補助事業者に交付決定の通知をメールでお送りします。"),
                    )
                    return redirect("grants:plan", public_id=project.public_id)
        status = 422
    return render(
        request,
        "grants/award/decide.html",
        {
            "project": project,
            "form": form,
            "return_form": return_form,
            "award_years": years,
            # The application awaits the decision; the decision itself also needs the checks (its guard).
            "open": workflow.can(PROJECT, request.user, project, "grant_application_returned").allowed,
            "decision": workflow.can(PROJECT, request.user, project, "decided"),
            "checklist": oversight.checklist(project),
            "check_forms": True,
            "submission": award.latest_submission(project.application),
        },
        status=status,
    )


@login_required
@require_POST
def decision_check(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Confirm (or take back) one point of the examination before the decision, for one fiscal year."""
    project = get_project(request, public_id, permissions.can_manage)
    form = forms.DecisionCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors_text(ValidationError(list(form.errors.values()))))
        return redirect(reverse("grants:decide", args=[project.public_id]) + "#checks-title")
    data = form.cleaned_data
    try:
        if data["verb"] == "withdraw":
            oversight.withdraw_check(request.user, project, data["fiscal_year"], data["item"])
            messages.success(request, _("確認を取り消しました。"))
        else:
            oversight.record_check(request.user, project, data["fiscal_year"], data["item"], data["note"])
            messages.success(request, _("確認を記録しました。"))
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    return redirect(reverse("grants:decide", args=[project.public_id]) + "#checks-title")


# --- 辞退 ------------------------------------------------------------------------------------------------


@login_required
def decline(request: HttpRequest, public_id: Any) -> HttpResponse:
    """GET: the confirmation page of 辞退 (with the reason); POST with the confirmation: the decline."""
    project = get_project(request, public_id)
    back = reverse("grants:plan", args=[project.public_id])

    def run(reason: str) -> HttpResponse:
        award.decline(request.user, project, reason)
        messages.success(request, _("補助事業の辞退を届け出ました。事務局にお知らせしました。"))
        return redirect("grants:project", public_id=project.public_id)

    return moves.move_view(
        request,
        PROJECT,
        project,
        "declined",
        run=run,
        cancel_url=back,
        summary=[
            (_("補助事業者"), project.organization.name),
            (_("採択額"), format_yen(project.adopted_amount)),
        ],
    )


# --- 契約・発注 ------------------------------------------------------------------------------------------


def _contract_form(project: Project, data: Any = None, initial: Any = None) -> forms.ContractForm:
    return forms.ContractForm(data, decided_on=project.decided_on, initial=initial)


def _flag_message(request: HttpRequest, project: Project, contract: Any) -> None:
    texts = [str(contracts.FLAG_TEXT[c]) for c in contracts.flags_of(project, contract).codes]
    if texts:
        messages.warning(request, _("注意：%(flags)s") % {"flags": "、".join(texts)})


@login_required
def contract_list(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    may_act = permissions.can_act(request.user, project).allowed
    recording = permissions.can_record_costs(request.user, project).allowed
    form = _contract_form(project) if recording else None
    status = 200
    if request.method == "POST":
        enforce(permissions.can_act(request.user, project))
        form = _contract_form(project, request.POST)
        if form.is_valid():
            with service_errors(form) as outcome:
                contract = contracts.add_contract(request.user, project, **form.values())
            if outcome.ok:
                messages.success(request, _("契約・発注を登録しました。"))
                _flag_message(request, project, contract)
                return redirect("grants:contracts", public_id=project.public_id)
        status = 422
    rows, totals = contracts.rows(
        project, project.contracts.select_related("created_by").order_by("ordered_on", "id")
    )
    return render(
        request,
        "grants/award/contracts.html",
        {
            "project": project,
            "rows": rows,
            "totals": totals,
            "form": form,
            "may_act": may_act,
            "recording": recording,
        },
        status=status,
    )


@login_required
def contract_edit(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    contract = get_object_or_404(project.contracts, pk=pk)
    initial = {key: getattr(contract, key) for key in contracts.FIELDS}
    form = _contract_form(project, initial=initial)
    status = 200
    if request.method == "POST":
        form = _contract_form(project, request.POST, initial=initial)
        if form.is_valid():
            with service_errors(form) as outcome:
                contract = contracts.update_contract(request.user, contract, **form.values())
            if outcome.ok:
                messages.success(request, _("契約・発注を修正しました。"))
                _flag_message(request, project, contract)
                return redirect("grants:contracts", public_id=project.public_id)
        status = 422
    return render(
        request,
        "grants/award/contract_edit.html",
        {
            "project": project,
            "contract": contract,
            "form": form,
            "flags": [str(contracts.FLAG_TEXT[c]) for c in contracts.flags_of(project, contract).codes],
            "recording": permissions.can_record_costs(request.user, project).allowed,
            "in_use": contract.cost_lines.exists(),
        },
        status=status,
    )


@login_required
@require_POST
def contract_delete(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    contract = get_object_or_404(project.contracts, pk=pk)
    try:
        contracts.remove_contract(request.user, contract)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        messages.success(request, _("契約・発注を削除しました。"))
    return redirect("grants:contracts", public_id=project.public_id)


# --- 計画変更・継続の審査 ---------------------------------------------------------------------------


@login_required
def change_new(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id, permissions.can_act)
    data = request.POST if request.method == "POST" else request.GET
    continuation = data.get("kind") == PlanChangeKind.CONTINUATION
    kind = PlanChangeKind.CONTINUATION if continuation else PlanChangeKind.CHANGE
    current = changes.current_version(project)
    labels = changes.field_labels(project)
    fiscal_year = changes.next_fiscal_year(project) if continuation else None
    form = None
    if current is not None:
        form = forms.PlanChangeForm(
            request.POST if request.method == "POST" else None,
            sections=current.sections,
            labels=labels,
            kinds=changes.field_kinds(project),
            reason_label=_("継続年度の計画を変更する理由") if continuation else None,
        )
    diff: list[changes.ShownChange] | None = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "unchanged":
                changes.record_continuation_unchanged(request.user, project, fiscal_year=fiscal_year)
                messages.success(
                    request,
                    _("翌年度も当初の計画のとおり継続することを記録しました（継続の審査は省略されます）。"),
                )
                return redirect("grants:plan", public_id=project.public_id)
            if form is None:
                raise ValidationError(_("実施計画がまだありません。交付申請の後に申請できます。"))
            if form.is_valid():
                after = form.after()
                if action == "submit":
                    change = changes.request_change(
                        request.user,
                        project,
                        after=after,
                        reason=form.cleaned_data["reason"],
                        kind=kind,
                        fiscal_year=fiscal_year,
                    )
                    messages.success(
                        request,
                        _("継続年度の事業実施計画を提出しました。継続の審査の結果をお待ちください。")
                        if continuation
                        else _("計画変更の承認を申請しました。"),
                    )
                    return redirect("grants:change_detail", public_id=project.public_id, pk=change.pk)
                diff = changes.shown_diff(current.sections, orders.merged(current.sections, after), labels)
        except ValidationError as error:
            if form is None:
                messages.error(request, _errors_text(error))
            else:
                add_errors(form, error)
        if form is not None and form.errors:
            status = 422
    return render(
        request,
        "grants/award/change_new.html",
        {
            "project": project,
            "form": form,
            "groups": form.bound_groups() if form is not None else [],
            "current_version": current,
            "continuation": continuation,
            "kind": kind,
            "fiscal_year": fiscal_year,
            "diff": diff,
            "open_change": changes.open_change(project),
            "may_continue": permissions.continuation_open(project).allowed,
        },
        status=status,
    )


@login_required
def change_detail(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    project = get_project(request, public_id)
    change = get_object_or_404(
        PlanChange.objects.select_related("base_version", "result_version", "requested_by", "decided_by"),
        project=project,
        pk=pk,
    )
    may = moves.option_map(PLAN_CHANGE, request.user, change)
    form = forms.NoteForm()
    status = 200
    if request.method == "POST":
        verb = request.POST.get("verb", "")
        if verb in ("approve", "refuse"):
            enforce(permissions.can_manage(request.user, project))
        else:
            enforce(permissions.can_act(request.user, project))
        form = forms.NoteForm(request.POST)
        if form.is_valid():
            with service_errors(form) as outcome:
                changes.transition_change(request.user, change, verb, note=form.cleaned_data["note"])
            if outcome.ok:
                done = {
                    "approve": _("承認しました。実施計画の新しい版ができました。"),
                    "refuse": _("不承認としました。"),
                    "withdraw": _("申請を取り下げました。"),
                }
                messages.success(request, done.get(verb, _("記録しました。")))
                return redirect("grants:change_detail", public_id=project.public_id, pk=change.pk)
        status = 422
    labels = changes.field_labels(project)
    return render(
        request,
        "grants/award/change_detail.html",
        {
            "project": project,
            "change": change,
            "diff": changes.shown_diff(change.base_version.sections, changes.proposed(change), labels),
            "form": form,
            "may_decide": bool(may.get("approved")) or bool(may.get("refused")),
            "may_withdraw": bool(may.get("withdrawn")),
        },
        status=status,
    )


# --- 事務局：採択された応募から補助事業を登録 ---------------------------------------------------------------


@login_required
@require_POST
def open_adopted(request: HttpRequest, program_slug: str) -> HttpResponse:
    enforce(permissions.can_use_secretariat_pages(request.user))
    program = get_object_or_404(Program, slug=program_slug)
    try:
        opened = award.open_adopted(request.user, program)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        if opened:
            messages.success(
                request,
                _("採択された%(count)s件の応募を補助事業として登録しました。") % {"count": len(opened)},
            )
        else:
            messages.info(
                request, _("新たに登録する補助事業はありません（採択の通知済みの応募はすべて登録済みです）。")
            )
    return redirect("grants:index")


urlpatterns: list[URLPattern] = [
    path("p/<uuid:public_id>/plan/", plan, name="plan"),
    path("p/<uuid:public_id>/plan/v<int:number>/", plan_version, name="plan_version"),
    path("p/<uuid:public_id>/grant-application/", grant_application, name="grant_application"),
    path("p/<uuid:public_id>/decision/", decide, name="decide"),
    path("p/<uuid:public_id>/decision/checks/", decision_check, name="decision_check"),
    path("p/<uuid:public_id>/decline/", decline, name="decline"),
    path("p/<uuid:public_id>/contracts/", contract_list, name="contracts"),
    path("p/<uuid:public_id>/contracts/<int:pk>/", contract_edit, name="contract_edit"),
    path("p/<uuid:public_id>/contracts/<int:pk>/delete/", contract_delete, name="contract_delete"),
    path("p/<uuid:public_id>/changes/new/", change_new, name="change_new"),
    path("p/<uuid:public_id>/changes/<int:pk>/", change_detail, name="change_detail"),
    path("open/<slug:program_slug>/", open_adopted, name="open_adopted"),
]

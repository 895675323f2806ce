"""Calls in the admin, for the secretariat. Every save goes through the services: versioned and audited.

The admin saves a change form and its inlines inside one transaction; ``save_model`` takes the
program's data form before the change and ``save_related`` hands the result to
``services.finish_edit``, which writes the new version and the audit entry in the same transaction.
Once a call has applications, its forms ask for a reason for the change.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common.admin import ReadOnlyAdmin
from junkan.organizations.models import OrganizationKind
from junkan.programs import permissions, services
from junkan.programs.engine.deadlines import DUE_RULES
from junkan.programs.engine.eligibility import RULES
from junkan.programs.loader import TYPE_SCALARS
from junkan.programs.models import (
    CostCategory,
    FinderEntry,
    Program,
    ProgramAttachment,
    ProgramVersion,
    ProjectType,
    ReportRule,
    ReviewCriterion,
    Theme,
)
from junkan.programs.schema import ProgramDataError
from junkan.programs.yaml_io import export_programs, read_yaml


def _rule_help(scope: str) -> str:
    codes = "、".join(f"{code}（{spec.title}）" for code, spec in RULES.items() if spec.scope == scope)
    example = '[{"code": "unit_price_below", "params": {"threshold": 50000, "reference": "別表第2"}}]'
    return _("例：%(example)s。使える規則：%(codes)s") % {"example": example, "codes": codes}


class ChangeReasonMixin(forms.ModelForm):
    """A reason for the change, required once the call has applications."""

    change_reason = forms.CharField(
        label=gettext_lazy("変更理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("応募がある公募を変更する場合は必須です。版の記録と監査ログに残ります。"),
    )

    def program(self) -> Program | None:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        program = self.program()
        needs_reason = program is not None and program.pk and program.has_applications()
        if needs_reason and not (cleaned.get("change_reason") or "").strip():
            self.add_error("change_reason", _("この公募には応募があります。変更理由を入力してください。"))
        return cleaned


class ProgramAdminForm(ChangeReasonMixin):
    class Meta:
        model = Program
        fields = (
            "slug",
            "name",
            "short_name",
            "fiscal_year",
            "executing_body",
            "budget_account",
            "themes",
            "opens_at",
            "closes_at",
            "summary",
            "how_to_apply",
            "contact",
            "ineligible_cost_examples",
            "published",
            "published_at",
        )
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def program(self) -> Program | None:
        return self.instance if self.instance.pk else None


def _kinds_field(label: str, required: bool = False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=required, choices=OrganizationKind.choices, widget=forms.CheckboxSelectMultiple
    )


class ProjectTypeAdminForm(ChangeReasonMixin):
    allowed_kinds = _kinds_field(gettext_lazy("応募できる者の種別"), required=True)
    conditional_kinds = _kinds_field(gettext_lazy("認められた場合に応募できる者の種別"))
    representative_kinds = _kinds_field(gettext_lazy("代表申請者になれる種別（空欄なら応募できる者と同じ）"))

    class Meta:
        model = ProjectType
        fields = ("program", "code", *TYPE_SCALARS, "order")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "rules" in self.fields:
            self.fields["rules"].help_text = _rule_help("type")

    def program(self) -> Program | None:
        return self.instance.program if self.instance.program_id else self.cleaned_data.get("program")


class CostCategoryForm(forms.ModelForm):
    class Meta:
        model = CostCategory
        fields = ("expense", "item", "description", "rules", "order")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "rules": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rules"].help_text = _rule_help("category")


class ReportRuleForm(forms.ModelForm):
    class Meta:
        model = ReportRule
        fields = (
            "code",
            "kind",
            "name",
            "condition",
            "contents",
            "due_from",
            "due_rule",
            "due_params",
            "due_text",
            "order",
        )
        widgets = {
            "condition": forms.Textarea(attrs={"rows": 2}),
            "contents": forms.Textarea(attrs={"rows": 3}),
            "due_params": forms.Textarea(attrs={"rows": 1}),
            "due_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_params"].help_text = "；".join(
            f"{code}: {', '.join(spec.params + spec.optional) or '―'}" for code, spec in DUE_RULES.items()
        )


class ManageProgramsPermissions:
    """Whoever may manage programs may view, add, change and delete their parts in the admin."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_programs(request.user).allowed

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_programs(request.user).allowed

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_programs(request.user).allowed

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_programs(request.user).allowed

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_programs(request.user).allowed


class SecretariatAdmin(ManageProgramsPermissions, admin.ModelAdmin):
    """Visible to and managed by the secretariat only."""


class ProgramInline(ManageProgramsPermissions, admin.TabularInline):
    extra = 0


class ProjectTypeInline(ProgramInline):
    model = ProjectType
    fields = (
        "code",
        "name",
        "rate_numerator",
        "rate_denominator",
        "base_amount_kind",
        "base_amount",
        "cap",
        "order",
    )
    show_change_link = True


class AttachmentInline(ProgramInline):
    model = ProgramAttachment
    fields = ("title", "file", "order")


class FinderEntryInline(ProgramInline):
    model = FinderEntry
    fk_name = "source_program"
    fields = ("name", "program_slug", "budget_account", "planned_awards", "fits", "note", "order")


class VersionedEditMixin:
    """Take the program's data form before the save; version and audit it after the inlines are saved."""

    def _program_of(self, obj: Any) -> Program | None:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> None:
        program = self._program_of(obj)
        request._programs_before = services.begin_edit(program if program and program.pk else None)  # type: ignore[attr-defined]
        if isinstance(obj, Program):
            services.prepare_publication(obj)
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        program = self._program_of(form.instance)
        assert program is not None
        services.finish_edit(
            request.user,
            program,
            getattr(request, "_programs_before", None),
            reason=form.cleaned_data.get("change_reason", ""),
        )


@admin.register(Program)
class ProgramAdmin(VersionedEditMixin, SecretariatAdmin):
    form = ProgramAdminForm
    list_display = ("__str__", "slug", "fiscal_year", "opens_at", "closes_at", "published", "version")
    list_filter = ("published", "fiscal_year", "budget_account")
    search_fields = ("slug", "name", "short_name", "executing_body")
    readonly_fields = ("version", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "slug",
                    "name",
                    "short_name",
                    "fiscal_year",
                    "executing_body",
                    "budget_account",
                    "themes",
                )
            },
        ),
        (gettext_lazy("公募期間"), {"fields": ("opens_at", "closes_at")}),
        (
            gettext_lazy("内容"),
            {"fields": ("summary", "how_to_apply", "contact", "ineligible_cost_examples")},
        ),
        (gettext_lazy("公開"), {"fields": ("published", "published_at")}),
        (gettext_lazy("変更の記録"), {"fields": ("change_reason", "version", "created_at", "updated_at")}),
    )
    inlines = (ProjectTypeInline, AttachmentInline, FinderEntryInline)
    actions = ("export_yaml", "publish", "withdraw")
    change_list_template = "programs/admin/change_list.html"

    def _program_of(self, obj: Any) -> Program | None:
        return obj

    def has_delete_permission(self, request: HttpRequest, obj: Program | None = None) -> bool:
        if obj is not None and obj.has_applications():
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, Any, set[str], Any]:
        # Versions are read-only in the admin but go with their program; the deletion itself is audited.
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        applied = [str(program) for program in objs if program.has_applications()]
        return (
            deleted,
            counts,
            set(),
            [*protected, *(_("%(name)s（応募があります）") % {"name": n} for n in applied)],
        )

    def delete_model(self, request: HttpRequest, obj: Program) -> None:
        services.delete_program(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        for program in queryset:
            try:
                services.delete_program(request.user, program)
            except ValidationError as error:
                self.message_user(request, f"{program}：{' '.join(error.messages)}", messages.ERROR)

    @admin.action(description=gettext_lazy("選択した公募をYAMLで書き出す"))
    def export_yaml(self, request: HttpRequest, queryset: QuerySet[Program]) -> HttpResponse:
        programs = list(queryset.order_by("slug"))
        response = HttpResponse(export_programs(programs), content_type="application/yaml; charset=utf-8")
        name = programs[0].slug if len(programs) == 1 else "programs"
        response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
        return response

    @admin.action(description=gettext_lazy("選択した公募を公開する"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        self._set_published(request, queryset, True)

    @admin.action(description=gettext_lazy("選択した公募を非公開にする"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        self._set_published(request, queryset, False)

    def _set_published(self, request: HttpRequest, queryset: QuerySet[Program], published: bool) -> None:
        done = 0
        for program in queryset:
            try:
                services.set_published(request.user, program, published)
            except ValidationError as error:
                self.message_user(request, f"{program}：{' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, _("%(count)s件の公募を更新しました。") % {"count": done}, messages.SUCCESS)

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path("import/", self.admin_site.admin_view(self.import_view), name="programs_program_import")
        ]
        return extra + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a YAML file written by the export: create calls, or replace them with a reason."""
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                documents = read_yaml(form.cleaned_data["file"].read())
                results = services.import_programs(
                    request.user,
                    documents,
                    replace=form.cleaned_data["replace"],
                    reason=form.cleaned_data["reason"],
                )
            except ProgramDataError as error:
                form.add_error("file", error.problems)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                for result in results:
                    for warning in result.warnings:
                        self.message_user(request, warning, messages.WARNING)
                self.message_user(
                    request,
                    _("%(count)s件の公募を取り込みました。") % {"count": len(results)},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:programs_program_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("公募をYAMLから取り込む"),
        }
        return TemplateResponse(request, "programs/admin/import.html", context)


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("YAMLファイル"))
    replace = forms.BooleanField(label=gettext_lazy("同じ識別子の公募があれば置き換える"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("変更理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("置き換える公募に応募がある場合は必須です。"),
    )


class CostCategoryInline(ProgramInline):
    model = CostCategory
    form = CostCategoryForm


class ReviewCriterionInline(ProgramInline):
    model = ReviewCriterion
    fields = (
        "code",
        "text",
        "weight",
        "pass_fail",
        "scale_min",
        "scale_max",
        "required",
        "not_applicable_allowed",
        "order",
    )


class ReportRuleInline(ManageProgramsPermissions, admin.StackedInline):
    model = ReportRule
    form = ReportRuleForm
    extra = 0


@admin.register(ProjectType)
class ProjectTypeAdmin(VersionedEditMixin, SecretariatAdmin):
    form = ProjectTypeAdminForm
    list_display = ("__str__", "program", "code", "rate_numerator", "rate_denominator", "cap")
    list_filter = ("program",)
    list_select_related = ("program",)
    search_fields = ("name", "code", "program__name", "program__slug")
    inlines = (CostCategoryInline, ReviewCriterionInline, ReportRuleInline)

    def _program_of(self, obj: Any) -> Program | None:
        return obj.program if obj.program_id else None

    def delete_model(self, request: HttpRequest, obj: ProjectType) -> None:
        program = obj.program
        before = services.begin_edit(program)
        super().delete_model(request, obj)
        services.finish_edit(request.user, program, before, reason=_("事業区分の削除"))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ProjectType]) -> None:
        for project_type in queryset.select_related("program"):
            self.delete_model(request, project_type)


@admin.register(Theme)
class ThemeAdmin(SecretariatAdmin):
    list_display = ("name", "slug", "order")

    def save_model(self, request: HttpRequest, obj: Theme, form: forms.ModelForm, change: bool) -> None:
        services.save_theme(request.user, obj, changed=list(form.changed_data))

    def delete_model(self, request: HttpRequest, obj: Theme) -> None:
        services.delete_theme(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Theme]) -> None:
        for theme in queryset:
            services.delete_theme(request.user, theme)


@admin.register(ProgramVersion)
class ProgramVersionAdmin(ReadOnlyAdmin):
    list_display = ("program", "number", "created_at", "created_by", "had_applications", "reason")
    list_filter = ("program",)
    list_select_related = ("program", "created_by")
    readonly_fields = (
        "program",
        "number",
        "created_at",
        "created_by",
        "had_applications",
        "reason",
        "snapshot",
    )

"""Factor sets in the admin: the secretariat uploads a new year's file; locked sets are read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.carbon import permissions, services
from junkan.carbon.models import FactorSet, FuelFactor, SavedCalculation, SupplierFactor
from junkan.common.admin import ReadOnlyAdmin, SecretariatViewMixin
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce


class UploadForm(forms.Form):
    """A file in one of the shipped layouts, with what the file itself does not say."""

    layout = forms.ChoiceField(label=gettext_lazy("ファイルの形式"), choices=services.Layout.CHOICES)
    revision = forms.RegexField(
        label=gettext_lazy("改定年・年度（西暦4桁）"),
        regex=r"^[0-9]{4}$",
        required=False,
        error_messages={"invalid": gettext_lazy("西暦4桁（例：2025）で入力してください。")},
        help_text=gettext_lazy(
            "燃料の排出係数一覧は公表年、電気・ガスは実績の年度（令和6年度実績なら2024）。"
            "単位発熱量・炭素排出係数のCSVはファイルの revision 列を使うため不要です。"
        ),
    )
    name = forms.CharField(label=gettext_lazy("名称"), max_length=200, required=False)
    source = forms.CharField(
        label=gettext_lazy("出典"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("空欄の場合はファイル先頭の # で始まる注記を出典として使います。"),
    )
    note = forms.CharField(
        label=gettext_lazy("加工の内容・備考"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    file = forms.FileField(label=gettext_lazy("ファイル（CSV・TSV、UTF-8またはShift_JIS）"))


class FuelInline(admin.TabularInline):
    model = FuelFactor
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "key",
        "name",
        "unit",
        "heat_gj_per_unit",
        "carbon_tc_per_gj",
        "t_co2_per_unit",
        "confidence",
    )

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return permissions.can_manage_factor_sets(request.user).allowed


class SupplierInline(FuelInline):
    model = SupplierFactor
    fields = readonly_fields = ("utility", "menu", "reg_no", "kind", "basic", "adjusted")


@admin.register(FactorSet)
class FactorSetAdmin(SecretariatViewMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "revision", "row_count", "locked_at", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "revision", "source")
    fields = ("kind", "revision", "name", "source", "note", "created_by", "created_at", "locked_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[FactorSet]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                fuel_count=Count("fuels", distinct=True), supplier_count=Count("suppliers", distinct=True)
            )
        )

    @admin.display(description=gettext_lazy("行数"))
    def row_count(self, obj: FactorSet) -> int:
        return obj.fuel_count + obj.supplier_count  # type: ignore[attr-defined]

    def get_inlines(self, request: HttpRequest, obj: FactorSet | None) -> list[type[admin.TabularInline]]:
        if obj is None:
            return []
        return [FuelInline] if obj.kind == "fuel" else [SupplierInline]

    def get_readonly_fields(self, request: HttpRequest, obj: FactorSet | None = None) -> tuple[str, ...]:
        if obj is not None and obj.is_locked:
            return self.fields
        return ("kind", "revision", "created_by", "created_at", "locked_at")

    # --- permissions: the secretariat; a locked set is view-only, and only unused sets can be deleted.

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_factor_sets(request.user).allowed

    def has_change_permission(self, request: HttpRequest, obj: FactorSet | None = None) -> bool:
        if obj is None:
            return permissions.can_manage_factor_sets(request.user).allowed
        return permissions.can_change_factor_set(request.user, obj).allowed

    def has_delete_permission(self, request: HttpRequest, obj: FactorSet | None = None) -> bool:
        if obj is None:
            return permissions.can_manage_factor_sets(request.user).allowed
        return permissions.can_delete_factor_set(request.user, obj).allowed

    # --- adding is uploading a file; saving and deleting go through the audited services.

    def get_urls(self) -> list[Any]:
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="carbon_factorset_upload"), *super().get_urls()]

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None) -> HttpResponse:
        return redirect("admin:carbon_factorset_upload")

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        enforce(permissions.can_manage_factor_sets(request.user))
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            upload = services.Upload(
                layout=data["layout"],
                data=data["file"].read(),
                revision=data["revision"],
                name=data["name"],
                source=data["source"],
                note=data["note"],
            )
            with service_errors(form) as outcome:
                created = services.create_factor_sets(request.user, upload)
            if outcome.ok:
                names = "、".join(s.name for s in created)
                self.message_user(
                    request, _("係数セットを登録しました：%(names)s") % {"names": names}, messages.SUCCESS
                )
                return HttpResponseRedirect(reverse("admin:carbon_factorset_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("排出係数ファイルの登録"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "carbon/admin_upload.html", context, status=422 if form.errors else 200
        )

    def save_model(self, request: HttpRequest, obj: FactorSet, form: forms.ModelForm, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in services.SET_FIELDS if name in form.cleaned_data}
        services.update_factor_set(request.user, obj, data)

    def delete_model(self, request: HttpRequest, obj: FactorSet) -> None:
        services.delete_factor_set(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[FactorSet]) -> None:
        for obj in queryset:
            services.delete_factor_set(request.user, obj)


@admin.register(SavedCalculation)
class SavedCalculationAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "organization", "status", "reduction_t_co2", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "owner__email", "organization__name")
    list_select_related = ("owner", "organization")
    readonly_fields = (
        "title",
        "owner",
        "organization",
        "status",
        "baseline_t_co2",
        "project_t_co2",
        "reduction_t_co2",
        "subsidy_yen",
        "factor_sets",
        "input",
        "factors",
        "created_at",
        "updated_at",
        "submitted_at",
    )
    exclude = ("result",)

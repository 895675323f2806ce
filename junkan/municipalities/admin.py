"""The master in the admin: official rows are view-only; staff add and edit unions through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from junkan.municipalities import permissions, services
from junkan.municipalities.models import UNION_KINDS, Municipality, MunicipalityKind

OFFICIAL_FIELDS = (
    "code",
    "kind",
    "name",
    "kana",
    "full_name",
    "prefecture",
    "parent",
    "is_northern_territories",
    "latitude",
    "longitude",
    "website",
    "wards_list",
    "unions_list",
)
UNION_FIELDS = ("kind", "name", "kana", "prefecture", "members", "website")


class UnionForm(forms.ModelForm):
    """Add or change a 一部事務組合・広域連合; the values are checked by ``services.validate_union``."""

    website = forms.URLField(
        label=Municipality._meta.get_field("website").verbose_name, required=False, assume_scheme="https"
    )

    class Meta:
        model = Municipality
        fields = UNION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].choices = [(k.value, k.label) for k in MunicipalityKind if k in UNION_KINDS]
        for name in ("prefecture", "members"):
            if name in self.fields:
                self.fields[name].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors or not {"kind", "prefecture", "members"} <= set(self.fields):
            return cleaned
        try:
            data = services.validate_union(
                kind=cleaned.get("kind", ""),
                name=cleaned.get("name", ""),
                kana=cleaned.get("kana", ""),
                prefecture=cleaned.get("prefecture"),
                members=cleaned.get("members") or [],
                website=cleaned.get("website", ""),
                instance=self.instance,
            )
        except ValidationError as error:
            self.add_error(None, error)
            return cleaned
        cleaned["name"], cleaned["kana"], cleaned["website"] = data.name, data.kana, data.website
        return cleaned


def _copy_fields(target: Municipality, source: Municipality) -> None:
    """Make the admin's in-memory object the row the service saved."""
    for field in Municipality._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    form = UnionForm
    list_display = ("full_name", "code", "kind", "prefecture", "is_northern_territories")
    list_filter = ("kind", "is_northern_territories", "prefecture")
    search_fields = ("code", "name", "kana", "full_name")
    list_select_related = ("prefecture",)
    list_per_page = 100
    ordering = (F("code").asc(nulls_last=True), "id")
    autocomplete_fields = ("prefecture", "members")

    # --- permissions: the secretariat sees everything and manages unions; official rows are view-only.

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_view_in_admin(request.user).allowed

    def has_view_permission(self, request: HttpRequest, obj: Municipality | None = None) -> bool:
        return permissions.can_view_in_admin(request.user).allowed

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_unions(request.user).allowed

    def has_change_permission(self, request: HttpRequest, obj: Municipality | None = None) -> bool:
        if obj is None:
            return permissions.can_manage_unions(request.user).allowed
        return permissions.can_change(request.user, obj).allowed

    def has_delete_permission(self, request: HttpRequest, obj: Municipality | None = None) -> bool:
        if obj is None:
            return permissions.can_manage_unions(request.user).allowed
        return permissions.can_delete(request.user, obj).allowed

    # --- layout: the full official record, or the few fields of a union.

    def get_fields(self, request: HttpRequest, obj: Municipality | None = None) -> tuple[str, ...]:
        if obj is not None and obj.is_official:
            return OFFICIAL_FIELDS
        return UNION_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Municipality | None = None) -> tuple[str, ...]:
        if obj is not None and obj.is_official:
            return OFFICIAL_FIELDS
        return ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        return super().get_queryset(request).select_related("prefecture", "parent")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Municipality], search_term: str
    ) -> tuple[QuerySet[Municipality], bool]:
        """Also find the reading when it is typed in katakana (「サッポロ」 finds さっぽろし)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        reading = services.to_hiragana(search_term)
        if reading != search_term:
            more, more_duplicates = super().get_search_results(request, queryset, reading)
            return results | more, may_have_duplicates or more_duplicates
        return results, may_have_duplicates

    @admin.display(description=_("区"))
    def wards_list(self, obj: Municipality) -> SafeString | str:
        wards = obj.wards.order_by("code")
        return format_html_join("、", "{}（{}）", ((w.name, w.code) for w in wards)) or "—"

    @admin.display(description=_("加入している一部事務組合・広域連合"))
    def unions_list(self, obj: Municipality) -> SafeString | str:
        unions = obj.unions.order_by("name")
        return format_html_join("、", "{}", ((u.name,) for u in unions)) or "—"

    # --- saving goes through the services, which validate and write the audit log.

    def save_model(
        self, request: HttpRequest, obj: Municipality, form: forms.ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        values = {
            "kind": data["kind"],
            "name": data["name"],
            "kana": data.get("kana", ""),
            "prefecture": data["prefecture"],
            "members": list(data["members"]),
            "website": data.get("website", ""),
        }
        if change:
            saved = services.update_union(request.user, obj, **values)
        else:
            saved = services.create_union(request.user, **values)
        _copy_fields(obj, saved)

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        # Members were set (and audited) by the service in save_model; only inlines are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: Municipality) -> None:
        services.delete_union(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Municipality]) -> None:
        for obj in queryset:
            services.delete_union(request.user, obj)

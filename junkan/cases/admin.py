"""Case studies and guides in the admin, written by the secretariat. Every save is audited by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from junkan.cases import permissions, services
from junkan.cases.models import CaseOutcome, CaseSource, CaseStudy, CaseTheme, Guide
from junkan.common.admin import ReadOnlyAdmin, SecretariatViewMixin


class ManageCasesPermissions(SecretariatViewMixin):
    """The secretariat sees, adds, changes and deletes case studies and guides."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return permissions.can_manage(request.user).allowed

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return permissions.can_manage(request.user).allowed

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return permissions.can_manage(request.user).allowed


class OutcomeInline(ManageCasesPermissions, admin.TabularInline):
    model = CaseOutcome
    extra = 0
    fields = ("label", "value", "unit", "note", "order")


class SourceInline(ManageCasesPermissions, admin.TabularInline):
    model = CaseSource
    extra = 0
    fields = ("title", "url", "order")


class AuditedAdmin(ManageCasesPermissions, admin.ModelAdmin):
    """Saves, deletions and publishing go through ``junkan.cases.services``."""

    actions = ["publish", "withdraw"]

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> None:
        request._cases_before = services.begin_edit(request.user, obj)  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        services.finish_edit(request.user, form.instance, getattr(request, "_cases_before", None))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.delete(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            services.delete(request.user, obj)

    def _set_published(self, request: HttpRequest, queryset: QuerySet, published: bool) -> int:
        changed = 0
        for obj in queryset:
            if obj.published != published:
                services.set_published(request.user, obj, published)
                changed += 1
        return changed

    @admin.action(description=_("選択したものを公開する"))
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = self._set_published(request, queryset, True)
        self.message_user(
            request,
            ngettext("%(count)d件を公開しました。", "%(count)d件を公開しました。", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("選択したものを非公開にする"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = self._set_published(request, queryset, False)
        self.message_user(
            request,
            ngettext("%(count)d件を非公開にしました。", "%(count)d件を非公開にしました。", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(CaseStudy)
class CaseStudyAdmin(AuditedAdmin):
    list_display = ("title", "slug", "region_text", "published", "published_at", "updated_at")
    list_filter = ("published", "themes", "resources")
    search_fields = ("slug", "title", "summary", "region_label", "municipalities__full_name")
    autocomplete_fields = ("municipalities", "region_registration")
    readonly_fields = ("created_at", "updated_at")
    inlines = [OutcomeInline, SourceInline]
    fieldsets = (
        (None, {"fields": ("slug", "title", "summary")}),
        (_("地域"), {"fields": ("region_label", "municipalities", "region_registration")}),
        (_("分類"), {"fields": ("themes", "resources", "sdg_goals")}),
        (_("内容"), {"fields": ("background", "actions", "outcomes_note", "funding", "stakeholders")}),
        (_("公開"), {"fields": ("published", "published_at", "created_at", "updated_at")}),
    )

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in ("themes", "resources", "sdg_goals"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[CaseStudy]:
        return super().get_queryset(request).prefetch_related("municipalities")

    @admin.display(description=_("地域"))
    def region_text(self, obj: CaseStudy) -> str:
        return obj.region_label or "、".join(m.full_name for m in obj.municipalities.all())


@admin.register(Guide)
class GuideAdmin(AuditedAdmin):
    list_display = ("title", "slug", "category", "order", "published", "updated_at")
    list_filter = ("published", "category")
    search_fields = ("slug", "title", "summary", "body")
    readonly_fields = ("created_at", "updated_at")
    fields = ("slug", "title", "category", "order", "summary", "body", "published", "published_at")


admin.site.register(CaseTheme, ReadOnlyAdmin)

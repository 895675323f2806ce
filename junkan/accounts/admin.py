"""Admin for people. Roles change only through the audited service, via the actions below."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from junkan.accounts import services
from junkan.accounts.models import Role, RoleGrant, User
from junkan.accounts.permissions import can_manage_roles
from junkan.common.admin import SecretariatViewMixin


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    can_delete = False
    readonly_fields = ("role", "granted_at", "granted_by")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return True


def _role_action(role: Role, grant: bool):  # type: ignore[no-untyped-def]
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            if grant:
                services.grant_role(request.user, user, role)  # type: ignore[arg-type]
            else:
                services.revoke_role(request.user, user, role)  # type: ignore[arg-type]
        count = queryset.count()
        messages.success(
            request,
            ngettext("%(count)d 人の役割を更新しました。", "%(count)d 人の役割を更新しました。", count)
            % {"count": count},
        )

    verb = "grant" if grant else "revoke"
    action.__name__ = f"{verb}_{role.value}"
    label = _("「%(role)s」の役割を付与") if grant else _("「%(role)s」の役割を取消し")
    action.short_description = label % {"role": role.label}  # type: ignore[attr-defined]
    return action


@admin.register(User)
class UserAdmin(SecretariatViewMixin, BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "role_grants__role")
    search_fields = ("email", "full_name", "full_name_kana")
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("個人情報"), {"fields": ("full_name", "full_name_kana")}),
        (_("状態"), {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    filter_horizontal = ()
    inlines = (RoleGrantInline,)
    actions = [_role_action(role, grant) for role in Role for grant in (True, False)]

    def get_actions(self, request: HttpRequest) -> dict:  # type: ignore[type-arg]
        actions = super().get_actions(request)
        if not can_manage_roles(request.user).allowed:
            actions = {
                name: value for name, value in actions.items() if not name.startswith(("grant_", "revoke_"))
            }
        return actions

"""Grant projects in the admin, read-only: every change goes through the audited services (補助事業ページ)."""

from __future__ import annotations

from django.contrib import admin

from junkan.common.admin import ReadOnlyAdmin
from junkan.grants.models import Contract, InfoRequest, PlanChange, Project, Report, ReturnOrder


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("title", "organization", "program", "status", "decided_amount", "retain_until")
    list_filter = ("status", "program")
    search_fields = ("title", "organization__name", "decision_number")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("project", "name", "fiscal_year", "due_on", "status")
    list_filter = ("status", "kind")


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ("project", "ordered_on", "counterparty", "amount", "method")


@admin.register(PlanChange)
class PlanChangeAdmin(ReadOnlyAdmin):
    list_display = ("project", "kind", "status", "requested_at", "decided_at")
    list_filter = ("status", "kind")


@admin.register(ReturnOrder)
class ReturnOrderAdmin(ReadOnlyAdmin):
    list_display = ("project", "ordered_on", "principal", "pay_by", "status", "additional_charge")


@admin.register(InfoRequest)
class InfoRequestAdmin(ReadOnlyAdmin):
    list_display = ("project", "kind", "subject", "requested_on", "answer_by", "status")
    list_filter = ("kind", "status")

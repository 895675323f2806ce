"""The review in the admin, read-only: every change goes through the audited services (審査ページ)."""

from __future__ import annotations

from django.contrib import admin

from junkan.common.admin import ReadOnlyAdmin
from junkan.review.models import (
    Assignment,
    Budget,
    Committee,
    CommitteeMember,
    Decision,
    Declaration,
    Exclusion,
    HearingSlot,
    ScoreSheet,
)


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ("program", "name", "status", "reviewers_per_application", "decided_at", "published_at")
    list_filter = ("status",)


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnlyAdmin):
    list_display = ("user", "committee", "affiliation", "workplace", "active")
    list_filter = ("active",)


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin):
    list_display = ("member", "application", "kind", "declared_at")
    list_filter = ("kind",)


@admin.register(Exclusion)
class ExclusionAdmin(ReadOnlyAdmin):
    list_display = ("member", "application", "created_at")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("member", "application", "source", "status", "assigned_at")
    list_filter = ("status", "source")


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "status", "score", "submitted_at")
    list_filter = ("status",)


@admin.register(HearingSlot)
class HearingSlotAdmin(ReadOnlyAdmin):
    list_display = ("committee", "date", "start_time", "application", "invited_at")


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ("committee", "project_type", "amount")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("application", "outcome", "amount", "decided_at", "notified_at")
    list_filter = ("outcome",)

"""Who may see and do what in regional support.

- The region's members (members of the registering organization) and its coordinators work on their own
  cases: they edit the concept, the consortium, requests, plans and KPIs, and record their activities.
- Experts (the accounts of the experts on a region's support team) see that region's cases and record visits.
- The secretariat runs everything: rounds, selection, budgets, the hearing, forming teams.
- Everyone else sees only what is published; the rest answers 404.
- A type ③ council belongs to a grant project: the project's people (grants permissions) are its insiders.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.permissions import membership_of


def _authenticated(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_region_member(user: object, region: Any) -> bool:
    return membership_of(user, region.organization) is not None


def is_coordinator(user: object, region: Any) -> bool:
    if not _authenticated(user):
        return False
    from junkan.regional.models import Coordinator

    cache: dict[int, bool] = user.__dict__.setdefault("_regional_coordinator", {})
    if region.pk not in cache:
        cache[region.pk] = Coordinator.objects.filter(
            region=region, user=user, ended_on__isnull=True
        ).exists()
    return cache[region.pk]


def is_team_expert(user: object, region: Any) -> bool:
    """The person sits on a support team of the region (not refused)."""
    if not _authenticated(user):
        return False
    from junkan.regional.models import TeamExpert, TeamStatus

    cache: dict[int, bool] = user.__dict__.setdefault("_regional_expert", {})
    if region.pk not in cache:
        cache[region.pk] = (
            TeamExpert.objects.filter(team__region=region, user=user)
            .exclude(team__status=TeamStatus.REFUSED)
            .exists()
        )
    return cache[region.pk]


def is_region_worker(user: object, region: Any) -> bool:
    """A member or coordinator of the region: those who edit its own case."""
    return is_region_member(user, region) or is_coordinator(user, region)


def is_insider(user: object, region: Any) -> bool:
    """Anyone who sees the region's unpublished work."""
    return is_secretariat(user) or is_region_worker(user, region) or is_team_expert(user, region)


NOT_FOUND = _("この地域の支援の記録は見つかりません。")


def can_read_open_data(user: object) -> Decision:
    """The open data lists published cases only: anyone may read it."""
    return allow()


def can_manage(user: object) -> Decision:
    """The secretariat's pages (rounds, the list across regions, selection, the hearing)."""
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))


def can_view_progress(user: object) -> Decision:
    """The progress across all regions is for the secretariat and the Ministry (staff)."""
    return can_manage(user)


def can_view_region(user: object, region: Any) -> Decision:
    """The region's support page with unpublished work."""
    if is_insider(user, region):
        return allow()
    return hide(NOT_FOUND)


def can_work_on_region(user: object, region: Any) -> Decision:
    """Edit the region's own case (concept, consortium, requests, plans, KPIs)."""
    if is_secretariat(user) or is_region_worker(user, region):
        return allow()
    if is_team_expert(user, region):
        return deny(_("地域の担当者・地域コーディネーター・事務局のみ変更できます。"))
    return hide(NOT_FOUND)


def can_start_case(user: object, region: Any) -> Decision:
    """Apply for consortium support (region) or record a recommended region (secretariat)."""
    if region.status != "approved":
        return hide(NOT_FOUND)
    return can_work_on_region(user, region)


def can_view_case(user: object, case: Any) -> Decision:
    if is_insider(user, case.region):
        return allow()
    if case.is_published:
        return allow(_("公開されている支援案件です。"))
    return hide(NOT_FOUND)


def can_edit_case(user: object, case: Any) -> Decision:
    return can_work_on_region(user, case.region)


def can_submit_case(user: object, case: Any) -> Decision:
    return can_work_on_region(user, case.region)


def secretariat_move(user: object, obj: Any) -> Decision:
    """A move only the secretariat makes; the region's insiders are told so, others get 404."""
    if is_secretariat(user):
        return allow()
    region = _region_of(obj)
    if region is not None and is_insider(user, region):
        return deny(_("事務局のみ行えます。"))
    return hide(NOT_FOUND)


def region_move(user: object, obj: Any) -> Decision:
    """A move the region's people (or the secretariat on their behalf) make."""
    region = _region_of(obj)
    if region is None:
        return hide(NOT_FOUND)
    return can_work_on_region(user, region)


def _region_of(obj: Any) -> Any:
    for path in ("region", "case.region"):
        current = obj
        for part in path.split("."):
            current = getattr(current, part, None)
        if current is not None:
            return current
    return None


def can_execute_budget(user: object, case: Any) -> Decision:
    """The secretariat executes the budget (請負先による執行)."""
    return secretariat_move(user, case)


def can_view_hearing(user: object, hearing: Any) -> Decision:
    if is_insider(user, hearing.case.region):
        return allow()
    return hide(NOT_FOUND)


def can_judge(user: object, hearing: Any) -> Decision:
    return secretariat_move(user, hearing)


def can_view_team(user: object, team: Any) -> Decision:
    if is_insider(user, team.region):
        return allow()
    if team.is_published:
        return allow()
    return hide(NOT_FOUND)


def can_compose_team(user: object, team: Any) -> Decision:
    """Choose the experts, the period and the cost: the secretariat."""
    return secretariat_move(user, team)


def can_record_visit(user: object, team: Any) -> Decision:
    if is_secretariat(user) or is_team_expert(user, team.region):
        return allow()
    if is_insider(user, team.region):
        return deny(_("訪問の記録は支援チームの専門家と事務局が行います。"))
    return hide(NOT_FOUND)


def can_view_plan(user: object, plan: Any) -> Decision:
    if is_insider(user, plan.region) or plan.is_published:
        return allow()
    return hide(NOT_FOUND)


def can_edit_plan(user: object, plan: Any) -> Decision:
    return can_work_on_region(user, plan.region)


def can_log_activity(user: object, coordinator: Any) -> Decision:
    """The coordinator's own log; the secretariat may add entries for them."""
    if is_secretariat(user):
        return allow()
    if _authenticated(user) and coordinator.user_id == getattr(user, "pk", None):
        return allow()
    if is_insider(user, coordinator.region):
        return deny(_("活動の記録は地域コーディネーター本人と事務局が行います。"))
    return hide(NOT_FOUND)


def can_appoint_coordinator(user: object, region: Any) -> Decision:
    return can_work_on_region(user, region)


# Bodies (会議体) ----------------------------------------------------------------------------------------


def _body_insider(user: object, body: Any) -> bool:
    if is_secretariat(user):
        return True
    if body.region_id is not None and is_insider(user, body.region):
        return True
    if body.grant_project_id is not None:
        from junkan.grants import permissions as grants

        return grants.can_view(user, body.grant_project).allowed
    return False


def _body_editor(user: object, body: Any) -> bool:
    if is_secretariat(user):
        return True
    if body.region_id is not None:
        return is_region_worker(user, body.region) or (
            body.kind == "team" and is_team_expert(user, body.region)
        )
    if body.grant_project_id is not None:
        from junkan.grants import permissions as grants

        return grants.can_act(user, body.grant_project).allowed
    return False


def can_view_body(user: object, body: Any) -> Decision:
    if _body_insider(user, body):
        return allow()
    if body.is_published:
        return allow(_("公開されている会議体です。"))
    return hide(_("この会議体は見つかりません。"))


def can_edit_body(user: object, body: Any) -> Decision:
    """Members, meetings, minutes and files of a body."""
    if _body_editor(user, body):
        return allow()
    if _body_insider(user, body):
        return deny(_("この会議体の記録を変更できるのは、地域の担当者・事務局です。"))
    return hide(_("この会議体は見つかりません。"))


def can_view_minutes(user: object, meeting: Any) -> Decision:
    """Minutes and files: insiders, or everyone when both the body and the minutes are published."""
    if _body_insider(user, meeting.body):
        return allow()
    if meeting.body.is_published and meeting.minutes_published:
        return allow()
    return hide(_("この会議の記録は見つかりません。"))


def sees_unpublished(user: object, body: Any) -> bool:
    return _body_insider(user, body)

"""Profiles at approval, suggestions both ways, the request's process and who sees what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.matching import services
from junkan.matching.models import CollaborationRequest, SolutionProfile
from junkan.matching.permissions import can_see_contacts, can_view_request

pytestmark = pytest.mark.django_db


def test_profiles_follow_approval(firm, django_capture_on_commit_callbacks):
    assert SolutionProfile.objects.filter(solution__registration=firm).count() == 2
    firm.status = "revoked"
    with django_capture_on_commit_callbacks(execute=True):
        firm.save()
    assert not SolutionProfile.objects.filter(solution__registration=firm).exists()


def test_the_region_sees_the_boiler_first_with_reasons(town, firm):
    results = services.solutions_for_region(town, 5)
    assert results[0]["title"] == "木質チップボイラーの導入と運営"
    assert "北海道で実施可能" in results[0]["reasons"]
    assert any("森林" in r for r in results[0]["reasons"])
    assert results[0]["url"].endswith(f"#solution-{firm.solutions.order_by('id').first().pk}")


def test_the_company_sees_the_region(town, firm):
    results = services.regions_for_company(firm, 5)
    assert [r["title"] for r in results] == ["森林未来都市しもかわ"]


def _ask(officer, town, firm):
    return services.ask(
        officer, town.organization, firm.organization, "チップボイラーについて伺いたいです。", region=town
    )


def test_a_request_runs_from_ask_to_close_with_its_audit_trail(
    officer, seller, outsider, make_staff, town, firm
):
    staff = make_staff()
    request = _ask(officer, town, firm)
    assert not can_see_contacts(officer, request).allowed
    with pytest.raises(PermissionDenied):
        services.move(officer, request, "accept")  # only the other side answers
    services.move(seller, request, "accept")
    request.refresh_from_db()
    assert can_see_contacts(officer, request).allowed
    services.move(staff, request, "introduce", mediation="online")
    services.move(officer, request, "meet", meeting_on=__import__("datetime").date(2026, 12, 1))
    services.move(seller, request, "collaborate")
    with pytest.raises(Http404):
        services.move(outsider, request, "close", "x")
    with pytest.raises(ValidationError):
        services.move(seller, request, "close")  # a reason is required
    services.move(seller, request, "close", "実証に進むことになりました。", outcome="pilot")
    request.refresh_from_db()
    assert request.status == "closed" and request.outcome == "pilot" and request.closed_at
    actions = list(
        AuditEntry.objects.for_object(request).order_by("at", "id").values_list("action", flat=True)
    )
    assert actions == [
        "matching.request.created",
        "matching.request.accept",
        "matching.request.introduce",
        "matching.request.meet",
        "matching.request.collaborate",
        "matching.request.close",
    ]
    assert services.funnel()["collaborating"] == 1


def test_a_declined_request_never_shows_contacts_and_cannot_move_on(officer, seller, town, firm):
    request = _ask(officer, town, firm)
    services.move(seller, request, "decline", "今は対応できる体制がありません。")
    request.refresh_from_db()
    assert not can_see_contacts(seller, request).allowed
    with pytest.raises(ValidationError):
        services.move(seller, request, "accept")


def test_only_parties_and_the_secretariat_see_a_request(officer, seller, outsider, make_staff, town, firm):
    request = _ask(officer, town, firm)
    assert can_view_request(officer, request).allowed
    assert can_view_request(seller, request).allowed
    assert can_view_request(make_staff(), request).allowed
    decision = can_view_request(outsider, request)
    assert not decision.allowed and decision.hide


def test_nobody_asks_in_the_name_of_an_organization_they_are_not_in(outsider, town, firm):
    with pytest.raises(Http404):
        services.ask(outsider, town.organization, firm.organization, "x")
    assert not CollaborationRequest.objects.exists()


def test_the_digest_sends_new_fits_once_and_respects_the_opt_out(
    officer, seller, town, firm, mailoutbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from junkan.matching.digest import send_digests

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(now, timedelta(days=7)) == 2  # the officer (region) and the seller (company)
    assert any("木質チップボイラーの導入と運営" in m.body for m in mailoutbox)
    assert all("/matching/digest/" in m.body for m in mailoutbox)
    assert send_digests(now + timedelta(days=8), timedelta(days=7)) == 0  # nothing new
    services.set_digest(seller, False)
    assert officer.matching_digest.enabled and not seller.matching_digest.enabled

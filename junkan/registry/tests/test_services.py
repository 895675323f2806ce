"""Every transition of a registration: right state, wrong state, wrong actor; audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.municipalities.models import Municipality
from junkan.registry import services
from junkan.registry.models import Industry, LocalResource, RegionRegistration, RegistrationStatus, SdgGoal

S = RegistrationStatus
pytestmark = pytest.mark.django_db


def test_vocabularies_are_loaded_by_migration():
    assert SdgGoal.objects.count() == 17
    assert Industry.objects.filter(parent__isnull=True).count() == 20
    assert Industry.objects.filter(parent__isnull=False).count() == 99
    assert Industry.objects.get(code="33").parent.code == "F"
    assert set(LocalResource.objects.values_list("name", flat=True)) >= {
        "エネルギー",
        "食",
        "森林",
        "水",
        "海",
        "景観",
        "文化",
        "人材",
    }


def _actions(obj):
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action__startswith="registry.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_save_region_creates_and_updates_with_audit(organization, member):
    iida = Municipality.objects.get(code="202053")
    region = services.save_region(
        member,
        organization,
        {
            "name": "飯田",
            "challenges": "課題",
            "desired_future": "未来",
            "backcasting": "道筋",
            "contact_name": "担当",
            "contact_email": "a@example.jp",
        },
        {"municipalities": [iida], "resources": [], "sdg_goals": SdgGoal.objects.filter(number=7)},
    )
    assert region.status == S.DRAFT
    assert list(region.municipalities.all()) == [iida]
    services.save_region(member, organization, {"name": "飯田市域"}, {"sdg_goals": []}, region)
    region.refresh_from_db()
    assert region.name == "飯田市域" and not region.sdg_goals.exists()
    entries = AuditEntry.objects.filter(action="registry.region.updated", object_id=str(region.pk))
    assert entries.get().changes["name"] == ["飯田", "飯田市域"]


def test_outsider_cannot_create_region(organization, outsider):
    with pytest.raises(Http404):
        services.save_region(outsider, organization, {"name": "x"}, {})
    assert not RegionRegistration.objects.exists()


def test_full_region_lifecycle(region, member, staff):
    services.submit(member, region)
    region.refresh_from_db()
    assert region.status == S.SUBMITTED and region.submitted_at
    services.approve(staff, region)
    region.refresh_from_db()
    assert region.status == S.APPROVED and region.decided_at
    services.revoke(staff, region, "活動実態がないため")
    region.refresh_from_db()
    assert region.status == S.REVOKED and region.decision_reason == "活動実態がないため"
    assert _actions(region) == [
        "registry.region.submitted",
        "registry.region.approved",
        "registry.region.revoked",
    ]


def test_refused_can_be_amended_and_resubmitted(region, owner, staff):
    services.submit(owner, region)
    services.refuse(staff, region, "対象地域の記載が不足しています")
    region.refresh_from_db()
    assert region.status == S.REFUSED
    services.save_region(owner, region.organization, {"name": "改訂版"}, {}, region)
    services.submit(owner, region)
    region.refresh_from_db()
    assert region.status == S.SUBMITTED and region.decision_reason == ""


def test_wrong_state(region, owner, staff):
    with pytest.raises(ValidationError):
        services.approve(staff, region)
    with pytest.raises(ValidationError):
        services.revoke(staff, region, "理由")
    services.submit(owner, region)
    with pytest.raises(PermissionDenied):
        services.submit(owner, region)  # no longer editable
    region.refresh_from_db()
    assert region.status == S.SUBMITTED


def test_refuse_and_revoke_need_a_reason(region, owner, staff):
    services.submit(owner, region)
    with pytest.raises(ValidationError):
        services.refuse(staff, region, "  ")
    region.refresh_from_db()
    assert region.status == S.SUBMITTED


def test_wrong_actor(region, owner, outsider):
    with pytest.raises(Http404):
        services.submit(outsider, region)
    services.submit(owner, region)
    with pytest.raises(PermissionDenied):
        services.approve(owner, region)
    with pytest.raises(Http404):
        services.approve(outsider, region)
    region.refresh_from_db()
    assert region.status == S.SUBMITTED


def test_region_needs_local_government_or_partner(region, company_org, owner):
    region.organization = company_org
    region.save()
    with pytest.raises(ValidationError, match="参画する地方公共団体"):
        services.submit(owner, region)
    region.partner_government = Municipality.objects.get(code="202053")
    region.save()
    services.submit(owner, region)


def test_company_lifecycle_and_submit_rules(company, owner, staff):
    company.agreed_to_purpose = False
    company.save()
    with pytest.raises(ValidationError, match="賛同"):
        services.submit(owner, company)
    services.save_company(owner, company.organization, {"agreed_to_purpose": True}, company)
    services.submit(owner, company)
    services.approve(staff, company)
    company.refresh_from_db()
    assert company.status == S.APPROVED
    assert _actions(company)[-2:] == ["registry.company.submitted", "registry.company.approved"]


def test_company_needs_a_solution(company, owner):
    services.delete_solution(owner, company.solutions.get())
    with pytest.raises(ValidationError, match="ソリューション"):
        services.submit(owner, company)


def test_local_government_cannot_register_as_company(organization, owner):
    with pytest.raises(PermissionDenied):
        services.save_company(owner, organization, {"summary": "x"})


def test_solutions_are_frozen_once_submitted(company, owner):
    services.submit(owner, company)
    with pytest.raises(PermissionDenied):
        services.save_solution(owner, company, {"title": "追加"}, {})
    assert company.solutions.count() == 1

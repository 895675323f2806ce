"""The registration processes (``registry.processes``): every declared move as allowed and refused users."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.common import workflow
from junkan.registry import services
from junkan.registry.models import RegistrationStatus as S
from junkan.registry.processes import COMPANY, REGION, process_of

pytestmark = pytest.mark.django_db


def test_declarations_are_sound():
    assert workflow.problems(REGION) == [] and workflow.problems(COMPANY) == []
    assert REGION.move("revoked").irreversible and REGION.move("refused").needs_reason


def test_every_move_as_allowed_and_refused_people(region, owner, member, outsider, staff):
    assert process_of(region) is REGION
    # 申請: the organization's people, not the secretariat or outsiders.
    with pytest.raises(Http404):
        services.submit(outsider, region)
    services.submit(owner, region)
    region.refresh_from_db()
    assert region.status == S.SUBMITTED
    # 承認・不承認・取消し: the secretariat only.
    for person, error in ((owner, PermissionDenied), (outsider, (Http404, PermissionDenied))):
        with pytest.raises(error):
            services.approve(person, region)
        with pytest.raises(error):
            services.refuse(person, region, "不足")
    services.refuse(staff, region, "活動の記載が不足しています。")
    region.refresh_from_db()
    assert region.status == S.REFUSED and region.decision_reason == "活動の記載が不足しています。"
    services.submit(owner, region)
    services.approve(staff, region)
    with pytest.raises(ValidationError):
        services.approve(staff, region)
    with pytest.raises(PermissionDenied):
        services.revoke(owner, region, "x")
    services.revoke(staff, region, "活動が確認できないため")
    region.refresh_from_db()
    assert region.status == S.REVOKED
    assert workflow.audit_label("registry.region.revoked") == "登録取消し"

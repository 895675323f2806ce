from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from junkan.support.models import Expert, FundingMechanism, SpecialistOrganization, SupportMeasure

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_fictional_and_has_open_and_closed_measures():
    call_command("load_demo", stdout=StringIO())
    counts = [m.objects.count() for m in (Expert, SpecialistOrganization, SupportMeasure, FundingMechanism)]
    call_command("load_demo", stdout=StringIO())
    assert [
        m.objects.count() for m in (Expert, SpecialistOrganization, SupportMeasure, FundingMechanism)
    ] == counts
    assert all("デモ" in e.name for e in Expert.objects.all())
    assert all("架空" in o.name for o in SpecialistOrganization.objects.all())
    assert all("デモ" in m.title for m in SupportMeasure.objects.all())
    assert all("デモ" in f.name for f in FundingMechanism.objects.all())
    from django.utils import timezone

    today = timezone.localdate()
    closed = [m.is_closed(today) for m in SupportMeasure.objects.all()]
    assert any(closed) and not all(closed)
    # A demo fund is linked to a demo practice region that is approved.
    fund = FundingMechanism.objects.get(name="南信州 森と太陽の市民ファンド（デモ）")
    assert fund.regions.filter(status="approved").exists()

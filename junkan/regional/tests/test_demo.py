"""The demo puts regions at every stage, through the services and moves."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from junkan.regional.models import BusinessPlan, ConsortiumCase, Hearing, KpiYear, SupportTeam, Visit
from junkan.regional.progress import progress_for, regions_in_program

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_every_stage():
    call_command("load_demo", verbosity=0)
    assert ConsortiumCase.objects.filter(kind="new").count() >= 1
    assert ConsortiumCase.objects.filter(kind="continuing").count() == 1
    assert Hearing.objects.filter(status="decided").count() == 2
    assert all(h.judgements.exclude(met=None).count() == 6 for h in Hearing.objects.all())
    team = SupportTeam.objects.get(status="formed")
    assert team.experts.count() == 4 and Visit.objects.filter(team=team).count() == 2
    assert team.cost <= 10_000_000
    assert (
        KpiYear.objects.filter(kpi__plan__in=BusinessPlan.objects.all())
        .values("fiscal_year")
        .distinct()
        .count()
        == 2
    )
    stages = {row.stage for row in progress_for(regions_in_program(published_only=False))}
    assert {"consortium", "support_team"} <= stages
    before = ConsortiumCase.objects.count()
    call_command("load_demo", verbosity=0)
    assert ConsortiumCase.objects.count() == before

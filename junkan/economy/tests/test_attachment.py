"""様式2 (事業の背景): the applicant picks a saved analysis of the organization instead of a file."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.applications.models import Section
from junkan.applications.snapshot import field_text
from junkan.applications.spec import form_spec
from junkan.economy import demo, services
from junkan.economy.models import Visibility

pytestmark = pytest.mark.django_db


def _field(forms: str):
    spec = form_spec(forms)
    assert spec is not None
    background = next(s for s in spec.sections if s.key == "background")
    return next(f for f in background.fields if f.key == "economy_analysis")


def test_the_background_section_offers_the_organizations_analyses_only(
    client_as, owner, application, analysis, make_user, table
):
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, Organization

    other = Organization.objects.create(
        kind="municipality", name="長野県松本市", municipality=Municipality.objects.get(code="202029")
    )
    person = make_user("matsumoto@example.jp")
    Membership.objects.create(organization=other, user=person)
    table.visibility = Visibility.PUBLIC
    table.save()
    theirs = services.save_analysis(
        person, other, table, demo.ANALYSIS_DEMAND, title="松本市の試算", visibility=Visibility.PUBLIC
    )
    url = reverse("applications:section", args=[application.public_id, "background"])
    page = client_as(owner).get(url).content.decode()
    assert "使用した分析（地域経済循環分析で保存した分析）" in page
    assert analysis.title in page and theirs.title not in page
    version = Section.objects.get(application=application, key="background").version
    data = {"version": version, "background": "背景", "economic_analysis": "分析の結果", "next": "stay"}
    refused = client_as(owner).post(url, {**data, "economy_analysis": theirs.pk})
    assert refused.status_code == 200
    assert Section.objects.get(application=application, key="background").data.get("economy_analysis") is None
    response = client_as(owner).post(url, {**data, "economy_analysis": analysis.pk})
    assert response.status_code == 302
    stored = Section.objects.get(application=application, key="background").data["economy_analysis"]
    assert stored == {"id": analysis.pk, "public_id": str(analysis.public_id), "title": analysis.title}
    # The frozen copy (PDF, xlsx, secretariat) shows the analysis by its title.
    field = _field(application.program.application_forms)
    assert field_text(field, stored) == analysis.title


def test_the_field_kind_is_declared_and_optional():
    field = _field("fy2019-decarbonised-region-model")
    assert field.kind == "economy_analysis" and not field.is_required("1")

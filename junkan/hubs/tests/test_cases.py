"""A hub's cases: its area's regional support cases and grant projects, for its staff and the secretariat."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.urls import reverse

from junkan.regional.models import CaseStatus, ConsortiumCase

pytestmark = pytest.mark.django_db
URL = reverse("hubs:area_cases", args=["chubu-office"])


@pytest.fixture
def case(region, owner, staff):
    """A submitted consortium case of 南信州 (長野県飯田市, the area of 中部地方環境事務所)."""
    from junkan.regional import services
    from junkan.registry.models import RegistrationStatus

    region.status = RegistrationStatus.APPROVED
    region.save(update_fields=["status"])
    round_ = services.announce_round(
        staff, fiscal_year=2025, name="2025年度 環境整備", budget_cap=2_000_000, announced_on=date(2025, 4, 1)
    )
    case = services.start_case(owner, region, round_, kind="new")
    ConsortiumCase.objects.filter(pk=case.pk).update(status=CaseStatus.SUBMITTED)
    return case


@pytest.fixture
def project(organization, owner):
    """A grant project of 長野県飯田市."""
    from junkan.applications.models import Application
    from junkan.grants.models import Project
    from junkan.programs.models import Program

    program = Program.objects.get(slug="fy2019-decarbonised-region-model")
    application = Application.objects.create(
        program=program,
        project_type=program.project_types.first(),
        organization=organization,
        created_by=owner,
        title="竜丘地区の再エネ地産地消の実現可能性調査",
        status="accepted",
    )
    return Project.objects.create(
        application=application,
        program=program,
        project_type=application.project_type,
        organization=organization,
        title=application.title,
        adopted_on=date(2019, 7, 1),
        adopted_amount=9_000_000,
    )


def test_the_hubs_staff_follow_the_cases_of_their_area(client_as, case, project, chubu_staff):
    response = client_as(chubu_staff).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "南信州 地域循環共生圏（新規）" in body and "選定中" in body
    assert "竜丘地区の再エネ地産地消の実現可能性調査" in body
    assert "令和7年度" in body
    # Hub staff read the list; the case and the project pages are not theirs to open.
    assert reverse("regional:case", args=[case.pk]) not in body
    assert reverse("grants:project", args=[project.public_id]) not in body


def test_the_secretariat_sees_them_with_links(client_as, case, project, staff):
    body = client_as(staff).get(URL).content.decode()
    assert reverse("regional:case", args=[case.pk]) in body
    assert reverse("grants:project", args=[project.public_id]) in body


@pytest.mark.parametrize("who", ["kyushu_staff", "outsider", "owner", "member"])
def test_404_for_other_hubs_staff_and_everyone_else(client_as, case, request, who):
    assert client_as(request.getfixturevalue(who)).get(URL).status_code == 404


def test_anonymous_is_asked_to_log_in(client_as):
    response = client_as(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_areas_do_not_list_them(client_as, case, project, kyushu_staff):
    body = client_as(kyushu_staff).get(reverse("hubs:area_cases", args=["epo-kyushu"])).content.decode()
    assert "南信州" not in body and "竜丘地区" not in body
    assert "担当区域の案件はまだありません。" in body


def test_drafts_are_not_listed(client_as, case, chubu_staff):
    ConsortiumCase.objects.filter(pk=case.pk).update(status=CaseStatus.DRAFT)
    assert "南信州" not in client_as(chubu_staff).get(URL).content.decode()


def test_paged(client_as, chubu_staff):
    assert client_as(chubu_staff).get(URL, {"page": "2"}).status_code == 404


def test_the_hub_page_links_it_for_its_staff(client_as, chubu_staff, outsider):
    detail = reverse("hubs:detail", args=["chubu-office"])
    assert URL in client_as(chubu_staff).get(detail).content.decode()
    assert URL not in client_as(outsider).get(detail).content.decode()


def test_a_page_costs_the_same_however_many_rows(client_as, case, project, staff):
    """Both kinds are paged together in the database: the queries do not grow with the area's rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(staff)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        body = client.get(URL).content.decode()
    assert reverse("regional:case", args=[case.pk]) in body
    application = project.application
    for n in range(40):
        application.pk = None
        application.public_id = uuid.uuid4()
        application.save()
        project.pk = None
        project.public_id = uuid.uuid4()
        project.application = application
        project.title = f"事業{n:02d}"
        project.save()
    with CaptureQueriesContext(connection) as many:
        body = client.get(URL).content.decode()
    assert len(many) == len(one)
    assert "支援案件 1件・補助事業 41件" in body and client.get(URL, {"page": "2"}).status_code == 200

"""補助金調書 (seed 003 §6(1), 様式第11): a PDF for local-government grantees and the secretariat."""

from __future__ import annotations

import io
import os
from datetime import date

import pytest
from pypdf import PdfReader

from junkan.audit.models import AuditEntry
from junkan.grants import statement
from junkan.grants.models import Project

pytestmark = pytest.mark.django_db


def url(project: Project) -> str:
    return f"/grants/p/{project.public_id}/statement.pdf"


def text_of(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def user_of(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", ["staff", "owner", "member"])
def test_secretariat_and_the_grantees_people_download_it(make_project, client_as, request, who):
    project = make_project("paid")
    response = client_as(user_of(request, who)).get(url(project))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action="grants.statement.exported")
    assert entry.actor == user_of(request, who)
    assert entry.data["format"] == "pdf"


def test_outsiders_get_404_anonymous_the_login(make_project, client_as, outsider):
    project = make_project("paid")
    assert client_as(outsider).get(url(project)).status_code == 404
    response = client_as(None).get(url(project))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AuditEntry.objects.filter(action="grants.statement.exported").exists()


def test_co_applicants_see_the_project_but_not_the_statement(make_project, client_as, co_member):
    project = make_project("paid")
    assert client_as(co_member).get(url(project)).status_code == 403


def test_only_for_local_government_grantees(make_project, client_as, staff, owner):
    from junkan.organizations.models import Organization

    project = make_project("paid")
    Organization.objects.filter(pk=project.organization_id).update(kind="company", municipality=None)
    assert client_as(staff).get(url(project)).status_code == 404
    assert client_as(owner).get(url(project)).status_code == 404
    assert "statement.pdf" not in client_as(owner).get(f"/grants/p/{project.public_id}/").content.decode()


def test_not_before_the_decision(make_project, client_as, owner):
    assert client_as(owner).get(url(make_project("applied"))).status_code == 403


def test_the_overview_links_it(make_project, client_as, owner, co_member):
    project = make_project("decided")
    assert url(project) in client_as(owner).get(f"/grants/p/{project.public_id}/").content.decode()
    assert url(project) not in client_as(co_member).get(f"/grants/p/{project.public_id}/").content.decode()


def test_figures_of_a_paid_project(make_project):
    project = make_project("paid")
    Project.objects.filter(pk=project.pk).update(
        determination_working={
            "years": [
                {
                    "fiscal_year": 2019,
                    "determined": 8_500_000,
                    "rows": [
                        {"key": "total_cost", "value": 9_350_000},
                        {"key": "eligible_cost", "value": 8_500_000},
                    ],
                }
            ]
        }
    )
    project.refresh_from_db()
    st = statement.build(project)
    [year] = st.years
    assert (year.decided, year.determined, year.received) == (9_000_000, 8_500_000, 8_500_000)
    assert (year.total_cost, year.eligible_cost, year.burden) == (9_350_000, 8_500_000, 850_000)
    content = statement.render(st, date(2020, 5, 1))
    if os.environ.get("STATEMENT_PDF_OUT"):  # to look at it: pdftoppm -png -r 80
        with open(os.environ["STATEMENT_PDF_OUT"], "wb") as out:
            out.write(content)
    text = text_of(content)
    expected_texts = (
        "補助金調書",
        "様式第11",
        "長野県飯田市",
        "9,000,000",
        "8,500,000",
        "850,000",
        "平成31年度",
    )
    for expected in expected_texts:
        assert expected in text, expected


def test_before_the_determination_the_subsidy_is_not_yet_fixed(make_project):
    project = make_project("completed")
    [year] = statement.build(project).years
    assert year.determined is None and year.burden is None
    assert year.total_cost == 8_500_000
    assert "未確定" in text_of(statement.render(statement.build(project), date(2020, 3, 1)))

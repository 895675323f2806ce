"""The completion report's CO2 split (seed 002 4.(3)① ※, type ①) and business viability figures (seed 003
§9(2)(3)（ウ）): saved through the service, checked before submission, shown on the report and the overview,
as the grantee's owner and member, an outsider and an anonymous visitor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from junkan.grants.engine import viability
from junkan.grants.services import reports as services

pytestmark = pytest.mark.django_db
D = Decimal


def completion_report(project):
    return project.reports.get(kind__in=["completion", "study_report"])


def report_url(project, report):
    return reverse("grants:report", args=[project.public_id, report.pk])


def problem_codes(report):
    report.refresh_from_db()
    return {p.code for p in services.check(report).problems}


# Type ①: direct and indirect reductions ------------------------------------------------------------------


def test_type_1_split_adds_up_to_the_reduction(make_project, owner):
    project = make_project("decided")
    report = completion_report(project)
    assert services.split_applies(project)
    with pytest.raises(ValidationError) as refused:
        services.save_report(
            owner,
            report,
            answers={},
            base_version=0,
            expected_t_co2=D("1250.5"),
            direct_t_co2=D(1000),
            indirect_t_co2=D(200),
        )
    assert "一致しません" in refused.value.message_dict["indirect_t_co2"][0]
    report.refresh_from_db()
    assert (report.version, report.expected_t_co2, report.direct_t_co2) == (
        0,
        None,
        None,
    )  # nothing half-saved
    saved = services.save_report(
        owner,
        report,
        answers={},
        base_version=0,
        expected_t_co2=D("1250.5"),
        direct_t_co2=D(1000),
        indirect_t_co2=D("250.5"),
    )
    assert (saved.direct_t_co2, saved.indirect_t_co2) == (D(1000), D("250.5"))
    assert not problem_codes(report) & {"split_part_missing", "split_sum_mismatch"}


def test_half_a_split_is_refused(make_project, owner):
    report = completion_report(make_project("decided"))
    with pytest.raises(ValidationError) as refused:
        services.save_report(
            owner, report, answers={}, base_version=0, expected_t_co2=D(5), direct_t_co2=D(5)
        )
    assert "indirect_t_co2" in refused.value.message_dict


def test_types_2_and_3_have_no_split(make_project, owner):
    for code in ("2", "3"):
        project = make_project("decided", type_code=code)
        assert not services.split_applies(project)
        with pytest.raises(ValidationError) as refused:
            services.save_report(
                owner,
                completion_report(project),
                answers={},
                base_version=0,
                direct_t_co2=D(1),
                indirect_t_co2=D(0),
            )
        assert "direct_t_co2" in refused.value.message_dict


# Business viability -----------------------------------------------------------------------------------------


FIGURES = viability.Figures(
    investment=120_000_000, revenue=18_000_000, running_cost=6_500_000, savings=2_400_000, years=20
)


def test_seed_003_study_report_requires_profit_or_savings(make_project, ecotown_call, owner):
    project = make_project("decided", call=ecotown_call, type_code="fs")
    report = completion_report(project)
    assert services.viability_block(report) == viability.Block(True, True)
    assert "viability_missing" in problem_codes(report)
    services.save_report(
        owner, report, answers={}, base_version=0, figures=viability.Figures(savings=3_000_000)
    )
    assert "viability_missing" not in problem_codes(report)
    assert report.utility_savings == 3_000_000


def test_seed_002_type_3_report_has_no_viability_block(make_project, owner):
    report = completion_report(make_project("decided", type_code="3"))
    assert services.viability_block(report) == viability.Block(False, False)
    with pytest.raises(ValidationError):
        services.save_report(owner, report, answers={}, base_version=0, figures=viability.Figures(savings=1))


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("member", 200), ("outsider", 404), ("anonymous", 302)]
)
def test_report_page_as_each_person(request, client_as, make_project, who, status):
    project = make_project("decided")
    report = completion_report(project)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_as(user).get(report_url(project, report))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert 'name="direct_t_co2"' in page and 'name="indirect_t_co2"' in page
        assert 'name="initial_investment"' in page and 'name="utility_savings"' in page
        assert "事業採算性・光熱費等削減の評価（数値）" in page


def test_post_figures_and_read_them_back(client_as, make_project, member, owner, outsider):
    project = make_project("decided")
    report = completion_report(project)
    data = {
        "version": "0",
        "expected_t_co2": "1,250.5",
        "direct_t_co2": "1000",
        "indirect_t_co2": "250.5",
        "initial_investment": "12,000万円",
        "annual_revenue": "18,000,000",
        "annual_running_cost": "6,500,000",
        "utility_savings": "240万円",
        "evaluation_years": "20",
    }
    assert client_as(outsider).post(report_url(project, report), data).status_code == 404
    response = client_as(member).post(report_url(project, report), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.direct_t_co2, report.indirect_t_co2) == (D(1000), D("250.5"))
    assert (report.initial_investment, report.utility_savings, report.evaluation_years) == (
        120_000_000,
        2_400_000,
        20,
    )
    page = client_as(owner).get(report_url(project, report)).content.decode()
    assert "13,900,000円" in page  # yearly balance: 18,000,000 + 2,400,000 − 6,500,000
    assert "8.7年" in page  # payback, rounded up
    assert "158,000,000円" in page  # 20 years' balance after the investment
    # A mismatching split is refused with both figures; nothing is lost from the form.
    response = client_as(owner).post(
        report_url(project, report), {**data, "version": "1", "indirect_t_co2": "200"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "一致しません" in page and 'value="200"' in page
    report.refresh_from_db()
    assert report.indirect_t_co2 == D("250.5")


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("member", 200), ("outsider", 404), ("anonymous", 302)]
)
def test_overview_shows_the_completion_figures(request, client_as, make_project, owner, who, status):
    project = make_project("decided")
    report = completion_report(project)
    services.save_report(
        owner,
        report,
        answers={},
        base_version=0,
        expected_t_co2=D("1250.5"),
        direct_t_co2=D(1000),
        indirect_t_co2=D("250.5"),
        figures=FIGURES,
    )
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_as(user).get(reverse("grants:project", args=[project.public_id]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "うち直接的な削減効果" in page and "1000.000 t-CO2" in page
        assert "光熱費等削減額（年間）" in page and "2,400,000円" in page and "8.7年" in page

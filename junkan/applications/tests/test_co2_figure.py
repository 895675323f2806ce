"""様式2's CO2 figure and a saved calculation (issue 13): the calculation's figure is used, and a different
typed figure is refused with both values, as the completion report does."""

from __future__ import annotations

from decimal import Decimal

import pytest

from junkan.applications import checklist
from junkan.applications.sections import SectionPage
from junkan.applications.spec import applicant_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def calculation(draft, owner):
    from junkan.carbon.models import SavedCalculation

    return SavedCalculation.objects.create(
        owner=owner,
        organization=draft.organization,
        title="竜丘地区の太陽光",
        baseline_t_co2=Decimal("500"),
        project_t_co2=Decimal("96.7"),
        reduction_t_co2=Decimal("403.3"),
    )


def _page(application, data):
    from junkan.carbon.models import SavedCalculation

    spec = checklist.spec_of(application).section("effects", applicant_of(application))
    calculations = SavedCalculation.objects.filter(organization=application.organization)
    return SectionPage(application, spec, data, calculations)


def _post(application, **fields):
    page = _page(application, None)
    data = {"version": str(page.version)}
    for key, value in page.form.initial.items():
        if key != "version" and value is not None:
            data[key] = value
    data.update(fields)
    return _page(application, data)


def test_an_empty_figure_takes_the_calculations(draft, owner, calculation):
    page = _post(draft, co2_calculation=str(calculation.pk), co2_reduction="")
    outcome = page.save(owner)
    assert outcome.is_saved, page.form.errors
    stored = draft.sections.get(key="effects").data
    assert Decimal(stored["co2_reduction"]) == Decimal("403.3")
    assert stored["co2_calculation"]["id"] == calculation.pk
    assert not [i for i in checklist.items(draft) if i.field in ("co2_reduction", "co2_calculation")]


def test_a_different_typed_figure_is_refused_with_both_values(draft, owner, calculation):
    page = _post(draft, co2_calculation=str(calculation.pk), co2_reduction="9999")
    outcome = page.save(owner)
    assert not outcome.is_saved
    message = " ".join(page.form.errors["co2_reduction"])
    assert "403.3" in message and "9,999" in message
    assert not draft.sections.filter(key="effects", data__has_key="co2_reduction").exists()


def test_the_same_figure_typed_is_fine(draft, owner, calculation):
    page = _post(draft, co2_calculation=str(calculation.pk), co2_reduction="403.3")
    assert page.save(owner).is_saved


def test_without_a_calculation_the_typed_figure_is_kept(draft, owner):
    page = _post(draft, co2_reduction="12.5")
    assert page.save(owner).is_saved
    assert draft.sections.get(key="effects").data["co2_reduction"] == "12.5"


# Type ①: direct and indirect reductions (seed 002 4.(3)① ※) ----------------------------------------------


def test_the_split_must_add_up_to_the_calculations_figure(draft, owner, calculation):
    page = _post(draft, co2_calculation=str(calculation.pk), co2_direct="400", co2_indirect="3")
    assert page.save(owner).status == "invalid"
    assert page.form.errors["co2_indirect"] == [
        "直接的な削減効果（400）と間接的な削減効果（3）の合計（403 t-CO2/年）が、"
        "CO2削減量（403.3 t-CO2/年）と一致しません。"
    ]
    assert "co2_direct" not in draft.sections.get_or_create(key="effects")[0].data  # nothing half-saved
    page = _post(draft, co2_calculation=str(calculation.pk), co2_direct="400", co2_indirect="3.3")
    assert page.save(owner).is_saved, page.form.errors
    stored = draft.sections.get(key="effects").data
    figures = (Decimal(stored["co2_reduction"]), stored["co2_direct"], stored["co2_indirect"])
    assert figures == (Decimal("403.3"), "400", "3.3")


def test_without_a_figure_the_split_gives_the_total(draft, owner):
    page = _post(draft, co2_reduction="", co2_direct="1,000", co2_indirect="250.5")
    assert page.save(owner).is_saved, page.form.errors
    stored = draft.sections.get(key="effects").data
    assert (stored["co2_reduction"], stored["co2_direct"], stored["co2_indirect"]) == (
        "1250.5",
        "1000",
        "250.5",
    )
    assert not [
        i for i in checklist.items(draft) if i.field in ("co2_reduction", "co2_direct", "co2_indirect")
    ]


def test_half_a_split_is_refused(draft, owner):
    page = _post(draft, co2_reduction="10", co2_direct="10", co2_indirect="")
    assert page.save(owner).status == "invalid"
    assert "両方を入力してください" in page.form.errors["co2_indirect"][0]


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("member", 200), ("outsider", 404), ("anonymous", 302)]
)
def test_the_effects_page_shows_the_split_to_the_applicants_only(request, client_as, draft, who, status):
    from django.urls import reverse

    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_as(user).get(reverse("applications:section", args=[draft.public_id, "effects"]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert 'name="co2_direct"' in page and "うち間接的な削減効果（t-CO2/年）" in page

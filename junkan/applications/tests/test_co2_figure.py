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

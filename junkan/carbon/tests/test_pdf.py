"""The printable calculation sheet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.carbon import services

pytestmark = pytest.mark.django_db


def test_sheet_is_a_pdf_with_the_figures(client_as, calculation, owner):
    response = client_as(owner).get(reverse("carbon:pdf", args=[calculation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="co2-calculation-{calculation.pk}.pdf"'
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    # Numbers are set in Helvetica and the streams are not compressed, so they read as plain text.
    assert b"(258.5)" in pdf  # the reduction, 0.1 t
    assert b"(270.963)" in pdf  # a trail line, 1 kg
    assert b"(2.70963)" in pdf  # its factor
    assert b"HeiseiKakuGo-W5" in pdf


def test_sheet_with_every_section(owner):
    data = {
        "fuel_revision": "2023",
        "baseline": {
            "process": [{"kind": "fuel", "fuel": "kerosene", "amount": 10, "label": "<灯油> & 重油"}]
        },
        "project": {
            "process": [{"kind": "electricity", "kwh": 1000, "utility": "代替値"}],
            "substitution": [{"kind": "heat", "gj": 100, "replaces": "kerosene"}],
        },
        "boundary_notes": [{"process": "輸送", "reason": "変わらない"}],
        "subsidy_yen": 5000000,
        "life_years": 10,
        "region_total_t_co2": 100000,
        "renewables": [{"label": "太陽光", "capacity_kw": 10, "annual_kwh": 11000}],
        "resource_productivity": {
            "unused_resource": "もみ殻",
            "value_added_before_yen": 1000,
            "resource_input_before_t": 1,
            "value_added_after_yen": 2000,
            "resource_input_after_t": 1,
        },
    }
    saved = services.save_calculation(owner, data, title="全部入り")
    from junkan.carbon.pdf import calculation_sheet

    pdf = calculation_sheet(saved, services.recompute(saved))
    assert pdf.startswith(b"%PDF") and b"(5,000,000" not in pdf  # yen figures are in the Japanese font
    assert b"0.416" in pdf

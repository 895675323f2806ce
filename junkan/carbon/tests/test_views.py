"""The calculator and saved calculations as anonymous, owner, member, outsider and staff."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.carbon.models import CalculationStatus, FactorSet, SavedCalculation, SupplierFactor

pytestmark = pytest.mark.django_db
CALCULATOR = reverse("carbon:calculator")


def form_data(rows: dict[str, list[dict[str, str]]] | None = None, **extra: str) -> dict[str, str]:
    """POST data of the calculator: settings, four parts with 2 rows each, boundary notes, renewables."""
    data = {"fuel_revision": "2010", "title": "", "action": "calculate"}
    for prefix in ("c", "d", "a", "b", "bn", "re"):
        given = (rows or {}).get(prefix, [])
        total = max(len(given), 2 if prefix in "cdab" else 1)
        data.update({f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"})
        for index, row in enumerate(given):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    data.update(extra)
    return data


BOILER = {
    "c": [{"kind": "fuel", "fuel": "heavy_oil_a", "amount": "１００"}],
    "a": [
        {"kind": "biomass", "label": "木質チップ", "amount": "900", "unit": "t"},
        {"kind": "electricity", "amount": "30,000", "factor": "0.000416", "source": "代替値"},
    ],
}


def test_anonymous_sees_a_blank_calculator(client_as):
    response = client_as(None).get(CALCULATOR)
    assert response.status_code == 200
    body = response.content.decode()
    assert "CO2削減量の計算" in body
    assert 'name="c-TOTAL_FORMS" value="1"' in body  # one blank line per part; more are added
    assert body.count('<details class="co2-part"') == 4
    assert '<details class="co2-part" id="part-c" open>' in body  # C open, D, A, B folded
    assert '<details class="co2-part" id="part-d">' in body
    assert "ログイン</a>すると" in body  # no save button for anonymous visitors
    assert 'value="save"' not in body


def test_anonymous_computes_the_basic_case_without_javascript(client_as):
    response = client_as(None).post(CALCULATOR, form_data(BOILER))
    assert response.status_code == 200, response.content.decode()[:3000]
    result = response.context["result"]
    # 100 kL × 2.70963 = 270.963; 30,000 kWh × 0.000416 = 12.48; reduction 258.483 → 258.5.
    assert result.reduction_t_co2 == Decimal("258.483")
    body = response.content.decode()
    assert "258.5" in body and "270.963" in body
    assert "算定の根拠" in body and "カーボン・ニュートラル" in body
    assert SavedCalculation.objects.count() == 0


def test_add_rows_keeps_what_was_typed(client_as):
    response = client_as(None).post(CALCULATOR, form_data(BOILER, action="add-a"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="a-TOTAL_FORMS" value="3"' in body
    assert 'name="a-2-amount"' in body
    assert 'value="30,000"' in body and 'value="１００"' in body
    assert response.context["result"] is None


def test_add_a_line_with_htmx_returns_only_that_part(client_as):
    response = client_as(None).post(CALCULATOR, form_data(BOILER, action="add-a"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.strip().startswith('<details class="co2-part" id="part-a" open>')
    assert 'name="a-TOTAL_FORMS" value="3"' in body and 'name="a-2-kind"' in body
    assert 'value="30,000"' in body  # what was typed in this part stays
    assert "part-c" not in body and "<html" not in body  # the other parts stay in the page as typed
    assert 'hx-post="/co2/"' in body and "autofocus" in body


def test_computing_with_htmx_returns_only_the_outcome(client_as):
    """With JavaScript the form stays in the browser as typed: only the result, focused, and the parts'
    subtotals (swapped into their headings out of band) come back."""
    response = client_as(None).post(CALCULATOR, form_data(BOILER), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert response.context["result"].reduction_t_co2 == Decimal("258.483")
    assert "<form" not in body and "<html" not in body and 'name="c-0-amount"' not in body
    assert 'id="result" aria-labelledby="result-title" tabindex="-1" autofocus>' in body
    total = '<span class="co2-part-total" id="part-{}-total" hx-swap-oob="true">小計 {} t-CO2/年</span>'
    assert total.format("c", "271.0") in body
    assert total.format("d", "0.0") in body
    assert "HX-Retarget" not in response.headers
    assert SavedCalculation.objects.count() == 0


def test_the_page_has_the_targets_that_htmx_answers_fill(client_as):
    body = client_as(None).get(CALCULATOR).content.decode()
    assert '<div id="co2-calculator">' in body and '<div id="co2-outcome">' in body
    for prefix in "cdab":
        assert f'<span class="co2-part-total" id="part-{prefix}-total"></span>' in body
    # Both "計算する" buttons (the visible one and the hidden one that Enter uses) compute with htmx.
    assert body.count('value="calculate"') == 2
    assert body.count('hx-post="/co2/" hx-target="#co2-outcome"') == 2


def test_errors_with_htmx_bring_back_the_whole_calculator_as_typed(client_as):
    rows = {"a": [{"kind": "electricity", "amount": "たくさん", "factor": "0.0004"}]}
    response = client_as(None).post(CALCULATOR, form_data(rows), HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert response.headers["HX-Retarget"] == "#co2-calculator"
    assert response.headers["HX-Reswap"] == "outerHTML"
    body = response.content.decode()
    assert body.strip().startswith('<div id="co2-calculator">') and "<html" not in body
    assert 'value="たくさん"' in body and 'aria-invalid="true"' in body
    assert 'role="alert" tabindex="-1" aria-labelledby="co2-error-summary-title" autofocus' in body
    # An engine error (found after the forms are valid) comes back the same way, on its line and field.
    rows = {"c": [{"kind": "fuel", "amount": "10"}]}
    response = client_as(None).post(CALCULATOR, form_data(rows), HTTP_HX_REQUEST="true")
    assert response.headers["HX-Retarget"] == "#co2-calculator"
    assert 'href="#id_c-0-fuel"' in response.content.decode()


def test_saving_is_not_answered_with_the_outcome_only(client_as, owner):
    response = client_as(owner).post(
        CALCULATOR, form_data(BOILER, action="save", title="チップボイラー"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 302
    assert SavedCalculation.objects.get().title == "チップボイラー"


def test_sections_show_their_subtotals_once_computed(client_as):
    body = client_as(None).post(CALCULATOR, form_data(BOILER)).content.decode()
    assert (
        '<details class="co2-part" id="part-c" open>' in body
        and '<details class="co2-part" id="part-a" open>' in body
    )
    assert '<details class="co2-part" id="part-d">' in body  # nothing typed in D
    assert "小計 271.0 t-CO2/年" in body or "小計 270.963 t-CO2/年" in body


def test_choice_lists_and_factor_tables_are_read_once_per_change(
    client_as, django_assert_max_num_queries, staff
):
    client = client_as(None)
    client.post(CALCULATOR, form_data(BOILER))
    with django_assert_max_num_queries(0):  # no factor table, choice list or supplier row is read again
        assert client.post(CALCULATOR, form_data(BOILER)).status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get(CALCULATOR).status_code == 200
    # A new supplier menu (bulk-created rows, as the CSV upload does) is offered at once.
    factor_set = FactorSet.objects.filter(kind="electricity").first()
    from junkan.carbon import services

    SupplierFactor.objects.bulk_create(
        [
            SupplierFactor(
                factor_set=factor_set, reg_no="X999", utility="新しい電力株式会社", menu="メニューZ", basic=0
            )
        ]
    )
    assert "新しい電力株式会社" not in client.get(CALCULATOR).content.decode()  # bulk_create sends no signal
    services.factors_changed()
    assert "新しい電力株式会社" in client.get(CALCULATOR).content.decode()
    row = SupplierFactor.objects.get(reg_no="X999")
    row.menu = "メニューY"
    row.save()  # an edit in the admin: signals
    assert "メニューY" in client.get(CALCULATOR).content.decode()


def test_engine_errors_land_on_the_right_line_and_field(client_as):
    rows = {
        "c": [{"kind": ""}, {"kind": "fuel", "amount": "10"}],
        "b": [{"kind": "other", "label": "x", "amount": "1"}],
    }
    response = client_as(None).post(CALCULATOR, form_data(rows))
    assert response.status_code == 422
    form = response.context["calc"].parts
    # Row 2 of C is the first non-blank line: the engine calls it line 1, the page row 2.
    from junkan.carbon.engine import Part

    assert form[Part.BASELINE_PROCESS].forms[1].errors["fuel"] == ["燃料を入力してください。"]
    body = response.content.decode()
    assert "入力内容を確認してください" in body
    assert 'href="#id_c-1-fuel"' in body


def test_form_errors_are_listed_and_input_kept(client_as):
    rows = {"a": [{"kind": "electricity", "amount": "たくさん", "factor": "0.0004"}]}
    response = client_as(None).post(CALCULATOR, form_data(rows, subsidy_yen="1,2,3"))
    assert response.status_code == 422
    body = response.content.decode()
    assert "数量を数値で入力してください" in body
    assert 'value="たくさん"' in body
    assert "カンマの位置" in body


def test_heat_substitution_from_the_form(client_as):
    rows = {
        "b": [
            {
                "kind": "heat",
                "amount": "100",
                "unit": "t",
                "heat_value": "14〜10",
                "efficiency": "80",
                "fuel": "heavy_oil_a",
                "replaced_efficiency": "85",
            }
        ]
    }
    response = client_as(None).post(CALCULATOR, form_data(rows))
    assert response.status_code == 200, response.context["errors"]
    line = response.context["result"].trail[0]
    # 100 t × 10 GJ/t (lower value) × 0.8 = 800 GJ → 65.2235… t of A重油 avoided.
    assert line.amount == Decimal(800)
    assert str(line.t_co2).startswith("65.2235294117647")
    assert "低い側" in line.note


def test_supplier_menu_from_the_form(client_as):
    row = SupplierFactor.objects.get(utility="中部電力ミライズ(株)", menu="メニューB(残差)")
    rows = {"a": [{"kind": "electricity", "amount": "1000", "supplier": str(row.pk)}]}
    response = client_as(None).post(CALCULATOR, form_data(rows))
    assert response.context["result"].project_t_co2 == Decimal("0.411")
    gas_row = SupplierFactor.objects.filter(factor_set__kind="gas").first()
    rows = {"a": [{"kind": "electricity", "amount": "1000", "supplier": str(gas_row.pk)}]}
    response = client_as(None).post(CALCULATOR, form_data(rows))
    assert "電力には電気事業者を" in response.content.decode()


def test_extras_from_the_form(client_as):
    extras = {
        "subsidy_yen": "10,000千円",
        "life_years": "15",
        "region_total_t_co2": "120,000",
        "unused_resource": "林地残材",
        "value_added_before_yen": "1億円",
        "resource_input_before_t": "5000",
        "value_added_after_yen": "1.2億円",
        "resource_input_after_t": "4000",
        "re-0-label": "太陽光",
        "re-0-capacity_kw": "50",
        "re-0-annual_kwh": "55000",
    }
    response = client_as(None).post(CALCULATOR, form_data(BOILER, **extras))
    result = response.context["result"]
    assert result.cost.yen_per_t_co2_year == 38687
    assert result.renewables.capacity_kw == 50
    assert result.resource.after_yen_per_t == 30000
    body = response.content.decode()
    assert "38,687円" in body and "12.6%" in body


def test_rows_without_a_kind_or_with_two_factors_are_flagged(client_as):
    rows = {
        "c": [{"kind": "", "amount": "100"}],
        "a": [{"kind": "transport", "fuel": "diesel", "amount": "1", "factor": "2.6"}],
    }
    response = client_as(None).post(CALCULATOR, form_data(rows))
    assert response.status_code == 422
    body = response.content.decode()
    assert "種類を選んでください" in body and "排出係数は空欄にしてください" in body


def test_partial_resource_input_is_flagged(client_as):
    response = client_as(None).post(CALCULATOR, form_data(BOILER, unused_resource="林地残材"))
    assert response.status_code == 422
    assert "資源生産性を算定するには" in response.content.decode()


def test_anonymous_cannot_save(client_as):
    response = client_as(None).post(CALCULATOR, form_data(BOILER, action="save", title="x"))
    assert response.status_code == 422
    assert "ログインしてください" in response.content.decode()
    assert SavedCalculation.objects.count() == 0


def test_owner_saves_with_organization_and_it_is_audited(client_as, owner, organization):
    data = form_data(BOILER, action="save", title="チップボイラー", organization=str(organization.pk))
    response = client_as(owner).post(CALCULATOR, data)
    saved = SavedCalculation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("carbon:detail", args=[saved.pk])
    assert (saved.owner, saved.organization, saved.status) == (owner, organization, CalculationStatus.DRAFT)
    assert saved.reduction_t_co2 == Decimal("258.483")
    assert saved.result["reduction_t_co2"] == "258.483"
    assert saved.input["baseline"]["process"] == [{"kind": "fuel", "fuel": "heavy_oil_a", "amount": "100"}]
    assert saved.factors["fuels"][0]["key"] == "heavy_oil_a"
    assert set(saved.factor_sets.values_list("revision", flat=True)) == {"2010"}
    entry = AuditEntry.objects.get(action="carbon.calculation.created")
    assert entry.actor == owner and entry.changes["reduction_t_co2"] == [None, "258.483000"]


def test_saving_needs_a_title_and_an_own_organization(client_as, outsider, organization):
    response = client_as(outsider).post(CALCULATOR, form_data(BOILER, action="save"))
    assert "件名を入力してください" in response.content.decode()
    response = client_as(outsider).post(
        CALCULATOR, form_data(BOILER, action="save", title="x", organization=str(organization.pk))
    )
    assert response.status_code == 422
    assert SavedCalculation.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("member", 200), ("outsider", 404), ("staff", 200), ("anonymous", 302)],
)
def test_detail_and_pdf_visibility(client_as, calculation, owner, member, outsider, staff, who, status):
    user = {"owner": owner, "member": member, "outsider": outsider, "staff": staff, "anonymous": None}[who]
    client = client_as(user)
    assert client.get(reverse("carbon:detail", args=[calculation.pk])).status_code == status
    assert client.get(reverse("carbon:pdf", args=[calculation.pk])).status_code == status


def test_detail_shows_the_trail_and_actions(client_as, calculation, owner, member):
    body = client_as(owner).get(reverse("carbon:detail", args=[calculation.pk])).content.decode()
    assert "258.5" in body and "算定シート（PDF）" in body and "提出済みにする" in body
    body = client_as(member).get(reverse("carbon:detail", args=[calculation.pk])).content.decode()
    assert "258.5" in body and "提出済みにする" not in body and "変更する" not in body


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("member", 403), ("outsider", 404), ("staff", 403), ("anonymous", 404)],
)
def test_edit_page_visibility(client_as, calculation, owner, member, outsider, staff, who, status):
    user = {"owner": owner, "member": member, "outsider": outsider, "staff": staff, "anonymous": None}[who]
    assert client_as(user).get(reverse("carbon:edit", args=[calculation.pk])).status_code == status


def test_owner_changes_a_draft(client_as, calculation, owner, organization):
    page = client_as(owner).get(reverse("carbon:edit", args=[calculation.pk]))
    assert 'value="チップボイラー"' in page.content.decode()
    rows = {"c": [{"kind": "fuel", "fuel": "heavy_oil_a", "amount": "200"}]}
    response = client_as(owner).post(
        reverse("carbon:edit", args=[calculation.pk]), form_data(rows, action="save", title="倍の重油")
    )
    assert response.status_code == 302
    calculation.refresh_from_db()
    assert (calculation.title, calculation.reduction_t_co2, calculation.organization) == (
        "倍の重油",
        Decimal("541.926"),
        None,
    )
    entry = AuditEntry.objects.get(action="carbon.calculation.updated")
    assert entry.changes["title"] == ["チップボイラー", "倍の重油"]


def test_member_cannot_change_or_submit(client_as, calculation, member):
    response = client_as(member).post(
        reverse("carbon:edit", args=[calculation.pk]), form_data(BOILER, action="save", title="x")
    )
    assert response.status_code == 403
    assert client_as(member).post(reverse("carbon:submit", args=[calculation.pk])).status_code == 403
    calculation.refresh_from_db()
    assert calculation.title == "チップボイラー" and calculation.status == CalculationStatus.DRAFT


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("staff", 403), ("anonymous", 302)])
def test_only_the_author_submits(client_as, calculation, outsider, staff, who, status):
    user = {"outsider": outsider, "staff": staff, "anonymous": None}[who]
    assert client_as(user).post(reverse("carbon:submit", args=[calculation.pk])).status_code == status
    calculation.refresh_from_db()
    assert calculation.status == CalculationStatus.DRAFT
    assert not FactorSet.objects.exclude(locked_at=None).exists()


def test_owner_submits_and_the_factor_set_is_locked(client_as, calculation, owner):
    response = client_as(owner).post(reverse("carbon:submit", args=[calculation.pk]))
    assert response.status_code == 302
    calculation.refresh_from_db()
    assert calculation.status == CalculationStatus.SUBMITTED and calculation.submitted_at is not None
    fuel_2010 = FactorSet.objects.get(kind="fuel", revision="2010")
    assert fuel_2010.locked_at == calculation.submitted_at
    assert not FactorSet.objects.get(kind="electricity").is_locked  # a given factor was used, not the set
    assert AuditEntry.objects.filter(action="carbon.factorset.locked", object_id=str(fuel_2010.pk)).exists()
    # Submitted: no more changes, not even by the owner.
    assert client_as(owner).get(reverse("carbon:edit", args=[calculation.pk])).status_code == 403
    assert client_as(owner).post(reverse("carbon:submit", args=[calculation.pk])).status_code == 403


def test_copy_starts_a_new_calculation(client_as, calculation, member, outsider):
    body = client_as(member).get(CALCULATOR + f"?copy={calculation.pk}").content.decode()
    assert "チップボイラー（複製）" in body and 'value="100"' in body
    assert client_as(outsider).get(CALCULATOR + f"?copy={calculation.pk}").status_code == 404


def test_list_shows_mine_and_my_organizations(
    client_as, calculation, owner, member, outsider, django_assert_max_num_queries
):
    from junkan.carbon import services
    from junkan.carbon.tests.conftest import API_EXAMPLE

    for number in range(5):
        services.save_calculation(owner, API_EXAMPLE, title=f"算定{number}")
    client = client_as(owner)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("carbon:list"))
    assert len(response.context["calculations"]) == 6
    assert [c.title for c in client_as(member).get(reverse("carbon:list")).context["calculations"]] == [
        "チップボイラー"
    ]
    assert list(client_as(outsider).get(reverse("carbon:list")).context["calculations"]) == []
    assert client_as(None).get(reverse("carbon:list")).status_code == 302


def test_factor_pages_are_public(client_as, django_assert_max_num_queries):
    client = client_as(None)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("carbon:factor_sets"))
    body = response.content.decode()
    assert "算定省令 別表第1・第2（2010年改定）" in body and "公共データ利用規約" in body
    fuel = FactorSet.objects.get(kind="fuel", revision="2010")
    body = client.get(reverse("carbon:factor_set", args=[fuel.pk])).content.decode()
    assert "2.70963" in body and "39.1" in body
    gas = FactorSet.objects.get(kind="gas")
    assert "東京瓦斯株式会社" in client.get(reverse("carbon:factor_set", args=[gas.pk])).content.decode()
    assert client.get(reverse("carbon:factor_set", args=[999999])).status_code == 404


def test_stored_results_are_reproduced_from_the_snapshot(calculation):
    from junkan.carbon import services

    # Even if the stored rows changed (they cannot once locked), the snapshot gives the same figure.
    FactorSet.objects.get(kind="fuel", revision="2010").fuels.filter(key="heavy_oil_a").update(
        heat_gj_per_unit=1
    )
    calculation.refresh_from_db()
    assert services.recompute(calculation).reduction_t_co2 == Decimal("258.483")

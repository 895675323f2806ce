"""The pages as owner, member, secretariat, outsider and anonymous; the calculator; exports."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from junkan.audit.models import AuditEntry
from junkan.economy import imports
from junkan.economy.models import Analysis, IOTable, RegionalAccount, Visibility

pytestmark = pytest.mark.django_db


def _urls(account, table, analysis) -> list[str]:
    return [
        f"/economy/accounts/{account.public_id}/",
        f"/economy/accounts/{account.public_id}/profile.pdf",
        f"/economy/accounts/{account.public_id}/profile.xlsx",
        f"/economy/tables/{table.public_id}/",
        f"/economy/tables/{table.public_id}/table.xlsx",
        f"/economy/analyses/{analysis.public_id}/",
        f"/economy/analyses/{analysis.public_id}/analysis.pdf",
        f"/economy/analyses/{analysis.public_id}/analysis.xlsx",
    ]


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("member", 200), ("staff", 200), ("outsider", 404), (None, 404)]
)
def test_private_data_is_for_the_organization_and_the_secretariat(
    request, client_as, account, table, analysis, who, status
):
    client = client_as(request.getfixturevalue(who) if who else None)
    for url in _urls(account, table, analysis):
        assert client.get(url).status_code == status, url


EXPORTS = (
    ("profile.pdf", "account", "economy.account.exported", "pdf"),
    ("profile.xlsx", "account", "economy.account.exported", "xlsx"),
    ("table.xlsx", "table", "economy.table.exported", "xlsx"),
    ("analysis.pdf", "analysis", "economy.analysis.exported", "pdf"),
    ("analysis.xlsx", "analysis", "economy.analysis.exported", "xlsx"),
)


@pytest.mark.parametrize("who", ["owner", "member", "staff"])
def test_every_export_is_an_audited_sandboxed_read(request, client_as, account, table, analysis, who):
    person = request.getfixturevalue(who)
    client = client_as(person)
    objects = {"account": account, "table": table, "analysis": analysis}
    for url, (_name, kind, action, fmt) in zip(
        [u for u in _urls(account, table, analysis) if not u.endswith("/")], EXPORTS, strict=True
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert (
            "sandbox" in response["Content-Security-Policy"]
            and response["Cache-Control"] == "private, no-store"
        )
        entry = AuditEntry.objects.filter(action=action).latest("id")
        assert (
            entry.actor == person and entry.object_id == str(objects[kind].pk) and entry.data["format"] == fmt
        )


def test_a_refused_export_is_not_audited(client_as, outsider, account):
    assert client_as(outsider).get(f"/economy/accounts/{account.public_id}/profile.xlsx").status_code == 404
    assert not AuditEntry.objects.filter(action="economy.account.exported").exists()


@pytest.mark.parametrize("path", ["accounts/template.csv", "accounts/template.xlsx", "tables/template.xlsx"])
def test_the_templates_are_sandboxed_and_logged_too(client_as, path):
    response = client_as(None).get(f"/economy/{path}")
    assert response.status_code == 200 and "sandbox" in response["Content-Security-Policy"]
    entry = AuditEntry.objects.get(action="economy.template.exported")
    assert entry.actor is None and entry.data["format"] == path.rsplit(".", 1)[1]


def test_public_data_is_for_everyone(client_as, owner, account, table, analysis):
    client = client_as(owner)
    for kind, obj in (("account", account), ("table", table), ("analysis", analysis)):
        response = client.post(f"/economy/{kind}/{obj.public_id}/visibility/", {"visibility": "public"})
        assert response.status_code == 302
    assert AuditEntry.objects.filter(action="economy.analysis.visibility").count() == 1
    anonymous = client_as(None)
    for url in _urls(account, table, analysis):
        assert anonymous.get(url).status_code == 200, url
    assert "架空市" in anonymous.get("/economy/").content.decode()


@pytest.mark.parametrize(("who", "status"), [("member", 302), ("staff", 403), ("outsider", 404)])
def test_only_the_organization_changes_visibility(request, client_as, account, who, status):
    client = client_as(request.getfixturevalue(who))
    response = client.post(f"/economy/account/{account.public_id}/visibility/", {"visibility": "public"})
    assert response.status_code == status
    account.refresh_from_db()
    assert account.is_public is (status == 302)


def test_lists_show_only_what_the_person_may_see(client_as, account, outsider, staff):
    assert "架空市" not in client_as(outsider).get("/economy/accounts/").content.decode()
    assert "架空市" in client_as(staff).get("/economy/accounts/").content.decode()
    assert "架空市" not in client_as(None).get("/economy/").content.decode()


def test_the_profile_shows_the_three_sides_energy_and_industries(client_as, member, account):
    page = client_as(member).get(f"/economy/accounts/{account.public_id}/").content.decode()
    # 3,200 ÷ 3,650 × 100 = 87.67… → 87.7; energy 345 ÷ 3,200 = 10.78…% → 10.8
    assert "87.7%" in page and "10.8" in page
    assert page.count('class="economy-svg"') == 3 and 'role="img"' in page and "<title" in page
    assert "架空のデータ" in page
    # 特化係数 of 農林水産業: (120/3200) ÷ (57000/5497000) = 0.0375 ÷ 0.0103693 = 3.61644…
    assert "3.6164" in page
    assert "style=" not in page.split("<main", 1)[-1] and "<script>" not in page


def test_hand_entry_makes_versions_and_keeps_what_was_typed_on_errors(client_as, owner, member, organization):
    client = client_as(member)
    data = {
        "organization": organization.pk,
        "area_name": "長野県飯田市",
        "municipality_code": "202053",
        "data_year": "2018",
        "unit": "oku",
        "production": "３，２００",
        "distribution": "0",
        "visibility": "private",
        "industries-TOTAL_FORMS": "3",
        "industries-INITIAL_FORMS": "0",
        "industries-0-name": "農業",
        "industries-0-value_added": "120",
    }
    response = client.post("/economy/accounts/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "分配（所得）（distribution）は0より大きい値を指定してください。" in page
    assert 'value="３，２００"' in page or 'value="3200"' in page
    assert not RegionalAccount.objects.exists()
    data["distribution"] = "3650"
    response = client.post("/economy/accounts/new/", data)
    assert response.status_code == 302
    account = RegionalAccount.objects.get()
    assert account.municipality.code == "202053" and account.industries.get().name == "農業"
    data["population"] = "98000"
    response = client.post(f"/economy/accounts/{account.public_id}/edit/", data)
    account.refresh_from_db()
    assert account.version == 2 and account.population == 98000
    assert client_as(owner).get(f"/economy/accounts/{account.public_id}/edit/").status_code == 200


def test_outsiders_and_anonymous_cannot_edit_or_import(client_as, outsider, account):
    assert client_as(outsider).get(f"/economy/accounts/{account.public_id}/edit/").status_code == 404
    assert client_as(None).get("/economy/accounts/new/").status_code == 302
    assert client_as(outsider).get("/economy/tables/import/").status_code == 403


def test_import_pages_show_every_problem_and_save_nothing(client_as, member, organization):
    content = imports.account_template_csv({"area_name": "x", "data_year": "20x8"})
    upload = io.BytesIO(content)
    upload.name = "bad.csv"
    response = client_as(member).post(
        "/economy/accounts/import/",
        {"organization": organization.pk, "visibility": "private", "file": upload},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "何も保存していません" in page
    assert "4行目：データ年が数値ではありません（20x8）。" in page
    assert not RegionalAccount.objects.exists()


def test_table_import_and_template(client_as, member, organization):
    client = client_as(member)
    template = client.get("/economy/tables/template.xlsx").content
    upload = io.BytesIO(template)
    upload.name = "table.xlsx"
    response = client.post(
        "/economy/tables/import/", {"organization": organization.pk, "visibility": "private", "file": upload}
    )
    assert response.status_code == 302
    table = IOTable.objects.get()
    assert table.sector_count == 5 and table.organization == organization


def test_ripple_calculator_computes_and_saves(client_as, member, organization, table, account):
    client = client_as(member)
    url = f"/economy/ripple/?table={table.public_id}"
    page = client.get(url).content.decode()
    assert "製造業（百万円）" in page
    response = client.post(url, {"action": "compute", "demand_1": "60", "demand_2": "80", "demand_4": "10"})
    page = response.content.decode()
    assert "生産誘発額の合計" in page and "計算の前提" in page
    response = client.post(
        url,
        {
            "action": "save",
            "demand_1": "60",
            "demand_2": "80",
            "demand_4": "10",
            "title": "試算",
            "organization": organization.pk,
            "account": str(account.public_id),
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    analysis = Analysis.objects.get(title="試算")
    assert analysis.demand == [0.0, 60.0, 80.0, 0.0, 10.0] and analysis.account == account
    assert analysis.result["totals"]["direct"] == pytest.approx(60 * 0.25 + 80 * 0.95 + 10 * 0.8)


def test_ripple_calculator_refuses_an_empty_demand(client_as, member, table):
    response = client_as(member).post(f"/economy/ripple/?table={table.public_id}", {"action": "compute"})
    assert "少なくとも1つの部門に" in response.content.decode()


def test_the_calculator_hides_private_tables(client_as, outsider, table):
    page = client_as(outsider).get(f"/economy/ripple/?table={table.public_id}").content.decode()
    assert "製造業（百万円）" not in page and table.title not in page


def test_demand_from_a_form3_cost_table(client_as, member, table, application):
    client = client_as(member)
    url = f"/economy/ripple/?table={table.public_id}&application={application.public_id}"
    page = client.get(url).content.decode()
    assert "様式3の経費を部門に割り当てる" in page and "委託料" in page
    # Everything into 商業・サービス (index 4).
    lines = [key for key in page.split('name="') if key.startswith("line_")]
    data = {"action": "from_costs", **{key.split('"')[0]: "4" for key in lines}}
    page = client.post(url, data).content.decode()
    assert "様式3（経費内訳）から" in page
    assert 'name="demand_4"' in page


def test_outsiders_cannot_read_someone_elses_form3(client_as, outsider, table, application):
    table.visibility = Visibility.PUBLIC
    table.save()
    url = f"/economy/ripple/?table={table.public_id}&application={application.public_id}"
    assert client_as(outsider).get(url).status_code == 404


def test_pdf_reads_back(client_as, member, analysis):
    content = client_as(member).get(f"/economy/analyses/{analysis.public_id}/analysis.pdf").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "チップボイラーの波及効果" in text and "波及倍率" in text and "地域経済循環率" in text
    assert f"{analysis.result['multiplier']:.2f}" in text
    assert b"FontFile2" in content  # IPAex明朝 embedded (TrueType subset)


def test_xlsx_has_the_full_figures(client_as, member, analysis):
    content = client_as(member).get(f"/economy/analyses/{analysis.public_id}/analysis.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "部門" and rows[2][0] == "製造業"
    assert rows[2][5] == pytest.approx(analysis.result["total"][1])


def test_a_file_that_is_not_a_workbook_is_refused_before_reading(client_as, member, organization):
    upload = io.BytesIO(b"<html><script>alert(1)</script></html>")
    upload.name = "table.xlsx"
    response = client_as(member).post(
        "/economy/tables/import/", {"organization": organization.pk, "visibility": "private", "file": upload}
    )
    assert response.status_code == 200 and "開くと動作する内容" in response.content.decode()
    assert not IOTable.objects.exists()

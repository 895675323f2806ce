"""The secretariat adds a year's factors by uploading a file; line errors are named; nothing half-saved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.carbon import services
from junkan.carbon.models import FactorSet
from junkan.carbon.tests.conftest import API_EXAMPLE

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:carbon_factorset_upload")
DATA = Path(__file__).resolve().parents[1] / "data"


def upload(client, layout: str, content: bytes, **fields: str) -> object:
    data = {"layout": layout, "revision": "", "name": "", "source": "", "note": "", **fields}
    data["file"] = SimpleUploadedFile("factors.csv", content, content_type="text/csv")
    return client.post(UPLOAD, data)


def test_staff_uploads_a_new_year_of_electricity_factors(client_as, staff):
    client = client_as(staff)
    assert client.get(UPLOAD).status_code == 200
    assert client.get(reverse("admin:carbon_factorset_add")).status_code == 302  # adding is uploading
    content = (DATA / "ghg_electricity_factors_R6_major.csv").read_bytes()
    response = upload(
        client, "electricity", content, revision="2025", name="電気事業者別排出係数（令和7年度実績）"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = FactorSet.objects.get(kind="electricity", revision="2025")
    assert created.name == "電気事業者別排出係数（令和7年度実績）"
    assert "公共データ利用規約" in created.source  # the file's own attribution
    assert created.suppliers.count() == 35 and created.created_by == staff
    entry = AuditEntry.objects.get(action="carbon.factorset.created")
    assert entry.actor == staff and entry.data["rows"] == 35
    # The calculator now sees both years; the newest is the default.
    factors = services.engine_factors("2023")
    assert factors.electricity_factor("代替値", None, None).year == 2025
    assert factors.electricity_factor("代替値", None, 2024).year == 2024


def test_fuel_table_makes_one_set_per_revision(client_as, staff):
    content = (
        "# 出典: テスト用の表\n"
        "fuel_key,fuel_ja,unit,revision,heat_gj_per_unit,carbon_tc_per_gj,confidence\n"
        "kerosene,灯油,kL,2030,36.5,0.0187,primary\n"
        "kerosene,灯油,kL,2031,36.4,0.0187,primary\n"
    ).encode("cp932")
    response = upload(client_as(staff), "fuel_heat_carbon", content)
    assert response.status_code == 302
    assert set(FactorSet.objects.filter(revision__in=["2030", "2031"]).values_list("source", flat=True)) == {
        "出典: テスト用の表"
    }


def test_bad_lines_are_named_and_nothing_is_saved(client_as, staff):
    before = FactorSet.objects.count()
    content = b"A1\t\xe3\x82\xac\xe3\x82\xb9\tM\t2.0\t2.0\nA2\tgas\tN\tx\t2.0\nA3\tgas\n"
    response = upload(client_as(staff), "gas", content, revision="2026", source="test")
    assert response.status_code == 422
    body = response.content.decode()
    assert "2行目：基礎排出係数を数値で入力してください" in body
    assert "3行目：列が2個あります" in body
    assert FactorSet.objects.count() == before


def test_existing_revision_and_missing_year_are_refused(client_as, staff):
    content = (DATA / "ghg_gas_utility_factors_R7.tsv").read_bytes()
    response = upload(client_as(staff), "gas", content, revision="2025")
    assert "すでに登録されています" in response.content.decode()
    response = upload(client_as(staff), "gas", content)
    assert "改定年または年度" in response.content.decode()
    assert FactorSet.objects.filter(kind="gas").count() == 1


def test_locked_set_is_read_only_in_the_admin(client_as, staff, owner):
    saved = services.save_calculation(owner, API_EXAMPLE, title="x")
    services.submit_calculation(owner, saved)
    fuel = FactorSet.objects.get(kind="fuel", revision="2010")
    client = client_as(staff)
    url = reverse("admin:carbon_factorset_change", args=[fuel.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()  # view only
    client.post(url, {"name": "書き換え", "source": "x", "note": ""})
    fuel.refresh_from_db()
    assert fuel.name != "書き換え"
    assert (
        client.post(reverse("admin:carbon_factorset_delete", args=[fuel.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert FactorSet.objects.filter(pk=fuel.pk).exists()


def hidden_inputs(html: str) -> dict[str, str]:
    """The hidden inputs of a page (the inline's management form), as a browser would send them."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def test_unlocked_set_is_edited_through_the_service(client_as, staff):
    fuel = FactorSet.objects.get(kind="fuel", revision="2006")
    url = reverse("admin:carbon_factorset_change", args=[fuel.pk])
    client = client_as(staff)
    data = hidden_inputs(client.get(url).content.decode())
    response = client.post(url, {**data, "name": "2006年の表", "source": fuel.source, "note": "確認済み"})
    assert response.status_code == 302
    fuel.refresh_from_db()
    assert (fuel.name, fuel.note) == ("2006年の表", "確認済み")
    assert AuditEntry.objects.get(action="carbon.factorset.updated").changes["name"][1] == "2006年の表"


def test_people_without_a_staff_role_stay_out(client_as, owner):
    assert client_as(owner).get(UPLOAD).status_code == 302  # to the admin login

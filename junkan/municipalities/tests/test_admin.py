"""The admin: the secretariat manages unions (audited); official rows are view-only; others stay out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.municipalities.models import Municipality

pytestmark = pytest.mark.django_db

ADD = reverse("admin:municipalities_municipality_add")
CHANGELIST = reverse("admin:municipalities_municipality_changelist")


def change_url(obj: Municipality) -> str:
    return reverse("admin:municipalities_municipality_change", args=[obj.pk])


def delete_url(obj: Municipality) -> str:
    return reverse("admin:municipalities_municipality_delete", args=[obj.pk])


def pk(code: str) -> int:
    return Municipality.objects.get(code=code).pk


def union_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "municipal_union",
        "name": "南信州広域清掃一部事務組合",
        "kana": "ミナミシンシュウコウイキセイソウイチブジムクミアイ",
        "prefecture": pk("200000"),
        "members": [pk("202053"), pk("203840")],
        "website": "",
        "_save": "保存",
    }
    data.update(overrides)
    return data


@pytest.fixture
def staff_client(client_as, staff):
    return client_as(staff)


def test_secretariat_adds_a_union_with_members_and_it_is_audited(staff_client, staff):
    assert staff_client.get(ADD).status_code == 200
    response = staff_client.post(ADD, union_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    union = Municipality.objects.get(name="南信州広域清掃一部事務組合")
    assert union.code is None
    assert union.kana == "みなみしんしゅうこういきせいそういちぶじむくみあい"
    assert sorted(union.members.values_list("code", flat=True)) == ["202053", "203840"]
    entry = AuditEntry.objects.get(action="municipalities.union.created")
    assert entry.actor == staff
    assert entry.object_id == str(union.pk)
    assert entry.changes["members"] == [None, ["202053", "203840"]]


def test_secretariat_changes_a_union_and_member_changes_are_audited(staff_client, union):
    response = staff_client.post(
        change_url(union),
        union_form(
            name=union.name,
            kana=union.kana,
            prefecture=pk("130001"),
            members=[pk("131016"), pk("131024")],
            website=union.website,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(union.members.values_list("code", flat=True)) == ["131016", "131024"]
    entry = AuditEntry.objects.get(action="municipalities.union.updated")
    assert entry.changes == {"members": [["131016", "131024", "131032"], ["131016", "131024"]]}


def test_invalid_members_are_shown_on_the_form(staff_client):
    response = staff_client.post(ADD, union_form(members=[pk("202053")]))
    assert response.status_code == 200
    assert "構成団体を2つ以上選んでください。" in response.content.decode()
    assert not Municipality.objects.filter(code=None).exists()
    assert not AuditEntry.objects.filter(action__startswith="municipalities.").exists()


def test_only_union_kinds_are_offered(staff_client):
    response = staff_client.post(ADD, union_form(kind="city"))
    assert response.status_code == 200
    assert not Municipality.objects.filter(code=None).exists()
    body = staff_client.get(ADD).content.decode()
    assert 'value="municipal_union"' in body
    assert 'value="wide_area_union"' in body
    assert 'value="city"' not in body


def test_secretariat_deletes_a_union_through_the_service(staff_client, union):
    response = staff_client.post(delete_url(union), {"post": "yes"})
    assert response.status_code == 302
    assert not Municipality.objects.filter(pk=union.pk).exists()
    assert AuditEntry.objects.filter(action="municipalities.union.deleted").count() == 1


def test_official_rows_are_view_only(staff_client):
    tokyo = Municipality.objects.get(code="130001")
    page = staff_client.get(change_url(tokyo))
    assert page.status_code == 200
    body = page.content.decode()
    assert "東京都" in body
    assert 'name="_save"' not in body
    assert staff_client.post(change_url(tokyo), union_form(name="東京府")).status_code == 403
    assert staff_client.get(delete_url(tokyo)).status_code == 403
    assert staff_client.post(delete_url(tokyo), {"post": "yes"}).status_code == 403
    assert Municipality.objects.get(code="130001").name == "東京都"


def test_bulk_delete_of_official_rows_is_refused(staff_client):
    chiyoda = Municipality.objects.get(code="131016")
    response = staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [chiyoda.pk], "post": "yes"}
    )
    assert response.status_code in {200, 403}
    assert Municipality.objects.filter(code="131016").exists()


def test_designated_city_shows_its_wards(staff_client):
    body = staff_client.get(change_url(Municipality.objects.get(code="011002"))).content.decode()
    assert "中央区（011011）" in body


def test_changelist_search_finds_katakana_readings(staff_client):
    response = staff_client.get(CHANGELIST, {"q": "サッポロ"})
    assert response.status_code == 200
    assert [m.code for m in response.context["cl"].result_list] == ["011002"]  # kana さっぽろし
    # Names in katakana are still found as typed.
    response = staff_client.get(CHANGELIST, {"q": "ニセコ"})
    assert [m.full_name for m in response.context["cl"].result_list] == ["北海道ニセコ町"]


def test_member_autocomplete_offers_only_entities_that_can_be_members(staff_client):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "municipalities",
            "model_name": "municipality",
            "field_name": "members",
            "term": "札幌",
        },
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["北海道札幌市"]


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_others_cannot_reach_the_admin(client_as, outsider, who):
    client = client_as(None if who == "anonymous" else outsider)
    for url in (ADD, CHANGELIST):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.post(ADD, union_form())
    assert not Municipality.objects.filter(code=None).exists()


def test_staff_without_totp_is_sent_to_two_factor_setup(client_as, make_staff):
    user = make_staff("nototp@example.jp", totp=False)
    response = client_as(user).get(ADD)
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def test_staff_without_the_secretariat_role_cannot_manage(client_as, make_user, with_totp):
    user = with_totp(make_user("reviewer@example.jp", is_staff=True))
    client = client_as(user)
    assert client.get(ADD).status_code == 403
    assert client.get(CHANGELIST).status_code == 403

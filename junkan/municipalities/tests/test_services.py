"""Unions through the services: validation in Japanese, permissions, audit; and the parsing helpers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from junkan.audit.models import AuditEntry
from junkan.municipalities import permissions, services
from junkan.municipalities.models import Municipality, MunicipalityKind

pytestmark = pytest.mark.django_db


def by_code(*codes: str) -> list[Municipality]:
    return list(Municipality.objects.filter(code__in=codes).order_by("code"))


def messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def create(actor=None, **overrides):
    values = {
        "kind": "wide_area_union",
        "name": "長野県後期高齢者医療広域連合",
        "kana": "ながのけんこうきこうれいしゃいりょうこういきれんごう",
        "prefecture": Municipality.objects.get(code="200000"),
        "members": by_code("202011", "202053"),
    }
    values.update(overrides)
    return services.create_union(actor, **values)


def test_staff_creates_a_union_and_it_is_audited(staff):
    union = create(staff)
    assert union.code is None
    assert union.kind == MunicipalityKind.WIDE_AREA_UNION
    assert union.full_name == union.name
    assert union.prefecture.code == "200000"
    assert union.prefecture_code == "20"
    assert not union.is_official
    assert [m.code for m in union.members.order_by("code")] == ["202011", "202053"]
    entry = AuditEntry.objects.get(action="municipalities.union.created")
    assert entry.actor == staff
    assert entry.object_id == str(union.pk)
    assert entry.changes["members"] == [None, ["202011", "202053"]]
    assert entry.changes["prefecture"] == [None, "200000"]
    assert entry.changes["kind"] == [None, "wide_area_union"]


def test_members_and_prefecture_can_be_given_as_codes():
    union = create(prefecture="２０", members=["２０２０１１", "202053", "202053"])
    assert union.prefecture.code == "200000"
    assert union.members.count() == 2


def test_a_person_without_the_role_cannot_create(outsider):
    with pytest.raises(PermissionDenied, match="事務局"):
        create(outsider)
    assert not Municipality.objects.filter(code=None).exists()
    assert not AuditEntry.objects.exists()


def test_kind_must_be_a_union_kind():
    with pytest.raises(ValidationError) as caught:
        create(kind="city")
    assert "一部事務組合" in messages(caught.value, "kind")


@pytest.mark.parametrize(
    ("members", "fragment"),
    [
        (["011011", "202011"], "都道府県・市区町村"),  # a ward of a designated city
        (["016951", "202011"], "都道府県・市区町村"),  # a Northern Territories village
        (["202011"], "2つ以上"),
        ([], "2つ以上"),
        (["202012", "202053"], "検査数字"),
        (["999997", "202053"], "見つかりません"),  # a valid code (check digit 7) not in the master
    ],
)
def test_members_must_be_official_local_public_entities(members, fragment):
    with pytest.raises(ValidationError) as caught:
        create(members=members)
    assert fragment in messages(caught.value, "members")


def test_a_union_cannot_be_a_member():
    first = create()
    with pytest.raises(ValidationError) as caught:
        create(name="別の組合", members=[first, *by_code("202011")])
    assert "都道府県・市区町村" in messages(caught.value, "members")


def test_prefecture_is_required_and_must_be_a_prefecture():
    with pytest.raises(ValidationError) as caught:
        create(prefecture=None)
    assert "都道府県を選んでください" in messages(caught.value, "prefecture")
    with pytest.raises(ValidationError) as caught:
        create(prefecture=Municipality.objects.get(code="202011"))
    assert "都道府県" in messages(caught.value, "prefecture")


def test_name_is_required_and_unique_within_the_prefecture():
    with pytest.raises(ValidationError) as caught:
        create(name="  ")
    assert "名称を入力" in messages(caught.value, "name")
    create(name="南信州広域連合")
    with pytest.raises(ValidationError) as caught:
        create(name="南信州広域連合")
    assert "既に登録されています" in messages(caught.value, "name")
    # The same name in another prefecture is another union.
    create(name="南信州広域連合", prefecture="13", members=["131016", "131024"])


def test_kana_is_stored_in_hiragana_and_must_be_kana():
    assert create(kana="ナガノ　コウイキ").kana == "ながの こういき"
    with pytest.raises(ValidationError) as caught:
        create(name="別の連合", kana="長野")
    assert "ひらがな" in messages(caught.value, "kana")


def test_website_must_be_http():
    with pytest.raises(ValidationError) as caught:
        create(website="javascript:alert(1)")
    assert "URL" in messages(caught.value, "website")


def test_update_changes_only_what_is_given_and_audits_the_difference(staff):
    union = create()
    services.update_union(staff, union, name="長野県広域連合", members=by_code("202011", "202029"))
    union.refresh_from_db()
    assert union.name == union.full_name == "長野県広域連合"
    assert union.kind == MunicipalityKind.WIDE_AREA_UNION
    assert [m.code for m in union.members.order_by("code")] == ["202011", "202029"]
    entry = AuditEntry.objects.get(action="municipalities.union.updated")
    assert entry.actor == staff
    assert entry.changes == {
        "name": ["長野県後期高齢者医療広域連合", "長野県広域連合"],
        "members": [["202011", "202053"], ["202011", "202029"]],
    }


def test_update_without_a_change_writes_no_audit_entry(staff):
    union = create()
    services.update_union(staff, union, name=union.name)
    assert not AuditEntry.objects.filter(action="municipalities.union.updated").exists()


def test_update_keeps_its_own_name_when_checking_uniqueness(staff):
    union = create()
    services.update_union(staff, union, kana="ながの")
    assert Municipality.objects.get(pk=union.pk).kana == "ながの"


def test_official_rows_cannot_be_changed_or_deleted_even_by_the_system(staff):
    tokyo = Municipality.objects.get(code="130001")
    for actor in (None, staff):
        with pytest.raises(PermissionDenied, match="変更できません"):
            services.update_union(actor, tokyo, name="東京府")
        with pytest.raises(PermissionDenied, match="削除できません"):
            services.delete_union(actor, tokyo)
    assert Municipality.objects.get(code="130001").name == "東京都"


def test_outsider_cannot_update_or_delete_a_union(outsider):
    union = create()
    with pytest.raises(PermissionDenied):
        services.update_union(outsider, union, name="乗っ取り")
    with pytest.raises(PermissionDenied):
        services.delete_union(outsider, union)


def test_delete_is_audited(staff):
    union = create()
    pk = union.pk
    services.delete_union(staff, union)
    assert not Municipality.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="municipalities.union.deleted")
    assert entry.object_id == str(pk)
    assert entry.changes["members"] == [["202011", "202053"], None]
    # The members themselves stay.
    assert Municipality.objects.filter(code__in=["202011", "202053"]).count() == 2


def test_permission_functions(staff, outsider):
    tokyo = Municipality.objects.get(code="130001")
    union = create()
    assert permissions.can_view_in_admin(staff)
    assert not permissions.can_view_in_admin(outsider)
    assert permissions.can_manage_unions(staff)
    assert not permissions.can_change(staff, tokyo)
    assert not permissions.can_delete(staff, tokyo)
    assert permissions.can_change(staff, union)
    assert permissions.can_delete(staff, union)
    assert not permissions.can_change(outsider, union)
    assert "事務局" in permissions.can_manage_unions(outsider).reason


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("13", "13"),
        ("１３", "13"),
        ("1", "01"),
        ("01", "01"),
        ("47", "47"),
        ("130001", "13"),
        ("470007", "47"),
    ],
)
def test_prefecture_number(typed, number):
    assert services.prefecture_number(typed) == number
    assert services.prefecture_code(number)[:2] == number


@pytest.mark.parametrize("typed", ["0", "00", "48", "", "abc", "130002", "131016", "1234567"])
def test_prefecture_number_rejects(typed):
    with pytest.raises(ValueError, match=r".+"):
        services.prefecture_number(typed)


def test_prefecture_codes_match_the_master():
    codes = {services.prefecture_code(f"{n:02d}") for n in range(1, 48)}
    assert codes == set(Municipality.objects.filter(kind="prefecture").values_list("code", flat=True))


def test_to_hiragana():
    assert services.to_hiragana("サッポロシ") == "さっぽろし"
    assert services.to_hiragana("ヴァイオリン・ニセコ町") == "ゔぁいおりん・にせこ町"
    assert services.normalize_kana("ｻｯﾎﾟﾛ  ｼ") == "さっぽろ し"

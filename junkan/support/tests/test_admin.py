"""The secretariat edits support entries in the admin; saves and deletes are audited; nobody else gets in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.municipalities.models import Municipality
from junkan.support.models import Expert, FundingMechanism, Ministry, SupportField, SupportMeasure

pytestmark = pytest.mark.django_db


def test_secretariat_adds_and_changes_an_expert(client_as, staff):
    client = client_as(staff)
    energy = SupportField.objects.get(name="再生可能エネルギー")
    nagano = Municipality.objects.get(code="200000")
    data = {
        "name": "川辺 誠",
        "name_kana": "かわべ まこと",
        "affiliation": "技術士事務所（架空）",
        "bio": "経歴",
        "fields": [energy.pk],
        "regions": [nagano.pk],
        "private_email": "kawabe@example.jp",
    }
    response = client.post(reverse("admin:support_expert_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    expert = Expert.objects.get()
    assert not expert.is_published  # published only when the secretariat ticks it
    assert list(expert.fields.all()) == [energy]
    created = AuditEntry.objects.get(action="support.expert.created")
    assert created.actor == staff
    assert created.changes["name"] == [None, "川辺 誠"]
    assert created.changes["fields"] == [None, [energy.pk]]
    response = client.post(
        reverse("admin:support_expert_change", args=[expert.pk]), {**data, "is_published": "on"}
    )
    assert response.status_code == 302
    changed = AuditEntry.objects.get(action="support.expert.changed")
    assert changed.changes == {"is_published": [False, True]}


def test_secretariat_adds_a_measure_and_a_bad_period_is_refused(client_as, staff):
    client = client_as(staff)
    data = {
        "title": "地域資源活用支援（架空）",
        "ministry": Ministry.objects.get(name="総務省").pk,
        "summary": "概要",
        "eligible_applicants": "市町村",
        "period_start": "2026-04-01",
        "period_end": "2026-03-31",
        "deadline": "2026-05-31",
        "url": "https://www.soumu.go.jp/",
        "is_published": "on",
    }
    response = client.post(reverse("admin:support_supportmeasure_add"), data)
    assert response.status_code == 200
    assert "実施期間の終了は開始より後の日付にしてください。" in response.content.decode()
    assert not SupportMeasure.objects.exists()
    response = client.post(reverse("admin:support_supportmeasure_add"), {**data, "period_end": "2027-03-31"})
    assert response.status_code == 302
    assert SupportMeasure.objects.get().ministry.name == "総務省"


def test_secretariat_adds_a_funding_mechanism_with_links_and_deletes_it(client_as, staff):
    client = client_as(staff)
    data = {
        "name": "流域グリーンファンド（架空）",
        "kind": "green_fund",
        "description": "説明",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-title": "資料",
        "links-0-url": "https://example.jp/fund",
        "links-0-order": "0",
    }
    response = client.post(reverse("admin:support_fundingmechanism_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    mechanism = FundingMechanism.objects.get()
    assert mechanism.links.get().url == "https://example.jp/fund"
    response = client.post(
        reverse("admin:support_fundingmechanism_delete", args=[mechanism.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not FundingMechanism.objects.exists()
    assert AuditEntry.objects.filter(
        action="support.fundingmechanism.deleted", object_id=str(mechanism.pk)
    ).exists()


def test_a_reviewer_may_not_edit_support_entries(client_as, make_staff):
    from junkan.accounts.models import Role

    reviewer = make_staff("reviewer@example.jp", role=Role.REVIEWER)
    reviewer.is_staff = True  # even with admin access, the role decides
    reviewer.save(update_fields=["is_staff"])
    client = client_as(reviewer)
    assert client.get(reverse("admin:support_expert_changelist")).status_code == 403
    assert client.post(reverse("admin:support_expert_add"), {"name": "x"}).status_code == 403
    assert not Expert.objects.exists()


@pytest.mark.parametrize("who", ["owner", "member", "outsider"])
def test_people_without_a_role_cannot_reach_the_admin(client_as, owner, member, outsider, organization, who):
    user = {"owner": owner, "member": member, "outsider": outsider}[who]
    response = client_as(user).get(reverse("admin:support_expert_add"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_inquiries_are_read_only_in_the_admin(client_as, staff, member):
    from junkan.support.models import Inquiry

    expert = Expert.objects.create(name="専門家", affiliation="a", bio="b", is_published=True)
    inquiry = Inquiry.objects.create(expert=expert, sender=member, organization_name="飯田市", message="相談")
    client = client_as(staff)
    assert client.get(reverse("admin:support_inquiry_change", args=[inquiry.pk])).status_code == 200
    assert client.get(reverse("admin:support_inquiry_add")).status_code == 403

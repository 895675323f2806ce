from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.exchange.models import Consultation, ConsultationStatus

pytestmark = pytest.mark.django_db


def test_consultation_is_tracked_to_an_answer(
    client_as, region, organization, member, owner, outsider, staff, django_capture_on_commit_callbacks
):
    create = reverse("exchange:consultation_create")
    data = {"organization": organization.pk, "subject": "コンソーシアムの運営", "body": "相談です"}
    assert client_as(outsider).post(create, data).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        client_as(member).post(create, data)
    consultation = Consultation.objects.get()
    assert consultation.status == ConsultationStatus.RECEIVED
    assert mail.outbox[-1].to == ["staff@example.jp"]
    url = reverse("exchange:consultation", args=[consultation.pk])
    assert client_as(owner).get(url).status_code == 404  # only the asker and the secretariat
    assert client_as(outsider).get(url).status_code == 404
    assert "回答する" not in client_as(member).get(url).text
    assert "回答する" in client_as(staff).get(url).text
    # the asker cannot answer; an empty answer is refused
    client_as(member).post(
        reverse("exchange:consultation_move", args=[consultation.pk, "answered"]), {"body": "x"}
    )
    client_as(staff).post(
        reverse("exchange:consultation_move", args=[consultation.pk, "answered"]), {"body": ""}
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.RECEIVED
    with django_capture_on_commit_callbacks(execute=True):
        client_as(staff).post(
            reverse("exchange:consultation_move", args=[consultation.pk, "answered"]), {"body": "回答です"}
        )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ANSWERED and consultation.answered_at
    assert mail.outbox[-1].to == ["member@example.jp"]
    assert "回答です" in client_as(member).get(url).text
    client_as(member).post(
        reverse("exchange:consultation_move", args=[consultation.pk, "followed_up"]), {"body": "追加です"}
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.RECEIVED
    assert consultation.messages.count() == 3
    client_as(member).post(reverse("exchange:consultation_move", args=[consultation.pk, "closed"]))
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    actions = set(
        AuditEntry.objects.filter(action__startswith="exchange.consultation").values_list("action", flat=True)
    )
    assert actions == {
        "exchange.consultation.received",
        "exchange.consultation.answered",
        "exchange.consultation.followed_up",
        "exchange.consultation.closed",
    }


def test_secretariat_list_filters_by_status(client_as, region, organization, member, staff):
    from junkan.exchange import services

    services.open_consultation(member, organization, "未回答の相談", "本文")
    url = reverse("exchange:consultations")
    assert "未回答の相談" in client_as(staff).get(url, {"status": "received"}).text
    assert "未回答の相談" not in client_as(staff).get(url, {"status": "answered"}).text
    assert "未回答の相談" in client_as(member).get(url).text

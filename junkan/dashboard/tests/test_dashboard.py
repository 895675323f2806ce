"""The start page (マイページ): after login, what each person has to do, and the e-mails sent to them."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from junkan.accounts.tasks import send_email
from junkan.dashboard import panels
from junkan.dashboard.models import Notification

pytestmark = pytest.mark.django_db


def test_login_lands_on_the_start_page(client, owner):
    from conftest import PASSWORD

    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")


def test_anonymous_is_sent_to_login(client_as):
    response = client_as(None).get(reverse("dashboard:home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_mail_sent_to_a_person_is_listed_on_their_start_page(client_as, owner, outsider):
    send_email.enqueue(
        subject="[循環] 応募を受け付けました",
        body="受付番号 2019-001-0001",
        from_email="noreply@example.jp",
        to=[owner.email.upper()],
    )
    assert len(mail.outbox) == 1
    item = Notification.objects.get()
    assert item.user == owner
    page = client_as(owner).get(reverse("dashboard:home")).content.decode()
    assert "[循環] 応募を受け付けました" in page
    detail = client_as(owner).get(reverse("dashboard:notification", args=[item.pk]))
    assert "受付番号 2019-001-0001" in detail.content.decode()
    # Someone else's mail is not found.
    assert client_as(outsider).get(reverse("dashboard:notification", args=[item.pk])).status_code == 404
    assert "応募を受け付けました" not in client_as(outsider).get(reverse("dashboard:home")).content.decode()


def test_account_mails_with_secrets_are_not_kept(owner):
    send_email.enqueue(
        subject="パスワードの再設定",
        body="https://x/reset/abc",
        from_email="a@b.jp",
        to=[owner.email],
        record=False,
    )
    assert len(mail.outbox) == 1
    assert not Notification.objects.exists()


def test_the_applicant_sees_drafts_first_with_a_link_to_continue(client_as, owner, draft):
    page = client_as(owner).get(reverse("dashboard:home")).content.decode()
    url = reverse("applications:detail", args=[draft.public_id])
    assert f'href="{url}"' in page
    assert "次にすること" in page


def test_the_secretariat_sees_its_queues_with_counts(client_as, staff, owner, complete):
    from django.utils import timezone

    from junkan.applications import services

    services.submit(owner, complete, timezone.now())
    page = client_as(staff).get(reverse("dashboard:home")).content.decode()
    assert "事務局の受付" in page
    assert reverse("applications:inbox", args=[complete.program.slug]) in page
    assert "受理・返却を待つ応募" in page


def test_a_person_with_nothing_to_do_gets_a_plain_page(client_as, outsider):
    response = client_as(outsider).get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert "お送りしたメールはまだありません" in response.content.decode()


def test_apps_contribute_panels():
    assert {"applications", "grants", "review", "registry", "secretariat"} <= set(panels.PANELS)

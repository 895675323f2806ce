from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from junkan.audit.models import AuditEntry
from junkan.callqa import services
from junkan.callqa.models import Question, QuestionStatus
from junkan.programs.models import Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(db):
    program = Program.objects.get(slug="fy2019-decarbonised-region-model")
    Program.objects.filter(pk=program.pk).update(closes_at=timezone.now() + timedelta(days=10))
    program.refresh_from_db()
    return program


def test_ask_answer_and_publish_anonymised(
    client_as, program, owner, outsider, staff, django_capture_on_commit_callbacks
):
    ask = reverse("callqa:ask", args=[program.slug])
    assert client_as(None).get(ask).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(owner).post(
            ask, {"organization_name": "飯田市", "body": "飯田市の施設は対象ですか"}
        )
    question = Question.objects.get()
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["staff@example.jp"]
    url = reverse("callqa:question", args=[question.pk])
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(owner).get(url).status_code == 200
    assert (
        client_as(owner).post(url, {"move": "published", "answer": "x", "confirmed": "on"}).status_code == 404
    )
    # publishing needs the confirmation
    client_as(staff).post(
        url, {"move": "published", "public_question": "市の施設は対象ですか", "answer": "対象です"}
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED
    with django_capture_on_commit_callbacks(execute=True):
        client_as(staff).post(
            url,
            {
                "move": "published",
                "public_question": "市の施設は対象ですか",
                "answer": "対象です",
                "confirmed": "on",
            },
        )
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED and question.answered_at
    assert mail.outbox[-1].to == ["owner@example.jp"]
    page = client_as(None).get(reverse("programs:detail", args=[program.slug])).text
    assert "市の施設は対象ですか" in page and "対象です" in page
    assert "飯田市の施設は対象ですか" not in page  # the question as sent stays private
    assert "管理 太郎" not in page
    assert timezone.localtime(question.answered_at).strftime("%Y年%-m月%-d日") in page
    assert AuditEntry.objects.filter(action="callqa.question.published").exists()


def test_a_private_answer_is_not_published(client_as, program, owner, staff):
    question = services.ask(owner, program, None, "飯田市", "個別の事情の質問")
    services.answer(staff, question, "private", "", "個別に回答します")
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED_PRIVATELY
    assert "個別に回答します" not in client_as(None).get(reverse("callqa:answers", args=[program.slug])).text


def test_publishing_without_wording_is_refused_and_nothing_is_saved(program, owner, staff):
    from django.core.exceptions import ValidationError

    question = services.ask(owner, program, None, "飯田市", "質問")
    with pytest.raises(ValidationError):
        services.answer(staff, question, "published", "", "回答")
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED and question.answer == ""


def test_no_questions_after_the_deadline(client_as, program, owner):
    Program.objects.filter(pk=program.pk).update(closes_at=timezone.now() - timedelta(days=1))
    response = client_as(owner).post(
        reverse("callqa:ask", args=[program.slug]), {"organization_name": "a", "body": "b"}
    )
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_question_about_another_calls_type_is_refused(program, owner):
    from django.core.exceptions import ValidationError

    other = Program.objects.exclude(pk=program.pk).first().project_types.first()
    with pytest.raises(ValidationError):
        services.ask(owner, program, other, "a", "b")


def test_inbox_is_for_the_secretariat(client_as, program, owner, staff):
    services.ask(owner, program, None, "飯田市", "受付中の質問")
    assert client_as(owner).get(reverse("callqa:inbox")).status_code == 404
    assert "受付中の質問" in client_as(staff).get(reverse("callqa:inbox")).text


def test_the_inbox_follows_every_change_it_shows(client_as, program, owner, staff):
    """Cached under the callqa scope: a new question, an answer and a renamed call are on the next request
    (fails without ``callqa.caching``'s signals)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(staff)
    url = reverse("callqa:inbox")
    assert "最初の質問" not in client.get(url).text
    question = services.ask(owner, program, None, "飯田市", "最初の質問")
    assert "最初の質問" in client.get(url).text
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    with CaptureQueriesContext(connection) as fresh:
        client.get(url, {"status": "private"})
    assert len(cached) < len(fresh)
    for n in range(5):
        services.ask(owner, program, None, "飯田市", f"質問{n}")
    with CaptureQueriesContext(connection) as more:
        client.get(url, {"status": "private"})
    assert len(more) == len(fresh)
    assert "最初の質問" not in client.get(url, {"status": "private"}).text
    services.answer(staff, question, "private", "", "個別に回答します")
    assert "最初の質問" not in client.get(url).text
    assert "最初の質問" in client.get(url, {"status": "private"}).text
    program.short_name = "改めた公募名"
    program.save(update_fields=["short_name"])
    assert "改めた公募名" in client.get(url).text
    assert client.get(url, {"page": "9"}).status_code == 404

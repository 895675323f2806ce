"""The public call pages are cached per change of the calls (``programs.caching``) and of their Q&A
(``callqa.caching``): a change of anything they show is on the very next request; what depends on the clock
or on the kind of visitor is in the key."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from junkan.callqa.models import Question, QuestionStatus
from junkan.programs.models import FinderEntry, ProgramAttachment, Theme
from junkan.programs.tests.conftest import SLUG_2019

pytestmark = pytest.mark.django_db


def _page(client, slug: str = SLUG_2019, **params) -> str:
    """The main part of a call's page (the header has the person's CSRF token)."""
    response = client.get(reverse("programs:detail", args=[slug]), params)
    assert response.status_code == 200
    return response.content.decode().split("<main")[1]


def _list(client, **params) -> str:
    response = client.get(reverse("programs:list"), params)
    assert response.status_code == 200
    return response.content.decode().split("<main")[1]


def test_the_call_page_follows_every_change_it_shows(client_as, program_2019, owner) -> None:
    client = client_as(None)
    body = _page(client)
    assert program_2019.name in body
    with CaptureQueriesContext(connection) as cached:
        assert _page(client) == body  # served from the cache: the call itself is still read (who may see it)
    assert len(cached) == 1

    program_2019.name = "名前を改めた公募"
    program_2019.save(update_fields=["name"])
    assert "名前を改めた公募" in _page(client)

    project_type = program_2019.project_types.order_by("id").first()
    project_type.description = "事業区分の説明を改めました"
    project_type.save(update_fields=["description"])
    assert "事業区分の説明を改めました" in _page(client)

    category = project_type.cost_categories.order_by("id").first()
    category.description = "改めた経費の内容"
    category.save(update_fields=["description"])
    assert "改めた経費の内容" in _page(client)

    criterion = project_type.review_criteria.order_by("id").first()
    criterion.text = "改めた審査の観点"
    criterion.save(update_fields=["text"])
    assert "改めた審査の観点" in _page(client)

    report = project_type.report_rules.order_by("id").first()
    report.name = "改めた報告の名前"
    report.save(update_fields=["name"])
    assert "改めた報告の名前" in _page(client)

    attachment = ProgramAttachment(program=program_2019, title="追加した公募要領")
    attachment.file.save("koubo.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    assert "追加した公募要領" in _page(client)

    theme = Theme.objects.create(slug="new-theme", name="新しいテーマ")
    program_2019.themes.add(theme)
    assert "新しいテーマ" in _page(client)
    theme.name = "名前を変えたテーマ"
    theme.save(update_fields=["name"])
    assert "名前を変えたテーマ" in _page(client)

    FinderEntry.objects.filter(source_program=program_2019).delete()
    assert "合う公募を探す" not in _page(client)

    question = Question.objects.create(
        program=program_2019,
        asker=owner,
        organization_name="飯田市",
        body="質問です",
        public_question="公開する質問文です",
        answer="公開した回答です",
        answered_at=timezone.now(),
        status=QuestionStatus.PUBLISHED,
    )
    assert "公開した回答です" in _page(client)
    answers = client.get(reverse("callqa:answers", args=[SLUG_2019])).content.decode()
    assert "公開した回答です" in answers
    question.status = QuestionStatus.ANSWERED_PRIVATELY
    question.save(update_fields=["status"])
    assert "公開した回答です" not in _page(client)
    assert "公開した回答です" not in client.get(reverse("callqa:answers", args=[SLUG_2019])).content.decode()


def test_the_list_follows_changes_of_the_calls(client_as, program_2019) -> None:
    client = client_as(None)
    assert program_2019.short_name in _list(client)
    with CaptureQueriesContext(connection) as cached:
        _list(client)
    assert len(cached) == 0
    program_2019.short_name = "短く改めた名前"
    program_2019.save(update_fields=["short_name"])
    assert "短く改めた名前" in _list(client)
    project_type = program_2019.project_types.order_by("id").first()
    project_type.cap = 123_456_000
    project_type.save(update_fields=["cap"])
    assert "123,456,000" in _list(client)
    program_2019.published = False
    program_2019.save(update_fields=["published"])
    assert "短く改めた名前" not in _list(client)
    assert client.get(reverse("programs:detail", args=[SLUG_2019])).status_code == 404


def test_the_clock_is_part_of_the_key(client_as, make_program) -> None:
    """A call that closes, and the countdown of the next day, show without any change of the data."""
    now = timezone.now()
    make_program("closing-call", closes=now + timedelta(hours=1))
    client = client_as(None)
    assert "本日締切" in _page(client, "closing-call")
    listed = _list(client).split("テスト公募 closing-call")[1][:600]
    assert "受付中" in listed and "本日締切" in listed
    later = now + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "受付は終了しました" in _page(client, "closing-call")
        listed = _list(client).split("テスト公募 closing-call")[1][:600]
        assert "受付終了" in listed and "本日締切" not in listed
        assert "テスト公募 closing-call" in _list(client, status="closed")


def test_each_kind_of_visitor_has_its_own_page(client_as, make_program, staff) -> None:
    make_program("draft-call", published=False)
    staff_client, anonymous = client_as(staff), client_as(None)
    assert "管理画面で編集する" in _page(staff_client)
    assert "管理画面で編集する" not in _page(anonymous)
    assert "テスト公募 draft-call" in _list(staff_client)
    assert "テスト公募 draft-call" not in _list(anonymous)
    assert anonymous.get(reverse("programs:detail", args=["draft-call"])).status_code == 404
    assert "この公募について質問する" not in _page(anonymous)  # closed call: no invitation either way
    assert "csrfmiddlewaretoken" not in _page(staff_client)


def test_pages_that_do_not_exist_stay_404(client_as) -> None:
    client = client_as(None)
    assert client.get(reverse("programs:list"), {"page": "9"}).status_code == 404
    assert client.get(reverse("programs:list"), {"page": "9"}).status_code == 404
    assert client.get(reverse("callqa:answers", args=[SLUG_2019]), {"page": "9"}).status_code == 404
    assert client.get(reverse("callqa:answers", args=[SLUG_2019]), {"page": "9"}).status_code == 404

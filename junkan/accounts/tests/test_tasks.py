"""E-mail goes through the task queue: with the database backend a worker sends it later."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from junkan.accounts.tasks import send_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}


@pytest.fixture
def database_backend(settings):
    """The production backend; django_tasks resets its handler when TASKS changes."""
    settings.TASKS = DATABASE_TASKS


@pytest.mark.django_db(transaction=True)
def test_worker_sends_queued_mail(database_backend):
    from django_tasks_db.models import DBTaskResult

    result = send_email.enqueue(subject="件名", body="本文", from_email="a@example.jp", to=["b@example.jp"])
    assert mail.outbox == []  # nothing is sent in the request
    assert DBTaskResult.objects.get(id=result.id).queue_name == "mail"
    call_command("db_worker", queue_name="*", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert [message.subject for message in mail.outbox] == ["件名"]
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


@pytest.mark.django_db
def test_tests_run_tasks_immediately():
    send_email.enqueue(subject="即時", body="本文", from_email="a@example.jp", to=["b@example.jp"])
    assert [message.subject for message in mail.outbox] == ["即時"]

"""The retention list: secretariat only (404 for others), disposable first, disposal with confirmation."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.grants.models import CostLine, Project

pytestmark = pytest.mark.django_db
URL = "/grants/retention/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The pages run on 2024-06-01: the fixtures' projects (kept until 2025-03-31) are still kept."""
    monkeypatch.setattr("junkan.grants.views.retention.today_tokyo", lambda: date(2024, 6, 1))


def user_of(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


def past_its_date(project: Project) -> Project:
    Project.objects.filter(pk=project.pk).update(retain_until=date(2020, 3, 31))
    project.refresh_from_db()
    return project


def test_url_name():
    assert reverse("grants:retention") == URL


@pytest.mark.parametrize("who", ["owner", "member", "co_member", "outsider", "anonymous"])
def test_404_for_everyone_but_the_secretariat(make_project, client_as, request, who):
    project = past_its_date(make_project("paid"))
    client = client_as(user_of(request, who))
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}?confirm={project.public_id}").status_code == 404
    response = client.post(URL, {"project": str(project.public_id), "confirm": "on"})
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.disposed_at is None


def test_the_list_puts_disposable_projects_first(make_project, client_as, staff):
    kept = make_project("paid", title="まだ保存する事業")
    due = past_its_date(make_project("paid", title="廃棄できる事業"))
    make_project("decided", title="保存期限のない事業")
    response = client_as(staff).get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<h1>") == 1
    assert "廃棄できる補助事業：1件" in text
    assert text.index("廃棄できる事業") < text.index("まだ保存する事業")
    assert "保存期限のない事業" not in text
    assert f'href="?confirm={due.public_id}"' in text
    assert f'href="?confirm={kept.public_id}"' not in text
    assert "令和7年4月1日から廃棄できます" in text  # kept until 2025-03-31
    assert "local-nav" not in text  # not a project page


def test_dispose_after_confirmation(make_project, client_as, staff, django_capture_on_commit_callbacks):
    project = past_its_date(make_project("paid"))
    client = client_as(staff)
    text = client.get(f"{URL}?confirm={project.public_id}").content.decode()
    assert "削除する経費の明細" in text and "1件" in text
    assert 'name="confirm"' in text
    response = client.post(URL, {"project": str(project.public_id)})
    assert response.status_code == 200
    assert "確認のチェックを入れてください" in response.content.decode()
    project.refresh_from_db()
    assert project.disposed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"project": str(project.public_id), "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == URL
    project.refresh_from_db()
    assert project.disposed_at is not None
    assert not CostLine.objects.filter(report__project=project).exists()
    assert AuditEntry.objects.for_object(project).filter(action="grants.project.disposed").exists()
    text = client.get(URL).content.decode()
    assert "廃棄済み" in text and "廃棄できる補助事業：0件" in text


def test_dispose_refused_before_the_date(make_project, client_as, staff):
    project = make_project("paid")  # kept until 2025-03-31
    client = client_as(staff)
    text = client.get(f"{URL}?confirm={project.public_id}").content.decode()
    assert "保存期限を過ぎていないため、廃棄できません。" in text
    response = client.post(URL, {"project": str(project.public_id), "confirm": "on"})
    assert response.status_code == 200
    assert "保存する必要があるため、削除できません" in response.content.decode()
    project.refresh_from_db()
    assert project.disposed_at is None


def test_unknown_project_is_404(client_as, staff):
    assert client_as(staff).get(f"{URL}?confirm=00000000-0000-0000-0000-000000000000").status_code == 404
    assert client_as(staff).get(f"{URL}?confirm=nonsense").status_code == 200


def test_queries_do_not_grow_with_projects(make_project, client_as, staff):
    def count() -> int:
        client = client_as(staff)
        client.get(URL)  # warm: the person's TOTP check is cached after the first page
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    past_its_date(make_project("paid"))
    one = count()
    for _ in range(4):
        past_its_date(make_project("paid"))
    assert count() == one

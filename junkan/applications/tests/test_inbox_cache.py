"""A call's inbox is cached per change of its applications (``applications.caching``): a change of anything
it shows is on the very next request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.applications.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def test_the_inbox_follows_every_change_it_shows(client_as, submitted, staff):
    client = client_as(staff)
    url = reverse("applications:inbox", args=[submitted.program.slug])
    body = client.get(url).content.decode()
    assert submitted.title in body and "提出済み" in body
    assert client.get(url).content.decode().count(submitted.title) == body.count(submitted.title)

    submitted.title = "名前を変えた応募"
    submitted.save(update_fields=["title"])
    assert "名前を変えた応募" in client.get(url).content.decode()

    def accepted() -> str:
        return client.get(url, {"status": "accepted"}).content.decode().split('role="status"')[1]

    assert "名前を変えた応募" not in accepted()
    submitted.status = ApplicationStatus.ACCEPTED
    submitted.save(update_fields=["status"])
    assert "名前を変えた応募" in accepted()

    submitted.organization.name = "改名した市"
    submitted.organization.save(update_fields=["name"])
    assert "改名した市" in client.get(url).content.decode()

    project_type = submitted.project_type
    project_type.name = "改めた事業区分"
    project_type.save(update_fields=["name"])
    assert "改めた事業区分" in client.get(url).content.decode()  # the totals per type

    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in en and "名前を変えた応募" in en
    assert "csrfmiddlewaretoken" not in en.split('id="totals-title"')[1]


def test_pages_that_do_not_exist_stay_404(client_as, submitted, staff):
    url = reverse("applications:inbox", args=[submitted.program.slug])
    for _ in range(2):
        assert client_as(staff).get(url, {"page": "2"}).status_code == 404

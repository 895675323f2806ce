"""であう: counts and the newest solutions and measures, public data only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from junkan.registry.models import RegistrationStatus as S
from junkan.support.models import Expert, Ministry, SupportMeasure

pytestmark = pytest.mark.django_db


def measure(title: str, days: int | None, published: bool = True) -> SupportMeasure:
    today = timezone.localdate()
    return SupportMeasure.objects.create(
        title=title,
        ministry=Ministry.objects.get(name="農林水産省"),
        summary="概要",
        eligible_applicants="市町村",
        deadline=today + timedelta(days=days) if days is not None else None,
        is_published=published,
    )


@pytest.mark.parametrize("who", ["anonymous", "owner", "member", "outsider", "staff"])
def test_deau_shows_public_things_only(client_as, people, make_company, who):
    make_company("株式会社公開（架空）")
    make_company("株式会社審査中（架空）", status=S.SUBMITTED)
    Expert.objects.create(name="公開 専門家", affiliation="架空", bio="b", is_published=True)
    Expert.objects.create(name="非公開 専門家", affiliation="架空", bio="b")
    measure("受付中の施策", 10)
    measure("締切済みの施策", -1)
    measure("非公開の施策", 5, published=False)
    response = client_as(people[who]).get("/deau/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "株式会社公開（架空）の薪ボイラー" in body
    assert "株式会社審査中" not in body
    assert "1団体" in body and "1人" in body and "受付中 1件" in body
    assert "受付中の施策" in body and "締切済みの施策" not in body and "非公開の施策" not in body


def test_deau_query_count_is_constant(client, make_company, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_company("株式会社0（架空）")
    measure("施策0", 3)
    with CaptureQueriesContext(connection) as few:
        client.get("/deau/")
    for i in range(1, 20):
        make_company(f"株式会社{i}（架空）")
        measure(f"施策{i}", i)
    with CaptureQueriesContext(connection) as many:
        client.get("/deau/")
    assert len(many) == len(few)


def test_deau_is_cached_until_the_registry_or_the_support_directory_changes(client, make_company):
    """The page is rendered once per change (registry and support scopes) and day: each change is on the
    very next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page() -> str:
        return client.get("/deau/").content.decode()

    make_company("株式会社最初（架空）")
    assert "株式会社最初（架空）の薪ボイラー" in page()
    with CaptureQueriesContext(connection) as cached:
        page()
    assert len(cached) == 0
    make_company("株式会社二番目（架空）")
    assert "株式会社二番目（架空）の薪ボイラー" in page() and "2団体" in page()
    expert = Expert.objects.create(name="公開 専門家", affiliation="架空", bio="b", is_published=True)
    assert "1人" in page()
    expert.is_published = False
    expert.save(update_fields=["is_published"])
    assert "0人" in page()
    item = measure("新しい施策", 10)
    assert "新しい施策" in page()
    ministry = item.ministry
    ministry.name = "改めた府省庁"
    ministry.save(update_fields=["name"])
    assert "改めた府省庁" in page()
    item.deadline = timezone.localdate() - timedelta(days=1)
    item.save(update_fields=["deadline"])
    assert "新しい施策" not in page()

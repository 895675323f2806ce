"""The layout's header is cached per section, language and kind of person: never one person's for another."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_cached_header_is_never_another_persons(client_as, staff, owner, member):
    url = reverse("registry:regions")
    staff_page = client_as(staff).get(url).content.decode()
    assert reverse("admin:index") in staff_page
    owner_page = client_as(owner).get(url).content.decode()
    assert "管理 太郎" in owner_page and reverse("admin:index") not in owner_page
    member_page = client_as(member).get(url).content.decode()
    assert "所属 花子" in member_page and "管理 太郎" not in member_page
    anonymous = client_as(None).get(url).content.decode()
    assert reverse("account_login") in anonymous and "所属 花子" not in anonymous


def test_the_current_page_and_section_are_marked_on_each_page(client_as):
    client = client_as(None)
    guides = client.get(reverse("cases:guides")).content.decode()
    assert f'href="{reverse("cases:guides")}" aria-current="page"' in guides
    calls = client.get(reverse("programs:list")).content.decode()
    assert f'href="{reverse("cases:guides")}" aria-current="page"' not in calls
    assert f'href="{reverse("programs:list")}" aria-current="true"' in calls


def test_each_request_gets_its_own_csrf_token_and_search_words(client_as):
    client = client_as(None)
    first = client.get(reverse("search:results"), {"q": "森林"}).content.decode()
    assert 'value="森林"' in first
    second = client_as(None).get(reverse("search:results"), {"q": "木質"}).content.decode()
    assert 'value="木質"' in second and 'value="森林"' not in second
    assert 'name="csrfmiddlewaretoken"' in second
    english = client_as(None).get(reverse("cases:guides"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in english and "日本語</button>" in english

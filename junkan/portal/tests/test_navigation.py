"""The five functions as the main navigation, the utility navigation, the search box and the home page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from junkan.portal.navigation import FUNCTIONS, function_of

pytestmark = pytest.mark.django_db


def main_nav(body: str) -> str:
    """The five functions' list in the main navigation (the services' links follow it in the same <nav>)."""
    nav = whole_nav(body, "メインメニュー")
    return re.search(r'<ul class="function-nav">(.+?)</ul>', nav, re.DOTALL).group(1)


def whole_nav(body: str, label: str) -> str:
    """The header's <nav> of that name (not the copy in the phone's メニュー disclosure)."""
    phone_menu = body.split('<details class="menu nav-menu">', 1)
    if len(phone_menu) == 2:
        body = phone_menu[0] + phone_menu[1].split("</details>", 1)[1]
    return re.search(rf'aria-label="{label}">(.+?)</nav>', body, re.DOTALL).group(1)


def test_the_phone_menu_holds_the_same_links_search_and_language(client):
    body = client.get("/registry/").content.decode()
    menu = body.split('<details class="menu nav-menu">', 1)[1].split("</details>", 1)[0]
    for name in (
        "portal:home",
        "cases:list",
        "cases:guides",
        "portal:tsunagaru",
        "portal:deau",
        "support:funding",
    ):
        assert f'href="{reverse(name)}"' in menu, name
    for name in ("programs:list", "carbon:calculator", "events:list", "account_signup", "search:results"):
        assert reverse(name) in menu, name
    assert f'href="{reverse("portal:tsunagaru")}" aria-current="true"' in menu
    assert 'name="language"' in menu and 'id="nav-search-q"' in menu


def test_main_navigation_is_the_five_functions(client):
    nav = main_nav(client.get("/").content.decode())
    names = re.findall(r'<span class="function-name">([^<]+)</span>', nav)
    assert names == ["ホーム", "しる", "まなぶ", "つながる", "であう", "しかける"]
    hrefs = re.findall(r'<a href="([^"]+)"', nav)
    assert hrefs == [
        "/",
        reverse("cases:list"),
        reverse("cases:guides"),
        reverse("portal:tsunagaru"),
        reverse("portal:deau"),
        reverse("support:funding"),
    ]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "ホーム"),
        ("/tsunagaru/", "つながる"),
        ("/registry/", "つながる"),
        ("/registry/companies/", "であう"),
        ("/deau/", "であう"),
        ("/support/experts/", "であう"),
        ("/support/measures/", "であう"),
        ("/support/funding/", "しかける"),
    ],
)
def test_the_current_function_is_marked(client, path, current):
    nav = main_nav(client.get(path).content.decode())
    marked = re.findall(r'aria-current="(?:page|true)"><span class="function-name">([^<]+)', nav)
    assert marked == [current]


def test_landing_page_is_the_current_page_and_sub_pages_are_in_the_section(client):
    assert 'aria-current="page"><span class="function-name">つながる' in main_nav(
        client.get("/tsunagaru/").content.decode()
    )
    assert 'aria-current="true"><span class="function-name">つながる' in main_nav(
        client.get("/registry/").content.decode()
    )


def test_function_of_maps_namespaces_and_url_names():
    assert function_of("cases", "list") == "shiru"
    assert function_of("cases", "detail") == "shiru"
    assert function_of("cases", "guides") == "manabu"
    assert function_of("cases", "guide") == "manabu"
    assert function_of("registry", "region") == "tsunagaru"
    assert function_of("registry", "company") == "deau"
    assert function_of("registry", "mine") is None
    assert function_of("support", "funding_detail") == "shikakeru"
    assert function_of("support", "expert") == "deau"
    assert function_of("programs", "list") is None
    assert function_of(None, None) is None
    assert [f.key for f in FUNCTIONS] == ["shiru", "manabu", "tsunagaru", "deau", "shikakeru"]


def test_search_box_in_every_page_header(client):
    body = client.get("/tsunagaru/").content.decode()
    form = re.search(
        r'<form class="site-search" role="search" action="([^"]+)" method="get">(.+?)</form>', body, re.DOTALL
    )
    assert form.group(1) == reverse("search:results")
    assert 'name="q"' in form.group(2)
    assert '<label for="site-search-q"' in form.group(2)


@pytest.mark.parametrize("who", ["anonymous", "owner", "staff"])
def test_utility_navigation_keeps_account_and_staff_links(client_as, people, who):
    body = client_as(people[who]).get("/").content.decode()
    services = whole_nav(body, "メインメニュー")
    assert reverse("programs:list") in services and reverse("carbon:calculator") in services
    utility = whole_nav(body, "利用者メニュー")
    # Signed in, the personal links sit in a <details> menu grouped as 自分の仕事 and アカウント.
    assert ('<details class="menu user-menu">' in utility) is (who != "anonymous")
    assert (reverse("account_login") in utility) is (who == "anonymous")
    assert (reverse("registry:mine") in utility) is (who != "anonymous")
    assert (reverse("registry:review") in utility) is (who == "staff")
    assert (reverse("admin:index") in utility) is (who == "staff")


@pytest.mark.parametrize("who", ["anonymous", "owner", "member", "outsider", "staff"])
def test_home_shows_the_five_functions_news_and_events(client_as, people, make_news, who):
    make_news("サイトを公開しました")
    make_news("下書き", published=False)
    body = client_as(people[who]).get("/").content.decode()
    for function in FUNCTIONS:
        assert str(function.description) in body
    assert "先進事例" in body and "ESG地域金融" in body
    assert "サイトを公開しました" in body and "下書き" not in body
    assert f'href="{reverse("events:list")}"' in body
    assert f'href="{reverse("portal:news_feed")}"' in body

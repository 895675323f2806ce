"""Matching pages as the asking officer, the company, an outsider, anonymous and the secretariat."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.matching import services
from junkan.matching.models import CollaborationRequest, MatchingEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(officer, town, firm):
    return services.ask(officer, town.organization, firm.organization, "相談です", region=town)


def test_the_region_page_shows_suggestions_with_reasons_and_the_ask_button(client_as, officer, town, firm):
    page = client_as(officer).get(reverse("registry:region", args=[town.pk])).content.decode()
    assert "この地域に合いそうなソリューション" in page
    assert "木質チップボイラーの導入と運営" in page
    assert "北海道で実施可能" in page
    assert reverse("matching:ask") + "?solution=" in page


def test_anonymous_sees_suggestions_without_the_button(client, town, firm):
    page = client.get(reverse("registry:region", args=[town.pk])).content.decode()
    assert "木質チップボイラーの導入と運営" in page
    assert reverse("matching:ask") not in page


def test_the_ask_button_follows_the_viewer_on_cached_profiles(client_as, officer, seller, town, firm):
    """The profiles are cached per kind of viewer: whoever comes first, only members of another organization
    get the button, and a new suggestion shows at once."""
    region_url = reverse("registry:region", args=[town.pk])
    company_url = reverse("registry:company", args=[firm.pk])
    ask = reverse("matching:ask") + "?"
    assert ask in client_as(officer).get(region_url).content.decode()
    assert ask not in client_as(None).get(region_url).content.decode()
    assert ask not in client_as(seller).get(company_url).content.decode()  # its own company
    assert ask in client_as(officer).get(company_url).content.decode()
    assert ask not in client_as(None).get(company_url).content.decode()
    boiler = firm.solutions.get(title="木質チップボイラーの導入と運営")
    boiler.title = "木質チップボイラーの導入と運営（改）"
    boiler.save(update_fields=["title"])
    assert "木質チップボイラーの導入と運営（改）" in client_as(None).get(region_url).content.decode()


def test_the_company_page_shows_regions(client, town, firm):
    page = client.get(reverse("registry:company", args=[firm.pk])).content.decode()
    assert "ソリューションに合いそうな実践地域" in page and "森林未来都市しもかわ" in page


def test_asking_creates_a_request(client_as, officer, town, firm):
    solution = firm.solutions.order_by("id").first()
    url = reverse("matching:ask") + f"?solution={solution.pk}"
    assert client_as(officer).get(url).status_code == 200
    response = client_as(officer).post(
        url,
        {
            "requester": town.organization.pk,
            "message": "導入を検討しています",
            "origin": "suggestion",
            "score": "0.5",
        },
    )
    request = CollaborationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "matching:request", args=[request.pk]
    )
    assert (request.requester, request.recipient, request.solution, request.region, request.origin) == (
        town.organization,
        firm.organization,
        solution,
        town,
        "suggestion",
    )


def test_an_empty_message_is_refused_and_nothing_saved(client_as, officer, town, firm):
    url = reverse("matching:ask") + f"?solution={firm.solutions.first().pk}"
    response = client_as(officer).post(url, {"requester": town.organization.pk, "message": ""})
    assert response.status_code == 200 and not CollaborationRequest.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 200), ("seller", 200), ("outsider", 404), ("anonymous", 302)]
)
def test_the_request_page(client_as, asked, officer, seller, outsider, who, status):
    user = {"officer": officer, "seller": seller, "outsider": outsider, "anonymous": None}[who]
    response = client_as(user).get(reverse("matching:request", args=[asked.pk]))
    assert response.status_code == status


def test_the_secretariat_sees_the_request_and_its_history(client_as, asked, make_staff, seller):
    services.move(seller, asked, "accept")
    page = client_as(make_staff()).get(reverse("matching:request", args=[asked.pk])).content.decode()
    assert "承諾" in page and "相談" in page


def test_contacts_appear_only_after_acceptance(client_as, asked, officer, seller):
    url = reverse("matching:request", args=[asked.pk])
    assert "firm-contact@example.jp" not in client_as(officer).get(url).content.decode()
    client_as(seller).post(reverse("matching:move", args=[asked.pk, "accept"]), {"confirmed": "yes"})
    asked.refresh_from_db()
    assert asked.status == "accepted"
    assert "firm-contact@example.jp" in client_as(officer).get(url).content.decode()


def test_accept_asks_for_confirmation_first(client_as, asked, seller):
    url = reverse("matching:move", args=[asked.pk, "accept"])
    page = client_as(seller).get(url)
    assert page.status_code == 200 and "連絡先" in page.content.decode()
    asked.refresh_from_db()
    assert asked.status == "requested"


def test_the_asker_cannot_accept_and_an_outsider_gets_404(client_as, asked, officer, outsider):
    url = reverse("matching:move", args=[asked.pk, "accept"])
    assert client_as(officer).post(url, {"confirmed": "yes"}).status_code == 403
    assert client_as(outsider).post(url, {"confirmed": "yes"}).status_code == 404
    asked.refresh_from_db()
    assert asked.status == "requested"


def test_messages_in_the_thread(client_as, asked, officer, outsider):
    url = reverse("matching:message", args=[asked.pk])
    client_as(officer).post(url, {"body": "よろしくお願いします"})
    assert asked.messages.get().body == "よろしくお願いします"
    assert client_as(outsider).post(url, {"body": "x"}).status_code == 404
    assert asked.messages.count() == 1


@pytest.mark.parametrize(("who", "status"), [("officer", 404), ("anonymous", 302), ("staff", 200)])
def test_the_secretariats_view(client_as, make_staff, asked, officer, who, status):
    user = {"officer": officer, "anonymous": None, "staff": make_staff() if who == "staff" else None}[who]
    assert client_as(user).get(reverse("matching:manage")).status_code == status


def test_the_secretariat_records_an_event_and_its_pairs(client_as, make_staff, town, firm):
    client = client_as(make_staff())
    response = client.post(
        reverse("matching:event_create"),
        {"title": "マッチング会", "held_on": "2026-11-20", "mode": "offline"},
    )
    event = MatchingEvent.objects.get()
    assert response["Location"] == reverse("matching:event", args=[event.pk])
    client.post(
        reverse("matching:event", args=[event.pk]),
        {"region": town.organization.pk, "company": firm.organization.pk},
    )
    assert event.pairs.count() == 1


def test_my_requests_and_the_digest_setting(client_as, asked, officer, outsider):
    assert "北海道下川町" in client_as(officer).get(reverse("matching:mine")).content.decode()
    assert "北海道下川町" not in client_as(outsider).get(reverse("matching:mine")).content.decode()
    response = client_as(officer).post(reverse("matching:digest"), {})
    assert response.status_code == 302, response.content.decode()[:3000]
    from junkan.matching.models import DigestSubscription

    assert DigestSubscription.objects.get(user=officer).enabled is False


def test_the_start_page_shows_the_request_to_answer_and_suggestions(client_as, asked, seller, officer):
    page = client_as(seller).get(reverse("dashboard:home")).content.decode()
    assert "マッチング・協業の相談" in page and "返答してください" in page
    page = client_as(officer).get(reverse("dashboard:home")).content.decode()
    assert "おすすめ：木質チップボイラーの導入と運営" in page


def test_the_thread_and_history_name_people_without_their_email(client_as, asked, officer, seller):
    """Before acceptance the other party sees who wrote, by name, never the person's login e-mail."""
    url = reverse("matching:request", args=[asked.pk])
    page = client_as(seller).get(url).content.decode()
    assert officer.full_name in page
    assert officer.email not in page

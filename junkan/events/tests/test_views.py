"""Event pages as owner, member, outsider, anonymous and staff, with the database state after POSTs."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from junkan.events import mail as event_mail
from junkan.events import services
from junkan.events.models import Event, EventStatus, Registration, RegistrationStatus

R = RegistrationStatus
pytestmark = pytest.mark.django_db


def who(name, owner, member, outsider, staff):
    return {"owner": owner, "member": member, "outsider": outsider, "staff": staff, "anonymous": None}[name]


# Listing and detail ------------------------------------------------------------------------------


def test_listing_shows_published_upcoming_only(client, make_event):
    make_event(title="公開中の勉強会")
    make_event(title="下書きの勉強会", status=EventStatus.DRAFT)
    past = make_event(title="終わった勉強会")
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3, hours=-2)
    )
    page = client.get(reverse("events:list")).content.decode()
    assert "公開中の勉強会" in page
    assert "下書きの勉強会" not in page
    assert "終わった勉強会" not in page
    assert '<meta name="description"' in page
    past_page = client.get(reverse("events:list"), {"when": "past"}).content.decode()
    assert "終わった勉強会" in past_page and "公開中の勉強会" not in past_page


def test_listing_filters_by_kind(client, make_event):
    make_event(title="みんなのフォーラム", kind="forum")
    make_event(title="小さな勉強会", kind="study")
    page = client.get(reverse("events:list"), {"kind": "forum"}).content.decode()
    assert "みんなのフォーラム" in page and "小さな勉強会" not in page


def test_listing_shows_remaining_seats(client, event):
    services.register(None, event, name="a", email="a@example.jp")
    assert "残り1席" in client.get(reverse("events:list")).content.decode()
    services.register(None, event, name="b", email="b@example.jp")
    assert "満席・キャンセル待ちを受付中" in client.get(reverse("events:list")).content.decode()


def test_listing_query_count_does_not_grow(client, make_event, make_user, django_assert_max_num_queries):
    from junkan.organizations.models import Organization

    def fill(n: int) -> None:
        for i in range(n):
            org = Organization.objects.create(kind="company", name=f"架空の会社{i}")
            event = make_event(title=f"勉強会{i}", organizer=org)
            Registration.objects.create(event=event, name="x", email=f"x{i}@example.jp", status=R.CONFIRMED)

    fill(2)
    with django_assert_max_num_queries(6) as small:
        client.get(reverse("events:list"))
    fill(18)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("events:list"))
    assert response.context["page"].paginator.count == 20


@pytest.mark.parametrize(
    ("name", "status"),
    [("owner", 200), ("member", 200), ("staff", 200), ("outsider", 404), ("anonymous", 404)],
)
def test_draft_is_hidden_from_outsiders(client_as, make_event, owner, member, outsider, staff, name, status):
    draft = make_event(status=EventStatus.DRAFT)
    client = client_as(who(name, owner, member, outsider, staff))
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == status
    assert client.get(reverse("events:ics", args=[draft.pk])).status_code == status


def test_detail_hides_the_online_link_until_confirmed(client_as, event, outsider, make_user):
    url = reverse("events:detail", args=[event.pk])
    page = client_as(outsider).get(url).content.decode()
    assert "secret-room" not in page
    assert "参加が確定した方にお知らせします" in page
    services.register(outsider, event, name="部外 次郎", email=outsider.email)
    page = client_as(outsider).get(url).content.decode()
    assert "https://meet.example.jp/secret-room" in page
    # The third person is on the waiting list and does not see it.
    late = make_user("late@example.jp")
    services.register(None, event, name="b", email="b@example.jp")
    services.register(late, event, name="遅い 人", email=late.email)
    page = client_as(late).get(url).content.decode()
    assert "キャンセル待ち 1番目" in page
    assert "secret-room" not in page


def test_cancelled_event_says_so(client, make_event):
    event = make_event(status=EventStatus.CANCELLED, cancel_reason="台風のため")
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "開催を中止しました" in page and "台風のため" in page
    assert 'name="email"' not in page


# Registration ------------------------------------------------------------------------------------


def test_anonymous_registration(client, event, django_capture_on_commit_callbacks):
    url = reverse("events:register", args=[event.pk])
    data = {"name": "地域 花子", "email": "Hanako@Example.jp", "affiliation": "南信州森林組合"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    registration = Registration.objects.get()
    assert registration.email == "hanako@example.jp" and registration.user is None
    assert registration.status == R.CONFIRMED
    assert response.url == reverse("events:registration", args=[event_mail.registration_token(registration)])
    page = client.get(response.url).content.decode()
    assert "地域 花子" in page and "secret-room" in page
    [message] = mail.outbox
    assert message.to == ["hanako@example.jp"]
    assert event_mail.registration_token(registration) in message.body
    # A double submit neither creates a second row nor reveals the registration page.
    again = client.post(url, data)
    assert again.url == reverse("events:detail", args=[event.pk])
    assert Registration.objects.count() == 1


def test_registration_errors_keep_the_input(client, event):
    response = client.post(
        reverse("events:register", args=[event.pk]), {"name": "地域 花子", "email": "not-an-address"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "入力内容を確認してください" in page
    assert 'value="地域 花子"' in page
    assert not Registration.objects.exists()


def test_signed_in_registration_uses_the_account_address(client_as, event, outsider):
    client = client_as(outsider)
    response = client.post(
        reverse("events:register", args=[event.pk]), {"name": "部外 次郎", "email": "someone-else@example.jp"}
    )
    assert response.url == reverse("events:detail", args=[event.pk])
    registration = Registration.objects.get()
    assert registration.email == "outsider@example.jp" and registration.user == outsider


def test_full_event_takes_the_waiting_list(client, event):
    for n in range(2):
        services.register(None, event, name="x", email=f"x{n}@example.jp")
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "キャンセル待ちで申し込む" in page
    client.post(reverse("events:register", args=[event.pk]), {"name": "待つ 人", "email": "w@example.jp"})
    assert Registration.objects.get(email="w@example.jp").status == R.WAITLISTED


def test_closed_registration_is_refused_with_a_message(client, make_event):
    event = make_event(registration_deadline=timezone.now() - timedelta(minutes=1))
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"name": "遅い 人", "email": "late@example.jp"},
        follow=True,
    )
    assert "申込の受付は終了しました" in response.content.decode()
    assert not Registration.objects.exists()


def test_register_for_a_draft_is_404(client, make_event):
    draft = make_event(status=EventStatus.DRAFT)
    response = client.post(
        reverse("events:register", args=[draft.pk]), {"name": "x", "email": "x@example.jp"}
    )
    assert response.status_code == 404


def test_cancel_through_the_signed_link(client, event, django_capture_on_commit_callbacks):
    first, _ = services.register(None, event, name="a", email="a@example.jp")
    services.register(None, event, name="b", email="b@example.jp")
    waiting, _ = services.register(None, event, name="c", email="c@example.jp")
    url = reverse("events:registration", args=[event_mail.registration_token(first)])
    assert client.get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == R.CANCELLED
    assert waiting.status == R.CONFIRMED
    assert {m.to[0] for m in mail.outbox} == {"a@example.jp", "c@example.jp"}
    assert "キャンセル済み" in client.get(url).content.decode()


@pytest.mark.parametrize("token", ["1-forged", "abc", "999-x", "1-"])
def test_forged_links_are_404(client, event, token):
    services.register(None, event, name="a", email="a@example.jp")
    assert client.get(reverse("events:registration", args=[token])).status_code == 404
    assert client.post(reverse("events:registration", args=[token])).status_code == 404
    assert Registration.objects.get().status == R.CONFIRMED


def test_token_of_one_registration_does_not_open_another(client, event):
    a, _ = services.register(None, event, name="a", email="a@example.jp")
    b, _ = services.register(None, event, name="b", email="b@example.jp")
    signature = event_mail.registration_token(a).split("-", 1)[1]
    assert client.get(reverse("events:registration", args=[f"{b.pk}-{signature}"])).status_code == 404


@pytest.mark.parametrize(("name", "status"), [("outsider", 302), ("member", 404), ("anonymous", 302)])
def test_cancel_own_from_the_page(client_as, event, owner, member, outsider, staff, name, status):
    registration, _ = services.register(outsider, event, name="部外 次郎", email=outsider.email)
    response = client_as(who(name, owner, member, outsider, staff)).post(
        reverse("events:cancel_own", args=[event.pk])
    )
    assert response.status_code == status
    registration.refresh_from_db()
    assert registration.status == (R.CANCELLED if name == "outsider" else R.CONFIRMED)


def test_ics(client, event):
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == "【勉強会】木質バイオマスの勉強会"
    assert item.decoded("dtstart") == event.starts_at
    assert str(item["dtstart"].params["TZID"]) == "Asia/Tokyo"
    assert item.decoded("dtend") == event.ends_at
    assert "secret-room" not in response.content.decode()
    assert "飯田市役所 会議室" in str(item["location"])


# Organizers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [("owner", 200), ("member", 200), ("staff", 200), ("outsider", 404), ("anonymous", 302)],
)
def test_attendee_list(client_as, event, owner, member, outsider, staff, name, status):
    services.register(None, event, name="参加 一郎", email="ichiro@example.jp")
    client = client_as(who(name, owner, member, outsider, staff))
    response = client.get(reverse("events:attendees", args=[event.pk]))
    assert response.status_code == status
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("events:attendees_export", args=[event.pk, fmt])).status_code == status
    if status == 200:
        assert "ichiro@example.jp" in response.content.decode()


def test_attendee_list_query_count_does_not_grow(client_as, event, owner, django_assert_max_num_queries):
    client = client_as(owner)
    url = reverse("events:attendees", args=[event.pk])
    for n in range(2):
        services.register(None, event, name="x", email=f"x{n}@example.jp")
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for n in range(2, 20):
        services.register(None, event, name="x", email=f"x{n}@example.jp")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_csv_export(client_as, event, owner):
    services.register(None, event, name="参加 一郎", email="ichiro@example.jp", affiliation="=HYPERLINK(1)")
    services.register(None, event, name="参加 二郎", email="jiro@example.jp")
    services.register(None, event, name="待機 三郎", email="saburo@example.jp")
    response = client_as(owner).get(reverse("events:attendees_export", args=[event.pk, "csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["受付番号", "状態", "キャンセル待ち順", "氏名"]
    assert [row[1] for row in rows[1:]] == ["参加確定", "参加確定", "キャンセル待ち"]
    assert rows[3][2] == "1"
    assert rows[1][4] == "'=HYPERLINK(1)"  # never a formula


def test_xlsx_export(client_as, event, staff):
    services.register(None, event, name="参加 一郎", email="ichiro@example.jp", affiliation="+cmd")
    response = client_as(staff).get(reverse("events:attendees_export", args=[event.pk, "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][3] == "氏名"
    assert values[1][3] == "参加 一郎"
    assert values[1][4] == "'+cmd"
    assert client_as(staff).get(reverse("events:attendees_export", args=[event.pk, "pdf"])).status_code == 404


def event_post(**extra):
    starts = timezone.localtime() + timedelta(days=14)
    data = {
        "organizer_choice": "",
        "kind": "symposium",
        "title": "ローカルSDGsシンポジウム",
        "summary": "先行事例の発表",
        "body": "第1部 基調講演",
        "starts_at": starts.strftime("%Y-%m-%dT13:00"),
        "ends_at": starts.strftime("%Y-%m-%dT16:30"),
        "format": "onsite",
        "venue": "イイノホール",
        "venue_address": "",
        "online_url": "",
        "capacity": "300",
        "registration_deadline": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("name", "status"),
    [("owner", 302), ("member", 302), ("outsider", 403), ("anonymous", 302), ("staff", 302)],
)
def test_create_event(client_as, organization, owner, member, outsider, staff, name, status):
    user = who(name, owner, member, outsider, staff)
    choice = "" if name == "staff" else str(organization.pk)
    response = client_as(user).post(reverse("events:create"), event_post(organizer_choice=choice))
    assert response.status_code == status
    if name in ("owner", "member", "staff"):
        event = Event.objects.get()
        assert event.status == EventStatus.DRAFT
        assert event.organizer == (None if name == "staff" else organization)
        assert timezone.localtime(event.starts_at).hour == 13
        assert timezone.localtime(event.starts_at).utcoffset() == timedelta(hours=9)
        assert response.url == reverse("events:detail", args=[event.pk])
    else:
        assert not Event.objects.exists()


def test_member_cannot_create_for_the_secretariat_or_another_org(client_as, organization, member):
    from junkan.organizations.models import Organization

    other = Organization.objects.create(kind="company", name="よその会社（架空）")
    for choice in ("", str(other.pk)):
        response = client_as(member).post(reverse("events:create"), event_post(organizer_choice=choice))
        assert response.status_code == 200
    assert not Event.objects.exists()


def test_bad_event_input_keeps_what_was_typed(client_as, organization, owner):
    response = client_as(owner).post(
        reverse("events:create"),
        event_post(organizer_choice=str(organization.pk), venue="", ends_at="2020-01-01T00:00"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "会場で開催するときは会場を入力してください" in page
    assert "終了日時は開始日時より後にしてください" in page
    assert 'value="ローカルSDGsシンポジウム"' in page
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("name", "status"),
    [("owner", 302), ("member", 302), ("outsider", 403), ("anonymous", 302), ("staff", 302)],
)
def test_edit_event(client_as, organization, event, owner, member, outsider, staff, name, status):
    response = client_as(who(name, owner, member, outsider, staff)).post(
        reverse("events:edit", args=[event.pk]),
        event_post(organizer_choice=str(organization.pk), title="名称を変えた勉強会"),
    )
    assert response.status_code == status
    event.refresh_from_db()
    assert (event.title == "名称を変えた勉強会") == (name in ("owner", "member", "staff"))


def test_edit_draft_is_404_for_outsiders(client_as, make_event, outsider):
    draft = make_event(status=EventStatus.DRAFT)
    assert client_as(outsider).get(reverse("events:edit", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "status"), [("owner", 302), ("outsider", 404), ("anonymous", 302), ("staff", 302)]
)
def test_publish(client_as, make_event, owner, member, outsider, staff, name, status):
    draft = make_event(status=EventStatus.DRAFT)
    response = client_as(who(name, owner, member, outsider, staff)).post(
        reverse("events:publish", args=[draft.pk])
    )
    assert response.status_code == status
    draft.refresh_from_db()
    assert (draft.status == EventStatus.PUBLISHED) == (name in ("owner", "staff"))


def test_cancel_event_view(client_as, event, owner, outsider):
    url = reverse("events:cancel", args=[event.pk])
    assert client_as(outsider).post(url, {"reason": "x"}).status_code == 403
    client_as(owner).post(url, {"reason": ""})
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    confirm = client_as(owner).post(url, {"reason": "講師の急病のため"})
    assert confirm.status_code == 200 and "元に戻せないこと" in confirm.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED  # not before the confirmation
    client_as(owner).post(url, {"reason": "講師の急病のため", "confirmed": "yes"})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.cancel_reason == "講師の急病のため"


@pytest.mark.parametrize(("name", "count"), [("owner", 2), ("outsider", 0), ("staff", 3)])
def test_manage_lists_own_events(client_as, make_event, owner, member, outsider, staff, name, count):
    make_event(title="飯田の勉強会A")
    make_event(title="飯田の勉強会B", status=EventStatus.DRAFT)
    make_event(title="事務局のフォーラム", organizer=None)
    response = client_as(who(name, owner, member, outsider, staff)).get(reverse("events:manage"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


def test_manage_needs_login(client):
    assert client.get(reverse("events:manage")).status_code == 302


def test_no_cancelling_through_the_link_after_the_start(client, event):
    registration, _ = services.register(None, event, name="a", email="a@example.jp")
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    url = reverse("events:registration", args=[event_mail.registration_token(registration)])
    assert "参加申込をキャンセルする" not in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "キャンセルの受付は終了しました" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == R.CONFIRMED


@pytest.mark.parametrize(
    ("name", "status"),
    [("owner", 200), ("member", 200), ("staff", 200), ("outsider", 403), ("anonymous", 302)],
)
def test_the_confirmation_page_of_calling_an_event_off(
    client_as, event, owner, member, outsider, staff, name, status
):
    client = client_as(who(name, owner, member, outsider, staff))
    url = reverse("events:cancel", args=[event.pk])
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        text = response.content.decode()
        assert "元に戻せないこと" in text and 'name="reason"' in text
    client.post(url, {"reason": "台風のため", "confirmed": "yes"})
    event.refresh_from_db()
    assert (event.status == EventStatus.CANCELLED) == (status == 200)


def test_buttons_follow_the_process(client_as, make_event, owner, outsider):
    draft = make_event(status=EventStatus.DRAFT)
    page = client_as(owner).get(reverse("events:detail", args=[draft.pk])).content.decode()
    assert reverse("events:publish", args=[draft.pk]) in page and "下書き（非公開）" in page
    services.publish_event(owner, draft)
    page = client_as(owner).get(reverse("events:detail", args=[draft.pk])).content.decode()
    assert reverse("events:publish", args=[draft.pk]) not in page
    assert reverse("events:cancel", args=[draft.pk]) in page
    page = client_as(outsider).get(reverse("events:detail", args=[draft.pk])).content.decode()
    assert reverse("events:cancel", args=[draft.pk]) not in page
    services.cancel_event(owner, draft, "台風のため")
    page = client_as(owner).get(reverse("events:detail", args=[draft.pk])).content.decode()
    assert reverse("events:cancel", args=[draft.pk]) not in page and "開催を中止しました" in page


def test_the_history_is_in_words(client_as, event, owner):
    import re

    services.cancel_event(owner, event, "講師の急病のため")
    text = client_as(owner).get(reverse("events:detail", args=[event.pk])).content.decode()
    section = text[text.index('id="audit-title"') :]
    assert "開催中止" in section and "理由：講師の急病のため" in section and "公開中 → 開催中止" in section
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\.[a-z_]+\b", section) and "{'" not in section

"""Support pages as anonymous, owner, member, outsider and staff; unpublished entries; filters; inquiries."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.municipalities.models import Municipality
from junkan.registry.models import RegistrationStatus as S
from junkan.support.models import (
    Expert,
    FundingKind,
    FundingLink,
    FundingMechanism,
    Inquiry,
    OrganizationKind,
    SpecialistOrganization,
    SupportField,
)

pytestmark = pytest.mark.django_db
EVERYONE = ["anonymous", "owner", "member", "outsider", "staff"]


def organization(name: str, kind=OrganizationKind.UNIVERSITY, published=True) -> SpecialistOrganization:
    org = SpecialistOrganization.objects.create(
        name=name,
        kind=kind,
        description="地域の再エネ調査",
        website="https://example.jp/",
        is_published=published,
    )
    org.fields.set(SupportField.objects.filter(name="再生可能エネルギー"))
    return org


def mechanism(name: str, kind=FundingKind.GREEN_FUND, published=True) -> FundingMechanism:
    return FundingMechanism.objects.create(
        name=name, kind=kind, description="流域で資金を回す", is_published=published
    )


def test_support_root_goes_to_deau(client):
    response = client.get("/support/")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:deau")


# Lists: published for everyone, unpublished for the secretariat only ---------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_lists_show_published_entries(client_as, people, make_expert, make_measure, who):
    make_expert("公開 専門家")
    make_expert("非公開 専門家", published=False)
    organization("公開 研究所")
    organization("非公開 研究所", published=False)
    make_measure("公開 施策")
    make_measure("非公開 施策", published=False)
    mechanism("公開 ファンド")
    mechanism("非公開 ファンド", published=False)
    client = client_as(people[who])
    staff = who == "staff"
    for url_name, shown, hidden in [
        ("support:experts", "公開 専門家", "非公開 専門家"),
        ("support:organizations", "公開 研究所", "非公開 研究所"),
        ("support:measures", "公開 施策", "非公開 施策"),
        ("support:funding", "公開 ファンド", "非公開 ファンド"),
    ]:
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        body = response.content.decode()
        assert shown in body
        assert (hidden in body) is staff
        assert ("非公開（事務局のみ表示）" in body) is staff


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("owner", 404), ("member", 404), ("outsider", 404), ("staff", 200)],
)
def test_unpublished_details_are_404_except_for_the_secretariat(
    client_as, people, make_expert, make_measure, who, status
):
    client = client_as(people[who])
    for url in [
        reverse("support:expert", args=[make_expert(published=False).pk]),
        reverse("support:organization", args=[organization("非公開", published=False).pk]),
        reverse("support:measure", args=[make_measure("非公開", published=False).pk]),
        reverse("support:funding_detail", args=[mechanism("非公開", published=False).pk]),
    ]:
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("who", EVERYONE)
def test_published_details(client_as, people, make_expert, make_measure, who):
    client = client_as(people[who])
    expert = make_expert()
    body = client.get(reverse("support:expert", args=[expert.pk])).content.decode()
    assert "<h1>川辺 誠" in body and "再生可能エネルギー" in body and "長野県" in body
    org = organization("みなと研究所（架空）")
    body = client.get(reverse("support:organization", args=[org.pk])).content.decode()
    assert "大学・研究機関" in body and 'href="https://example.jp/"' in body
    measure = make_measure("地域資源活用支援（架空）")
    body = client.get(reverse("support:measure", args=[measure.pk])).content.decode()
    assert "農林水産省" in body and "受付中" in body and "市町村、地域協議会" in body
    fund = mechanism("流域ファンド（架空）")
    body = client.get(reverse("support:funding_detail", args=[fund.pk])).content.decode()
    assert "グリーンファンド" in body


def test_missing_entries_are_404(client):
    for name in ("support:expert", "support:organization", "support:measure", "support:funding_detail"):
        assert client.get(reverse(name, args=[999])).status_code == 404


# Experts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_expert_private_email_is_never_shown(client_as, people, make_expert, who):
    expert = make_expert()
    client = client_as(people[who])
    for url in (reverse("support:experts"), reverse("support:expert", args=[expert.pk])):
        body = client.get(url).content.decode()
        assert "kawabe-private@example.jp" not in body
        assert "mailto:" not in body


def test_expert_filters(client, make_expert):
    forest = SupportField.objects.get(name="農林水産業")
    make_expert("長野の専門家", prefectures=["200000"])
    make_expert("全国の専門家", prefectures=["010006", "130001"], nationwide=True, fields=[forest])
    make_expert("北海道の専門家", prefectures=["010006"])
    nagano = Municipality.objects.get(code="200000")
    body = client.get(reverse("support:experts"), {"prefecture": nagano.pk}).content.decode()
    assert "長野の専門家" in body and "全国の専門家" in body and "北海道の専門家" not in body
    assert body.count("全国の専門家") == 1  # listed once although it has several regions
    body = client.get(reverse("support:experts"), {"field": forest.pk}).content.decode()
    assert "全国の専門家" in body and "長野の専門家" not in body
    assert "2件" in client.get(reverse("support:experts"), {"prefecture": nagano.pk}).content.decode()


def test_inquiry_needs_login(client, make_expert):
    expert = make_expert()
    body = client.get(reverse("support:expert", args=[expert.pk])).content.decode()
    assert "ログインして相談する" in body and 'name="message"' not in body
    response = client.post(
        reverse("support:expert_inquiry", args=[expert.pk]), {"organization_name": "x", "message": "y"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Inquiry.objects.exists()


def test_member_sends_an_inquiry_through_the_secretariat(client_as, member, staff, make_expert, settings):
    settings.SECRETARIAT_EMAIL = ""
    expert = make_expert()
    client = client_as(member)
    assert 'name="message"' in client.get(reverse("support:expert", args=[expert.pk])).content.decode()
    with_commit = client.post(
        reverse("support:expert_inquiry", args=[expert.pk]),
        {"organization_name": "長野県飯田市 環境課", "message": "木質バイオマスの導入について相談したい。"},
    )
    assert with_commit.status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.expert, inquiry.sender, inquiry.organization_name) == (
        expert,
        member,
        "長野県飯田市 環境課",
    )
    entry = AuditEntry.objects.get(action="support.inquiry.sent")
    assert entry.actor == member and entry.data == {"expert": expert.pk}
    assert "事務局に送りました" in client.get(with_commit["Location"]).content.decode()


def test_inquiry_mail_goes_to_the_secretariat_not_the_expert(
    member, staff, make_expert, settings, django_capture_on_commit_callbacks
):
    from junkan.support import services

    settings.SECRETARIAT_EMAIL = ""
    expert = make_expert()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_inquiry(member, expert, "飯田市", "相談内容です。")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff.email]
    assert "川辺 誠" in message.subject
    assert "相談内容です。" in message.body and member.email in message.body
    assert "/admin/support/inquiry/" in message.body
    settings.SECRETARIAT_EMAIL = "jimukyoku@example.jp"
    with django_capture_on_commit_callbacks(execute=True):
        services.send_inquiry(member, expert, "飯田市", "二通目")
    assert mail.outbox[1].to == ["jimukyoku@example.jp"]
    assert all("kawabe-private@example.jp" not in m.to for m in mail.outbox)


def test_invalid_inquiry_keeps_input_and_saves_nothing(client_as, member, make_expert):
    expert = make_expert()
    response = client_as(member).post(
        reverse("support:expert_inquiry", args=[expert.pk]),
        {"organization_name": "", "message": "相談したいこと"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "相談したいこと" in body
    assert 'aria-invalid="true"' in body
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_no_inquiry_to_an_unpublished_expert(client_as, people, make_expert, who):
    expert = make_expert(published=False)
    response = client_as(people[who]).post(
        reverse("support:expert_inquiry", args=[expert.pk]), {"organization_name": "x", "message": "y"}
    )
    assert response.status_code == 404
    assert not Inquiry.objects.exists()


def test_staff_cannot_inquire_an_unpublished_expert(client_as, staff, make_expert):
    expert = make_expert(published=False)
    response = client_as(staff).post(
        reverse("support:expert_inquiry", args=[expert.pk]), {"organization_name": "x", "message": "y"}
    )
    assert response.status_code == 403


# Support measures ------------------------------------------------------------------------------


def titles(body: str) -> list[str]:
    return re.findall(r'<h2 class="card-title"><a href="/support/measures/\d+/">([^<]+)</a>', body)


def test_measures_open_first_by_deadline_then_closed_newest_first(client, make_measure):
    make_measure("締切済み（昨日）", -1)
    make_measure("締切済み（先月）", -30)
    make_measure("受付中（来月）", 30)
    make_measure("受付中（明日）", 1)
    make_measure("随時受付", None)
    make_measure("期間終了", None, period_end_days=-5)
    make_measure("受付中（今日まで）", 0)
    body = client.get(reverse("support:measures")).content.decode()
    assert titles(body) == [
        "受付中（今日まで）",
        "受付中（明日）",
        "受付中（来月）",
        "随時受付",
        "締切済み（昨日）",
        "締切済み（先月）",
        "期間終了",
    ]
    # Past deadlines are marked.
    assert body.count('class="badge status-closed"') == 3
    assert body.count('class="badge status-open"') == 4
    assert body.count("measure-closed") == 3


def test_measure_filters(client, make_measure, field_energy):
    make_measure("農水の施策", ministry="農林水産省")
    make_measure("エネ庁の施策", ministry="資源エネルギー庁", fields=[field_energy])
    make_measure("エネ庁の締切済み", -3, ministry="資源エネルギー庁", fields=[field_energy])
    from junkan.support.models import Ministry

    enecho = Ministry.objects.get(name="資源エネルギー庁")
    url = reverse("support:measures")
    assert titles(client.get(url, {"ministry": enecho.pk}).content.decode()) == [
        "エネ庁の施策",
        "エネ庁の締切済み",
    ]
    assert titles(client.get(url, {"field": field_energy.pk}).content.decode()) == [
        "エネ庁の施策",
        "エネ庁の締切済み",
    ]
    assert titles(client.get(url, {"field": field_energy.pk, "open_only": "on"}).content.decode()) == [
        "エネ庁の施策"
    ]
    # A bad filter value is reported, not an error page, and the list stays whole.
    response = client.get(url, {"ministry": "abc"})
    assert response.status_code == 200
    assert len(titles(response.content.decode())) == 3


def test_closed_measure_detail_is_marked(client, make_measure):
    measure = make_measure("締切済み", -1)
    body = client.get(reverse("support:measure", args=[measure.pk])).content.decode()
    assert "締切済み" in body and 'class="badge status-closed"' in body


# Funding mechanisms ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_funding_shows_approved_regions_only(client_as, people, make_region, who):
    fund = mechanism("南信州 市民ファンド（架空）", kind=FundingKind.CITIZEN_INVESTMENT)
    approved = make_region("南信州 地域循環共生圏")
    pending = make_region("審査中の地域", status=S.SUBMITTED)
    revoked = make_region("取消しの地域", status=S.REVOKED)
    fund.regions.set([approved, pending, revoked])
    fund.municipalities.set(Municipality.objects.filter(code="202053"))
    FundingLink.objects.create(mechanism=fund, title="説明資料", url="https://example.jp/fund")
    client = client_as(people[who])
    for url in (reverse("support:funding"), reverse("support:funding_detail", args=[fund.pk])):
        body = client.get(url).content.decode()
        assert "南信州 地域循環共生圏" in body
        assert "審査中の地域" not in body and "取消しの地域" not in body
        assert "長野県飯田市" in body
    body = client.get(reverse("support:funding_detail", args=[fund.pk])).content.decode()
    assert f'href="{reverse("registry:region", args=[approved.pk])}"' in body
    assert 'href="https://example.jp/fund"' in body


def test_funding_filter_by_kind(client):
    mechanism("グリーン", kind=FundingKind.GREEN_FUND)
    mechanism("クラファン", kind=FundingKind.CROWDFUNDING)
    body = client.get(reverse("support:funding"), {"kind": "crowdfunding"}).content.decode()
    assert "クラファン" in body and ">グリーン<" not in body


# Query counts ----------------------------------------------------------------------------------


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_counts_do_not_grow(client, make_expert, make_measure, make_region, field_energy):
    def add(i: int) -> None:
        make_expert(f"専門家{i}", prefectures=["200000", "010006"])
        organization(f"団体{i}")
        make_measure(f"施策{i}", i - 5, fields=[field_energy])
        fund = mechanism(f"ファンド{i}")
        fund.regions.set([make_region(f"地域{i}")])
        fund.municipalities.set(Municipality.objects.filter(code__in=["202053", "011002"]))
        FundingLink.objects.create(mechanism=fund, title="資料", url="https://example.jp/")

    urls = [
        reverse(n)
        for n in ("support:experts", "support:organizations", "support:measures", "support:funding")
    ]
    for i in range(2):
        add(i)
    few = [_count(client, url) for url in urls]
    for i in range(2, 20):
        add(i)
    assert [_count(client, url) for url in urls] == few
    assert max(few) <= 8


def test_expert_detail_queries_are_few(client, make_expert, django_assert_max_num_queries):
    expert = make_expert()
    with django_assert_max_num_queries(4):
        client.get(reverse("support:expert", args=[expert.pk]))


def test_expert_ordering_by_reading():
    Expert.objects.create(name="渡辺", name_kana="わたなべ", affiliation="a", bio="b", is_published=True)
    Expert.objects.create(name="青木", name_kana="あおき", affiliation="a", bio="b", is_published=True)
    assert list(Expert.objects.values_list("name", flat=True)) == ["青木", "渡辺"]

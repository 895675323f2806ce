"""Registry pages as owner, member, outsider, anonymous and staff, with the database state after POSTs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.registry import services
from junkan.registry.models import (
    CompanyRegistration,
    Industry,
    LocalResource,
    RegionRegistration,
    RegistrationStatus,
    SdgGoal,
    Solution,
)

S = RegistrationStatus
pytestmark = pytest.mark.django_db


def region_post(**extra):
    data = {
        "name": "天竜川流域 地域循環共生圏",
        "municipalities_text": "長野県飯田市、202177",
        "partner_text": "",
        "resources": [str(LocalResource.objects.get(code="forest").pk)],
        "resources_note": "南アルプスの森林",
        "challenges": "森林の手入れ不足",
        "sdg_goals": [str(SdgGoal.objects.get(number=15).pk)],
        "desired_future": "森が稼ぐ地域",
        "backcasting": "2030年までに木質バイオマス熱供給",
        "stakeholders": "行政：飯田市",
        "contact_name": "環境 太郎",
        "contact_email": "kankyo@example.jp",
        "contact_phone": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 302), ("member", 302), ("outsider", 404), ("anonymous", 302)]
)
def test_create_region(client_as, organization, owner, member, outsider, who, status):
    user = {"owner": owner, "member": member, "outsider": outsider, "anonymous": None}[who]
    response = client_as(user).post(reverse("registry:region_create", args=[organization.pk]), region_post())
    assert response.status_code == status
    if who in ("owner", "member"):
        region = RegionRegistration.objects.get()
        assert region.status == S.DRAFT
        assert sorted(region.municipalities.values_list("code", flat=True)) == ["202053", "202177"]
        assert response.url == reverse("registry:region", args=[region.pk])
    else:
        assert not RegionRegistration.objects.exists()


def test_bad_municipality_keeps_input(client_as, organization, owner):
    response = client_as(owner).post(
        reverse("registry:region_create", args=[organization.pk]), region_post(municipalities_text="架空市")
    )
    assert response.status_code == 200
    assert "当てはまる団体が見つかりません" in response.content.decode()
    assert "森が稼ぐ地域" in response.content.decode()
    assert not RegionRegistration.objects.exists()


def test_edit_region_only_while_draft(client_as, region, owner, outsider):
    url = reverse("registry:region_edit", args=[region.pk])
    assert client_as(owner).get(url).status_code == 200
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(owner).post(url, region_post(name="新しい名称")).status_code == 302
    region.refresh_from_db()
    assert region.name == "新しい名称"
    services.submit(owner, region)
    assert client_as(owner).post(url, region_post(name="さらに変更")).status_code == 403
    region.refresh_from_db()
    assert region.name == "新しい名称"


@pytest.mark.parametrize("who", ["owner", "member", "staff"])
def test_pending_region_visible_to_owners_and_staff(client_as, region, owner, member, staff, who):
    services.submit(owner, region)
    user = {"owner": owner, "member": member, "staff": staff}[who]
    assert client_as(user).get(reverse("registry:region", args=[region.pk])).status_code == 200


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.REFUSED, S.REVOKED])
def test_non_public_is_404_for_outsider_and_anonymous(client_as, region, company, outsider, status):
    RegionRegistration.objects.filter(pk=region.pk).update(status=status)
    CompanyRegistration.objects.filter(pk=company.pk).update(status=status)
    for user in (outsider, None):
        assert client_as(user).get(reverse("registry:region", args=[region.pk])).status_code == 404
        assert client_as(user).get(reverse("registry:company", args=[company.pk])).status_code == 404
        directory = client_as(user).get(reverse("registry:regions")).content.decode()
        assert region.name not in directory


def test_approved_is_public(client, region, company):
    RegionRegistration.objects.filter(pk=region.pk).update(status=S.APPROVED)
    CompanyRegistration.objects.filter(pk=company.pk).update(status=S.APPROVED)
    assert client.get(reverse("registry:region", args=[region.pk])).status_code == 200
    assert region.name in client.get(reverse("registry:regions")).content.decode()
    page = client.get(reverse("registry:companies")).content.decode()
    assert "薪ボイラーの導入支援" in page


def test_submit_view(client_as, region, member, outsider):
    url = reverse("registry:submit", args=["region", region.pk])
    assert client_as(outsider).post(url).status_code == 404
    assert client_as(member).post(url).status_code == 302
    region.refresh_from_db()
    assert region.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 403), ("outsider", 404), ("anonymous", 302), ("staff", 302)]
)
def test_approve_view(client_as, region, owner, outsider, staff, who, status):
    services.submit(owner, region)
    user = {"owner": owner, "outsider": outsider, "anonymous": None, "staff": staff}[who]
    response = client_as(user).post(reverse("registry:decide", args=["region", region.pk, "approve"]))
    assert response.status_code == status
    region.refresh_from_db()
    assert region.status == (S.APPROVED if who == "staff" else S.SUBMITTED)


def test_refuse_needs_reason_and_revoke(client_as, region, owner, staff):
    services.submit(owner, region)
    client = client_as(staff)
    url = reverse("registry:decide", args=["region", region.pk, "refuse"])
    client.post(url, {"reason": ""})
    region.refresh_from_db()
    assert region.status == S.SUBMITTED
    client.post(url, {"reason": "内容が不足しています", "next": "review"})
    region.refresh_from_db()
    assert region.status == S.REFUSED and region.decision_reason == "内容が不足しています"
    # The owner sees the reason.
    assert (
        "内容が不足しています"
        in client_as(owner).get(reverse("registry:region", args=[region.pk])).content.decode()
    )
    assert client.post(reverse("registry:decide", args=["region", region.pk, "bogus"])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("staff", 200), ("owner", 404), ("anonymous", 302)])
def test_review_queue(client_as, region, company, owner, staff, who, status):
    services.submit(owner, region)
    services.submit(owner, company)
    user = {"owner": owner, "staff": staff, "anonymous": None}[who]
    response = client_as(user).get(reverse("registry:review"))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert region.name in page and company.organization.name in page


def test_company_and_solutions(client_as, company_org, owner, member, outsider):
    industry = Industry.objects.get(code="33")
    response = client_as(member).post(
        reverse("registry:company_create", args=[company_org.pk]),
        {
            "summary": "再エネ",
            "industry": industry.pk,
            "agreed_to_purpose": "on",
            "contact_name": "営業",
            "contact_email": "s@example.jp",
        },
    )
    assert response.status_code == 302
    company = CompanyRegistration.objects.get()
    url = reverse("registry:solution_create", args=[company.pk])
    assert client_as(outsider).post(url, {"title": "x", "description": "y"}).status_code == 404
    for title in ("小水力発電", "営農型太陽光"):
        response = client_as(owner).post(
            url,
            {
                "title": title,
                "description": "説明",
                "regions_text": "長野県",
                "resources": [],
                "sdg_goals": [],
            },
        )
        assert response.status_code == 302
    assert list(company.solutions.values_list("title", flat=True)) == ["小水力発電", "営農型太陽光"]
    assert company.solutions.first().regions_served.get().code == "200000"
    solution = company.solutions.first()
    assert (
        client_as(owner).post(reverse("registry:solution_delete", args=[company.pk, solution.pk])).status_code
        == 302
    )
    assert not Solution.objects.filter(pk=solution.pk).exists()


def test_local_government_cannot_open_company_form(client_as, organization, owner):
    assert client_as(owner).get(reverse("registry:company_create", args=[organization.pk])).status_code == 403


def test_mine(client_as, region, owner, outsider):
    assert region.name in client_as(owner).get(reverse("registry:mine")).content.decode()
    assert region.name not in client_as(outsider).get(reverse("registry:mine")).content.decode()


def test_directory_filters(client, region):
    RegionRegistration.objects.filter(pk=region.pk).update(status=S.APPROVED)
    nagano = region.municipalities.get().prefecture
    sea = LocalResource.objects.get(code="sea")
    forest = LocalResource.objects.get(code="forest")
    url = reverse("registry:regions")
    assert region.name in client.get(url, {"prefecture": nagano.pk}).content.decode()
    assert region.name in client.get(url, {"resource": forest.pk}).content.decode()
    assert region.name not in client.get(url, {"resource": sea.pk}).content.decode()


def test_directory_query_count_is_constant(client, region, company, django_assert_max_num_queries):
    from junkan.municipalities.models import Municipality

    for i in range(5):
        extra = RegionRegistration.objects.create(
            organization=region.organization,
            name=f"地域{i}",
            challenges="c",
            desired_future="f",
            backcasting="b",
            contact_name="n",
            contact_email="e@example.jp",
            status=S.APPROVED,
        )
        extra.municipalities.set(Municipality.objects.filter(code__in=["202053", "202177"]))
        extra.resources.set(LocalResource.objects.all()[:3])
    CompanyRegistration.objects.filter(pk=company.pk).update(status=S.APPROVED)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("registry:regions")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("registry:companies")).status_code == 200


def test_audit_trail_on_profile_for_staff_only(client_as, region, owner, staff):
    services.submit(owner, region)
    url = reverse("registry:region", args=[region.pk])
    staff_page = client_as(staff).get(url).content.decode()
    history = staff_page[staff_page.index('id="audit-title"') :]
    # In words (issue 13): the move's label, the state change, never the code.
    assert "申請" in history and "registry.region.submitted" not in history and owner.full_name in history
    assert 'id="audit-title"' not in client_as(owner).get(url).content.decode()


def test_revoke_view(client_as, region, owner, staff, outsider):
    services.submit(owner, region)
    services.approve(staff, region)
    url = reverse("registry:decide", args=["region", region.pk, "revoke"])
    assert client_as(outsider).post(url, {"reason": "x"}).status_code == 403
    # 取消し is irreversible: the first post shows the confirmation page and changes nothing.
    page = client_as(staff).post(url, {"reason": "活動が確認できないため"})
    assert page.status_code == 200 and "元に戻せないこと" in page.content.decode()
    region.refresh_from_db()
    assert region.status == S.APPROVED
    confirmed = {"reason": "活動が確認できないため", "confirmed": "yes"}
    assert client_as(staff).post(url, confirmed).status_code == 302
    region.refresh_from_db()
    assert region.status == S.REVOKED
    assert client_as(outsider).get(reverse("registry:region", args=[region.pk])).status_code == 404


def test_edit_solution(client_as, company, owner, outsider):
    solution = company.solutions.get()
    url = reverse("registry:solution_edit", args=[company.pk, solution.pk])
    data = {"title": "薪ボイラーの設計", "description": "設計", "regions_text": "", "track_record": "3件"}
    assert client_as(outsider).post(url, data).status_code == 404
    assert client_as(owner).post(url, data).status_code == 302
    solution.refresh_from_db()
    assert solution.title == "薪ボイラーの設計" and solution.track_record == "3件"
    assert not solution.resources.exists()


def test_company_directory_filters(client, company):
    CompanyRegistration.objects.filter(pk=company.pk).update(status=S.APPROVED)
    url = reverse("registry:companies")
    name = company.organization.name
    energy_industry = Industry.objects.get(code="F")
    assert name in client.get(url, {"industry": energy_industry.pk}).content.decode()
    assert name not in client.get(url, {"industry": Industry.objects.get(code="A").pk}).content.decode()
    assert name in client.get(url, {"goal": SdgGoal.objects.get(number=7).pk}).content.decode()
    assert name not in client.get(url, {"goal": SdgGoal.objects.get(number=14).pk}).content.decode()


def test_an_organization_registers_its_company_once(client_as, company, company_org, owner):
    """A second 企業等登録 for one organization: a clear message, the typed values kept, no second row."""
    from django.db import IntegrityError, transaction

    industry = Industry.objects.get(code="33")
    response = client_as(owner).post(
        reverse("registry:company_create", args=[company_org.pk]),
        {
            "summary": "二重登録の試み",
            "industry": industry.pk,
            "agreed_to_purpose": "on",
            "contact_name": "営業",
            "contact_email": "s@example.jp",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "この組織の企業等登録はすでにあります。" in text
    assert "二重登録の試み" in text
    assert CompanyRegistration.objects.filter(organization=company_org).count() == 1
    # The database refuses it too (two requests at once, or a write that skips the service).
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyRegistration.objects.create(organization=company_org, summary="x", industry=industry)

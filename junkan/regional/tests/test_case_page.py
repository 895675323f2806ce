"""The page of a support case (``regional:case``): what each person sees and may do, its queries, and the
parts read once per generation (the economy data one may attach, the grant projects supported through the
case, the heading and the other fragments), each seen on the very next request after a change.

Each cache test first shows that a change made without a signal (``QuerySet.update``) is *not* seen (the
part is cached), then that the same change saved through the model is: without the signals they fail.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

# The grants tests' fixtures, for projects of the region's organization (through ``grant_project`` below).
from junkan.grants.tests.conftest import co_member, co_org, grant_call, make_project  # noqa: F401
from junkan.regional import services
from junkan.regional.models import CaseStatus, ConsortiumCase, Meeting
from junkan.regional.tests.conftest import selected_case

pytestmark = pytest.mark.django_db

HEARING_BUTTON = "移行ヒアリングを申し込む"
NO_MEETING = "移行ヒアリングの前に、コンソーシアムの会議を1回以上記録してください。"


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _url(case: Any) -> str:
    return reverse("regional:case", args=[case.pk])


def _account(area: str, *, visibility: str = "private", **where: Any) -> Any:
    from django.contrib.auth import get_user_model

    from junkan.economy.models import RegionalAccount

    return RegionalAccount.objects.create(
        created_by=get_user_model().objects.order_by("pk").first(),
        area_name=area,
        data_year=2018,
        visibility=visibility,
        production=Decimal("100"),
        distribution=Decimal("90"),
        **where,
    )


@pytest.fixture
def case(owner, staff, region, round_) -> Any:
    """Selected, with a meeting: every form is open to the region and the secretariat."""
    return selected_case(owner, staff, region, round_)


@pytest.fixture
def grant_project(request) -> Any:
    """``grant_project(title=…)``: a decided grant project of the region's organization."""
    make = request.getfixturevalue("make_project")
    return lambda **kwargs: make("decided", **kwargs)


@pytest.fixture
def elsewhere(make_user) -> tuple[Any, Any]:
    """Another organization on the region's municipality (飯田市), with a member."""
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization

    org = Organization.objects.create(
        kind="company", name="飯田の研究会", municipality=Municipality.objects.get(code="202053")
    )
    person = make_user("kenkyukai@example.jp")
    Membership.objects.create(organization=org, user=person, role=MembershipRole.OWNER)
    return org, person


# Who sees what ---------------------------------------------------------------------------------------------


def test_the_secretariat_sees_every_form_and_its_moves(client_as, staff, case):
    page = _page(client_as(staff), _url(case))
    for name in ("concept-desired_future", "budget-meetings-planned", "budget-meetings-actual"):
        assert f'name="{name}"' in page
    assert 'name="economy-account"' in page and 'name="analysis-file"' in page
    assert HEARING_BUTTON in page
    # The irreversible move leads to its confirmation page.
    assert f'href="{reverse("regional:move", args=["case", case.pk, "close"])}"' in page


@pytest.mark.parametrize("who", ["owner", "member"])
def test_the_region_edits_its_case_but_not_the_actual_amounts(client_as, case, who, request):
    page = _page(client_as(request.getfixturevalue(who)), _url(case))
    assert 'name="concept-desired_future"' in page and 'name="budget-meetings-planned"' in page
    assert 'name="economy-account"' in page and 'name="analysis-file"' in page
    assert 'name="budget-meetings-actual"' not in page
    assert HEARING_BUTTON in page and "ヒアリングを行わずに終了する" not in page


def test_a_team_expert_reads_the_case_without_forms(client_as, world, team_expert):
    page = _page(client_as(team_expert), _url(world["case"]))
    assert "経費の予定と執行" in page and "分析.pdf" in page
    assert 'name="action"' not in page and 'name="economy-account"' not in page


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_outsiders_get_404_until_published(client_as, case, outsider, who):
    client = client_as(outsider if who == "outsider" else None)
    assert client.get(_url(case)).status_code == 404
    assert client.post(_url(case), {"action": "concept"}).status_code == 404
    ConsortiumCase.objects.filter(pk=case.pk).update(is_published=True)
    page = _page(client, _url(case))
    assert '<h2 id="concept-title">構想</h2>' in page
    assert 'name="action"' not in page and "経費の予定と執行" not in page and "分析.pdf" not in page


# Bad input loses nothing typed -----------------------------------------------------------------------------


def test_a_refused_budget_comes_back_as_typed_and_open(client_as, owner, case):
    response = client_as(owner).post(
        _url(case),
        {"action": "budget", "budget-meetings-planned": "十万円くらい", "budget-other-planned": "0"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="十万円くらい"' in page and "<details open>" in page
    # The other forms are there too (from their fragments), unbound.
    assert 'name="concept-desired_future"' in page and 'name="economy-account"' in page
    assert case.cost_lines.get(kind="meetings").planned == 500_000


def test_another_organizations_private_data_cannot_be_attached(client_as, owner, case, elsewhere):
    theirs = _account(
        "飯田市（研究会）", organization=elsewhere[0], municipality=case.region.municipalities.get()
    )
    response = client_as(owner).post(_url(case), {"action": "economy", "economy-account": theirs.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "正しく選択してください" in page and "飯田市（研究会）" not in page
    case.refresh_from_db()
    assert case.economy_account_id is None


# The economy data one may attach ---------------------------------------------------------------------------


def test_the_choices_are_what_economy_accounts_allows_each_person(
    staff, owner, member, outsider, case, elsewhere, other_region, django_assert_num_queries
):
    region = case.region
    town = region.municipalities.get()
    ours = _account("飯田市", organization=region.organization)
    public_theirs = _account(
        "飯田市（公開）", visibility="public", organization=elsewhere[0], municipality=town
    )
    on_the_region = _account("南信州", visibility="public", region=region)
    _account("下川町", visibility="public", organization=other_region.organization)  # not this region's

    def expected(person: Any) -> list[tuple[int, str]]:
        return [(a.pk, a.display_name) for a in services.economy_accounts(person, case)]

    # The region's own private data: known from the membership the page has asked for already.
    for person in (staff, owner):
        services.economy_choices(person, case)
        with django_assert_num_queries(0):
            choices = services.economy_choices(person, case)
        assert choices == expected(person)
    assert {pk for pk, _label in services.economy_choices(owner, case)} == {
        ours.pk,
        public_theirs.pk,
        on_the_region.pk,
    }
    private_theirs = _account("飯田市（研究会）", organization=elsewhere[0], municipality=town)
    for person in (staff, owner, member, outsider, elsewhere[1]):
        assert services.economy_choices(person, case) == expected(person), person
    assert private_theirs.pk in dict(services.economy_choices(elsewhere[1], case))
    assert private_theirs.pk not in dict(services.economy_choices(owner, case))
    assert ours.pk not in dict(services.economy_choices(elsewhere[1], case))


def test_the_choices_follow_a_saved_account_at_once(client_as, staff, case):
    from junkan.economy.models import RegionalAccount

    account = _account("飯田市", organization=case.region.organization)
    client = client_as(staff)
    assert "飯田市 2018年" in _page(client, _url(case))
    RegionalAccount.objects.filter(pk=account.pk).update(area_name="署名なし")
    assert "飯田市 2018年" in _page(client, _url(case))  # no signal: the cached choices
    account.area_name = "飯田市（改訂）"
    account.save()
    page = _page(client, _url(case))
    assert "飯田市（改訂） 2018年" in page
    _account("南信州", visibility="public", region=case.region)
    assert "南信州 2018年" in _page(client, _url(case))


# The grant projects supported through the case -------------------------------------------------------------


def test_the_supported_projects_are_seen_at_once_by_those_who_may_see_them(
    client_as, grant_project, staff, owner, coordinator, case
):
    from django.utils import timezone

    from junkan.grants.models import Project, SupportJudgement

    services.appoint_coordinator(
        owner, case.region, {"name": "里山 結", "user": coordinator, "appointed_on": date(2025, 4, 1)}
    )
    project = grant_project(title="木質バイオマスの熱供給")
    heading = "この案件で支援する補助事業"
    assert heading not in _page(client_as(staff), _url(case))
    SupportJudgement.objects.create(
        project=project,
        fiscal_year=2020,
        needed=True,
        reason="担い手の育成",
        case=case,
        judged_by=staff,
        judged_at=timezone.now(),
    )
    for person in (staff, owner):
        page = _page(client_as(person), _url(case))
        assert heading in page and "木質バイオマスの熱供給" in page and "担い手の育成" in page
    # The region's coordinator is not the grantee: the case without the project.
    assert heading not in _page(client_as(coordinator), _url(case))

    Project.objects.filter(pk=project.pk).update(title="署名なし")
    assert "木質バイオマスの熱供給" in _page(client_as(staff), _url(case))  # no signal: the cached rows
    project.title = "木質バイオマスの熱供給（改）"
    project.save()
    assert "木質バイオマスの熱供給（改）" in _page(client_as(staff), _url(case))


# The heading and the moves ---------------------------------------------------------------------------------


def test_the_heading_follows_the_status_the_body_and_the_region(client_as, staff, owner, case):
    from junkan.common.workflow import transition
    from junkan.regional.processes import CASE

    client = client_as(staff)
    assert '<span class="badge">支援中</span>' in _page(client, _url(case))
    body = case.body
    body.name = "南信州 循環共生コンソーシアム"
    body.save()
    assert "南信州 循環共生コンソーシアム（構成員・会議・議事録）" in _page(client, _url(case))
    transition(CASE, owner, case, "to_hearing")
    assert '<span class="badge">移行ヒアリング</span>' in _page(client, _url(case))
    region = case.region
    region.name = "南信州 改め"
    region.save()
    page = _page(client, _url(case))
    assert "<title>南信州 改めの環境整備（2025年度）" in page and "<h1>南信州 改めの環境整備" in page


def test_the_hearing_button_asks_whether_the_consortium_has_met(client_as, owner, case):
    from junkan.common.workflow import transition
    from junkan.regional.processes import CASE

    Meeting.objects.filter(body=case.body).delete()
    client = client_as(owner)
    page = _page(client, _url(case))
    assert NO_MEETING in page and "disabled" in page
    with pytest.raises(ValidationError):
        transition(CASE, owner, ConsortiumCase.objects.get(pk=case.pk), "to_hearing")
    services.save_meeting(owner, case.body, {"held_on": date(2025, 7, 1), "agenda": "第1回"})
    page = _page(client, _url(case))
    assert NO_MEETING not in page
    assert f'action="{reverse("regional:move", args=["case", case.pk, "to_hearing"])}"' in page
    transition(CASE, owner, ConsortiumCase.objects.get(pk=case.pk), "to_hearing")
    assert ConsortiumCase.objects.get(pk=case.pk).status == CaseStatus.HEARING


# Queries ---------------------------------------------------------------------------------------------------


def _warm(client: Any, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("who", "queries"), [("staff", 4), ("owner", 5)])
def test_the_page_reads_the_case_once_whatever_it_holds(
    client_as, grant_project, staff, owner, case, elsewhere, who, queries, request, django_assert_num_queries
):
    """The session, the person, their roles, the case (with whether its consortium has met) and the member's
    membership (the staff's TOTP check is cached): a warm page reads nothing else, however many economy
    accounts, analyses, meetings and supported projects the case has."""
    from django.utils import timezone

    from junkan.grants.models import SupportJudgement

    client = client_as(request.getfixturevalue(who))
    url = _url(case)
    _warm(client, url)
    with django_assert_num_queries(queries):
        _warm(client, url)
    region = case.region
    for number in range(3):
        _account(f"飯田市{number}", organization=region.organization)
        _account(f"研究会{number}", organization=elsewhere[0], visibility="public", region=region)
        services.add_analysis(owner, case, _pdf(f"追加{number}.pdf"))
        services.save_meeting(owner, case.body, {"held_on": date(2025, 7, number + 1), "agenda": "会合"})
        SupportJudgement.objects.create(
            project=grant_project(),
            fiscal_year=2020,
            needed=True,
            reason="理由",
            case=case,
            judged_by=staff,
            judged_at=timezone.now(),
        )
    _warm(client, url)
    with django_assert_num_queries(queries):
        _warm(client, url)


def _pdf(name: str) -> Any:
    from junkan.regional.tests.conftest import pdf

    return pdf(name)

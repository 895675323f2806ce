"""The cached parts of the regional support pages (``regional.caching``): each is served from the cache until
a change of what it shows, and the very next request after a change shows it.

Every test shows first that a change made without a signal (``QuerySet.update``/``bulk_create``) leaves the
cached part as it was (it *is* cached), then that the same kind of change saved through the model (which
sends the signals the scope listens to) is seen at once: without the signals these tests fail.
Per-person parts (the forms, the buttons, who may log an activity) stay per request.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.common.templatetags.jp import yen
from junkan.regional import services
from junkan.regional.models import Activity, CostLine, Meeting
from junkan.regional.tests.conftest import pdf, selected_case

pytestmark = pytest.mark.django_db


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Progress across regions -----------------------------------------------------------------------------------


def test_the_progress_rows_are_cached_and_a_new_meeting_is_seen_at_once(
    client_as, staff, owner, region, round_
):
    case = selected_case(owner, staff, region, round_)  # one meeting
    client = client_as(staff)
    url = reverse("regional:overview")
    assert 'data-label="会議">1</td>' in _page(client, url)
    # No signal: the rows stay as they were cached.
    Meeting.objects.bulk_create([Meeting(body=case.body, held_on=date(2025, 7, 1), agenda="第2回")])
    assert 'data-label="会議">1</td>' in _page(client, url)
    # Saved through the model: the next page counts both new meetings.
    services.save_meeting(owner, case.body, {"held_on": date(2025, 8, 1), "agenda": "第3回"})
    assert 'data-label="会議">3</td>' in _page(client, url)


def test_the_progress_rows_follow_the_spent_amount(client_as, staff, owner, region, round_):
    case = selected_case(owner, staff, region, round_)
    client = client_as(staff)
    url = reverse("regional:overview")
    assert f"{yen(0)}／{yen(case.budget_cap)}" in _page(client, url)
    CostLine.objects.filter(case=case, kind="meetings").update(actual=100_000)
    assert f"{yen(0)}／{yen(case.budget_cap)}" in _page(client, url)
    services.save_budget(staff, case, {"meetings": {"planned": 500_000, "actual": 300_000}})
    assert f"{yen(300_000)}／{yen(case.budget_cap)}" in _page(client, url)


# A case ----------------------------------------------------------------------------------------------------


def test_the_case_budget_table_follows_a_saved_cost_line(client_as, staff, owner, region, round_):
    case = selected_case(owner, staff, region, round_)
    client = client_as(staff)
    url = reverse("regional:case", args=[case.pk])
    assert f"<td>{yen(500_000)}</td><td>{yen(0)}</td></tr></tfoot>" in _page(client, url)
    CostLine.objects.filter(case=case, kind="meetings").update(planned=700_000)
    assert f"<td>{yen(500_000)}</td><td>{yen(0)}</td></tr></tfoot>" in _page(client, url)
    line = CostLine.objects.get(case=case, kind="meetings")
    line.actual = 250_000
    line.save()
    page = _page(client, url)
    assert f"<td>{yen(700_000)}</td><td>{yen(250_000)}</td></tr></tfoot>" in page
    assert 'value="250000"' in page or 'value="250,000"' in page  # the form shows the saved amount too


def test_the_case_problems_and_analyses_are_seen_at_once(client_as, owner, region, round_):
    from junkan.regional.models import BodyMember

    case = services.start_case(owner, region, round_)
    client = client_as(owner)
    url = reverse("regional:case", args=[case.pk])
    government = "行政（地方公共団体）の構成員を加えてください"
    assert government in _page(client, url)
    BodyMember.objects.bulk_create([BodyMember(body=case.body, name="飯田市", sector="government")])
    assert government in _page(client, url)  # no signal: the cached list of problems
    services.add_member(owner, case.body, {"name": "飯田市 企画課", "sector": "government"})
    assert government not in _page(client, url)

    assert "新しい分析.pdf" not in _page(client, url)
    services.add_analysis(owner, case, pdf("新しい分析.pdf"))
    assert "新しい分析.pdf" in _page(client, url)


def test_the_case_hearing_link_is_seen_at_once(client_as, staff, owner, region, round_):
    from junkan.common.workflow import transition
    from junkan.regional.processes import CASE

    case = selected_case(owner, staff, region, round_)
    client = client_as(owner)
    url = reverse("regional:case", args=[case.pk])
    assert "移行ヒアリング</a>" not in _page(client, url)
    transition(CASE, owner, case, "to_hearing")
    assert "移行ヒアリング</a>" in _page(client, url)


def test_the_case_hub_line_follows_a_hub(client_as, staff, owner, region, round_):
    from junkan.hubs.areas import hubs_for_region

    case = selected_case(owner, staff, region, round_)
    client = client_as(staff)
    url = reverse("regional:case", args=[case.pk])
    hub = hubs_for_region(region)[0]
    assert hub.name in _page(client, url)
    hub.name = "新しい名前の拠点"
    hub.save()
    assert "新しい名前の拠点" in _page(client, url)


def test_the_case_forms_and_inner_parts_stay_per_person(client_as, staff, owner, outsider, region, round_):
    from junkan.regional.models import ConsortiumCase

    case = selected_case(owner, staff, region, round_)
    ConsortiumCase.objects.filter(pk=case.pk).update(is_published=True)
    url = reverse("regional:case", args=[case.pk])
    staff_page = _page(client_as(staff), url)
    assert 'name="budget-meetings-actual"' in staff_page and "経費の予定と執行" in staff_page
    region_page = _page(client_as(owner), url)
    assert 'name="budget-meetings-planned"' in region_page
    assert 'name="budget-meetings-actual"' not in region_page  # the actual amounts are the secretariat's
    public = _page(client_as(outsider), url)
    assert "経費の予定と執行" not in public and "分析.pdf" not in public and 'name="concept-' not in public
    assert "森と水とエネルギー" in public


# A region --------------------------------------------------------------------------------------------------


def test_the_region_page_follows_activities_plans_and_cases(client_as, world, owner, coordinator, staff):
    region = world["case"].region
    client = client_as(owner)
    url = reverse("regional:region", args=[region.pk])
    assert "森のエネルギー計画" in _page(client, url)
    Activity.objects.bulk_create(
        [
            Activity(
                coordinator=world["coordinator"], done_on=date(2026, 5, 1), kind="meeting", note="署名なし"
            )
        ]
    )
    assert "署名なし" not in _page(client, url)  # no signal: the cached log
    services.log_activity(
        coordinator, world["coordinator"], {"done_on": date(2026, 5, 2), "kind": "meeting", "note": "座談会"}
    )
    page = _page(client, url)
    assert "署名なし" in page and "座談会" in page

    services.create_plan(owner, region, {"title": "水のめぐり計画"})
    assert "水のめぐり計画" in _page(client, url)

    round_ = services.announce_round(
        staff, fiscal_year=2027, name="2027年度 環境整備", budget_cap=2_000_000, announced_on=date(2027, 4, 1)
    )
    services.start_case(owner, region, round_, kind="continued")
    assert "2027年度 環境整備" in _page(client, url)


def test_the_region_page_keeps_what_each_person_may_do(client_as, world, owner, member, coordinator, staff):
    region = world["case"].region
    url = reverse("regional:region", args=[region.pk])
    staff_page = _page(client_as(staff), url)
    assert "活動を記録する" in staff_page and 'name="case-recommended_by"' in staff_page
    member_page = _page(client_as(member), url)
    assert "活動を記録する" not in member_page  # only the coordinator and the secretariat log
    assert 'name="case-recommended_by"' not in member_page and 'name="case-round"' in member_page
    assert "活動を記録する" in _page(client_as(coordinator), url)


# The index and a plan ------------------------------------------------------------------------------------


def test_the_index_rows_follow_a_stage_change(client_as, world, member):
    from junkan.regional.models import BusinessPlan, PlanStatus

    client = client_as(member)
    url = reverse("regional:index")
    assert 'data-label="段階">支援チーム</td>' in _page(client, url)
    BusinessPlan.objects.filter(pk=world["plan"].pk).update(status=PlanStatus.BUSINESS)
    assert 'data-label="段階">支援チーム</td>' in _page(client, url)  # no signal: the cached rows
    plan = BusinessPlan.objects.get(pk=world["plan"].pk)
    plan.save()
    assert 'data-label="段階">事業化</td>' in _page(client, url)


def test_the_plan_kpis_and_cycles_are_seen_at_once(client_as, world, owner, outsider):
    from decimal import Decimal

    from junkan.regional.models import KpiYear, PdcaCycle

    plan, kpi = world["plan"], world["kpi"]
    client = client_as(owner)
    url = reverse("regional:plan", args=[plan.pk])
    assert "<td>950</td>" in _page(client, url)
    KpiYear.objects.filter(kpi=kpi).update(actual=Decimal(700))
    assert "<td>950</td>" in _page(client, url) and "<td>700</td>" not in _page(client, url)
    services.set_kpi_year(owner, kpi, 2026, None, Decimal(800))
    assert "<td>800</td>" in _page(client, url)

    PdcaCycle.objects.bulk_create(
        [PdcaCycle(plan=plan, fiscal_year=2026, check_note="署名なし", act_note="改善")]
    )
    assert "署名なし" not in _page(client, url)
    PdcaCycle.objects.create(plan=plan, fiscal_year=2027, check_note="振り返り", act_note="改善")
    page = _page(client, url)
    assert "署名なし" in page and "振り返り" in page
    # The cycles are the region's: not on the published plan's public page, however it was cached.
    plan.is_published = True
    plan.save(update_fields=["is_published"])
    _page(client, url)
    public = _page(client_as(outsider), url)
    assert "<td>800</td>" in public and "振り返り" not in public and 'name="kpi-name"' not in public


# Queries ---------------------------------------------------------------------------------------------------


def _another_region(make_user, number: int):
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    org = Organization.objects.create(
        kind="municipality",
        name=f"北海道下川町 {number}",
        municipality=Municipality.objects.get(code="014681"),
    )
    person = make_user(f"region{number}@example.jp")
    Membership.objects.create(organization=org, user=person, role=MembershipRole.OWNER)
    return RegionRegistration.objects.create(
        organization=org,
        name=f"地域{number}",
        status=RegistrationStatus.APPROVED,
        desired_future="未来",
        contact_name="担当",
        contact_email=person.email,
    )


def _queries(client, url: str, *, cold: bool) -> int:
    from django.core.cache import cache

    client.get(url)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("cold", [True, False])
def test_queries_do_not_grow_with_the_records(client_as, world, owner, staff, make_user, cold):
    """A case with more analyses, a region with more coordinators, activities and plans, a plan with more
    KPIs, more regions in the program: the same number of queries, computed afresh (cold) or cached."""
    region = world["case"].region
    urls = {
        "overview": reverse("regional:overview"),
        "case": reverse("regional:case", args=[world["case"].pk]),
        "region": reverse("regional:region", args=[region.pk]),
        "plan": reverse("regional:plan", args=[world["plan"].pk]),
        "index": reverse("regional:index"),
    }
    client = client_as(staff)
    before = {name: _queries(client, url, cold=cold) for name, url in urls.items()}
    round_ = world["case"].round
    for number in range(3):
        services.add_analysis(staff, world["case"], pdf(f"追加{number}.pdf"))
        appointed = services.appoint_coordinator(
            owner, region, {"name": f"調整役{number}", "appointed_on": date(2026, 5, number + 1)}
        )
        for day in (1, 2):
            services.log_activity(
                staff, appointed, {"done_on": date(2026, 6, day), "kind": "meeting", "note": "会合"}
            )
        services.create_plan(owner, region, {"title": f"計画{number}"})
        kpi = services.add_kpi(
            owner,
            world["plan"],
            {"area": "economy", "name": f"KPI{number}", "unit": "件", "baseline": 1, "baseline_year": 2025},
        )
        services.set_kpi_year(owner, kpi, 2026, 2, 1)
        other = _another_region(make_user, number)
        selected_case(other.organization.memberships.get().user, staff, other, round_)
    after = {name: _queries(client, url, cold=cold) for name, url in urls.items()}
    assert after == before

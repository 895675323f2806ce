"""The secretariat writes case studies and guides in the admin; every change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from junkan.audit.models import AuditEntry
from junkan.cases import services
from junkan.cases.models import CaseStudy, Guide

pytestmark = pytest.mark.django_db


def actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action__startswith="cases.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def case_form(**overrides) -> dict:
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import LocalResource, SdgGoal

    data = {
        "slug": "new-case",
        "title": "新しい事例",
        "summary": "概要です。",
        "region_label": "",
        "municipalities": [Municipality.objects.get(code="202053").pk],
        "region_registration": "",
        "resources": [LocalResource.objects.get(code="forest").pk],
        "sdg_goals": [SdgGoal.objects.get(number=7).pk],
        "background": "",
        "actions": "取組です。",
        "outcomes_note": "",
        "funding": "",
        "stakeholders": "",
        "published": "on",
        "published_at_0": "",
        "published_at_1": "",
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-label": "CO2削減量",
        "outcomes-0-value": "680.5",
        "outcomes-0-unit": "t-CO2/年",
        "outcomes-0-note": "",
        "outcomes-0-order": "0",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_secretariat_adds_a_case_in_the_admin(client_as, staff):
    client = client_as(staff)
    response = client.post(reverse("admin:cases_casestudy_add"), case_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    case = CaseStudy.objects.get(slug="new-case")
    assert case.published_at is not None
    assert str(case.outcomes.get().value) == "680.500"
    assert actions(case) == ["cases.case.created"]
    entry = AuditEntry.objects.get(action="cases.case.created")
    assert entry.changes["outcomes"][1] == [["CO2削減量", "680.500", "t-CO2/年", ""]]
    assert entry.changes["municipalities"][1] == ["202053"]


def test_a_change_in_the_admin_records_what_changed(client_as, staff, make_case):
    case = make_case(slug="old", title="古い題名")
    client = client_as(staff)
    url = reverse("admin:cases_casestudy_change", args=[case.pk])
    data = case_form(slug="old", title="新しい題名")
    stamp = timezone.localtime(case.published_at)
    data["published_at_0"], data["published_at_1"] = stamp.strftime("%Y-%m-%d"), stamp.strftime("%H:%M:%S")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.filter(action="cases.case.updated").get()
    assert entry.changes["title"] == ["古い題名", "新しい題名"]


def test_bad_input_in_the_admin_saves_nothing(client_as, staff):
    client = client_as(staff)
    response = client.post(
        reverse("admin:cases_casestudy_add"), case_form(**{"outcomes-0-value": "たくさん"})
    )
    assert response.status_code == 200
    assert not CaseStudy.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="cases.").exists()


def test_publishing_from_the_list_is_audited(client_as, staff, make_case):
    case = make_case(published=False)
    client = client_as(staff)
    response = client.post(
        reverse("admin:cases_casestudy_changelist"), {"action": "publish", "_selected_action": [case.pk]}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.published and case.published_at is not None
    assert actions(case) == ["cases.case.published"]


def test_deleting_is_audited(staff, make_guide):
    guide = make_guide()
    services.delete(staff, guide)
    assert not Guide.objects.exists()
    assert AuditEntry.objects.get(action="cases.guide.deleted").data["slug"] == guide.slug


@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_others_cannot_manage(request, client_as, who, make_case):
    user = request.getfixturevalue(who)
    case = make_case(published=False)
    with pytest.raises(PermissionDenied):
        services.set_published(user, case, True)
    with pytest.raises(PermissionDenied):
        services.delete(user, case)
    client = client_as(user)
    assert client.get(reverse("admin:cases_casestudy_changelist")).status_code == 302  # to the admin login
    case.refresh_from_db()
    assert not case.published


def test_set_published_keeps_the_first_publication_time(staff, make_guide):
    guide = make_guide(published=False)
    guide = services.set_published(staff, guide, True)
    first = guide.published_at
    services.set_published(staff, guide, False)
    guide = services.set_published(staff, guide, True)
    assert guide.published_at == first
    assert actions(guide) == ["cases.guide.published", "cases.guide.withdrawn", "cases.guide.published"]
    assert services.set_published(staff, guide, True).published  # no change, no entry
    assert len(actions(guide)) == 3


def test_themes_are_loaded_by_migration():
    from junkan.cases.models import CaseTheme

    assert CaseTheme.objects.count() == 13
    assert CaseTheme.objects.get(code="wide-area").name == "広域連携（都市と農村・流域）"


def test_the_admin_pages_open_for_the_secretariat(client_as, staff, make_case, make_guide):
    client = client_as(staff)
    case = make_case()
    guide = make_guide()
    for url in (
        reverse("admin:cases_casestudy_changelist"),
        reverse("admin:cases_casestudy_add"),
        reverse("admin:cases_casestudy_change", args=[case.pk]),
        reverse("admin:cases_guide_changelist"),
        reverse("admin:cases_guide_change", args=[guide.pk]),
        reverse("admin:cases_casetheme_changelist"),
        reverse("admin:search_searchdocument_changelist"),
    ):
        assert client.get(url).status_code == 200, url
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": "casestudy", "field_name": "municipalities", "term": "飯田"},
    )
    assert [r["text"] for r in autocomplete.json()["results"]] == ["長野県飯田市"]


def test_a_page_saved_as_published_gets_its_publication_time(make_case, make_guide):
    assert make_case(published=True).published_at is not None
    assert make_case(published=False).published_at is None
    guide = make_guide(published=False)
    guide.published = True
    guide.save(update_fields=["published"])
    guide.refresh_from_db()
    assert guide.published_at is not None

"""Staff edit calls in the admin; every change goes through the services: versioned and audited."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ModelMultipleChoiceField, MultipleChoiceField, MultiWidget
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.programs import services
from junkan.programs.loader import dump_program
from junkan.programs.models import Program, ProgramVersion, ProjectType, Theme
from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019
from junkan.programs.yaml_io import export_programs

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:programs_program_changelist")


@pytest.fixture
def staff_client(client_as, staff):
    return client_as(staff)


def _field_data(prefix: str, form: Any, data: dict[str, Any]) -> None:
    """What a browser would send for the form's current values (the admin's widgets included)."""
    for name, field in form.fields.items():
        key = f"{prefix}{name}"
        value = form[name].value()
        widget = field.widget
        if isinstance(widget, MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                if isinstance(part, date | time | datetime):
                    part = part.isoformat()
                data[f"{key}_{index}"] = "" if part is None else part
        elif getattr(widget, "input_type", None) == "checkbox" and not isinstance(value, list):
            if value:
                data[key] = "on"
        elif getattr(widget, "input_type", None) == "file" or (
            isinstance(field, MultipleChoiceField | ModelMultipleChoiceField) and not value
        ):
            continue
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        else:
            data[key] = "" if value is None else value


def change_form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """The POST data of an admin change page as loaded, with ``changes`` applied."""
    data: dict[str, Any] = {}
    _field_data("", response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for form in formset.forms:
            _field_data(f"{form.prefix}-", form, data)
    data.update(changes)
    return data


def type_url(program: Program, code: str) -> str:
    project_type = ProjectType.objects.get(program=program, code=code)
    return reverse("admin:programs_projecttype_change", args=[project_type.pk])


def program_url(program: Program) -> str:
    return reverse("admin:programs_program_change", args=[program.pk])


def test_the_secretariat_sees_the_calls(staff_client):
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    assert "YAMLから取り込む" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_others_cannot_reach_the_admin(client_as, outsider, who):
    response = client_as(None if who == "anonymous" else outsider).get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_secretariat_role_cannot_manage(client_as, make_user, with_totp, program_2019):
    client = client_as(with_totp(make_user("reviewer@example.jp", is_staff=True)))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(program_url(program_2019)).status_code == 403


def test_editing_a_cap_makes_a_version_and_an_audit_entry(staff_client, staff, program_2019):
    url = type_url(program_2019, "3")
    page = staff_client.get(url)
    assert page.status_code == 200
    response = staff_client.post(url, change_form_data(page, cap="2500000"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    program_2019.refresh_from_db()
    assert program_2019.version == 2
    assert ProjectType.objects.get(program=program_2019, code="3").cap == 2_500_000
    version = ProgramVersion.objects.get(program=program_2019, number=2)
    assert version.created_by == staff
    assert version.snapshot == dump_program(program_2019)
    entry = AuditEntry.objects.for_object(program_2019).get(action="programs.program.updated")
    assert entry.actor == staff
    assert entry.changes == {"project_types[3].cap": [3_000_000, 2_500_000]}


def test_editing_inline_category_rules_is_versioned(staff_client, program_2015):
    url = type_url(program_2015, "fs")
    page = staff_client.get(url)
    data = change_form_data(page)
    consumables = next(key for key, value in data.items() if value == "消耗品費" and key.endswith("-item"))
    prefix = consumables.removesuffix("-item")
    data[f"{prefix}-rules"] = (
        '[{"code": "unit_price_below", "params": {"threshold": 100000, "reference": "別表第2"}}]'
    )
    assert staff_client.post(url, data).status_code == 302
    entry = AuditEntry.objects.for_object(program_2015).get(action="programs.program.updated")
    assert list(entry.changes) == ["project_types[fs].cost_categories[業務費/消耗品費].rules"]


def test_saving_without_a_change_makes_no_version(staff_client, program_2019):
    url = program_url(program_2019)
    response = staff_client.post(url, change_form_data(staff_client.get(url)))
    assert response.status_code == 302
    assert ProgramVersion.objects.filter(program=program_2019).count() == 1
    assert not AuditEntry.objects.filter(action__startswith="programs.").exists()


def test_editing_the_program_itself(staff_client, program_2019):
    url = program_url(program_2019)
    response = staff_client.post(
        url, change_form_data(staff_client.get(url), short_name="脱炭素型地域づくりモデル形成事業")
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.for_object(program_2019).get(action="programs.program.updated")
    assert entry.changes == {
        "short_name": [
            "地域の多様な課題に応える脱炭素型地域づくりモデル形成事業",
            "脱炭素型地域づくりモデル形成事業",
        ]
    }


def test_bad_rule_data_is_refused_with_a_message(staff_client, program_2019):
    url = type_url(program_2019, "1")
    response = staff_client.post(url, change_form_data(staff_client.get(url), rules='[{"code": "nope"}]'))
    assert response.status_code == 200
    assert "規則「nope」はありません。" in response.content.decode()
    assert ProgramVersion.objects.filter(program=program_2019).count() == 1


def test_once_applied_to_a_change_needs_a_reason(staff_client, program_2019, monkeypatch):
    monkeypatch.setattr(Program, "has_applications", lambda self: True)
    url = type_url(program_2019, "3")
    page = staff_client.get(url)
    response = staff_client.post(url, change_form_data(page, cap="2500000"))
    assert response.status_code == 200
    assert "この公募には応募があります。変更理由を入力してください。" in response.content.decode()
    assert ProjectType.objects.get(program=program_2019, code="3").cap == 3_000_000
    response = staff_client.post(url, change_form_data(page, cap="2500000", change_reason="予算の減額による"))
    assert response.status_code == 302
    version = ProgramVersion.objects.get(program=program_2019, number=2)
    assert version.reason == "予算の減額による"
    assert version.had_applications is True
    # Nor can it be deleted, alone or in bulk; it can still be withdrawn without a reason.
    delete_url = reverse("admin:programs_program_delete", args=[program_2019.pk])
    assert staff_client.get(delete_url).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [program_2019.pk], "post": "yes"}
    response = staff_client.post(CHANGELIST, bulk)
    assert "応募があります" in response.content.decode()
    assert Program.objects.filter(pk=program_2019.pk).exists()
    staff_client.post(CHANGELIST, {"action": "withdraw", "_selected_action": [program_2019.pk]})
    program_2019.refresh_from_db()
    assert program_2019.published is False


def test_the_service_itself_refuses_a_silent_change_after_applications(staff, program_2019, monkeypatch):
    monkeypatch.setattr(Program, "has_applications", lambda self: True)
    data = dump_program(program_2019)
    data["project_types"][0]["cap"] = 9_000_000
    with pytest.raises(ValidationError) as caught:
        services.import_program(staff, data, replace=True)
    assert "change_reason" in caught.value.message_dict
    assert ProjectType.objects.get(program=program_2019, code="1").cap == 10_000_000


def test_adding_a_program_in_the_admin_makes_version_1(staff_client, staff):
    add = reverse("admin:programs_program_add")
    data = change_form_data(
        staff_client.get(add),
        slug="fy2026-new-call",
        name="令和8年度 新しい公募",
        fiscal_year="2026",
        executing_body="環境省",
        budget_account="general_account",
        opens_at_0="2026-05-01",
        opens_at_1="00:00:00",
        closes_at_0="2026-06-01",
        closes_at_1="17:00:00",
        published="on",
        ineligible_cost_examples="[]",
    )
    response = staff_client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    program = Program.objects.get(slug="fy2026-new-call")
    assert program.published_at is not None
    assert program.version == 1
    assert ProgramVersion.objects.get(program=program).number == 1
    entry = AuditEntry.objects.for_object(program).get()
    assert (entry.action, entry.actor) == ("programs.program.created", staff)


def test_publish_and_withdraw_actions(staff_client, program_2019):
    response = staff_client.post(CHANGELIST, {"action": "withdraw", "_selected_action": [program_2019.pk]})
    assert response.status_code == 302
    program_2019.refresh_from_db()
    assert program_2019.published is False
    assert program_2019.version == 2
    assert AuditEntry.objects.for_object(program_2019).get().action == "programs.program.withdrawn"
    staff_client.post(CHANGELIST, {"action": "publish", "_selected_action": [program_2019.pk]})
    program_2019.refresh_from_db()
    assert program_2019.published is True
    assert program_2019.published_at is not None
    assert program_2019.version == 3


def test_export_action_downloads_yaml(staff_client, program_2015):
    response = staff_client.post(CHANGELIST, {"action": "export_yaml", "_selected_action": [program_2015.pk]})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG_2015}.yaml"'
    assert yaml.safe_load(response.content)["slug"] == SLUG_2015


def test_import_view(staff_client, program_2019):
    data = dump_program(program_2019)
    data["slug"] = "imported-call"
    upload = SimpleUploadedFile(
        "call.yaml", export_programs([program_2019]).replace(SLUG_2019, "imported-call").encode()
    )
    response = staff_client.post(reverse("admin:programs_program_import"), {"file": upload})
    assert response.status_code == 302
    assert Program.objects.filter(slug="imported-call").exists()
    bad = SimpleUploadedFile("bad.yaml", b"slug: [unclosed\n")
    response = staff_client.post(reverse("admin:programs_program_import"), {"file": bad})
    assert response.status_code == 200
    assert "YAMLとして読み取れません" in response.content.decode()
    again = SimpleUploadedFile("call.yaml", export_programs([program_2019]).encode())
    response = staff_client.post(reverse("admin:programs_program_import"), {"file": again})
    assert "既にあります" in response.content.decode()


def test_delete_goes_through_the_service(staff_client, program_2015):
    response = staff_client.post(
        reverse("admin:programs_program_delete", args=[program_2015.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Program.objects.filter(pk=program_2015.pk).exists()
    assert AuditEntry.objects.get(action="programs.program.deleted").changes == {"slug": [SLUG_2015, None]}


def test_deleting_a_project_type_is_versioned(staff_client, program_2019):
    project_type = ProjectType.objects.get(program=program_2019, code="2")
    response = staff_client.post(
        reverse("admin:programs_projecttype_delete", args=[project_type.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    version = ProgramVersion.objects.get(program=program_2019, number=2)
    assert [t["code"] for t in version.snapshot["project_types"]] == ["1", "3"]
    assert version.reason == "事業区分の削除"


def test_themes_are_audited(staff_client):
    response = staff_client.post(
        reverse("admin:programs_theme_add"), {"slug": "biomass", "name": "バイオマス", "order": "9"}
    )
    assert response.status_code == 302
    theme = Theme.objects.get(slug="biomass")
    assert AuditEntry.objects.for_object(theme).get().action == "programs.theme.created"
    staff_client.post(
        reverse("admin:programs_theme_change", args=[theme.pk]),
        {"slug": "biomass", "name": "バイオマス利用", "order": "9"},
    )
    entry = AuditEntry.objects.for_object(theme).get(action="programs.theme.updated")
    assert entry.changes == {"name": ["バイオマス", "バイオマス利用"]}
    staff_client.post(reverse("admin:programs_theme_delete", args=[theme.pk]), {"post": "yes"})
    assert AuditEntry.objects.filter(action="programs.theme.deleted").count() == 1


def test_versions_are_read_only(staff_client, program_2019):
    version = ProgramVersion.objects.get(program=program_2019)
    url = reverse("admin:programs_programversion_change", args=[version.pk])
    assert staff_client.get(url).status_code == 200
    assert staff_client.post(url, {}).status_code == 403


def test_services_check_permissions(outsider, program_2019):
    with pytest.raises(PermissionDenied):
        services.set_published(outsider, program_2019, False)
    with pytest.raises(PermissionDenied):
        services.import_program(outsider, dump_program(program_2019), replace=True)
    with pytest.raises(PermissionDenied):
        services.delete_program(outsider, program_2019)
    assert Program.objects.get(pk=program_2019.pk).published


def test_has_applications_reads_the_applications_relation(program_2019, organization, owner):
    from junkan.applications.models import Application

    assert program_2019.has_applications() is False
    Application.objects.create(
        program=program_2019,
        project_type=program_2019.project_types.get(code="1"),
        organization=organization,
        created_by=owner,
        title="応募",
    )
    assert program_2019.has_applications() is True


def test_export_command_and_admin_agree(program_2019):
    out = io.StringIO()
    from django.core.management import call_command

    call_command("export_program", SLUG_2019, stdout=out)
    assert out.getvalue() == export_programs([program_2019])

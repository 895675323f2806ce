"""The audit log is append-only, namespaced, and readable per object by staff only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from junkan.audit.models import AppendOnlyError, AuditEntry
from junkan.audit.services import diff, record, snapshot

pytestmark = pytest.mark.django_db


def test_record_writes_who_what_and_changes(owner, organization):
    entry = record(owner, "organizations.organization.updated", organization, changes={"name": ["a", "b"]})
    entry.refresh_from_db()
    assert entry.actor == owner
    assert "owner@example.jp" in entry.actor_label
    assert entry.object_id == str(organization.pk)
    assert entry.object_repr == "長野県飯田市"
    assert entry.changes == {"name": ["a", "b"]}


def test_system_actor():
    entry = record(None, "system.demo.loaded")
    assert entry.actor is None and entry.actor_label == "system"


def test_action_must_be_namespaced(owner):
    with pytest.raises(ValueError, match="namespaced"):
        record(owner, "updated")


def test_entries_cannot_be_changed_or_deleted(owner):
    entry = record(owner, "test.thing.done")
    entry.action = "test.thing.undone"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x.y.z")
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing.done"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_database_refuses_updates_on_postgresql(owner):
    from django.db import DatabaseError, transaction

    entry = record(owner, "test.thing.done")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])


def test_snapshot_and_diff(organization):
    before = snapshot(organization, ["name", "municipality"])
    assert before == {"name": "長野県飯田市", "municipality": organization.municipality_id}
    assert diff(before, {**before, "name": "飯田市"}) == {"name": ["長野県飯田市", "飯田市"]}
    assert diff(before, before) == {}


@pytest.mark.parametrize(
    ("who", "status"), [("staff", 200), ("owner", 404), ("outsider", 404), ("anonymous", 302)]
)
def test_object_log_is_for_staff(client_as, organization, owner, outsider, staff, who, status):
    record(owner, "organizations.organization.updated", organization, changes={"name": ["前", "後"]})
    user = {"staff": staff, "owner": owner, "outsider": outsider, "anonymous": None}[who]
    response = client_as(user).get(
        reverse("audit:object", args=["organizations", "organization", organization.pk])
    )
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "organizations.organization.updated" in body
        assert "前 → 後" in body


def test_object_log_unknown_type_is_404(client_as, staff):
    assert client_as(staff).get(reverse("audit:object", args=["nope", "nothing", 1])).status_code == 404


def test_admin_is_read_only(client_as, staff, owner):
    entry = record(owner, "test.thing.done")
    client = client_as(staff)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()

"""History pages in words (``common.history``): who did what when, the changed fields labelled and
formatted; never an audit code such as ``grants.project.determined`` and never a Python dict."""

from __future__ import annotations

import re
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from junkan.common import history
from junkan.grants.models import Project

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\.[a-z_]+\b")
DICT = re.compile(r"\{'|\['|\{\"")


def _entry(action, changes=None, data=None, actor=None, model=Project):
    content_type = ContentType.objects.get_for_model(model)
    return SimpleNamespace(
        at=datetime(2026, 4, 1, 10, 30, tzinfo=ZoneInfo("Asia/Tokyo")),
        actor_id=getattr(actor, "pk", None),
        actor=actor,
        action=action,
        content_type_id=content_type.pk,
        content_type=content_type,
        object_repr="飯田市の小水力発電",
        changes=changes or {},
        data=data or {},
    )


def test_fields_are_labelled_and_formatted(staff):
    entry = _entry(
        "grants.project.determined",
        changes={
            "status": ["completed", "determined"],
            "determined_on": [None, "2026-04-01"],
            "determined_amount": [None, 8_765_000],
        },
        data={"reason": "実績報告のとおり", "internal": {"x": 1}},
        actor=staff,
    )
    (line,) = history.describe([entry])
    assert line.who == staff.full_name and "@" not in line.who
    assert not CODE.search(line.what)
    rows = {c.label: (c.before, c.after) for c in line.changes}
    assert rows["額の確定日"] == ("（なし）", "令和8年(2026年)4月1日")
    assert rows["確定額（円）"] == ("（なし）", "8,765,000円")
    assert rows["状態"][1] == "額の確定"
    assert line.notes == [("理由", "実績報告のとおり")]  # other data stays in the audit log


def test_an_undeclared_action_is_still_in_words():
    assert history.action_label("review.committee.created") == "審査委員会の作成"
    assert history.action_label("events.event.updated") == "イベントの変更"
    assert not CODE.search(history.action_label("nothing.known.whatever"))
    assert history.format_value({"a": 1}) == "a：1" and history.format_value([1, 2]) == "1、2"
    assert history.format_value(True) == "はい" and history.format_value(None) == "（なし）"


def test_the_registration_page_shows_its_history_in_words(client_as, owner, staff, organization):
    from django.urls import reverse

    from junkan.audit.services import record
    from junkan.registry.models import RegionRegistration

    region = RegionRegistration.objects.create(
        organization=organization, name="南信州", contact_name="環境 太郎", contact_email="kankyo@example.jp"
    )
    record(owner, "registry.region.submitted", region, changes={"status": ["draft", "submitted"]})
    record(owner, "registry.region.updated", region, changes={"name": ["南信", "南信州"]})
    text = client_as(staff).get(reverse("registry:region", args=[region.pk])).content.decode()
    section = text[text.index('id="audit-title"') :]
    assert owner.full_name in section
    assert "南信 → 南信州" in section
    assert not CODE.search(section) and not DICT.search(section) and owner.email not in section

"""History pages in words: one audit entry as a person reads it — who did what, when, and which fields
changed from what to what.

Every page that lists audit entries renders them through :func:`describe` (or the template tag
``{% history entries %}`` from ``common/templatetags/history.py``, which includes ``common/_history.html``):

- what: the move's label from its process declaration (:func:`junkan.common.workflow.audit_label`, 「提出」),
  else the object's name and the verb in words (「審査委員会の変更」); never the code
  (``grants.project.determined``);
- the changed fields by their ``verbose_name``, values formatted: dates in 和暦 with the 西暦
  (令和8年(2026年)4月1日), times in Japan time, yen with 円 and separators, choices by their label, yes/no,
  related objects by name; never a Python dict or list;
- the reason or note typed with the move, if any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.jp.dates import format_wareki
from junkan.jp.money import format_yen

# The last word of an audit code in words, for the entries that are not a declared move.
VERBS: Mapping[str, Any] = {
    "created": gettext_lazy("作成"),
    "updated": gettext_lazy("変更"),
    "changed": gettext_lazy("変更"),
    "saved": gettext_lazy("一時保存"),
    "deleted": gettext_lazy("削除"),
    "removed": gettext_lazy("削除"),
    "added": gettext_lazy("追加"),
    "set": gettext_lazy("設定"),
    "recorded": gettext_lazy("記録"),
    "submitted": gettext_lazy("提出"),
    "published": gettext_lazy("公開"),
    "cancelled": gettext_lazy("取消し"),
    "invited": gettext_lazy("案内の送信"),
    "notes": gettext_lazy("記録の変更"),
    "uploaded": gettext_lazy("ファイルの登録"),
    "downloaded": gettext_lazy("ダウンロード"),
    "read": gettext_lazy("閲覧"),
    "renewed": gettext_lazy("再申込"),
    "retried": gettext_lazy("再送"),
    "message": gettext_lazy("メッセージ"),
    "answered": gettext_lazy("回答"),
    "reopened": gettext_lazy("差戻し"),
    "closed": gettext_lazy("完了"),
    "assigned": gettext_lazy("割当て"),
    "decided": gettext_lazy("決定"),
    "approved": gettext_lazy("承認"),
    "refused": gettext_lazy("不承認"),
    "returned": gettext_lazy("差戻し"),
    "accepted": gettext_lazy("受理"),
    "withdrawn": gettext_lazy("取下げ"),
    "determined": gettext_lazy("額の確定"),
    "sent": gettext_lazy("送信"),
}

# The words typed with a move that the history shows (other data of an entry is for the audit log only).
NOTES: Mapping[str, Any] = {
    "reason": gettext_lazy("理由"),
    "note": gettext_lazy("メモ"),
    "comment": gettext_lazy("コメント"),
}

YEN_HINTS = ("円", "額", "amount")

# Words for audit actions that are not a declared move (those have their move's label), registered by the
# app that records them (``label_actions``) next to its processes.
ACTION_LABELS: dict[str, Any] = {}


def label_actions(labels: Mapping[str, Any]) -> None:
    """Register the words of an app's audit actions that are not declared moves."""
    ACTION_LABELS.update(labels)


@dataclass(frozen=True)
class Change:
    """One changed field: its label, and the value before and after, as text."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Line:
    """One entry in words."""

    at: datetime
    who: str
    what: str
    subject: str
    changes: list[Change] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def action_label(action: str, model: type[models.Model] | None = None) -> str:
    """The entry's action in words: the declared move's label, else 「<object>の<verb>」."""
    from junkan.common.workflow import audit_label

    label = audit_label(action) or ACTION_LABELS.get(action)
    if label:
        return str(label)
    parts = action.split(".")
    verb = parts[-1] if parts else ""
    noun = _object_name(parts[0], parts[1]) if len(parts) >= 3 else None
    if noun is None and model is not None:
        noun = str(model._meta.verbose_name)
    words = VERBS.get(verb)
    if words is None:
        return _("%(object)sの操作") % {"object": noun} if noun else _("操作")
    return _("%(object)sの%(verb)s") % {"object": noun, "verb": words} if noun else str(words)


def _object_name(app_label: str, name: str) -> str | None:
    noun = name.replace("_", "")
    try:
        models_of_app = list(apps.get_app_config(app_label).get_models())
    except LookupError:
        return None
    # The exact model (``review.committee``), else the one the noun ends (``review.member``: CommitteeMember).
    for match in (lambda m: m == noun, lambda m: m.endswith(noun)):
        for model in models_of_app:
            if match(model._meta.model_name):
                return str(model._meta.verbose_name)
    return None


def _related_name(model_field: models.Field, value: Any) -> str | None:
    related = model_field.related_model
    if related is None or value in (None, ""):
        return None
    if isinstance(value, list):
        names = [_related_name(model_field, v) for v in value]
        return "、".join(n for n in names if n)
    obj = related._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
    return str(obj) if obj is not None else None


def _is_yen(model_field: models.Field) -> bool:
    if not isinstance(model_field, models.IntegerField | models.BigIntegerField):
        return False
    words = f"{model_field.name} {model_field.verbose_name}"
    return any(hint in words for hint in YEN_HINTS)


def _as_date(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = parse_datetime(value)  # type: ignore[assignment]
        except ValueError:
            return None
        if moment is None:
            return None
    else:
        return None
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def format_value(value: Any, model_field: models.Field | None = None) -> str:
    """A value from the audit log as a person reads it (see the module docstring)."""
    if value is None or value == "" or value == [] or value == {}:
        return _("（なし）")
    if model_field is not None:
        if model_field.choices and not isinstance(value, list | dict):
            labels = {str(k): v for k, v in model_field.flatchoices}
            if str(value) in labels:
                return str(labels[str(value)])
        if model_field.is_relation:
            name = _related_name(model_field, value)
            if name:
                return name
        if isinstance(model_field, models.DateTimeField):
            moment = _as_datetime(value)
            if moment is not None:
                return f"{format_wareki(moment.date())} {moment:%H:%M}"
        elif isinstance(model_field, models.DateField):
            day = _as_date(value)
            if day is not None:
                return format_wareki(day)
        if isinstance(value, int) and not isinstance(value, bool) and _is_yen(model_field):
            return format_yen(value)
    if isinstance(value, bool):
        return _("はい") if value else _("いいえ")
    if isinstance(value, datetime):
        return format_value(value, models.DateTimeField())
    if isinstance(value, date):
        return format_wareki(value)
    if isinstance(value, dict):
        return "、".join(f"{key}：{format_value(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return "、".join(format_value(item) for item in value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value)


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except Exception:
        return None
    return found if isinstance(found, models.Field) else None


def changes_of(model: type[models.Model] | None, changes: Mapping[str, Any]) -> list[Change]:
    """The changed fields of an entry, labelled and formatted."""
    rows = []
    for name, pair in (changes or {}).items():
        before, after = (
            (pair[0], pair[1]) if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        )
        model_field = _field(model, name)
        label = str(model_field.verbose_name) if model_field is not None else name
        rows.append(Change(label, format_value(before, model_field), format_value(after, model_field)))
    return rows


def who(entry: Any) -> str:
    """The person, by name (never the address); 「システム」 for the platform itself."""
    if getattr(entry, "actor_id", None) and entry.actor is not None:
        return str(entry.actor.full_name or _("（氏名未登録の利用者）"))
    return _("システム")


def _load_actors(entries: list[Any]) -> None:
    """Read the actors of entries whose actor is not loaded yet in one query."""
    if not entries or not isinstance(entries[0], models.Model):
        return
    actor_field = entries[0]._meta.get_field("actor")
    wanted = {e.actor_id for e in entries if e.actor_id and not actor_field.is_cached(e)}
    if not wanted:
        return
    people = get_user_model()._default_manager.in_bulk(wanted)
    for entry in entries:
        if entry.actor_id in people and not actor_field.is_cached(entry):
            entry.actor = people[entry.actor_id]


def describe(entries: Iterable[Any]) -> list[Line]:
    """Audit entries as lines in words, in the order given (a fixed number of queries however many)."""
    entries = list(entries)
    _load_actors(entries)
    lines = []
    for entry in entries:
        # get_for_id reads the content-type cache: no query per entry.
        model = (
            ContentType.objects.get_for_id(entry.content_type_id).model_class()
            if entry.content_type_id
            else None
        )
        data = entry.data if isinstance(entry.data, dict) else {}
        notes = [
            (str(label), str(data[key]).strip())
            for key, label in NOTES.items()
            if isinstance(data.get(key), str) and data[key].strip()
        ]
        lines.append(
            Line(
                at=entry.at,
                who=who(entry),
                what=action_label(entry.action, model),
                subject=entry.object_repr,
                changes=changes_of(model, entry.changes if isinstance(entry.changes, dict) else {}),
                notes=notes,
            )
        )
    return lines

"""State changes of the master (only staff-added unions change) and parsing of what people type to find rows.

Official rows come from the national code list through migrations and are never changed here.
一部事務組合 and 広域連合 have no official code list, so the secretariat registers them through
``create_union`` / ``update_union`` / ``delete_union``; each change is validated and audited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.common.permissions import enforce
from junkan.jp.codes import CodeError, lg_check_digit, validate_lg_code
from junkan.jp.text import nfkc
from junkan.municipalities import permissions
from junkan.municipalities.models import (
    UNION_KINDS,
    UNION_MEMBER_KINDS,
    Municipality,
    MunicipalityKind,
)

PREFECTURE_COUNT: Final = 47
MIN_UNION_MEMBERS: Final = 2

# Katakana ァ (U+30A1) .. ヶ (U+30F6) map onto hiragana ぁ (U+3041) .. ゖ (U+3096).
_KATAKANA_TO_HIRAGANA: Final = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_KANA_ALLOWED = re.compile(r"[\u3041-\u3096\u309d\u309eー・ ]*")
_SPACES = re.compile(r"\s+")

MemberRef = Municipality | str


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (「サッポロ」 → 「さっぽろ」); everything else is kept."""
    return text.translate(_KATAKANA_TO_HIRAGANA)


def normalize_kana(text: str) -> str:
    """A reading as stored in ``kana``: NFKC (half-width katakana too), hiragana, single spaces."""
    return _SPACES.sub(" ", to_hiragana(nfkc(text))).strip()


def prefecture_number(value: str) -> str:
    """The two-digit prefecture number from 13, １３, 1 or a prefecture code 130001; else ValueError."""
    text = nfkc(value).strip()
    if re.fullmatch(r"[0-9]{1,2}", text, re.ASCII):
        if 1 <= int(text) <= PREFECTURE_COUNT:
            return f"{int(text):02d}"
    elif re.fullmatch(r"[0-9]{6}", text, re.ASCII):
        try:
            code = validate_lg_code(text)
        except CodeError as error:
            raise ValueError(error.message) from error
        if code[2:5] == "000" and 1 <= int(code[:2]) <= PREFECTURE_COUNT:
            return code[:2]
        raise ValueError(_("「%(code)s」は都道府県の団体コードではありません。") % {"code": code})
    raise ValueError(
        _("都道府県は01〜47の番号（東京都なら13）または都道府県の団体コード（130001）で指定してください。")
    )


def prefecture_code(number: str) -> str:
    """The 6-digit code of a prefecture from its two-digit number: 「13」 → 「130001」."""
    return f"{number}000{lg_check_digit(f'{number}000')}"


@dataclass(frozen=True, slots=True)
class UnionData:
    """The validated values of a union, ready to save."""

    kind: str
    name: str
    kana: str
    prefecture: Municipality
    members: tuple[Municipality, ...]
    website: str


def _resolve_prefecture(
    value: Municipality | str | None, errors: dict[str, list[str]]
) -> Municipality | None:
    """The prefecture row for an instance, a two-digit number or a prefecture code."""
    if value is None or value == "":
        errors.setdefault("prefecture", []).append(_("都道府県を選んでください。"))
        return None
    if isinstance(value, Municipality):
        pk: Any = value.pk
        found = Municipality.objects.filter(pk=pk, kind=MunicipalityKind.PREFECTURE).first()
    else:
        try:
            found = Municipality.objects.filter(code=prefecture_code(prefecture_number(value))).first()
        except ValueError as error:
            errors.setdefault("prefecture", []).append(str(error))
            return None
    if found is None:
        errors.setdefault("prefecture", []).append(_("都道府県を選んでください。"))
    return found


def _resolve_members(values: Iterable[MemberRef], errors: dict[str, list[str]]) -> tuple[Municipality, ...]:
    """The member rows (instances or 6-digit codes), checked to be official local public entities."""
    pks: set[Any] = set()
    codes: set[str] = set()
    messages: list[str] = []
    for value in values:
        if isinstance(value, Municipality):
            pks.add(value.pk)
            continue
        try:
            codes.add(validate_lg_code(value))
        except CodeError as error:
            messages.append(error.message)
    found = list(Municipality.objects.filter(Q(pk__in=pks) | Q(code__in=codes)).order_by("code", "id"))
    missing = codes - {m.code for m in found}
    messages.extend(
        _("団体コード「%(code)s」の団体は見つかりません。") % {"code": code} for code in sorted(missing)
    )
    not_allowed = [m for m in found if m.kind not in UNION_MEMBER_KINDS or m.is_northern_territories]
    if not_allowed:
        messages.append(
            _("構成団体にできるのは都道府県・市区町村（特別区を含む）だけです：%(names)s")
            % {"names": "、".join(m.full_name for m in not_allowed)}
        )
    if not messages and len(found) < MIN_UNION_MEMBERS:
        messages.append(_("構成団体を2つ以上選んでください。"))
    if messages:
        errors.setdefault("members", []).extend(messages)
    return tuple(found)


def validate_union(
    *,
    kind: str,
    name: str,
    kana: str,
    prefecture: Municipality | str | None,
    members: Iterable[MemberRef],
    website: str = "",
    instance: Municipality | None = None,
) -> UnionData:
    """Check and normalize the values of a union; ValidationError keyed by field, in Japanese."""
    errors: dict[str, list[str]] = {}
    if kind not in UNION_KINDS:
        errors["kind"] = [_("種別は「一部事務組合」または「広域連合」を選んでください。")]
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("名称を入力してください。")]
    elif len(name) > Municipality._meta.get_field("name").max_length:  # type: ignore[operator]
        errors["name"] = [_("名称は100文字以内で入力してください。")]
    kana = normalize_kana(kana or "")
    if not _KANA_ALLOWED.fullmatch(kana):
        errors["kana"] = [_("ふりがなはひらがなで入力してください。")]
    elif len(kana) > Municipality._meta.get_field("kana").max_length:  # type: ignore[operator]
        errors["kana"] = [_("ふりがなは200文字以内で入力してください。")]
    pref = _resolve_prefecture(prefecture, errors)
    resolved = _resolve_members(members, errors)
    website = (website or "").strip()
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors["website"] = [_("ウェブサイトは http:// または https:// で始まるURLで入力してください。")]
    if pref is not None and "name" not in errors:
        duplicate = Municipality.objects.filter(code__isnull=True, prefecture=pref, name=name)
        if instance is not None and instance.pk is not None:
            duplicate = duplicate.exclude(pk=instance.pk)
        if duplicate.exists():
            errors["name"] = [
                _("%(prefecture)sには「%(name)s」が既に登録されています。")
                % {"prefecture": pref.name, "name": name}
            ]
    if errors:
        raise ValidationError(errors)
    assert pref is not None  # an error was raised otherwise
    return UnionData(kind=kind, name=name, kana=kana, prefecture=pref, members=resolved, website=website)


def _audit_values(union: Municipality, members: Iterable[Municipality]) -> dict[str, Any]:
    """The audited view of a union: plain values, the prefecture and members by code."""
    return {
        "kind": str(union.kind),
        "name": union.name,
        "kana": union.kana,
        "prefecture": union.prefecture.code if union.prefecture is not None else None,
        "members": sorted(m.code or str(m.pk) for m in members),
        "website": union.website,
    }


def create_union(
    actor: Any,
    kind: str,
    name: str,
    kana: str,
    prefecture: Municipality | str | None,
    members: Iterable[MemberRef],
    *,
    website: str = "",
) -> Municipality:
    """Register a 一部事務組合 or 広域連合 with its member entities (instances or 6-digit codes). Audited."""
    if actor is not None:
        enforce(permissions.can_manage_unions(actor))
    data = validate_union(
        kind=kind, name=name, kana=kana, prefecture=prefecture, members=members, website=website
    )
    with transaction.atomic():
        union = Municipality.objects.create(
            code=None,
            kind=data.kind,
            name=data.name,
            kana=data.kana,
            full_name=data.name,
            prefecture=data.prefecture,
            website=data.website,
        )
        union.members.set(data.members)
        after = _audit_values(union, data.members)
        record(actor, "municipalities.union.created", union, changes={k: [None, v] for k, v in after.items()})
    return union


def update_union(
    actor: Any,
    union: Municipality,
    *,
    kind: str | None = None,
    name: str | None = None,
    kana: str | None = None,
    prefecture: Municipality | str | None = None,
    members: Iterable[MemberRef] | None = None,
    website: str | None = None,
) -> Municipality:
    """Change a union; arguments left as None keep their value. Audited with the changed fields only."""
    with transaction.atomic():
        current = Municipality.objects.select_for_update().get(pk=union.pk)
        decision = permissions.can_change(actor, current)
        if current.is_official or actor is not None:
            enforce(decision)
        current_members = list(current.members.order_by("code", "id"))
        data = validate_union(
            kind=current.kind if kind is None else kind,
            name=current.name if name is None else name,
            kana=current.kana if kana is None else kana,
            prefecture=current.prefecture if prefecture is None else prefecture,
            members=current_members if members is None else members,
            website=current.website if website is None else website,
            instance=current,
        )
        before = _audit_values(current, current_members)
        current.kind = data.kind
        current.name = data.name
        current.full_name = data.name
        current.kana = data.kana
        current.prefecture = data.prefecture
        current.website = data.website
        current.save()
        current.members.set(data.members)
        after = _audit_values(current, data.members)
        changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        if changes:
            record(actor, "municipalities.union.updated", current, changes=changes)
    return current


def delete_union(actor: Any, union: Municipality) -> None:
    """Delete a union (never an official row). Audited with its last values."""
    with transaction.atomic():
        current = Municipality.objects.select_for_update().get(pk=union.pk)
        decision = permissions.can_delete(actor, current)
        if current.is_official or actor is not None:
            enforce(decision)
        before = _audit_values(current, current.members.order_by("code", "id"))
        changes = {key: [value, None] for key, value in before.items()}
        record(actor, "municipalities.union.deleted", current, changes=changes)
        current.delete()


def search_filter(query: str) -> Q:
    """Match a typed query against name and full name, and (in hiragana) against the reading."""
    text = nfkc(query).strip()
    reading = to_hiragana(text).replace(" ", "")
    condition = Q(name__contains=text) | Q(full_name__contains=text)
    if reading:
        condition |= Q(kana__contains=reading)
    return condition

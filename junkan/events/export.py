"""The attendee list as CSV (UTF-8 with BOM, which Excel opens correctly) and as an Excel workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from junkan.common.spreadsheets import spreadsheet_safe
from junkan.events.models import Event, Registration, RegistrationStatus
from junkan.jp.dates import TOKYO


def headers() -> list[str]:
    return [
        _("受付番号"),
        _("状態"),
        _("キャンセル待ち順"),
        _("氏名"),
        _("所属"),
        _("メールアドレス"),
        _("受付日時"),
        _("キャンセル日時"),
    ]


def _when(value: object) -> str:
    return value.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M") if value else ""  # type: ignore[attr-defined]


_safe = spreadsheet_safe


def ordered(event: Event) -> list[tuple[Registration, int | None]]:
    """Confirmed first, then the waiting list in its order (with the position), then cancellations."""
    order = {
        RegistrationStatus.CONFIRMED: 0,
        RegistrationStatus.WAITLISTED: 1,
        RegistrationStatus.CANCELLED: 2,
    }
    registrations = sorted(
        Registration.objects.filter(event=event).order_by("queued_at", "id"), key=lambda r: order[r.status]
    )
    result: list[tuple[Registration, int | None]] = []
    position = 0
    for registration in registrations:
        if registration.status == RegistrationStatus.WAITLISTED:
            position += 1
            result.append((registration, position))
        else:
            result.append((registration, None))
    return result


def rows(event: Event) -> Iterable[list[object]]:
    for registration, position in ordered(event):
        yield [
            registration.pk,
            registration.get_status_display(),
            position or "",
            registration.name,
            registration.affiliation,
            registration.email,
            _when(registration.queued_at),
            _when(registration.cancelled_at),
        ]


def to_csv(event: Event) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows(event):
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(event: Event) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("参加者")
    sheet.append(headers())
    for row in rows(event):
        sheet.append([_safe(value) for value in row])
    for index, width in enumerate([10, 14, 10, 20, 28, 32, 18, 18], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Demo events: upcoming and past ones, one full with a waiting list. Titles and people are fictional.

Dates are set relative to the day the demo is first loaded; loading again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from junkan.events.models import Event, EventFormat, EventKind, EventStatus, Registration, RegistrationStatus
from junkan.jp.dates import tokyo_date, tokyo_datetime
from junkan.organizations.models import Organization

BODY = """プログラム（予定）
・開会、趣旨の説明（事務局）
・事例の報告
・質疑と意見交換

対象：自治体職員、地域の事業者・金融機関・NPOの方など、どなたでも参加できます。
参加費：無料

（デモ用の架空のイベントです）"""

# title, kind, organizer name (None: 事務局), days from today, start hour, hours, format, venue, capacity
EVENTS = [
    (
        "地域循環共生圏フォーラム2026（デモ）",
        EventKind.FORUM,
        None,
        30,
        13,
        4,
        EventFormat.HYBRID,
        ("環境省 第1会議室（デモ）", "東京都千代田区霞が関一丁目（架空）"),
        200,
        "全国の実践地域と企業が集まり、ローカルSDGsの取組と資金の流れをつくる仕組みを話し合います。",
    ),
    (
        "木質バイオマス熱利用の勉強会（デモ）",
        EventKind.STUDY,
        "長野県飯田市",
        10,
        14,
        2,
        EventFormat.ONSITE,
        ("飯田市役所 会議室（デモ）", "長野県飯田市大久保町2534番地"),
        3,
        "公共施設への薪ボイラー導入の経験を、導入した地域の担当者から聞きます。少人数の勉強会です。",
    ),
    (
        "地域のありたい未来を描くワークショップ（デモ）",
        EventKind.WORKSHOP,
        None,
        20,
        10,
        3,
        EventFormat.ONLINE,
        None,
        None,
        "地域の資源と課題を出し合い、バックキャスティングで事業の構想を描く方法を体験します。",
    ),
    (
        "ローカルSDGsシンポジウム（デモ）",
        EventKind.SYMPOSIUM,
        None,
        -40,
        13,
        3,
        EventFormat.ONSITE,
        ("イイノホール（デモ）", "東京都千代田区内幸町（架空）"),
        300,
        "地域循環共生圏の先行事例の発表と、地域金融機関を交えたパネルディスカッションを行いました。",
    ),
    (
        "地域新電力の立ち上げ勉強会（デモ）",
        EventKind.STUDY,
        "北海道下川町",
        -90,
        15,
        2,
        EventFormat.ONLINE,
        None,
        50,
        "地域新電力の事業計画と自治体の関わり方を学びました。",
    ),
]

# The full study session: three confirmed (the capacity) and two on the waiting list.
FULL_EVENT = "木質バイオマス熱利用の勉強会（デモ）"
PEOPLE = [
    ("環境 太郎（デモ）", "officer@example.jp", "長野県飯田市", RegistrationStatus.CONFIRMED),
    ("森 さくら（架空）", "mori@example.jp", "南信州森林組合（架空）", RegistrationStatus.CONFIRMED),
    ("木村 健（架空）", "kimura@example.jp", "阿智村（架空の担当者）", RegistrationStatus.CONFIRMED),
    ("薪田 実（架空）", "makita@example.jp", "", RegistrationStatus.WAITLISTED),
    (
        "共生 一郎（デモ）",
        "company@example.jp",
        "株式会社みどり循環エナジー（架空）",
        RegistrationStatus.WAITLISTED,
    ),
]


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    today = tokyo_date(timezone.now())
    for title, kind, org_name, days, hour, hours, fmt, venue, capacity, summary in EVENTS:
        organizer = Organization.objects.filter(name=org_name).first() if org_name else None
        if org_name and organizer is None:
            continue
        starts_at = tokyo_datetime(today + timedelta(days=days), hour)
        Event.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "summary": summary,
                "body": BODY,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=hours),
                "format": fmt,
                "venue": venue[0] if venue else "",
                "venue_address": venue[1] if venue else "",
                "online_url": "https://meet.example.jp/junkan-demo" if fmt != EventFormat.ONSITE else "",
                "capacity": capacity,
                "registration_deadline": starts_at - timedelta(days=2) if days > 0 else None,
                "organizer": organizer,
                "status": EventStatus.PUBLISHED,
                "published_at": timezone.now(),
            },
        )
    event = Event.objects.filter(title=FULL_EVENT).first()
    if event is not None:
        now = timezone.now()
        for index, (name, email, affiliation, status) in enumerate(PEOPLE):
            Registration.objects.get_or_create(
                event=event,
                email=email,
                defaults={
                    "name": name,
                    "affiliation": affiliation,
                    "status": status,
                    "queued_at": now + timedelta(minutes=index),
                },
            )
    log(f"events: {len(EVENTS)} demo events, one full with a waiting list")
    return []

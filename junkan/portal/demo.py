"""Demo news (お知らせ). The items are written for the demo and say so; dates are relative to today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from junkan.portal.models import News

NOTE = "\n\n（デモ用のお知らせです。実際の募集・開催ではありません。）"

# title, days ago, body
NEWS = [
    (
        "【デモ】地域循環共生圏づくりプラットフォームのサイトを公開しました",
        30,
        "「しる」「まなぶ」「つながる」「であう」「しかける」の5つの機能で、地域循環共生圏づくりに役立つ情報を掲載します。"
        "\n\n実践地域等登録・企業等登録の申請も、このサイトから行えます。",
    ),
    (
        "【デモ】実践地域等の登録を受け付けています",
        21,
        "地域循環共生圏のコンセプトに基づき、地域循環共生圏を構築・創造している／したい地域・団体の登録を受け付けています。"
        "\n\n登録した地域には、事務局からのメール配信、イベント・シンポジウムの情報提供、相談などのサポートを行います。",
    ),
    (
        "【デモ】他省庁等の支援施策の一覧を更新しました",
        10,
        "地域循環共生圏づくりに活用できる関係省庁の支援施策を追加しました。締切の近いものからご確認ください。",
    ),
    (
        "【デモ】専門家への相談を受け付けています",
        3,
        "地域経営・地域ブランディング・官民連携、環境、情報技術などの専門家への相談を、事務局が取り次ぎます。"
        "各専門家のページの「この専門家に相談する」からお送りください。",
    ),
]


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for title, days_ago, body in NEWS:
        News.objects.get_or_create(
            title=title,
            defaults={
                "body": body + NOTE,
                "published_at": now - timedelta(days=days_ago),
                "is_published": True,
            },
        )
    log(f"portal: {len(NEWS)} demo news items")
    return []

"""Demo call Q&A on the open demo call: one question answered and published, one waiting for an answer."""

from __future__ import annotations

from collections.abc import Callable

from junkan.accounts.demo import demo_user
from junkan.callqa import services
from junkan.callqa.models import Question
from junkan.programs.models import Program


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    program = Program.objects.filter(slug="demo-open-call").first()
    if program is None or Question.objects.filter(program=program).exists():
        return []
    officer = demo_user("officer@example.jp")
    answered = services.ask(
        officer,
        program,
        None,
        "（デモ）長野県飯田市",
        "（デモ）交付決定の前に、設備の見積りを取ることは補助対象外になりますか。",
    )
    services.answer(
        demo_user("secretariat@example.jp"),
        answered,
        "published",
        "（デモ）交付決定の前に見積りを取得してもよいでしょうか。",
        "（デモ）見積りの取得は差し支えありません。発注・契約は交付決定の日以降に行ってください。"
        "交付決定の前に発注した経費は補助の対象になりません。",
    )
    services.ask(
        demo_user("company@example.jp"),
        program,
        None,
        "（デモ）架空の企業",
        "（デモ）共同申請者が途中で変わる場合、どのような手続が必要ですか。",
    )
    log("callqa: 2 questions on the demo call (one answered and published)")
    return []

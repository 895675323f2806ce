"""Demo exchange: three themes, a question with answers from a region and a company, a consultation answered
by the secretariat. All content is written for the demo and marked （デモ）."""

from __future__ import annotations

from collections.abc import Callable

from junkan.accounts.demo import demo_user
from junkan.accounts.models import User
from junkan.exchange import services
from junkan.exchange.models import Consultation, Theme, Topic, TopicKind
from junkan.exchange.permissions import registered_organizations

THEMES = [
    ("energy", "地域エネルギー", "再エネの導入、地域新電力、熱利用などの質問と経験。"),
    ("consortium", "地域コンソーシアムの運営", "会議体の立ち上げ、合意形成、ステークホルダーの巻き込み方。"),
    ("finance", "資金調達・ESG地域金融", "融資・出資・クラウドファンディングなど、事業の資金のつくり方。"),
]


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    for order, (slug, title, description) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            slug=slug, defaults={"title": title, "description": description, "order": order}
        )
    regions_person = User.objects.filter(email="regions@example.jp").first()
    companies_person = User.objects.filter(email="companies@example.jp").first()
    if regions_person is None or companies_person is None:
        return []
    region_orgs = registered_organizations(regions_person)
    company_orgs = registered_organizations(companies_person)
    if not region_orgs or not company_orgs:
        return []
    if not Topic.objects.filter(title__endswith="（デモ）").exists():
        topic = services.start_topic(
            regions_person,
            Theme.objects.get(slug="energy"),
            region_orgs[0],
            TopicKind.QUESTION,
            "木質バイオマスの熱供給、燃料の調達をどう安定させましたか（デモ）",
            "（デモ）公共施設に薪ボイラーを入れる検討をしています。燃料の木材を年間通じて確保するために、"
            "森林組合や製材所とどのような取り決めをしたか、経験のある地域の方に伺いたいです。",
        )
        services.post_reply(
            companies_person,
            topic,
            company_orgs[0],
            "（デモ）私どもの支援先では、森林組合と5年の供給協定を結び、含水率の基準と価格の見直し時期を決めました。"
            "乾燥のためのストックヤードを自治体が用意したのが効きました。",
        )
        services.post_reply(
            regions_person,
            topic,
            region_orgs[-1],
            "（デモ）当地では製材端材を主に使い、足りない分を森林組合から買っています。二つの調達先を持つと安心です。",
        )
    if not Consultation.objects.exists():
        consultation = services.open_consultation(
            regions_person,
            region_orgs[0],
            "地域コンソーシアムに金融機関を迎えたい（デモ）",
            "（デモ）地元の信用金庫に参加をお願いしたいのですが、どのように声をかけるのがよいでしょうか。",
        )
        services.move(
            demo_user("secretariat@example.jp"),
            consultation,
            "answered",
            "（デモ）ESG地域金融のページで、地域の金融機関の取組をご覧いただけます。"
            "金融機関への公開に同意いただくと、金融機関から相談を申し込めるようになります。",
        )
    log(
        f"exchange: {Theme.objects.count()} themes, {Topic.objects.count()} topics, "
        f"{Consultation.objects.count()} consultations"
    )
    return []

"""The five functions of the platform (seed 000) and which pages belong to which, for the main navigation."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Function:
    key: str
    name: Promise
    summary: Promise  # one line under the name in the navigation
    description: Promise  # the home page's explanation, after seed 000
    url_name: str
    icon: str = "leaf"  # a name from junkan.common.icons


FUNCTIONS = (
    Function(
        "shiru",
        _("しる"),
        _("先進事例"),
        _("地域循環共生圏づくりのヒントになる先進事例を紹介します。"),
        "cases:list",
        "book-open",
    ),
    Function(
        "manabu",
        _("まなぶ"),
        _("手引き・学び"),
        _("構想策定の手引きやローカルSDGsビジネスを紹介します。"),
        "cases:guides",
        "graduation-cap",
    ),
    Function(
        "tsunagaru",
        _("つながる"),
        _("実践地域・地図"),
        _("実践地域等登録制度に登録した地域や活動団体を、地図と一覧で紹介します。"),
        "portal:tsunagaru",
        "map",
    ),
    Function(
        "deau",
        _("であう"),
        _("企業・専門家・支援策"),
        _("登録企業等とそのソリューション、専門家や協力専門団体、他省庁等の支援施策を紹介します。"),
        "portal:deau",
        "handshake",
    ),
    Function(
        "shikakeru",
        _("しかける"),
        _("資金の仕組み"),
        _(
            "ESG地域金融やグリーンファンド、地域ファンドなど、新たな資金獲得の仕組みを作り出した地域を紹介します。"
        ),
        "support:funding",
        "sprout",
    ),
)

# (namespace, url_name prefix) → function; the first match wins, "" matches every name.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("cases", "guide", "manabu"),
    ("cases", "", "shiru"),
    ("portal", "tsunagaru", "tsunagaru"),
    ("portal", "deau", "deau"),
    ("registry", "region", "tsunagaru"),  # regions (directory) and region (profile)
    ("registry", "compan", "deau"),  # companies and company
    ("support", "funding", "shikakeru"),
    ("finance", "", "shikakeru"),  # ESG regional finance
    ("support", "expert", "deau"),
    ("support", "organization", "deau"),
    ("support", "measure", "deau"),
)


def function_of(namespace: str | None, url_name: str | None) -> str | None:
    """The function a page belongs to, or None (account pages, programs, the home page...)."""
    for space, prefix, key in SECTIONS:
        if namespace == space and (url_name or "").startswith(prefix):
            return key
    return None

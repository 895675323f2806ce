"""Who may see the portal's pages. The public pages are for everyone, signed in or not."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, hide


def can_view_public_page(user: object) -> Decision:
    return allow()


def can_view_news(user: object, news: object) -> Decision:
    """Published news is public; the secretariat may preview drafts and scheduled items."""
    if news.is_public:  # type: ignore[attr-defined]
        return allow()
    if is_secretariat(user):
        return allow(_("事務局として公開前のお知らせを確認できます。"))
    return hide(_("公開されていないお知らせです。"))

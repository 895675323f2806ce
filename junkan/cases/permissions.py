"""Who may read and manage case studies and guides. Unpublished ones are hidden (404) from the public."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide


def can_browse(user: object) -> Decision:
    """The lists of published case studies and guides are public."""
    return allow()


def can_view(user: object, item: object) -> Decision:
    """A published case study or guide is public; a draft only for the secretariat (to preview it)."""
    if item.published:  # type: ignore[attr-defined]
        return allow(_("公開されています。"))
    if is_secretariat(user):
        return allow(_("事務局として非公開のページを確認できます。"))
    return hide(_("公開されていません。"))


def can_manage(user: object) -> Decision:
    """Writing, publishing and deleting case studies and guides is secretariat work (in the admin)."""
    if is_secretariat(user):
        return allow()
    return deny(_("事例・ガイドの作成と変更は事務局のみ行えます。"))

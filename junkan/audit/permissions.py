"""Who may read the audit log: the secretariat and administrators."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, hide


def can_view_audit_log(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("監査ログは事務局のみ閲覧できます。"))

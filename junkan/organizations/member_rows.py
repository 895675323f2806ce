"""The rows of an organization's members table, as HTML built in Python.

An owner's page shows 50 members with two forms and a link each; Django's template language spent ~4.5 ms
on them, resolving the same few variables row after row (bench: "organization detail"); this takes ~0.8 ms.
The markup is the one the template had; every value is escaped (``common.forms.esc``: ``conditional_escape``
without its per-call lazy check), the labels are translated and escaped once per page.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from junkan.common.forms import esc

_CELLS = (
    '<tr><td data-label="{name_label}">{name}</td><td data-label="{email_label}">{email}</td>'
    '<td data-label="{role_label}">{role}</td>'
    '<td data-label="{acts_label}">{acts}{acts_form}</td>{manage}</tr>'
)
_ACTS_FORM = (
    '<form method="post" action="{url}" class="inline-form">{csrf}'
    '<input type="hidden" name="allowed" value="{value}">'
    '<button type="submit" class="button">{label}<span class="visually-hidden">（{name}）</span></button>'
    "</form>"
)
_MANAGE = (
    '<td><form method="post" action="{role_url}" class="inline-form">{csrf}'
    '<label for="role-{pk}" class="visually-hidden">{select_label}</label>'
    '<select name="role" id="role-{pk}" class="compact">{options}</select>'
    '<button type="submit" class="button">{change}</button></form>'
    '<a class="button button-danger" href="{remove_url}">{remove}'
    '<span class="visually-hidden">（{name}）</span></a></td>'
)


def labels() -> dict[str, str]:
    """The table's words, translated once per page (the template shows the column names from here too)."""
    return {
        "name_label": _("氏名"),
        "email_label": _("メールアドレス"),
        "role_label": _("組織での役割"),
        "acts_label": _("応募の提出・取下げ"),
        "acts_owner": _("できます（管理者）"),
        "acts_yes": _("任されています"),
        "acts_no": _("できません"),
        "stop": _("任せるのをやめる"),
        "let": _("任せる"),
        "change": _("変更"),
        "leave": _("退出する"),
        "remove": _("外す"),
    }


def rows_html(
    rows: list[dict[str, Any]], words: dict[str, str], *, can_manage: bool, csrf: SafeString | str
) -> SafeString:
    """``rows`` as prepared by ``views._detail`` (values with role_label, role_options, is_owner, is_me and,
    for an owner, the three URLs); ``csrf`` is the page's hidden CSRF input (SafeString) for an owner."""
    w = {key: esc(value) for key, value in words.items()}
    csrf = esc(csrf)
    out = []
    for row in rows:
        name = esc(row["user__full_name"])
        acts_on = row["acts_for_applications"]
        acts = w["acts_owner"] if row["is_owner"] else (w["acts_yes"] if acts_on else w["acts_no"])
        acts_form = manage = ""
        if can_manage:
            if not row["is_owner"]:
                acts_form = _ACTS_FORM.format(
                    url=esc(row["member_applications"]),
                    csrf=csrf,
                    value="0" if acts_on else "1",
                    label=w["stop"] if acts_on else w["let"],
                    name=name,
                )
            manage = _MANAGE.format(
                role_url=esc(row["member_role"]),
                csrf=csrf,
                pk=esc(row["pk"]),
                select_label=esc(_("%(name)s さんの組織での役割") % {"name": row["user__full_name"]}),
                options=esc(row["role_options"]),  # SafeString (views._role_options): kept as it is
                change=w["change"],
                remove_url=esc(row["member_remove"]),
                remove=w["leave"] if row["is_me"] else w["remove"],
                name=name,
            )
        out.append(
            _CELLS.format(
                name_label=w["name_label"],
                email_label=w["email_label"],
                role_label=w["role_label"],
                acts_label=w["acts_label"],
                name=name,
                email=esc(row["user__email"]),
                role=esc(row["role_label"]),
                acts=acts,
                acts_form=acts_form,
                manage=manage,
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped

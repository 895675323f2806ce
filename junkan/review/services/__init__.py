"""Every change in the review: the committee and its members, conflicts of interest, assignments, score
sheets, hearings, budgets, decisions, notification and publication.

Each function checks the permission and the current state, runs in one transaction, saves with
``update_fields`` and writes the audit log (``review.<object>.<verb>``). E-mails are queued as tasks
after the commit.
"""

from junkan.review.services.committee import (
    COMMITTEE_FIELDS,
    MEMBER_FIELDS,
    ConflictRefresh,
    add_manager,
    add_member,
    auto_assign,
    check_conflicts,
    create_committee,
    declare,
    refresh_conflicts,
    remove_member,
    save_manual_assignments,
    shortage_message,
    update_committee,
    update_member,
)
from junkan.review.services.decisions import (
    DECISION_FIELDS,
    apply_proposal,
    decide,
    default_area,
    finalize,
    publish,
    set_budgets,
)
from junkan.review.services.mail import contact_address
from junkan.review.services.sheets import (
    HEARING_FIELDS,
    MarkInput,
    SheetNotSubmittable,
    check_sheet,
    invite_to_hearing,
    reopen_sheet,
    save_hearing,
    save_hearing_notes,
    save_sheet,
)

__all__ = [
    "COMMITTEE_FIELDS",
    "DECISION_FIELDS",
    "HEARING_FIELDS",
    "MEMBER_FIELDS",
    "ConflictRefresh",
    "MarkInput",
    "SheetNotSubmittable",
    "add_manager",
    "add_member",
    "apply_proposal",
    "auto_assign",
    "check_conflicts",
    "check_sheet",
    "contact_address",
    "create_committee",
    "decide",
    "declare",
    "default_area",
    "finalize",
    "invite_to_hearing",
    "publish",
    "refresh_conflicts",
    "remove_member",
    "reopen_sheet",
    "save_hearing",
    "save_hearing_notes",
    "save_manual_assignments",
    "save_sheet",
    "set_budgets",
    "shortage_message",
    "update_committee",
    "update_member",
]

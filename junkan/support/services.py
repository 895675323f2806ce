"""Changes in the support app: inquiries to experts, and audit entries of the secretariat's admin edits."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.models import Role, User
from junkan.audit.services import plain, record
from junkan.common.permissions import enforce
from junkan.support import permissions
from junkan.support.models import Expert, Inquiry


def send_inquiry(actor: User, expert: Expert, organization_name: str, message: str) -> Inquiry:
    """Keep a consultation request and tell the secretariat, who passes it on to the expert."""
    enforce(permissions.can_send_inquiry(actor, expert))
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            expert=expert, sender=actor, organization_name=organization_name.strip(), message=message.strip()
        )
        record(actor, "support.inquiry.sent", inquiry, data={"expert": expert.pk})
        transaction.on_commit(lambda: _notify_secretariat(inquiry.pk))
    return inquiry


def secretariat_addresses() -> list[str]:
    """Where inquiries go: the secretariat's shared address if set, else every active secretariat member."""
    shared = getattr(settings, "SECRETARIAT_EMAIL", "")
    if shared:
        return [shared]
    return sorted(
        User.objects.filter(is_active=True, role_grants__role=Role.SECRETARIAT)
        .values_list("email", flat=True)
        .distinct()
    )


def _notify_secretariat(inquiry_pk: int) -> None:
    inquiry = Inquiry.objects.select_related("expert", "sender").get(pk=inquiry_pk)
    # Imported here: importing a task module during app loading (the admin imports this module)
    # would fix the task backend before the test settings choose the immediate one.
    from junkan.accounts.tasks import send_email

    recipients = secretariat_addresses()
    if not recipients:
        return
    context = {
        "inquiry": inquiry,
        "admin_url": settings.SITE_URL + reverse("admin:support_inquiry_change", args=[inquiry.pk]),
    }
    send_email.enqueue(
        subject=_("[循環] 専門家への相談：%(name)s") % {"name": inquiry.expert.name},
        body=render_to_string("support/email/inquiry.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )


def record_admin_save(actor: User, obj: models.Model, form: Any, created: bool) -> None:
    """Audit an add or change made in the admin form (the admin saves inside its own transaction)."""
    verb = "created" if created else "changed"
    changes = {
        name: [None if created else plain(form.initial.get(name)), plain(form.cleaned_data.get(name))]
        for name in form.changed_data
    }
    record(actor, f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}", obj, changes=changes)


def record_admin_delete(actor: User, obj: models.Model) -> None:
    record(actor, f"{obj._meta.app_label}.{obj._meta.model_name}.deleted", obj)

"""Profiles follow the company registration: written when approved, removed when it stops being public."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from junkan.registry.models import CompanyRegistration


@receiver(post_save, sender=CompanyRegistration, dispatch_uid="matching.company_profiles")
def company_saved(sender: Any, instance: CompanyRegistration, **kwargs: Any) -> None:
    from junkan.matching.services import refresh_company

    transaction.on_commit(lambda: refresh_company(instance))

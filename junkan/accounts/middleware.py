"""Send staff, reviewers and administrators to 2FA setup until they have a TOTP device."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from junkan.accounts.models import TWO_FACTOR_ROLES


def requires_two_factor(user: object) -> bool:
    """Whether this person must log in with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:  # type: ignore[attr-defined]
        return True
    return bool(user.role_set & TWO_FACTOR_ROLES)  # type: ignore[attr-defined]


def has_totp(user: object) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireTwoFactorMiddleware:
    """Until a person who needs 2FA has set it up, every page but setup and logout redirects there.

    allauth then asks for the TOTP code at every login, so no staff or reviewer session exists
    without a second factor once setup is done.
    """

    # Paths that must stay reachable while setting up (prefix match).
    _open_url_names = (
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "account_reauthenticate",
        "account_logout",
        "set_language",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open_paths: tuple[str, ...] | None = None

    def _paths(self) -> tuple[str, ...]:
        if self._open_paths is None:
            self._open_paths = (*(reverse(name) for name in self._open_url_names), "/static/")
        return self._open_paths

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if requires_two_factor(user) and not request.path.startswith(self._paths()) and not has_totp(user):
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

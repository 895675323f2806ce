"""Send staff, reviewers and administrators to 2FA setup until they have a TOTP device."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from junkan.accounts.models import TWO_FACTOR_ROLES
from junkan.common import cache


def requires_two_factor(user: object) -> bool:
    """Whether this person must log in with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:  # type: ignore[attr-defined]
        return True
    return bool(user.role_set & TWO_FACTOR_ROLES)  # type: ignore[attr-defined]


# Bumped by every save or delete of an allauth Authenticator (apps.ready): asked on every page of staff and
# reviewers, the answer is read from the cache until the person's authenticators change.
MFA_SCOPE = "accounts.mfa"


def has_totp(user: object) -> bool:
    return cache.keyed(
        "accounts:has_totp",
        (MFA_SCOPE,),
        (user.pk,),  # type: ignore[attr-defined]
        lambda: Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    )


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


class StaffIdleTimeoutMiddleware:
    """Staff, reviewers and administrators are signed out after ``STAFF_IDLE_SECONDS`` without a request.

    Everyone else keeps ``SESSION_COOKIE_AGE``. The last request's time is kept in the session, written at
    most once a minute so that browsing does not write the session on every page.
    """

    KEY = "_junkan_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import time

        from django.conf import settings
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.utils.translation import gettext as _

        user = getattr(request, "user", None)
        if user is not None and requires_two_factor(user):
            now = int(time.time())
            seen = request.session.get(self.KEY)
            if isinstance(seen, int) and now - seen > settings.STAFF_IDLE_SECONDS:
                logout(request)
                messages.info(
                    request,
                    _("一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。"),
                )
                return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
            if not isinstance(seen, int) or now - seen >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)

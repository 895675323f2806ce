"""Authentication events in the audit log (allauth's and Django's signals), and the new-device notice.

Recorded (action ``accounts.auth.<event>``, on the person): login, failed login (the e-mail tried, no
password), a login refused by the throttle (``login_locked``, ログイン試行の制限: the e-mail tried and the
address, on the account when one has that e-mail), failed second factor, password changed, set or reset,
second factor added or removed, recovery codes regenerated or used. The person is e-mailed by allauth
itself on password and 2FA changes (``ACCOUNT_EMAIL_NOTIFICATIONS``) and by :func:`login` on a login from
a browser not seen before (a signed cookie, :data:`DEVICE_COOKIE`, set by :class:`DeviceCookieMiddleware`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account import signals as account
from allauth.mfa import signals as mfa
from django.contrib.auth.signals import user_login_failed
from django.core import signing
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from junkan.audit.services import record

DEVICE_COOKIE = "junkan_device"
DEVICE_COOKIE_AGE = 400 * 24 * 60 * 60
_SALT = "junkan.accounts.device"


def _client(request: HttpRequest | None) -> dict[str, str]:
    if request is None:
        return {}
    return {
        "ip": request.META.get("REMOTE_ADDR", ""),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
    }


def _known_devices(request: HttpRequest) -> set[str]:
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        return set(signing.loads(value, salt=_SALT)) if value else set()
    except (signing.BadSignature, TypeError, ValueError):
        return set()


@receiver(account.user_logged_in)
def login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    from junkan.audit.models import AuditEntry

    before = AuditEntry.objects.filter(action="accounts.auth.logged_in", object_id=str(user.pk)).exists()
    record(user, "accounts.auth.logged_in", user, data=_client(request))
    key = f"u{user.pk}"
    known = _known_devices(request)
    if key not in known:
        if before:  # not the first login ever: a browser this person has not used before
            send_new_device_notice(user, _client(request))
        # The cookie is written on the way out (DeviceCookieMiddleware).
        request._junkan_devices = sorted(known | {key})  # type: ignore[attr-defined]


def send_new_device_notice(user: Any, client: dict[str, str]) -> None:
    """Tell the person that their account was just used from a browser it was not used from before."""
    from django.conf import settings
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from junkan.accounts.tasks import send_email

    body = _(
        "%(name)s 様\n\n"
        "%(when)s に、これまでと異なる端末またはブラウザから循環 junkan へのログインがありました。\n"
        "接続元：%(ip)s\nブラウザ：%(agent)s\n\n"
        "ご自身のログインであれば、対応は不要です。心当たりがない場合は、"
        "すぐに %(site)s/accounts/sessions/ でその端末のログインを終了し、"
        "%(site)s/accounts/password/change/ でパスワードを変更して、事務局にご連絡ください。"
    ) % {
        "name": user.full_name or user.email,
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "ip": client.get("ip", ""),
        "agent": client.get("user_agent", ""),
        "site": settings.SITE_URL,
    }
    send_email.enqueue(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("新しい端末からのログイン"),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        record=False,
    )


@receiver(user_login_failed)
def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    tried = str(credentials.get("email") or credentials.get("username") or "")[:200]
    record(None, "accounts.auth.login_failed", None, data={"email": tried, **_client(request)})


LOCKOUT_EVENT = "ログイン試行の制限"


def record_lockout(request: HttpRequest | None, email: str) -> None:
    """A login refused because too many attempts failed (allauth's ``login_failed`` limit): its own entry."""
    from django.contrib.auth import get_user_model

    tried = email.strip()[:200]
    account = get_user_model().objects.filter(email__iexact=tried).first() if tried else None
    record(
        None,
        "accounts.auth.login_locked",
        account,
        data={"event": LOCKOUT_EVENT, "email": tried, **_client(request)},
    )


def _on_person(action: str) -> Callable[..., None]:
    def handler(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
        authenticator = kwargs.get("authenticator")
        data = _client(request)
        if authenticator is not None:
            data["type"] = str(authenticator.type)
        record(user, action, user, data=data)

    return handler


_HANDLERS = {
    account.password_changed: _on_person("accounts.auth.password_changed"),
    account.password_set: _on_person("accounts.auth.password_set"),
    account.password_reset: _on_person("accounts.auth.password_reset"),
    mfa.authenticator_added: _on_person("accounts.auth.second_factor_added"),
    mfa.authenticator_removed: _on_person("accounts.auth.second_factor_removed"),
    mfa.authenticator_reset: _on_person("accounts.auth.recovery_codes_regenerated"),
    mfa.authentication_failed: _on_person("accounts.auth.second_factor_failed"),
}
for _signal, _handler in _HANDLERS.items():
    _signal.connect(_handler, dispatch_uid=f"junkan-audit-{id(_signal)}")


@receiver(mfa.authenticator_used)
def second_factor_used(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any) -> None:
    if str(authenticator.type) == "recovery_codes":
        record(user, "accounts.auth.recovery_code_used", user, data=_client(request))


class DeviceCookieMiddleware:
    """Writes the signed list of people who logged in from this browser, after a login added one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        devices = getattr(request, "_junkan_devices", None)
        if devices is not None:
            response.set_cookie(
                DEVICE_COOKIE,
                signing.dumps(devices[-20:], salt=_SALT),
                max_age=DEVICE_COOKIE_AGE,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response

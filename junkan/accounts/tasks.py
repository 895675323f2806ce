"""Background work of the accounts app. Tasks take plain values, never model instances."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task(queue_name="mail")
def send_email(
    subject: str, body: str, from_email: str, to: list[str], html: str | None = None, record: bool = True
) -> None:
    """Send one e-mail; queued so that a slow mail server never slows a page down.

    Once sent it is recorded for the recipients' start pages (the notification list), except mails that
    carry a secret (account links: ``record=False``)."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    if record:
        from junkan.dashboard.services import record_mail

        record_mail(subject, body, to)

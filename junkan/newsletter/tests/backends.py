"""A mail backend for tests that fails once for chosen recipients, like a mail server dropping the line."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import ClassVar

from django.core.mail.backends import locmem
from django.core.mail.message import EmailMessage


class FlakyBackend(locmem.EmailBackend):
    fail_once_for: ClassVar[set[str]] = set()

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        for message in messages:
            if message.to[0] in self.fail_once_for:
                self.fail_once_for.discard(message.to[0])
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed (test)")
        return super().send_messages(messages)

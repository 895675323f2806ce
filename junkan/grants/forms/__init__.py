"""Forms of the grants pages, one module per area; :func:`add_errors` puts a service's refusal on a form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def add_errors(form: Any, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """A service's ValidationError on the form: on the fields it names (or their aliases), else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        name = (aliases or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)

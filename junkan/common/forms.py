"""Form rendering shared by every form, and one way to show a service's refusal on a form.

The field template (``common/forms/field.html``) ties each input to its label, help text
and error through ``aria-describedby`` and marks invalid inputs with ``aria-invalid``;
``common/forms/error_summary.html`` lists every error at the top of the form with links
to the fields, as JIS X 8341-3 / WCAG 3.3.1 asks.

Services refuse bad input with ``ValidationError``. Views wrap the call in
:func:`service_errors` instead of writing ``except ValidationError`` by hand::

    with service_errors(form) as outcome:
        thing = services.create(request.user, **form.cleaned_data)
    if outcome.ok:
        messages.success(request, _("保存しました。"))
        return redirect(thing)
    return render(request, "…", {"form": form})  # the form keeps what was typed

Messages naming a field of the form go on that field, the rest above the form
(``aliases`` renames the service's field names; ``{NON_FIELD_ERRORS: "code"}`` puts the
messages that name no field on ``code``). Without a
form (a button on a page), pass ``request=`` and the refusal becomes an error message. A page
with several forms, where the form is only known once the block has run, passes a function
that picks it (``lambda: forms_by_action.get(action)``); when it returns None the refusal
becomes an error message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest


class AccessibleFormRenderer(TemplatesSetting):
    """Django's renderer with the project's field and form templates."""

    form_template_name = "common/forms/form.html"
    field_template_name = "common/forms/field.html"


def add_errors(form: Any, error: ValidationError, aliases: Mapping[str, str] | None = None) -> None:
    """A service's ValidationError on a bound form: on the fields it names (or their aliases), else on top."""
    by_name = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    for name, errors in by_name.items():
        field = (aliases or {}).get(name, name)
        form.add_error(field if field != NON_FIELD_ERRORS and field in form.fields else None, errors)


def error_text(error: ValidationError) -> str:
    """Every message of a ValidationError as one line, for a flash message."""
    return " ".join(str(message) for message in error.messages)


@dataclass
class Outcome:
    """How a call wrapped in :func:`service_errors` ended: ``ok``, or refused with ``error``."""

    error: ValidationError | None = None

    @property
    def ok(self) -> bool:
        """True when the service did not refuse."""
        return self.error is None

    @property
    def refused(self) -> bool:
        """True when the service raised a ValidationError."""
        return self.error is not None


@contextmanager
def service_errors(
    form: Any = None,
    *,
    request: HttpRequest | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Iterator[Outcome]:
    """Run the block; a ValidationError goes onto ``form`` (or, without one, into ``request``'s messages).

    ``form`` may be a function returning the form (or None) when the error happens. Anything
    else propagates. At least one of ``form`` and ``request`` is needed.
    """
    if form is None and request is None:
        raise TypeError("service_errors needs a form or a request")
    outcome = Outcome()
    try:
        yield outcome
    except ValidationError as error:
        outcome.error = error
        target = form() if callable(form) else form
        if target is not None:
            add_errors(target, error, aliases)
        elif request is not None:
            messages.error(request, error_text(error))
        else:
            raise

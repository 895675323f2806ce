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

import html
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.boundfield import BoundField
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from junkan.common.widgets import select_html


class AccessibleFormRenderer(TemplatesSetting):
    """Django's renderer with the project's field and form templates."""

    form_template_name = "common/forms/form.html"
    field_template_name = "common/forms/field.html"


# Widgets whose template is Django's input.html (through text.html, checkbox.html...): rendered in Python.
_INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("text", "number", "email", "url", "password", "hidden", "checkbox", "date", "search", "tel")
}

# Django's own selects (not subclasses with templates of their own): their options rendered in Python.
_SELECTS = (forms.Select, forms.SelectMultiple)
_SELECT_TEMPLATE = "django/forms/widgets/select.html"


def esc(value: Any) -> str:
    """``conditional_escape`` without its lazy-argument wrapper (called a few thousand times a page): for
    markup built in Python where a page has many rows."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


_esc = esc


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: a safe value stays as it is."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape("%s" % (value,))  # noqa: UP031 - what stringformat:'s' does


def _input(widget: forms.Widget, name: str, value: Any, attrs: dict[str, Any] | None) -> SafeString:
    """Django's ``input.html`` (and the ``<type>.html`` that includes it) for ``widget``, in Python (the
    renderer strips the template's output)."""
    context = widget.get_context(name, value, attrs)["widget"]
    parts = [f'<input type="{_esc(context["type"])}" name="{_esc(context["name"])}"']
    if context["value"] is not None:
        parts.append(f' value="{_formatted(context["value"])}"')
    for key, item in context["attrs"].items():
        if item is True:
            parts.append(f" {_esc(key)}")
        elif item is not False:
            parts.append(f' {_esc(key)}="{_formatted(item)}"')
    parts.append(">")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped


class FastBoundField(BoundField):
    """A bound field whose field group (``common/forms/field.html``) and plain input are rendered in Python.

    The markup is the templates' to the byte (``common/tests/test_fast_fields.py`` compares them), without a
    template render per field and per input: a form of many rows (the CO2 calculator: 69 field groups on
    every computation) spent most of its time there. Django's own ``Select`` and ``SelectMultiple`` go
    through ``widgets.select_html`` (the options in Python; the same markup but for the whitespace between
    options). Every form of the project gets it from ``AccessibleFormRenderer``.
    """

    def as_widget(self, widget: Any = None, attrs: Any = None, only_initial: bool = False) -> SafeString:
        widget = widget or self.field.widget
        if only_initial or self.field.localize:
            return super().as_widget(widget, attrs, only_initial)
        plain_select = type(widget) in _SELECTS and widget.template_name == _SELECT_TEMPLATE
        if not plain_select and widget.template_name not in _INPUT_TEMPLATES:
            return super().as_widget(widget, attrs, only_initial)
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        if plain_select:
            return select_html(widget, self.html_name, self.value(), attrs)
        return _input(widget, self.html_name, self.value(), attrs)

    def as_field_group(self) -> SafeString:
        if self.template_name != AccessibleFormRenderer.field_template_name:
            return super().as_field_group()
        help_text, errors = self.help_text, self.errors
        auto_id = _esc(self.auto_id)
        invalid = " field-invalid" if errors else ""
        required = (
            format_html('<span class="required">{}</span>', gettext("必須"))
            if self.field.required or getattr(self.field, "spec_required", False)
            else ""
        )
        notes = (
            (f'<div class="helptext" id="{auto_id}_helptext">{help_text}</div>' if help_text else "")
            + "\n"
            + (
                f'<div class="field-error" id="{auto_id}_error">'
                + "".join(f"<p>{_esc(error)}</p>" for error in errors)
                + "</div>"
                if errors
                else ""
            )
            + "\n"
        )
        label = _esc(self.label)
        if self.use_fieldset:
            described = ""
            if help_text or errors:
                described = (
                    ' aria-describedby="'
                    + (f"{auto_id}_helptext" if help_text else "")
                    + (f" {auto_id}_error" if errors else "")
                    + '"'
                )
            html = (
                f'<fieldset class="field{invalid}"{described}>\n  <legend>{label}{required}</legend>\n  '
                f"{notes}\n  {self}\n</fieldset>"
            )
        elif self.widget_type == "checkbox":
            html = (
                f'<div class="field field-checkbox{invalid}">\n  {notes}\n  {self} '
                f'<label for="{auto_id}">{label}</label>\n</div>'
            )
        else:
            label_tag = f'<label for="{auto_id}">{label}{required}</label>' if self.label else ""
            html = f'<div class="field{invalid}">\n  {label_tag}\n  {notes}\n  {self}\n</div>'
        return mark_safe(html)  # noqa: S308 - the label, ids and errors are escaped; help text is safe


# Every form of the project renders its fields this way (a form may still name another class).
AccessibleFormRenderer.bound_field_class = FastBoundField


class FastManagementForm(ManagementForm):
    """A formset's hidden counts, rendered as ``common/forms/form.html`` does (no error, no visible field)
    without the template."""

    bound_field_class = FastBoundField

    def render(self, template_name: Any = None, context: Any = None, renderer: Any = None) -> SafeString:
        if template_name or context or renderer or self.errors or self.visible_fields():
            return super().render(template_name, context, renderer)
        if self.template_name != AccessibleFormRenderer.form_template_name:
            return super().render()
        return mark_safe("".join(str(field) for field in self.hidden_fields()))  # noqa: S308 - escaped

    __str__ = render
    __html__ = render


class FastFormSet(forms.BaseFormSet):
    """A formset whose management form is rendered in Python (``FastManagementForm``)."""

    @cached_property
    def management_form(self) -> ManagementForm:
        if self.is_bound:
            form = FastManagementForm(
                self.data, auto_id=self.auto_id, prefix=self.prefix, renderer=self.renderer
            )
            form.full_clean()
            return form
        initial = {
            TOTAL_FORM_COUNT: self.total_form_count(),
            INITIAL_FORM_COUNT: self.initial_form_count(),
            MIN_NUM_FORM_COUNT: self.min_num,
            MAX_NUM_FORM_COUNT: self.max_num,
        }
        return FastManagementForm(
            auto_id=self.auto_id, prefix=self.prefix, initial=initial, renderer=self.renderer
        )


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

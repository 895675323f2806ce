"""Form widgets shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    """A ``<select>`` whose options are rendered in Python instead of one template per option.

    Django renders every ``<option>`` through a template, about 0.1 ms each; a form with a few
    thousand options (the CO2 calculator's supplier menus on every row) spent most of its time
    there. The markup is the same as Django's, attributes (aria-invalid, aria-describedby,
    required) included.
    """

    #: Set by a form whose long option list is the same on every row and every request: the options'
    #: markup is then rendered once per generation of ``options_scopes`` (and language) and shared.
    options_name: str = ""
    options_scopes: tuple[str, ...] = ()

    def _options(self, optgroups: list[Any]) -> str:
        return options_html(optgroups)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if self.options_name and not self.allow_multiple_selected:
            return self._render_shared(name, value, attrs)
        return select_html(self, name, value, attrs)

    def _render_shared(self, name: str, value: Any, attrs: dict[str, Any] | None) -> SafeString:
        """The shared options with the chosen one marked: the same markup as ``render``, without building
        a dict per option on every row."""
        from django.utils.translation import get_language

        from junkan.common import cache

        options = cache.memo(
            f"options:{self.options_name}:{get_language()}",
            self.options_scopes,
            lambda: self._options(self.optgroups("", [], None)),
        )
        chosen = self.format_value(value)
        if chosen:
            plain = format_html('<option value="{}">', chosen[0])
            options = options.replace(plain, plain[:-1] + " selected>", 1)
        opening = format_html(
            '<select name="{}"{}>', name, attributes_html(self.build_attrs(self.attrs, attrs))
        )
        return mark_safe(opening + options + "</select>")  # noqa: S308 - every piece is escaped by format_html


def options_html(optgroups: list[Any]) -> str:
    """The ``<option>``s (in their ``<optgroup>``s) of a select's ``optgroups()``, as Django's templates
    render them."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        parts.extend(
            format_html(
                '<option value="{}"{}>{}</option>',
                option["value"],
                attributes_html(option["attrs"]),
                option["label"],
            )
            for option in options
        )
        if group_name:
            parts.append("</optgroup>")
    return "".join(parts)


def select_html(widget: forms.Select, name: str, value: Any, attrs: dict[str, Any] | None) -> SafeString:
    """What ``widget.render`` gives for a ``<select>`` (Django's ``Select``, ``SelectMultiple`` or
    ``FastSelect``), in Python: ``common.forms.FastBoundField`` renders Django's own selects with it."""
    context = widget.get_context(name, value, attrs)["widget"]
    opening = format_html('<select name="{}"{}>', context["name"], attributes_html(context["attrs"]))
    return mark_safe(opening + options_html(context["optgroups"]) + "</select>")  # noqa: S308 - escaped


def attributes_html(attrs: dict[str, Any]) -> str:
    """Django's ``attrs.html``: every attribute in order, ``True`` as a bare name, ``False`` left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            # {{ value|stringformat:'s' }}: a safe value stays as it is
            text = value.__html__() if hasattr(value, "__html__") else conditional_escape("%s" % (value,))  # noqa: UP031
            parts.append(f' {conditional_escape(name)}="{text}"')
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped

"""Form widgets shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
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
        parts = []
        for group_name, options, _index in optgroups:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"],
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        return "".join(parts)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if self.options_name and not self.allow_multiple_selected:
            return self._render_shared(name, value, attrs)
        widget = self.get_context(name, value, attrs)["widget"]
        opening = format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))
        return mark_safe(opening + self._options(widget["optgroups"]) + "</select>")  # noqa: S308 - escaped

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
        opening = format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))
        return mark_safe(opening + options + "</select>")  # noqa: S308 - every piece is escaped by format_html

"""Form rendering shared by every form: accessible markup and an error summary.

The field template (``common/forms/field.html``) ties each input to its label, help text
and error through ``aria-describedby`` and marks invalid inputs with ``aria-invalid``;
``common/forms/error_summary.html`` lists every error at the top of the form with links
to the fields, as JIS X 8341-3 / WCAG 3.3.1 asks.
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class AccessibleFormRenderer(TemplatesSetting):
    """Django's renderer with the project's field and form templates."""

    form_template_name = "common/forms/form.html"
    field_template_name = "common/forms/field.html"

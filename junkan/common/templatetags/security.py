"""Security notices for the admin: ``{% load security %}{% upload_scanner_notice %}``."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from junkan.common.files import scanner_status

register = template.Library()


@register.simple_tag
def upload_scanner_notice() -> str:
    """Whether uploads are scanned for viruses; a warning when no scanner is configured."""
    configured, text = scanner_status()
    kind = "info" if configured else "warning"
    return format_html('<ul class="messagelist"><li class="{}">{}</li></ul>', kind, text)

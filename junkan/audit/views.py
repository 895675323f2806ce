"""Staff browse the audit log of one object."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from junkan.audit.models import AuditEntry
from junkan.audit.permissions import can_view_audit_log
from junkan.common.paging import page_of
from junkan.common.permissions import enforce


@login_required
def object_log(request: HttpRequest, app_label: str, model: str, object_id: str) -> HttpResponse:
    enforce(can_view_audit_log(request.user))
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise Http404 from None
    obj = content_type.get_object_for_this_type(pk=object_id) if content_type.model_class() else None
    entries = AuditEntry.objects.filter(content_type=content_type, object_id=object_id).select_related(
        "actor"
    )
    page = page_of(request, entries, 50)
    return render(
        request,
        "audit/object_log.html",
        {"page": page, "object": obj, "content_type": content_type, "object_id": object_id},
    )

"""The audit log. Every state change calls :func:`junkan.audit.services.record`."""

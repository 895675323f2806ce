from django.apps import AppConfig


class AuditConfig(AppConfig):
    verbose_name = "監査ログ"
    name = "junkan.audit"
    label = "audit"

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    verbose_name = "申請"
    name = "junkan.applications"
    label = "applications"

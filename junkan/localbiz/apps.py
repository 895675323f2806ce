from django.apps import AppConfig


class LocalbizConfig(AppConfig):
    verbose_name = "ローカルSDGsビジネスの3要件"
    name = "junkan.localbiz"
    label = "localbiz"

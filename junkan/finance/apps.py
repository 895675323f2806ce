from django.apps import AppConfig


class FinanceConfig(AppConfig):
    verbose_name = "ESG地域金融"
    name = "junkan.finance"
    label = "finance"

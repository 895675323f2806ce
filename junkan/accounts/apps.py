from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "アカウント"
    name = "junkan.accounts"
    label = "accounts"

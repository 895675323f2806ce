from django.apps import AppConfig


class CasesConfig(AppConfig):
    verbose_name = "事例・学び"
    name = "junkan.cases"
    label = "cases"

from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    verbose_name = "地方公共団体"
    name = "junkan.municipalities"
    label = "municipalities"

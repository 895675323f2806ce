from django.apps import AppConfig


class CarbonConfig(AppConfig):
    verbose_name = "CO2削減量の算定"
    name = "junkan.carbon"
    label = "carbon"

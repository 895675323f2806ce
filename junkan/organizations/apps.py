from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    verbose_name = "組織"
    name = "junkan.organizations"
    label = "organizations"

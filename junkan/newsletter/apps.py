from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    verbose_name = "メールマガジン"
    name = "junkan.newsletter"
    label = "newsletter"

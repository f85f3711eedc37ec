from django.apps import AppConfig


class SecondmentsConfig(AppConfig):
    name = "apps.secondments"
    verbose_name = "Secondments"

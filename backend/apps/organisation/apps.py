from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "apps.organisation"
    verbose_name = "Organisation"

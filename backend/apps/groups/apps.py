from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "apps.groups"
    verbose_name = "Study groups"

from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "apps.groups"
    verbose_name = "Study groups"

    def ready(self) -> None:
        from apps.groups.notifications import register_kinds

        register_kinds()

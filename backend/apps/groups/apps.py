from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "apps.groups"
    verbose_name = _("Study groups")

    def ready(self) -> None:
        from apps.groups.notifications import register_kinds

        register_kinds()

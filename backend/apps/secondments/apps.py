from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecondmentsConfig(AppConfig):
    name = "apps.secondments"
    verbose_name = _("Secondments")

    def ready(self) -> None:
        from apps.notifications.kinds import register
        from apps.secondments.lifecycle import KINDS

        for code, label in KINDS.items():
            register(code, label)

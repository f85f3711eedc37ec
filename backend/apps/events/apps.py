from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    verbose_name = _("Exchange weeks")

    def ready(self) -> None:
        from apps.events.notifications import register_kinds

        register_kinds()

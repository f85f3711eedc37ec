from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "apps.events"
    verbose_name = "Exchange weeks"

    def ready(self) -> None:
        from apps.events.notifications import register_kinds

        register_kinds()

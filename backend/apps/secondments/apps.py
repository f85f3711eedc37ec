from django.apps import AppConfig


class SecondmentsConfig(AppConfig):
    name = "apps.secondments"
    verbose_name = "Secondments"

    def ready(self) -> None:
        from apps.notifications.kinds import register
        from apps.secondments.lifecycle import KINDS

        for code, label in KINDS.items():
            register(code, label)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "apps.tasks"
    verbose_name = _("Background tasks")

    def ready(self) -> None:
        # The runner's hooks (failures recorded, the worker's heartbeat) and the periodic tasks
        # of this app register on import.
        from apps.tasks import housekeeping, runner  # noqa: F401

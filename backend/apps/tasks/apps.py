from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "apps.tasks"
    verbose_name = "Background tasks"

    def ready(self) -> None:
        # The runner's hooks (failures recorded, the worker's heartbeat) and the periodic tasks
        # of this app register on import.
        from apps.tasks import housekeeping, runner  # noqa: F401

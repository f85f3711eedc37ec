from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "apps.realtime"
    verbose_name = "Real time"

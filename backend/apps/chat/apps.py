from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "apps.chat"
    verbose_name = _("Chat")

    def ready(self) -> None:
        from apps.chat.services import MENTIONED
        from apps.notifications.kinds import register

        register(MENTIONED, _("Mentioned in a message"))

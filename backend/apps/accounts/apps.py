from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from apps.accounts.receivers import session_opened

        user_logged_in.connect(session_opened, dispatch_uid="accounts.session_opened")

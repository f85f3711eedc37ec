import uuid
from functools import cached_property
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.sessions.models import Session
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.fields import EncryptedTextField
from apps.core.roles import Role


class Tier(models.TextChoices):
    """The three layers the training programme serves (分层培养，分类培训)."""

    LEADER = "leader", _("Leader")
    GENERAL = "general", _("General staff")
    SPECIALIST = "specialist", _("Technical specialist")


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", "简体中文"
    EN = "en", "English"


class SignInSite(models.TextChoices):
    """The ways in: the web app's session, an API token, the Django admin site."""

    APP = "app", _("The web app")
    API = "api", _("An API token")
    ADMIN = "admin", _("The admin site")


class Clearance(models.IntegerChoices):
    PUBLIC = 0, _("Public")
    INTERNAL = 1, _("Internal")
    CONFIDENTIAL = 2, _("Confidential")
    SECRET = 3, _("Secret")


class TalentbridgeUserManager(UserManager["User"]):
    def _create_user_object(
        self, username: str, email: str | None, password: str | None, **extra_fields: Any
    ) -> "User":
        user = self.model(username=username, email=email or "", **extra_fields)
        user.password = ""
        if password:
            # Also for ``createsuperuser --noinput`` (DJANGO_SUPERUSER_PASSWORD), which would
            # otherwise take any password.
            validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        return user

    def create_user(
        self,
        username: str,
        email: str | None = None,
        password: str | None = None,
        **extra_fields: Any,
    ) -> "User":
        user = self._create_user_object(username, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(
        self,
        username: str,
        email: str | None = None,
        password: str | None = None,
        **extra_fields: Any,
    ) -> "User":
        """For ``manage.py createsuperuser``: an account holding the admin role."""
        extra_fields.update(is_staff=True, is_superuser=True)
        user = self.create_user(username, email, password, **extra_fields)
        RoleGrant.objects.create(user=user, role=Role.ADMIN)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account: city staff, and later outside personnel.

    Roles are rows of :class:`RoleGrant`, granted by administrators only. ``is_staff`` and
    ``is_superuser`` (Django's admin site) follow the ``admin`` role and are set by the
    services that grant and revoke it.
    """

    username = models.CharField(
        max_length=150, unique=True, validators=[UnicodeUsernameValidator()]
    )
    employee_number = models.CharField(max_length=32, unique=True)
    display_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    department = models.ForeignKey(
        "organisation.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField(max_length=100, blank=True)
    tier = models.CharField(max_length=20, choices=Tier.choices, default=Tier.GENERAL)
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.ZH_HANS)
    clearance = models.PositiveSmallIntegerField(
        choices=Clearance.choices, default=Clearance.PUBLIC, validators=[MaxValueValidator(3)]
    )
    phone = EncryptedTextField(blank=True)
    national_id = EncryptedTextField(blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text=_("Can use the Django admin site; follows the admin role.")
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[TalentbridgeUserManager] = TalentbridgeUserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["employee_number", "display_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["employee_number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clearance__lte=3), name="user_clearance_at_most_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.employee_number})"

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles this person holds (read once per object; prefetch ``role_grants`` in lists)."""
        if not self.is_active:
            return frozenset()
        return frozenset(grant.role for grant in self.role_grants.all())


class RoleGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["user", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role")]

    def __str__(self) -> str:
        return f"{self.user.username}: {self.role}"


class BrowserSession(models.Model):
    """A browser session a person signed in with (the web app or the admin site): what their
    profile lists, so that they can see where they are signed in and end any of it. It goes
    with the session (signing out, ending it, ``clearsessions``); when the session began and
    when the person last acted are kept in the session (``apps.core.sessions``)."""

    session = models.OneToOneField(
        Session, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # The id the API names a session by: the session key is a secret, never shown.
    public_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="browser_sessions"
    )
    site = models.CharField(max_length=10, choices=SignInSite.choices)
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("browser session")
        verbose_name_plural = _("browser sessions")

    def __str__(self) -> str:
        return f"{self.user.username}: {self.site} session"

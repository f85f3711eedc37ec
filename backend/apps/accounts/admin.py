from typing import Any, cast

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.accounts import services
from apps.accounts.models import RoleGrant, SignInSite, User
from apps.accounts.validators import normalise_national_id, normalise_phone
from apps.audit.services import record_event
from apps.core.errors import RateLimitedError
from apps.core.masking import mask


class AdminSignInForm(AdminAuthenticationForm):
    """The admin site's sign-in goes through the same limits and audit trail as the web app's
    and the API's (``services.log_in``); like Django's, it does not say which part was wrong."""

    def clean(self) -> dict[str, Any]:
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = services.log_in(
                    username=username, password=password, site=SignInSite.ADMIN
                )
            except RateLimitedError as error:
                raise ValidationError(error.message, code=error.code) from None
            except ValidationError:
                raise self.get_invalid_login_error() from None
        return self.cleaned_data


admin.site.login_form = AdminSignInForm


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    """Grants made or removed here go through the same audited services as the API."""

    model = RoleGrant
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a grant is added or removed, never edited


class UserChangeForm(auth_forms.UserChangeForm[User]):
    """Sensitive fields are never shown here; an administrator may replace them. The password
    is shown as Django shows it: its hash summarised, with a link to set a new one."""

    new_phone = forms.CharField(required=False, help_text="Leave empty to keep the current one.")
    new_national_id = forms.CharField(
        required=False, help_text="Leave empty to keep the current one."
    )

    class Meta:
        model = User
        fields = [
            "username",
            "employee_number",
            "display_name",
            "email",
            "department",
            "position",
            "tier",
            "language",
            "clearance",
            "is_active",
            "password",
        ]

    def clean_is_active(self) -> bool:
        is_active: bool = self.cleaned_data["is_active"]
        if self.instance.pk is not None and self.instance.is_active and not is_active:
            services.check_may_deactivate(self.instance)
        return is_active

    def clean_new_phone(self) -> str:
        return normalise_phone(self.cleaned_data["new_phone"])

    def clean_new_national_id(self) -> str:
        return normalise_national_id(self.cleaned_data["new_national_id"])


class UserCreateForm(auth_forms.UserCreationForm[User]):
    class Meta:
        model = User
        fields = ["username", "employee_number", "display_name", "department"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    form = UserChangeForm
    add_form = UserCreateForm
    list_display = [
        "employee_number",
        "display_name",
        "username",
        "department",
        "tier",
        "is_active",
    ]
    list_filter = ["tier", "is_active", "role_grants__role", "department"]
    search_fields = ["employee_number", "display_name", "username", "email"]
    ordering = ["employee_number"]
    autocomplete_fields = ["department"]
    readonly_fields = [
        "masked_phone",
        "masked_national_id",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    ]
    inlines = [RoleGrantInline]
    list_select_related = ["department"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            "Person",
            {
                "fields": (
                    "employee_number",
                    "display_name",
                    "email",
                    "department",
                    "position",
                    "tier",
                    "language",
                    "clearance",
                )
            },
        ),
        (
            "Sensitive (stored encrypted)",
            {"fields": ("masked_phone", "new_phone", "masked_national_id", "new_national_id")},
        ),
        (
            "Access",
            {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")},
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "employee_number",
                    "display_name",
                    "department",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    @admin.display(description="Phone")
    def masked_phone(self, user: User) -> str:
        return mask(user.phone)

    @admin.display(description="National ID")
    def masked_national_id(self, user: User) -> str:
        return mask(user.national_id)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """Closing or opening an account and replacing a sensitive field go through the same
        audited services as the API; the other fields are saved here and audited together."""
        if not change:
            super().save_model(request, obj, form, change)
            record_event(actor=request.user, action="user.created_in_admin", target=obj)
            return
        actor = cast(User, request.user)  # the admin site admits signed-in staff only
        if "is_active" in form.changed_data:
            obj.is_active = form.initial["is_active"]
        edited = sorted(
            set(form.changed_data) & set(UserChangeForm.Meta.fields) - {"is_active", "password"}
        )
        super().save_model(request, obj, form, change)
        if edited:
            record_event(
                actor=actor, action="user.changed_in_admin", target=obj, after={"fields": edited}
            )
        if "is_active" in form.changed_data:
            change_activity = (
                services.reactivate_user
                if form.cleaned_data["is_active"]
                else services.deactivate_user
            )
            change_activity(actor=actor, user=obj)
        replacements = {
            field: form.cleaned_data[f"new_{field}"]
            for field in services.SENSITIVE_FIELDS
            if form.cleaned_data.get(f"new_{field}")
        }
        if replacements:
            services.replace_sensitive_fields(actor=actor, person=obj, **replacements)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not RoleGrant:
            super().save_formset(request, form, formset, change)
            return
        actor = cast(User, request.user)  # the admin site admits signed-in staff only
        # What the admin's history message lists, as ``formset.save()`` would have set it.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for grant_form in formset.forms:
            if not grant_form.has_changed() or grant_form.instance.pk is not None:
                continue
            if grant_form.cleaned_data.get("DELETE"):
                continue
            formset.new_objects.append(
                services.grant_role(
                    actor=actor, user=form.instance, role=grant_form.cleaned_data["role"]
                )
            )
        for grant_form in formset.deleted_forms:
            if grant_form.instance.pk is not None:
                services.revoke_role(actor=actor, grant=grant_form.instance)
                formset.deleted_objects.append(grant_form.instance)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).select_related("department")

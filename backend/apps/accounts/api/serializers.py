from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Language, RoleGrant, SignInSite, Tier, User
from apps.accounts.permissions import headed_department_ids, may_read_sensitive, may_see_clearance
from apps.accounts.selectors import SignedInSession
from apps.accounts.validators import normalise_phone
from apps.core.masking import mask
from apps.core.roles import Role
from apps.organisation.api.serializers import DepartmentBriefSerializer
from apps.skills.api.serializers import StaffSkillBriefSerializer

# ``email`` is plain text, not of format "email": a person without one has the empty string.


class PersonSerializer(serializers.ModelSerializer[User]):
    """A person as the directory shows them: phone and national ID always masked (the reveal
    endpoint gives the values to those allowed, and audits it), clearance only to those who
    may see it."""

    email = serializers.CharField(read_only=True, help_text="Work e-mail; empty when unknown.")
    department = DepartmentBriefSerializer(read_only=True, allow_null=True)
    tier = serializers.ChoiceField(choices=Tier.choices, read_only=True)
    roles = serializers.SerializerMethodField()
    skills = StaffSkillBriefSerializer(source="staff_skills", many=True, read_only=True)
    phone = serializers.SerializerMethodField()
    national_id = serializers.SerializerMethodField()
    clearance = serializers.SerializerMethodField()
    can_reveal = serializers.SerializerMethodField(
        help_text="Whether the caller may reveal the masked fields."
    )

    class Meta:
        model = User
        fields = [
            "id",
            "employee_number",
            "display_name",
            "email",
            "department",
            "position",
            "tier",
            "roles",
            "skills",
            "phone",
            "national_id",
            "clearance",
            "can_reveal",
            "is_active",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Role.choices)))
    def get_roles(self, person: User) -> list[str]:
        return sorted(person.roles)

    def get_phone(self, person: User) -> str:
        return mask(person.phone)

    def get_national_id(self, person: User) -> str:
        return mask(person.national_id)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_clearance(self, person: User) -> int | None:
        return person.clearance if may_see_clearance(self.context["request"].user, person) else None

    def get_can_reveal(self, person: User) -> bool:
        return may_read_sensitive(self.context["request"].user, person)


class RevealSerializer(serializers.Serializer[dict[str, str]]):
    reason = serializers.CharField(
        max_length=200, help_text="Why the reader needs the values; kept in the audit trail."
    )


class SensitiveFieldsSerializer(serializers.Serializer[dict[str, str]]):
    phone = serializers.CharField(read_only=True)
    national_id = serializers.CharField(read_only=True)


class MeSerializer(serializers.ModelSerializer[User]):
    """The signed-in person's own profile, unmasked: it is theirs."""

    email = serializers.CharField(read_only=True, help_text="Work e-mail; empty when unknown.")
    department = DepartmentBriefSerializer(read_only=True, allow_null=True)
    roles = serializers.SerializerMethodField()
    headed_department_ids = serializers.SerializerMethodField(
        help_text="Departments this person acts on as department head (their own and below)."
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "employee_number",
            "display_name",
            "email",
            "department",
            "position",
            "tier",
            "language",
            "clearance",
            "roles",
            "headed_department_ids",
            "phone",
            "national_id",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Role.choices)))
    def get_roles(self, user: User) -> list[str]:
        return sorted(user.roles)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_headed_department_ids(self, user: User) -> list[int]:
        return sorted(headed_department_ids(user))


class MeUpdateSerializer(serializers.Serializer[User]):
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=25)

    def validate_phone(self, value: str) -> str:
        return normalise_phone(value)


class CredentialsSerializer(serializers.Serializer[dict[str, Any]]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class LoginSerializer(CredentialsSerializer):
    language = serializers.ChoiceField(
        choices=Language.choices,
        required=False,
        help_text="The language the sign-in page was shown in: kept, and saved to the profile.",
    )


class PasswordLinkSerializer(serializers.Serializer[dict[str, Any]]):
    url = serializers.CharField(help_text="The set-password link, to hand to the person.")
    expires_at = serializers.DateTimeField()
    emailed = serializers.BooleanField(help_text="Whether it is also emailed to the person.")


class PasswordResetRequestSerializer(serializers.Serializer[dict[str, str]]):
    login = serializers.CharField(max_length=254, help_text="The username or the email.")


class PasswordResetRequestedSerializer(serializers.Serializer[dict[str, str]]):
    detail = serializers.CharField()


class PasswordLinkHolderSerializer(serializers.ModelSerializer[User]):
    username = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["username", "display_name"]
        read_only_fields = fields


class NewPasswordSerializer(serializers.Serializer[dict[str, str]]):
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class PasswordChangeSerializer(serializers.Serializer[dict[str, str]]):
    current_password = serializers.CharField(max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenStatusSerializer(serializers.Serializer[dict[str, Any]]):
    created_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)


class SignedInSessionSerializer(serializers.Serializer[Any]):  # of SignedInSession
    id = serializers.UUIDField(read_only=True)
    site = serializers.ChoiceField(choices=SignInSite.choices, read_only=True)
    address = serializers.IPAddressField(read_only=True, allow_null=True)
    user_agent = serializers.CharField(read_only=True)
    signed_in_at = serializers.DateTimeField(read_only=True)
    last_seen_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)
    current = serializers.SerializerMethodField()

    def get_current(self, session: SignedInSession) -> bool:
        """Whether it is the session asking."""
        current: str | None = self.context["request"].session.session_key
        return session.session_key == current


class EndedSessionsSerializer(serializers.Serializer[dict[str, int]]):
    ended = serializers.IntegerField(read_only=True)


class TokenSerializer(serializers.Serializer[dict[str, Any]]):
    token = serializers.CharField(read_only=True)


class CsrfSerializer(serializers.Serializer[dict[str, Any]]):
    csrf_token = serializers.CharField(read_only=True)


class RoleGrantSerializer(serializers.ModelSerializer[RoleGrant]):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    role = serializers.ChoiceField(choices=Role.choices)
    user_display_name = serializers.CharField(source="user.display_name", read_only=True)
    granted_by = serializers.CharField(
        source="granted_by.display_name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Who granted it, by name; null when the import or a command did.",
    )

    class Meta:
        model = RoleGrant
        fields = ["id", "user", "user_display_name", "role", "granted_by", "granted_at"]
        read_only_fields = ["id", "user_display_name", "granted_by", "granted_at"]
        # Uniqueness is the service's to check, with a message that names the role.
        validators: list[Any] = []

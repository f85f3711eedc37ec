from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Tier, User
from apps.groups.models import JoinPolicy, MemberRole, Membership, MembershipStatus, StudyGroup
from apps.groups.permissions import moderates_as
from apps.organisation.api.serializers import DepartmentBriefSerializer
from apps.skills.api.serializers import SkillBriefSerializer
from apps.skills.models import Skill


class MyMembershipSerializer(serializers.Serializer[dict[str, Any]]):
    role = serializers.ChoiceField(choices=MemberRole.choices)
    status = serializers.ChoiceField(choices=MembershipStatus.choices)
    waitlist_position = serializers.IntegerField(allow_null=True)
    last_read_message_id = serializers.IntegerField(help_text="Messages up to this id are read.")


class GroupSerializer(serializers.ModelSerializer[StudyGroup]):
    """A group as lists and pages show it, with the reader's own standing in it."""

    skills = SkillBriefSerializer(many=True, read_only=True)
    target_tier = serializers.ChoiceField(
        choices=Tier.choices, allow_blank=True, read_only=True, help_text="Empty: every tier."
    )
    room = serializers.IntegerField(
        source="room_id", read_only=True, help_text="The group's chat room (members only read it)."
    )
    member_count = serializers.IntegerField(read_only=True)
    waitlist_count = serializers.IntegerField(read_only=True)
    last_activity_at = serializers.DateTimeField(
        source="room.last_activity_at", read_only=True, help_text="Its last message, or creation."
    )
    departments = serializers.SerializerMethodField(help_text="Departments of its members.")
    archived = serializers.SerializerMethodField()
    my_membership = serializers.SerializerMethodField()
    unread_count = serializers.SerializerMethodField(
        help_text="For members: messages not read yet."
    )
    can_moderate = serializers.SerializerMethodField()

    class Meta:
        model = StudyGroup
        fields = [
            "id",
            "name",
            "description",
            "skills",
            "target_tier",
            "join_policy",
            "capacity",
            "room",
            "member_count",
            "waitlist_count",
            "departments",
            "created_at",
            "last_activity_at",
            "archived",
            "my_membership",
            "unread_count",
            "can_moderate",
        ]
        read_only_fields = fields

    @extend_schema_field(DepartmentBriefSerializer(many=True))
    def get_departments(self, group: StudyGroup) -> list[dict[str, Any]]:
        departments = self.context.get("departments", {}).get(group.pk, [])
        return DepartmentBriefSerializer(departments, many=True).data  # type: ignore[return-value]

    def get_archived(self, group: StudyGroup) -> bool:
        return group.is_archived

    @extend_schema_field(MyMembershipSerializer(allow_null=True))
    def get_my_membership(self, group: StudyGroup) -> dict[str, Any] | None:
        status = getattr(group, "my_status", None)
        if status is None or status in (MembershipStatus.LEFT, MembershipStatus.REMOVED):
            return None
        return {
            "role": group.my_role,  # type: ignore[attr-defined]
            "status": status,
            "waitlist_position": (
                group.my_waitlist_position  # type: ignore[attr-defined]
                if status == MembershipStatus.WAITLISTED
                else None
            ),
            "last_read_message_id": group.my_last_read or 0,  # type: ignore[attr-defined]
        }

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_unread_count(self, group: StudyGroup) -> int | None:
        if getattr(group, "my_status", None) != MembershipStatus.ACTIVE:
            return None
        return int(group.unread_count)  # type: ignore[attr-defined]

    def get_can_moderate(self, group: StudyGroup) -> bool:
        active = getattr(group, "my_status", None) == MembershipStatus.ACTIVE
        return moderates_as(group.my_role if active else None)  # type: ignore[attr-defined]


class GroupInputSerializer(serializers.Serializer[StudyGroup]):
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(
        max_length=4000, allow_blank=True, required=False, default=""
    )
    skills = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Skill.objects.all(), required=False, default=list
    )
    target_tier = serializers.ChoiceField(
        choices=Tier.choices, allow_blank=True, required=False, default=""
    )
    join_policy = serializers.ChoiceField(
        choices=JoinPolicy.choices, required=False, default=JoinPolicy.OPEN
    )
    capacity = serializers.IntegerField(min_value=2, allow_null=True, required=False, default=None)


class MemberSerializer(serializers.ModelSerializer[Membership]):
    user = serializers.SerializerMethodField()
    waitlist_position = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        default=None,
        help_text="1 for the first on the waiting list; null for anyone not waiting.",
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "role",
            "status",
            "joined_at",
            "status_changed_at",
            "waitlist_position",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "username": {"type": "string"},
                "display_name": {"type": "string"},
                "department": {"type": "string", "nullable": True},
            },
            "required": ["id", "username", "display_name", "department"],
        }
    )
    def get_user(self, membership: Membership) -> dict[str, Any]:
        user = membership.user
        return {
            "id": user.pk,
            "username": user.username,
            "display_name": user.display_name,
            "department": user.department.code if user.department else None,
        }


class MembersQuerySerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of a name or username."
    )
    status = serializers.ChoiceField(
        required=False,
        choices=[
            (status.value, status.label)
            for status in (
                MembershipStatus.ACTIVE,
                MembershipStatus.PENDING,
                MembershipStatus.INVITED,
                MembershipStatus.WAITLISTED,
            )
        ],
        help_text="Only people in this standing (moderators see all four).",
    )


class InvitationSerializer(serializers.Serializer[Membership]):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class RoleChangeSerializer(serializers.Serializer[Membership]):
    role = serializers.ChoiceField(choices=MemberRole.choices)

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Tier, User
from apps.events import calendars
from apps.events.attendance import CheckIn, opening
from apps.events.models import (
    Attendance,
    AttendanceStatus,
    ExchangeWeek,
    Feedback,
    MeetingRoom,
    Registration,
    RegistrationStatus,
    RoomUnavailability,
    ScheduleVersion,
    Session,
    SessionKind,
    SessionSpeaker,
    SpeakerUnavailability,
    WeekStatus,
)
from apps.events.selectors import PUBLIC_STATUSES
from apps.organisation.api.serializers import DepartmentBriefSerializer
from apps.skills.api.serializers import SkillBriefSerializer
from apps.skills.models import Skill

# Enough for a hall; more is a typing mistake.
MAX_SEATS = 10_000
# The days a week, a session or a room's unavailable time may fall on. Outside them is a typing
# mistake; and before 1901 the city's time zone has an offset in seconds (local mean time),
# which no RFC 3339 time can carry.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def in_our_century(value: date) -> None:
    """Refuse a date (or a time) outside ``FIRST_DAY`` to ``LAST_DAY``."""
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise serializers.ValidationError(
            _("Give a date from %(first)s to %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            code="out_of_range",
        )


# Where a registration that counts stands.
STANDINGS = [
    (RegistrationStatus.REGISTERED.value, RegistrationStatus.REGISTERED.label),
    (RegistrationStatus.WAITLISTED.value, RegistrationStatus.WAITLISTED.label),
]


class PersonBriefSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "display_name"]
        read_only_fields = fields


def tiers_field(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=Tier.choices),
        max_length=len(Tier.choices),
        required=False,
        help_text=help_text,
    )


class WeekSerializer(serializers.ModelSerializer[ExchangeWeek]):
    """A week as lists and its page show it."""

    organisers = PersonBriefSerializer(many=True, read_only=True)
    target_tiers = serializers.ListField(
        child=serializers.ChoiceField(choices=Tier.choices),
        read_only=True,
        help_text="The tiers it is for; empty: everyone.",
    )
    session_count = serializers.IntegerField(read_only=True, help_text="Not counting cancelled.")
    room = serializers.IntegerField(
        source="room_id", read_only=True, help_text="The week's conversation (a chat room)."
    )
    can_manage = serializers.BooleanField(
        source="i_organise", read_only=True, help_text="The reader organises it."
    )
    calendar = serializers.SerializerMethodField(
        help_text="The address of its programme as a calendar, to share; null in draft."
    )

    def get_calendar(self, week: ExchangeWeek) -> str | None:
        return calendars.week_address(week) if week.status in PUBLIC_STATUSES else None

    class Meta:
        model = ExchangeWeek
        fields = [
            "id",
            "title",
            "theme",
            "start_date",
            "end_date",
            "target_tiers",
            "status",
            "organisers",
            "session_count",
            "room",
            "published_at",
            "can_manage",
            "calendar",
        ]
        read_only_fields = fields


class WeekInputSerializer(serializers.Serializer[ExchangeWeek]):
    title = serializers.CharField(max_length=200)
    theme = serializers.CharField(max_length=4000, allow_blank=True, required=False)
    start_date = serializers.DateField(validators=[in_our_century])
    end_date = serializers.DateField(validators=[in_our_century])
    target_tiers = tiers_field("The tiers it is for; empty: everyone.")


class WeekChangeSerializer(WeekInputSerializer):
    status = serializers.ChoiceField(
        choices=WeekStatus.choices,
        required=False,
        help_text="draft → published (staff see it and register) → closed (read-only).",
    )


class PeriodSerializer(serializers.Serializer[RoomUnavailability | SpeakerUnavailability]):
    starts_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)


class MeetingRoomSerializer(serializers.ModelSerializer[MeetingRoom]):
    unavailable = PeriodSerializer(
        many=True, read_only=True, help_text="Times the room cannot be used."
    )

    class Meta:
        model = MeetingRoom
        fields = ["id", "name", "capacity", "location", "unavailable"]
        read_only_fields = fields


class PeriodInputSerializer(serializers.Serializer[RoomUnavailability | SpeakerUnavailability]):
    starts_at = serializers.DateTimeField(validators=[in_our_century])
    ends_at = serializers.DateTimeField(validators=[in_our_century])

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Within a partial change (PATCH), a period is still given whole.
        for field in ("starts_at", "ends_at"):
            if field not in attrs:
                raise serializers.ValidationError(
                    {field: _("A period has a start and an end.")}, code="required"
                )
        return attrs


class MeetingRoomInputSerializer(serializers.Serializer[MeetingRoom]):
    name = serializers.CharField(max_length=120)
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_SEATS)
    location = serializers.CharField(max_length=200, allow_blank=True, required=False)
    unavailable = serializers.ListField(
        child=PeriodInputSerializer(),
        required=False,
        max_length=200,
        help_text="Times the room cannot be used (replacing those it had).",
    )


class SpeakerSerializer(serializers.ModelSerializer[SessionSpeaker]):
    user = PersonBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = SessionSpeaker
        fields = ["user", "name"]
        read_only_fields = fields


class SpeakerInputSerializer(serializers.Serializer[SessionSpeaker]):
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="A member of staff; or leave it out and give the outside speaker's name.",
    )
    name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class RoomBriefSerializer(serializers.ModelSerializer[MeetingRoom]):
    class Meta:
        model = MeetingRoom
        fields = ["id", "name", "capacity"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer[Session]):
    """A session as the week's programme shows it, with the reader's own registration."""

    speakers = SpeakerSerializer(many=True, read_only=True)
    room = RoomBriefSerializer(read_only=True, allow_null=True)
    skills = SkillBriefSerializer(many=True, read_only=True)
    target_tiers = serializers.ListField(
        child=serializers.ChoiceField(choices=Tier.choices),
        read_only=True,
        help_text="Who may register; empty: as the week says.",
    )
    mandatory_for = serializers.ListField(
        child=serializers.ChoiceField(choices=Tier.choices),
        read_only=True,
        help_text="The tiers that must attend it.",
    )
    seats = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Its capacity, else its room's; null: no limit."
    )
    topic = serializers.IntegerField(
        source="topic_id",
        read_only=True,
        allow_null=True,
        help_text="Its topic in the week's conversation.",
    )
    speakers_unavailable = PeriodSerializer(
        many=True,
        read_only=True,
        help_text="Times its speakers cannot make; shown to the week's organisers only (empty "
        "for everyone else).",
    )
    cancelled = serializers.SerializerMethodField()
    registered_count = serializers.IntegerField(read_only=True)
    waitlist_count = serializers.IntegerField(read_only=True)
    my_registration = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "week",
            "kind",
            "title",
            "description",
            "speakers",
            "speakers_unavailable",
            "room",
            "starts_at",
            "ends_at",
            "capacity",
            "seats",
            "target_tiers",
            "mandatory_for",
            "skills",
            "topic",
            "cancelled",
            "registered_count",
            "waitlist_count",
            "my_registration",
        ]
        read_only_fields = fields

    def get_cancelled(self, session: Session) -> bool:
        return session.is_cancelled

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "status": {"type": "string", "enum": [value for value, _ in STANDINGS]},
                "position": {"type": "integer", "nullable": True},
            },
            "required": ["status", "position"],
        }
    )
    def get_my_registration(self, session: Session) -> dict[str, Any] | None:
        status = session.my_status  # type: ignore[attr-defined]
        if status not in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED):
            return None
        return {"status": status, "position": session.my_position}  # type: ignore[attr-defined]


class SessionInputSerializer(serializers.Serializer[Session]):
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=4000, allow_blank=True, required=False)
    speakers = serializers.ListField(child=SpeakerInputSerializer(), required=False, max_length=20)
    room = serializers.PrimaryKeyRelatedField(
        queryset=MeetingRoom.objects.all(),
        required=False,
        allow_null=True,
        help_text="One of the week's rooms; null: not scheduled yet.",
    )
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    capacity = serializers.IntegerField(
        min_value=1,
        max_value=MAX_SEATS,
        required=False,
        allow_null=True,
        help_text="Null: the room's capacity.",
    )
    target_tiers = tiers_field("Who may register; empty: as the week says.")
    mandatory_for = tiers_field("The tiers that must attend it.")
    skills = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Skill.objects.all(), required=False
    )
    speakers_unavailable = serializers.ListField(
        child=PeriodInputSerializer(),
        required=False,
        max_length=200,
        help_text="Times its speakers cannot make (replacing those it had).",
    )


class RegistrationInputSerializer(serializers.Serializer[Registration]):
    despite_clash = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Register although the caller attends another session at the same time.",
    )


class RegistrationSerializer(serializers.ModelSerializer[Registration]):
    """The caller's place at a session."""

    status = serializers.ChoiceField(choices=STANDINGS, read_only=True)
    position = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="On the waiting list: 1 for the first in line; null when registered.",
    )

    class Meta:
        model = Registration
        fields = ["session", "status", "position", "status_changed_at"]
        read_only_fields = fields


class SessionBriefSerializer(serializers.ModelSerializer[Session]):
    room = serializers.CharField(source="room.name", read_only=True, allow_null=True, default=None)
    week_title = serializers.CharField(source="week.title", read_only=True)
    cancelled = serializers.BooleanField(source="is_cancelled", read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "week",
            "week_title",
            "kind",
            "title",
            "room",
            "starts_at",
            "ends_at",
            "cancelled",
        ]
        read_only_fields = fields


class CheckInWindowSerializer(serializers.Serializer[Any]):
    opens_at = serializers.DateTimeField(read_only=True)
    closes_at = serializers.DateTimeField(read_only=True)


class AttendanceBriefSerializer(serializers.Serializer[Registration]):
    status = serializers.ChoiceField(
        source="attendance_status", choices=AttendanceStatus.choices, read_only=True
    )
    checked_in_at = serializers.DateTimeField(read_only=True, allow_null=True)
    checked_out_at = serializers.DateTimeField(read_only=True, allow_null=True)


class MyRegistrationSerializer(RegistrationSerializer):
    session = SessionBriefSerializer(read_only=True)
    check_in = serializers.SerializerMethodField(
        help_text="When check-in is open (registered, for a scheduled session); else null."
    )
    attendance = serializers.SerializerMethodField(help_text="Null until checked in or marked.")
    feedback = serializers.SerializerMethodField(help_text="The caller's; null until given.")

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "check_in", "attendance", "feedback"]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"rating": {"type": "integer"}, "comment": {"type": "string"}},
            "required": ["rating", "comment"],
        }
    )
    def get_feedback(self, registration: Registration) -> dict[str, Any] | None:
        rating = registration.my_rating  # type: ignore[attr-defined]
        if rating is None:
            return None
        return {"rating": rating, "comment": registration.my_comment}  # type: ignore[attr-defined]

    @extend_schema_field(CheckInWindowSerializer(allow_null=True))
    def get_check_in(self, registration: Registration) -> dict[str, Any] | None:
        window = opening(registration.session)
        if window is None or registration.status != RegistrationStatus.REGISTERED:
            return None
        return CheckInWindowSerializer({"opens_at": window[0], "closes_at": window[1]}).data

    @extend_schema_field(AttendanceBriefSerializer(allow_null=True))
    def get_attendance(self, registration: Registration) -> dict[str, Any] | None:
        if registration.attendance_status is None:  # type: ignore[attr-defined]
            return None
        return AttendanceBriefSerializer(registration).data


class CheckInStateSerializer(serializers.Serializer[CheckIn]):
    """The organiser's check-in screen: the code of this minute while check-in is open."""

    opens_at = serializers.DateTimeField(read_only=True)
    closes_at = serializers.DateTimeField(read_only=True)
    code = serializers.CharField(read_only=True, allow_null=True, help_text="Null while closed.")
    valid_until = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When the code changes."
    )


class CheckInInputSerializer(serializers.Serializer[Attendance]):
    code = serializers.RegexField(
        r"^[0-9]{6}$",
        error_messages={"invalid": _("The code is the six digits shown in the room.")},
    )


class AttendanceSerializer(serializers.ModelSerializer[Attendance]):
    """The caller's attendance at a session."""

    class Meta:
        model = Attendance
        fields = ["session", "status", "checked_in_at", "checked_out_at"]
        read_only_fields = fields


class RosterEntrySerializer(serializers.ModelSerializer[Registration]):
    """A person registered for the session, and whether they are there."""

    person = PersonBriefSerializer(source="user", read_only=True)
    department = DepartmentBriefSerializer(
        source="user.department", read_only=True, allow_null=True
    )
    status = serializers.ChoiceField(
        source="attendance_status",
        choices=AttendanceStatus.choices,
        read_only=True,
        allow_null=True,
        help_text="Null: not checked in or marked yet.",
    )
    checked_in_at = serializers.DateTimeField(read_only=True, allow_null=True)
    checked_out_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Registration
        fields = ["person", "department", "status", "checked_in_at", "checked_out_at"]
        read_only_fields = fields


class MarkInputSerializer(serializers.Serializer[Attendance]):
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)


class TallySerializer(serializers.Serializer[Any]):
    registered = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    left_early = serializers.IntegerField()
    absent = serializers.IntegerField()
    unmarked = serializers.IntegerField(help_text="Not checked in or marked yet.")


class SessionTallySerializer(TallySerializer):
    session = SessionBriefSerializer()


class DepartmentTallySerializer(TallySerializer):
    department = DepartmentBriefSerializer(allow_null=True)


class AttendanceReportSerializer(serializers.Serializer[Any]):
    sessions = SessionTallySerializer(many=True)
    departments = DepartmentTallySerializer(many=True)


class FeedbackInputSerializer(serializers.Serializer[Feedback]):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class FeedbackSerializer(serializers.ModelSerializer[Feedback]):
    """One person's feedback, as the session's organisers and speakers read it: no name."""

    class Meta:
        model = Feedback
        fields = ["rating", "comment", "updated_at"]
        read_only_fields = fields


class FeedbackSummarySerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True, help_text="Of the ratings; null: none yet.")
    ratings = serializers.DictField(
        child=serializers.IntegerField(), help_text="How many gave each rating, 1 to 5."
    )
    comments = FeedbackSerializer(many=True, help_text="Newest first.")


class CalendarFeedStateSerializer(serializers.Serializer[Any]):
    active = serializers.BooleanField(help_text="The caller has a calendar feed.")
    created_at = serializers.DateTimeField(allow_null=True)


class CalendarFeedSerializer(serializers.Serializer[Any]):
    url = serializers.URLField(help_text="The feed's secret address: shown this once.")
    created_at = serializers.DateTimeField()


class MandatorySessionsSerializer(serializers.Serializer[Any]):
    tier = serializers.ChoiceField(choices=Tier.choices)
    sessions = SessionBriefSerializer(many=True)


class MissingSerializer(serializers.Serializer[Any]):
    person = PersonBriefSerializer()
    missed = serializers.ListField(
        child=serializers.IntegerField(), help_text="The mandatory sessions they did not attend."
    )


class TierCompletionSerializer(serializers.Serializer[Any]):
    tier = serializers.ChoiceField(choices=Tier.choices)
    people = serializers.IntegerField(help_text="Active staff of the tier in the department.")
    completed = serializers.IntegerField(help_text="Of them, who attended every session.")
    missing = MissingSerializer(many=True)


class DepartmentCompletionSerializer(serializers.Serializer[Any]):
    department = DepartmentBriefSerializer()
    tiers = TierCompletionSerializer(many=True)


class ProgrammeCompletionSerializer(serializers.Serializer[Any]):
    """The week's tiered programme: what each tier must attend, and per department who has."""

    mandatory = MandatorySessionsSerializer(many=True)
    departments = DepartmentCompletionSerializer(many=True)


class TimetableInputSerializer(serializers.Serializer[Any]):
    slots = serializers.ListField(
        child=PeriodInputSerializer(),
        required=False,
        max_length=500,
        help_text="The times sessions may take; empty: each day 09:00–10:30, 10:45–12:15, "
        "14:00–15:30 and 15:45–17:15.",
    )
    keep = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Session.objects.all(),
        required=False,
        help_text="Scheduled sessions that stay where they are.",
    )


class ProposedPlacementSerializer(serializers.Serializer[Any]):
    session = SessionBriefSerializer()
    room = RoomBriefSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    moved = serializers.BooleanField(help_text="Not where the session is now.")


class UnplacedSerializer(serializers.Serializer[Any]):
    session = SessionBriefSerializer()
    reason = serializers.ChoiceField(
        choices=[
            ("too_large", "No room holds those registered and waiting."),
            ("unavailable", "No slot has the session and a big enough room both available."),
            ("crowded", "Every place it could take is taken, or its speaker is busy."),
        ]
    )


class ClashingPairSerializer(serializers.Serializer[Any]):
    first = SessionBriefSerializer()
    second = SessionBriefSerializer()
    people = serializers.IntegerField(help_text="Registered for both.")


class ProposalSerializer(serializers.Serializer[Any]):
    """A timetable proposed for the week; nothing is changed until it is applied."""

    placements = ProposedPlacementSerializer(many=True)
    unplaced = UnplacedSerializer(many=True)
    clashes = serializers.IntegerField(
        help_text="Pairs of sessions a person registered for that would be at the same time."
    )
    bound = serializers.IntegerField(help_text="No timetable has fewer clashes than this.")
    optimal = serializers.BooleanField(help_text="Proven to have the fewest clashes.")
    current_clashes = serializers.IntegerField(help_text="The clashes of the schedule as it is.")
    clashing_pairs = ClashingPairSerializer(many=True)
    seconds = serializers.FloatField()


class ScheduleMoveSerializer(serializers.Serializer[Any]):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    room = serializers.PrimaryKeyRelatedField(
        queryset=MeetingRoom.objects.all(), allow_null=True, help_text="Null: unscheduled."
    )
    starts_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)


class ScheduleInputSerializer(serializers.Serializer[Any]):
    placements = serializers.ListField(child=ScheduleMoveSerializer(), min_length=1, max_length=500)
    name = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        default="",
        help_text="The new version's name; empty: it goes by its number.",
    )


class PlaceSerializer(serializers.Serializer[Any]):
    room = serializers.CharField(allow_null=True, help_text="The room's name; null: none.")
    starts_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)


class ScheduleChangeSerializer(serializers.Serializer[Any]):
    session = serializers.IntegerField()
    title = serializers.CharField()
    before = PlaceSerializer()
    after = PlaceSerializer()


class ScheduleVersionSerializer(serializers.ModelSerializer[ScheduleVersion]):
    """A published version of the week's schedule and what moved in it."""

    changes = ScheduleChangeSerializer(many=True, read_only=True)
    created_by = PersonBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ScheduleVersion
        fields = ["number", "name", "changes", "created_by", "created_at"]
        read_only_fields = fields


class BoardSpeakerSerializer(serializers.Serializer[SessionSpeaker]):
    key = serializers.SerializerMethodField(help_text="The same for the same speaker.")
    name = serializers.SerializerMethodField()

    def get_key(self, speaker: SessionSpeaker) -> str:
        return f"user:{speaker.user_id}" if speaker.user_id else f"name:{speaker.name}"

    def get_name(self, speaker: SessionSpeaker) -> str:
        return speaker.user.display_name if speaker.user else speaker.name


class BoardSessionSerializer(serializers.ModelSerializer[Session]):
    room = serializers.IntegerField(source="room_id", allow_null=True, read_only=True)
    demand = serializers.IntegerField(read_only=True, help_text="Registered or waiting.")
    speakers = BoardSpeakerSerializer(many=True, read_only=True)
    speakers_unavailable = PeriodSerializer(
        many=True, read_only=True, help_text="Times its speakers cannot make."
    )

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "kind",
            "room",
            "starts_at",
            "ends_at",
            "capacity",
            "demand",
            "speakers",
            "speakers_unavailable",
        ]
        read_only_fields = fields


class SharedSerializer(serializers.Serializer[Any]):
    first = serializers.IntegerField()
    second = serializers.IntegerField()
    people = serializers.IntegerField(help_text="Registered (or waiting) for both.")


class BoardDepartmentSerializer(serializers.Serializer[Any]):
    department = DepartmentBriefSerializer()
    headcount = serializers.IntegerField(help_text="Its active staff.")
    people = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="For each of its people holding a seat, the sessions they hold one at.",
    )


class BoardSerializer(serializers.Serializer[Any]):
    """The week's schedule as its editor shows it, with what it needs to show conflicts."""

    sessions = BoardSessionSerializer(many=True)
    rooms = MeetingRoomSerializer(many=True)
    shared = SharedSerializer(many=True)
    departments = BoardDepartmentSerializer(many=True)
    department_share = serializers.IntegerField(
        help_text="Percent of a department's staff at sessions at one time above which the "
        "editor warns."
    )

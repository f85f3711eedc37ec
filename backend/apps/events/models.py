from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WeekStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class SessionKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    WORKSHOP = "workshop", _("Workshop")
    TECH_EXCHANGE = "tech_exchange", _("Technical exchange meeting")
    CASE_STUDY = "case_study", _("Case study")
    SITE_VISIT = "site_visit", _("Site visit")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class ExchangeWeek(models.Model):
    """A study week or a technical exchange meeting across departments: its sessions, the rooms
    they take, and who registers. Its conversation is a room of ``apps.chat``; each session has a
    topic in it.

    ``target_tiers`` lists the tiers (``accounts.Tier``) the week is for; empty, it is for
    everyone. Staff see a week once it is published; its organisers see it from its draft.
    """

    title = models.CharField(max_length=200)
    theme = models.TextField(blank=True, max_length=4000)
    start_date = models.DateField()
    end_date = models.DateField()
    target_tiers = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=WeekStatus.choices, default=WeekStatus.DRAFT)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_weeks", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    room = models.OneToOneField("chat.Room", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("exchange week")
        verbose_name_plural = _("exchange weeks")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="week_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MeetingRoom(models.Model):
    """A room a week's sessions take place in (not to be confused with a chat room)."""

    week = models.ForeignKey(ExchangeWeek, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120)
    capacity = models.PositiveIntegerField()
    location = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")
        ordering = ["week", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["week", "name"], name="one_room_name_per_week"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="meeting_room_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoomUnavailability(models.Model):
    """A time the room cannot be used (booked by others, being cleaned, …)."""

    room = models.ForeignKey(MeetingRoom, on_delete=models.CASCADE, related_name="unavailable")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        verbose_name = _("room unavailability")
        verbose_name_plural = _("room unavailabilities")
        ordering = ["room", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="room_unavailability_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class Session(models.Model):
    """One lecture, workshop, exchange meeting, case study or site visit of a week.

    A session is scheduled once it has a room and a time; until then it waits in the editor's
    side list. ``capacity`` empty means the room's. ``target_tiers`` (empty: everyone) says who
    may register; ``mandatory_for`` the tiers that must attend it (the training programme's
    tiered courses). Its chat topic in the week's conversation is made with it.
    """

    week = models.ForeignKey(ExchangeWeek, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=4000)
    room = models.ForeignKey(
        MeetingRoom, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    target_tiers = models.JSONField(default=list, blank=True)
    mandatory_for = models.JSONField(default=list, blank=True)
    skills = models.ManyToManyField("skills.Skill", blank=True, related_name="sessions")
    topic = models.OneToOneField(
        "chat.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["week", "starts_at", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(starts_at__isnull=True, ends_at__isnull=True)
                    | models.Q(ends_at__gt=models.F("starts_at"))
                ),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="session_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def seats(self) -> int | None:
        """How many may register: the session's own capacity, else its room's; ``None``: no
        limit yet (no capacity and no room)."""
        if self.capacity is not None:
            return self.capacity
        return self.room.capacity if self.room is not None else None


class SessionSpeaker(models.Model):
    """Who speaks at a session: a member of staff, or someone from outside by name."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="speaking_at",
    )
    name = models.CharField(max_length=120, blank=True, help_text=_("An outside speaker."))

    class Meta:
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        ordering = ["session", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (models.Q(user__isnull=False) & models.Q(name=""))
                    | (models.Q(user__isnull=True) & ~models.Q(name=""))
                ),
                name="speaker_is_staff_or_named",
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="one_speaker_place_per_person",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.user_id)


class SpeakerUnavailability(models.Model):
    """A time a session's speakers cannot make (away, teaching elsewhere, …): the schedule
    editor warns when the session is placed there, and the timetable avoids it."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="speakers_unavailable"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        verbose_name = _("speaker unavailability")
        verbose_name_plural = _("speaker unavailabilities")
        ordering = ["session", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="speaker_unavailability_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class Registration(models.Model):
    """A person's place at a session: registered, waiting, or cancelled (kept, so that coming
    back is a new place at the end of the line). ``status_changed_at`` orders the waiting list."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    status_changed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "status_changed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="one_registration_per_session"
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.session_id}: {self.status}"


class AttendanceStatus(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    LEFT_EARLY = "left_early", _("Left early")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """Whether a person registered for a session was there: checked in on time or late (after
    the grace period), checked out before the end (left early), or absent (marked by a task
    once the session is over). An organiser may set it on the roster (``marked_by``)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organiser who set it on the roster; empty: the person or the task."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "user"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_attendance_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.session_id}: {self.status}"


class Feedback(models.Model):
    """What a person who attended a session thought of it: a rating of 1 to 5 and a comment.
    Organisers and speakers read it without names; the person is kept only so that each gives
    one, which they may change."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_feedback"
    )
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["session", "-updated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_feedback_per_session"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.session_id}: {self.rating}"


class CalendarFeed(models.Model):
    """A person's calendar feed: the sessions they are registered for, at a secret address
    (``/api/v1/calendars/{token}.ics``). Only the token's SHA-256 is kept: the address is shown
    once, when it is made; making a new one or revoking it stops the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"


class ScheduleVersion(models.Model):
    """A published state of a week's schedule, as pretalx keeps them: made each time the
    organisers save the schedule editor or apply a timetable, named, with the changelog of what
    moved (``changes``: per session its title and where it was and is, rooms by name, times
    in ISO 8601; an empty room and time: not scheduled)."""

    week = models.ForeignKey(ExchangeWeek, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    changes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["week", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["week", "number"], name="one_version_number_per_week"),
        ]

    def __str__(self) -> str:
        return f"{self.week_id} v{self.number}: {self.name}"

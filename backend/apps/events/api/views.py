from functools import cached_property
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.users import acting_user
from apps.accounts.models import Tier
from apps.core.api.downloads import CsvDownloadView, csv_response
from apps.core.errors import NotAllowedError
from apps.core.permissions import IsMember
from apps.events import attendance, calendars, services, timetable
from apps.events.api.serializers import (
    AttendanceReportSerializer,
    AttendanceSerializer,
    BoardSerializer,
    CalendarFeedSerializer,
    CalendarFeedStateSerializer,
    CheckInInputSerializer,
    CheckInStateSerializer,
    FeedbackInputSerializer,
    FeedbackSerializer,
    FeedbackSummarySerializer,
    MarkInputSerializer,
    MeetingRoomInputSerializer,
    MeetingRoomSerializer,
    MyRegistrationSerializer,
    ProgrammeCompletionSerializer,
    ProposalSerializer,
    RegistrationInputSerializer,
    RegistrationSerializer,
    RosterEntrySerializer,
    ScheduleInputSerializer,
    ScheduleVersionSerializer,
    SessionInputSerializer,
    SessionSerializer,
    TimetableInputSerializer,
    WeekChangeSerializer,
    WeekInputSerializer,
    WeekSerializer,
)
from apps.events.feedback import feedback_on, give_feedback
from apps.events.models import (
    CalendarFeed,
    ExchangeWeek,
    MeetingRoom,
    Registration,
    ScheduleVersion,
    Session,
    WeekStatus,
)
from apps.events.permissions import may_read_attendance
from apps.events.selectors import (
    PUBLIC_STATUSES,
    attendance_report,
    attendance_visible_to,
    programme_completion,
    registrations_of,
    rooms_of,
    sessions_visible_to,
    weeks_visible_to,
)


class WeekFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=WeekStatus.choices)

    class Meta:
        model = ExchangeWeek
        fields = ["status"]


class WeekViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[ExchangeWeek],
):
    """Exchange weeks: published ones for every member of staff, drafts for their organisers."""

    permission_classes = [IsMember]
    serializer_class = WeekSerializer
    filterset_class = WeekFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ExchangeWeek]:
        return weeks_visible_to(self.request.user)

    def _respond(self, week: ExchangeWeek, status_code: int = status.HTTP_200_OK) -> Response:
        return Response(
            WeekSerializer(self.get_queryset().get(pk=week.pk)).data, status=status_code
        )

    @extend_schema(request=WeekInputSerializer, responses={201: WeekSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a week, in draft (organisers)."""
        payload = WeekInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        week = services.create_week(actor=acting_user(request), **payload.validated_data)
        return self._respond(week, status.HTTP_201_CREATED)

    @extend_schema(request=WeekChangeSerializer, responses=WeekSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a week, publish it or close it (its organisers)."""
        week = self.get_object()
        payload = WeekChangeSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        week = services.update_week(actor=acting_user(request), week=week, **payload.validated_data)
        return self._respond(week)


class WeekPartView(generics.ListCreateAPIView[Any]):
    """A list that belongs to one week the caller sees."""

    permission_classes = [IsMember]

    @cached_property
    def week(self) -> ExchangeWeek:
        return get_object_or_404(weeks_visible_to(self.request.user), pk=self.kwargs["week_id"])


@extend_schema_view(
    post=extend_schema(request=SessionInputSerializer, responses={201: SessionSerializer})
)
class WeekSessionsView(WeekPartView):
    """The week's sessions, scheduled ones by their start, then those not scheduled yet;
    ``POST`` adds one (its organisers)."""

    serializer_class = SessionSerializer

    def get_queryset(self) -> QuerySet[Session]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no week
            return Session.objects.none()
        return (
            sessions_visible_to(self.request.user)
            .filter(week=self.week)
            .order_by(F("starts_at").asc(nulls_last=True), "title", "pk")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = SessionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        session = services.create_session(
            actor=acting_user(request), week=self.week, **_session_arguments(payload)
        )
        return Response(
            SessionSerializer(self.get_queryset().get(pk=session.pk)).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema_view(
    post=extend_schema(request=MeetingRoomInputSerializer, responses={201: MeetingRoomSerializer})
)
class WeekRoomsView(WeekPartView):
    """The rooms the week's sessions take; ``POST`` adds one (its organisers)."""

    serializer_class = MeetingRoomSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[MeetingRoom]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no week
            return MeetingRoom.objects.none()
        return rooms_of(self.week)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = MeetingRoomInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        room = services.add_room(
            actor=acting_user(request), week=self.week, **_room_arguments(payload)
        )
        return Response(MeetingRoomSerializer(room).data, status=status.HTTP_201_CREATED)


def _periods(arguments: dict[str, Any], field: str) -> None:
    """Turn the validated periods under ``field``, when given, into the service's."""
    if field in arguments:
        arguments[field] = [services.Period(**period) for period in arguments[field]]


def _room_arguments(payload: MeetingRoomInputSerializer) -> dict[str, Any]:
    arguments = dict(payload.validated_data)
    _periods(arguments, "unavailable")
    return arguments


def _session_arguments(payload: SessionInputSerializer) -> dict[str, Any]:
    """The service's keyword arguments from a session's validated input."""
    arguments = dict(payload.validated_data)
    if "speakers" in arguments:
        arguments["speakers"] = [services.Speaker(**speaker) for speaker in arguments["speakers"]]
    _periods(arguments, "speakers_unavailable")
    return arguments


class MeetingRoomViewSet(
    mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet[MeetingRoom]
):
    """A week's room, changed or removed by the week's organisers."""

    permission_classes = [IsMember]
    serializer_class = MeetingRoomSerializer
    http_method_names = ["patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[MeetingRoom]:
        return MeetingRoom.objects.filter(
            week__in=weeks_visible_to(self.request.user).values("pk")
        ).select_related("week")

    @extend_schema(request=MeetingRoomInputSerializer, responses=MeetingRoomSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        room = self.get_object()
        payload = MeetingRoomInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        room = services.update_room(
            actor=acting_user(request), room=room, **_room_arguments(payload)
        )
        return Response(MeetingRoomSerializer(room).data)

    def perform_destroy(self, instance: MeetingRoom) -> None:
        services.remove_room(actor=acting_user(self.request), room=instance)


class SessionViewSet(
    mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet[Session]
):
    """One session of a week; registering for it."""

    permission_classes = [IsMember]
    serializer_class = SessionSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Session]:
        return sessions_visible_to(self.request.user)

    @extend_schema(request=SessionInputSerializer, responses=SessionSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a session: what it is, who speaks, where and when (the week's organisers)."""
        session = self.get_object()
        payload = SessionInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        services.update_session(
            actor=acting_user(request), session=session, **_session_arguments(payload)
        )
        return Response(SessionSerializer(self.get_queryset().get(pk=session.pk)).data)

    @extend_schema(request=None, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        """Call the session off (the week's organisers): it takes no more registrations, and
        everyone registered or waiting is told."""
        session = services.cancel_session(actor=acting_user(request), session=self.get_object())
        return Response(SessionSerializer(self.get_queryset().get(pk=session.pk)).data)

    @extend_schema(
        methods=["POST"],
        request=RegistrationInputSerializer,
        responses={200: RegistrationSerializer, 201: RegistrationSerializer},
    )
    @extend_schema(methods=["DELETE"], request=None, responses={204: None})
    @action(detail=True, methods=["post", "delete"])
    def registration(self, request: Request, pk: str) -> Response:
        """Register the caller (``201``; ``200`` with the place they already hold): a seat while
        there is one, else a place on the waiting list. Refused with ``clash`` when the caller
        attends another session at the same time, unless ``despite_clash``. ``DELETE`` gives
        the place up; the first waiting takes a freed seat and is told."""
        session = self.get_object()
        user = acting_user(request)
        if request.method == "DELETE":
            services.cancel_registration(user=user, session=session)
            return Response(status=status.HTTP_204_NO_CONTENT)
        payload = RegistrationInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        held = registrations_of(user).filter(session=session).exists()
        registration = services.register(
            user=user, session=session, despite_clash=payload.validated_data["despite_clash"]
        )
        return Response(
            RegistrationSerializer(registrations_of(user).get(pk=registration.pk)).data,
            status=status.HTTP_200_OK if held else status.HTTP_201_CREATED,
        )

    @extend_schema(methods=["GET"], request=None, responses=CheckInStateSerializer)
    @extend_schema(
        methods=["POST"],
        request=CheckInInputSerializer,
        responses={
            200: AttendanceSerializer,
            201: AttendanceSerializer,
            429: OpenApiResponse(
                description="Too many wrong codes (rate_limited); Retry-After says when."
            ),
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="check-in")
    def check_in(self, request: Request, pk: str) -> Response:
        """``GET``: the check-in screen of the week's organisers, with the code of this minute
        while check-in is open. ``POST``: a registered person checks in with that code
        (``201``; ``200`` when they already had).
        """
        session = self.get_object()
        now = timezone.now()
        if request.method == "GET":
            state = attendance.check_in_state(actor=acting_user(request), session=session, now=now)
            return Response(CheckInStateSerializer(state).data)
        payload = CheckInInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        checked_in, new = attendance.check_in(
            user=acting_user(request), session=session, now=now, **payload.validated_data
        )
        return Response(
            AttendanceSerializer(checked_in).data,
            status=status.HTTP_201_CREATED if new else status.HTTP_200_OK,
        )

    @extend_schema(request=None, responses=AttendanceSerializer)
    @action(detail=True, methods=["post"], url_path="check-out")
    def check_out(self, request: Request, pk: str) -> Response:
        """Check the caller out; before the session's end, they left early."""
        checked_out = attendance.check_out(
            user=acting_user(request), session=self.get_object(), now=timezone.now()
        )
        return Response(AttendanceSerializer(checked_out).data)

    @extend_schema(methods=["GET"], request=None, responses=RosterEntrySerializer(many=True))
    @extend_schema(methods=["POST"], request=MarkInputSerializer, responses=RosterEntrySerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def roster(self, request: Request, pk: str) -> Response:
        """The people registered for the session and their attendance: everyone for the
        week's organisers, their departments' people for department heads. ``POST``: an
        organiser marks a person's attendance (audited)."""
        session = self.get_object()
        user = acting_user(request)
        if not may_read_attendance(user, session.week):
            raise NotAllowedError(
                _("The week's organisers and department heads read its attendance."),
                "permission_denied",
            )
        seats = attendance_visible_to(user, session.week).filter(session=session)
        if request.method == "GET":
            return Response(RosterEntrySerializer(seats, many=True).data)
        payload = MarkInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        person = payload.validated_data["person"]
        attendance.mark(
            actor=user,
            session=session,
            person=person,
            status=payload.validated_data["status"],
            now=timezone.now(),
        )
        return Response(RosterEntrySerializer(seats.get(user=person)).data)

    @extend_schema(methods=["GET"], request=None, responses=FeedbackSummarySerializer)
    @extend_schema(
        methods=["POST"],
        request=FeedbackInputSerializer,
        responses={200: FeedbackSerializer, 201: FeedbackSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="feedback")
    def feedback(self, request: Request, pk: str) -> Response:
        """``GET``: the ratings and comments, without names (the week's organisers and the
        session's speakers). ``POST``: one who attended rates the session once it is over
        (``201``; ``200`` replacing their earlier feedback)."""
        session = self.get_object()
        if request.method == "GET":
            summary = feedback_on(reader=acting_user(request), session=session)
            return Response(FeedbackSummarySerializer(summary).data)
        payload = FeedbackInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        given, new = give_feedback(
            user=acting_user(request), session=session, now=timezone.now(), **payload.validated_data
        )
        return Response(
            FeedbackSerializer(given).data,
            status=status.HTTP_201_CREATED if new else status.HTTP_200_OK,
        )


class MyRegistrationFilter(filters.FilterSet):
    over = filters.BooleanFilter(
        method="filter_over", label="Only sessions that are over (true) or not yet (false)"
    )

    class Meta:
        model = Registration
        fields = ["over"]

    def filter_over(
        self, queryset: QuerySet[Registration], name: str, value: bool
    ) -> QuerySet[Registration]:
        ended = Q(session__ends_at__lte=timezone.now())
        return queryset.filter(ended) if value else queryset.exclude(ended)


class MyRegistrationsView(generics.ListAPIView[Registration]):
    """The caller's registrations that hold or wait for a seat, soonest first; ``over``
    keeps those of sessions that are over, or not yet."""

    permission_classes = [IsMember]
    serializer_class = MyRegistrationSerializer
    filterset_class = MyRegistrationFilter

    def get_queryset(self) -> QuerySet[Registration]:
        return registrations_of(acting_user(self.request))


def _week_for_attendance(request: Request, week_id: int) -> ExchangeWeek:
    week = get_object_or_404(weeks_visible_to(request.user), pk=week_id)
    if not may_read_attendance(request.user, week):
        raise NotAllowedError(
            _("The week's organisers and department heads read its attendance."),
            "permission_denied",
        )
    return week


class WeekAttendanceView(generics.GenericAPIView[Any]):
    """How the people registered for the week's sessions attended, per session and per
    department: all of them for the week's organisers, their departments' people for
    department heads."""

    permission_classes = [IsMember]
    serializer_class = AttendanceReportSerializer

    def get(self, request: Request, week_id: int) -> Response:
        week = _week_for_attendance(request, week_id)
        report = attendance_report(attendance_visible_to(request.user, week))
        return Response(
            AttendanceReportSerializer(
                {
                    "sessions": [
                        {"session": session, **tally.counts()} for session, tally in report.sessions
                    ],
                    "departments": [
                        {"department": department, **tally.counts()}
                        for department, tally in report.departments
                    ],
                }
            ).data
        )


class WeekCompletionView(generics.GenericAPIView[Any]):
    """The week's tiered programme: for each tier the sessions mandatory for it, and per
    department who of that tier attended them all (on time or late), with what the others
    missed: every department for the week's organisers, theirs for department heads."""

    permission_classes = [IsMember]
    serializer_class = ProgrammeCompletionSerializer

    def get(self, request: Request, week_id: int) -> Response:
        completion = programme_completion(request.user, _week_for_attendance(request, week_id))
        return Response(
            ProgrammeCompletionSerializer(
                {
                    "mandatory": [
                        {"tier": tier, "sessions": sessions}
                        for tier, sessions in sorted(
                            completion.mandatory.items(),
                            key=lambda item: Tier.values.index(item[0]),
                        )
                    ],
                    "departments": [
                        {
                            "department": department,
                            "tiers": [
                                {
                                    "tier": tier.tier,
                                    "people": tier.people,
                                    "completed": tier.completed,
                                    "missing": [
                                        {
                                            "person": person,
                                            "missed": [session.pk for session in missed],
                                        }
                                        for person, missed in tier.missing
                                    ],
                                }
                                for tier in tiers
                            ],
                        }
                        for department, tiers in completion.departments
                    ],
                }
            ).data
        )


ATTENDANCE_HEADER = (
    "session",
    "session_title",
    "starts_at",
    "ends_at",
    "employee_number",
    "name",
    "department",
    "department_name",
    "tier",
    "attendance",
    "checked_in_at",
    "checked_out_at",
)


def _local(moment: Any) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


class WeekAttendanceExportView(CsvDownloadView):
    """The week's attendance as CSV (UTF-8 with a byte-order mark), one row per person and
    session, as far as the caller reads it; audited."""

    permission_classes = [IsMember]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request, week_id: int) -> HttpResponse:
        week = _week_for_attendance(request, week_id)
        seats = attendance.export_attendance(actor=acting_user(request), week=week)
        return csv_response(
            f"talentbridge-week-{week.pk}-attendance.csv",
            ATTENDANCE_HEADER,
            (
                (
                    seat.session_id,
                    seat.session.title,
                    _local(seat.session.starts_at),
                    _local(seat.session.ends_at),
                    seat.user.employee_number,
                    seat.user.display_name,
                    seat.user.department.code if seat.user.department else "",
                    seat.user.department.name_zh if seat.user.department else "",
                    seat.user.tier,
                    seat.attendance_status or "",  # type: ignore[attr-defined]
                    _local(seat.checked_in_at),  # type: ignore[attr-defined]
                    _local(seat.checked_out_at),  # type: ignore[attr-defined]
                )
                for seat in seats
            ),
        )


class WeekVersionsView(WeekPartView):
    """The published versions of the week's schedule, newest first, each with what moved."""

    serializer_class = ScheduleVersionSerializer
    pagination_class = None
    http_method_names = ["get", "head", "options"]

    def get_queryset(self) -> QuerySet[ScheduleVersion]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no week
            return ScheduleVersion.objects.none()
        return ScheduleVersion.objects.filter(week=self.week).select_related("created_by")


class WeekTimetableView(generics.GenericAPIView[Any]):
    """The automatic timetable (the week's organisers): ``POST`` proposes where each session
    goes with the fewest clashes among those registered; nothing changes until applied."""

    permission_classes = [IsMember]
    serializer_class = ProposalSerializer

    @extend_schema(request=TimetableInputSerializer, responses=ProposalSerializer)
    def post(self, request: Request, week_id: int) -> Response:
        week = get_object_or_404(weeks_visible_to(request.user), pk=week_id)
        payload = TimetableInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        proposal = timetable.propose(
            actor=acting_user(request),
            week=week,
            slots=[timetable.Period(**slot) for slot in payload.validated_data.get("slots", [])],
            keep=payload.validated_data.get("keep", []),
        )
        return Response(ProposalSerializer(proposal).data)


class WeekScheduleView(generics.GenericAPIView[Any]):
    """The week's schedule (its organisers): ``GET`` what the schedule editor shows; ``POST``
    moves sessions (a timetable applied, whole or in part, or the editor's changes saved): each
    as a change by hand would (audited; those registered told), all or none."""

    permission_classes = [IsMember]
    serializer_class = ScheduleInputSerializer

    @extend_schema(responses=BoardSerializer)
    def get(self, request: Request, week_id: int) -> Response:
        week = get_object_or_404(weeks_visible_to(request.user), pk=week_id)
        board = timetable.board_of(actor=acting_user(request), week=week)
        return Response(
            BoardSerializer(
                {
                    "sessions": board.sessions,
                    "rooms": board.rooms,
                    "shared": [
                        {"first": first, "second": second, "people": people}
                        for first, second, people in board.shared
                    ],
                    "departments": [
                        {"department": department, "headcount": headcount, "people": people}
                        for department, headcount, people in board.departments
                    ],
                    "department_share": board.department_share,
                }
            ).data
        )

    @extend_schema(
        request=ScheduleInputSerializer, responses={201: ScheduleVersionSerializer, 204: None}
    )
    def post(self, request: Request, week_id: int) -> Response:
        """``201`` with the new version of the schedule; ``204`` when nothing moved."""
        week = get_object_or_404(weeks_visible_to(request.user), pk=week_id)
        payload = ScheduleInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        version = timetable.apply_schedule(
            actor=acting_user(request),
            week=week,
            moves=[timetable.Move(**move) for move in payload.validated_data["placements"]],
            name=payload.validated_data["name"],
        )
        if version is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(ScheduleVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class MyCalendarView(APIView):
    """The caller's calendar feed: whether they have one; ``POST`` makes a new secret address
    (the one before stops working), shown this once; ``DELETE`` stops it."""

    permission_classes = [IsMember]

    @extend_schema(responses=CalendarFeedStateSerializer)
    def get(self, request: Request) -> Response:
        feed = CalendarFeed.objects.filter(user=acting_user(request)).first()
        return Response(
            CalendarFeedStateSerializer(
                {"active": feed is not None, "created_at": feed.created_at if feed else None}
            ).data
        )

    @extend_schema(request=None, responses={201: CalendarFeedSerializer})
    def post(self, request: Request) -> Response:
        user = acting_user(request)
        token = calendars.make_feed(user=user)
        return Response(
            CalendarFeedSerializer(
                {
                    "url": request.build_absolute_uri(f"/api/v1/calendars/{token}.ics"),
                    "created_at": user.calendar_feed.created_at,
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        calendars.revoke_feed(user=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _calendar_response(name: str, sessions: QuerySet[Session], *, reminders: bool) -> HttpResponse:
    response = HttpResponse(
        calendars.render(name, sessions, reminders=reminders),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    return response


class CalendarView(APIView):
    """A calendar read by calendar applications, which sign in to nothing: the address is the
    key. Errors answer as JSON like everywhere else in the API."""

    permission_classes = [AllowAny]
    authentication_classes = []

    def perform_content_negotiation(
        self, request: Request, force: bool = False
    ) -> tuple[BaseRenderer, str]:
        return JSONRenderer(), JSONRenderer.media_type


class PersonalCalendarView(CalendarView):
    """The sessions a person holds a seat at, with a reminder before each, at their secret
    address; ``404`` once it is revoked or replaced."""

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR})
    def get(self, request: Request, token: str) -> HttpResponse:
        owner = calendars.owner_of(token)
        if owner is None:
            raise Http404
        return _calendar_response(
            f"Talentbridge · {owner.display_name}", calendars.sessions_of(owner), reminders=True
        )


class WeekCalendarView(CalendarView):
    """The programme of a published (or closed) week, for anyone with its address (the
    week's ``calendar``): a wrong key answers ``404``."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "key", str, required=True, description="The key of the week's address."
            )
        ],
        responses={(200, "text/calendar"): OpenApiTypes.STR},
    )
    def get(self, request: Request, week_id: int) -> HttpResponse:
        week = get_object_or_404(ExchangeWeek, pk=week_id, status__in=PUBLIC_STATUSES)
        if not calendars.opens_week(week, str(request.query_params.get("key", ""))):
            raise Http404
        return _calendar_response(week.title, calendars.programme_of(week), reminders=False)

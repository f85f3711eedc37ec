from functools import cached_property
from typing import Any

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from apps.accounts.api.users import acting_user
from apps.core.permissions import IsMember
from apps.events import services
from apps.events.api.serializers import (
    MeetingRoomInputSerializer,
    MeetingRoomSerializer,
    MyRegistrationSerializer,
    RegistrationInputSerializer,
    RegistrationSerializer,
    SessionInputSerializer,
    SessionSerializer,
    WeekChangeSerializer,
    WeekInputSerializer,
    WeekSerializer,
)
from apps.events.models import ExchangeWeek, MeetingRoom, Registration, Session, WeekStatus
from apps.events.selectors import (
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


def _room_arguments(payload: MeetingRoomInputSerializer) -> dict[str, Any]:
    arguments = dict(payload.validated_data)
    if "unavailable" in arguments:
        arguments["unavailable"] = [
            services.Period(**period) for period in arguments["unavailable"]
        ]
    return arguments


def _session_arguments(payload: SessionInputSerializer) -> dict[str, Any]:
    """The service's keyword arguments from a session's validated input."""
    arguments = dict(payload.validated_data)
    if "speakers" in arguments:
        arguments["speakers"] = [services.Speaker(**speaker) for speaker in arguments["speakers"]]
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


class MyRegistrationsView(generics.ListAPIView[Registration]):
    """The caller's registrations that hold or wait for a seat, soonest first."""

    permission_classes = [IsMember]
    serializer_class = MyRegistrationSerializer

    def get_queryset(self) -> QuerySet[Registration]:
        return registrations_of(acting_user(self.request))

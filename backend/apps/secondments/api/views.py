from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.users import acting_user
from apps.accounts.models import Tier
from apps.core.permissions import IsMember
from apps.organisation.selectors import subtree_ids
from apps.secondments import services
from apps.secondments.api.serializers import (
    AvailabilitySerializer,
    NeedInputSerializer,
    NeedSerializer,
)
from apps.secondments.models import NeedStatus, TalentNeed
from apps.secondments.permissions import CanManageNeeds
from apps.secondments.selectors import availability_of, needs_visible_to
from apps.skills.selectors import skills_matching


class NeedFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title")
    status = filters.ChoiceFilter(choices=NeedStatus.choices)
    department = filters.NumberFilter(method="filter_department", label="Department id")
    include_subdepartments = filters.BooleanFilter(
        method="filter_noop", label="With department: include the departments below it"
    )
    tier = filters.ChoiceFilter(choices=Tier.choices)
    skill = filters.CharFilter(method="filter_skill", label="A required skill, by any of its names")

    class Meta:
        model = TalentNeed
        fields = ["status", "tier"]

    def filter_department(
        self, needs: QuerySet[TalentNeed], name: str, value: int
    ) -> QuerySet[TalentNeed]:
        if self.form.cleaned_data.get("include_subdepartments"):
            return needs.filter(department__in=subtree_ids(int(value)))
        return needs.filter(department=value)

    def filter_skill(
        self, needs: QuerySet[TalentNeed], name: str, value: str
    ) -> QuerySet[TalentNeed]:
        return needs.filter(requirements__skill__in=skills_matching(value)).distinct()

    def filter_noop(
        self, needs: QuerySet[TalentNeed], name: str, value: Any
    ) -> QuerySet[TalentNeed]:
        return needs  # read by the filter it qualifies


class NeedViewSet(viewsets.ModelViewSet[TalentNeed]):
    """Talent needs: read by staff when open, written by the heads of their department."""

    permission_classes = [CanManageNeeds]
    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[TalentNeed]:
        return needs_visible_to(self.request.user)

    def _respond(self, need: TalentNeed, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=need.pk)
        return Response(
            NeedSerializer(fresh, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(request=NeedInputSerializer, responses={201: NeedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = NeedInputSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        need = services.create_need(actor=acting_user(request), **_need_arguments(payload))
        return self._respond(need, status.HTTP_201_CREATED)

    @extend_schema(request=NeedInputSerializer, responses=NeedSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        need = self.get_object()
        payload = NeedInputSerializer(
            data=request.data,
            partial=kwargs.get("partial", False),
            context=self.get_serializer_context(),
        )
        payload.is_valid(raise_exception=True)
        need = services.update_need(
            actor=acting_user(request), need=need, **_need_arguments(payload)
        )
        return self._respond(need)

    @extend_schema(request=NeedInputSerializer, responses=NeedSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def perform_destroy(self, instance: TalentNeed) -> None:
        services.delete_need(actor=acting_user(self.request), need=instance)

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str) -> Response:
        """Publish a draft: staff can now see it and the matcher can fill it."""
        need = services.change_need_status(
            actor=acting_user(request),
            need=self.get_object(),
            status=NeedStatus.OPEN,
        )
        return self._respond(need)

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        """Withdraw a draft or open need."""
        need = services.change_need_status(
            actor=acting_user(request),
            need=self.get_object(),
            status=NeedStatus.CLOSED,
        )
        return self._respond(need)


def _need_arguments(payload: NeedInputSerializer) -> dict[str, Any]:
    """The service's keyword arguments from a need's validated input."""
    arguments = dict(payload.validated_data)
    if "requirements" in arguments:
        arguments["requirements"] = [
            services.Requirement(**item) for item in arguments["requirements"]
        ]
    return arguments


class MyAvailabilityView(APIView):
    """The caller's opt-in to be seconded: absent (404) until they opt in."""

    permission_classes = [IsMember]

    @extend_schema(
        responses={
            200: AvailabilitySerializer,
            404: OpenApiResponse(description="The caller has not opted in."),
        }
    )
    def get(self, request: Request) -> Response:
        availability = availability_of(acting_user(request).pk)
        if availability is None:
            raise NotFound(_("You have not opted in to secondment."))
        return Response(AvailabilitySerializer(availability).data)

    @extend_schema(request=AvailabilitySerializer, responses=AvailabilitySerializer)
    def put(self, request: Request) -> Response:
        payload = AvailabilitySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.set_availability(user=acting_user(request), **payload.validated_data)
        return Response(AvailabilitySerializer(availability_of(acting_user(request).pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request) -> Response:
        services.withdraw_availability(user=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

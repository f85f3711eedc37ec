from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from apps.accounts.api.users import acting_user
from apps.accounts.models import Tier
from apps.audit.services import record_export
from apps.core.api.downloads import CsvDownloadView, bilingual, csv_response
from apps.core.api.filters import pagination_parameters, refuse_unknown_parameters
from apps.core.api.pagination import PagePagination
from apps.core.permissions import IsMember
from apps.core.roles import is_admin
from apps.groups import services
from apps.groups.api.serializers import (
    GroupInputSerializer,
    GroupSerializer,
    InvitationSerializer,
    MemberSerializer,
    MembersQuerySerializer,
    RoleChangeSerializer,
)
from apps.groups.models import JoinPolicy, Membership, MembershipStatus, StudyGroup
from apps.groups.permissions import moderates
from apps.groups.selectors import (
    departments_represented,
    groups_visible_to,
    memberships_visible_to,
    search_groups,
)


class GroupFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_noop", label="Name or description")
    skill = filters.CharFilter(
        method="filter_noop", label="A skill it teaches, by any of its names"
    )
    department = filters.NumberFilter(
        method="filter_noop", label="Has members from this department"
    )
    target_tier = filters.ChoiceFilter(choices=Tier.choices)
    join_policy = filters.ChoiceFilter(choices=JoinPolicy.choices)
    mine = filters.BooleanFilter(method="filter_mine", label="Only groups I am a member of")
    archived = filters.BooleanFilter(field_name="archived_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = StudyGroup
        fields = ["target_tier", "join_policy"]

    def filter_queryset(self, queryset: QuerySet[StudyGroup]) -> QuerySet[StudyGroup]:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        return search_groups(
            queryset, text=data.get("q"), skill=data.get("skill"), department=data.get("department")
        )

    def filter_noop(
        self, groups: QuerySet[StudyGroup], name: str, value: Any
    ) -> QuerySet[StudyGroup]:
        return groups  # applied together in filter_queryset

    def filter_mine(
        self, groups: QuerySet[StudyGroup], name: str, value: bool
    ) -> QuerySet[StudyGroup]:
        if not value or self.request is None:
            return groups
        return groups.filter(
            memberships__user=acting_user(self.request), memberships__status=MembershipStatus.ACTIVE
        )


MEMBERSHIP_ID = OpenApiParameter(
    "membership_id", int, OpenApiParameter.PATH, description="A membership's id."
)


class GroupViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[StudyGroup],
):
    """Cross-department study groups: browse, join, and (owners, moderators) manage."""

    permission_classes = [IsMember]
    filterset_class = GroupFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[StudyGroup]:
        return groups_visible_to(self.request.user)

    def get_serializer_class(self) -> type[BaseSerializer[StudyGroup]]:
        return (
            GroupInputSerializer if self.action in {"create", "partial_update"} else GroupSerializer
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "departments": getattr(self, "departments", {})}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        groups = list(page or [])
        self.departments = departments_represented([group.pk for group in groups])
        return self.get_paginated_response(
            GroupSerializer(groups, many=True, context=self.get_serializer_context()).data
        )

    def _respond(self, group: StudyGroup, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=group.pk)
        self.departments = departments_represented([fresh.pk])
        return Response(
            GroupSerializer(fresh, context=self.get_serializer_context()).data, status=status_code
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._respond(self.get_object())

    @extend_schema(request=GroupInputSerializer, responses={201: GroupSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = GroupInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        group = services.create_group(actor=acting_user(request), **payload.validated_data)
        return self._respond(group, status.HTTP_201_CREATED)

    @extend_schema(request=GroupInputSerializer, responses=GroupSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the group (its owner, moderators and administrators)."""
        group = self.get_object()
        payload = GroupInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        group = services.update_group(
            actor=acting_user(request), group=group, **payload.validated_data
        )
        return self._respond(group)

    @extend_schema(request=None, responses=GroupSerializer)
    @action(detail=True, methods=["post"])
    def join(self, request: Request, pk: str) -> Response:
        """Join an open group, ask to join an approval group, or accept an invitation; a full
        group puts the person on its waiting list."""
        group = self.get_object()
        services.join_group(user=acting_user(request), group=group)
        return self._respond(group)

    @extend_schema(
        request=None,
        responses={
            200: GroupSerializer,
            204: OpenApiResponse(
                description="Left an invitation-only group, which the person no longer sees."
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def leave(self, request: Request, pk: str) -> Response:
        """Leave, withdraw a request, leave the waiting list, or decline an invitation."""
        group = self.get_object()
        services.leave_group(user=acting_user(request), group=group)
        if not self.get_queryset().filter(pk=group.pk).exists():
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self._respond(group)

    @extend_schema(request=None, responses=GroupSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: str) -> Response:
        """Make the group read-only (its owner, or an administrator)."""
        group = services.archive_group(actor=acting_user(request), group=self.get_object())
        return self._respond(group)

    @extend_schema(parameters=[MembersQuerySerializer], responses=MemberSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def members(self, request: Request, pk: str) -> Response:
        """Its members; to moderators also who asked to join (first), who is invited and who
        waits, each waiting person with their place in the whole waiting list."""
        group = self.get_object()
        paginator = PagePagination()
        refuse_unknown_parameters(
            request, [*MembersQuerySerializer().fields, *pagination_parameters(paginator)]
        )
        query = MembersQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        memberships = paginator.paginate_queryset(
            memberships_visible_to(request.user, group, **query.validated_data), request, view=self
        )
        return paginator.get_paginated_response(MemberSerializer(memberships or [], many=True).data)

    @extend_schema(request=InvitationSerializer, responses={201: MemberSerializer})
    @action(detail=True, methods=["post"])
    def invitations(self, request: Request, pk: str) -> Response:
        """Invite a person (the group's owner and moderators)."""
        group = self.get_object()
        payload = InvitationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = services.invite(
            actor=acting_user(request), group=group, user=payload.validated_data["user"]
        )
        return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)

    def _member(self, membership_id: str) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user", "group__room"),
            pk=membership_id,
            group=self.get_object(),
        )

    @extend_schema(request=None, responses=MemberSerializer, parameters=[MEMBERSHIP_ID])
    @action(detail=True, methods=["post"], url_path=r"members/(?P<membership_id>\d+)/approve")
    def approve(self, request: Request, pk: str, membership_id: str) -> Response:
        return self._decide(request, membership_id, approve=True)

    @extend_schema(request=None, responses=MemberSerializer, parameters=[MEMBERSHIP_ID])
    @action(detail=True, methods=["post"], url_path=r"members/(?P<membership_id>\d+)/reject")
    def reject(self, request: Request, pk: str, membership_id: str) -> Response:
        return self._decide(request, membership_id, approve=False)

    def _decide(self, request: Request, membership_id: str, *, approve: bool) -> Response:
        membership = services.decide_request(
            actor=acting_user(request), membership=self._member(membership_id), approve=approve
        )
        return Response(MemberSerializer(membership).data)

    @extend_schema(request=None, responses=MemberSerializer, parameters=[MEMBERSHIP_ID])
    @action(detail=True, methods=["post"], url_path=r"members/(?P<membership_id>\d+)/remove")
    def remove(self, request: Request, pk: str, membership_id: str) -> Response:
        """Take someone out (the owner and administrators anyone but the owner; moderators,
        members)."""
        membership = services.remove_member(
            actor=acting_user(request), membership=self._member(membership_id)
        )
        return Response(MemberSerializer(membership).data)

    @extend_schema(
        request=RoleChangeSerializer, responses=MemberSerializer, parameters=[MEMBERSHIP_ID]
    )
    @action(detail=True, methods=["post"], url_path=r"members/(?P<membership_id>\d+)/role")
    def role(self, request: Request, pk: str, membership_id: str) -> Response:
        """Give a member a role (the owner, or an administrator)."""
        membership = self._member(membership_id)
        payload = RoleChangeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = services.set_role(
            actor=acting_user(request), membership=membership, role=payload.validated_data["role"]
        )
        return Response(MemberSerializer(membership).data)


class GroupMembersExportView(CsvDownloadView):
    """A group's members, and who asked, is invited or waits, as CSV in the reader's language
    (UTF-8 with a byte-order mark): for its owner and moderators and for administrators;
    audited."""

    permission_classes = [IsMember]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request, group_id: int) -> HttpResponse:
        refuse_unknown_parameters(request, ())
        group = get_object_or_404(groups_visible_to(request.user), pk=group_id)
        if not (moderates(request.user, group) or is_admin(request.user)):
            self.permission_denied(
                request, message=_("Only the group's owner and moderators may export its members.")
            )
        members = list(memberships_visible_to(request.user, group))
        record_export(
            acting_user(request), "group.members_exported", len(members), {}, target=group
        )
        return csv_response(
            f"talentbridge-group-{group.pk}-members.csv",
            [
                _("Employee number"),
                _("Name"),
                _("Department"),
                _("Role"),
                _("Status"),
                _("Place on the waiting list"),
                _("Joined"),
            ],
            (
                (
                    member.user.employee_number,
                    member.user.display_name,
                    bilingual(member.user.department.name_zh, member.user.department.name_en)
                    if member.user.department
                    else "",
                    member.get_role_display(),
                    member.get_status_display(),
                    member.waitlist_position or "",  # type: ignore[attr-defined]
                    timezone.localtime(member.joined_at).isoformat(timespec="seconds")
                    if member.joined_at
                    else "",
                )
                for member in members
            ),
        )

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from apps.accounts.api.users import acting_user
from apps.accounts.selectors import department_headcount
from apps.core.api.filters import refuse_unknown_parameters
from apps.core.changes import UNCHANGED
from apps.core.roles import is_member
from apps.organisation.api.serializers import (
    DepartmentDetailSerializer,
    DepartmentSerializer,
    DepartmentTreeSerializer,
    FloorInputSerializer,
    ReleaseCapSerializer,
)
from apps.organisation.models import CriticalSkillFloor, Department
from apps.organisation.selectors import search_departments
from apps.organisation.services import (
    remove_critical_skill_floor,
    set_critical_skill_floor,
    update_department,
)
from apps.secondments.selectors import (
    department_open_need_count,
    department_people_out,
    holders_at_home,
    may_review,
)
from apps.skills.selectors import skills_with_synonyms


class DepartmentFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_text", label="Code, Chinese or English name")
    parent = filters.NumberFilter(field_name="parent")
    root = filters.BooleanFilter(field_name="parent", lookup_expr="isnull", label="Top level only")

    class Meta:
        model = Department
        fields = ["parent"]

    def filter_text(
        self, departments: QuerySet[Department], name: str, value: str
    ) -> QuerySet[Department]:
        return search_departments(departments, value)


class SetsSecondmentRules(BasePermission):
    """Members read departments; HR and administrators set the rules the matcher keeps:
    release caps and critical-skill floors."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return is_member(request.user)
        return may_review(request.user)


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet[Department]):
    """The departments of the city, with their headcount and open talent needs; one department
    with its release cap and critical-skill floors, which HR and administrators change."""

    permission_classes = [SetsSecondmentRules]
    filterset_class = DepartmentFilter

    def get_queryset(self) -> QuerySet[Department]:
        departments = Department.objects.select_related("parent").annotate(
            headcount=department_headcount(),
            open_need_count=department_open_need_count(self.request.user),
        )
        if self.detail:
            floors = CriticalSkillFloor.objects.select_related("skill")
            departments = departments.prefetch_related(
                Prefetch("critical_skill_floors", queryset=floors)
            ).annotate(people_out=department_people_out())
        return departments

    def get_serializer_class(self) -> type[BaseSerializer[Department]]:
        return DepartmentDetailSerializer if self.detail else DepartmentSerializer

    def _detail(self) -> Response:
        """The department as it reads now, with how many people each floor counts at home."""
        department = self.get_object()
        floors = list(department.critical_skill_floors.all())
        context = {**self.get_serializer_context(), "holders_at_home": holders_at_home(floors)}
        return Response(DepartmentDetailSerializer(department, context=context).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._detail()

    @extend_schema(request=ReleaseCapSerializer, responses=DepartmentDetailSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the department's release cap. Audited (``department.updated``)."""
        payload = ReleaseCapSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        update_department(
            actor=acting_user(request),
            department=self.get_object(),
            release_cap_percent=payload.validated_data.get("release_cap_percent", UNCHANGED),
        )
        return self._detail()

    @extend_schema(parameters=[OpenApiParameter("skill_id", int, OpenApiParameter.PATH)])
    @extend_schema(
        methods=["PUT"], request=FloorInputSerializer, responses=DepartmentDetailSerializer
    )
    @extend_schema(methods=["DELETE"], request=None, responses={200: DepartmentDetailSerializer})
    @action(detail=True, methods=["put", "delete"], url_path=r"floors/(?P<skill_id>\d+)")
    def floor(self, request: Request, pk: str, skill_id: str) -> Response:
        """Set (``PUT``) or remove (``DELETE``) the department's critical-skill floor for a
        skill: keep at least ``min_people`` people with it at ``min_level`` or above at home.
        Audited (``floor.set``, ``floor.removed``)."""
        department = self.get_object()
        skill = get_object_or_404(skills_with_synonyms(), pk=skill_id)
        if request.method == "DELETE":
            floor = get_object_or_404(CriticalSkillFloor, department=department, skill=skill)
            remove_critical_skill_floor(actor=acting_user(request), floor=floor)
        else:
            payload = FloorInputSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            set_critical_skill_floor(
                actor=acting_user(request),
                department=department,
                skill_id=skill.pk,
                **payload.validated_data,
            )
        return self._detail()

    @extend_schema(responses=DepartmentTreeSerializer(many=True), filters=False)
    @action(detail=False, pagination_class=None, filter_backends=[])
    def tree(self, request: Request) -> Response:
        """The whole tree at once: top-level departments with their children, nested."""
        refuse_unknown_parameters(request, ())
        children: defaultdict[int | None, list[Department]] = defaultdict(list)
        for department in self.get_queryset():
            children[department.parent_id].append(department)
        roots = children[None]
        serializer = DepartmentTreeSerializer(
            roots, many=True, context={"request": request, "children": children}
        )
        return Response(serializer.data)

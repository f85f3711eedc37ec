from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from apps.accounts.selectors import department_headcount
from apps.core.permissions import IsMember
from apps.organisation.api.serializers import (
    DepartmentDetailSerializer,
    DepartmentSerializer,
    DepartmentTreeSerializer,
)
from apps.organisation.models import CriticalSkillFloor, Department
from apps.organisation.selectors import search_departments
from apps.secondments.selectors import department_open_need_count


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


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet[Department]):
    """The departments of the city, with their headcount and open talent needs."""

    permission_classes = [IsMember]
    filterset_class = DepartmentFilter

    def get_queryset(self) -> QuerySet[Department]:
        departments = Department.objects.select_related("parent").annotate(
            headcount=department_headcount(),
            open_need_count=department_open_need_count(self.request.user),
        )
        if self.action == "retrieve":
            floors = CriticalSkillFloor.objects.select_related("skill")
            departments = departments.prefetch_related(
                Prefetch("critical_skill_floors", queryset=floors)
            )
        return departments

    def get_serializer_class(self) -> type[BaseSerializer[Department]]:
        return DepartmentDetailSerializer if self.action == "retrieve" else DepartmentSerializer

    @extend_schema(responses=DepartmentTreeSerializer(many=True), filters=False)
    @action(detail=False, pagination_class=None, filter_backends=[])
    def tree(self, request: Request) -> Response:
        """The whole tree at once: top-level departments with their children, nested."""
        children: defaultdict[int | None, list[Department]] = defaultdict(list)
        for department in self.get_queryset():
            children[department.parent_id].append(department)
        roots = children[None]
        serializer = DepartmentTreeSerializer(
            roots, many=True, context={"request": request, "children": children}
        )
        return Response(serializer.data)

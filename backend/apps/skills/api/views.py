from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from apps.accounts.api.users import acting_user
from apps.accounts.permissions import heads_department, may_read_skill_history
from apps.accounts.selectors import people_visible_to
from apps.core.permissions import IsMember
from apps.skills import services
from apps.skills.api.serializers import (
    MySkillCreateSerializer,
    MySkillSerializer,
    MySkillUpdateSerializer,
    SkillCategorySerializer,
    SkillChangeSerializer,
    SkillSerializer,
)
from apps.skills.models import Skill, SkillCategory, StaffSkill, StaffSkillChange
from apps.skills.selectors import (
    categories,
    skill_history_of,
    skills_matching,
    skills_with_synonyms,
    staff_skills_of,
)


class SkillFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_text", label="Code, Chinese or English name, or synonym")
    category = filters.NumberFilter(field_name="category")

    class Meta:
        model = Skill
        fields = ["category"]

    def filter_text(self, skills: QuerySet[Skill], name: str, value: str) -> QuerySet[Skill]:
        return skills.filter(pk__in=skills_matching(value).values("pk"))


class SkillViewSet(viewsets.ReadOnlyModelViewSet[Skill]):
    """The skill taxonomy, searchable in Chinese, in English and by synonym."""

    permission_classes = [IsMember]
    serializer_class = SkillSerializer
    filterset_class = SkillFilter
    queryset = skills_with_synonyms()


class SkillCategoryViewSet(viewsets.ReadOnlyModelViewSet[SkillCategory]):
    permission_classes = [IsMember]
    serializer_class = SkillCategorySerializer
    queryset = categories()


class MySkillViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[StaffSkill],
):
    """The caller's own skills, addressed by skill id. What one declares is self-declared."""

    permission_classes = [IsMember]
    lookup_field = "skill"
    lookup_url_kwarg = "skill_id"

    def get_queryset(self) -> QuerySet[StaffSkill]:
        return staff_skills_of(acting_user(self.request).pk)

    def get_serializer_class(self) -> type[BaseSerializer[StaffSkill]]:
        if self.action == "create":
            return MySkillCreateSerializer
        if self.action in {"update", "partial_update"}:
            return MySkillUpdateSerializer
        return MySkillSerializer

    @extend_schema(request=MySkillCreateSerializer, responses={201: MySkillSerializer})
    def create(self, request: Request) -> Response:
        declared = MySkillCreateSerializer(data=request.data)
        declared.is_valid(raise_exception=True)
        skill = declared.validated_data["skill"]
        if self.get_queryset().filter(skill=skill).exists():
            raise ValidationError(
                {"skill": [_("This skill is already in your profile; change its level instead.")]},
                code="unique",
            )
        staff_skill = services.set_own_skill(
            user=acting_user(request), skill=skill, level=declared.validated_data["level"]
        )
        return Response(MySkillSerializer(staff_skill).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MySkillUpdateSerializer, responses=MySkillSerializer)
    def update(self, request: Request, skill_id: str, partial: bool = False) -> Response:
        staff_skill = self.get_object()
        change = MySkillUpdateSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        staff_skill = services.set_own_skill(
            user=acting_user(request), skill=staff_skill.skill, level=change.validated_data["level"]
        )
        return Response(MySkillSerializer(staff_skill).data)

    @extend_schema(request=MySkillUpdateSerializer, responses=MySkillSerializer)
    def partial_update(self, request: Request, skill_id: str) -> Response:
        return self.update(request, skill_id, partial=True)

    def perform_destroy(self, instance: StaffSkill) -> None:
        services.remove_own_skill(staff_skill=instance)


class VerifySkillView(APIView):
    """A department head confirms the level of a skill of someone in their department."""

    permission_classes = [IsMember]

    @extend_schema(request=None, responses=MySkillSerializer)
    def post(self, request: Request, person_id: int, skill_id: int) -> Response:
        person = get_object_or_404(people_visible_to(request.user), pk=person_id)
        staff_skill = get_object_or_404(staff_skills_of(person.pk), skill_id=skill_id)
        if person.pk == request.user.pk or not heads_department(request.user, person.department_id):
            self.permission_denied(
                request, message=_("Only the head of the person's department may verify.")
            )
        staff_skill = services.verify_skill(actor=acting_user(request), staff_skill=staff_skill)
        return Response(MySkillSerializer(staff_skill).data)


class SkillHistoryView(ListAPIView[StaffSkillChange]):
    """Each level a person's skills were set to, verified at or removed from, by whom and when;
    newest first. For the person, the heads of their department, HR and administrators."""

    permission_classes = [IsMember]
    serializer_class = SkillChangeSerializer

    def get_queryset(self) -> QuerySet[StaffSkillChange]:
        if getattr(self, "swagger_fake_view", False):  # describing the API: no person asked
            return StaffSkillChange.objects.none()
        person = get_object_or_404(
            people_visible_to(self.request.user), pk=self.kwargs["person_id"]
        )
        if not may_read_skill_history(self.request.user, person):
            self.permission_denied(
                self.request,
                message=_(
                    "Only the person, the heads of their department, HR and administrators "
                    "may read the history of their skills."
                ),
            )
        return skill_history_of(person.pk)

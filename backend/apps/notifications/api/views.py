from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from apps.accounts.api.users import acting_user
from apps.core.permissions import IsSignedIn
from apps.notifications.api.serializers import (
    MarkedSerializer,
    MarkReadSerializer,
    NotificationSerializer,
)
from apps.notifications.kinds import KINDS
from apps.notifications.models import Notification
from apps.notifications.services import mark_read


class NotificationFilter(filters.FilterSet):
    unread = filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label="Only unread ones"
    )
    kind = filters.ChoiceFilter(choices=KINDS)

    class Meta:
        model = Notification
        fields = ["kind"]


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Notification]):
    """The caller's own notifications, newest first."""

    permission_classes = [IsSignedIn]
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self) -> QuerySet[Notification]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Notification.objects.none()
        return Notification.objects.filter(user=acting_user(self.request)).select_related("actor")

    @extend_schema(request=MarkReadSerializer, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def read(self, request: Request) -> Response:
        payload = MarkReadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        marked = mark_read(user=acting_user(request), ids=payload.validated_data.get("ids"))
        return Response({"marked": marked})

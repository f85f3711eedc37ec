"""The chat's REST side: history with cursors, search, sending, editing, topics, read markers.
The live side is the socket (apps.realtime)."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.users import acting_user
from apps.accounts.permissions import IsMember
from apps.chat import services
from apps.chat.api.serializers import (
    HistoryQuerySerializer,
    MessageEditSerializer,
    MessageInputSerializer,
    MessagePageSerializer,
    MessageSerializer,
    ReadMarkerSerializer,
    SearchQuerySerializer,
    TopicSerializer,
    UnreadSerializer,
)
from apps.chat.models import Message, Topic
from apps.chat.payloads import message_payload
from apps.chat.selectors import messages_of, search_messages, topics_of
from apps.groups.models import Membership
from apps.groups.selectors import groups_visible_to


def chat_membership(request: Request, group_id: int) -> Membership:
    """The caller's membership of a group they can see (else 404) and are an active member of
    (else 403): only members read or write a group's chat."""
    get_object_or_404(groups_visible_to(request.user), pk=group_id)
    return services.active_membership(acting_user(request), group_id)


class GroupChatView(APIView):
    permission_classes = [IsMember]


class MessagesView(GroupChatView):
    @extend_schema(
        parameters=[HistoryQuerySerializer],
        responses=MessagePageSerializer,
        summary="History: the latest messages, or those after or before an id (cursors)",
    )
    def get(self, request: Request, group_id: int) -> Response:
        chat_membership(request, group_id)
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        limit = query.validated_data["limit"]
        messages = messages_of(group_id)
        if "after" in query.validated_data:
            page = list(
                messages.filter(pk__gt=query.validated_data["after"]).order_by("id")[: limit + 1]
            )
            has_more, page = len(page) > limit, page[:limit]
        else:
            if "before" in query.validated_data:
                messages = messages.filter(pk__lt=query.validated_data["before"])
            page = list(messages.order_by("-id")[: limit + 1])
            has_more, page = len(page) > limit, page[:limit][::-1]
        return Response(
            {"results": [message_payload(message) for message in page], "has_more": has_more}
        )

    @extend_schema(
        request=MessageInputSerializer, responses={201: MessageSerializer, 200: MessageSerializer}
    )
    def post(self, request: Request, group_id: int) -> Response:
        """Send a message (as the socket's message.send does); 200 when the client id was sent
        before, with that first message."""
        chat_membership(request, group_id)
        payload = MessageInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        message, created = services.post_message(
            author=acting_user(request),
            group_id=group_id,
            body=data["body"],
            client_id=data["client_id"],
            topic_id=data.get("topic"),
            reply_to_id=data.get("reply_to"),
        )
        return Response(
            MessageSerializer(message).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class MessageView(GroupChatView):
    @extend_schema(request=MessageEditSerializer, responses=MessageSerializer)
    def patch(self, request: Request, group_id: int, message_id: int) -> Response:
        """The author edits their message within 15 minutes; the old text is kept."""
        chat_membership(request, group_id)
        payload = MessageEditSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        message = services.edit_message(
            user=acting_user(request),
            group_id=group_id,
            message_id=message_id,
            body=payload.validated_data["body"],
        )
        return Response(MessageSerializer(message).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, group_id: int, message_id: int) -> Response:
        """The author, a moderator or the owner deletes a message."""
        chat_membership(request, group_id)
        services.delete_message(user=acting_user(request), group_id=group_id, message_id=message_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MessageSearchView(ListAPIView[Message]):
    """Search a group's history (full text on PostgreSQL, by substring on SQLite)."""

    permission_classes = [IsMember]
    serializer_class = MessageSerializer

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="What to find.")]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Message]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no request
            return Message.objects.none()
        group_id = self.kwargs["group_id"]
        chat_membership(self.request, group_id)
        query = SearchQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return search_messages(group_id, query.validated_data["q"])


class TopicsView(GroupChatView):
    @extend_schema(responses=TopicSerializer(many=True))
    def get(self, request: Request, group_id: int) -> Response:
        chat_membership(request, group_id)
        return Response(TopicSerializer(topics_of(group_id), many=True).data)

    @extend_schema(request=TopicSerializer, responses={201: TopicSerializer})
    def post(self, request: Request, group_id: int) -> Response:
        chat_membership(request, group_id)
        payload = TopicSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        topic: Topic = services.create_topic(
            user=acting_user(request), group_id=group_id, title=payload.validated_data["title"]
        )
        return Response(TopicSerializer(topic).data, status=status.HTTP_201_CREATED)


class ReadMarkerView(GroupChatView):
    @extend_schema(request=ReadMarkerSerializer, responses=UnreadSerializer)
    def post(self, request: Request, group_id: int) -> Response:
        """Everything up to this message is read (the marker never moves back)."""
        chat_membership(request, group_id)
        payload = ReadMarkerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = services.mark_read(
            user=acting_user(request),
            group_id=group_id,
            message_id=payload.validated_data["message"],
        )
        return Response(
            {
                "unread": services.unread_count(membership),
                "last_read": membership.last_read_message_id,
            }
        )

"""A room's REST side: history with cursors, search, sending, editing (with each message's earlier
texts), topics, read markers.
The live side is the socket (apps.chat.consumers). Only a room's active members reach it; to
anyone else a room answers 404, as one that does not exist."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.users import acting_user
from apps.accounts.models import User
from apps.chat import services
from apps.chat.api.serializers import (
    HistoryQuerySerializer,
    MessageEditSerializer,
    MessageInputSerializer,
    MessagePageSerializer,
    MessageRevisionSerializer,
    MessageSerializer,
    ReadMarkerSerializer,
    RoomMemberSerializer,
    RoomMembersQuerySerializer,
    RoomSerializer,
    SearchQuerySerializer,
    TopicSerializer,
    UnreadSerializer,
)
from apps.chat.models import Message, MessageRevision, RoomMember, Topic
from apps.chat.payloads import message_payload
from apps.chat.permissions import require_member
from apps.chat.selectors import (
    members_of,
    message_in,
    messages_of,
    revisions_of,
    search_messages,
    topics_of,
    unread_count,
)
from apps.core.api.filters import refuse_unknown_parameters
from apps.core.errors import NotAllowedError
from apps.core.permissions import IsMember


def room_member(request: Request, room_id: int) -> RoomMember:
    """The caller's active place in the room; to anyone else the room answers 404, as one that
    does not exist."""
    try:
        return require_member(acting_user(request), room_id)
    except NotAllowedError:
        raise NotFound() from None


class RoomView(APIView):
    permission_classes = [IsMember]


class RoomDetailView(RoomView):
    @extend_schema(responses=RoomSerializer, summary="A room, as the calling member sees it")
    def get(self, request: Request, room_id: int) -> Response:
        return Response(RoomSerializer(room_member(request, room_id)).data)


class RoomMembersView(ListAPIView[User]):
    """The room's active members, by name (for mentions and presence)."""

    permission_classes = [IsMember]
    serializer_class = RoomMemberSerializer
    query_serializer_class = RoomMembersQuerySerializer

    @extend_schema(parameters=[RoomMembersQuerySerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[User]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no request
            return User.objects.none()
        room_id = self.kwargs["room_id"]
        room_member(self.request, room_id)
        query = RoomMembersQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return members_of(room_id, q=query.validated_data.get("q", ""))


class MessagesView(RoomView):
    @extend_schema(
        parameters=[HistoryQuerySerializer],
        responses=MessagePageSerializer,
        summary="History: the latest messages, or those after or before an id (cursors)",
    )
    def get(self, request: Request, room_id: int) -> Response:
        room_member(request, room_id)
        refuse_unknown_parameters(request, HistoryQuerySerializer().fields.keys())
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        limit = query.validated_data["limit"]
        messages = messages_of(room_id)
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
        request=MessageInputSerializer,
        responses={
            201: MessageSerializer,
            200: MessageSerializer,
            429: OpenApiResponse(
                description="Over the rate of messages (rate_limited); Retry-After says when."
            ),
        },
    )
    def post(self, request: Request, room_id: int) -> Response:
        """Send a message (as the socket's message.send does); 200 when the client id was sent
        before, with that first message; 429 over the rate, shared with the socket."""
        room_member(request, room_id)
        payload = MessageInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        message, created = services.post_message(
            author=acting_user(request),
            room_id=room_id,
            body=data["body"],
            client_id=data["client_id"],
            topic_id=data.get("topic"),
            reply_to_id=data.get("reply_to"),
        )
        return Response(
            MessageSerializer(message).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class MessageView(RoomView):
    @extend_schema(request=MessageEditSerializer, responses=MessageSerializer)
    def patch(self, request: Request, room_id: int, message_id: int) -> Response:
        """The author edits their message within 15 minutes; the old text is kept."""
        room_member(request, room_id)
        payload = MessageEditSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        message = services.edit_message(
            user=acting_user(request),
            room_id=room_id,
            message_id=message_id,
            body=payload.validated_data["body"],
        )
        return Response(MessageSerializer(message).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, room_id: int, message_id: int) -> Response:
        """The author, or a moderator of the room, deletes a message."""
        room_member(request, room_id)
        services.delete_message(user=acting_user(request), room_id=room_id, message_id=message_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MessageRevisionsView(ListAPIView[MessageRevision]):
    """A message's earlier texts, oldest first: what it said before each edit. Its current text
    is the message's own (``body``); a message never edited has none. A deleted message's are
    not shown (its deleted text is among them): it answers 404 ``message_deleted``."""

    permission_classes = [IsMember]
    serializer_class = MessageRevisionSerializer

    @extend_schema(summary="A message's edit history: its earlier texts, oldest first")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[MessageRevision]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no request
            return MessageRevision.objects.none()
        room_id = self.kwargs["room_id"]
        room_member(self.request, room_id)
        message = message_in(room_id, self.kwargs["message_id"])
        if message is None:
            raise NotFound(_("No such message in this room."))
        if message.deleted_at is not None:
            raise NotFound(
                _("This message was deleted: its earlier texts are no longer shown."),
                code="message_deleted",
            )
        return revisions_of(message.pk)


class MessageSearchView(ListAPIView[Message]):
    """Search a room's history (full text on PostgreSQL, by substring on SQLite)."""

    permission_classes = [IsMember]
    serializer_class = MessageSerializer
    query_serializer_class = SearchQuerySerializer

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="What to find.")]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Message]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no request
            return Message.objects.none()
        room_id = self.kwargs["room_id"]
        room_member(self.request, room_id)
        query = SearchQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return search_messages(room_id, query.validated_data["q"])


class TopicsView(RoomView):
    @extend_schema(responses=TopicSerializer(many=True))
    def get(self, request: Request, room_id: int) -> Response:
        room_member(request, room_id)
        refuse_unknown_parameters(request, ())
        return Response(TopicSerializer(topics_of(room_id), many=True).data)

    @extend_schema(request=TopicSerializer, responses={201: TopicSerializer})
    def post(self, request: Request, room_id: int) -> Response:
        room_member(request, room_id)
        payload = TopicSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        topic: Topic = services.create_topic(
            user=acting_user(request), room_id=room_id, title=payload.validated_data["title"]
        )
        return Response(TopicSerializer(topic).data, status=status.HTTP_201_CREATED)


class ReadMarkerView(RoomView):
    @extend_schema(request=ReadMarkerSerializer, responses=UnreadSerializer)
    def post(self, request: Request, room_id: int) -> Response:
        """Everything up to this message is read (the marker never moves back)."""
        room_member(request, room_id)
        payload = ReadMarkerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        member = services.mark_read(
            user=acting_user(request),
            room_id=room_id,
            message_id=payload.validated_data["message"],
        )
        return Response({"unread": unread_count(member), "last_read": member.last_read_message_id})

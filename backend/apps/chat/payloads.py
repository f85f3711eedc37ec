"""A message and a topic as every client sees them, over the socket and over REST alike."""

from apps.chat.models import Message, Topic
from apps.chat.selectors import room_address
from apps.core.frames import MessagePayload, TopicPayload
from apps.core.times import site_time


def message_payload(message: Message) -> MessagePayload:
    """The message's public form. A deleted message keeps its place with an empty body."""
    author = message.author
    return {
        "id": message.pk,
        **room_address(message.room),
        "seq": message.seq,
        "topic": message.topic_id,
        "reply_to": message.reply_to_id,
        "author": (
            {"id": author.pk, "username": author.username, "display_name": author.display_name}
            if author
            else None
        ),
        "body": message.body,
        "mentions": sorted(user.pk for user in message.mentions.all()),
        "client_id": str(message.client_id),
        "created_at": site_time(message.created_at),
        "edited_at": site_time(message.edited_at) if message.edited_at else None,
        "deleted": message.deleted_at is not None,
    }


def topic_payload(topic: Topic) -> TopicPayload:
    return {"id": topic.pk, **room_address(topic.room), "title": topic.title}

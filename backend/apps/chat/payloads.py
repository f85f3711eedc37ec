"""A message as every client sees it, over the socket and over REST alike."""

from typing import Any

from apps.chat.models import Message


def message_payload(message: Message) -> dict[str, Any]:
    """The message's public form. A deleted message keeps its place with an empty body."""
    author = message.author
    return {
        "id": message.pk,
        "group": message.group_id,
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
        "created_at": message.created_at.isoformat(),
        "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        "deleted": message.deleted_at is not None,
    }

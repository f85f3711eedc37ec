"""What the real-time hub reads from the database to deliver a room's messages."""

from django.utils.dateparse import parse_datetime

from apps.chat.models import Message, Room
from apps.chat.payloads import message_payload
from apps.chat.selectors import active_member_ids, messages_between_seqs, messages_of, room_address
from apps.realtime.database import close_connections, in_database
from apps.realtime.events import encode
from apps.realtime.hub import RoomState


def _frame(message: Message, frame_type: str = "message.new") -> str:
    return encode({"type": frame_type, "message": message_payload(message)})


def _members(room_id: int) -> tuple[int, set[int]]:
    version = Room.objects.values_list("membership_version", flat=True).get(pk=room_id)
    return version, active_member_ids(room_id)


class ChatLoader:
    """The hub's window on the database (see ``apps.realtime.hub.Loader``)."""

    @in_database
    def room_state(self, room_id: int) -> RoomState:
        room = Room.objects.get(pk=room_id)
        return RoomState(
            seq=room.last_message_seq,
            membership_version=room.membership_version,
            members=active_member_ids(room_id),
            address=room_address(room),
        )

    @in_database
    def members(self, room_id: int) -> tuple[int, set[int]]:
        return _members(room_id)

    @in_database
    def messages(self, room_id: int, first_seq: int, last_seq: int) -> list[tuple[int, int, str]]:
        return [
            (message.seq, message.membership_version, _frame(message))
            for message in messages_between_seqs(room_id, first_seq, last_seq)
        ]

    @in_database
    def catch_up(
        self, room_id: int, after_id: int, changed_after: str | None
    ) -> tuple[int, list[tuple[int | None, str]]]:
        """Every message after ``after_id`` up to the last one now, in order; then, when
        ``changed_after`` (a time the client had) is given, the edits and deletions since then
        of the messages it already had."""
        last_seq = Room.objects.values_list("last_message_seq", flat=True).get(pk=room_id)
        frames: list[tuple[int | None, str]] = [
            (message.seq, _frame(message))
            for message in messages_of(room_id)
            .filter(pk__gt=after_id, seq__lte=last_seq)
            .order_by("seq")
        ]
        since = parse_datetime(changed_after) if changed_after else None
        if since is not None:
            changed = messages_of(room_id).filter(pk__lte=after_id, edited_at__gt=since) | (
                messages_of(room_id).filter(pk__lte=after_id, deleted_at__gt=since)
            )
            for message in changed.order_by("id"):
                kind = "message.deleted" if message.deleted_at else "message.edited"
                frames.append((None, _frame(message, kind)))
        return last_seq, frames

    async def close(self) -> None:
        await close_connections()

    @in_database
    def last_seqs(self, room_ids: list[int]) -> dict[int, int]:
        return dict(Room.objects.filter(pk__in=room_ids).values_list("id", "last_message_seq"))

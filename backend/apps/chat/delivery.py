"""What the real-time hub reads from the database to deliver a group's chat."""

from django.utils.dateparse import parse_datetime

from apps.chat.models import Message
from apps.chat.payloads import message_payload
from apps.chat.selectors import messages_between_seqs, messages_of
from apps.groups.models import Membership, MembershipStatus, StudyGroup
from apps.realtime.database import close_connections, in_database
from apps.realtime.events import encode


def _frame(message: Message, frame_type: str = "message.new") -> str:
    return encode({"type": frame_type, "message": message_payload(message)})


def _members(group_id: int) -> tuple[int, set[int]]:
    version = StudyGroup.objects.values_list("membership_version", flat=True).get(pk=group_id)
    members = set(
        Membership.objects.filter(group_id=group_id, status=MembershipStatus.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    return version, members


class ChatLoader:
    """The hub's window on the database (see ``apps.realtime.hub.Loader``)."""

    @in_database
    def room_state(self, group_id: int) -> tuple[int, int, set[int]]:
        last_seq = StudyGroup.objects.values_list("last_message_seq", flat=True).get(pk=group_id)
        version, members = _members(group_id)
        return last_seq, version, members

    @in_database
    def members(self, group_id: int) -> tuple[int, set[int]]:
        return _members(group_id)

    @in_database
    def messages(self, group_id: int, first_seq: int, last_seq: int) -> list[tuple[int, int, str]]:
        return [
            (message.seq, message.membership_version, _frame(message))
            for message in messages_between_seqs(group_id, first_seq, last_seq)
        ]

    @in_database
    def catch_up(
        self, group_id: int, after_id: int, changed_after: str | None
    ) -> tuple[int, list[tuple[int | None, str]]]:
        """Every message after ``after_id`` up to the last one now, in order; then, when
        ``changed_after`` (a time the client had) is given, the edits and deletions since then
        of the messages it already had."""
        last_seq = StudyGroup.objects.values_list("last_message_seq", flat=True).get(pk=group_id)
        frames: list[tuple[int | None, str]] = [
            (message.seq, _frame(message))
            for message in messages_of(group_id)
            .filter(pk__gt=after_id, seq__lte=last_seq)
            .order_by("seq")
        ]
        since = parse_datetime(changed_after) if changed_after else None
        if since is not None:
            changed = messages_of(group_id).filter(
                pk__lte=after_id, edited_at__gt=since
            ) | messages_of(group_id).filter(pk__lte=after_id, deleted_at__gt=since)
            for message in changed.order_by("id"):
                kind = "message.deleted" if message.deleted_at else "message.edited"
                frames.append((None, _frame(message, kind)))
        return last_seq, frames

    async def close(self) -> None:
        await close_connections()

    @in_database
    def last_seqs(self, group_ids: list[int]) -> dict[int, int]:
        return dict(
            StudyGroup.objects.filter(pk__in=group_ids).values_list("id", "last_message_seq")
        )

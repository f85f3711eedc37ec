"""Who may read and write a room: the rules the REST views, the socket and the services share."""

from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.chat.models import Message, Room, RoomMember
from apps.chat.selectors import member_of
from apps.core.errors import NotAllowedError


def require_member(user: User, room_id: int) -> RoomMember:
    """The person's active place in the room: only its active members, with open accounts (as
    the database has them now), read or write it. A room that does not exist is refused the
    same way."""
    member = member_of(user, room_id)
    if member is None:
        raise NotAllowedError(_("You are not a member of this room."), "not_member")
    return member


def require_writable(room: Room) -> None:
    if room.is_read_only:
        raise NotAllowedError(_("This room is archived: it is read-only."), "archived")


def may_delete(member: RoomMember, message: Message) -> bool:
    """The author deletes their message; a moderator of the room deletes anyone's."""
    return message.author_id == member.user_id or member.is_moderator

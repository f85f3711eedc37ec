from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_BODY_LENGTH = 4000
MAX_TOPIC_TITLE_LENGTH = 120


class Room(models.Model):
    """A conversation: its members, its topics and its messages, numbered without gaps.

    Another app owns each room (a study group has one) and decides who belongs: it tells chat
    through ``apps.chat.services``, and chat never reads the owner's tables. ``kind`` and
    ``owner_id`` name the owner (as Zulip's ``Recipient`` names its type and id); ``title`` and
    ``link`` are what notifications and pages call the room and where they lead. A room made
    before its owner (the owner's id comes from the owner's row) gets them just after.

    ``last_message_seq`` numbers the room's messages 1, 2, 3, … ``membership_version`` grows with
    every change to who may read the room, so that a message's delivery can be checked against
    the membership of the moment it was written.
    """

    kind = models.CharField(max_length=40)
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200)
    link = models.CharField(max_length=200, blank=True)
    read_only_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the owner archives it: members read, no one writes.",
    )
    last_message_seq = models.PositiveBigIntegerField(default=0)
    membership_version = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "owner_id"], name="one_room_per_owner"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read_only(self) -> bool:
        return self.read_only_since is not None


class RoomMember(models.Model):
    """A person's place in a room. Kept when they leave (``is_active`` false), with their read
    marker, so that coming back finds it where they left it."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_memberships"
    )
    is_active = models.BooleanField(default=True)
    is_moderator = models.BooleanField(
        default=False, help_text="Deletes others' messages (the owner app decides who)."
    )
    last_read_message_id = models.PositiveBigIntegerField(default=0)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chat room member")
        verbose_name_plural = _("chat room members")
        ordering = ["room", "id"]
        constraints = [
            models.UniqueConstraint(fields=["room", "user"], name="one_member_per_room"),
        ]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.room_id}"


class Topic(models.Model):
    """A sub-thread of a room; messages without a topic are in the main thread."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=MAX_TOPIC_TITLE_LENGTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["room", "title"]
        constraints = [
            models.UniqueConstraint(fields=["room", "title"], name="one_topic_per_title"),
        ]

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    """One message of a room.

    Ids grow with time across the database; ``seq`` numbers a room's messages 1, 2, 3, …
    without gaps, so that a listener notices a message it missed. ``client_id`` makes sending
    idempotent: the same author sending the same client id to the same room twice gets the
    first message back.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=MAX_BODY_LENGTH)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    client_id = models.UUIDField()
    membership_version = models.PositiveBigIntegerField(
        help_text="The room's membership version when the message was written."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="message_seq_unique_in_room"),
            models.UniqueConstraint(
                fields=["author", "room", "client_id"], name="message_client_id_once_in_room"
            ),
        ]
        indexes = [models.Index(fields=["room", "id"])]

    def __str__(self) -> str:
        return f"#{self.pk} in {self.room_id}"


class MessageRevision(models.Model):
    """What a message said before an edit: edits keep their history."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message revision")
        verbose_name_plural = _("message revisions")
        ordering = ["message", "id"]

    def __str__(self) -> str:
        return f"revision of #{self.message_id}"

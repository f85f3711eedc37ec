from django.conf import settings
from django.db import models

MAX_BODY_LENGTH = 4000


class Topic(models.Model):
    """A sub-thread of a group's chat; messages without a topic are in the main thread."""

    group = models.ForeignKey("groups.StudyGroup", on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "title"]
        constraints = [
            models.UniqueConstraint(fields=["group", "title"], name="one_topic_per_title"),
        ]

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    """One message of a group's chat.

    Ids grow with time across the database; ``seq`` numbers a group's messages 1, 2, 3, …
    without gaps, so that a listener notices a message it missed. ``client_id`` makes sending
    idempotent: the same author sending the same client id twice gets the first message back.
    """

    group = models.ForeignKey(
        "groups.StudyGroup", on_delete=models.CASCADE, related_name="messages"
    )
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
        help_text="The group's membership version when the message was written."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "seq"], name="message_seq_unique_in_group"),
            models.UniqueConstraint(fields=["author", "client_id"], name="message_client_id_once"),
        ]
        indexes = [models.Index(fields=["group", "id"])]

    def __str__(self) -> str:
        return f"#{self.pk} in {self.group_id}"


class MessageRevision(models.Model):
    """What a message said before an edit: edits keep their history."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["message", "id"]

    def __str__(self) -> str:
        return f"revision of #{self.message_id}"

"""Messages and topics belong to rooms only: the study-group columns go (the data moved in
groups 0003). Reversible: going back fills the group columns from the room's owner again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def groups_from_rooms(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Room = apps.get_model("chat", "Room")
    for model in (apps.get_model("chat", "Message"), apps.get_model("chat", "Topic")):
        for room in Room.objects.filter(kind="study_group"):
            model.objects.filter(room=room).update(group_id=room.owner_id)


class Migration(migrations.Migration):

    dependencies = [
        ('chat', '0004_rooms'),
        ('groups', '0003_rooms_from_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='message',
            name='group',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='groups.studygroup'),
        ),
        migrations.AlterField(
            model_name='topic',
            name='group',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='topics', to='groups.studygroup'),
        ),
        migrations.RunPython(migrations.RunPython.noop, groups_from_rooms),
        migrations.AlterModelOptions(
            name='topic',
            options={'ordering': ['room', 'title']},
        ),
        migrations.RemoveConstraint(
            model_name='message',
            name='message_seq_unique_in_group',
        ),
        migrations.RemoveConstraint(
            model_name='topic',
            name='one_topic_per_title',
        ),
        migrations.RemoveIndex(
            model_name='message',
            name='chat_messag_group_i_849dbb_idx',
        ),
        migrations.RemoveField(
            model_name='message',
            name='group',
        ),
        migrations.RemoveField(
            model_name='topic',
            name='group',
        ),
        migrations.AlterField(
            model_name='message',
            name='membership_version',
            field=models.PositiveBigIntegerField(help_text="The room's membership version when the message was written."),
        ),
        migrations.AlterField(
            model_name='message',
            name='room',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='chat.room'),
        ),
        migrations.AlterField(
            model_name='topic',
            name='room',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='topics', to='chat.room'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(fields=['room', 'id'], name='chat_messag_room_id_12c833_idx'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.UniqueConstraint(fields=('room', 'seq'), name='message_seq_unique_in_room'),
        ),
        # Sending is idempotent per room: the room's lock serialises two sends of one client id.
        migrations.RemoveConstraint(
            model_name='message',
            name='message_client_id_once',
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.UniqueConstraint(fields=('author', 'room', 'client_id'), name='message_client_id_once_in_room'),
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.UniqueConstraint(fields=('room', 'title'), name='one_topic_per_title'),
        ),
    ]

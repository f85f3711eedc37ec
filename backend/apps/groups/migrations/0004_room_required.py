"""A study group's chat state lives in its room (moved in 0003): the group's columns go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('chat', '0005_room_required'),
        ('groups', '0003_rooms_from_groups'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='studygroup',
            options={'ordering': ['-room__last_activity_at', '-id']},
        ),
        migrations.RemoveField(
            model_name='membership',
            name='last_read_message_id',
        ),
        migrations.RemoveField(
            model_name='studygroup',
            name='last_activity_at',
        ),
        migrations.RemoveField(
            model_name='studygroup',
            name='last_message_seq',
        ),
        migrations.RemoveField(
            model_name='studygroup',
            name='membership_version',
        ),
        migrations.AlterField(
            model_name='studygroup',
            name='room',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='chat.room'),
        ),
    ]

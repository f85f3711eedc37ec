"""Rooms and their members, beside the study-group columns that groups 0003 moves into them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('chat', '0003_search_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Room',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40)),
                ('owner_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('title', models.CharField(max_length=200)),
                ('link', models.CharField(blank=True, max_length=200)),
                ('read_only_since', models.DateTimeField(blank=True, help_text='Set when the owner archives it: members read, no one writes.', null=True)),
                ('last_message_seq', models.PositiveBigIntegerField(default=0)),
                ('membership_version', models.PositiveBigIntegerField(default=0)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('last_activity_at', models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'owner_id'), name='one_room_per_owner')],
            },
        ),
        migrations.AddField(
            model_name='message',
            name='room',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='chat.room'),
        ),
        migrations.AddField(
            model_name='topic',
            name='room',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='topics', to='chat.room'),
        ),
        migrations.CreateModel(
            name='RoomMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_active', models.BooleanField(default=True)),
                ('is_moderator', models.BooleanField(default=False, help_text="Deletes others' messages (the owner app decides who).")),
                ('last_read_message_id', models.PositiveBigIntegerField(default=0)),
                ('joined_at', models.DateTimeField(auto_now_add=True)),
                ('room', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='chat.room')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='room_memberships', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['room', 'id'],
                'indexes': [models.Index(fields=['user', 'is_active'], name='chat_roomme_user_id_45bcf0_idx')],
                'constraints': [models.UniqueConstraint(fields=('room', 'user'), name='one_member_per_room')],
            },
        ),
    ]

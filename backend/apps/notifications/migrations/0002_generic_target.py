"""A notification names what it is about as its raising app describes it (kind, id, label,
link) instead of pointing at a study group: each existing one is described from its group, and
a mention's link leads to its message. Reversible."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

KIND = "study_group"


def targets_from_groups(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Notification = apps.get_model("notifications", "Notification")
    for notification in Notification.objects.exclude(group=None).select_related("group"):
        link = f"/groups/{notification.group_id}"
        if notification.message_id:
            link += f"#message-{notification.message_id}"
        Notification.objects.filter(pk=notification.pk).update(
            target_kind=KIND,
            target_id=notification.group_id,
            target_label=notification.group.name[:200],
            target_link=link,
        )


def groups_from_targets(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Notification = apps.get_model("notifications", "Notification")
    for notification in Notification.objects.filter(target_kind=KIND):
        _page, _hash, message = notification.target_link.partition("#message-")
        Notification.objects.filter(pk=notification.pk).update(
            group_id=notification.target_id, message_id=int(message) if message else None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("groups", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="target_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="target_kind",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="notification",
            name="target_label",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="notification",
            name="target_link",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(max_length=40),
        ),
        migrations.RunPython(targets_from_groups, groups_from_targets),
        migrations.RemoveField(model_name="notification", name="group"),
        migrations.RemoveField(model_name="notification", name="message_id"),
    ]

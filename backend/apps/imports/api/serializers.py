from rest_framework import serializers


class ImportUploadSerializer(serializers.Serializer[dict[str, object]]):
    file = serializers.FileField(help_text="A CSV file, UTF-8 with or without a byte-order mark.")
    dry_run = serializers.BooleanField(
        default=False, help_text="Check and count, but keep nothing."
    )
    invite = serializers.BooleanField(
        default=False,
        help_text="Staff files: email each new person who has an email a link to choose "
        "their first password.",
    )


class ImportReportSerializer(serializers.Serializer[dict[str, object]]):
    kind = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    invited = serializers.IntegerField(help_text="New people emailed a set-password link.")
    dry_run = serializers.BooleanField()

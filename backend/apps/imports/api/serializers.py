from rest_framework import serializers


class ImportUploadSerializer(serializers.Serializer[dict[str, object]]):
    file = serializers.FileField(help_text="A CSV file, UTF-8 with or without a byte-order mark.")
    dry_run = serializers.BooleanField(
        default=False, help_text="Check and count, but keep nothing."
    )


class ImportReportSerializer(serializers.Serializer[dict[str, object]]):
    kind = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    dry_run = serializers.BooleanField()

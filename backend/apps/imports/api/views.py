from dataclasses import asdict

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.users import acting_user
from apps.core.api.errors import error_body
from apps.core.api.site import site_address
from apps.core.permissions import IsAdministrator
from apps.imports.api.serializers import ImportReportSerializer, ImportUploadSerializer
from apps.imports.parsing import ImportFileError
from apps.imports.services import import_csv


class ImportView(APIView):
    """Import a CSV file; a file with any bad row is refused whole, with every bad row listed."""

    permission_classes = [IsAdministrator]
    parser_classes = [MultiPartParser]
    kind = ""

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={200: ImportReportSerializer},
    )
    def post(self, request: Request) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            report = import_csv(
                kind=self.kind,
                data=upload.validated_data["file"].read(),
                actor=acting_user(request),
                dry_run=upload.validated_data["dry_run"],
                invite_to=site_address(request) if upload.validated_data["invite"] else None,
            )
        except ImportFileError as rejected:
            errors = [
                {
                    "field": error.column,
                    "code": "invalid_row",
                    "message": error.reason,
                    "line": error.line,
                }
                for error in rejected.errors
            ]
            summary = _("The file was not imported: %(count)d problem(s). Nothing was changed.") % {
                "count": len(errors)
            }
            return Response(
                error_body("invalid_file", summary, errors), status=status.HTTP_400_BAD_REQUEST
            )
        return Response(asdict(report))

"""The API's JSON parser: DRF's, refusing text that no database column can hold."""

import json
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """JSON may carry half of a surrogate pair (``"\\ud800"``), which Python reads into a
    string that cannot be encoded, stored or sent back: such a body is refused as malformed
    instead of failing when it reaches the database."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            raise ParseError(_("The JSON holds a lone surrogate (half of a character).")) from None
        return data

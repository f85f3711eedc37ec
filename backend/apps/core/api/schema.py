"""Completes the OpenAPI description with the error responses every operation can give."""

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "The one shape of every error (see docs/api.md).",
    "properties": {
        "code": {
            "type": "string",
            "description": "Machine-readable kind of error, e.g. invalid, not_found, rate_limited.",
        },
        "detail": {"type": "string", "description": "A sentence for people."},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {
                        "type": "string",
                        "nullable": True,
                        "description": "Dotted path of the field; null for the input as a whole.",
                    },
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "line": {
                        "type": "integer",
                        "description": "Line of the uploaded file (CSV imports only).",
                    },
                },
                "required": ["field", "code", "message"],
            },
        },
    },
    "required": ["code", "detail", "errors"],
}

ERROR_DESCRIPTIONS = {
    "400": "Invalid input; each problem names its field (for a query parameter the operation does "
    "not have: unknown_parameter).",
    "401": "Not signed in.",
    "403": "Signed in, but not allowed.",
    "404": "Not found, or not visible to the caller (the two look the same); for a list, no such "
    "page.",
}


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular post-processing hook: add the Error component and the 4xx responses."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            codes = ["401", "403"]
            # A list refuses a query parameter it does not have (apps.core.api.filters).
            if (
                method in {"post", "put", "patch"}
                or operation.get("parameters")
                or _lists(operation)
            ):
                codes.append("400")
            names = {parameter.get("name") for parameter in operation.get("parameters", [])}
            if "{" in path or "page" in names:  # a page past the last is not found either
                codes.append("404")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code, {"description": ERROR_DESCRIPTIONS[code], "content": reference}
                )
            # An error a view documents itself (a 429, say) has the one shape too.
            for code, response in responses.items():
                if code.startswith("4"):
                    response.setdefault("content", reference)
    return result


def _lists(operation: dict[str, Any]) -> bool:
    """Whether the operation answers a list: an array, or a page of one."""
    body = (
        operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
    ).get("schema", {})
    reference = body.get("$ref", "").rsplit("/", 1)[-1]
    return bool(body.get("type") == "array" or reference.startswith("Paginated"))

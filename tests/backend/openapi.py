"""Every answer of the API, in every backend test, checked against the OpenAPI description.

``CheckedAPIClient`` is the test client of the backend tests (Zulip checks its responses the
same way): a JSON answer must be one the description documents for its path, method and status,
and fit the documented schema exactly, so the description (and the front end's types generated
from it) cannot drift from what the API returns.
"""

import json
import re
from functools import cache
from typing import Any

from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30ReadValidator
from rest_framework.test import APIClient

PREFIX = "/api/v1/"


def nullable_references(schema: Any) -> Any:
    """``schema`` with each nullable reference (drf-spectacular writes ``allOf: [$ref]`` with
    ``nullable: true``, as the front end's generated types read it) spelt so that an OpenAPI 3.0
    validator reads it so too: the reference, or null."""
    if isinstance(schema, list):
        return [nullable_references(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: nullable_references(value) for key, value in schema.items()}
    if schema.get("nullable") and "allOf" in schema and "type" not in schema:
        rest = {key: value for key, value in schema.items() if key not in ("allOf", "nullable")}
        return {**rest, "anyOf": [{"allOf": schema["allOf"]}, {"enum": [None], "nullable": True}]}
    return schema


@cache
def description() -> dict[str, Any]:
    schema: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    return nullable_references(schema)  # type: ignore[no-any-return]


@cache
def operations() -> list[tuple[re.Pattern[str], str]]:
    """Each path of the description as a pattern, the most literal first (``/people/me/``
    before ``/people/{id}/``)."""
    paths = sorted(description()["paths"], key=lambda path: (path.count("{"), -len(path)))
    return [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path) for path in paths]


def documented_schema(path: str, method: str, status: int) -> dict[str, Any] | None:
    """The documented schema of this answer; ``None`` for an answer documented without a body.
    Fails for a path, method or status the description does not document."""
    template = next((template for pattern, template in operations() if pattern.match(path)), None)
    assert template is not None, f"{path} is not in the OpenAPI description"
    operation = description()["paths"][template].get(method.lower())
    assert operation is not None, f"{method} {template} is not in the OpenAPI description"
    response = operation["responses"].get(str(status))
    assert response is not None, f"{method} {template} does not document a {status} answer"
    content = response.get("content", {}).get("application/json")
    return None if content is None else content["schema"]


def check_response(method: str, path: str, response: Any) -> None:
    if not path.startswith(PREFIX) or response.status_code >= 500:
        return
    schema = documented_schema(path, method, response.status_code)
    if schema is None or not response.get("Content-Type", "").startswith("application/json"):
        return
    # The components beside the schema, so that its "#/components/..." references resolve;
    # formats (email, date-time, uuid…) are checked too.
    validator = OAS30ReadValidator(
        {**schema, "components": description()["components"]},
        format_checker=OAS30ReadValidator.FORMAT_CHECKER,
    )
    problems = [
        f"{'.'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
        for error in validator.iter_errors(json.loads(response.content))
    ]
    assert problems == [], (
        f"{method} {path} {response.status_code} breaks its description: {problems}"
    )


class CheckedAPIClient(APIClient):
    """DRF's test client, checking each answer against the OpenAPI description."""

    def request(self, **kwargs: Any) -> Any:
        response = super().request(**kwargs)
        check_response(kwargs["REQUEST_METHOD"], kwargs["PATH_INFO"], response)
        return response

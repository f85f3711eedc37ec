"""The check every backend test applies to the API's answers (``tests/backend/openapi.py``)
catches an answer that strays from the description."""

import json

import pytest
from django.http import HttpResponse

from tests.backend.openapi import check_response

HEALTHY_PAGE: dict[str, object] = {"count": 0, "next": None, "previous": None, "results": []}


def answer(body: object, status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def test_an_answer_as_described_passes() -> None:
    check_response("GET", "/api/v1/notifications/", answer(HEALTHY_PAGE))


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({**HEALTHY_PAGE, "count": "none"}, "count: 'none' is not of type 'integer'"),
        ({"results": []}, "'count' is a required property"),
        (
            {**HEALTHY_PAGE, "results": [{"id": 1, "kind": "made_up"}]},
            "results.0: 'actor' is a required property",
        ),
    ],
)
def test_an_answer_that_strays_from_the_description_fails(body, problem) -> None:
    with pytest.raises(AssertionError, match="breaks its description") as failure:
        check_response("GET", "/api/v1/notifications/", answer(body))

    assert problem in str(failure.value)


def test_an_undocumented_status_fails() -> None:
    with pytest.raises(AssertionError, match="does not document a 418 answer"):
        check_response("GET", "/api/v1/notifications/", answer({}, status=418))

"""Every error the API gives has one shape: code, detail, and errors naming their fields."""

import json
import uuid

import pytest

from tests.factories import (
    DepartmentFactory,
    SkillFactory,
    TalentNeedFactory,
    UserFactory,
    group_with,
)


@pytest.fixture
def head(db):
    return UserFactory.create(roles=["staff", "dept_head"])


def test_validation_errors_name_each_field_with_its_dotted_path(client_for, head) -> None:
    skill = SkillFactory.create()
    body = {
        "department": head.department_id,
        "title": "",
        "headcount": 0,
        "start_date": "2027-03-01",
        "end_date": "2027-06-30",
        "requirements": [{"skill": skill.pk, "min_level": 9}],
    }

    response = client_for(head).post("/api/v1/needs/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "detail": "3 problems found.",
        "errors": [
            {"field": "title", "code": "blank", "message": "This field may not be blank."},
            {
                "field": "headcount",
                "code": "min_value",
                "message": "Ensure this value is greater than or equal to 1.",
            },
            {
                "field": "requirements.0.min_level",
                "code": "max_value",
                "message": "Ensure this value is less than or equal to 5.",
            },
        ],
    }


def test_a_service_rule_broken_names_its_field_too(client_for, head) -> None:
    skill = SkillFactory.create()
    body = {
        "department": head.department_id,
        "title": "Backwards",
        "headcount": 1,
        "start_date": "2027-06-30",
        "end_date": "2027-03-01",
        "requirements": [{"skill": skill.pk, "min_level": 2}],
    }

    response = client_for(head).post("/api/v1/needs/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "end_date",
            "code": "invalid",
            "message": "The period must end on or after its start.",
        }
    ]


def test_malformed_json_is_a_parse_error(client_for, head) -> None:
    response = client_for(head).post("/api/v1/needs/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["errors"] == []


def test_json_holding_half_a_character_is_a_parse_error(client_for, head) -> None:
    group = group_with(head)
    body = '{"body": "half a pair \\ud800", "client_id": "' + str(uuid.uuid4()) + '"}'

    response = client_for(head).post(
        f"/api/v1/rooms/{group.room_id}/messages/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert "lone surrogate" in response.json()["detail"]


def test_not_signed_in_has_the_same_shape(api_client, db) -> None:
    response = api_client.get("/api/v1/people/")

    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "detail": "Authentication credentials were not provided.",
        "errors": [],
    }
    assert response["WWW-Authenticate"] == "Token"


def test_missing_and_forbidden_look_the_same(client_for, db) -> None:
    staff = UserFactory.create()
    draft_elsewhere = DepartmentFactory.create()
    hidden = TalentNeedFactory.create(department=draft_elsewhere, status="draft")

    hidden_response = client_for(staff).get(f"/api/v1/needs/{hidden.pk}/")
    missing_response = client_for(staff).get("/api/v1/needs/999999/")

    assert hidden_response.status_code == missing_response.status_code == 404
    assert (
        hidden_response.json()
        == missing_response.json()
        == {
            "code": "not_found",
            "detail": "Not found.",
            "errors": [],
        }
    )


def test_a_server_failure_under_the_api_answers_in_the_error_shape(rf) -> None:
    from django.urls import get_resolver

    handler = get_resolver().resolve_error_handler(500)

    api = handler(rf.get("/api/v1/people/"))
    page = handler(rf.get("/people/"))

    assert (api.status_code, api["Content-Type"]) == (500, "application/json")
    assert json.loads(api.content) == {
        "code": "server_error",
        "detail": "The server failed; try again later.",
        "errors": [],
    }
    assert (page.status_code, page["Content-Type"]) == (500, "text/html; charset=utf-8")


def test_a_database_busy_writing_answers_503_with_when_to_try_again() -> None:
    from django.db import OperationalError

    from apps.core.api.errors import exception_handler

    response = exception_handler(OperationalError("database is locked"), {})

    assert response is not None
    assert (response.status_code, response["Retry-After"]) == (503, "5")
    assert response.data["code"] == "busy"


@pytest.mark.parametrize(
    ("path", "answers"),
    [
        # SQLite cannot hold the number (it answered 500); PostgreSQL compares it and finds none.
        ("/api/v1/me/skills/1434682056016354103502307328/", {(400, "out_of_range"), (404, "")}),
        (
            "/api/v1/people/?department=-71579918208145014050068505015877632",
            {(400, "out_of_range"), (200, "")},
        ),
        ("/api/v1/role-grants/?user=99999999999999999999999", {(400, "invalid")}),
    ],
)
def test_a_number_the_database_cannot_hold_never_fails(client_for, db, path, answers) -> None:
    """Found by schemathesis: the first two answered 500 on SQLite."""
    admin = UserFactory.create(roles=["staff", "admin"])

    response = client_for(admin).get(path)

    seen = (response.status_code, response.json()["code"] if response.status_code == 400 else "")
    assert seen in answers

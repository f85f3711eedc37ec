"""Every list endpoint costs a pinned number of queries, the same for one item as for three.

A maker adds ``count`` items to the list of its path and returns the address to read it at;
``scene`` carries what it made before (the group whose messages it lists, say).
"""

import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator

from apps.audit.services import record_event
from apps.chat.models import Topic
from apps.chat.services import edit_message, post_message
from apps.events import services as events
from apps.events import timetable
from apps.events.models import Attendance, WeekStatus
from apps.groups.models import StudyGroup
from apps.groups.services import join_group
from apps.secondments.models import (
    MatchRun,
    NeedInterest,
    Secondment,
    SecondmentAvailability,
    Suggestion,
    UnfilledSeats,
)
from apps.skills.services import set_own_skill
from tests.backend.openapi import description
from tests.factories import (
    DepartmentFactory,
    NeedRequirementFactory,
    SkillCategoryFactory,
    SkillFactory,
    SkillSynonymFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
    group_with,
)


def make_people(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        person = UserFactory.create(roles=["staff", "organiser"])
        StaffSkillFactory.create_batch(2, user=person)


def make_departments(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        department = DepartmentFactory.create(parent=DepartmentFactory.create())
        TalentNeedFactory.create(department=department)
        UserFactory.create(department=department)


def make_skills(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        SkillSynonymFactory.create_batch(2, skill=SkillFactory.create())


def make_categories(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    SkillCategoryFactory.create_batch(count)


def make_needs(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        NeedRequirementFactory.create_batch(2, need=TalentNeedFactory.create(created_by=viewer))


def make_my_skills(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    StaffSkillFactory.create_batch(count, user=viewer, verified_by=UserFactory.create())


def make_skill_history(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    scene["person"] = viewer
    for _ in range(count):
        set_own_skill(user=viewer, skill=SkillFactory.create(), level=3)


def make_events(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        record_event(actor=viewer, action="test.event", target=viewer)


def the_group(viewer: Any, scene: dict[str, Any]) -> StudyGroup:
    if "group" not in scene:
        scene["group"] = group_with(owner=viewer)
    group: StudyGroup = scene["group"]
    return group


def make_groups(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        group = group_with(UserFactory.create(department=DepartmentFactory.create()), owner=viewer)
        group.skills.add(SkillFactory.create())
        post_message(author=viewer, room_id=group.room_id, body="hello", client_id=uuid.uuid4())


def make_members(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    group = the_group(viewer, scene)
    for _ in range(count):
        join_group(user=UserFactory.create(), group=group)


def make_messages(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    group = the_group(viewer, scene)
    for _ in range(count):
        mentioned = UserFactory.create()
        join_group(user=mentioned, group=group)
        post_message(
            author=viewer,
            room_id=group.room_id,
            body=f"数据 @{mentioned.username}",
            client_id=uuid.uuid4(),
        )


def make_revisions(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    group = the_group(viewer, scene)
    if "message" not in scene:
        scene["message"], _ = post_message(
            author=viewer, room_id=group.room_id, body="数据", client_id=uuid.uuid4()
        )
    for _ in range(count):
        edit_message(
            user=viewer,
            room_id=group.room_id,
            message_id=scene["message"].pk,
            body=f"数据 {uuid.uuid4().hex[:6]}",
        )


def make_topics(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    group = the_group(viewer, scene)
    for _ in range(count):
        Topic.objects.create(
            room=group.room, title=f"topic {Topic.objects.count()}", created_by=viewer
        )


def make_notifications(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    group = the_group(viewer, scene)
    for _ in range(count):
        author = UserFactory.create()
        join_group(user=author, group=group)
        post_message(
            author=author, room_id=group.room_id, body=f"@{viewer.username}", client_id=uuid.uuid4()
        )


def make_sessions(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        Client().force_login(viewer)


def the_run(viewer: Any, scene: dict[str, Any]) -> MatchRun:
    if "run" not in scene:
        scene["run"] = MatchRun.objects.create(started_by=viewer, status="done", blind=True)
    run: MatchRun = scene["run"]
    return run


def make_runs(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        run = MatchRun.objects.create(started_by=UserFactory.create(), status="done")
        make_suggestions(2, viewer, {"run": run})
        UnfilledSeats.objects.create(
            run=run, need=TalentNeedFactory.create(), seats=2, reasons=[], fix={}
        )


def make_suggestions(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    run = the_run(viewer, scene)
    for _ in range(count):
        need, elsewhere = TalentNeedFactory.create_batch(2)
        skill = SkillFactory.create()
        rival, moved = UserFactory.create_batch(2)
        Suggestion.objects.create(
            run=run,
            need=need,
            person=UserFactory.create(),
            reviewer=UserFactory.create(),
            status="rejected",
            fit=80,
            fit_parts={"must_have": 60, "nice_to_have": 0, "preference": 10, "tier": 10},
            requirements=[
                {
                    "skill": skill.code,
                    "must": True,
                    "min_level": 3,
                    "level": 4,
                    "provenance": "self",
                    "points": 60,
                    "met": True,
                }
            ],
            runner_ups=[
                {
                    "person": rival.pk,
                    "fit": 70,
                    "reason": "floor",
                    "loss": 10,
                    "placed_in": elsewhere.pk,
                    "moves": [{"person": moved.pk, "from_need": elsewhere.pk, "to_need": need.pk}],
                    "floor": {"skill": skill.code, "min_level": 3, "may_release": 0},
                }
            ],
        )


def make_unfilled(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    run = the_run(viewer, scene)
    for _ in range(count):
        department, skill = DepartmentFactory.create(), SkillFactory.create()
        reason = {
            "code": "release_cap",
            "people": [UserFactory.create().pk],
            "departments": [department.pk],
            "skill": skill.code,
            "level": 3,
        }
        fix = {
            "kind": "release_cap",
            "department": department.pk,
            "skill": None,
            "level": None,
            "candidates": 1,
        }
        UnfilledSeats.objects.create(
            run=run, need=TalentNeedFactory.create(), seats=1, reasons=[reason], fix=fix
        )


def make_secondments(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        need = TalentNeedFactory.create()
        lender = DepartmentFactory.create()
        Secondment.objects.create(
            person=UserFactory.create(department=lender),
            need=need,
            lending_department=lender,
            receiving_department=need.department,
            start_date=need.start_date,
            end_date=need.end_date,
        )


def make_pool(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        person = UserFactory.create()
        StaffSkillFactory.create_batch(2, user=person)
        availability = SecondmentAvailability.objects.create(
            user=person, available_from=date(2027, 1, 1)
        )
        availability.preferred_departments.set(DepartmentFactory.create_batch(2))


def make_fitting_needs(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    """Open needs asking for a skill the viewer holds, one of them with their interest."""
    if "skill" not in scene:
        scene["skill"] = StaffSkillFactory.create(user=viewer, level=3).skill
        SecondmentAvailability.objects.create(user=viewer, available_from=date(2027, 1, 1))
    for _ in range(count):
        need = TalentNeedFactory.create()
        NeedRequirementFactory.create(need=need, skill=scene["skill"], min_level=2)
        NeedRequirementFactory.create(need=need, min_level=2, must=False)
        NeedInterest.objects.create(user=viewer, need=need)


def a_week(viewer: Any, title: str = "数据治理交流周") -> Any:
    week = events.create_week(
        actor=viewer, title=title, start_date=date(2027, 3, 1), end_date=date(2027, 3, 5)
    )
    week.organisers.add(UserFactory.create(roles=["staff", "organiser"]))
    return events.update_week(actor=viewer, week=week, status=WeekStatus.PUBLISHED)


def the_week(viewer: Any, scene: dict[str, Any]) -> Any:
    if "week" not in scene:
        scene["week"] = a_week(viewer)
    return scene["week"]


def make_weeks(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for n in range(count):
        week = a_week(viewer, f"周 {n}")
        a_session(viewer, week)


def a_session(viewer: Any, week: Any) -> Any:
    room = events.add_room(
        actor=viewer,
        week=week,
        name=f"会议室 {uuid.uuid4().hex[:6]}",
        capacity=1,
        unavailable=[
            events.Period(datetime(2027, 3, 1, 8, tzinfo=UTC), datetime(2027, 3, 1, 9, tzinfo=UTC))
        ],
    )
    session = events.create_session(
        actor=viewer,
        week=week,
        kind="lecture",
        title="讲座",
        room=room,
        starts_at=datetime(2027, 3, 2, 1, tzinfo=UTC),
        ends_at=datetime(2027, 3, 2, 2, tzinfo=UTC),
        speakers=[events.Speaker(user=UserFactory.create()), events.Speaker(name="外部专家")],
        skills=SkillFactory.create_batch(2),
    )
    events.register(user=UserFactory.create(), session=session)
    events.register(user=viewer, session=session, despite_clash=True)  # on the waiting list
    return session


def make_week_sessions(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    week = the_week(viewer, scene)
    for _ in range(count):
        a_session(viewer, week)


def make_week_rooms(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    week = the_week(viewer, scene)
    for _ in range(count):
        a_session(viewer, week)


def make_roster(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    if "session" not in scene:
        scene["session"] = events.create_session(
            actor=viewer,
            week=the_week(viewer, scene),
            kind="lecture",
            title="讲座",
            starts_at=datetime(2027, 3, 2, 1, tzinfo=UTC),
            ends_at=datetime(2027, 3, 2, 2, tzinfo=UTC),
        )
    for _ in range(count):
        person = UserFactory.create()
        events.register(user=person, session=scene["session"])
        Attendance.objects.create(session=scene["session"], user=person, status="late")


def make_versions(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    week = the_week(viewer, scene)
    session = a_session(viewer, week)
    for n in range(count):
        starts_at = datetime(2027, 3, 3, 1 + n, tzinfo=UTC)
        timetable.apply_schedule(
            actor=viewer,
            week=week,
            moves=[
                timetable.Move(session, session.room, starts_at, starts_at + timedelta(hours=1))
            ],
        )


def make_registrations(count: int, viewer: Any, scene: dict[str, Any]) -> None:
    for _ in range(count):
        a_session(viewer, a_week(viewer))


Maker = Callable[[int, Any, dict[str, Any]], None]
GROUP_PATH = re.compile(r"\{id\}")
ROOM_PATH = re.compile(r"\{room_id\}")
RUN_PATH = re.compile(r"\{run_id\}")
WEEK_PATH = re.compile(r"\{week_id\}")
PERSON_PATH = re.compile(r"\{person_id\}")
MESSAGE_PATH = re.compile(r"\{message_id\}")
# Each list, what fills it, and what reading it costs, signing in included (the session, the
# person, their roles where asked): a change here is a change of cost to explain.
LIST_ENDPOINTS: dict[str, tuple[Maker, int]] = {
    "/api/v1/people/": (make_people, 7),
    "/api/v1/role-grants/": (make_people, 5),
    "/api/v1/departments/": (make_departments, 5),
    "/api/v1/departments/tree/": (make_departments, 4),
    "/api/v1/skills/": (make_skills, 6),
    "/api/v1/skill-categories/": (make_categories, 5),
    "/api/v1/me/skills/": (make_my_skills, 5),
    "/api/v1/me/sessions/": (make_sessions, 3),
    "/api/v1/needs/": (make_needs, 6),
    "/api/v1/people/{person_id}/skill-history/": (make_skill_history, 7),
    # The people the events name, by name: one query for the page.
    "/api/v1/audit-events/": (make_events, 6),
    "/api/v1/groups/": (make_groups, 8),
    "/api/v1/groups/{id}/members/": (make_members, 8),
    "/api/v1/rooms/{room_id}/members/": (make_members, 6),
    "/api/v1/rooms/{room_id}/messages/": (make_messages, 6),
    "/api/v1/rooms/{room_id}/messages/search/": (make_messages, 7),
    "/api/v1/rooms/{room_id}/messages/{message_id}/revisions/": (make_revisions, 7),
    "/api/v1/rooms/{room_id}/topics/": (make_topics, 5),
    "/api/v1/notifications/": (make_notifications, 4),
    "/api/v1/match-runs/": (make_runs, 5),
    "/api/v1/match-runs/{run_id}/suggestions/": (make_suggestions, 9),
    "/api/v1/match-runs/{run_id}/unfilled/": (make_unfilled, 12),
    "/api/v1/secondments/": (make_secondments, 7),
    "/api/v1/secondment-pool/": (make_pool, 7),
    "/api/v1/me/fitting-needs/": (make_fitting_needs, 15),
    "/api/v1/exchange-weeks/": (make_weeks, 6),
    "/api/v1/exchange-weeks/{week_id}/sessions/": (make_week_sessions, 10),
    "/api/v1/exchange-weeks/{week_id}/rooms/": (make_week_rooms, 7),
    "/api/v1/me/registrations/": (make_registrations, 5),
    "/api/v1/sessions/{id}/roster/": (make_roster, 8),
    "/api/v1/exchange-weeks/{week_id}/versions/": (make_versions, 6),
}
QUERIES = {"/api/v1/rooms/{room_id}/messages/search/": "?q=数据"}


def test_every_list_endpoint_is_counted() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    lists = set()
    for path, operations in schema["paths"].items():
        response = operations.get("get", {}).get("responses", {}).get("200", {})
        body = response.get("content", {}).get("application/json", {}).get("schema", {})
        component = body.get("$ref", "").split("/")[-1]
        if (
            body.get("type") == "array"
            or component.startswith("Paginated")
            or component.endswith("Page")
        ):
            lists.add(path)

    assert lists == set(LIST_ENDPOINTS)


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(LIST_ENDPOINTS))
def test_a_list_costs_its_pinned_number_of_queries_whatever_its_length(client_for, path) -> None:
    viewer = UserFactory.create(roles=["staff", "admin"])
    client = client_for(viewer)
    make, queries = LIST_ENDPOINTS[path]
    scene: dict[str, Any] = {}

    make(1, viewer, scene)
    address = address_of(path, scene)
    with_one = queries_for(client, address)
    make(2, viewer, scene)
    with_three = queries_for(client, address)

    assert (with_one, with_three) == (queries, queries)


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(LIST_ENDPOINTS))
def test_a_list_refuses_a_filter_it_does_not_have(client_for, path) -> None:
    """Rather than answer every row as if it were the filtered ones."""
    viewer = UserFactory.create(roles=["staff", "admin"])
    client = client_for(viewer)
    make, _queries = LIST_ENDPOINTS[path]
    scene: dict[str, Any] = {}
    make(1, viewer, scene)
    address = address_of(path, scene)

    response = client.get(address + ("&" if "?" in address else "?") + "available=true")

    assert response.status_code == 400, response.content
    body = response.json()
    assert [(error["field"], error["code"]) for error in body["errors"]] == [
        ("available", "unknown_parameter")
    ]
    # The message names the parameters the list has, as the OpenAPI description documents them.
    documented = [
        parameter["name"]
        for parameter in description()["paths"][path]["get"].get("parameters", [])
        if parameter["in"] == "query"
    ]
    listed = body["errors"][0]["message"].rsplit("parameters: ", 1)[1].rstrip(".").split(", ")
    assert sorted(listed) == (sorted(documented) or ["none"])


def address_of(path: str, scene: dict[str, Any]) -> str:
    """``path`` with the ids of what ``scene`` holds, and the filters it is read with."""
    address = path
    if "session" in scene:
        address = address.replace("{id}", str(scene["session"].pk))
    if "group" in scene:
        address = GROUP_PATH.sub(str(scene["group"].pk), address)
        address = ROOM_PATH.sub(str(scene["group"].room_id), address)
    if "run" in scene:
        address = RUN_PATH.sub(str(scene["run"].pk), address)
    if "week" in scene:
        address = WEEK_PATH.sub(str(scene["week"].pk), address)
    if "person" in scene:
        address = PERSON_PATH.sub(str(scene["person"].pk), address)
    if "message" in scene:
        address = MESSAGE_PATH.sub(str(scene["message"].pk), address)
    return address + QUERIES.get(path, "")

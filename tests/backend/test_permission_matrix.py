"""Every operation of the API, for every role, on its own and on another department's objects.

The matrix below is the written policy: for each operation of the OpenAPI schema, the status
each kind of caller gets. ``test_every_operation_is_in_the_matrix`` fails when an operation is
added without deciding who may call it.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from apps.accounts import password_links
from apps.accounts.models import BrowserSession, RoleGrant
from apps.audit.models import AuditEvent
from apps.chat.services import post_message
from apps.events import services as events
from apps.events.calendars import week_address
from apps.events.models import WeekStatus
from apps.groups import services as groups
from apps.groups.models import Membership
from apps.organisation.models import CriticalSkillFloor
from apps.secondments.models import (
    MatchRun,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    Suggestion,
)
from tests.factories import (
    PASSWORD,
    DepartmentFactory,
    NeedRequirementFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
    group_with,
)

MEMBERS = ("staff", "organiser", "hr", "dept_head", "admin")
ROLES = ("anonymous", "outsider", *MEMBERS)


def members(status: int, **overrides: int) -> dict[str, int]:
    """Staff of any role get ``status``; outside accounts 403; anonymous callers 401."""
    return {"anonymous": 401, "outsider": 403, **dict.fromkeys(MEMBERS, status), **overrides}


def signed_in(status: int) -> dict[str, int]:
    return {"anonymous": 401, "outsider": status, **dict.fromkeys(MEMBERS, status)}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def admin_only(status: int) -> dict[str, int]:
    return members(403, admin=status)


World = SimpleNamespace
Builder = Callable[[World, Any], Any]


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    expected: dict[str, int]
    variant: str = ""
    url: Builder | None = None
    body: Builder | None = None
    upload: Builder | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.path} {self.variant}".strip()


def credentials(world: World, user: Any) -> dict[str, str]:
    return {"username": (user or world.users["staff"]).username, "password": PASSWORD}


def own_session(user: Any) -> uuid.UUID:
    """One of the person's browser sessions (any id for a caller without any)."""
    if user is None:
        return uuid.uuid4()
    if not BrowserSession.objects.filter(user=user).exists():
        Client().force_login(user)
    return BrowserSession.objects.filter(user=user).values_list("public_id", flat=True)[0]


def need_body(department_attr: str) -> Builder:
    def body(world: World, user: Any) -> dict[str, Any]:
        return {
            "department": getattr(world, department_attr).pk,
            "title": "Data analyst for the flood dashboard",
            "headcount": 1,
            "start_date": "2027-03-01",
            "end_date": "2027-06-30",
            "requirements": [{"skill": world.python.pk, "min_level": 3}],
        }

    return body


def need_url(need_attr: str, suffix: str = "") -> Builder:
    return lambda world, user: f"/api/v1/needs/{getattr(world, need_attr).pk}/{suffix}"


def group_url(group_attr: str, suffix: str = "") -> Builder:
    return lambda world, user: f"/api/v1/groups/{getattr(world, group_attr).pk}/{suffix}"


def membership_url(group_attr: str, membership_attr: str, action: str) -> Builder:
    return lambda world, user: (
        f"/api/v1/groups/{getattr(world, group_attr).pk}/members/"
        f"{getattr(world, membership_attr).pk}/{action}/"
    )


# The study groups' owner is the organiser and their one member the staff member; the others
# are outside them. Administrators manage every group but read no group's chat.
def chat(status: int, **overrides: int) -> dict[str, int]:
    """The room's members (the group's owner and member) get ``status``; to everyone else of
    staff the room does not exist."""
    return members(404, **{"organiser": status, "staff": status, **overrides})


def room_url(group_attr: str, suffix: str = "") -> Builder:
    """A group's room's address; ``{staff_message}`` in ``suffix`` stands for that message."""
    return lambda world, user: (
        f"/api/v1/rooms/{getattr(world, group_attr).room_id}/"
        + suffix.replace("{staff_message}", str(world.staff_message.pk))
    )


def reviewers(status: int) -> dict[str, int]:
    """HR and administrators get ``status``; other staff 403."""
    return members(403, hr=status, admin=status)


def run_url(suffix: str = "") -> Builder:
    return lambda world, user: f"/api/v1/match-runs/{world.run.pk}/{suffix}"


def suggestion_url(suffix: str) -> Builder:
    return lambda world, user: f"/api/v1/suggestions/{world.suggestion.pk}/{suffix}"


def secondment_url(secondment_attr: str, suffix: str = "") -> Builder:
    return lambda world, user: f"/api/v1/secondments/{getattr(world, secondment_attr).pk}/{suffix}"


def organisers(status: int) -> dict[str, int]:
    """The week's organiser and administrators get ``status``; other staff 403."""
    return members(403, organiser=status, admin=status)


def week_url(week_attr: str, suffix: str = "") -> Builder:
    return lambda world, user: f"/api/v1/exchange-weeks/{getattr(world, week_attr).pk}/{suffix}"


def session_url(suffix: str = "") -> Builder:
    return lambda world, user: f"/api/v1/sessions/{world.session.pk}/{suffix}"


def password_link(world: Any, user: Any) -> str:
    link = password_links.make_link(world.colleague_b, "http://testserver")
    uid, token = link.url.split("/")[-2:]
    return f"/api/v1/auth/password-links/{uid}/{token}/"


def csv_file(content: str) -> Builder:
    return lambda world, user: SimpleUploadedFile("upload.csv", content.encode(), "text/csv")


CASES: list[Case] = [
    Case("GET", "/api/v1/auth/csrf/", everyone(200)),
    Case("POST", "/api/v1/auth/login/", everyone(200), body=credentials),
    Case("POST", "/api/v1/auth/logout/", signed_in(204)),
    Case("POST", "/api/v1/auth/password-reset/", everyone(202), body=lambda w, u: {"login": "x"}),
    # A set-password link works for whoever holds it, signed in or not.
    Case("GET", "/api/v1/auth/password-links/{uid}/{token}/", everyone(200), url=password_link),
    Case(
        "POST",
        "/api/v1/auth/password-links/{uid}/{token}/",
        everyone(204),
        url=password_link,
        body=lambda w, u: {"new_password": "a new passphrase 2027"},
    ),
    Case("POST", "/api/v1/auth/token/", everyone(200), body=credentials),
    Case("DELETE", "/api/v1/auth/token/", signed_in(204)),
    # Signed-in people may ask; none of the matrix's people has a token, so: nothing (204).
    Case("GET", "/api/v1/auth/token/", signed_in(204)),
    Case(
        "POST",
        "/api/v1/me/password/",
        signed_in(204),
        body=lambda w, u: {"current_password": PASSWORD, "new_password": "a new passphrase 2027"},
    ),
    Case("GET", "/api/v1/me/", signed_in(200)),
    Case("GET", "/api/v1/me/sessions/", signed_in(200)),
    Case("POST", "/api/v1/me/sessions/others/", signed_in(200)),
    Case(
        "DELETE",
        "/api/v1/me/sessions/{session_id}/",
        signed_in(204),
        variant="own",
        url=lambda w, u: f"/api/v1/me/sessions/{own_session(u)}/",
    ),
    Case(
        "DELETE",
        "/api/v1/me/sessions/{session_id}/",
        signed_in(404),
        variant="another person's",
        url=lambda w, u: f"/api/v1/me/sessions/{own_session(w.colleague_b)}/",
    ),
    Case("PATCH", "/api/v1/me/", signed_in(200), body=lambda w, u: {"language": "en"}),
    Case("GET", "/api/v1/me/availability/", members(200)),
    Case(
        "PUT",
        "/api/v1/me/availability/",
        members(200),
        body=lambda w, u: {"available_from": "2027-01-01", "time_share_percent": 50},
    ),
    Case("DELETE", "/api/v1/me/availability/", members(204)),
    Case("GET", "/api/v1/me/fitting-needs/", members(200)),
    # Interest in an open need of A1: the staff member, of A1, cannot be seconded to it.
    Case(
        "PUT",
        "/api/v1/needs/{id}/interest/",
        members(200, staff=400),
        url=need_url("open_a1", "interest/"),
    ),
    Case(
        "DELETE", "/api/v1/needs/{id}/interest/", members(204), url=need_url("open_a1", "interest/")
    ),
    Case("GET", "/api/v1/me/skills/", members(200)),
    Case(
        "POST",
        "/api/v1/me/skills/",
        members(201),
        body=lambda w, u: {"skill": w.gis.pk, "level": 3},
    ),
    *[
        Case(
            method,
            "/api/v1/me/skills/{skill_id}/",
            members(status),
            url=lambda w, u: f"/api/v1/me/skills/{w.python.pk}/",
            body=lambda w, u: {"level": 4},
        )
        for method, status in [("GET", 200), ("PUT", 200), ("PATCH", 200), ("DELETE", 204)]
    ],
    Case("GET", "/api/v1/departments/", members(200)),
    Case("GET", "/api/v1/departments/tree/", members(200)),
    Case(
        "GET",
        "/api/v1/departments/{id}/",
        members(200),
        url=lambda w, u: f"/api/v1/departments/{w.dept_b.pk}/",
    ),
    Case(
        "PATCH",
        "/api/v1/departments/{id}/",
        reviewers(200),
        url=lambda w, u: f"/api/v1/departments/{w.dept_b.pk}/",
        body=lambda w, u: {"release_cap_percent": 50},
    ),
    Case(
        "PUT",
        "/api/v1/departments/{id}/floors/{skill_id}/",
        reviewers(200),
        url=lambda w, u: f"/api/v1/departments/{w.dept_a.pk}/floors/{w.gis.pk}/",
        body=lambda w, u: {"min_level": 3, "min_people": 1},
    ),
    Case(
        "DELETE",
        "/api/v1/departments/{id}/floors/{skill_id}/",
        reviewers(200),
        url=lambda w, u: f"/api/v1/departments/{w.dept_b.pk}/floors/{w.python.pk}/",
    ),
    Case("GET", "/api/v1/people/", members(200)),
    Case(
        "GET",
        "/api/v1/people/{id}/",
        members(200),
        url=lambda w, u: f"/api/v1/people/{w.colleague_b.pk}/",
    ),
    Case(
        "POST",
        "/api/v1/people/{id}/reveal/",
        members(200),
        variant="own",
        url=lambda w, u: f"/api/v1/people/{(u or w.users['staff']).pk}/reveal/",
        body=lambda w, u: {"reason": "核对"},
    ),
    Case(
        "POST",
        "/api/v1/people/{id}/reveal/",
        members(403, hr=200, admin=200),
        variant="other",
        url=lambda w, u: f"/api/v1/people/{w.colleague_b.pk}/reveal/",
        body=lambda w, u: {"reason": "核对"},
    ),
    Case(
        "POST",
        "/api/v1/people/{id}/deactivate/",
        admin_only(200),
        url=lambda w, u: f"/api/v1/people/{w.colleague_b.pk}/deactivate/",
    ),
    # The staff member's history: they, the head of their department (above theirs), HR and
    # administrators; other staff may not.
    Case(
        "GET",
        "/api/v1/people/{person_id}/skill-history/",
        members(403, staff=200, hr=200, dept_head=200, admin=200),
        variant="staff member's",
        url=lambda w, u: f"/api/v1/people/{w.users['staff'].pk}/skill-history/",
    ),
    Case(
        "GET",
        "/api/v1/people/{person_id}/skill-history/",
        members(403, hr=200, admin=200),
        variant="another department's",
        url=lambda w, u: f"/api/v1/people/{w.colleague_b.pk}/skill-history/",
    ),
    Case(
        "POST",
        "/api/v1/people/{id}/password-link/",
        admin_only(201),
        url=lambda w, u: f"/api/v1/people/{w.colleague_b.pk}/password-link/",
    ),
    Case(
        "POST",
        "/api/v1/people/{id}/reactivate/",
        admin_only(200),
        url=lambda w, u: f"/api/v1/people/{w.colleague_b.pk}/reactivate/",
    ),
    Case(
        "POST",
        "/api/v1/people/{person_id}/skills/{skill_id}/verify/",
        members(403, dept_head=200),
        variant="own department",
        url=lambda w, u: f"/api/v1/people/{w.users['staff'].pk}/skills/{w.python.pk}/verify/",
    ),
    Case(
        "POST",
        "/api/v1/people/{person_id}/skills/{skill_id}/verify/",
        members(403),
        variant="other department",
        url=lambda w, u: f"/api/v1/people/{w.colleague_b.pk}/skills/{w.python.pk}/verify/",
    ),
    Case("GET", "/api/v1/role-grants/", admin_only(200)),
    Case(
        "POST",
        "/api/v1/role-grants/",
        admin_only(201),
        body=lambda w, u: {"user": w.colleague_b.pk, "role": "organiser"},
    ),
    *[
        Case(
            method,
            "/api/v1/role-grants/{id}/",
            admin_only(status),
            url=lambda w, u: f"/api/v1/role-grants/{w.colleague_b_grant.pk}/",
        )
        for method, status in [("GET", 200), ("DELETE", 204)]
    ],
    Case("GET", "/api/v1/skills/", members(200)),
    Case(
        "GET", "/api/v1/skills/{id}/", members(200), url=lambda w, u: f"/api/v1/skills/{w.gis.pk}/"
    ),
    Case("GET", "/api/v1/skill-categories/", members(200)),
    Case(
        "GET",
        "/api/v1/skill-categories/{id}/",
        members(200),
        url=lambda w, u: f"/api/v1/skill-categories/{w.gis.category_id}/",
    ),
    Case("GET", "/api/v1/needs/", members(200)),
    Case(
        "POST",
        "/api/v1/needs/",
        members(403, dept_head=201),
        variant="own department",
        body=need_body("dept_a1"),
    ),
    # Another department answers like one that does not exist: a field error.
    Case(
        "POST",
        "/api/v1/needs/",
        members(403, dept_head=400),
        variant="other department",
        body=need_body("dept_b"),
    ),
    Case(
        "GET",
        "/api/v1/needs/{id}/",
        members(200),
        variant="other department, open",
        url=need_url("open_b"),
    ),
    Case(
        "GET",
        "/api/v1/needs/{id}/",
        members(404, dept_head=200, hr=200, admin=200),
        variant="own department, draft",
        url=need_url("draft_a1"),
    ),
    Case(
        "GET",
        "/api/v1/needs/{id}/",
        members(404, hr=200, admin=200),
        variant="other department, draft",
        url=need_url("draft_b"),
    ),
    *[
        case
        for method, status in [("PUT", 200), ("PATCH", 200), ("DELETE", 204)]
        for case in (
            Case(
                method,
                "/api/v1/needs/{id}/",
                members(403, dept_head=status),
                variant="own department, draft",
                url=need_url("draft_a1"),
                body=need_body("dept_a1"),
            ),
            Case(
                method,
                "/api/v1/needs/{id}/",
                members(403, dept_head=404),
                variant="other department, draft",
                url=need_url("draft_b"),
                body=need_body("dept_a1"),
            ),
            Case(
                method,
                "/api/v1/needs/{id}/",
                members(403),
                variant="other department, open",
                url=need_url("open_b"),
                body=need_body("dept_a1"),
            ),
        )
    ],
    Case(
        "POST",
        "/api/v1/needs/{id}/open/",
        members(403, dept_head=200),
        variant="own department, draft",
        url=need_url("draft_a1", "open/"),
    ),
    Case(
        "POST",
        "/api/v1/needs/{id}/open/",
        members(403, dept_head=404),
        variant="other department, draft",
        url=need_url("draft_b", "open/"),
    ),
    Case(
        "POST",
        "/api/v1/needs/{id}/close/",
        members(403, dept_head=200),
        variant="own department, open",
        url=need_url("open_a1", "close/"),
    ),
    Case(
        "POST",
        "/api/v1/needs/{id}/close/",
        members(403),
        variant="other department, open",
        url=need_url("open_b", "close/"),
    ),
    Case("GET", "/api/v1/match-runs/", reviewers(200)),
    Case("POST", "/api/v1/match-runs/", reviewers(201), body=lambda w, u: {"blind": True}),
    Case("GET", "/api/v1/match-runs/{id}/", reviewers(200), url=run_url()),
    Case(
        "GET",
        "/api/v1/match-runs/{run_id}/suggestions/",
        reviewers(200),
        url=run_url("suggestions/"),
    ),
    Case("GET", "/api/v1/match-runs/{run_id}/unfilled/", reviewers(200), url=run_url("unfilled/")),
    Case("GET", "/api/v1/secondment-pool/", reviewers(200)),
    Case(
        "GET",
        "/api/v1/match-runs/{run_id}/decisions.csv",
        reviewers(200),
        url=run_url("decisions.csv"),
    ),
    Case(
        "POST",
        "/api/v1/match-runs/{run_id}/decisions/",
        reviewers(200),
        url=run_url("decisions/"),
        body=lambda w, u: {"suggestions": [w.suggestion.pk], "decision": "held"},
    ),
    Case(
        "POST",
        "/api/v1/match-runs/{run_id}/what-if/",
        reviewers(200),
        url=run_url("what-if/"),
        body=lambda w, u: {"policy": {"preference_weight": 0}},
    ),
    Case("GET", "/api/v1/match-runs/{run_id}/flow/", reviewers(200), url=run_url("flow/")),
    Case("GET", "/api/v1/secondments/flow/", reviewers(200)),
    Case(
        "POST",
        "/api/v1/suggestions/{suggestion_id}/decision/",
        reviewers(200),
        url=suggestion_url("decision/"),
        body=lambda w, u: {"decision": "accepted", "comment": "同意"},
    ),
    Case(
        "POST",
        "/api/v1/suggestions/{suggestion_id}/reveal/",
        reviewers(200),
        url=suggestion_url("reveal/"),
        body=lambda w, u: {"reason": "利益冲突核查"},
    ),
    Case("GET", "/api/v1/secondments/", members(200)),
    # The staff member's own secondment, lent by division A1 (which the head of A heads).
    Case(
        "GET",
        "/api/v1/secondments/{id}/",
        members(200, organiser=404),
        variant="own, lent by the head's department",
        url=secondment_url("staff_secondment"),
    ),
    # Someone of B lent to division A1: the head of A receives them.
    Case(
        "GET",
        "/api/v1/secondments/{id}/",
        members(200, organiser=404, staff=404),
        variant="another's, received by the head's department",
        url=secondment_url("colleague_secondment"),
    ),
    Case(
        "GET",
        "/api/v1/secondments/{id}/",
        members(404, hr=200, admin=200),
        variant="between departments nobody here heads",
        url=secondment_url("elsewhere_secondment"),
    ),
    # The staff member's planned secondment, lent by division A1 (headed by the head of A).
    Case(
        "POST",
        "/api/v1/secondments/{id}/confirm/",
        members(403, organiser=404, staff=200),
        url=secondment_url("staff_secondment", "confirm/"),
    ),
    Case(
        "POST",
        "/api/v1/secondments/{id}/decline/",
        members(403, organiser=404, staff=200),
        url=secondment_url("staff_secondment", "decline/"),
        body=lambda w, u: {"reason": "家中有事"},
    ),
    # Bureau B, receiving, has no head: HR and administrators approve its side in a head's stead.
    Case(
        "POST",
        "/api/v1/secondments/{id}/approve/",
        members(403, organiser=404, dept_head=200, hr=200, admin=200),
        url=secondment_url("staff_secondment", "approve/"),
    ),
    Case(
        "POST",
        "/api/v1/secondments/{id}/cancel/",
        members(200, organiser=404, staff=403),
        url=secondment_url("staff_secondment", "cancel/"),
        body=lambda w, u: {"reason": "项目取消"},
    ),
    # Between departments nobody here heads: the head of A cannot even see it.
    Case(
        "POST",
        "/api/v1/secondments/{id}/approve/",
        members(404, hr=200, admin=200),
        variant="between departments nobody here heads",
        url=secondment_url("elsewhere_secondment", "approve/"),
    ),
    Case(
        "POST",
        "/api/v1/secondments/{id}/cancel/",
        members(404, hr=200, admin=200),
        variant="between departments nobody here heads",
        url=secondment_url("elsewhere_secondment", "cancel/"),
        body=lambda w, u: {"reason": "项目取消"},
    ),
    Case("GET", "/api/v1/groups/", members(200)),
    Case("POST", "/api/v1/groups/", members(201), body=lambda w, u: {"name": "Python 读书会"}),
    Case("GET", "/api/v1/groups/{id}/", members(200), variant="open", url=group_url("open_group")),
    # The owner (the organiser) and administrators; its member and those outside it may not.
    Case(
        "GET",
        "/api/v1/groups/{group_id}/members.csv",
        members(403, organiser=200, admin=200),
        url=group_url("open_group", "members.csv"),
    ),
    Case("GET", "/api/v1/audit-events.csv", admin_only(200)),
    Case("GET", "/api/v1/people.csv", reviewers(200)),
    Case("GET", "/api/v1/needs.csv", members(200)),
    Case(
        "GET",
        "/api/v1/groups/{id}/",
        members(404, organiser=200, staff=200, admin=200),
        variant="invitation only",
        url=group_url("invite_group"),
    ),
    Case(
        "PATCH",
        "/api/v1/groups/{id}/",
        members(403, organiser=200, admin=200),
        url=group_url("open_group"),
        body=lambda w, u: {"description": "每周三下午"},
    ),
    Case(
        "POST",
        "/api/v1/groups/{id}/join/",
        members(200, organiser=400, staff=400),
        variant="open",
        url=group_url("open_group", "join/"),
    ),
    Case(
        "POST",
        "/api/v1/groups/{id}/join/",
        members(404, organiser=400, staff=400, admin=400),
        variant="invitation only",
        url=group_url("invite_group", "join/"),
    ),
    Case(
        "POST",
        "/api/v1/groups/{id}/leave/",
        members(400, staff=200),
        url=group_url("open_group", "leave/"),
    ),
    Case(
        "POST",
        "/api/v1/groups/{id}/archive/",
        members(403, organiser=200, admin=200),
        url=group_url("open_group", "archive/"),
    ),
    Case(
        "GET", "/api/v1/groups/{id}/members/", members(200), url=group_url("open_group", "members/")
    ),
    Case(
        "POST",
        "/api/v1/groups/{id}/invitations/",
        members(403, organiser=201),
        url=group_url("open_group", "invitations/"),
        body=lambda w, u: {"user": w.colleague_b.pk},
    ),
    *[
        Case(
            "POST",
            f"/api/v1/groups/{{id}}/members/{{membership_id}}/{action}/",
            members(403, organiser=200),
            url=membership_url(group, membership, action),
            body=body,
        )
        for action, group, membership, body in [
            ("approve", "approval_group", "pending_request", None),
            ("reject", "approval_group", "pending_request", None),
            ("remove", "open_group", "staff_membership", None),
            ("role", "open_group", "staff_membership", lambda w, u: {"role": "moderator"}),
        ]
    ],
    Case("GET", "/api/v1/rooms/{room_id}/", chat(200), url=room_url("open_group")),
    Case(
        "GET",
        "/api/v1/rooms/{room_id}/members/",
        chat(200),
        url=room_url("open_group", "members/"),
    ),
    Case(
        "GET",
        "/api/v1/rooms/{room_id}/messages/",
        chat(200),
        url=room_url("open_group", "messages/"),
    ),
    Case(
        "GET",
        "/api/v1/rooms/{room_id}/messages/",
        chat(200),
        variant="invitation only",
        url=room_url("invite_group", "messages/"),
    ),
    Case(
        "POST",
        "/api/v1/rooms/{room_id}/messages/",
        chat(201),
        url=room_url("open_group", "messages/"),
        body=lambda w, u: {"body": "你好", "client_id": "0b7f3a52-9a4f-4f57-b1c2-0f1d2e3c4b5a"},
    ),
    Case(
        "PATCH",
        "/api/v1/rooms/{room_id}/messages/{message_id}/",
        chat(403, staff=200),
        url=room_url("open_group", "messages/{staff_message}/"),
        body=lambda w, u: {"body": "改正"},
    ),
    Case(
        "DELETE",
        "/api/v1/rooms/{room_id}/messages/{message_id}/",
        chat(204),
        url=room_url("open_group", "messages/{staff_message}/"),
    ),
    Case(
        "GET",
        "/api/v1/rooms/{room_id}/messages/search/",
        chat(200),
        url=room_url("open_group", "messages/search/?q=数据"),
    ),
    Case(
        "GET",
        "/api/v1/rooms/{room_id}/messages/{message_id}/revisions/",
        chat(200),
        url=room_url("open_group", "messages/{staff_message}/revisions/"),
    ),
    Case(
        "POST",
        "/api/v1/rooms/{room_id}/read/",
        chat(200),
        url=room_url("open_group", "read/"),
        body=lambda w, u: {"message": w.staff_message.pk},
    ),
    Case(
        "GET",
        "/api/v1/rooms/{room_id}/topics/",
        chat(200),
        url=room_url("open_group", "topics/"),
    ),
    Case(
        "POST",
        "/api/v1/rooms/{room_id}/topics/",
        chat(201),
        url=room_url("open_group", "topics/"),
        body=lambda w, u: {"title": "练习题"},
    ),
    Case("GET", "/api/v1/exchange-weeks/", members(200)),
    Case(
        "POST",
        "/api/v1/exchange-weeks/",
        members(403, organiser=201, admin=201),
        body=lambda w, u: {"title": "交流周", "start_date": "2027-04-05", "end_date": "2027-04-09"},
    ),
    Case("GET", "/api/v1/exchange-weeks/{id}/", members(200), "published", week_url("week")),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{id}/",
        members(404, organiser=200, admin=200),
        "draft",
        week_url("draft_week"),
    ),
    Case(
        "PATCH",
        "/api/v1/exchange-weeks/{id}/",
        organisers(200),
        url=week_url("week"),
        body=lambda w, u: {"theme": "数据治理"},
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/sessions/",
        members(200),
        url=week_url("week", "sessions/"),
    ),
    Case(
        "POST",
        "/api/v1/exchange-weeks/{week_id}/sessions/",
        organisers(201),
        url=week_url("week", "sessions/"),
        body=lambda w, u: {"kind": "workshop", "title": "工作坊"},
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/rooms/",
        members(200),
        url=week_url("week", "rooms/"),
    ),
    Case(
        "POST",
        "/api/v1/exchange-weeks/{week_id}/rooms/",
        organisers(201),
        url=week_url("week", "rooms/"),
        body=lambda w, u: {"name": "第二会议室", "capacity": 20},
    ),
    Case(
        "PATCH",
        "/api/v1/meeting-rooms/{id}/",
        organisers(200),
        url=lambda w, u: f"/api/v1/meeting-rooms/{w.meeting_room.pk}/",
        body=lambda w, u: {"capacity": 30},
    ),
    Case(
        "DELETE",
        "/api/v1/meeting-rooms/{id}/",
        organisers(204),
        url=lambda w, u: f"/api/v1/meeting-rooms/{w.meeting_room.pk}/",
    ),
    Case("GET", "/api/v1/sessions/{id}/", members(200), url=session_url()),
    Case(
        "PATCH",
        "/api/v1/sessions/{id}/",
        organisers(200),
        url=session_url(),
        body=lambda w, u: {"title": "数据清洗（进阶）"},
    ),
    Case(
        "POST",
        "/api/v1/sessions/{id}/registration/",
        members(201),
        url=session_url("registration/"),
    ),
    Case(
        "DELETE",
        "/api/v1/sessions/{id}/registration/",
        members(204),
        url=session_url("registration/"),
    ),
    Case("POST", "/api/v1/sessions/{id}/cancel/", organisers(200), url=session_url("cancel/")),
    Case("GET", "/api/v1/me/registrations/", members(200)),
    # Check-in: the code for the week's organisers; anyone may try a code, and nobody of the
    # matrix is registered for the session (which is weeks away): 400.
    Case("GET", "/api/v1/sessions/{id}/check-in/", organisers(200), url=session_url("check-in/")),
    Case(
        "POST",
        "/api/v1/sessions/{id}/check-in/",
        members(400),
        url=session_url("check-in/"),
        body=lambda w, u: {"code": "123456"},
    ),
    Case("POST", "/api/v1/sessions/{id}/check-out/", members(400), url=session_url("check-out/")),
    # Attendance: the week's organisers and administrators, and department heads (for their
    # departments' people); marking, the organisers only (not yet: check-in has not opened).
    Case(
        "GET",
        "/api/v1/sessions/{id}/roster/",
        organisers(200) | {"dept_head": 200},
        url=session_url("roster/"),
    ),
    Case(
        "POST",
        "/api/v1/sessions/{id}/roster/",
        organisers(400),
        url=session_url("roster/"),
        body=lambda w, u: {"person": w.users["staff"].pk, "status": "on_time"},
    ),
    # Calendars: one's own feed for every member of staff; the feeds themselves are read by
    # calendar applications, signed in to nothing (an unknown token: 404).
    Case("GET", "/api/v1/me/calendar/", members(200)),
    Case("POST", "/api/v1/me/calendar/", members(201)),
    Case("DELETE", "/api/v1/me/calendar/", members(204)),
    Case(
        "GET",
        "/api/v1/calendars/{token}.ics",
        everyone(404),
        url=lambda w, u: "/api/v1/calendars/not-a-token.ics",
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/calendar.ics",
        everyone(200),
        url=lambda w, u: week_address(w.week),
    ),
    # Feedback: read by the week's organisers and the session's speakers (the matrix's
    # session has none); given after the session, which is weeks away: 400.
    Case("GET", "/api/v1/sessions/{id}/feedback/", organisers(200), url=session_url("feedback/")),
    Case(
        "POST",
        "/api/v1/sessions/{id}/feedback/",
        members(400),
        url=session_url("feedback/"),
        body=lambda w, u: {"rating": 4},
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/attendance/",
        organisers(200) | {"dept_head": 200},
        url=week_url("week", "attendance/"),
    ),
    Case(
        "POST",
        "/api/v1/exchange-weeks/{week_id}/timetable/",
        organisers(200),
        url=week_url("week", "timetable/"),
        body=lambda w, u: {},
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/versions/",
        members(200),
        url=week_url("week", "versions/"),
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/schedule/",
        organisers(200),
        url=week_url("week", "schedule/"),
    ),
    Case(
        "POST",
        "/api/v1/exchange-weeks/{week_id}/schedule/",
        organisers(201),
        url=week_url("week", "schedule/"),
        body=lambda w, u: {
            "placements": [
                {
                    "session": w.session.pk,
                    "room": w.meeting_room.pk,
                    "starts_at": "2027-03-03T01:00:00Z",
                    "ends_at": "2027-03-03T03:00:00Z",
                }
            ]
        },
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/completion/",
        organisers(200) | {"dept_head": 200},
        url=week_url("week", "completion/"),
    ),
    Case(
        "GET",
        "/api/v1/exchange-weeks/{week_id}/attendance.csv",
        organisers(200) | {"dept_head": 200},
        url=week_url("week", "attendance.csv"),
    ),
    Case("GET", "/api/v1/notifications/", signed_in(200)),
    Case("POST", "/api/v1/notifications/read/", signed_in(200), body=lambda w, u: {}),
    Case("GET", "/api/v1/audit-events/", admin_only(200)),
    Case(
        "GET",
        "/api/v1/audit-events/{id}/",
        admin_only(200),
        url=lambda w, u: f"/api/v1/audit-events/{w.event.pk}/",
    ),
    Case(
        "POST",
        "/api/v1/imports/departments/",
        admin_only(200),
        upload=csv_file("code,name_zh,name_en\nNEW,新部门,New department\n"),
    ),
    Case(
        "POST",
        "/api/v1/imports/staff/",
        admin_only(200),
        upload=csv_file("employee_number,display_name,department_code\nE99999,新人,B\n"),
    ),
    Case(
        "POST",
        "/api/v1/imports/staff-skills/",
        admin_only(200),
        upload=csv_file("employee_number,skill,level\nB-COLLEAGUE,GIS,2\n"),
    ),
]


@pytest.fixture
def world(db) -> World:
    """Bureau A with its division A1, bureau B; one person per role; needs in both."""
    dept_a = DepartmentFactory.create(code="A")
    dept_a1 = DepartmentFactory.create(code="A1", parent=dept_a)
    dept_b = DepartmentFactory.create(code="B", release_cap_percent=100)
    python = SkillFactory.create(code="python", name_en="Python")
    gis = SkillFactory.create(code="gis", name_en="GIS")
    users = {
        "outsider": UserFactory.create(username="outsider", department=None, roles=[]),
        "staff": UserFactory.create(username="staff", department=dept_a1, roles=["staff"]),
        "organiser": UserFactory.create(
            username="organiser", department=dept_a, roles=["staff", "organiser"]
        ),
        "hr": UserFactory.create(username="hr", department=dept_b, roles=["staff", "hr"]),
        "dept_head": UserFactory.create(
            username="dept_head", department=dept_a, roles=["staff", "dept_head"]
        ),
        "admin": UserFactory.create(username="admin", department=dept_b, roles=["admin"]),
    }
    colleague_b = UserFactory.create(
        username="colleague_b", employee_number="B-COLLEAGUE", department=dept_b, roles=["staff"]
    )
    for user in [*users.values(), colleague_b]:
        StaffSkillFactory.create(user=user, skill=python, level=2)
        SecondmentAvailability.objects.create(user=user, available_from="2027-01-01")
    needs = {}
    for name, department, status in [
        ("open_a1", dept_a1, NeedStatus.OPEN),
        ("draft_a1", dept_a1, NeedStatus.DRAFT),
        ("open_b", dept_b, NeedStatus.OPEN),
        ("draft_b", dept_b, NeedStatus.DRAFT),
    ]:
        needs[name] = TalentNeedFactory.create(department=department, status=status)
        NeedRequirementFactory.create(need=needs[name], skill=python, min_level=2)
    event = AuditEvent.objects.create(action="test.event")
    open_group = group_with(users["staff"], owner=users["organiser"], name="数据分析学习小组")
    invite_group = group_with(
        users["staff"], owner=users["organiser"], name="内部小组", join_policy="invite"
    )
    approval_group = group_with(owner=users["organiser"], name="审批小组", join_policy="approval")
    groups.join_group(user=colleague_b, group=approval_group)
    staff_message, _ = post_message(
        author=users["staff"],
        room_id=open_group.room_id,
        body="数据看板进度",
        client_id=uuid.uuid4(),
    )
    # A blind run that proposes colleague_b (of B) for the open need of A1.
    run = MatchRun.objects.create(started_by=users["hr"], status="done", blind=True)
    suggestion = Suggestion.objects.create(
        run=run,
        need=needs["open_a1"],
        person=colleague_b,
        fit=60,
        fit_parts={"must_have": 60, "nice_to_have": 0, "preference": 0, "tier": 0},
        requirements=[],
        runner_ups=[],
    )
    CriticalSkillFloor.objects.create(department=dept_b, skill=python, min_level=2, min_people=1)
    dept_c = DepartmentFactory.create(code="C")
    # A published week and a draft, both organised by the organiser.
    week = events.create_week(
        actor=users["organiser"],
        title="数据治理交流周",
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 5),
    )
    week = events.update_week(actor=users["organiser"], week=week, status=WeekStatus.PUBLISHED)
    meeting_room = events.add_room(
        actor=users["organiser"], week=week, name="第一会议室", capacity=40
    )
    session = events.create_session(
        actor=users["organiser"],
        week=week,
        kind="workshop",
        title="数据清洗",
        room=meeting_room,
        starts_at=datetime(2027, 3, 2, 1, tzinfo=UTC),
        ends_at=datetime(2027, 3, 2, 3, tzinfo=UTC),
    )
    draft_week = events.create_week(
        actor=users["organiser"],
        title="草稿周",
        start_date=date(2027, 5, 3),
        end_date=date(2027, 5, 7),
    )
    elsewhere_need = TalentNeedFactory.create(department=dept_c)

    def seconded(person: Any, need: Any) -> Secondment:
        return Secondment.objects.create(
            person=person,
            need=need,
            lending_department=person.department,
            receiving_department=need.department,
            start_date=need.start_date,
            end_date=need.end_date,
        )

    return World(
        week=week,
        draft_week=draft_week,
        meeting_room=meeting_room,
        session=session,
        run=run,
        suggestion=suggestion,
        staff_secondment=seconded(users["staff"], needs["open_b"]),
        colleague_secondment=seconded(
            UserFactory.create(department=dept_b), TalentNeedFactory.create(department=dept_a1)
        ),
        elsewhere_secondment=seconded(
            UserFactory.create(department=DepartmentFactory.create()), elsewhere_need
        ),
        open_group=open_group,
        invite_group=invite_group,
        approval_group=approval_group,
        pending_request=Membership.objects.get(group=approval_group, user=colleague_b),
        staff_membership=Membership.objects.get(group=open_group, user=users["staff"]),
        staff_message=staff_message,
        dept_a=dept_a,
        dept_a1=dept_a1,
        dept_b=dept_b,
        python=python,
        gis=gis,
        users=users,
        colleague_b=colleague_b,
        colleague_b_grant=RoleGrant.objects.get(user=colleague_b, role="staff"),
        event=event,
        **needs,
    )


def schema_operations() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }


def test_every_operation_is_in_the_matrix() -> None:
    in_matrix = {(case.method, case.path) for case in CASES}
    assert schema_operations() - in_matrix == set(), "operations nobody decided about"
    assert in_matrix - schema_operations() == set(), "cases for operations that do not exist"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_permission_matrix(case: Case, role: str, world: World, api_client) -> None:
    user = world.users.get(role)
    if user is not None:
        api_client.force_login(user)
    url = case.url(world, user) if case.url else case.path
    if case.upload:
        response = api_client.post(url, {"file": case.upload(world, user)}, format="multipart")
    else:
        body = json.dumps(case.body(world, user)) if case.body else ""
        response = api_client.generic(case.method, url, body, content_type="application/json")
    assert response.status_code == case.expected[role], response.content.decode()[:500]

import pytest

from apps.audit.models import AuditEvent
from apps.groups.models import Membership
from apps.notifications.models import Notification
from tests.factories import (
    DepartmentFactory,
    SkillFactory,
    SkillSynonymFactory,
    UserFactory,
    group_with,
)


@pytest.fixture
def owner(db):
    return UserFactory.create(username="owner", display_name="Owner")


def join(client_for, user, group):
    return client_for(user).post(f"/api/v1/groups/{group.pk}/join/")


def statuses(group) -> dict[str, str]:
    return dict(Membership.objects.filter(group=group).values_list("user__username", "status"))


def test_a_member_of_staff_creates_a_group_and_owns_it(client_for, owner) -> None:
    gis = SkillFactory.create(code="gis")

    response = client_for(owner).post(
        "/api/v1/groups/",
        {"name": "GIS 学习小组", "skills": [gis.pk], "join_policy": "approval", "capacity": 12},
        format="json",
    )

    assert response.status_code == 201
    group = response.json()
    assert (group["name"], group["join_policy"], group["capacity"], group["member_count"]) == (
        "GIS 学习小组",
        "approval",
        12,
        1,
    )
    assert group["my_membership"] == {
        "role": "owner",
        "status": "active",
        "waitlist_position": None,
        "last_read_message_id": 0,
    }
    assert [skill["code"] for skill in group["skills"]] == ["gis"]
    assert group["can_moderate"] is True
    assert AuditEvent.objects.get(action="group.created").actor == owner


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x", "capacity": 1}, "capacity"),
        ({"name": "x", "join_policy": "secret"}, "join_policy"),
    ],
)
def test_a_bad_group_is_refused_naming_the_field(client_for, owner, body, field) -> None:
    response = client_for(owner).post("/api/v1/groups/", body, format="json")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_joining_an_open_group_admits_at_once_and_is_audited(client_for, owner) -> None:
    group = group_with(owner=owner)
    person = UserFactory.create(username="person")

    response = join(client_for, person, group)

    assert response.json()["my_membership"]["status"] == "active"
    assert response.json()["member_count"] == 2
    event = AuditEvent.objects.get(action="membership.joined")
    assert (event.actor, event.after) == (
        person,
        {"user": person.pk, "status": "active", "role": "member"},
    )


def test_a_full_group_keeps_a_waiting_list_promoted_in_order(client_for, owner) -> None:
    group = group_with(owner=owner, capacity=2)
    first, second, third = (
        UserFactory.create(username=name) for name in ("first", "second", "third")
    )
    join(client_for, first, group)
    second_answer = join(client_for, second, group).json()
    third_answer = join(client_for, third, group).json()

    client_for(first).post(f"/api/v1/groups/{group.pk}/leave/")

    assert second_answer["my_membership"] == {
        "role": "member",
        "status": "waitlisted",
        "waitlist_position": 1,
        "last_read_message_id": 0,
    }
    assert third_answer["my_membership"]["waitlist_position"] == 2
    assert statuses(group) == {
        "owner": "active",
        "first": "left",
        "second": "active",
        "third": "waitlisted",
    }
    assert Notification.objects.get(user=second).kind == "promoted"
    assert AuditEvent.objects.filter(action="membership.promoted").count() == 1


def test_an_approval_group_records_the_request_and_the_applicant_is_told(client_for, owner) -> None:
    group = group_with(owner=owner, join_policy="approval")
    applicant, declined = (
        UserFactory.create(username="applicant"),
        UserFactory.create(username="declined"),
    )
    join(client_for, applicant, group)
    join(client_for, declined, group)
    requests = {
        member["user"]["username"]: member["id"]
        for member in client_for(owner).get(f"/api/v1/groups/{group.pk}/members/").json()["results"]
        if member["status"] == "pending"
    }

    client_for(owner).post(f"/api/v1/groups/{group.pk}/members/{requests['applicant']}/approve/")
    client_for(owner).post(f"/api/v1/groups/{group.pk}/members/{requests['declined']}/reject/")

    assert statuses(group) == {"owner": "active", "applicant": "active", "declined": "rejected"}
    assert list(Notification.objects.filter(user=owner).values_list("kind", flat=True)) == [
        "join_requested",
        "join_requested",
    ]
    assert [
        n.kind for n in Notification.objects.filter(user__in=[applicant, declined]).order_by("user")
    ] == [
        "join_approved",
        "join_rejected",
    ]


def test_an_invitation_only_group_admits_only_the_invited(client_for, owner) -> None:
    group = group_with(owner=owner, join_policy="invite")
    invited, uninvited = (
        UserFactory.create(username="invited"),
        UserFactory.create(username="uninvited"),
    )

    refused = join(client_for, uninvited, group)
    client_for(owner).post(
        f"/api/v1/groups/{group.pk}/invitations/", {"user": invited.pk}, format="json"
    )
    accepted = join(client_for, invited, group)

    assert refused.status_code == 404, "an invitation-only group is not visible to outsiders"
    assert accepted.json()["my_membership"]["status"] == "active"
    assert Notification.objects.get(user=invited).kind == "invited"


@pytest.mark.parametrize("departure", ["removed", "left"])
def test_who_is_no_longer_in_an_invitation_only_group_no_longer_sees_it(
    client_for, owner, departure
) -> None:
    member = UserFactory.create(username="member")
    group = group_with(member, owner=owner, join_policy="invite")
    membership = Membership.objects.get(group=group, user=member)
    if departure == "removed":
        client_for(owner).post(f"/api/v1/groups/{group.pk}/members/{membership.pk}/remove/")
    else:
        client_for(member).post(f"/api/v1/groups/{group.pk}/leave/")

    reader = client_for(member)
    details = reader.get(f"/api/v1/groups/{group.pk}/")
    members = reader.get(f"/api/v1/groups/{group.pk}/members/")
    listed = reader.get("/api/v1/groups/")

    assert (details.status_code, members.status_code) == (404, 404)
    assert group.pk not in [listed_group["id"] for listed_group in listed.json()["results"]]


def test_members_only_can_moderate_what_moderators_may(client_for, owner) -> None:
    member = UserFactory.create(username="member")
    group = group_with(member, owner=owner)
    target = Membership.objects.get(group=group, user=member)

    by_member = client_for(member).post(f"/api/v1/groups/{group.pk}/members/{target.pk}/remove/")
    by_owner = client_for(owner).post(f"/api/v1/groups/{group.pk}/members/{target.pk}/remove/")

    assert by_member.status_code == 403
    assert by_owner.status_code == 200
    assert statuses(group)["member"] == "removed"
    assert AuditEvent.objects.filter(action="membership.removed", actor=owner).count() == 1


def test_the_owner_hands_over_the_group_and_stays_a_moderator(client_for, owner) -> None:
    member = UserFactory.create(username="member")
    group = group_with(member, owner=owner)
    target = Membership.objects.get(group=group, user=member)

    refused_leave = client_for(owner).post(f"/api/v1/groups/{group.pk}/leave/")
    client_for(owner).post(
        f"/api/v1/groups/{group.pk}/members/{target.pk}/role/", {"role": "owner"}, format="json"
    )

    assert refused_leave.json()["errors"][0]["code"] == "owner_leaving"
    assert dict(Membership.objects.filter(group=group).values_list("user__username", "role")) == {
        "owner": "moderator",
        "member": "owner",
    }


def test_an_archived_group_is_read_only(client_for, owner) -> None:
    group = group_with(owner=owner)
    client_for(owner).post(f"/api/v1/groups/{group.pk}/archive/")

    refused = join(client_for, UserFactory.create(), group)
    message = client_for(owner).post(
        f"/api/v1/rooms/{group.room_id}/messages/",
        {"body": "still here?", "client_id": "5f0c4a43-2a8d-4bd4-9d0c-6c2f8e8f3d10"},
        format="json",
    )

    assert refused.json()["errors"][0]["code"] == "archived"
    assert (message.status_code, message.json()["code"]) == (403, "archived")


def test_groups_are_found_by_skill_name_tier_and_department(client_for, owner) -> None:
    gis = SkillFactory.create(code="gis", name_zh="地理信息系统")
    SkillSynonymFactory.create(skill=gis, name="GIS")
    transport = DepartmentFactory.create(code="TRANS")
    mapping = group_with(
        UserFactory.create(department=transport),
        owner=owner,
        name="Mapping club",
        target_tier="specialist",
    )
    mapping.skills.add(gis)
    group_with(owner=owner, name="Budget reading")
    client = client_for(owner)

    def names(query: str) -> list[str]:
        return [group["name"] for group in client.get(f"/api/v1/groups/?{query}").json()["results"]]

    assert names("skill=GIS") == ["Mapping club"]
    assert names("skill=地理") == ["Mapping club"]
    assert names("q=budget") == ["Budget reading"]
    assert names("target_tier=specialist") == ["Mapping club"]
    assert names(f"department={transport.pk}") == ["Mapping club"]
    listed = client.get("/api/v1/groups/?q=mapping").json()["results"][0]
    assert "TRANS" in [department["code"] for department in listed["departments"]]


def test_a_group_names_each_department_of_its_members_once(client_for, owner) -> None:
    transport = DepartmentFactory.create(code="TRANS")
    group = group_with(
        UserFactory.create(department=transport),
        UserFactory.create(department=transport),
        owner=owner,
    )

    shown = client_for(owner).get(f"/api/v1/groups/{group.pk}/").json()

    codes = [department["code"] for department in shown["departments"]]
    assert codes.count("TRANS") == 1
    assert len(codes) == len(set(codes)) == 2  # the owner's department and transport


def test_moderators_find_requests_first_and_anyone_finds_members_by_name(client_for, owner) -> None:
    members = [UserFactory.create(username=f"member{number}") for number in range(4)]
    group = group_with(*members, owner=owner, join_policy="approval")
    join(client_for, UserFactory.create(username="applicant", display_name="李申请"), group)

    def usernames(reader, query: str = "") -> list[str]:
        url = f"/api/v1/groups/{group.pk}/members/?page_size=2&{query}"
        page = client_for(reader).get(url).json()
        return [member["user"]["username"] for member in page["results"]]

    assert usernames(owner) == ["applicant", "owner"]
    assert usernames(members[0]) == ["owner", "member0"]
    assert usernames(owner, "q=申请") == ["applicant"]
    assert usernames(owner, "q=MEMBER3") == ["member3"]
    assert usernames(owner, "status=pending") == ["applicant"]
    assert usernames(members[0], "status=pending") == []


def test_an_unknown_standing_in_the_members_query_is_refused_by_name(client_for, owner) -> None:
    group = group_with(owner=owner)

    response = client_for(owner).get(f"/api/v1/groups/{group.pk}/members/?status=left")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["status"]


def test_a_waiting_list_shows_each_person_their_true_place_whatever_the_filter(
    client_for, owner
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    group = group_with(UserFactory.create(), owner=owner, capacity=2)
    waiting = [
        UserFactory.create(username=username, display_name=name)
        for username, name in [("w1", "王一"), ("w2", "李二"), ("w3", "王三"), ("w4", "赵四")]
    ]
    for person in waiting:
        join(client_for, person, group)
    # w2 and w3 joined the list at the same moment: the earlier membership goes first.
    same_moment = timezone.now()
    Membership.objects.filter(group=group, user__in=waiting[1:3]).update(
        status_changed_at=same_moment
    )
    Membership.objects.filter(group=group, user=waiting[3]).update(
        status_changed_at=same_moment + timedelta(seconds=1)
    )

    def places(query: str) -> dict[str, int]:
        url = f"/api/v1/groups/{group.pk}/members/?status=waitlisted&{query}"
        results = client_for(owner).get(url).json()["results"]
        return {member["user"]["username"]: member["waitlist_position"] for member in results}

    assert places("") == {"w1": 1, "w2": 2, "w3": 3, "w4": 4}
    assert places("q=王") == {"w1": 1, "w3": 3}
    assert places("q=w4") == {"w4": 4}
    assert places("page_size=2&page=2") == {"w3": 3, "w4": 4}
    own = [
        client_for(person).get(f"/api/v1/groups/{group.pk}/").json()["my_membership"]
        for person in waiting
    ]
    assert [standing["waitlist_position"] for standing in own] == [1, 2, 3, 4]


def test_administering_a_group_never_grants_reading_it(client_for, owner) -> None:
    admin = UserFactory.create(username="root", roles=["staff", "admin"])
    member = UserFactory.create(username="member")
    group = group_with(member, owner=owner, join_policy="invite")
    client = client_for(admin)

    seen = client.get(f"/api/v1/groups/{group.pk}/")
    invited_self = client.post(
        f"/api/v1/groups/{group.pk}/invitations/", {"user": admin.pk}, format="json"
    )
    opened = client.patch(f"/api/v1/groups/{group.pk}/", {"join_policy": "open"}, format="json")
    joined = client.post(f"/api/v1/groups/{group.pk}/join/")
    room = client.get(f"/api/v1/rooms/{group.room_id}/messages/")
    archived = client.post(f"/api/v1/groups/{group.pk}/archive/")

    assert seen.status_code == 200, "administrators oversee every group, private ones too"
    assert seen.json()["can_moderate"] is False
    assert (invited_self.status_code, opened.status_code) == (403, 403)
    assert joined.status_code == 400, "an invitation-only group admits only the invited"
    assert room.status_code == 404
    assert archived.status_code == 200, "archiving is the one thing an administrator may do"

"""A believable city to try Talentbridge on: planned from a seed, then written in one go.

The plan is a pure function of the seed, so the same seed always gives the same city.
"""

import random
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import RoleGrant, User
from apps.accounts.validators import NATIONAL_ID_CHECK_CHARACTERS, NATIONAL_ID_WEIGHTS
from apps.audit.services import record_event
from apps.chat.models import Message, Room
from apps.chat.services import add_member, create_topic, mark_read, post_message
from apps.core.roles import Role
from apps.demo.data import (
    CATEGORIES,
    DEMO_ACCOUNTS,
    DEMO_FEEDBACK_COMMENTS,
    DEMO_GROUPS,
    DEMO_PAST_WEEK,
    DEMO_PAST_WEEK_ROOMS,
    DEMO_PAST_WEEK_SESSIONS,
    DEMO_WEEK,
    DEMO_WEEK_ROOMS,
    DEMO_WEEK_SESSIONS,
    DEMO_WEEK_SPEAKERS_AWAY,
    DEPARTMENTS,
    GIVEN_NAME_CHARACTERS,
    NEED_TITLES,
    POSITIONS,
    REGION_CODES,
    SKILLS,
    SURNAMES,
)
from apps.events import attendance
from apps.events import services as events
from apps.events.models import (
    Attendance,
    AttendanceStatus,
    ExchangeWeek,
    Feedback,
    MeetingRoom,
    Registration,
    RegistrationStatus,
    WeekStatus,
)
from apps.groups.models import JoinPolicy, MemberRole, Membership, MembershipStatus
from apps.groups.services import create_group, invite, join_group, set_role
from apps.notifications.models import Notification
from apps.organisation.models import CriticalSkillFloor, Department
from apps.secondments import lifecycle, runs
from apps.secondments.models import (
    NeedRequirement,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    SuggestionStatus,
    TalentNeed,
)
from apps.secondments.services import decide_suggestions, start_match_run
from apps.skills.models import Provenance, Skill, SkillCategory, SkillSynonym, StaffSkill

DEFAULT_SEED = 2026
LEVEL_WEIGHTS = {
    "leader": (10, 30, 35, 20, 5),
    "general": (15, 35, 30, 15, 5),
    "specialist": (5, 15, 35, 30, 15),
}
TIER_WEIGHTS = {"leader": 10, "general": 60, "specialist": 30}
CLEARANCES = {"leader": (2, 3), "general": (0, 1, 2), "specialist": (1, 2)}
PROVENANCE_WEIGHTS = {
    Provenance.SELF: 60,
    Provenance.MANAGER_VERIFIED: 30,
    Provenance.EVIDENCED: 10,
}
NEED_STATUSES = [NeedStatus.OPEN] * 30 + [NeedStatus.DRAFT] * 5 + [NeedStatus.CLOSED] * 3
NEED_STATUSES += [NeedStatus.FILLED] * 2
MIN_STAFF = len(DEMO_ACCOUNTS) + max(group[7] for group in DEMO_GROUPS)
#: How long after HR accepted them the secondments of the history were agreed by all.
HISTORY_APPROVAL_TIME = timedelta(days=3)
#: The share of its staff each demo department may lend at once.
RELEASE_CAP_PERCENT = 25
#: Critical skills demo departments keep at home: department, skill, level, people.
DEMO_FLOORS = (
    ("BDB-SEC", "data-security", 3, 2),
    ("BDB-SEC", "cryptography", 3, 1),
)
#: People made to fit each open need, so that the matcher has proposals and runner-ups.
CANDIDATES_PER_NEED = 3
#: How the demo's match run was reviewed, suggestion by suggestion, best fit first.
DEMO_DECISIONS = (
    (SuggestionStatus.ACCEPTED, "技能全面，两个部门均已口头同意。"),
    (SuggestionStatus.ACCEPTED, ""),
    (SuggestionStatus.REJECTED, "本人年内有脱产培训安排。"),
    (SuggestionStatus.HELD, "待与借出部门确认工作交接。"),
    (SuggestionStatus.ACCEPTED, ""),
    (SuggestionStatus.ACCEPTED, "接收部门急需，先行安排。"),
)
#: What became of the run's accepted suggestions, in order (the staff account's aside).
DEMO_DECLINE_REASON = "家中老人需要照顾，明年上半年不便外借。"
DEMO_CANCEL_REASON = "接收部门的项目推迟到明年下半年。"
#: Secondments from before the demo's run: the receiving department, the need's title, and
#: its dates in days from today. One ended last spring, one is under way.
DEMO_HISTORY = (
    ("GAO-ENERGY", "公共机构能耗数据治理", -330, -150),
    ("HRSS-TRAIN", "干部在线学习平台改版", -45, 135),
)
READ_UNTIL_MINUTES_AGO = 24 * 60  # members have read what was written more than a day ago


@dataclass(frozen=True)
class PlannedPerson:
    employee_number: str
    username: str
    display_name: str
    department: str
    tier: str
    position: str
    clearance: int
    phone: str
    national_id: str
    roles: tuple[str, ...]
    skills: tuple[tuple[str, int, str], ...]  # skill code, level, provenance
    availability: tuple[date, date | None, int, tuple[str, ...]] | None


@dataclass(frozen=True)
class PlannedNeed:
    department: str
    title: str
    headcount: int
    start_date: date
    end_date: date
    tier: str
    clearance: int
    status: str
    requirements: tuple[tuple[str, int, Decimal, bool], ...]  # skill, min level, weight, must


@dataclass(frozen=True)
class PlannedGroup:
    name: str
    description: str
    skills: tuple[str, ...]
    join_policy: str
    capacity: int | None
    owner: str
    members: tuple[tuple[str, str], ...]  # username, standing: member, moderator, pending, invited
    topics: tuple[str, ...]
    messages: tuple[tuple[str, str, str, int], ...]  # author, topic, body, minutes ago


@dataclass(frozen=True)
class DemoCity:
    people: tuple[PlannedPerson, ...]
    needs: tuple[PlannedNeed, ...]
    groups: tuple[PlannedGroup, ...]


def _national_id(rng: random.Random) -> str:
    birth = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 36))
    body = f"{rng.choice(REGION_CODES)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(
        int(digit) * weight for digit, weight in zip(body, NATIONAL_ID_WEIGHTS, strict=True)
    )
    return body + NATIONAL_ID_CHECK_CHARACTERS[total % 11]


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_NAME_CHARACTERS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _skills(
    rng: random.Random, focus: tuple[str, ...], tier: str
) -> tuple[tuple[str, int, str], ...]:
    in_focus = [code for category, code, *_rest in SKILLS if category in focus]
    elsewhere = [code for category, code, *_rest in SKILLS if category not in focus]
    chosen: set[str] = set()
    for _ in range(rng.randint(2, 7)):
        chosen.add(rng.choice(in_focus if rng.random() < 0.7 else elsewhere))
    return tuple(
        (
            code,
            rng.choices(range(1, 6), weights=LEVEL_WEIGHTS[tier])[0],
            rng.choices(list(PROVENANCE_WEIGHTS), weights=list(PROVENANCE_WEIGHTS.values()))[
                0
            ].value,
        )
        for code in sorted(chosen)
    )


def _availability(
    rng: random.Random, department: str
) -> tuple[date, date | None, int, tuple[str, ...]]:
    start = date(2027, rng.randint(1, 6), 1)
    end = None if rng.random() < 0.3 else start + timedelta(days=30 * rng.randint(6, 12))
    others = [code for code, *_rest in DEPARTMENTS if code != department]
    preferred = tuple(sorted(rng.sample(others, rng.randint(0, 2))))
    return start, end, rng.choice((50, 100, 100)), preferred


def _person(
    rng: random.Random,
    number: int,
    *,
    department: str,
    tier: str,
    username: str = "",
    display_name: str = "",
    position: str = "",
    roles: tuple[str, ...] = (Role.STAFF,),
) -> PlannedPerson:
    focus = next(entry[4] for entry in DEPARTMENTS if entry[0] == department)
    employee_number = f"TB{number:05d}"
    return PlannedPerson(
        employee_number=employee_number,
        username=username or employee_number.lower(),
        display_name=display_name or _name(rng),
        department=department,
        tier=tier,
        position=position or rng.choice(POSITIONS[tier]),
        clearance=rng.choice(CLEARANCES[tier]),
        phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
        national_id=_national_id(rng),
        roles=roles,
        skills=_skills(rng, focus, tier),
        availability=_availability(rng, department)
        if tier != "leader" and rng.random() < 0.15
        else None,
    )


def _need(rng: random.Random, status: str, taken_titles: set[tuple[str, str]]) -> PlannedNeed:
    while True:
        department, *_names, _parent, focus = rng.choice(DEPARTMENTS)
        title, skills = rng.choice(NEED_TITLES[rng.choice(focus)])
        if (department, title) not in taken_titles:
            taken_titles.add((department, title))
            break
    start = date(2027, rng.randint(1, 6), 1)
    must_have, nice_to_have = skills[:2], skills[2]
    requirements = (
        *((skill, rng.randint(2, 4), Decimal("1.00"), True) for skill in must_have),
        (nice_to_have, rng.randint(1, 3), Decimal("0.50"), False),
    )
    return PlannedNeed(
        department=department,
        title=title,
        headcount=rng.choice((1, 1, 2, 3)),
        start_date=start,
        end_date=start + timedelta(days=30 * rng.randint(3, 9)),
        tier="specialist" if rng.random() < 0.25 else "",
        clearance=rng.choice((0, 0, 1, 2)),
        status=status,
        requirements=requirements,
    )


def _groups(rng: random.Random, people: list[PlannedPerson]) -> tuple[PlannedGroup, ...]:
    demo_usernames = {username for username, *_rest in DEMO_ACCOUNTS}
    others = [person.username for person in people if person.username not in demo_usernames]
    planned = []
    for (
        name,
        description,
        skills,
        join_policy,
        capacity,
        owner,
        demo_members,
        other_count,
        topics,
        messages,
    ) in DEMO_GROUPS:
        chosen = rng.sample(others, other_count)
        members = (*demo_members, *((username, "member") for username in chosen))
        # Members first, so that whoever is left waiting finds the group as full as planned.
        members = tuple(sorted(members, key=lambda member: member[1] in ("pending", "invited")))
        planned.append(
            PlannedGroup(
                name=name,
                description=description,
                skills=skills,
                join_policy=join_policy,
                capacity=capacity,
                owner=owner,
                members=members,
                topics=topics,
                messages=tuple(
                    (author if isinstance(author, str) else chosen[author], topic, body, minutes)
                    for author, topic, body, minutes in messages
                ),
            )
        )
    return tuple(planned)


def plan_demo_city(*, seed: int = DEFAULT_SEED, staff_count: int = 600) -> DemoCity:
    """The people, talent needs and study groups of the demo city for ``seed``; no database
    involved. ``staff_count`` is at least ``MIN_STAFF``."""
    rng = random.Random(seed)
    people = [
        _person(
            rng,
            number,
            department=department,
            tier=tier,
            username=username,
            display_name=display_name,
            position=position,
            roles=roles,
        )
        for number, (username, display_name, department, tier, position, roles) in enumerate(
            DEMO_ACCOUNTS, start=1
        )
    ]
    department_codes = [code for code, *_rest in DEPARTMENTS]
    for number in range(len(people) + 1, staff_count + 1):
        tier = rng.choices(list(TIER_WEIGHTS), weights=list(TIER_WEIGHTS.values()))[0]
        people.append(_person(rng, number, department=rng.choice(department_codes), tier=tier))
    people = _with_heads(people)
    taken_titles: set[tuple[str, str]] = set()
    needs = tuple(_need(rng, status, taken_titles) for status in NEED_STATUSES)
    people = _with_candidates(rng, people, needs)
    return DemoCity(people=tuple(people), needs=needs, groups=_groups(rng, people))


def _with_heads(people: list[PlannedPerson]) -> list[PlannedPerson]:
    """``people`` with a head for each department: its first leader (its first person if it
    has no leader), unless a demo account heads it already. Every secondment then has someone
    to approve each side."""
    headed = {person.department for person in people if Role.DEPT_HEAD in person.roles}
    demo = {username for username, *_rest in DEMO_ACCOUNTS}
    candidates = [person for person in people if person.username not in demo]
    chosen: dict[str, str] = {}
    for person in sorted(candidates, key=lambda person: person.tier != "leader"):
        if person.department not in headed and person.department not in chosen:
            chosen[person.department] = person.username
    heads = set(chosen.values())
    return [
        replace(person, roles=(Role.STAFF, Role.DEPT_HEAD)) if person.username in heads else person
        for person in people
    ]


def _with_candidates(
    rng: random.Random, people: list[PlannedPerson], needs: tuple[PlannedNeed, ...]
) -> list[PlannedPerson]:
    """``people`` with a few made to fit each open need: they opt in from the start of 2027
    with no end, and hold the need's must-have skills at its level or one above. They come from
    departments large enough to lend someone, the demo ``staff`` account among them."""
    headcounts: dict[str, int] = {}
    for person in people:
        headcounts[person.department] = headcounts.get(person.department, 0) + 1
    others = {username for username, *_rest in DEMO_ACCOUNTS} - {"staff"}
    fitted = list(people)
    staff_fitted = False
    for need in needs:
        if need.status != NeedStatus.OPEN:
            continue
        eligible = [
            index
            for index, person in enumerate(fitted)
            if person.username not in others
            and person.tier != "leader"
            and person.department != need.department
            and headcounts[person.department] * RELEASE_CAP_PERCENT // 100 >= 1
            and person.clearance >= need.clearance
            and need.tier in ("", person.tier)
        ]
        for index in rng.sample(eligible, min(CANDIDATES_PER_NEED, len(eligible))):
            fitted[index] = _fitted_to(rng, fitted[index], need)
        staff = next((i for i in eligible if fitted[i].username == "staff"), None)
        if staff is not None and not staff_fitted and need.department.startswith("BDB"):
            # The demo staff account is the best fit for a need of the Big Data Bureau, whose
            # head is the demo department head: the whole way can be walked with demo accounts.
            fitted[staff] = _fitted_to(rng, fitted[staff], need, best=True)
            staff_fitted = True
    if not staff_fitted:
        # No open need of the Bureau took the staff account as it is (each asks for a higher
        # clearance, say): it is cleared for the first it could fill otherwise.
        staff = next(i for i, person in enumerate(fitted) if person.username == "staff")
        bureau_need = next(
            (
                need
                for need in needs
                if need.status == NeedStatus.OPEN
                and need.department.startswith("BDB")
                and need.tier in ("", fitted[staff].tier)
                and headcounts[fitted[staff].department] * RELEASE_CAP_PERCENT // 100 >= 1
            ),
            None,
        )
        if bureau_need is not None:
            cleared = replace(
                fitted[staff], clearance=max(fitted[staff].clearance, bureau_need.clearance)
            )
            fitted[staff] = _fitted_to(rng, cleared, bureau_need, best=True)
    return fitted


def _fitted_to(
    rng: random.Random, person: PlannedPerson, need: PlannedNeed, *, best: bool = False
) -> PlannedPerson:
    """``person`` able to fill ``need``; with ``best``, at the top level, evidenced, for every
    skill it asks, and preferring its department."""
    held = {code: (level, provenance) for code, level, provenance in person.skills}
    for skill, min_level, _weight, must in need.requirements:
        if best:
            held[skill] = (5, Provenance.EVIDENCED.value)
            continue
        level = min(5, min_level + rng.randint(0, 1))
        if must and held.get(skill, (0, ""))[0] < level:
            held[skill] = (level, rng.choice(list(PROVENANCE_WEIGHTS)).value)
    preferred = person.availability[3] if person.availability else ()
    if best:
        preferred = (need.department,)
    return replace(
        person,
        skills=tuple(
            (code, level, provenance) for code, (level, provenance) in sorted(held.items())
        ),
        availability=(date(2027, 1, 1), None, 100, preferred),
    )


def _write_taxonomy() -> dict[str, Skill]:
    categories = {
        code: SkillCategory.objects.create(code=code, name_zh=name_zh, name_en=name_en)
        for code, name_zh, name_en in CATEGORIES
    }
    skills = {
        code: Skill(code=code, category=categories[category], name_zh=name_zh, name_en=name_en)
        for category, code, name_zh, name_en, _synonyms in SKILLS
    }
    Skill.objects.bulk_create(skills.values())
    SkillSynonym.objects.bulk_create(
        SkillSynonym(skill=skills[code], name=synonym)
        for _category, code, _zh, _en, synonyms in SKILLS
        for synonym in synonyms
    )
    return skills


def _write_departments() -> dict[str, Department]:
    departments: dict[str, Department] = {}
    for code, name_zh, name_en, parent, _focus in DEPARTMENTS:
        departments[code] = Department.objects.create(
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            parent=departments.get(parent),
            release_cap_percent=RELEASE_CAP_PERCENT,
        )
    return departments


class DemoRefusedError(Exception):
    """The demo city is not for this installation."""


@transaction.atomic
def build_demo_city(*, city: DemoCity, password: str) -> None:
    """Write ``city`` into an empty database. The demo accounts get ``password``, which must
    pass the password validators (``ValidationError``); everyone else has no usable password.
    Never in production (``DemoRefusedError``): the demo accounts' password is published.
    Side effect: a ``demo.seeded`` audit event."""
    if settings.PRODUCTION:
        raise DemoRefusedError(
            "The demo city makes accounts whose password is published; "
            "it is not added in production (DJANGO_ENV=production)."
        )
    validate_password(password)
    departments = _write_departments()
    skills = _write_taxonomy()
    CriticalSkillFloor.objects.bulk_create(
        CriticalSkillFloor(
            department=departments[code], skill=skills[skill], min_level=level, min_people=people
        )
        for code, skill, level, people in DEMO_FLOORS
    )
    demo_usernames = {username for username, *_rest in DEMO_ACCOUNTS}
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=person.username,
            employee_number=person.employee_number,
            display_name=person.display_name,
            email=f"{person.username}@city.example",
            department=departments[person.department],
            position=person.position,
            tier=person.tier,
            clearance=person.clearance,
            phone=person.phone,
            national_id=person.national_id,
            password=make_password(password) if person.username in demo_usernames else unusable,
            is_staff=Role.ADMIN in person.roles,
            is_superuser=Role.ADMIN in person.roles,
        )
        for person in city.people
    )
    RoleGrant.objects.bulk_create(
        RoleGrant(user=user, role=role)
        for user, person in zip(users, city.people, strict=True)
        for role in person.roles
    )
    StaffSkill.objects.bulk_create(
        StaffSkill(user=user, skill=skills[code], level=level, provenance=provenance)
        for user, person in zip(users, city.people, strict=True)
        for code, level, provenance in person.skills
    )
    for user, person in zip(users, city.people, strict=True):
        if person.availability is None:
            continue
        start, end, share, preferred = person.availability
        availability = SecondmentAvailability.objects.create(
            user=user, available_from=start, available_to=end, time_share_percent=share
        )
        availability.preferred_departments.set([departments[code] for code in preferred])
    for planned in city.needs:
        need = TalentNeed.objects.create(
            department=departments[planned.department],
            title=planned.title,
            headcount=planned.headcount,
            start_date=planned.start_date,
            end_date=planned.end_date,
            tier=planned.tier,
            clearance=planned.clearance,
            status=planned.status,
        )
        NeedRequirement.objects.bulk_create(
            NeedRequirement(
                need=need, skill=skills[skill], min_level=level, weight=weight, must=must
            )
            for skill, level, weight, must in planned.requirements
        )
    by_username = {user.username: user for user in users}
    for planned_group in city.groups:
        _write_group(planned_group, by_username, skills)
    _write_history(departments)
    _review_a_match_run(by_username["hr"])
    _write_week(by_username, skills, random.Random(DEFAULT_SEED))
    _write_past_week(by_username, skills, random.Random(DEFAULT_SEED))
    record_event(
        actor=None,
        action="demo.seeded",
        after={
            "people": len(city.people),
            "needs": TalentNeed.objects.count(),
            "groups": len(city.groups),
        },
    )


@dataclass(frozen=True)
class _DemoWeek:
    """A demo week as written so far: published with its rooms, for its sessions to follow."""

    week: ExchangeWeek
    rooms: dict[str, MeetingRoom]
    others: list[User]  # the staff who are not demo accounts, to draw registrants from
    monday: date

    def moment(self, day: int, clock: str) -> datetime:
        """The week's ``day`` (0: Monday) at ``clock`` ("HH:MM"), in the city's time."""
        hour, minute = map(int, clock.split(":"))
        return timezone.make_aware(
            datetime.combine(self.monday + timedelta(days=day), time(hour, minute))
        )


def _published_week(
    users: dict[str, User],
    heading: tuple[str, str],
    rooms: list[tuple[str, int, str]],
    monday: date,
) -> _DemoWeek:
    """A five-day week from ``monday`` with its title and theme and its rooms (name, seats,
    place), published by the demo organiser."""
    organiser = users["organiser"]
    title, theme = heading
    week = events.create_week(
        actor=organiser,
        title=title,
        theme=theme,
        start_date=monday,
        end_date=monday + timedelta(days=4),
    )
    made = {
        name: events.add_room(
            actor=organiser, week=week, name=name, capacity=capacity, location=location
        )
        for name, capacity, location in rooms
    }
    demo_usernames = {username for username, *_rest in DEMO_ACCOUNTS}
    return _DemoWeek(
        week=events.update_week(actor=organiser, week=week, status=WeekStatus.PUBLISHED),
        rooms=made,
        others=sorted(
            (user for name, user in users.items() if name not in demo_usernames),
            key=lambda user: user.username,
        ),
        monday=monday,
    )


def _speakers(users: dict[str, User], names: tuple[str, ...]) -> list[events.Speaker]:
    """Demo accounts speak as themselves; any other name is an outside speaker."""
    return [
        events.Speaker(user=users[name]) if name in users else events.Speaker(name=name)
        for name in names
    ]


def _write_week(users: dict[str, User], skills: dict[str, Skill], rng: random.Random) -> None:
    """The exchange week of ``DEMO_WEEK``, starting the Monday after next, published by the
    demo organiser: its rooms, its sessions and their registrations (the small workshop full,
    with people waiting), through the same services as any."""
    organiser = users["organiser"]
    today = timezone.localdate()
    demo = _published_week(
        users, DEMO_WEEK, DEMO_WEEK_ROOMS, today + timedelta(days=14 - today.weekday())
    )
    for (
        day,
        start,
        end,
        kind,
        session_title,
        description,
        room,
        speakers,
        session_skills,
        capacity,
        mandatory_for,
        demo_registrants,
        other_count,
    ) in DEMO_WEEK_SESSIONS:
        session = events.create_session(
            actor=organiser,
            week=demo.week,
            kind=kind,
            title=session_title,
            description=description,
            speakers=_speakers(users, speakers),
            speakers_unavailable=[
                events.Period(demo.moment(away_day, away_from), demo.moment(away_day, away_to))
                for away_day, away_from, away_to in DEMO_WEEK_SPEAKERS_AWAY.get(session_title, ())
            ],
            room=demo.rooms[room],
            starts_at=demo.moment(day, start),
            ends_at=demo.moment(day, end),
            capacity=capacity,
            mandatory_for=mandatory_for,
            skills=[skills[code] for code in session_skills],
        )
        chosen = rng.sample(demo.others, min(other_count, len(demo.others)))
        for person in [*chosen, *(users[name] for name in demo_registrants)]:
            events.register(user=person, session=session, despite_clash=True)


# How a registered person attended, drawn for the past week: ``None`` did not come.
CAME = [AttendanceStatus.ON_TIME, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY, None]


def _write_past_week(users: dict[str, User], skills: dict[str, Skill], rng: random.Random) -> None:
    """The exchange week of ``DEMO_PAST_WEEK``, five weeks ago and closed. Its registrations,
    check-ins and feedback are written as they would have been at the time (the services
    refuse registering for what is over); those who did not come are marked absent by the same
    step as any. The demo staff member came on time to the first session and rated it, and
    came late to the second, not rated yet."""
    organiser = users["organiser"]
    today = timezone.localdate()
    demo = _published_week(
        users, DEMO_PAST_WEEK, DEMO_PAST_WEEK_ROOMS, today - timedelta(days=today.weekday() + 35)
    )
    for number, (
        day,
        start,
        end,
        kind,
        session_title,
        description,
        room,
        speakers,
        session_skills,
        mandatory_for,
        demo_registrants,
        other_count,
    ) in enumerate(DEMO_PAST_WEEK_SESSIONS):
        starts_at, ends_at = demo.moment(day, start), demo.moment(day, end)
        session = events.create_session(
            actor=organiser,
            week=demo.week,
            kind=kind,
            title=session_title,
            description=description,
            speakers=_speakers(users, speakers),
            room=demo.rooms[room],
            starts_at=starts_at,
            ends_at=ends_at,
            mandatory_for=mandatory_for,
            skills=[skills[code] for code in session_skills],
        )
        people = [
            *rng.sample(demo.others, min(other_count, len(demo.others))),
            *(users[name] for name in demo_registrants),
        ]
        Registration.objects.bulk_create(
            Registration(
                session=session,
                user=person,
                status=RegistrationStatus.REGISTERED,
                status_changed_at=starts_at - timedelta(days=7),
            )
            for person in people
        )
        for person in people:
            add_member(room=demo.week.room, user=person)
        came = []
        for person in people:
            status: str | None
            if person == users["staff"]:
                status = AttendanceStatus.ON_TIME if number == 0 else AttendanceStatus.LATE
            else:
                status = rng.choices(CAME, weights=[70, 12, 6, 12])[0]
            if status is None:  # did not come: the step below marks them absent
                continue
            late = status == AttendanceStatus.LATE
            checked_in_at = starts_at + timedelta(
                minutes=rng.randint(12, 35) if late else -rng.randint(0, 15)
            )
            checked_out_at = (
                ends_at - timedelta(minutes=rng.randint(20, 50))
                if status == AttendanceStatus.LEFT_EARLY
                else None
            )
            came.append(
                Attendance(
                    session=session,
                    user=person,
                    status=status,
                    checked_in_at=checked_in_at,
                    checked_out_at=checked_out_at,
                )
            )
        Attendance.objects.bulk_create(came)
        Feedback.objects.bulk_create(
            Feedback(
                session=session,
                user=attended.user,
                rating=rng.choices([5, 4, 3, 2], weights=[45, 35, 15, 5])[0],
                comment=rng.choice(DEMO_FEEDBACK_COMMENTS) if rng.random() < 0.4 else "",
            )
            for attended in came
            if (attended.user == users["staff"] and number == 0)
            or (attended.user != users["staff"] and rng.random() < 0.55)
        )
    attendance.mark_absent(timezone.now())
    events.update_week(actor=organiser, week=demo.week, status=WeekStatus.CLOSED)


def _write_history(departments: dict[str, Department]) -> None:
    """The secondments of ``DEMO_HISTORY``, through the same lifecycle as any: each of a person
    who has not opted in, of a department that may lend one (none in a city too small),
    confirmed and approved by both heads a fortnight before it started; the hourly step then
    ends the one past its end."""
    today = timezone.localdate()
    taken: set[int] = set()
    for code, title, start, end in DEMO_HISTORY:
        receiving = departments[code]
        lender = _lender(excluded=[receiving.pk, *taken])
        if lender is None:  # a city too small to lend anyone
            continue
        person, lending = lender
        taken.add(lending.pk)
        best = person.staff_skills.select_related("skill").order_by("-level", "skill__code")[0]
        need = TalentNeed.objects.create(
            department=receiving,
            title=title,
            headcount=1,
            start_date=today + timedelta(days=start),
            end_date=today + timedelta(days=end),
            status=NeedStatus.OPEN,
        )
        NeedRequirement.objects.create(need=need, skill=best.skill, min_level=best.level)
        secondment = Secondment.objects.create(
            person=person,
            need=need,
            lending_department=lending,
            receiving_department=receiving,
            start_date=need.start_date,
            end_date=need.end_date,
        )
        lifecycle.confirm(person, secondment=secondment)
        _approve_side(secondment, "lending")
        _approve_side(secondment, "receiving")
        agreed = timezone.now() + timedelta(days=start - 14)
        Secondment.objects.filter(pk=secondment.pk).update(
            created_at=agreed - HISTORY_APPROVAL_TIME,
            confirmed_at=agreed,
            lending_approved_at=agreed,
            receiving_approved_at=agreed,
        )
    lifecycle.advance(today)


def _lender(*, excluded: list[int]) -> tuple[User, Department] | None:
    """The first person of general tier, neither opted in, a demo account nor a head, whose
    department (not one of ``excluded``) may lend someone; and that department."""
    demo = {username for username, *_rest in DEMO_ACCOUNTS}
    candidates = (
        User.objects.filter(tier="general", secondment_availability__isnull=True)
        .exclude(username__in=demo)
        .exclude(role_grants__role=Role.DEPT_HEAD)
        .exclude(department__in=excluded)
        .select_related("department")
        .order_by("employee_number")
    )
    for person in candidates:
        department = person.department
        if department is not None and department.release_cap(department.members.count()) >= 1:
            return person, department
    return None


def _review_a_match_run(hr: User) -> None:
    """HR ran the matcher once and decided its best suggestions (``DEMO_DECISIONS``); the rest
    await a decision. Of the secondments accepted, the first went all the way to approval, the
    second awaits its heads, the person of the third declined and HR cancelled the fourth. The
    run is executed here, not on the task runner."""
    run = start_match_run(hr)
    runs.execute(run.pk)
    best_first = run.suggestions.exclude(person__username__in=["hr", "staff"]).order_by(
        "-fit", "pk"
    )
    for suggestion, (decision, comment) in zip(best_first, DEMO_DECISIONS, strict=False):
        decide_suggestions(hr, suggestions=[suggestion], decision=decision, comment=comment)
    accepted = list(Secondment.objects.filter(suggestion__run=run).order_by("pk"))
    for index, secondment in enumerate(accepted):
        if index < 2:
            lifecycle.confirm(secondment.person, secondment=secondment)
        if index == 0:
            _approve_side(secondment, "lending")
            _approve_side(secondment, "receiving")
        if index == 2:
            lifecycle.decline(secondment.person, secondment=secondment, reason=DEMO_DECLINE_REASON)
        if index == 3:
            lifecycle.cancel(hr, secondment=secondment, reason=DEMO_CANCEL_REASON)
    # The demo staff account's: its lending side approved, it awaits the person and the Big
    # Data Bureau's head (the demo department head).
    staffs = run.suggestions.filter(person__username="staff").first()
    if staffs is not None:
        decide_suggestions(hr, suggestions=[staffs], decision=SuggestionStatus.ACCEPTED)
        _approve_side(Secondment.objects.get(suggestion=staffs), "lending")


def _approve_side(secondment: Secondment, side: lifecycle.Side) -> None:
    """The side approved by a head of its department, if it has one."""
    department = getattr(secondment, f"{side}_department_id")
    head = min(lifecycle.heads_of(department), key=lambda user: user.pk, default=None)
    if head is not None:
        lifecycle.approve(head, secondment=secondment, side=side)


def _write_group(planned: PlannedGroup, users: dict[str, User], skills: dict[str, Skill]) -> None:
    """Through the same services as people use, so that the group is as the app would leave it;
    then its chat is moved back in time."""
    owner = users[planned.owner]
    group = create_group(
        actor=owner,
        name=planned.name,
        description=planned.description,
        join_policy=planned.join_policy,
        capacity=planned.capacity,
        skills=[skills[code] for code in planned.skills],
    )
    for username, standing in planned.members:
        user = users[username]
        # The owner invites the members of a closed group, who accept.
        if standing == "invited" or (
            standing != "pending" and planned.join_policy != JoinPolicy.OPEN
        ):
            invite(actor=owner, group=group, user=user)
        if standing == "invited":
            continue
        membership = join_group(user=user, group=group)
        if standing == "moderator":
            set_role(actor=owner, membership=membership, role=MemberRole.MODERATOR)
    topics = {
        title: create_topic(user=owner, room_id=group.room_id, title=title).pk
        for title in planned.topics
    }
    now = timezone.now()
    read_until = 0
    for author, topic, body, minutes_ago in planned.messages:
        message, _new = post_message(
            author=users[author],
            room_id=group.room_id,
            body=body,
            client_id=uuid.uuid4(),
            topic_id=topics.get(topic),
        )
        written_at = now - timedelta(minutes=minutes_ago)
        Message.objects.filter(pk=message.pk).update(created_at=written_at)
        Notification.objects.filter(target_link__endswith=f"#message-{message.pk}").update(
            created_at=written_at
        )
        if minutes_ago > READ_UNTIL_MINUTES_AGO:
            read_until = message.pk
    if read_until:
        for membership in Membership.objects.filter(group=group, status=MembershipStatus.ACTIVE):
            mark_read(user=membership.user, room_id=group.room_id, message_id=read_until)
    if planned.messages:
        Room.objects.filter(pk=group.room_id).update(
            last_activity_at=now - timedelta(minutes=planned.messages[-1][3])
        )

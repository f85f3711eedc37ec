"""The adapter from the database to the matcher: who and what a run considers."""

from datetime import date, timedelta

import pytest

from apps.organisation.models import CriticalSkillFloor
from apps.secondments.matcher_input import matcher_input
from apps.secondments.models import (
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    SecondmentStatus,
)
from apps.skills.models import Provenance
from matching import Evidence, Floor, Requirement, propose
from tests.factories import (
    DepartmentFactory,
    NeedRequirementFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
)

TODAY = date(2027, 1, 15)


@pytest.fixture
def city(db):
    lender = DepartmentFactory.create(code="LEND", release_cap_percent=50)
    receiver = DepartmentFactory.create(code="RECV")
    gis = SkillFactory.create(code="gis")
    return {"lender": lender, "receiver": receiver, "gis": gis}


def opted_in(department, **fields):
    person = UserFactory.create(department=department, **fields)
    SecondmentAvailability.objects.create(user=person, available_from=date(2027, 1, 1))
    return person


def second(person, need, status, **fields):
    return Secondment.objects.create(
        person=person,
        need=need,
        lending_department=person.department,
        receiving_department=need.department,
        start_date=fields.pop("start_date", need.start_date),
        end_date=fields.pop("end_date", need.end_date),
        status=status,
    )


def by_id(items):
    return {item.id: item for item in items}


def test_a_person_who_opted_in_comes_with_skills_window_and_preferences(city):
    ana = opted_in(city["lender"], tier="specialist", clearance=2)
    ana.secondment_availability.available_to = date(2027, 12, 31)
    ana.secondment_availability.save()
    ana.secondment_availability.preferred_departments.add(city["receiver"])
    StaffSkillFactory.create(
        user=ana, skill=city["gis"], level=4, provenance=Provenance.MANAGER_VERIFIED
    )
    UserFactory.create(department=city["lender"])  # did not opt in
    opted_in(city["lender"], is_active=False)  # deactivated

    (person,) = matcher_input(TODAY).people
    assert person.id == str(ana.pk)
    assert person.department == str(city["lender"].pk)
    assert (person.tier, person.clearance) == ("specialist", 2)
    assert person.skills == {"gis": Evidence(4, "manager_verified")}
    assert (person.available_from, person.available_to) == (date(2027, 1, 1), date(2027, 12, 31))
    assert person.preferred_departments == (str(city["receiver"].pk),)


@pytest.mark.parametrize(
    ("status", "ended_days_ago", "left_out"),
    [
        (SecondmentStatus.PLANNED, None, True),
        (SecondmentStatus.CONFIRMED, None, True),
        (SecondmentStatus.APPROVED, None, True),
        (SecondmentStatus.ACTIVE, None, True),
        (SecondmentStatus.COMPLETED, 30, True),  # cooling off
        (SecondmentStatus.COMPLETED, 90, True),  # the last day of the cooling-off period
        (SecondmentStatus.COMPLETED, 91, False),
        (SecondmentStatus.DECLINED, None, False),
        (SecondmentStatus.CANCELLED, None, False),
    ],
)
def test_people_seconded_or_cooling_off_are_left_out(city, status, ended_days_ago, left_out):
    person = opted_in(city["lender"])
    need = TalentNeedFactory.create(department=city["receiver"], status=NeedStatus.CLOSED)
    end = TODAY - timedelta(days=ended_days_ago or 0) if ended_days_ago else need.end_date
    start = min(need.start_date, end)
    second(person, need, status, start_date=start, end_date=end)
    people = matcher_input(TODAY).people
    assert (str(person.pk) not in by_id(people)) is left_out


def test_open_needs_come_with_requirements_and_the_seats_left(city):
    need = TalentNeedFactory.create(
        department=city["receiver"], headcount=3, tier="leader", clearance=1
    )
    NeedRequirementFactory.create(need=need, skill=city["gis"], min_level=3, weight=2)
    sql = NeedRequirementFactory.create(need=need, min_level=2, must=False).skill
    for status in (SecondmentStatus.ACTIVE, SecondmentStatus.COMPLETED, SecondmentStatus.DECLINED):
        second(UserFactory.create(department=city["lender"]), need, status)
    full = TalentNeedFactory.create(department=city["receiver"], headcount=1)
    NeedRequirementFactory.create(need=full, skill=city["gis"])
    second(UserFactory.create(department=city["lender"]), full, SecondmentStatus.PLANNED)
    for need_status in (NeedStatus.DRAFT, NeedStatus.FILLED, NeedStatus.CLOSED):
        NeedRequirementFactory.create(need__status=need_status, skill=city["gis"])

    (found,) = matcher_input(TODAY).needs
    assert found.id == str(need.pk)
    assert found.department == str(city["receiver"].pk)
    assert found.headcount == 1  # 3 seats, an active and a completed secondment hold two
    assert (found.tier, found.clearance) == ("leader", 1)
    assert (found.start, found.end) == (need.start_date, need.end_date)
    assert sorted(found.requirements, key=lambda r: r.skill) == sorted(
        [Requirement("gis", 3, weight=2.0, must=True), Requirement(sql.code, 2, must=False)],
        key=lambda r: r.skill,
    )


def test_release_caps_are_the_share_of_active_staff_minus_those_out(city):
    staff = [UserFactory.create(department=city["lender"]) for _ in range(6)]
    UserFactory.create(department=city["lender"], is_active=False)
    need = TalentNeedFactory.create(department=city["receiver"], headcount=3)
    second(staff[0], need, SecondmentStatus.ACTIVE)
    second(staff[0], TalentNeedFactory.create(department=city["receiver"]), "planned")
    second(staff[1], need, SecondmentStatus.COMPLETED)
    departments = by_id(matcher_input(TODAY).departments)
    # 50 % of 6 active people is 3; one person is out now (with a next secondment planned:
    # still one person), the completed one is back.
    assert departments[str(city["lender"].pk)].release_cap == 2
    assert departments[str(city["receiver"].pk)].release_cap == 0  # 10 % of nobody


def test_a_floor_lets_go_the_holders_at_home_beyond_those_to_keep(city):
    holders = [UserFactory.create(department=city["lender"]) for _ in range(5)]
    for person, level in zip(holders, (5, 4, 4, 3, 2), strict=True):
        StaffSkillFactory.create(user=person, skill=city["gis"], level=level)
    CriticalSkillFloor.objects.create(
        department=city["lender"], skill=city["gis"], min_level=3, min_people=2
    )
    need = TalentNeedFactory.create(department=city["receiver"])
    second(holders[0], need, SecondmentStatus.APPROVED)
    lender = by_id(matcher_input(TODAY).departments)[str(city["lender"].pk)]
    # Four hold GIS >= 3; one of them is out; two must stay: one more may go.
    assert lender.floors == [Floor("gis", 3, may_release=1)]


def test_the_demo_city_goes_through_the_matcher(db):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    given = matcher_input(TODAY)
    assert given.people
    assert given.needs
    proposal = propose(given.people, given.needs, given.departments)  # validates every input
    # Every seat asked for is either proposed or explained, with a fix.
    seats = sum(need.headcount for need in given.needs)
    assert len(proposal.assignments) + sum(u.seats for u in proposal.unfilled) == seats
    assert all(u.fix is not None for u in proposal.unfilled)

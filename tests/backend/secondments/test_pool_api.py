"""HR read who opted in to be seconded: their window, skills, preferences and standing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.secondments.models import Secondment, SecondmentAvailability, SecondmentStatus
from apps.skills.models import Provenance
from tests.factories import (
    DepartmentFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
)


def opted_in(person, start=date(2027, 1, 1), end=None, preferred=()):
    availability = SecondmentAvailability.objects.create(
        user=person, available_from=start, available_to=end, time_share_percent=50
    )
    availability.preferred_departments.set(preferred)
    return availability


def seconded(person, status, end_date):
    need = TalentNeedFactory.create(end_date=end_date, start_date=end_date - timedelta(days=90))
    Secondment.objects.create(
        person=person,
        need=need,
        lending_department=person.department,
        receiving_department=need.department,
        start_date=need.start_date,
        end_date=need.end_date,
        status=status,
    )


@pytest.fixture
def pool(db):
    bureau = DepartmentFactory.create(code="BUR")
    division = DepartmentFactory.create(code="DIV", parent=bureau)
    other = DepartmentFactory.create(code="OTH")
    gis = SkillFactory.create(code="gis", name_zh="地理信息", name_en="GIS")
    today = timezone.localdate()
    free = UserFactory.create(department=division, tier="specialist")
    StaffSkillFactory.create(user=free, skill=gis, level=4, provenance=Provenance.EVIDENCED)
    opted_in(free, preferred=[other])
    away = UserFactory.create(department=other)
    opted_in(away, start=date(2027, 6, 1), end=date(2027, 12, 31))
    seconded(away, SecondmentStatus.ACTIVE, today + timedelta(days=30))
    back = UserFactory.create(department=bureau)
    opted_in(back)
    seconded(back, SecondmentStatus.COMPLETED, today - timedelta(days=10))
    gone = UserFactory.create(department=bureau, is_active=False)
    opted_in(gone)
    UserFactory.create(department=bureau)  # never opted in
    return {"free": free, "away": away, "back": back, "bureau": bureau, "division": division}


def listed(client, query=""):
    response = client.get(f"/api/v1/secondment-pool/{query}")
    assert response.status_code == 200, response.json()
    return {entry["person"]["display_name"]: entry for entry in response.json()["results"]}


def test_hr_read_who_opted_in_and_where_they_stand(pool, client_for):
    hr = client_for(UserFactory.create(roles=["staff", "hr"]))

    everyone = listed(hr)

    free, away, back = (pool[name].display_name for name in ("free", "away", "back"))
    assert set(everyone) == {free, away, back}
    assert {name: entry["standing"] for name, entry in everyone.items()} == {
        free: "free",
        away: "seconded",
        back: "cooling_off",
    }
    entry = everyone[free]
    assert entry["person"]["department"]["code"] == "DIV"
    assert entry["person"]["skills"] == [
        {
            "skill": {
                "id": entry["person"]["skills"][0]["skill"]["id"],
                "code": "gis",
                "name_zh": "地理信息",
                "name_en": "GIS",
            },
            "level": 4,
            "provenance": "evidenced",
        }
    ]
    assert [d["code"] for d in entry["preferred_departments"]] == ["OTH"]
    assert (entry["available_from"], entry["time_share_percent"]) == ("2027-01-01", 50)


def test_the_pool_is_filtered(pool, client_for):
    hr = client_for(UserFactory.create(roles=["staff", "hr"]))
    bureau = pool["bureau"].pk
    free, back = pool["free"].display_name, pool["back"].display_name

    assert set(listed(hr, f"?department={bureau}")) == {back}
    assert set(listed(hr, f"?department={bureau}&include_subdepartments=true")) == {free, back}
    assert set(listed(hr, "?skill=地理")) == {free}
    assert set(listed(hr, "?tier=specialist")) == {free}
    assert set(listed(hr, "?available_on=2027-03-01")) == {free, back}
    assert set(listed(hr, "?standing=free")) == {free}


@pytest.mark.parametrize(
    "query", ["?available_on=someday", "?standing=everywhere", "?tier=boss", "?department=x"]
)
def test_a_bad_filter_is_named(pool, client_for, query):
    hr = client_for(UserFactory.create(roles=["staff", "hr"]))

    response = hr.get(f"/api/v1/secondment-pool/{query}")

    assert response.status_code == 400
    field = query[1:].split("=")[0]
    assert [error["field"] for error in response.json()["errors"]] == [field]

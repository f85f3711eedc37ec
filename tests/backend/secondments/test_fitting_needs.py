"""Staff see the open needs that fit them, with their fit, what they meet and what they lack,
and say they are interested; the next run counts interest as preferring the need."""

from datetime import date
from typing import Any

import pytest

from apps.secondments.matcher_input import open_needs, people_in_pool
from apps.secondments.models import NeedInterest, SecondmentAvailability, Suggestion
from apps.secondments.services import start_match_run
from apps.skills.models import Provenance
from matching import score
from tests.factories import (
    DepartmentFactory,
    NeedRequirementFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
)

TODAY = date(2026, 12, 1)


@pytest.fixture
def city(db):
    home = DepartmentFactory.create(code="HOME", release_cap_percent=100)
    parks = DepartmentFactory.create(code="PARKS")
    roads = DepartmentFactory.create(code="ROADS")
    gis, sql, python = (SkillFactory.create(code=code) for code in ("gis", "sql", "python"))
    ann = UserFactory.create(department=home, tier="general", clearance=0)
    StaffSkillFactory.create(user=ann, skill=gis, level=4, provenance=Provenance.EVIDENCED)
    StaffSkillFactory.create(user=ann, skill=sql, level=1)

    def need(department, title, *requirements, **fields):
        made = TalentNeedFactory.create(department=department, title=title, **fields)
        for skill, level, must in requirements:
            NeedRequirementFactory.create(need=made, skill=skill, min_level=level, must=must)
        return made

    return {
        "ann": ann,
        "home": home,
        "gis": gis,
        "fits": need(parks, "Flood maps", (gis, 3, True), (sql, 2, False)),
        "lacks": need(roads, "Traffic model", (gis, 2, True), (sql, 3, True)),
        "leaders": need(roads, "GIS lead", (gis, 3, True), tier="leader"),
        "unrelated": need(parks, "Web portal", (python, 2, True)),
        "own": need(home, "Home need", (gis, 3, True)),
        "draft": need(parks, "Draft", (gis, 1, True), status="draft"),
        "secret": need(parks, "Secret", (gis, 1, True), clearance=2),
    }


def fitting(client) -> list[dict[str, Any]]:
    response = client.get("/api/v1/me/fitting-needs/")
    assert response.status_code == 200
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_staff_see_the_needs_they_fit_first_then_what_they_lack(client_for, city) -> None:
    # Ann has not opted in: she still sees what fits, scored on her skills alone.
    results = fitting(client_for(city["ann"]))

    assert [item["need"]["title"] for item in results] == [
        "Flood maps",
        "GIS lead",
        "Traffic model",
    ]
    flood, lead, traffic = results
    assert flood["blockers"] == []
    assert flood["fit"]["total"] > 0
    assert [(r["skill"]["code"], r["level"], r["met"]) for r in flood["requirements"]] == [
        ("gis", 4, True),
        ("sql", 1, False),
    ]
    assert (lead["fit"], lead["blockers"]) == (None, ["tier"])
    assert (traffic["fit"], traffic["blockers"]) == (None, ["skills"])
    assert [(r["skill"]["code"], r["met"]) for r in traffic["requirements"]] == [
        ("gis", True),
        ("sql", False),
    ]


def test_the_fit_shown_is_the_matchers_own(client_for, city) -> None:
    SecondmentAvailability.objects.create(user=city["ann"], available_from=date(2027, 1, 1))
    [flood, *_] = fitting(client_for(city["ann"]))

    [person] = people_in_pool(TODAY, only=[city["ann"].pk])
    [need] = open_needs(only=[city["fits"].pk])
    expected = score(person, need)
    assert expected is not None
    assert flood["fit"] == {"total": expected.total, "parts": expected.parts}


def test_a_window_that_does_not_cover_the_need_is_named(client_for, city) -> None:
    SecondmentAvailability.objects.create(
        user=city["ann"], available_from=date(2027, 1, 1), available_to=date(2027, 4, 30)
    )

    [flood] = [i for i in fitting(client_for(city["ann"])) if i["need"]["title"] == "Flood maps"]

    assert (flood["fit"], flood["blockers"]) == (None, ["dates"])


def test_interest_is_kept_shown_and_taken_back(client_for, city) -> None:
    client = client_for(city["ann"])
    url = f"/api/v1/needs/{city['fits'].pk}/interest/"

    said = client.put(url)
    again = client.put(url)

    assert (said.status_code, said.json()) == (200, {"need": city["fits"].pk, "interested": True})
    assert again.status_code == 200
    assert NeedInterest.objects.filter(user=city["ann"]).count() == 1
    assert [i["interested"] for i in fitting(client)] == [True, False, False]
    assert client.delete(url).status_code == 204
    assert not NeedInterest.objects.exists()


@pytest.mark.parametrize(
    ("need", "status", "code"),
    [("own", 400, "own_department"), ("draft", 404, "not_found"), ("secret", 404, "not_found")],
)
def test_interest_only_in_an_open_need_of_another_department_one_may_read(
    client_for, city, need, status, code
) -> None:
    response = client_for(city["ann"]).put(f"/api/v1/needs/{city[need].pk}/interest/")

    assert response.status_code == status
    assert (
        response.json()["errors"][0]["code"] if status == 400 else response.json()["code"]
    ) == code
    assert not NeedInterest.objects.exists()


def test_interest_in_a_closed_need_is_refused(client_for, city) -> None:
    hr = UserFactory.create(roles=["staff", "hr"])
    city["fits"].status = "closed"
    city["fits"].save()

    response = client_for(hr).put(f"/api/v1/needs/{city['fits'].pk}/interest/")

    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "field": "need",
        "code": "not_open",
        "message": "Only an open need takes expressions of interest.",
    }


def test_interest_tips_the_next_run_between_equal_candidates(
    client_for, city, django_capture_on_commit_callbacks
) -> None:
    lender = DepartmentFactory.create(code="LEND", release_cap_percent=100)
    twins = UserFactory.create_batch(2, department=lender)
    for person in twins:
        SecondmentAvailability.objects.create(user=person, available_from=date(2027, 1, 1))
        StaffSkillFactory.create(user=person, skill=city["gis"], level=4)
    keen = max(twins, key=lambda person: person.pk)  # the tie would go to the other
    client_for(keen).put(f"/api/v1/needs/{city['fits'].pk}/interest/")
    hr = UserFactory.create(roles=["staff", "hr"])

    with django_capture_on_commit_callbacks(execute=True):
        run = start_match_run(hr)

    suggestion = Suggestion.objects.get(run=run, need=city["fits"])
    assert suggestion.person == keen
    assert suggestion.fit_parts["preference"] == 10.0

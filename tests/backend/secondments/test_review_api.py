"""HR's review through the API: runs started and read, suggestions explained and decided,
blind review with audited reveals, and the secondments each person may see."""

import csv
import io
from datetime import date

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.audit.models import AuditEvent
from apps.groups.models import StudyGroup
from apps.organisation.models import Department
from apps.secondments.models import (
    MatchRun,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    Suggestion,
)
from apps.secondments.services import start_match_run
from apps.skills.models import Provenance, Skill
from tests.factories import (
    DepartmentFactory,
    NeedRequirementFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
    group_with,
)


@pytest.fixture
def city(db):
    """Four people of Lending who know GIS (levels 5, 4, 3, 3); one seat asking GIS 3 at
    Receiving and one at Other; an SQL need nobody can fill."""
    lender = DepartmentFactory.create(code="LEND", release_cap_percent=100)
    receiver = DepartmentFactory.create(code="RECV")
    other = DepartmentFactory.create(code="OTHR")
    gis = SkillFactory.create(code="gis", name_en="GIS mapping", name_zh="地理信息")
    sql = SkillFactory.create(code="sql")
    people = []
    for level in (5, 4, 3, 3):
        person = UserFactory.create(department=lender)
        SecondmentAvailability.objects.create(user=person, available_from=date(2027, 1, 1))
        StaffSkillFactory.create(user=person, skill=gis, level=level, provenance=Provenance.SELF)
        people.append(person)
    to_receiver = TalentNeedFactory.create(department=receiver, headcount=1, title="Flood maps")
    NeedRequirementFactory.create(need=to_receiver, skill=gis, min_level=3)
    to_other = TalentNeedFactory.create(department=other, headcount=1, title="Parks survey")
    NeedRequirementFactory.create(need=to_other, skill=gis, min_level=3)
    nobody = TalentNeedFactory.create(department=other, headcount=1, title="Ledger")
    NeedRequirementFactory.create(need=nobody, skill=sql, min_level=2)
    return {
        "hr": UserFactory.create(department=other, roles=["staff", "hr"]),
        "head": UserFactory.create(department=receiver, roles=["staff", "dept_head"]),
        "people": people,
        "to_receiver": to_receiver,
        "to_other": to_other,
        "nobody": nobody,
        "lender": lender,
        "receiver": receiver,
    }


@pytest.fixture
def hr_client(city, client_for):
    return client_for(city["hr"])


def start(client, django_capture_on_commit_callbacks, **body):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/match-runs/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def suggestions(client, run_id, query=""):
    response = client.get(f"/api/v1/match-runs/{run_id}/suggestions/{query}")
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def by_need(found):
    return {suggestion["need"]["title"]: suggestion for suggestion in found}


def test_hr_start_a_run_and_read_it_when_done(city, hr_client, django_capture_on_commit_callbacks):
    started = start(hr_client, django_capture_on_commit_callbacks)

    run = hr_client.get(f"/api/v1/match-runs/{started['id']}/").json()
    assert run["status"] == "done"
    assert (run["people_count"], run["need_count"], run["seat_count"]) == (4, 3, 3)
    assert run["suggestions"] == {
        "proposed": 2,
        "accepted": 0,
        "rejected": 0,
        "held": 0,
        "withdrawn": 0,
    }
    assert run["unfilled_seats"] == 1
    assert run["started_by"] == city["hr"].display_name
    assert [listed["id"] for listed in hr_client.get("/api/v1/match-runs/").json()["results"]] == [
        started["id"]
    ]


def test_a_suggestion_explains_itself_with_names(
    city, hr_client, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks)
    found = by_need(suggestions(hr_client, run["id"]))

    flood = found["Flood maps"]
    assert flood["person"]["display_name"] in {p.display_name for p in city["people"][:2]}
    assert flood["fit"]["total"] == pytest.approx(sum(flood["fit"]["parts"].values()), abs=0.02)
    (requirement,) = flood["requirements"]
    assert requirement["skill"]["name_en"] == "GIS mapping"
    assert requirement["provenance"] == "self"
    assert requirement["met"] is True
    stored = Suggestion.objects.get(pk=flood["id"]).runner_ups
    names = {person.pk: person.display_name for person in city["people"]}
    assert [(r["person"]["display_name"], r["reason"], r["loss"]) for r in flood["runner_ups"]] == [
        (names[r["person"]], r["reason"], r["loss"]) for r in stored
    ]
    assert [move["person"]["display_name"] for move in flood["runner_ups"][0]["moves"]] == [
        names[move["person"]] for move in stored[0]["moves"]
    ]

    unfilled = hr_client.get(f"/api/v1/match-runs/{run['id']}/unfilled/").json()["results"]
    assert [(entry["need"]["title"], entry["seats"]) for entry in unfilled] == [("Ledger", 1)]
    assert unfilled[0]["fix"]["kind"] == "skill"
    assert unfilled[0]["fix"]["skill"]["code"] == "sql"


def test_an_empty_seat_names_who_could_fill_it_later(
    city, hr_client, django_capture_on_commit_callbacks
):
    sql = Skill.objects.get(code="sql")
    learner, not_opted_in = UserFactory.create_batch(2, department=city["lender"])
    SecondmentAvailability.objects.create(user=learner, available_from=date(2027, 1, 1))
    for person in (learner, not_opted_in):
        StaffSkillFactory.create(user=person, skill=sql, level=1, provenance=Provenance.SELF)
    group_with(name="SQL 入门", skills=[sql])
    group_with(name="地图小组", skills=[Skill.objects.get(code="gis")])
    archived = group_with(name="旧 SQL 小组", skills=[sql])
    StudyGroup.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    run = start(hr_client, django_capture_on_commit_callbacks)

    (ledger,) = hr_client.get(f"/api/v1/match-runs/{run['id']}/unfilled/").json()["results"]

    assert [group["name"] for group in ledger["study_groups"]] == ["SQL 入门"]
    assert [
        (short["person"]["display_name"], short["skill"]["code"], short["level"])
        for short in ledger["one_level_short"]
    ] == [(learner.display_name, "sql", 1)]


def test_suggestions_are_filtered(city, hr_client, django_capture_on_commit_callbacks):
    run = start(hr_client, django_capture_on_commit_callbacks)
    receiver = city["receiver"].pk

    assert [
        s["need"]["title"] for s in suggestions(hr_client, run["id"], f"?department={receiver}")
    ] == ["Flood maps"]
    assert suggestions(hr_client, run["id"], "?skill=地理") != []
    assert suggestions(hr_client, run["id"], "?skill=sql") == []
    assert suggestions(hr_client, run["id"], "?min_fit=101") == []
    assert suggestions(hr_client, run["id"], "?status=accepted") == []
    bad = hr_client.get(f"/api/v1/match-runs/{run['id']}/suggestions/?status=maybe")
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"policy": {"speed": 3}}, "policy"),
        ({"policy": {"tier_weight": -1}}, "policy"),
        ({"policy": {"tie_break": "coin"}}, "policy"),
        ({"policy": {"runner_ups": 500}}, "policy"),
        ({"policy": []}, "policy"),
        ({"departments": [999999]}, "departments"),
        ({"departments": []}, "departments"),
        ({"blind": "perhaps"}, "blind"),
    ],
)
def test_a_run_refuses_bad_options_naming_them(city, hr_client, body, field):
    response = hr_client.post("/api/v1/match-runs/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].split(".")[0] == field
    assert not MatchRun.objects.exists()


def test_a_run_with_changed_weights_keeps_them(city, hr_client, django_capture_on_commit_callbacks):
    run = start(
        hr_client,
        django_capture_on_commit_callbacks,
        policy={"preference_weight": 0, "runner_ups": 1},
        departments=[city["receiver"].pk],
    )

    assert run["policy"] == {"preference_weight": 0, "runner_ups": 1}
    found = suggestions(hr_client, run["id"])
    assert [s["need"]["title"] for s in found] == ["Flood maps"]
    assert len(found[0]["runner_ups"]) == 1


def test_only_reviewers_start_or_read_runs(city, client_for, django_capture_on_commit_callbacks):
    run = start(client_for(city["hr"]), django_capture_on_commit_callbacks)
    head = client_for(city["head"])

    assert head.post("/api/v1/match-runs/", {}, format="json").status_code == 403
    assert head.get(f"/api/v1/match-runs/{run['id']}/suggestions/").status_code == 403
    assert MatchRun.objects.count() == 1


def test_accepting_plans_the_secondment_and_withdraws_the_persons_other_suggestions(
    city, hr_client, django_capture_on_commit_callbacks
):
    first = start(hr_client, django_capture_on_commit_callbacks)
    second = start(hr_client, django_capture_on_commit_callbacks)
    flood = by_need(suggestions(hr_client, first["id"]))["Flood maps"]

    response = hr_client.post(
        f"/api/v1/suggestions/{flood['id']}/decision/",
        {"decision": "accepted", "comment": "  Strongest GIS profile.  "},
        format="json",
    )

    assert response.status_code == 200, response.json()
    decided = response.json()
    assert (decided["status"], decided["comment"]) == ("accepted", "Strongest GIS profile.")
    assert decided["reviewer"] == city["hr"].display_name
    person_id = decided["person"]["id"]
    secondment = Secondment.objects.get(person_id=person_id)
    assert (secondment.status, secondment.need, secondment.lending_department) == (
        "planned",
        city["to_receiver"],
        city["lender"],
    )
    assert Suggestion.objects.get(run_id=second["id"], person_id=person_id).status == "withdrawn"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"suggestion.accepted", "secondment.planned"} <= actions

    again = hr_client.post(
        f"/api/v1/suggestions/{flood['id']}/decision/", {"decision": "rejected"}, format="json"
    )
    assert again.status_code == 400
    assert again.json()["errors"][0]["code"] == "already_decided"


def test_a_full_need_refuses_another_acceptance_and_changes_nothing(
    city, hr_client, django_capture_on_commit_callbacks
):
    first = start(hr_client, django_capture_on_commit_callbacks)
    flood = by_need(suggestions(hr_client, first["id"]))["Flood maps"]
    seated = next(p for p in city["people"] if p.pk != flood["person"]["id"])
    Secondment.objects.create(
        person=seated,
        need=city["to_receiver"],
        lending_department=city["lender"],
        receiving_department=city["receiver"],
        start_date=date(2027, 3, 1),
        end_date=date(2027, 8, 31),
    )

    response = hr_client.post(
        f"/api/v1/suggestions/{flood['id']}/decision/", {"decision": "accepted"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "need_full"
    assert Suggestion.objects.get(pk=flood["id"]).status == "proposed"
    assert Secondment.objects.count() == 1


def test_a_closed_need_refuses_acceptance(city, hr_client, django_capture_on_commit_callbacks):
    run = start(hr_client, django_capture_on_commit_callbacks)
    flood = by_need(suggestions(hr_client, run["id"]))["Flood maps"]
    city["to_receiver"].status = NeedStatus.CLOSED
    city["to_receiver"].save()

    response = hr_client.post(
        f"/api/v1/suggestions/{flood['id']}/decision/", {"decision": "accepted"}, format="json"
    )

    assert response.json()["errors"][0]["code"] == "need_not_open"


def test_a_floor_raised_since_the_run_refuses_the_acceptance_that_breaks_it(
    city, hr_client, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks)
    found = by_need(suggestions(hr_client, run["id"]))
    gis = Skill.objects.get(code="gis")
    # Four hold GIS at 3 or above; Lending now keeps three of them at home.
    hr_client.put(
        f"/api/v1/departments/{city['lender'].pk}/floors/{gis.pk}/",
        {"min_level": 3, "min_people": 3},
        format="json",
    )

    first = hr_client.post(
        f"/api/v1/suggestions/{found['Flood maps']['id']}/decision/",
        {"decision": "accepted"},
        format="json",
    )
    second = hr_client.post(
        f"/api/v1/suggestions/{found['Parks survey']['id']}/decision/",
        {"decision": "accepted"},
        format="json",
    )

    assert first.status_code == 200
    assert second.status_code == 400
    [error] = second.json()["errors"]
    assert (error["field"], error["code"]) == ("decision", "critical_skill_floor")
    assert "keeps 3 people with GIS mapping" in error["message"]
    assert Secondment.objects.count() == 1


def test_bulk_decisions_are_all_or_none(city, hr_client, django_capture_on_commit_callbacks):
    run = start(hr_client, django_capture_on_commit_callbacks)
    ids = [s["id"] for s in suggestions(hr_client, run["id"])]
    url = f"/api/v1/match-runs/{run['id']}/decisions/"

    unknown = hr_client.post(
        url, {"suggestions": [*ids, 999999], "decision": "rejected"}, format="json"
    )
    assert unknown.status_code == 400
    assert "999999" in unknown.json()["detail"]
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"proposed"}

    held = hr_client.post(
        url, {"suggestions": ids, "decision": "held", "comment": "Ask the heads"}, format="json"
    )
    assert held.status_code == 200
    assert [s["status"] for s in held.json()] == ["held", "held"]

    hr_client.post(
        f"/api/v1/suggestions/{ids[0]}/decision/", {"decision": "rejected"}, format="json"
    )
    mixed = hr_client.post(url, {"suggestions": ids, "decision": "accepted"}, format="json")
    assert mixed.json()["errors"][0]["code"] == "already_decided"
    assert Suggestion.objects.get(pk=ids[1]).status == "held"
    assert not Secondment.objects.exists()


def test_a_reviewer_does_not_decide_their_own_suggestion(
    city, client_for, django_capture_on_commit_callbacks
):
    reviewer = city["people"][0]
    reviewer.role_grants.create(role="hr")
    reviewer.__dict__.pop("roles", None)
    client = client_for(reviewer)
    run = start(client, django_capture_on_commit_callbacks)
    own = Suggestion.objects.get(run_id=run["id"], person=reviewer)

    response = client.post(
        f"/api/v1/suggestions/{own.pk}/decision/", {"decision": "accepted"}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "own_suggestion"


def test_blind_review_hides_names_until_a_decision_and_audits_each_reveal(
    city, hr_client, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks, blind=True)
    names = {p.display_name for p in city["people"]}
    numbers = {p.employee_number for p in city["people"]}

    listed = hr_client.get(f"/api/v1/match-runs/{run['id']}/suggestions/")
    text = listed.content.decode()
    assert not any(name in text for name in names | numbers)
    flood = by_need(listed.json()["results"])["Flood maps"]
    assert flood["person"]["id"] is None
    assert len(flood["person"]["alias"]) == 10
    assert flood["person"]["department"]["code"] == "LEND"

    reveal_url = f"/api/v1/suggestions/{flood['id']}/reveal/"
    assert hr_client.post(reveal_url, {}, format="json").status_code == 400
    revealed = hr_client.post(reveal_url, {"reason": "Conflict-of-interest check"}, format="json")
    assert revealed.status_code == 200
    assert revealed.json()["display_name"] in names
    assert revealed.json()["alias"] == ""
    event = AuditEvent.objects.get(action="suggestion.revealed")
    assert event.actor == city["hr"]
    assert event.after == {"reason": "Conflict-of-interest check", "run": run["id"]}

    decided = hr_client.post(
        f"/api/v1/suggestions/{flood['id']}/decision/", {"decision": "rejected"}, format="json"
    ).json()
    assert decided["person"]["display_name"] == revealed.json()["display_name"]
    assert decided["runner_ups"][0]["person"]["display_name"] is None
    again = hr_client.post(reveal_url, {"reason": "again"}, format="json")
    assert again.json()["errors"][0]["code"] == "not_hidden"


def test_an_alias_names_one_person_throughout_a_run_and_nobody_across_runs(
    city, hr_client, django_capture_on_commit_callbacks
):
    first = start(hr_client, django_capture_on_commit_callbacks, blind=True)
    second = start(hr_client, django_capture_on_commit_callbacks, blind=True)

    def aliases(run):
        found = suggestions(hr_client, run["id"])
        proposed = {s["person"]["alias"] for s in found}
        weighed = {r["person"]["alias"] for s in found for r in s["runner_ups"]}
        return proposed, weighed

    proposed, weighed = aliases(first)
    assert all(len(alias) == 10 for alias in proposed | weighed)
    # Each proposed person is a runner-up of the other need: the same alias there.
    assert proposed <= weighed
    assert len(proposed | weighed) == len(city["people"])
    assert not (proposed | weighed) & set().union(*aliases(second))


def test_a_withdrawn_suggestion_of_a_blind_run_stays_masked(
    city, hr_client, django_capture_on_commit_callbacks
):
    blind = start(hr_client, django_capture_on_commit_callbacks, blind=True)
    named = start(hr_client, django_capture_on_commit_callbacks)
    flood = by_need(suggestions(hr_client, named["id"]))["Flood maps"]
    hr_client.post(
        f"/api/v1/suggestions/{flood['id']}/decision/", {"decision": "accepted"}, format="json"
    )

    listed = hr_client.get(f"/api/v1/match-runs/{blind['id']}/suggestions/")

    statuses = sorted(s["status"] for s in listed.json()["results"])
    assert statuses == ["proposed", "withdrawn"]
    assert flood["person"]["display_name"] not in listed.content.decode()
    assert all(s["person"]["id"] is None for s in listed.json()["results"])


def test_the_decisions_export_as_csv_that_spreadsheets_read(
    city, hr_client, client_for, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks, blind=True)
    found = by_need(suggestions(hr_client, run["id"]))
    flood, parks = found["Flood maps"], found["Parks survey"]
    decide = f"/api/v1/match-runs/{run['id']}/decisions/"
    hr_client.post(
        decide,
        {"suggestions": [flood["id"]], "decision": "accepted", "comment": "=HYPERLINK(1)"},
        format="json",
    )
    hr_client.post(decide, {"suggestions": [parks["id"]], "decision": "held"}, format="json")
    url = f"/api/v1/match-runs/{run['id']}/decisions.csv"

    response = hr_client.get(url, HTTP_ACCEPT="text/csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"match-run-{run['id']}-decisions.csv" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = {
        row["decision"]: row
        for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    accepted = Suggestion.objects.select_related("person", "secondment").get(pk=flood["id"])
    assert rows["accepted"]["name"] == accepted.person.display_name
    assert rows["accepted"]["employee_number"] == accepted.person.employee_number
    assert rows["accepted"]["comment"] == "'=HYPERLINK(1)"
    assert rows["accepted"]["receiving_department"] == "RECV"
    assert rows["accepted"]["secondment_status"] == "planned"
    assert rows["accepted"]["secondment"] == str(accepted.secondment.pk)
    assert rows["accepted"]["reviewer"] == city["hr"].display_name
    # Held in a blind run: still the alias the review page shows.
    assert (rows["held"]["name"], rows["held"]["alias"]) == ("", parks["person"]["alias"])
    assert set(rows) == {"accepted", "held"}
    event = AuditEvent.objects.get(action="match_run.exported")
    assert (event.actor, event.after) == (city["hr"], {"suggestions": 2})

    missing = hr_client.get("/api/v1/match-runs/999999/decisions.csv")
    assert missing.status_code == 404
    refused = client_for(city["head"]).get(url, HTTP_ACCEPT="text/csv")
    assert (refused.status_code, refused["Content-Type"]) == (403, "application/json")


def test_acceptance_checks_what_changed_since_the_run(
    city, hr_client, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks)
    found = by_need(suggestions(hr_client, run["id"]))
    opted_out = User.objects.get(pk=found["Flood maps"]["person"]["id"])
    SecondmentAvailability.objects.filter(user=opted_out).delete()
    # Lending may lend one of its four people: the first acceptance uses the cap up.
    Department.objects.filter(pk=city["lender"].pk).update(release_cap_percent=25)

    def accept(title):
        return hr_client.post(
            f"/api/v1/suggestions/{found[title]['id']}/decision/",
            {"decision": "accepted"},
            format="json",
        )

    assert accept("Flood maps").json()["errors"][0]["code"] == "person_unavailable"
    assert accept("Parks survey").status_code == 200
    again = start(hr_client, django_capture_on_commit_callbacks)
    assert suggestions(hr_client, again["id"]) == []


def test_each_person_sees_the_secondments_that_concern_them(
    city, client_for, django_capture_on_commit_callbacks
):
    hr = client_for(city["hr"])
    run = start(hr, django_capture_on_commit_callbacks)
    found = by_need(suggestions(hr, run["id"]))
    for suggestion in found.values():
        hr.post(
            f"/api/v1/suggestions/{suggestion['id']}/decision/",
            {"decision": "accepted"},
            format="json",
        )
    to_receiver = found["Flood maps"]["person"]["id"]

    def seen_by(user):
        response = client_for(user).get("/api/v1/secondments/")
        assert response.status_code == 200
        return sorted(s["need"]["title"] for s in response.json()["results"])

    assert seen_by(city["hr"]) == ["Flood maps", "Parks survey"]
    assert seen_by(city["head"]) == ["Flood maps"]
    assert seen_by(next(p for p in city["people"] if p.pk == to_receiver)) == ["Flood maps"]
    assert (
        seen_by(
            next(
                p for p in city["people"] if p.pk not in {s["person"]["id"] for s in found.values()}
            )
        )
        == []
    )


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_reviewers_pages_hear_the_run_progress(city, open_socket):
    reviewer = await open_socket(city["hr"])
    bystander = await open_socket(city["head"])

    run = await sync_to_async(start_match_run)(city["hr"])

    running = (await reviewer.receive_until("match_run"))["run"]
    done = (await reviewer.receive_until("match_run"))["run"]
    assert (running["id"], running["status"], done["status"]) == (run.pk, "running", "done")
    stored = await sync_to_async(MatchRun.objects.get)(pk=run.pk)
    assert stored.total_fit is not None
    assert done["total_fit"] == float(stored.total_fit)
    assert await bystander.nothing_more_of("match_run")


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the tests' SQLite database lives in memory, where threads lock each other out; "
    "CI's second run takes this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_reviewers_accepting_four_people_for_the_last_seat_at_once_seat_one(city):
    """Four reviewers accept, at the same moment, four people for one seat: one is seated,
    the others are told the seat is taken, and nobody gets a 500."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from tests.backend.openapi import CheckedAPIClient

    run = MatchRun.objects.create(started_by=city["hr"], status="done")
    rivals = [
        Suggestion.objects.create(
            run=run,
            need=city["to_receiver"],
            person=person,
            fit=50,
            fit_parts={},
            requirements=[],
            runner_ups=[],
        )
        for person in city["people"]
    ]

    def accept(suggestion: Suggestion) -> tuple[int, str]:
        client = CheckedAPIClient()
        client.force_login(city["hr"])
        try:
            response = client.post(
                f"/api/v1/suggestions/{suggestion.pk}/decision/",
                {"decision": "accepted"},
                format="json",
            )
            if response.status_code == 200:
                return 200, ""
            return response.status_code, response.json()["errors"][0]["code"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = sorted(pool.map(accept, rivals))

    assert answers == [(200, ""), (400, "need_full"), (400, "need_full"), (400, "need_full")]
    assert Secondment.objects.count() == 1


def what_if(client, run_id, body):
    return client.post(f"/api/v1/match-runs/{run_id}/what-if/", body, format="json")


def seated(seats):
    return {(seat["person"]["id"], seat["need"]["title"]) for seat in seats}


def refusal(response):
    """The fields a 400 names (the first part of their path), each with its code."""
    assert response.status_code == 400, response.json()
    return {error["field"].split(".")[0]: error["code"] for error in response.json()["errors"]}


def test_what_if_a_department_lends_fewer_and_a_need_asks_more(
    city, hr_client, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks)
    lender, flood = city["lender"], city["to_receiver"]
    stored = Suggestion.objects.count()

    fewer = what_if(
        hr_client, run["id"], {"release_caps": [{"department": lender.pk, "release_cap": 1}]}
    )

    assert fewer.status_code == 200, fewer.json()
    answer = fewer.json()
    assert (answer["seats_filled_before"], answer["seats_filled_after"]) == (2, 1)
    done = hr_client.get(f"/api/v1/match-runs/{run['id']}/").json()
    assert answer["total_fit_after"] < answer["total_fit_before"] == done["total_fit"]
    assert len(answer["removed"]) == 1
    assert answer["added"] == []
    assert answer["changed_since_run"] is False
    assert Suggestion.objects.count() == stored  # nothing stored

    more = what_if(hr_client, run["id"], {"headcounts": [{"need": flood.pk, "headcount": 2}]})

    answer = more.json()
    assert (answer["seats_filled_before"], answer["seats_filled_after"]) == (2, 3)
    (added,) = answer["added"]
    assert added["person"]["id"] in {person.pk for person in city["people"][2:]}


def test_what_if_a_pair_is_forbidden_or_pinned(city, hr_client, django_capture_on_commit_callbacks):
    run = start(hr_client, django_capture_on_commit_callbacks)
    best = city["people"][0]
    (proposed,) = [s for s in suggestions(hr_client, run["id"]) if s["person"]["id"] == best.pk]

    forbidden = what_if(
        hr_client,
        run["id"],
        {
            "forbidden": [
                {"person": best.pk, "need": proposed["need"]["id"]},
                # Someone not in the pool is never proposed anyway.
                {"person": city["hr"].pk, "need": proposed["need"]["id"]},
            ]
        },
    ).json()

    moved = {move["person"]["id"]: move for move in forbidden["moved"]}
    assert moved[best.pk]["from_need"]["id"] == proposed["need"]["id"]
    assert moved[best.pk]["to_need"]["id"] != proposed["need"]["id"]

    weakest = city["people"][3]
    pinned = what_if(
        hr_client, run["id"], {"pins": [{"person": weakest.pk, "need": city["to_receiver"].pk}]}
    ).json()

    assert seated(pinned["pinned"]) == {(weakest.pk, "Flood maps")}
    assert pinned["seats_filled_after"] == 2
    assert pinned["total_fit_after"] < pinned["total_fit_before"]
    assert len(pinned["removed"]) == 1


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"release_caps": [{"department": 999999, "release_cap": 1}]}, "release_caps", "unknown"),
        ({"headcounts": [{"need": 999999, "headcount": 1}]}, "headcounts", "unknown"),
        ({"release_caps": [{"department": 1, "release_cap": -1}]}, "release_caps", None),
        ({"policy": {"no_such_weight": 1}}, "policy", None),
        ({"pins": [{"person": "x", "need": 1}]}, "pins", None),
        ({"forbidden": [{"person": 0, "need": 1}]}, "forbidden", "min_value"),
        ({"headcounts": "three"}, "headcounts", None),
    ],
)
def test_what_if_names_the_change_it_cannot_make(
    city, hr_client, django_capture_on_commit_callbacks, body, field, code
):
    run = start(hr_client, django_capture_on_commit_callbacks)

    refused = refusal(what_if(hr_client, run["id"], body))

    assert field in refused
    if code:
        assert refused[field] == code


def test_what_if_refuses_a_pin_the_rules_refuse(
    city, hr_client, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks)
    person = city["people"][0]
    pin = {"person": person.pk, "need": city["nobody"].pk}

    assert refusal(what_if(hr_client, run["id"], {"pins": [pin]})) == {"pins": "not_eligible"}

    no_cap = what_if(
        hr_client,
        run["id"],
        {
            "pins": [{"person": person.pk, "need": city["to_receiver"].pk}],
            "release_caps": [{"department": city["lender"].pk, "release_cap": 0}],
        },
    )
    assert refusal(no_cap) == {"pins": "release_cap"}
    assert "pins" in refusal(what_if(hr_client, run["id"], {"pins": [pin, pin]}))


def test_what_if_keeps_a_blind_run_blind_and_waits_for_a_run_to_finish(
    city, hr_client, django_capture_on_commit_callbacks
):
    run = start(hr_client, django_capture_on_commit_callbacks, blind=True)
    answer = what_if(
        hr_client,
        run["id"],
        {"release_caps": [{"department": city["lender"].pk, "release_cap": 1}]},
    ).json()
    (removed,) = answer["removed"]
    assert removed["person"]["id"] is None
    assert len(removed["person"]["alias"]) == 10

    queued = start_match_run(city["hr"])  # not executed: its on-commit task never runs here
    assert refusal(what_if(hr_client, queued.pk, {})) == {"run": "not_done"}

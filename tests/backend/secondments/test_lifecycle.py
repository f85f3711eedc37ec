"""A secondment from HR's acceptance to its end: the person confirms or declines, both heads
approve, it starts and ends on its dates, or is cancelled; each step told and audited."""

from datetime import date

import pytest

from apps.audit.models import AuditEvent
from apps.notifications.models import Notification
from apps.secondments import lifecycle
from apps.secondments.models import (
    MatchRun,
    Secondment,
    SecondmentAvailability,
    Suggestion,
    TalentNeed,
)
from apps.secondments.services import decide_suggestions
from tests.factories import DepartmentFactory, TalentNeedFactory, UserFactory


@pytest.fixture
def planned(db):
    """HR accepted Ann of Lending (a division of the Lending bureau) for Receiving's one-seat
    need, from 1 March to 31 August 2027."""
    bureau = DepartmentFactory.create(code="LEND")
    lending = DepartmentFactory.create(code="LEND-DIV", parent=bureau, release_cap_percent=100)
    receiving = DepartmentFactory.create(code="RECV")
    hr = UserFactory.create(roles=["staff", "hr"])
    ann = UserFactory.create(department=lending)
    SecondmentAvailability.objects.create(user=ann, available_from=date(2027, 1, 1))
    need = TalentNeedFactory.create(
        department=receiving, headcount=1, start_date=date(2027, 3, 1), end_date=date(2027, 8, 31)
    )
    run = MatchRun.objects.create(started_by=hr, status="done")
    suggestion = Suggestion.objects.create(
        run=run, need=need, person=ann, fit=70, fit_parts={}, requirements=[], runner_ups=[]
    )
    decide_suggestions(hr, suggestions=[suggestion], decision="accepted")
    return {
        "secondment": Secondment.objects.get(),
        "ann": ann,
        "hr": hr,
        "need": need,
        # The bureau's head acts on its division: the lending side.
        "lending_head": UserFactory.create(department=bureau, roles=["staff", "dept_head"]),
        "receiving_head": UserFactory.create(department=receiving, roles=["staff", "dept_head"]),
        "colleague": UserFactory.create(department=lending),
    }


def told(user, kind):
    return Notification.objects.filter(user=user, kind=kind).count()


def post(client_for, user, secondment, action, body=None):
    return client_for(user).post(
        f"/api/v1/secondments/{secondment.pk}/{action}/", body or {}, format="json"
    )


def test_the_whole_way_from_acceptance_to_completion(planned, client_for) -> None:
    secondment = planned["secondment"]
    assert (secondment.status, secondment.suggestion.person) == ("planned", planned["ann"])
    assert told(planned["ann"], "secondment_planned") == 1

    mine = client_for(planned["ann"]).get(f"/api/v1/secondments/{secondment.pk}/").json()
    assert mine["actions"] == {"confirm": True, "decline": True, "approve": [], "cancel": False}
    assert post(client_for, planned["ann"], secondment, "confirm").json()["status"] == "confirmed"
    assert told(planned["lending_head"], "secondment_confirmed") == 1
    assert told(planned["receiving_head"], "secondment_confirmed") == 1

    lending = post(client_for, planned["lending_head"], secondment, "approve")
    assert lending.json()["status"] == "confirmed"
    assert lending.json()["lending_approved_by"] == planned["lending_head"].display_name
    receiving = post(client_for, planned["receiving_head"], secondment, "approve").json()
    assert receiving["status"] == "approved"
    assert told(planned["ann"], "secondment_approved") == 1
    assert told(planned["hr"], "secondment_approved") == 1
    assert TalentNeed.objects.get(pk=planned["need"].pk).status == "filled"

    assert lifecycle.advance(date(2027, 2, 28)) == {"activated": 0, "completed": 0}
    assert lifecycle.advance(date(2027, 3, 1)) == {"activated": 1, "completed": 0}
    assert [told(planned[who], "secondment_active") for who in ("ann", "receiving_head")] == [1, 1]
    assert lifecycle.advance(date(2027, 8, 31)) == {"activated": 0, "completed": 0}
    assert lifecycle.advance(date(2027, 9, 1)) == {"activated": 0, "completed": 1}
    assert [told(planned[who], "secondment_completed") for who in ("ann", "lending_head")] == [1, 1]
    assert told(planned["colleague"], "secondment_completed") == 0
    secondment.refresh_from_db()
    assert secondment.status == "completed"
    actions = list(
        AuditEvent.objects.filter(object_type="secondments.secondment")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "secondment.planned",
        "secondment.confirmed",
        "secondment.approved",
        "secondment.approved",
        "secondment.active",
        "secondment.completed",
    ]


def test_heads_may_approve_before_the_person_confirms(planned, client_for) -> None:
    secondment = planned["secondment"]
    post(client_for, planned["lending_head"], secondment, "approve", {"side": "lending"})
    post(client_for, planned["receiving_head"], secondment, "approve")

    confirmed = post(client_for, planned["ann"], secondment, "confirm").json()

    assert confirmed["status"] == "approved"
    assert told(planned["lending_head"], "secondment_confirmed") == 0


def test_a_head_approves_only_their_side_and_only_once(planned, client_for) -> None:
    secondment = planned["secondment"]

    wrong_side = post(
        client_for, planned["lending_head"], secondment, "approve", {"side": "receiving"}
    )
    assert (wrong_side.status_code, wrong_side.json()["code"]) == (403, "not_a_head")
    assert post(client_for, planned["lending_head"], secondment, "approve").status_code == 200
    again = post(client_for, planned["lending_head"], secondment, "approve")
    assert again.json()["errors"][0]["code"] == "already_approved"
    bad = post(client_for, planned["lending_head"], secondment, "approve", {"side": "both"})
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (400, "side")
    assert post(client_for, planned["hr"], secondment, "approve").status_code == 403


def test_hr_approve_the_side_of_a_department_without_a_head(planned, client_for) -> None:
    # The lending bureau's head leaves: nobody heads the lending side any more.
    planned["lending_head"].is_active = False
    planned["lending_head"].save()
    secondment = planned["secondment"]
    hr = planned["hr"]
    read = client_for(hr).get(f"/api/v1/secondments/{secondment.pk}/").json()
    assert read["actions"]["approve"] == ["lending"]

    receiving = post(client_for, hr, secondment, "approve", {"side": "receiving"})
    lending = post(client_for, hr, secondment, "approve")

    assert (receiving.status_code, receiving.json()["code"]) == (403, "not_a_head")
    assert lending.status_code == 200
    assert lending.json()["lending_approved_by"] == hr.display_name
    event = AuditEvent.objects.get(action="secondment.approved")
    assert event.after is not None
    assert (event.actor, event.after["sides"], event.after["in_place_of_head"]) == (
        hr,
        ["lending"],
        ["lending"],
    )
    assert post(client_for, planned["receiving_head"], secondment, "approve").status_code == 200


def test_only_the_person_confirms_or_declines(planned, client_for) -> None:
    secondment = planned["secondment"]

    assert post(client_for, planned["receiving_head"], secondment, "confirm").status_code == 403
    assert post(client_for, planned["hr"], secondment, "decline").status_code == 403
    # A colleague does not even see it.
    assert post(client_for, planned["colleague"], secondment, "confirm").status_code == 404
    secondment.refresh_from_db()
    assert secondment.status == "planned"


def test_declining_frees_the_seat_and_tells_hr(planned, client_for) -> None:
    secondment = planned["secondment"]

    declined = post(
        client_for, planned["ann"], secondment, "decline", {"reason": "家中有事"}
    ).json()

    assert (declined["status"], declined["end_reason"]) == ("declined", "家中有事")
    assert told(planned["hr"], "secondment_declined") == 1
    assert post(client_for, planned["ann"], secondment, "confirm").json()["errors"][0]["code"] == (
        "not_planned"
    )
    other = UserFactory.create(department=planned["ann"].department)
    SecondmentAvailability.objects.create(user=other, available_from=date(2027, 1, 1))
    run = MatchRun.objects.create(started_by=planned["hr"], status="done")
    second_choice = Suggestion.objects.create(
        run=run,
        need=planned["need"],
        person=other,
        fit=60,
        fit_parts={},
        requirements=[],
        runner_ups=[],
    )
    decide_suggestions(planned["hr"], suggestions=[second_choice], decision="accepted")
    assert Secondment.objects.filter(person=other, status="planned").exists()


def test_cancelling_needs_a_reason_and_opens_a_filled_need_again(planned, client_for) -> None:
    secondment = planned["secondment"]
    post(client_for, planned["ann"], secondment, "confirm")
    post(client_for, planned["lending_head"], secondment, "approve")
    post(client_for, planned["receiving_head"], secondment, "approve")
    assert TalentNeed.objects.get(pk=planned["need"].pk).status == "filled"

    assert (
        post(client_for, planned["ann"], secondment, "cancel", {"reason": "x"}).status_code == 403
    )
    no_reason = post(client_for, planned["receiving_head"], secondment, "cancel")
    assert (no_reason.status_code, no_reason.json()["errors"][0]["field"]) == (400, "reason")
    cancelled = post(
        client_for, planned["receiving_head"], secondment, "cancel", {"reason": "项目取消"}
    ).json()

    assert (cancelled["status"], cancelled["ended_by"]) == (
        "cancelled",
        planned["receiving_head"].display_name,
    )
    assert TalentNeed.objects.get(pk=planned["need"].pk).status == "open"
    assert told(planned["ann"], "secondment_cancelled") == 1
    assert told(planned["lending_head"], "secondment_cancelled") == 1
    again = post(client_for, planned["hr"], secondment, "cancel", {"reason": "again"})
    assert again.json()["errors"][0]["code"] == "ended"


def test_an_approval_on_or_after_the_start_date_starts_it_at_once(planned, client_for) -> None:
    secondment = planned["secondment"]
    Secondment.objects.filter(pk=secondment.pk).update(start_date=date(2020, 1, 1))
    post(client_for, planned["ann"], secondment, "confirm")
    post(client_for, planned["lending_head"], secondment, "approve")

    started = post(client_for, planned["receiving_head"], secondment, "approve").json()

    assert started["status"] == "active"

"""The pictures of the review: who lends to whom in a run and in the secondments under way,
each department's balance per tier, and how long each department takes to approve."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.secondments.models import MatchRun, Secondment, Suggestion
from tests.factories import DepartmentFactory, TalentNeedFactory, UserFactory


@pytest.fixture
def city(db):
    """Three departments (A, B, C); HR; a finished run."""
    departments = {
        code: DepartmentFactory.create(code=code, name_zh=f"{code}局", name_en=f"Bureau {code}")
        for code in "ABC"
    }
    hr = UserFactory.create(department=departments["C"], roles=["staff", "hr"])
    return {
        **departments,
        "hr": hr,
        "run": MatchRun.objects.create(started_by=hr, status="done"),
    }


def suggest(run, lender, receiver, status, tier="general"):
    return Suggestion.objects.create(
        run=run,
        need=TalentNeedFactory.create(department=receiver),
        person=UserFactory.create(department=lender, tier=tier),
        status=status,
        fit=70,
        fit_parts={},
        requirements=[],
        runner_ups=[],
    )


def second(lender, receiver, status, tier="general", **fields):
    need = TalentNeedFactory.create(department=receiver)
    return Secondment.objects.create(
        person=UserFactory.create(department=lender, tier=tier),
        need=need,
        lending_department=lender,
        receiving_department=receiver,
        start_date=need.start_date,
        end_date=need.end_date,
        status=status,
        **fields,
    )


def brief(department):
    return {
        "id": department.pk,
        "code": department.code,
        "name_zh": department.name_zh,
        "name_en": department.name_en,
    }


def tiers(leader=(0, 0), general=(0, 0), specialist=(0, 0)):
    return [
        {"tier": tier, "lent": lent, "received": received}
        for tier, (lent, received) in [
            ("leader", leader),
            ("general", general),
            ("specialist", specialist),
        ]
    ]


def test_a_runs_flow_counts_the_suggestions_still_standing_both_ways(city, client_for):
    a, b, c, run = city["A"], city["B"], city["C"], city["run"]
    suggest(run, a, b, "proposed", tier="leader")
    suggest(run, a, b, "accepted")
    suggest(run, a, b, "held")
    suggest(run, b, a, "accepted", tier="specialist")  # back the other way
    suggest(run, a, c, "rejected")
    suggest(run, c, b, "withdrawn")
    suggest(MatchRun.objects.create(started_by=city["hr"], status="done"), c, a, "proposed")

    response = client_for(city["hr"]).get(f"/api/v1/match-runs/{run.pk}/flow/")

    assert response.status_code == 200
    assert response.json() == {
        "links": [
            {
                "lending_department": brief(a),
                "receiving_department": brief(b),
                "suggestions": 3,
                "accepted": 1,
            },
            {
                "lending_department": brief(b),
                "receiving_department": brief(a),
                "suggestions": 1,
                "accepted": 1,
            },
        ],
        "balance": [
            {
                "department": brief(a),
                "lent": 3,
                "received": 1,
                "tiers": tiers(leader=(1, 0), general=(2, 0), specialist=(0, 1)),
            },
            {
                "department": brief(b),
                "lent": 1,
                "received": 3,
                "tiers": tiers(leader=(0, 1), general=(0, 2), specialist=(1, 0)),
            },
        ],
    }


def test_a_run_with_nothing_standing_has_an_empty_flow(city, client_for):
    suggest(city["run"], city["A"], city["B"], "rejected")

    response = client_for(city["hr"]).get(f"/api/v1/match-runs/{city['run'].pk}/flow/")

    assert response.json() == {"links": [], "balance": []}


def test_the_flow_under_way_counts_approved_and_active_secondments(city, client_for):
    a, b, c = city["A"], city["B"], city["C"]
    second(a, b, "active", tier="leader")
    second(a, b, "approved")
    second(c, a, "active")
    for status in ("planned", "confirmed", "completed", "declined", "cancelled"):
        second(b, c, status)

    response = client_for(city["hr"]).get("/api/v1/secondments/flow/")

    assert response.status_code == 200
    body = response.json()
    assert body["links"] == [
        {
            "lending_department": brief(a),
            "receiving_department": brief(b),
            "secondments": 2,
            "active": 1,
        },
        {
            "lending_department": brief(c),
            "receiving_department": brief(a),
            "secondments": 1,
            "active": 1,
        },
    ]
    # The most lent first.
    assert body["balance"] == [
        {
            "department": brief(a),
            "lent": 2,
            "received": 1,
            "tiers": tiers(leader=(1, 0), general=(1, 1)),
        },
        {"department": brief(c), "lent": 1, "received": 0, "tiers": tiers(general=(1, 0))},
        {
            "department": brief(b),
            "lent": 0,
            "received": 2,
            "tiers": tiers(leader=(0, 1), general=(0, 1)),
        },
    ]


def test_approval_time_says_who_holds_on_to_people(city, client_for):
    a, b, c = city["A"], city["B"], city["C"]
    now = timezone.now()
    approver = UserFactory.create()

    def made(hours_ago, lender, receiver, status, lending_after=None, receiving_after=None):
        """A secondment made ``hours_ago``, each side approved so many hours after."""
        approvals: dict[str, object] = {}
        for side, after in (("lending", lending_after), ("receiving", receiving_after)):
            if after is not None:
                approvals[f"{side}_approved_by"] = approver
                approvals[f"{side}_approved_at"] = now - timedelta(hours=hours_ago - after)
        secondment = second(lender, receiver, status, **approvals)
        Secondment.objects.filter(pk=secondment.pk).update(
            created_at=now - timedelta(hours=hours_ago)
        )

    # A approved its side as lender after 2 h and 10 h; B as receiver after 4 h and 20 h.
    made(100, a, b, "approved", lending_after=2, receiving_after=4)
    made(100, a, b, "active", lending_after=10, receiving_after=20)
    # C lent one to A 30 h ago and approved after 1 h; A has not approved yet.
    made(30, c, a, "confirmed", lending_after=1)
    # B lends one to A, planned 5 h ago: neither side has approved.
    made(5, b, a, "planned")
    # Cancelled before anyone approved: it waits for no one.
    made(500, b, c, "cancelled")

    response = client_for(city["hr"]).get("/api/v1/secondments/flow/")

    def side(approvals=0, median=None, longest=None, waiting=0, oldest=None):
        return {
            "approvals": approvals,
            "median_hours": median,
            "longest_hours": longest,
            "waiting": waiting,
            "oldest_waiting_hours": oldest,
        }

    times = response.json()["approval_times"]
    # The longest approval or wait first: A (30 h waiting), B (20 h), C (1 h).
    assert [entry["department"]["code"] for entry in times] == ["A", "B", "C"]
    assert times[0] == {
        "department": brief(a),
        "lending": side(approvals=2, median=6.0, longest=10.0),
        "receiving": side(waiting=2, oldest=pytest.approx(30.0, abs=0.1)),
    }
    assert times[1] == {
        "department": brief(b),
        "lending": side(waiting=1, oldest=pytest.approx(5.0, abs=0.1)),
        "receiving": side(approvals=2, median=12.0, longest=20.0),
    }
    assert times[2] == {
        "department": brief(c),
        "lending": side(approvals=1, median=1.0, longest=1.0),
        "receiving": side(),
    }


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        (["staff"], 403),
        (["staff", "dept_head"], 403),
        (["staff", "organiser"], 403),
        (["staff", "hr"], 200),
        (["admin"], 200),
    ],
)
def test_only_reviewers_see_the_pictures(city, client_for, roles, expected):
    client = client_for(UserFactory.create(department=city["A"], roles=roles))

    run = client.get(f"/api/v1/match-runs/{city['run'].pk}/flow/")
    under_way = client.get("/api/v1/secondments/flow/")

    assert (run.status_code, under_way.status_code) == (expected, expected)


def test_signed_out_callers_are_asked_to_sign_in(city, api_client):
    assert api_client.get("/api/v1/secondments/flow/").status_code == 401


def test_a_run_that_does_not_exist_has_no_flow(city, client_for):
    response = client_for(city["hr"]).get("/api/v1/match-runs/999999/flow/")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found.", "errors": []}


def queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_pictures_cost_the_same_queries_for_one_department_pair_or_many(city, client_for):
    client = client_for(city["hr"])
    run_path = f"/api/v1/match-runs/{city['run'].pk}/flow/"

    def busier(count):
        for _ in range(count):
            lender, receiver = DepartmentFactory.create_batch(2)
            suggest(city["run"], lender, receiver, "proposed")
            second(lender, receiver, "active", lending_approved_at=timezone.now())
            second(receiver, lender, "planned")

    busier(1)
    with_one = (queries_for(client, run_path), queries_for(client, "/api/v1/secondments/flow/"))
    busier(3)
    with_four = (queries_for(client, run_path), queries_for(client, "/api/v1/secondments/flow/"))

    # Signing in costs three (the session, the person, their roles); then the run, its grouped
    # suggestions and their departments; the grouped secondments, the approvals, and the
    # departments of each.
    assert with_one == with_four == (6, 7)

"""Match runs: queued by HR, executed on the task runner, kept as structured suggestions."""

from datetime import date

import pytest

from apps.audit.models import AuditEvent
from apps.secondments import runs
from apps.secondments.models import MatchRun, SecondmentAvailability, Suggestion
from apps.secondments.services import start_match_run
from apps.skills.models import Provenance
from tests.factories import (
    DepartmentFactory,
    NeedRequirementFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
)


@pytest.fixture
def city(db):
    lender = DepartmentFactory.create(code="LEND", release_cap_percent=100)
    receiver = DepartmentFactory.create(code="RECV")
    other = DepartmentFactory.create(code="OTHR")
    gis, sql = SkillFactory.create(code="gis"), SkillFactory.create(code="sql")
    people = []
    profiles = ((5, Provenance.EVIDENCED), (4, Provenance.SELF), (3, Provenance.SELF))
    for level, provenance in profiles:
        person = UserFactory.create(department=lender)
        SecondmentAvailability.objects.create(user=person, available_from=date(2027, 1, 1))
        StaffSkillFactory.create(user=person, skill=gis, level=level, provenance=provenance)
        people.append(person)
    need = TalentNeedFactory.create(department=receiver, headcount=1)
    NeedRequirementFactory.create(need=need, skill=gis, min_level=3)
    nobody = TalentNeedFactory.create(department=other, headcount=2)
    NeedRequirementFactory.create(need=nobody, skill=sql, min_level=2)
    return {
        "hr": UserFactory.create(department=other, roles=["staff", "hr"]),
        "people": people,
        "need": need,
        "nobody": nobody,
        "receiver": receiver,
        "other": other,
    }


def started(django_capture_on_commit_callbacks, hr, **options):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_match_run(hr, **options)
    run.refresh_from_db()
    return run


def test_a_run_proposes_explains_and_keeps_its_result(city, django_capture_on_commit_callbacks):
    run = started(django_capture_on_commit_callbacks, city["hr"])
    assert run.status == "done"
    assert run.started_at is not None
    assert run.finished_at is not None
    assert (run.people_count, run.need_count, run.seat_count) == (3, 2, 3)
    assert run.solver == "ortools"
    assert run.floors == "unbound"
    assert set(run.timings) >= {"prepare", "solve", "explain", "total"}
    assert len(run.input_hash) == 64
    (suggestion,) = run.suggestions.all()
    best, second, third = city["people"]
    assert (suggestion.need, suggestion.person, suggestion.status) == (
        city["need"],
        best,
        "proposed",
    )
    assert run.total_fit == suggestion.fit
    assert set(suggestion.fit_parts) == {"must_have", "nice_to_have", "preference", "tier"}
    assert suggestion.requirements == [
        {
            "skill": "gis",
            "must": True,
            "min_level": 3,
            "level": 5,
            "provenance": "evidenced",
            "points": suggestion.fit_parts["must_have"],
            "met": True,
        }
    ]
    assert [r["person"] for r in suggestion.runner_ups] == [second.pk, third.pk]
    first_runner_up = suggestion.runner_ups[0]
    assert first_runner_up["reason"] == "lower_fit"
    assert first_runner_up["loss"] > 0
    assert first_runner_up["moves"] == [
        {"person": best.pk, "from_need": city["need"].pk, "to_need": None},
        {"person": second.pk, "from_need": None, "to_need": city["need"].pk},
    ]
    (unfilled,) = run.unfilled.all()
    assert (unfilled.need, unfilled.seats) == (city["nobody"], 2)
    assert [reason["code"] for reason in unfilled.reasons] == ["no_eligible"]
    # The three people meet every other rule of the need; none holds SQL at level 2.
    assert unfilled.fix == {
        "kind": "skill",
        "department": None,
        "skill": "sql",
        "level": 2,
        "candidates": 3,
    }
    lent = {row["department"]: row["proposed_out"] for row in run.fairness["departments"]}
    assert lent[city["people"][0].department_id] == 1
    assert AuditEvent.objects.filter(action="match_run.started", actor=city["hr"]).count() == 1


def test_the_same_input_gives_the_same_result(city, django_capture_on_commit_callbacks):
    first = started(django_capture_on_commit_callbacks, city["hr"])
    again = started(django_capture_on_commit_callbacks, city["hr"])

    def kept(run: MatchRun) -> list[tuple[object, ...]]:
        return [
            (s.need_id, s.person_id, s.fit, s.fit_parts, s.requirements, s.runner_ups)
            for s in run.suggestions.order_by("need_id", "person_id")
        ]

    assert again.input_hash == first.input_hash
    assert kept(again) == kept(first)
    assert [(u.need_id, u.seats, u.reasons, u.fix) for u in again.unfilled.all()] == [
        (u.need_id, u.seats, u.reasons, u.fix) for u in first.unfilled.all()
    ]


def test_a_run_over_some_departments_considers_only_their_needs(
    city, django_capture_on_commit_callbacks
):
    run = started(django_capture_on_commit_callbacks, city["hr"], departments=[city["other"]])
    assert run.scope == {"departments": [city["other"].pk]}
    assert (run.need_count, run.suggestions.count()) == (1, 0)
    assert [u.need for u in run.unfilled.all()] == [city["nobody"]]


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ({"tier_weight": -1}, "policy tier_weight is -1; expected a finite number >= 0"),
        ({"speed": "fast"}, "unexpected keyword argument 'speed'"),
    ],
)
def test_a_run_the_matcher_refuses_fails_with_the_reason(
    city, django_capture_on_commit_callbacks, policy, message
):
    run = started(django_capture_on_commit_callbacks, city["hr"], policy=policy)
    assert run.status == "failed"
    assert message in run.error
    assert not Suggestion.objects.filter(run=run).exists()


def test_a_run_delivered_twice_runs_once(city, django_capture_on_commit_callbacks):
    run = started(django_capture_on_commit_callbacks, city["hr"])
    runs.execute(run.pk)
    assert Suggestion.objects.filter(run=run).count() == 1


def test_a_run_whose_worker_stopped_ends_failed_not_running_forever(city):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    stuck = MatchRun.objects.create(
        started_by=city["hr"], status="running", started_at=now - timedelta(hours=2)
    )
    busy = MatchRun.objects.create(
        started_by=city["hr"], status="running", started_at=now - timedelta(minutes=5)
    )
    assert runs.fail_stale_runs(now) == 1
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.status, busy.status) == ("failed", "running")
    assert "stopped before the run ended" in stuck.error


def test_a_run_the_sweeper_failed_while_it_worked_stays_failed(
    city, django_capture_on_commit_callbacks, monkeypatch
):
    """The worker was slow, not gone: the sweeper marked its run failed an hour on, and the
    worker's late result must not turn it back to done."""
    from datetime import timedelta

    from django.utils import timezone

    import matching

    def propose_while_swept(*args, **kwargs):
        proposal = matching.propose(*args, **kwargs)
        assert runs.fail_stale_runs(timezone.now() + runs.STALE_AFTER + timedelta(minutes=1)) == 1
        return proposal

    monkeypatch.setattr(runs, "propose", propose_while_swept)
    run = started(django_capture_on_commit_callbacks, city["hr"])
    assert run.status == "failed"
    assert "stopped before the run ended" in run.error
    assert run.total_fit is None
    assert not Suggestion.objects.filter(run=run).exists()

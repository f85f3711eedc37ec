"""Match runs: the matcher over the database, its proposal kept as suggestions.

A run is started by :func:`apps.secondments.services.start_match_run` (queued) and executed
by the task runner (:mod:`apps.secondments.tasks`), which calls :func:`execute`. The
explanations are stored as structure (codes, skill codes, levels, numbers, primary keys),
never as the library's English sentences: the web app puts them into words.
"""

import hashlib
import json
import logging
from dataclasses import asdict, fields, is_dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.core.frames import MatchRunFrame
from apps.realtime.events import frame_to_user
from apps.secondments.matcher_input import MatcherInput, matcher_input
from apps.secondments.models import MatchRun, MatchRunStatus, Suggestion, UnfilledSeats
from apps.secondments.selectors import reviewer_ids
from matching import (
    Explanation,
    Fairness,
    Fix,
    MatchingError,
    Policy,
    Proposal,
    Reason,
    RunnerUp,
    Unfilled,
    propose,
)

logger = logging.getLogger(__name__)

#: A run still running this long after it started has lost its worker.
STALE_AFTER = timedelta(hours=1)


def input_hash(given: MatcherInput, policy: Policy) -> str:
    """SHA-256 of everything the matcher is given, in a canonical form."""
    canonical = {
        "people": given.people,
        "needs": given.needs,
        "departments": given.departments,
        "policy": policy,
    }
    text = json.dumps(canonical, sort_keys=True, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


def _plain(value: Any) -> Any:
    """JSON for what ``json`` does not know: the matcher's dataclasses (field by field, not
    ``asdict``, which deep-copies everything), dates and mapping proxies."""
    kind = type(value)
    if is_dataclass(kind):
        return {name: getattr(value, name) for name in _field_names(kind)}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return dict(value)


def _id(value: str | None) -> int | None:
    return None if value is None else int(value)


def _requirements(explanation: Explanation) -> list[dict[str, Any]]:
    return [
        {
            "skill": match.skill,
            "must": match.must,
            "min_level": match.min_level,
            "level": match.level,
            "provenance": match.provenance,
            "points": match.points,
            "met": match.met,
        }
        for match in explanation.fit.skills
    ]


def _runner_up(runner_up: RunnerUp) -> dict[str, Any]:
    floor = runner_up.floor
    return {
        "person": int(runner_up.person.id),
        "fit": runner_up.fit.total,
        "reason": runner_up.reason,
        "loss": runner_up.loss,
        "placed_in": None if runner_up.placed_in is None else int(runner_up.placed_in.id),
        "moves": [
            {
                "person": int(move.person),
                "from_need": _id(move.from_need),
                "to_need": _id(move.to_need),
            }
            for move in runner_up.moves
        ],
        "floor": None
        if floor is None
        else {"skill": floor.skill, "min_level": floor.min_level, "may_release": floor.may_release},
    }


def _reason(reason: Reason) -> dict[str, Any]:
    return {
        "code": reason.code,
        "people": [int(person) for person in reason.people],
        "departments": [int(department) for department in reason.departments],
        "skill": reason.skill,
        "level": reason.level,
    }


def _fix(fix: Fix) -> dict[str, Any]:
    return {
        "kind": fix.kind,
        "department": _id(fix.department),
        "skill": fix.skill,
        "level": fix.level,
        "candidates": fix.candidates,
    }


def _unfilled(run: MatchRun, unfilled: Unfilled) -> UnfilledSeats:
    # A run explains, so every entry has its smallest fix first.
    fix, *others = [_fix(fix) for fix in (unfilled.fix, *unfilled.other_fixes) if fix]
    return UnfilledSeats(
        run=run,
        need_id=int(unfilled.need.id),
        seats=unfilled.seats,
        reasons=[_reason(reason) for reason in unfilled.reasons],
        fix=fix,
        other_fixes=others,
    )


def _fairness(fairness: Fairness) -> dict[str, Any]:
    return {
        "departments": [
            {**asdict(balance), "department": int(balance.department)}
            for balance in fairness.departments
        ],
        "tiers": [asdict(balance) for balance in fairness.tiers],
    }


def _store(run: MatchRun, given: MatcherInput, proposal: Proposal, digest: str) -> bool:
    """Keep the proposal and mark the run ``done``, if it is still ``running``: a run the
    sweeper failed meanwhile (:func:`fail_stale_runs`) stays failed, with nothing stored.
    Returns whether it was kept. The conditional update comes first, so that on PostgreSQL it
    holds the run's row until the suggestions are written."""
    finished = MatchRun.objects.filter(pk=run.pk, status=MatchRunStatus.RUNNING).update(
        status=MatchRunStatus.DONE,
        finished_at=timezone.now(),
        input_hash=digest,
        solver=proposal.stats.solver,
        floors=proposal.stats.floors,
        timings=dict(proposal.stats.timings),
        people_count=len(given.people),
        need_count=len(given.needs),
        seat_count=sum(need.headcount for need in given.needs),
        total_fit=Decimal(f"{proposal.total_fit:.2f}"),
        fairness=_fairness(proposal.fairness),
    )
    if not finished:
        return False
    Suggestion.objects.bulk_create(
        Suggestion(
            run=run,
            need_id=int(explanation.need.id),
            person_id=int(explanation.person.id),
            fit=Decimal(f"{explanation.fit.total:.2f}"),
            fit_parts=explanation.fit.parts,
            requirements=_requirements(explanation),
            runner_ups=[_runner_up(runner_up) for runner_up in explanation.runner_ups],
        )
        for explanation in proposal.explanations
    )
    UnfilledSeats.objects.bulk_create(_unfilled(run, entry) for entry in proposal.unfilled)
    return True


def _fail(run: MatchRun, error: str) -> None:
    """Mark the run ``failed`` with ``error``, unless the sweeper did first."""
    MatchRun.objects.filter(pk=run.pk, status=MatchRunStatus.RUNNING).update(
        status=MatchRunStatus.FAILED, finished_at=timezone.now(), error=error
    )


def announce(run: MatchRun) -> None:
    """Tell every reviewer's open pages where the run stands (a ``match_run`` frame)."""
    frame: MatchRunFrame = {
        "type": "match_run",
        "run": {
            "id": run.pk,
            "status": run.status,  # type: ignore[typeddict-item]
            "total_fit": None if run.total_fit is None else float(run.total_fit),
            "error": run.error,
        },
    }
    for user_id in reviewer_ids():
        frame_to_user(user_id, frame)


def execute(run_id: int) -> None:
    """Run a queued match run and keep its result; a run not queued is left alone (a task
    delivered twice runs once). A run that fails is marked ``failed`` with the error."""
    claimed = MatchRun.objects.filter(pk=run_id, status=MatchRunStatus.QUEUED).update(
        status=MatchRunStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    run = MatchRun.objects.get(pk=run_id)
    announce(run)
    _run(run)
    run.refresh_from_db()
    announce(run)


def _run(run: MatchRun) -> None:
    try:
        policy = Policy(**run.policy)
    except TypeError as error:  # an option Policy does not have
        _fail(run, str(error))
        return
    try:
        given = matcher_input(timezone.localdate(), run.scope.get("departments"))
        proposal = propose(given.people, given.needs, given.departments, policy=policy)
        digest = input_hash(given, policy)
        with transaction.atomic():
            if not _store(run, given, proposal, digest):
                logger.warning("Match run %s ended after it was marked failed", run.pk)
    except MatchingError as error:
        _fail(run, str(error))
    except Exception as error:
        logger.exception("Match run %s failed", run.pk)
        _fail(run, repr(error))


def fail_stale_runs(now: datetime) -> int:
    """Mark ``failed`` the runs still running ``STALE_AFTER`` after they started: their
    worker stopped (a restart, memory) before it could say so. Returns how many."""
    stale = MatchRun.objects.filter(status=MatchRunStatus.RUNNING, started_at__lt=now - STALE_AFTER)
    failed = 0
    for run in stale:
        failed += MatchRun.objects.filter(pk=run.pk, status=MatchRunStatus.RUNNING).update(
            status=MatchRunStatus.FAILED,
            finished_at=now,
            error="The task runner stopped before the run ended; start it again.",
        )
        run.refresh_from_db()
        announce(run)
    return failed

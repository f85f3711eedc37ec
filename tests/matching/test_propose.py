"""propose(): edge cases, every hard rule, the objective, the tie-break and the solvers."""

from __future__ import annotations

import random
from datetime import date

import pytest

from matching import (
    Policy,
    Requirement,
    SolverUnavailableError,
    UnknownSolverError,
    propose,
)
from matching import network as network_module
from tests.matching.builders import departments, fit_of, need, pairs_of, person

SOLVERS = ["ortools", "networkx"]
DEPTS = departments("D-1", "D-2", "D-9")


# --- edge cases first ------------------------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_no_people_leaves_every_seat_unfilled_with_nobody_eligible(solver):
    proposal = propose([], [need("N-1", headcount=2)], DEPTS, solver=solver)
    assert proposal.assignments == ()
    assert proposal.total_fit == 0.0
    assert [(u.need.id, u.seats) for u in proposal.unfilled] == [("N-1", 2)]
    assert [r.code for r in proposal.unfilled[0].reasons] == ["no_eligible"]


@pytest.mark.parametrize("solver", SOLVERS)
def test_no_needs_proposes_nothing(solver):
    proposal = propose([person("P-1")], [], DEPTS, solver=solver)
    assert (proposal.assignments, proposal.unfilled, proposal.explanations) == ((), (), ())
    assert proposal.stats.eligible_pairs == 0


@pytest.mark.parametrize("solver", SOLVERS)
def test_nothing_at_all(solver):
    proposal = propose([], [], [], solver=solver)
    assert proposal.assignments == ()
    assert proposal.fairness.departments == ()
    assert proposal.fairness.tiers == ()


@pytest.mark.parametrize("solver", SOLVERS)
def test_no_eligible_pair(solver):
    proposal = propose(
        [person("P-1", skills={"SQL": 5})],
        [need("N-1", requirements=[Requirement("GIS", 1)])],
        DEPTS,
        solver=solver,
    )
    assert proposal.assignments == ()
    assert proposal.unfilled[0].reasons[0].code == "no_eligible"
    assert proposal.fairness.tiers[0].candidates == 0


def test_inputs_may_be_any_iterables():
    proposal = propose(iter([person("P-1")]), (n for n in [need("N-1")]), iter(DEPTS))
    assert pairs_of(proposal) == [("P-1", "N-1")]


# --- the hard rules --------------------------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_person_fills_at_most_one_seat(solver):
    proposal = propose(
        [person("P-1")], [need("N-1"), need("N-2"), need("N-3")], DEPTS, solver=solver
    )
    assert len(proposal.assignments) == 1
    assert len(proposal.unfilled) == 2


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_need_gets_at_most_its_headcount(solver):
    people = [person(f"P-{i}") for i in range(5)]
    proposal = propose(people, [need("N-1", headcount=2)], DEPTS, solver=solver)
    assert [a.need.id for a in proposal.assignments] == ["N-1", "N-1"]
    assert proposal.unfilled == ()


@pytest.mark.parametrize("solver", SOLVERS)
def test_nobody_is_proposed_inside_their_own_department(solver):
    proposal = propose(
        [person("P-1", "D-9", skills={"GIS": 5}), person("P-2", "D-1", skills={"GIS": 1})],
        [need("N-1", "D-9")],
        DEPTS,
        solver=solver,
    )
    assert pairs_of(proposal) == [("P-2", "N-1")]


@pytest.mark.parametrize("solver", SOLVERS)
def test_every_must_requirement_is_met(solver):
    strict = need("N-1", requirements=[Requirement("GIS", 3), Requirement("SQL", 2)])
    proposal = propose(
        [
            person("P-1", skills={"GIS": 5}),
            person("P-2", skills={"GIS": 5, "SQL": 1}),
            person("P-3", skills={"GIS": 3, "SQL": 2}),
        ],
        [strict],
        DEPTS,
        solver=solver,
    )
    assert pairs_of(proposal) == [("P-3", "N-1")]


@pytest.mark.parametrize("solver", SOLVERS)
def test_clearance_tier_and_availability_are_rules(solver):
    proposal = propose(
        [
            person("P-1", skills={"GIS": 5}, clearance=0),
            person("P-2", skills={"GIS": 5}, clearance=2, tier="general"),
            person(
                "P-3", skills={"GIS": 5}, clearance=2, tier="leader", available_to=date(2026, 4, 1)
            ),
            person("P-4", skills={"GIS": 1}, clearance=3, tier="leader"),
        ],
        [need("N-1", clearance=2, tier="leader")],
        DEPTS,
        solver=solver,
    )
    assert pairs_of(proposal) == [("P-4", "N-1")]


@pytest.mark.parametrize("solver", SOLVERS)
def test_release_cap_limits_the_people_proposed_per_department(solver):
    people = [person(f"P-{i}", "D-1", skills={"GIS": 5 - i}) for i in range(4)]
    people.append(person("P-9", "D-2", skills={"GIS": 1}))
    proposal = propose(
        people,
        [need("N-1", headcount=4)],
        departments("D-1", "D-2", "D-9", caps={"D-1": 2}),
        solver=solver,
    )
    assert pairs_of(proposal) == [("P-0", "N-1"), ("P-1", "N-1"), ("P-9", "N-1")]
    balance = {b.department: b for b in proposal.fairness.departments}
    assert (balance["D-1"].proposed_out, balance["D-1"].cap_reached) == (2, True)


@pytest.mark.parametrize("solver", SOLVERS)
def test_release_cap_of_zero_keeps_everyone_home(solver):
    proposal = propose(
        [person("P-1", "D-1")],
        [need("N-1")],
        departments("D-1", "D-9", caps={"D-1": 0}),
        solver=solver,
    )
    assert proposal.assignments == ()
    assert proposal.unfilled[0].reasons[0].code == "release_cap"


# --- the objective ---------------------------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_maximises_the_total_where_a_greedy_choice_would_not(solver):
    # P-1 is the best for both needs; a greedy pick of the best pair (P-1 -> N-1) leaves
    # N-2 to P-2, who is weak there. The optimum sends P-1 to N-2 instead.
    p1 = person("P-1", skills={"GIS": (5, "evidenced"), "SQL": (5, "evidenced")})
    p2 = person("P-2", skills={"GIS": (4, "evidenced"), "SQL": (1, "self")})
    n1 = need("N-1", requirements=[Requirement("GIS", 1)])
    n2 = need("N-2", requirements=[Requirement("SQL", 1)])
    proposal = propose([p1, p2], [n1, n2], DEPTS, solver=solver)
    assert pairs_of(proposal) == [("P-1", "N-2"), ("P-2", "N-1")]
    greedy = fit_of(p1, n1).total + fit_of(p2, n2).total
    assert proposal.total_fit > greedy


@pytest.mark.parametrize("solver", SOLVERS)
def test_prefers_fewer_better_moves_to_more_weaker_ones(solver):
    # Filling both needs (P-1 -> N-2, P-2 -> N-1: 43.8 + 43.8) is worth less than the single
    # move P-1 -> N-1 (93.0): maximising the number of moves would be wrong.
    p1 = person("P-1", skills={"GIS": (5, "evidenced"), "SQL": (1, "self")})
    p2 = person("P-2", skills={"GIS": (1, "self")})
    n1 = need("N-1", requirements=[Requirement("GIS", 1)])
    n2 = need("N-2", requirements=[Requirement("SQL", 1)])
    proposal = propose([p1, p2], [n1, n2], DEPTS, solver=solver)
    assert pairs_of(proposal) == [("P-1", "N-1")]
    assert proposal.total_fit == 93.0
    assert fit_of(p1, n2).total + fit_of(p2, n1).total == pytest.approx(87.6)


@pytest.mark.parametrize("solver", SOLVERS)
def test_total_fit_is_the_sum_of_the_assigned_fits(solver):
    people = [person(f"P-{i}", f"D-{1 + i % 2}", {"GIS": 1 + i % 5}) for i in range(8)]
    needs = [need(f"N-{i}", headcount=2) for i in range(3)]
    proposal = propose(people, needs, DEPTS, solver=solver)
    assert proposal.total_fit == pytest.approx(sum(a.fit.total for a in proposal.assignments))
    assert len(proposal.assignments) == 6


# --- the tie-break ---------------------------------------------------------------------------


def _twins(count: int):
    """People who all fit every need exactly as well: a pure tie."""
    return [person(f"P-{i}", "D-1", {"GIS": 3}) for i in range(count)]


@pytest.mark.parametrize("solver", SOLVERS)
def test_id_tie_break_gives_each_person_in_id_order_the_smallest_need(solver):
    proposal = propose(
        _twins(4),
        [need("N-b"), need("N-a"), need("N-c")],
        DEPTS,
        solver=solver,
        policy=Policy(tie_break="id"),
    )
    assert pairs_of(proposal) == [("P-0", "N-a"), ("P-1", "N-b"), ("P-2", "N-c")]


@pytest.mark.parametrize("tie_break", ["lottery", "id"])
def test_ties_are_broken_the_same_way_by_both_solvers_and_any_input_order(tie_break):
    policy = Policy(tie_break=tie_break)
    people, needs = _twins(7), [need(f"N-{i}", headcount=1 + i % 2) for i in range(4)]
    expected = propose(people, needs, DEPTS, policy=policy, solver="networkx")
    rng = random.Random(5)
    for solver in SOLVERS:
        for _ in range(3):
            shuffled_people, shuffled_needs = people[:], needs[:]
            rng.shuffle(shuffled_people)
            rng.shuffle(shuffled_needs)
            depts = DEPTS[::-1]
            assert (
                propose(shuffled_people, shuffled_needs, depts, policy=policy, solver=solver)
                == expected
            )


def test_lottery_tie_break_does_not_favour_low_ids():
    # 40 identical people for 10 identical seats: with the id rule the first ten ids win;
    # the lottery spreads the seats over the id range.
    proposal = propose(_twins(40), [need("N-1", headcount=10)], DEPTS)
    chosen = sorted(int(a.person.id.split("-")[1]) for a in proposal.assignments)
    assert len(chosen) == 10
    assert chosen != list(range(10))
    assert max(chosen) >= 20


# --- solvers ---------------------------------------------------------------------------------


def test_unknown_solver_is_rejected():
    with pytest.raises(UnknownSolverError, match="'simplex'"):
        propose([], [], [], solver="simplex")


def test_ortools_missing_is_reported_and_auto_falls_back_to_networkx(monkeypatch):
    monkeypatch.setattr(network_module, "ortools_available", lambda: False)
    with pytest.raises(SolverUnavailableError, match="ortools"):
        propose([], [], [], solver="ortools")
    proposal = propose([person("P-1")], [need("N-1")], DEPTS, solver="auto")
    assert proposal.stats.solver == "networkx"
    assert pairs_of(proposal) == [("P-1", "N-1")]


def test_auto_uses_ortools_when_installed():
    assert propose([], [], [], solver="auto").stats.solver == "ortools"


def test_stats_describe_the_run():
    proposal = propose(_twins(3), [need("N-1"), need("N-2")], DEPTS)
    stats = proposal.stats
    assert (stats.eligible_pairs, stats.nodes, stats.arcs) == (6, 8, 13)
    assert set(stats.timings) == {
        "prepare",
        "model",
        "solve",
        "tie_break",
        "floors",
        "explain",
        "total",
    }
    assert stats.floors == "unbound"
    assert all(value >= 0 for value in stats.timings.values())


def test_explain_false_skips_runner_ups_and_fixes_but_keeps_the_rest():
    people, needs = _twins(2), [need("N-1"), need("N-2", requirements=[Requirement("SQL", 1)])]
    full = propose(people, needs, DEPTS)
    quick = propose(people, needs, DEPTS, explain=False)
    assert quick.assignments == full.assignments
    assert quick.explanations == ()
    assert [u.reasons for u in quick.unfilled] == [u.reasons for u in full.unfilled]
    assert quick.unfilled[0].fix is None
    assert full.unfilled[0].fix is not None
    assert quick.fairness == full.fairness


def test_matching_prints_nothing(capsys):
    propose(_twins(3), [need("N-1")], DEPTS, solver="networkx")
    propose(_twins(3), [need("N-1")], DEPTS, solver="ortools")
    assert capsys.readouterr() == ("", "")

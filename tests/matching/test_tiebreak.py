"""The tie-break: one canonical optimum whatever optimal flow a solver returns."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from matching import Policy, SolverError, build_flow_model, propose
from matching.network import solve
from matching.tiebreak import canonical_flow, check_flow, potentials
from tests.matching.builders import departments, need, pairs_of, person
from tests.matching.strategies import pair_lottery

DEPTS = departments("D-1", "D-9")


def _arc_index(model):
    labels = model.labels
    return {
        (labels[t], labels[h]): i
        for i, (t, h) in enumerate(zip(model.tails.tolist(), model.heads.tolist(), strict=True))
    }


def _assigned(model, flows):
    labels = model.labels
    pairs = model.pair_arcs
    return sorted(
        (labels[t][1], labels[h][1])
        for t, h, f in zip(
            model.tails[pairs].tolist(),
            model.heads[pairs].tolist(),
            flows[pairs].tolist(),
            strict=True,
        )
        if f
    )


def _twin_model(policy: Policy):
    people = [person(f"P-{i}", "D-1", {"GIS": 3}) for i in range(4)]
    needs = [need("N-a"), need("N-b"), need("N-c")]
    return build_flow_model(people, needs, DEPTS, policy=policy)


def test_any_optimal_flow_is_turned_into_the_same_canonical_one():
    model = _twin_model(Policy(tie_break="id"))
    first = solve(model, "ortools")
    arcs = _arc_index(model)
    # Build another optimum by hand: swap the needs of two assigned twins, or give a seat
    # to the twin left out; each is a zero-cost change.
    alternatives = []
    assigned = _assigned(model, first)
    (p, a), (q, b) = assigned[0], assigned[1]
    swapped = first.copy()
    for old, new in (((p, a), (p, b)), ((q, b), (q, a))):
        swapped[arcs[("person", old[0]), ("need", old[1])]] = 0
        swapped[arcs[("person", new[0]), ("need", new[1])]] = 1
    alternatives.append(swapped)
    left_out = next(f"P-{i}" for i in range(4) if f"P-{i}" not in {x for x, _ in assigned})
    replaced = first.copy()
    replaced[arcs[("person", p), ("need", a)]] = 0
    replaced[arcs[("department", "D-1"), ("person", p)]] = 0
    replaced[arcs[("person", left_out), ("need", a)]] = 1
    replaced[arcs[("department", "D-1"), ("person", left_out)]] = 1
    alternatives.append(replaced)

    canonical, _ = canonical_flow(model, first)
    settled = []
    for flows in [*alternatives, solve(model, "networkx")]:
        check_flow(model, flows)
        assert int(model.costs @ flows) == int(model.costs @ first)
        result, moved = canonical_flow(model, flows)
        settled.append(moved)
        np.testing.assert_array_equal(result, canonical)
    assert any(settled)
    assert _assigned(model, canonical) == [("P-0", "N-a"), ("P-1", "N-b"), ("P-2", "N-c")]


def _lottery_collision():
    """Two people and two needs whose two pairings have the same total lottery number."""
    people = [f"P-{i:02d}" for i in range(40)]
    needs = [f"N-{i:02d}" for i in range(40)]
    table = {(p, n): pair_lottery(p, n) for p in people for n in needs}
    for x, y in itertools.combinations(people, 2):
        for a, b in itertools.combinations(needs, 2):
            if table[x, a] + table[y, b] == table[x, b] + table[y, a]:
                return x, y, a, b
    raise AssertionError("no collision among 40 x 40 ids")  # pragma: no cover


@pytest.mark.parametrize("solver", ["ortools", "networkx"])
def test_a_tie_on_fit_and_lottery_is_settled_by_ids(solver):
    x, y, a, b = _lottery_collision()
    proposal = propose(
        [person(y, "D-1"), person(x, "D-1")], [need(b), need(a)], DEPTS, solver=solver
    )
    assert pairs_of(proposal) == sorted([(x, a), (y, b)])


def test_lottery_decides_before_ids():
    people = [person(f"P-{i}", "D-1") for i in range(2)]
    proposal = propose(people, [need("N-1")], DEPTS)
    winner = proposal.assignments[0].person.id
    expected = max(["P-0", "P-1"], key=lambda pid: (pair_lottery(pid, "N-1"), pid == "P-0"))
    assert winner == expected


def test_potentials_certify_the_solver_flow_is_optimal():
    model = _twin_model(Policy())
    flows = solve(model, "ortools")
    distance = potentials(model, flows)
    reduced = model.costs + distance[model.tails] - distance[model.heads]
    assert np.all(reduced[flows < model.capacities] >= 0)
    assert np.all(reduced[flows > 0] <= 0)


def test_a_flow_that_is_not_optimal_is_rejected():
    model = _twin_model(Policy())
    idle = np.zeros(len(model.tails), dtype=np.int64)
    idle[0] = model.supply  # everything through the bypass: nobody proposed
    check_flow(model, idle)
    with pytest.raises(SolverError, match="not optimal"):
        canonical_flow(model, idle)


def test_an_infeasible_flow_is_rejected():
    model = _twin_model(Policy())
    with pytest.raises(SolverError, match="balance"):
        canonical_flow(model, np.zeros(len(model.tails), dtype=np.int64))
    with pytest.raises(SolverError, match="capacities"):
        canonical_flow(model, np.full(len(model.tails), 99, dtype=np.int64))
